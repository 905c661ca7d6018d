"""The public pages the browser and accessibility tests visit. Each module adds its pages here."""


def public_paths(world) -> list[str]:
    from prongsai.plans.tests.helpers import import_seed

    slug = world.agency.slug
    plan = import_seed(world).plan
    return [
        "/",
        f"/{slug}/",
        f"/{slug}/plan/{plan.fiscal_year}/",
        "/staff/login/",
        "/search/",
        "/search/?q=ปทุมวัน",
        f"/{slug}/search/?q=ประชาสัมพันธ์",
    ]
