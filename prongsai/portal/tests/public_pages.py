"""The public pages the browser and accessibility tests visit. Each module adds its pages here."""


def public_paths(world) -> list[str]:
    from prongsai.disclosure import services
    from prongsai.disclosure.models import Catalogue
    from prongsai.plans.tests.helpers import import_seed

    slug = world.agency.slug
    plan = import_seed(world).plan
    services.catalogues_load_shipped()
    services.catalogue_adopt(
        actor=world.coordinator,
        agency=world.agency,
        catalogue=Catalogue.objects.get(scheme="bangkok-district", year=2566),
    )
    return [
        "/",
        f"/{slug}/",
        f"/{slug}/plan/{plan.fiscal_year}/",
        f"/{slug}/oit/2566/",
        f"/{slug}/oit/2566/o01/",
        f"/{slug}/oit/2566/o30/",
        "/staff/login/",
        "/search/",
        "/search/?q=ปทุมวัน",
        f"/{slug}/search/?q=ประชาสัมพันธ์",
    ]
