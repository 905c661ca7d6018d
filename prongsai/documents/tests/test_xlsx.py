import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from prongsai.documents.xlsx import MONEY_FORMAT, table_xlsx

from .samples import plan_table, skr1_table


@pytest.fixture(scope="module")
def sheet():
    return load_workbook(io.BytesIO(table_xlsx(skr1_table()))).active


def _find(sheet, value):
    return next(cell for row in sheet.iter_rows() for cell in row if cell.value == value)


def test_money_cells_are_numbers_with_a_money_format(sheet):
    budget = _find(sheet, "วงเงินที่จะซื้อหรือจ้าง")
    first = sheet.cell(budget.row + 2, budget.column)  # two header rows
    assert first.data_type == "n" and Decimal(str(first.value)) == Decimal("12500.00")
    assert first.number_format == MONEY_FORMAT == "#,##0.00"
    total = _find(sheet, "รวม")
    assert Decimal(str(sheet.cell(total.row, budget.column).value)) == Decimal("1247067.50")


def test_dates_are_real_dates_shown_in_the_buddhist_era(sheet):
    date_header = _find(sheet, "วันที่")
    cell = sheet.cell(date_header.row + 1, date_header.column)
    # openpyxl reads a date back as a datetime at midnight; what matters is that it is not text.
    value = cell.value.date() if isinstance(cell.value, datetime.datetime) else cell.value
    assert value == datetime.date(2023, 3, 3)
    assert cell.number_format == "[$-D07041E]d mmm yy"  # Thai digits, Buddhist calendar, Thai months


def test_the_group_header_is_merged_over_its_columns_and_the_others_over_both_rows(sheet):
    group = _find(sheet, "เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง")
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert f"{group.coordinate}:{group.offset(column=1).coordinate}" in merged
    number = _find(sheet, "ลำดับที่")
    assert f"{number.coordinate}:{number.offset(row=1).coordinate}" in merged


def test_the_sheet_is_in_sarabun_frozen_below_the_header_and_printed_landscape_to_page_width(sheet):
    header = _find(sheet, "ลำดับที่")
    assert header.font.name == "Sarabun" and header.font.bold
    assert sheet.freeze_panes == f"A{header.row + 2}"
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    assert sheet.print_title_rows == f"${header.row}:${header.row + 1}"  # repeated on every printed page
    assert _find(sheet, "แบบ สขร.๑").alignment.horizontal == "right"


def test_a_column_of_money_is_wide_enough_for_its_amounts(sheet):
    # Excel shows #### when a number does not fit; 1,247,067.50 needs about 12 characters.
    budget = _find(sheet, "วงเงินที่จะซื้อหรือจ้าง")
    assert sheet.column_dimensions[budget.column_letter].width >= 12


def test_group_rows_are_merged_across_the_table():
    sheet = load_workbook(io.BytesIO(table_xlsx(plan_table()))).active
    group = _find(sheet, "ตัวชี้วัดที่ ๒ การใช้งบประมาณ")
    assert f"A{group.row}:H{group.row}" in {str(r) for r in sheet.merged_cells.ranges}
    assert group.font.bold


def test_an_empty_month_still_has_its_header_and_says_so():
    sheet = load_workbook(io.BytesIO(table_xlsx(skr1_table(rows=[])))).active
    assert _find(sheet, "ไม่มีการจัดซื้อจัดจ้าง").row == _find(sheet, "ลำดับที่").row + 2
