"""The periodic stock-take: a department confirms each of its assets (found, damaged, missing) with the date
and who checked; an incomplete check is refused; a damaged asset's condition follows."""

import pytest

from prongsai.property.models import Condition, StockTake

from .helpers import make_asset

pytestmark = pytest.mark.django_db

BASE = "/staff/pathumwan/property"


def test_an_officer_records_the_stocktake_of_their_department(world, login):
    a = make_asset(world, number="A-1")
    b = make_asset(world, number="A-2")
    c = make_asset(world, number="A-3")
    make_asset(world, number="W-1", department=world.public_works)
    client = login(world.officer)
    page = client.get(f"{BASE}/stocktakes/new/?department={world.administration.pk}").content.decode()
    assert "A-1" in page and "W-1" not in page
    response = client.post(
        f"{BASE}/stocktakes/new/",
        {
            "department": world.administration.pk,
            "checked_on": "๓๐ ก.ย. ๒๕๖๖",
            f"asset-{a.pk}": "found",
            f"asset-{b.pk}": "damaged",
            f"asset-{c.pk}": "missing",
        },
    )
    stocktake = StockTake.objects.get()
    assert (
        response.status_code == 302
        and str(stocktake.checked_on) == "2023-09-30"
        and stocktake.checked_by == world.officer
    )
    assert {line.asset.number: line.result for line in stocktake.lines.all()} == {
        "A-1": "found",
        "A-2": "damaged",
        "A-3": "missing",
    }
    b.refresh_from_db()
    assert b.condition == Condition.DAMAGED
    detail = client.get(f"{BASE}/stocktakes/{stocktake.pk}/").content.decode()
    assert "ไม่พบ 1" in detail


def test_an_incomplete_stocktake_is_refused_and_nothing_saved(world, login):
    a = make_asset(world, number="A-1")
    make_asset(world, number="A-2")
    response = login(world.officer).post(
        f"{BASE}/stocktakes/new/",
        {"department": world.administration.pk, "checked_on": "30 ก.ย. 2566", f"asset-{a.pk}": "found"},
    )
    assert response.status_code == 422 and "A-2" in response.content.decode()
    assert not StockTake.objects.exists()


def test_another_departments_stocktake_is_forbidden(world, login):
    make_asset(world, department=world.public_works)
    client = login(world.officer)
    assert client.get(f"{BASE}/stocktakes/new/?department={world.public_works.pk}").status_code == 403
    assert (
        login(world.auditor).get(f"{BASE}/stocktakes/new/?department={world.public_works.pk}").status_code
        == 403
    )
    assert login(world.auditor).get(f"{BASE}/stocktakes/").status_code == 200
