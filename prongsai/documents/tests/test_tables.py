import datetime
from decimal import Decimal

import pytest

from prongsai.documents.tables import Column, GroupRow, HeaderGroup, Table, cell_text

from .samples import skr1_table

MONEY = Column("amount", "จำนวนเงิน", kind="money")
DATE = Column("due", "วันที่", kind="date")


def test_money_is_shown_with_two_places_and_thousands_in_the_tables_digits():
    assert cell_text(Decimal("1234567.5"), MONEY, "thai") == "๑,๒๓๔,๕๖๗.๕๐"
    assert cell_text(Decimal("1234567.5"), MONEY, "arabic") == "1,234,567.50"
    assert cell_text(12500, MONEY, "arabic") == "12,500.00"


def test_dates_are_shown_in_the_buddhist_era():
    assert cell_text(datetime.date(2023, 3, 30), DATE, "thai") == "๓๐ มี.ค. ๖๖"
    assert cell_text(datetime.date(2023, 3, 30), DATE, "arabic") == "30 มี.ค. 66"
    long_date = Column("due", "วันที่", kind="date", date_style="long")
    assert cell_text(datetime.date(2023, 3, 30), long_date, "thai") == "๓๐ มีนาคม ๒๕๖๖"


def test_numbers_and_percentages_follow_the_digits_but_strings_are_left_alone():
    assert cell_text(1234, Column("n", "จำนวน", kind="number"), "thai") == "๑,๒๓๔"
    assert cell_text(Decimal("28.1"), Column("p", "ร้อยละ", kind="percent"), "arabic") == "28.10"
    # A string may hold a URL or a code whose digits must not change.
    assert (
        cell_text("https://eservice.bangkok.go.th/2566", MONEY, "thai")
        == "https://eservice.bangkok.go.th/2566"
    )
    assert cell_text(None, MONEY, "thai") == ""


def test_floats_and_datetimes_are_refused_because_they_lose_money_or_the_day():
    with pytest.raises(TypeError):
        cell_text(0.1, MONEY, "thai")
    with pytest.raises(TypeError):
        cell_text(datetime.datetime(2023, 3, 30, 12, 0), DATE, "thai")


def test_a_header_group_spans_its_columns_and_the_other_headers_span_both_rows():
    top, bottom = skr1_table().header_rows()
    assert [(h.text, h.colspan, h.rowspan) for h in top][:2] == [("ลำดับที่", 1, 2), ("งานที่จัดซื้อหรือจัดจ้าง", 1, 2)]
    group = top[-1]
    assert (group.colspan, group.rowspan, group.first) == (2, 1, 8)
    assert [(h.text, h.first) for h in bottom] == [("เลขที่", 8), ("วันที่", 9)]


def test_a_header_group_must_name_adjacent_columns():
    columns = [Column("a", "ก"), Column("b", "ข"), Column("c", "ค")]
    with pytest.raises(ValueError, match="adjacent"):
        Table(title="t", columns=columns, header_groups=[HeaderGroup("ก และ ค", ("a", "c"))])


def test_the_body_has_group_rows_a_total_row_and_says_when_there_is_nothing():
    table = Table(
        title="t",
        columns=[Column("name", "รายการ"), MONEY],
        rows=[GroupRow("หมวด ๑"), {"name": "ก", "amount": Decimal(5)}],
        total={"name": "รวม", "amount": Decimal(5)},
    )
    body = table.body()
    assert body[0].group == "หมวด ๑"
    assert body[1].cells == ["ก", "๕.๐๐"]
    assert body[2].total and body[2].cells == ["รวม", "๕.๐๐"]
    empty = skr1_table(rows=[]).body()
    assert [(row.group, row.empty) for row in empty] == [("ไม่มีการจัดซื้อจัดจ้าง", True)]
