"""Importing a period's table from Excel or CSV: all of a file or nothing, every bad row reported."""

import datetime
from decimal import Decimal

import pytest

from prongsai.agencies.models import AuditEntry
from prongsai.datasets import services
from prongsai.datasets.models import DatasetRow
from prongsai.datasets.values import ValueProblem, parse_period, parse_value

from .helpers import NOV, OCT, csv_upload, make_dataset, xlsx_upload

pytestmark = pytest.mark.django_db


def test_a_file_with_bad_rows_reports_each_of_them_and_saves_nothing(world):
    dataset = make_dataset(world)
    upload = csv_upload(
        "ช่วงเวลา,ประเภทรายได้,จำนวนราย,จำนวนเงิน,วันที่รับเงิน\n"
        '2565-10,ภาษีป้าย,10,"1,000.00",5 ต.ค. 65\n'
        "2565-10,ค่าธรรมเนียม,สิบ,200,\n"
        "2565-13,ค่าปรับ,1,300,\n"
        "2565-11,,2,abc,31 พ.ย. 65\n"
    )
    result = services.dataset_import(actor=world.officer, dataset=dataset, upload=upload)
    assert not result.saved
    found = {(p.row, p.column) for p in result.problems}
    assert found == {
        (3, "จำนวนราย"),
        (4, "ช่วงเวลา"),
        (5, "ประเภทรายได้"),
        (5, "จำนวนเงิน"),
        (5, "วันที่รับเงิน"),
    }
    reasons = {(p.row, p.column): p.reason for p in result.problems}
    assert "ไม่ใช่จำนวนเต็ม" in reasons[(3, "จำนวนราย")]
    assert reasons[(5, "ประเภทรายได้")] == "ต้องกรอก"
    assert "ไม่มีวันที่นี้ในปฏิทิน" in reasons[(5, "วันที่รับเงิน")]
    assert not DatasetRow.objects.filter(dataset=dataset).exists()


def test_a_good_import_saves_every_period_of_the_file_and_is_audited(world):
    dataset = make_dataset(world)
    upload = csv_upload(
        "ช่วงเวลา,ประเภทรายได้,จำนวนราย (ราย),จำนวนเงิน,วันที่รับเงิน\n"
        'ต.ค. 2565,ภาษีป้าย,๑๐,"๑,๒๓๔.๕๐",๕ ต.ค. ๖๕\n'
        "2565-10,ค่าธรรมเนียม,3,200,\n"
        'พฤศจิกายน 2565,ภาษีป้าย,"1,200",฿99.5,30/11/2565\n',
        bom=False,
    )
    result = services.dataset_import(actor=world.officer, dataset=dataset, upload=upload)
    assert result.saved, result.problems
    assert result.periods == {OCT: 2, NOV: 1}
    first = DatasetRow.objects.get(dataset=dataset, period=OCT, order=0)
    assert first.values == {"kind": "ภาษีป้าย", "count": 10, "amount": "1234.50", "paid_on": "2022-10-05"}
    november = DatasetRow.objects.get(dataset=dataset, period=NOV)
    assert november.values["count"] == 1200 and november.values["amount"] == "99.50"
    assert november.values["paid_on"] == "2022-11-30"
    assert AuditEntry.objects.filter(
        agency=world.agency, model="datasets.import", actor=world.officer
    ).exists()


def test_an_xlsx_with_a_chosen_period_replaces_that_period_and_keeps_the_old_rows_in_the_audit(world):
    dataset = make_dataset(world)
    services.rows_replace(
        actor=world.coordinator, dataset=dataset, period=OCT, rows=[{"kind": "เดิม", "amount": "1.00"}]
    )
    upload = xlsx_upload(
        [
            [],
            ["ประเภทรายได้", "จำนวนเงิน", "จำนวนราย", "วันที่รับเงิน"],
            ["ภาษีป้าย", 1500.25, 4, datetime.datetime(2022, 10, 3)],
            ["ค่าธรรมเนียม", 20, 1.0, None],
        ]
    )
    result = services.dataset_import(actor=world.officer, dataset=dataset, upload=upload, period=OCT)
    assert result.saved, result.problems
    assert result.replaced == {OCT: 1}
    rows = list(DatasetRow.objects.filter(dataset=dataset, period=OCT).order_by("order"))
    assert [r.values["kind"] for r in rows] == ["ภาษีป้าย", "ค่าธรรมเนียม"]
    assert rows[0].values["amount"] == "1500.25" and rows[1].values["count"] == 1
    assert rows[0].values["paid_on"] == "2022-10-03"
    entry = AuditEntry.objects.filter(model="datasets.datasetrow", action="change").latest("seq")
    assert entry.before["rows"] == [{"kind": "เดิม", "amount": "1.00"}]


def test_xlsx_row_numbers_are_those_excel_shows(world):
    dataset = make_dataset(world)
    upload = xlsx_upload([["ประเภทรายได้", "จำนวนเงิน"], ["ก", 10], [], ["ข", "สิบบาท"]])
    result = services.dataset_import(actor=world.officer, dataset=dataset, upload=upload, period=OCT)
    assert [(p.row, p.column) for p in result.problems] == [(4, "จำนวนเงิน")]
    assert not DatasetRow.objects.exists()


def test_a_wrong_header_or_a_missing_period_is_reported_without_reading_rows(world):
    dataset = make_dataset(world)
    result = services.dataset_import(
        actor=world.officer, dataset=dataset, upload=csv_upload("ประเภท,เงิน\nก,1\n")
    )
    problems = {(p.row, p.column, p.reason) for p in result.problems}
    assert (1, "ประเภท", "ไม่รู้จักหัวคอลัมน์นี้ หรือซ้ำกับคอลัมน์อื่น") in problems
    assert (1, "ประเภทรายได้", "ไม่มีคอลัมน์นี้ในไฟล์ ซึ่งต้องกรอก") in problems
    assert any(p.column == "ช่วงเวลา" for p in result.problems)


def test_a_file_that_is_not_a_table_is_refused_by_its_content(world):
    dataset = make_dataset(world)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("data.csv", b"%PDF-1.4\n")
    result = services.dataset_import(actor=world.officer, dataset=dataset, upload=upload, period=OCT)
    assert result.file_error and not result.saved


@pytest.mark.parametrize(
    "text,expected",
    [
        ("2566-03", datetime.date(2023, 3, 1)),
        ("๒๕๖๖-๐๓", datetime.date(2023, 3, 1)),
        ("03/2566", datetime.date(2023, 3, 1)),
        ("มี.ค. 66", datetime.date(2023, 3, 1)),
        ("มีนาคม ๒๕๖๖", datetime.date(2023, 3, 1)),
        ("15 มี.ค. 2566", datetime.date(2023, 3, 1)),
    ],
)
def test_periods_are_read_in_buddhist_era_with_either_digits(text, expected):
    assert parse_period("monthly", text) == expected


def test_quarters_and_years_are_fiscal():
    assert parse_period("quarterly", "ไตรมาส 1/2566") == datetime.date(2022, 10, 1)
    assert parse_period("quarterly", "2566-02") == datetime.date(2023, 1, 1)
    assert parse_period("yearly", "2566") == datetime.date(2022, 10, 1)
    with pytest.raises(ValueProblem):
        parse_period("monthly", "2023-03")


def test_values_accept_thai_digits_commas_and_be_dates_and_refuse_the_rest():
    assert parse_value("integer", "๑,๒๐๐") == 1200
    assert parse_value("decimal", "๓.๕") == "3.5"
    assert Decimal(parse_value("money", "1,234.5 บาท")) == Decimal("1234.50")
    assert parse_value("date", "๓๐ มี.ค. ๖๖") == "2023-03-30"
    for kind, bad in [("integer", "1.5"), ("money", "หนึ่งร้อย"), ("date", "30/03/2023")]:
        with pytest.raises(ValueProblem):
            parse_value(kind, bad)
