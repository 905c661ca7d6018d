import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from prongsai.finance import selectors, services
from prongsai.finance.checks import PrintedRow, check_report
from prongsai.finance.models import Budget, Category, Disbursement
from prongsai.plans.services import plan_import

from .conftest import SEED
from .helpers import SEED_ROWS, SEED_TOTAL, seed_budget, seed_table

pytestmark = pytest.mark.django_db


def _independent_sum(column: int) -> Decimal:
    return sum((Decimal(row[column].replace(",", "")) for row in SEED_ROWS), Decimal("0.00"))


def test_the_seed_table_imports_with_exactly_its_two_inconsistencies(world):
    result = seed_budget(world, publish=False)

    found = [(m.subject, m.column, m.printed, m.expected) for m in result.mismatches]
    assert found == [
        ("งบลงทุน", "remaining", Decimal("43979516.60"), Decimal("43979471.00")),
        ("รวม", "disbursed", Decimal("160369084.90"), Decimal("160369130.50")),
    ]
    investment, total = result.mismatches
    assert "43,979,516.60" in investment.message and "43,979,471.00" in investment.message
    assert "1,539,803.40" in investment.explanation  # what the printed remaining implies
    # Both mismatches point at one typed figure: the explanation says so.
    assert "1,539,803.40" in total.explanation and "1,539,849.00" in total.explanation


def test_the_percentages_of_the_seed_are_read_as_shares_of_the_whole_budget(world):
    result = seed_budget(world, publish=False)

    assert result.rate_base == "share"
    report = selectors.spending_report(result.budget)
    personnel = report.categories[0]
    assert report.share(personnel) == Decimal("28.10")  # as printed
    assert report.rate_of(personnel) == Decimal(
        "58.15"
    )  # the category's own rate, which the seed does not print


def test_no_row_is_fixed_or_dropped_and_the_records_keep_what_was_typed(world):
    budget = seed_budget(world, publish=False).budget

    lines = {line.category: line for line in budget.lines.all()}
    assert list(lines) == list(Category.values)
    assert lines[Category.INVESTMENT].amount == Decimal("45519320.00")
    snapshot = budget.snapshots.get()
    assert str(snapshot.as_of) == "2023-05-10"
    assert Disbursement.objects.get(snapshot=snapshot, line=lines[Category.INVESTMENT]).amount == Decimal(
        "1539849.00"
    )
    assert budget.printed["rows"][2]["remaining"] == "43,979,516.60"  # the printed figure, kept as printed


def test_the_totals_are_decimals_equal_to_independently_computed_sums(world):
    report = selectors.spending_report(seed_budget(world, publish=False).budget)

    assert isinstance(report.allocated, Decimal) and isinstance(report.disbursed, Decimal)
    assert report.allocated == _independent_sum(1) == Decimal("391235680.00")
    assert report.disbursed == _independent_sum(2) == Decimal("160369130.50")
    assert report.remaining == report.allocated - report.disbursed == Decimal("230866549.50")
    assert report.rate == Decimal("40.99")
    assert [r.remaining for r in report.categories][2] == Decimal("43979471.00")


def test_a_consistent_table_reports_nothing():
    rows = [PrintedRow(1, "งบบุคลากร", Decimal("100.00"), Decimal("40.00"), Decimal("60.00"), Decimal("20.00")),
            PrintedRow(2, "งบลงทุน", Decimal("100.00"), Decimal("10.00"), Decimal("90.00"), Decimal("5.00"))]  # fmt: skip
    total = PrintedRow(3, "รวม", Decimal("200.00"), Decimal("50.00"), Decimal("150.00"), Decimal("25.00"))

    assert check_report(rows, total).mismatches == []


def test_a_percentage_that_is_neither_share_nor_rate_is_reported():
    rows = [PrintedRow(1, "งบบุคลากร", Decimal("100.00"), Decimal("40.00"), Decimal("60.00"), Decimal("40.00")),
            PrintedRow(2, "งบลงทุน", Decimal("100.00"), Decimal("10.00"), Decimal("90.00"), Decimal("7.00"))]  # fmt: skip

    check = check_report(rows, None)

    assert check.rate_base == "category"
    assert [(m.subject, m.printed, m.expected) for m in check.mismatches] == [
        ("งบลงทุน", Decimal("7.00"), Decimal("10.00"))
    ]


def test_a_row_that_is_no_expense_category_refuses_the_whole_table_and_saves_nothing(world):
    table = seed_table()
    table["rows"][1]["category"] = "งบพิเศษ"
    table["rows"][3]["allocated"] = "เก้าล้าน"

    with pytest.raises(services.BudgetImportError) as refused:
        services.budget_import_printed(
            actor=world.coordinator, agency=world.agency, fiscal_year=2566, table=table
        )

    assert any("งบพิเศษ" in p for p in refused.value.problems)
    assert any("เก้าล้าน" in p for p in refused.value.problems)
    assert not Budget.objects.exists()


def test_importing_the_same_table_again_changes_nothing(world):
    first = seed_budget(world, publish=False)
    again = services.budget_import_printed(
        actor=world.coordinator, agency=world.agency, fiscal_year=2566, table=seed_table()
    )

    assert again.budget == first.budget
    assert again.lines_created == again.lines_updated == 0
    assert first.budget.lines.count() == 5 and first.budget.snapshots.count() == 1


def test_the_plan_import_hands_its_budget_table_to_finance_with_the_printed_figures(world):
    plan_import(actor=world.coordinator, agency=world.agency, fiscal_year=2566, text=SEED.read_text())

    budget = Budget.objects.get(agency=world.agency, fiscal_year=2566)
    assert budget.source == Budget.Source.PLAN
    assert not budget.is_published  # the coordinator publishes it
    assert [(m["subject"], m["column"]) for m in budget.printed["mismatches"]] == [
        ("งบลงทุน", "remaining"),
        ("รวม", "disbursed"),
    ]
    report = selectors.spending_report(budget)
    assert report.disbursed == Decimal("160369130.50")
    assert str(report.as_of) == "2023-05-10"


def test_a_dry_run_of_the_plan_import_hands_over_nothing(world):
    plan_import(
        actor=world.coordinator, agency=world.agency, fiscal_year=2566, text=SEED.read_text(), dry_run=True
    )

    assert not Budget.objects.exists()


def _xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_seed_table_saved_as_xlsx_imports_with_the_same_two_mismatches(world):
    data = _xlsx(
        [
            ["รายงานสรุปการใช้จ่ายงบประมาณสำนักงานเขตปทุมวัน ปีงบประมาณ 2566"],
            ["หมวดรายจ่าย", "งบประมาณหลังปรับโอน", "เบิกจ่ายทั้งสิ้น", "งบประมาณคงเหลือ", "ร้อยละการเบิกจ่าย"],
            *[[r[0], *(float(x.replace(",", "")) for x in r[1:])] for r in SEED_ROWS],
            [SEED_TOTAL[0], *(float(x.replace(",", "")) for x in SEED_TOTAL[1:])],
            ["ข้อมูล ณ วันที่ 10 พ.ค.66"],
        ]
    )
    table = services.report_table_from_file(data, "xlsx")
    result = services.budget_import_printed(
        actor=world.coordinator, agency=world.agency, fiscal_year=2566, table=table
    )

    assert [(m.subject, m.column) for m in result.mismatches] == [
        ("งบลงทุน", "remaining"),
        ("รวม", "disbursed"),
    ]
    assert [m.line for m in result.mismatches] == [5, 8]  # the rows of the sheet
    assert str(selectors.spending_report(result.budget).as_of) == "2023-05-10"


def test_transfers_and_sub_lines_are_in_the_computed_allocation(world):
    budget = services.budget_create(actor=world.coordinator, agency=world.agency, fiscal_year=2567)
    ops = services.budget_line_create(
        actor=world.coordinator, budget=budget, category=Category.OPERATIONS, name="ค่าตอบแทน ใช้สอยและวัสดุ",
        amount=Decimal("0.00"),
    )  # fmt: skip
    a = services.budget_line_create(actor=world.coordinator, budget=budget, category=Category.OPERATIONS,
                                    name="ค่าวัสดุ", amount=Decimal("1000.00"), parent=ops)  # fmt: skip
    b = services.budget_line_create(actor=world.coordinator, budget=budget, category=Category.OPERATIONS,
                                    name="ค่าใช้สอย", amount=Decimal("500.00"), parent=ops)  # fmt: skip
    import datetime

    services.transfer_create(actor=world.coordinator, budget=budget, from_line=a, to_line=b,
                             amount=Decimal("200.00"), transferred_on=datetime.date(2024, 1, 5))  # fmt: skip
    services.snapshot_record(actor=world.coordinator, budget=budget, as_of=datetime.date(2024, 1, 31),
                             amounts={a.pk: Decimal("100.00"), b.pk: Decimal("650.00")})  # fmt: skip

    report = selectors.spending_report(selectors.budget_with_lines(Budget.objects.all(), pk=budget.pk))
    rows = {r.label: r for r in report.rows}
    assert rows["ค่าวัสดุ"].allocated == Decimal("800.00") and rows["ค่าใช้สอย"].allocated == Decimal("700.00")
    assert rows["งบดำเนินงาน"].allocated == Decimal("1500.00") == report.allocated
    assert report.disbursed == Decimal("750.00")


def test_the_month_by_month_view_puts_the_spending_plan_against_the_snapshots(world):
    import datetime

    budget = seed_budget(world).budget
    months = [datetime.date(2022, 10, 1), datetime.date(2022, 11, 1)]
    services.spending_plan_set(actor=world.coordinator, budget=budget, category=Category.PERSONNEL,
                               amounts={months[0]: Decimal("15000000.00"), months[1]: Decimal("15500000.50")})  # fmt: skip
    services.snapshot_record(actor=world.coordinator, budget=budget, as_of=datetime.date(2022, 10, 31),
                             amounts={budget.lines.get(category=Category.PERSONNEL).pk: Decimal("14800000.00")})  # fmt: skip

    rows = selectors.monthly_plan_actual(selectors.budget_with_lines(Budget.objects.all(), pk=budget.pk))

    assert len(rows) == 12 and rows[0]["from_plan"]
    assert rows[0]["planned"] == Decimal("15000000.00") and rows[1]["planned"] == Decimal("30500000.50")
    assert rows[0]["disbursed"] == Decimal("14800000.00")  # the snapshot of 31 Oct
    assert rows[1]["disbursed"] is None  # no snapshot in November
    assert rows[7]["disbursed"] == Decimal("160369130.50")  # 10 May, the seed's


def test_a_month_outside_the_fiscal_year_is_refused(world):
    import datetime

    budget = seed_budget(world).budget
    with pytest.raises(services.ValidationError):
        services.spending_plan_set(actor=world.coordinator, budget=budget, category=Category.PERSONNEL,
                                   amounts={datetime.date(2024, 1, 1): Decimal("1.00")})  # fmt: skip
    assert not budget.planned.exists()
