"""Excel (XLSX): the same table, with numbers people can add up and dates Excel knows are dates."""

import datetime
import io
import math
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from .fonts import FAMILY as FONT
from .fonts import LINE_HEIGHT_EM, fit_widths, line_count
from .tables import Column, GroupRow, Table, cell_text

MONEY_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0.00"  # the value is already a percentage (28.10), as in the agency's reports
# Excel's locale prefix [$-xxyyzzzz] (leading zero dropped): zzzz 041E is th-TH (Thai month names),
# yy 07 the Thai Buddhist calendar, xx 01 Western digits or 0D Thai digits: "30 มี.ค. 66" or "๓๐ มี.ค. ๖๖".
DATE_FORMATS = {
    ("short", "arabic"): "[$-107041E]d mmm yy",
    ("medium", "arabic"): "[$-107041E]d mmm yyyy",
    ("long", "arabic"): "[$-107041E]d mmmm yyyy",
    ("short", "thai"): "[$-D07041E]d mmm yy",
    ("medium", "thai"): "[$-D07041E]d mmm yyyy",
    ("long", "thai"): "[$-D07041E]d mmmm yyyy",
}
SIZE = 11  # points; Excel prints the sheet fitted to the page width, about this size on A4
# Printable width of A4 with 12.7 mm side margins, in points: landscape, portrait.
TABLE_WIDTH_PT = {True: 770, False: 523}

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="E8E8E8")
_GROUP_FILL = PatternFill("solid", fgColor="F3F3F3")


def table_xlsx(table: Table) -> bytes:
    """The table as one worksheet: title on top, header frozen, printed on A4 fitted to the page width."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = (table.form_code or "ตาราง")[:31]  # Excel limits sheet names to 31 characters
    columns = table.columns
    last = len(columns)
    body_font, bold_font = Font(name=FONT, size=SIZE), Font(name=FONT, size=SIZE, bold=True)
    widths = fit_widths(table, TABLE_WIDTH_PT[table.landscape], SIZE, padding_pt=8)
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = round(_points_to_characters(width), 1)
    heights = _RowHeights(sheet, widths)

    row = 1
    if table.form_code:
        _merged(sheet, row, last, table.form_code, body_font, Alignment(horizontal="right"))
        row += 1
    _merged(
        sheet, row, last, table.title, Font(name=FONT, size=14, bold=True), Alignment(horizontal="center")
    )
    row += 1
    for line in table.subtitle:
        _merged(sheet, row, last, line, body_font, Alignment(horizontal="center"))
        row += 1
    row += 1  # a blank row between the heading and the table

    header_top = row
    header_rows = table.header_rows()
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for r, header_row in enumerate(header_rows):
        for header in header_row:
            first_row, first_col = header_top + r, header.first + 1
            last_row, last_col = first_row + header.rowspan - 1, first_col + header.colspan - 1
            for rr in range(first_row, last_row + 1):
                for cc in range(first_col, last_col + 1):  # borders on every cell of a merged range
                    _style(sheet.cell(rr, cc), bold_font, centred, _HEADER_FILL)
            sheet.cell(first_row, first_col, header.text)
            heights.need(last_row, header.text, first_col, last_col, bold=True, rows=header.rowspan)
            if (last_row, last_col) != (first_row, first_col):
                sheet.merge_cells(
                    start_row=first_row, start_column=first_col, end_row=last_row, end_column=last_col
                )
    row = header_top + len(header_rows)

    data_rows = list(table.rows)
    if not data_rows:
        data_rows.append(GroupRow(table.empty_text))
    if table.total is not None:
        data_rows.append(table.total)
    for item in data_rows:
        if isinstance(item, GroupRow):
            empty = not table.rows
            _merged(
                sheet,
                row,
                last,
                item.label,
                body_font if empty else bold_font,
                Alignment(horizontal="center" if empty else "left", vertical="top", wrap_text=True),
                fill=None if empty else _GROUP_FILL,
            )
            heights.need(row, item.label, 1, last, bold=True)
        else:
            font = bold_font if item is table.total else body_font
            for i, column in enumerate(columns, start=1):
                cell = sheet.cell(row, i)
                _style(cell, font, Alignment(horizontal=column.alignment, vertical="top", wrap_text=True))
                _put(cell, item.get(column.key), column, table.digits)
                if column.kind == "text":
                    heights.need(row, cell_text(item.get(column.key), column, table.digits), i, i)
        row += 1

    row += 1
    for line in table.notes:
        sheet.cell(row, 1, line).font = body_font
        row += 1

    heights.apply()
    sheet.freeze_panes = sheet.cell(header_top + len(header_rows), 1)
    sheet.print_title_rows = f"{header_top}:{header_top + len(header_rows) - 1}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if table.landscape else "portrait"
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as needed
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5  # inches
    sheet.oddFooter.right.text = "หน้า &P/&N"
    sheet.oddFooter.right.font = f"{FONT},Regular"
    sheet.oddFooter.right.size = 10
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _put(cell, value, column: Column, digits: str) -> None:
    """Numbers stay numbers and dates stay dates, so that Excel can sum and sort them; the format
    decides how they look. Anything else is shown as the PDF shows it."""
    if isinstance(value, int | Decimal) and not isinstance(value, bool) and column.kind != "text":
        cell.value = value
        cell.number_format = {"money": MONEY_FORMAT, "percent": PERCENT_FORMAT}.get(
            column.kind, "#,##0" if isinstance(value, int) or value == value.to_integral() else "#,##0.00"
        )
    elif isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        cell.value = value
        cell.number_format = DATE_FORMATS.get((column.date_style, digits), DATE_FORMATS[("short", digits)])
    else:
        cell.value = cell_text(value, column, digits) or None


def _style(cell, font: Font, alignment: Alignment, fill: PatternFill | None = None) -> None:
    cell.font = font
    cell.alignment = alignment
    cell.border = _BOX
    if fill:
        cell.fill = fill


def _merged(sheet, row: int, last: int, text: str, font: Font, alignment: Alignment, fill=None) -> None:
    """A line of text across the width of the table; bordered only when it sits inside the table."""
    cell = sheet.cell(row, 1, text)
    cell.font, cell.alignment = font, alignment
    if fill is not None or alignment.wrap_text:
        for c in range(1, last + 1):
            _style(sheet.cell(row, c), font, alignment, fill)
    if last > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)


def _points_to_characters(points: float) -> float:
    # Excel measures columns in widths of the digit 0 of the default font (7 px), plus 5 px of padding.
    return max(1.0, (points / 0.75 - 5) / 7)


class _RowHeights:
    """Excel keeps the row heights written in the file and does not grow a row for wrapped text when it
    opens it, so we estimate the lines each row needs."""

    def __init__(self, sheet, widths: list[float]):
        self.sheet, self.widths, self.lines = sheet, widths, {}

    def need(self, row: int, text: str, first_col: int, last_col: int, *, bold=False, rows: int = 1) -> None:
        """Room for ``text`` across columns first..last, in ``row`` and the ``rows - 1`` rows above it."""
        width = sum(self.widths[first_col - 1 : last_col]) - 8
        share = math.ceil(line_count(text, SIZE, width, bold=bold) / rows)
        for r in range(row - rows + 1, row + 1):
            self.lines[r] = max(self.lines.get(r, 1), share)

    def apply(self) -> None:
        for row, lines in self.lines.items():
            if lines > 1:
                self.sheet.row_dimensions[row].height = round(lines * SIZE * LINE_HEIGHT_EM + 2, 1)
