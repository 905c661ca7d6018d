import io

import pytest
from openpyxl import load_workbook

from prongsai.agencies.demo import demo_agency_ensure, demo_staff_ensure
from prongsai.finance import selectors
from prongsai.finance.demo import load_demo
from prongsai.finance.models import Budget, Method, Procurement

pytestmark = pytest.mark.django_db


def test_the_demo_gives_a_year_of_budget_and_procurement_with_empty_months_and_red_flags(client, media):
    out = io.StringIO()
    agency, _created = demo_agency_ensure()
    demo_staff_ensure(agency, "a-long-demo-password-1")

    load_demo(agency, stdout=out)
    load_demo(agency, stdout=out)  # idempotent

    budget = Budget.objects.get(agency=agency, fiscal_year=2566)
    assert budget.is_published and budget.ordinance and budget.subsidies.count() == 7
    report = selectors.spending_report(selectors.budget_with_lines(Budget.objects.all(), pk=budget.pk))
    assert str(report.as_of) == "2023-05-10" and len(report.differences) == 2
    assert budget.snapshots.count() == 8
    procurements = Procurement.objects.filter(agency=agency)
    assert procurements.count() >= 25
    assert set(procurements.values_list("method", flat=True)) == set(Method.values)
    assert "nothing added" in out.getvalue()
    kinds = {flag.kind for flag in selectors.red_flags(agency, 2566)}
    assert kinds == {"single_bidder", "near_reference", "split", "dominant_winner"}
    may = load_workbook(io.BytesIO(client.get("/pathumwan/procurement/skr1/2566-05.xlsx").content)).active
    assert "ไม่มีการจัดซื้อจัดจ้าง" in str(list(may.values))
    assert client.get("/pathumwan/budget/2566/").status_code == 200
    assert client.get("/pathumwan/procurement/2566/").status_code == 200
