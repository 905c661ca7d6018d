"""Reading an XLSX or CSV file into the rows of a dataset, and saying what is wrong with each bad row.

The first non-empty row is the header; each heading names a column by its label (with or without its unit) or
its key, and one may be the period ("ช่วงเวลา", "เดือน", "period"). Row numbers are those the person sees in
Excel (the header row included), so that a report line leads them to the cell.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.core.files.uploadedfile import UploadedFile

from prongsai.agencies.uploads import CSV, XLSX, FileKind
from prongsai.documents.tabular import TabularError, read_rows
from prongsai.documents.tabular import is_blank as _blank

from .models import Dataset, DatasetColumn
from .values import RowProblem, ValueProblem, parse_period, parse_value

PERIOD_HEADINGS = frozenset({"period", "ช่วงเวลา", "เดือน", "งวด", "ไตรมาส", "ปีงบประมาณ", "เดือน/ปี"})
MAX_ROWS = 20_000


# The file itself cannot be read (not a problem of one row): the platform's one tabular reader says why.
UnreadableFile = TabularError


@dataclass
class ParsedRow:
    row: int
    period: datetime.date
    values: dict


@dataclass
class ParsedFile:
    rows: list[ParsedRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def _normal(text) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip().casefold()


def read_file(
    upload: UploadedFile, kind: FileKind, dataset: Dataset, columns: list[DatasetColumn], period=None
) -> ParsedFile:
    """Every row of the file, validated; ``period`` is used for rows without a period of their own."""
    formats = {XLSX: "xlsx", CSV: "csv"}
    if kind not in formats:
        raise UnreadableFile("รับเฉพาะไฟล์ Excel (XLSX) หรือ CSV")
    raw_rows = read_rows(upload, formats[kind], max_rows=MAX_ROWS)
    header_row, header = raw_rows[0]
    names: dict[str, DatasetColumn] = {}
    for column in columns:
        for name in (column.key, column.label, column.heading):
            names[_normal(name)] = column
    result = ParsedFile()
    positions: dict[int, DatasetColumn] = {}
    period_at = None
    for index, heading in enumerate(header):
        name = _normal(heading)
        if not name:
            continue
        if name in PERIOD_HEADINGS and period_at is None:
            period_at = index
        elif name in names and names[name] not in positions.values():
            positions[index] = names[name]
        else:
            result.problems.append(RowProblem(header_row, str(heading), "ไม่รู้จักหัวคอลัมน์นี้ หรือซ้ำกับคอลัมน์อื่น"))
    for column in columns:
        if column.required and column not in positions.values():
            result.problems.append(RowProblem(header_row, column.label, "ไม่มีคอลัมน์นี้ในไฟล์ ซึ่งต้องกรอก"))
    if period_at is None and period is None:
        result.problems.append(
            RowProblem(header_row, "ช่วงเวลา", "ไฟล์ไม่มีคอลัมน์ช่วงเวลา และไม่ได้เลือกช่วงเวลาของทั้งไฟล์")
        )
    if result.problems:
        return result  # rows cannot be read against a header that is wrong
    for number, cells in raw_rows[1:]:
        cells = list(cells) + [None] * (len(header) - len(cells))
        row_period = period
        if period_at is not None and not _blank([cells[period_at]]):
            try:
                row_period = parse_period(dataset.frequency, cells[period_at])
            except ValueProblem as exc:
                result.problems.append(RowProblem(number, "ช่วงเวลา", str(exc)))
                row_period = None
        elif row_period is None:
            result.problems.append(RowProblem(number, "ช่วงเวลา", "ไม่ได้ระบุช่วงเวลา"))
        values, ok = {}, row_period is not None
        for index, column in positions.items():
            try:
                values[column.key] = parse_value(column.kind, cells[index], required=column.required)
            except ValueProblem as exc:
                result.problems.append(RowProblem(number, column.label, str(exc)))
                ok = False
        for index in range(len(header), len(cells)):
            if not _blank([cells[index]]):
                result.problems.append(RowProblem(number, "", "มีข้อมูลนอกคอลัมน์ที่มีหัวคอลัมน์"))
                ok = False
                break
        if ok:
            result.rows.append(ParsedRow(number, row_period, values))
    return result
