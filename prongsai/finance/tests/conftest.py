from pathlib import Path

import pytest

from prongsai.agencies.tests.factories import DepartmentFactory, Role, member

SEED = Path(__file__).resolve().parents[2] / "plans" / "fixtures" / "pathumwan-2566.txt"


@pytest.fixture
def fin(world):
    """The world plus ฝ่ายการคลัง and one of its officers."""
    world.finance = DepartmentFactory(
        agency=world.agency, code="finance", name="ฝ่ายการคลัง", name_en="Finance"
    )
    world.finance_officer = member(world.agency, Role.OFFICER, world.finance, username="fon.finance")
    return world


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path
