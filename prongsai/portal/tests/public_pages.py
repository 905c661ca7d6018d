"""The public pages the browser and accessibility tests visit. Each module adds its pages here."""


def public_paths(world) -> list[str]:
    from prongsai.datasets.tests.helpers import make_dataset
    from prongsai.disclosure import services
    from prongsai.disclosure.models import Catalogue
    from prongsai.eservice.tests.helpers import apply, make_service
    from prongsai.finance.tests.helpers import procurement, seed_budget
    from prongsai.plans.tests.helpers import publish_seed

    slug = world.agency.slug
    dataset = make_dataset(world)
    plan = publish_seed(world).plan
    services.catalogues_load_shipped()
    services.catalogue_adopt(
        actor=world.coordinator,
        agency=world.agency,
        catalogue=Catalogue.objects.get(scheme="bangkok-district", year=2566),
    )
    service = make_service(world)
    applied = apply(world, service)
    from prongsai.assessment.tests.helpers import open_round

    survey = open_round(world)
    seed_budget(world)
    procurement(world)
    return [
        f"/{slug}/budget/2566/",
        f"/{slug}/procurement/2566/",
        f"/{slug}/services/",
        f"/{slug}/services/{service.slug}/",
        f"/{slug}/services/{service.slug}/apply/",
        f"/{slug}/services/statistics/{plan.fiscal_year}/",
        "/track/",
        f"/track/{applied.code}/",
        f"/track/{applied.code}/r/{applied.receipt_token}/",
        f"/track/{applied.code}/rate/{applied.rating_token}/",
        f"/{slug}/survey/iit/{survey.code}/",
        f"/{slug}/survey/eit/{survey.code}/",
        "/",
        f"/{slug}/",
        f"/{slug}/plan/{plan.fiscal_year}/",
        f"/{slug}/oit/2566/",
        f"/{slug}/oit/2566/o01/",
        f"/{slug}/oit/2566/o30/",
        f"/{slug}/about/",
        f"/{slug}/laws/",
        f"/{slug}/schools/",
        f"/{slug}/contact/",
        f"/{slug}/news/",
        f"/{slug}/datasets/",
        f"/{slug}/datasets/{dataset.slug}/",
        f"/{slug}/complaints/",
        f"/{slug}/complaints/new/",
        f"/{slug}/complaints/statistics/2566/",
        f"/{slug}/feedback/",
        f"/{slug}/feedback/status/",
        f"/{slug}/questions/",
        f"/{slug}/property/",
        f"/{slug}/property/rules/",
        f"/{slug}/property/lend/",
        f"/{slug}/property/donations/2566/",
        f"/{slug}/property/seized/2566/",
        "/report/",
        "/staff/login/",
        "/search/",
        "/search/?q=ปทุมวัน",
        f"/{slug}/search/?q=ประชาสัมพันธ์",
    ]
