"""The one tabular reader of the platform: the rows of an uploaded XLSX or CSV file, for every importer.

What each importer does with a row is its own; reading the file is not: an XLSX is checked as a container
before it is opened (see ``extract.check_container``) and streamed, a CSV is decoded as Thai offices save it
(UTF-8 with or without BOM, or Windows-874 from Thai Excel) with its delimiter guessed, and both stop at a
number of rows *while reading*, so a million-row file costs no more than the limit. Row numbers are those the
person sees in Excel or a text editor (the header row included), so a report line leads them to the cell.
Blank rows are skipped. Anything that makes the file unreadable is a ``TabularError`` with a Thai message.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from django.utils.translation import gettext as _

from .extract import UnsafeContainer, check_container

MAX_ROWS = 20_000
MAX_FIELD = 10_000  # characters in one cell: longer is not a table a person typed


class TabularError(ValueError):
    """The file itself cannot be read (not a problem of one row)."""


def is_blank(cells) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _xlsx_rows(data: bytes) -> Iterator[tuple[int, list]]:
    from openpyxl import load_workbook

    try:
        check_container(data)
    except UnsafeContainer as exc:
        raise TabularError(str(exc)) from None
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise TabularError(_("อ่านไฟล์ Excel ไม่ได้ ไฟล์อาจเสียหาย")) from None
    try:
        if not workbook.worksheets:
            raise TabularError(_("ไฟล์ Excel นี้ไม่มีแผ่นงาน (sheet)"))
        try:
            for number, values in enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1):
                yield number, list(values)
        except TabularError:
            raise
        except Exception:
            raise TabularError(_("อ่านไฟล์ Excel ไม่ได้ ไฟล์อาจเสียหาย")) from None
    finally:
        workbook.close()


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    try:
        return data.decode("cp874")  # Thai Excel's "CSV" without UTF-8: TIS-620/Windows-874
    except UnicodeDecodeError:
        raise TabularError(_("อ่านไฟล์ CSV ไม่ได้ โปรดบันทึกเป็น CSV UTF-8")) from None


def _csv_rows(data: bytes) -> Iterator[tuple[int, list]]:
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row in reader:
            if any(len(cell) > MAX_FIELD for cell in row):
                raise TabularError(
                    _("แถวที่ %(row)s มีช่องที่ยาวเกิน %(max)s ตัวอักษร")
                    % {"row": reader.line_num, "max": f"{MAX_FIELD:,}"}
                )
            yield reader.line_num, row
    except csv.Error as exc:  # a field over csv's own limit, a NUL byte, an unclosed quote at the end
        if "field larger" in str(exc):
            raise TabularError(
                _("แถวที่ %(row)s มีช่องที่ยาวเกิน %(max)s ตัวอักษร")
                % {"row": reader.line_num, "max": f"{MAX_FIELD:,}"}
            ) from None
        raise TabularError(
            _("อ่านไฟล์ CSV ไม่ได้ที่แถว %(row)s (%(why)s)") % {"row": reader.line_num, "why": exc}
        ) from None


def read_rows(upload, fmt: str, *, max_rows: int = MAX_ROWS, header: bool = True) -> list[tuple[int, list]]:
    """The non-blank rows of ``upload`` (an uploaded file, or bytes) as (row number, cells); ``fmt`` is
    "xlsx" or "csv". More than ``max_rows`` rows of data (the header row aside) is refused as soon as the
    reader gets there."""
    limit = max_rows + (1 if header else 0)
    if hasattr(upload, "read"):
        upload.seek(0)
        data = upload.read()
    else:
        data = upload
    if fmt == "xlsx":
        source = _xlsx_rows(data)
    elif fmt == "csv":
        source = _csv_rows(data)
    else:
        raise TabularError(_("รับเฉพาะไฟล์ Excel (XLSX) หรือ CSV"))
    rows = []
    for number, cells in source:
        if is_blank(cells):
            continue
        if len(rows) >= limit:
            raise TabularError(_("ไฟล์มีเกิน %(max)s แถว") % {"max": f"{max_rows:,}"})
        rows.append((number, cells))
    if not rows:
        raise TabularError(_("ไฟล์ไม่มีข้อมูล"))
    return rows
