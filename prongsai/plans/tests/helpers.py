from pathlib import Path

from prongsai.agencies.tests.factories import DepartmentFactory
from prongsai.plans.parser import DEFAULT_DEPARTMENTS
from prongsai.plans.services import plan_import

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "pathumwan-2566.txt"


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def all_departments(agency):
    """Give the agency every department the seed names (the world fixture has only three)."""
    existing = set(agency.departments.values_list("name", flat=True))
    for index, name in enumerate(DEFAULT_DEPARTMENTS):
        if name not in existing:
            DepartmentFactory(agency=agency, code=f"d{index}", name=name)


def import_seed(world, **kwargs):
    all_departments(world.agency)
    return plan_import(
        actor=world.coordinator, agency=world.agency, fiscal_year=2566, text=seed_text(), **kwargs
    )


def publish_seed(world, **kwargs):
    """The seed imported and its import review done as the demo's coordinator does it: published."""
    from prongsai.plans.demo import resolve_seed_warnings

    result = import_seed(world, **kwargs)
    resolve_seed_warnings(result.plan, actor=world.coordinator)
    return result
