"""A table described once and rendered as PDF, DOCX or XLSX in the Thai official style.

Modules build a ``Table`` from their data and hand it to ``table_pdf``, ``table_docx`` or ``table_xlsx``;
none of them knows about fonts, page sizes or digits.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from prongsai.thai.dates import format_be_date
from prongsai.thai.digits import to_thai_digits
from prongsai.thai.money import format_baht

Align = Literal["left", "right", "center"]
Kind = Literal["text", "money", "date", "number", "percent"]
Digits = Literal["thai", "arabic"]

# Figures line up on the right, dates are centred, words start on the left.
_DEFAULT_ALIGN: dict[str, Align] = {
    "text": "left",
    "money": "right",
    "number": "right",
    "percent": "right",
    "date": "center",
}


@dataclass(frozen=True)
class Column:
    """One column: ``key`` picks the value from each row, ``width`` is relative to the other columns."""

    key: str
    label: str
    width: float = 1
    align: Align | None = None  # None: from the kind
    kind: Kind = "text"
    date_style: str = "short"  # for kind="date": "short" 30 มี.ค. 66, "medium" 30 มี.ค. 2566, "long"

    @property
    def alignment(self) -> Align:
        return self.align or _DEFAULT_ALIGN[self.kind]


@dataclass(frozen=True)
class HeaderGroup:
    """A header label over several adjacent columns (SKR-1: "เลขที่และวันที่ของสัญญา" over number and date)."""

    label: str
    keys: tuple[str, ...]


@dataclass(frozen=True)
class GroupRow:
    """A heading row across the whole table, placed among the rows ("ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่")."""

    label: str


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[Column, ...]
    rows: tuple[dict | GroupRow, ...] = ()
    subtitle: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # lines under the table: source, "ข้อมูล ณ วันที่ ...", signatures
    header_groups: tuple[HeaderGroup, ...] = ()
    total: dict | None = None  # a last row in bold; the caller computes it, nobody types a total
    landscape: bool = False
    form_code: str | None = None  # printed top right of the first page, e.g. "สขร.๑"
    digits: Digits = "thai"
    empty_text: str = "ไม่มีข้อมูล"  # shown in one row when there are no rows (a month without purchases)

    def __post_init__(self):
        # Callers may pass lists; tuples keep a built Table from changing under a renderer.
        for name in ("columns", "rows", "subtitle", "notes", "header_groups"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        if self.digits not in ("thai", "arabic"):
            raise ValueError(f'digits must be "thai" or "arabic", not {self.digits!r}')
        keys = [c.key for c in self.columns]
        if len(set(keys)) != len(keys):
            raise ValueError("column keys must be unique")
        for group in self.header_groups:
            start = keys.index(group.keys[0]) if group.keys and group.keys[0] in keys else -1
            if start < 0 or tuple(keys[start : start + len(group.keys)]) != tuple(group.keys):
                raise ValueError(f"header group {group.label!r} must name adjacent columns in order")

    def header_rows(self) -> list[list["HeaderCell"]]:
        """The header as one or two rows of cells with their spans, the same for every format."""
        if not self.header_groups:
            return [[HeaderCell(c.label, first=i) for i, c in enumerate(self.columns)]]
        group_at = {g.keys[0]: g for g in self.header_groups}
        top: list[HeaderCell] = []
        bottom: list[HeaderCell] = []
        skip = set()
        for i, column in enumerate(self.columns):
            if column.key in skip:
                continue
            group = group_at.get(column.key)
            if group:
                top.append(HeaderCell(group.label, first=i, colspan=len(group.keys)))
                for j in range(len(group.keys)):
                    bottom.append(HeaderCell(self.columns[i + j].label, first=i + j))
                skip.update(group.keys)
            else:
                top.append(HeaderCell(column.label, first=i, rowspan=2))
        return [top, bottom]

    def body(self) -> list["BodyRow"]:
        """Rows ready to draw: text of every cell formatted for this table's digits."""
        out = [
            BodyRow(group=row.label)
            if isinstance(row, GroupRow)
            else BodyRow(cells=[cell_text(row.get(c.key), c, self.digits) for c in self.columns])
            for row in self.rows
        ]
        if not self.rows:
            out.append(BodyRow(group=self.empty_text, empty=True))
        if self.total is not None:
            out.append(
                BodyRow(
                    cells=[cell_text(self.total.get(c.key), c, self.digits) for c in self.columns], total=True
                )
            )
        return out


@dataclass(frozen=True)
class HeaderCell:
    text: str
    first: int  # index of the first column it covers
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True)
class BodyRow:
    cells: list[str] = field(default_factory=list)
    group: str | None = None  # a heading row spanning the table
    total: bool = False
    empty: bool = False


def cell_text(value, column: Column, digits: Digits) -> str:
    """The text shown for one value.

    Strings are shown as given (they may hold URLs and codes whose digits must not change); numbers and
    dates are formatted here, in BE and in the table's digits.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, datetime.datetime):
        raise TypeError("a table shows dates, not datetimes: convert to the local date first")
    if isinstance(value, datetime.date):
        return format_be_date(value, style=column.date_style, digits=digits)
    if isinstance(value, bool):
        raise TypeError("a table cell cannot be a bool: say what it means in words")
    if isinstance(value, float):
        raise TypeError("money and measures are Decimal, never float")
    if isinstance(value, int | Decimal):
        if column.kind == "money":
            return format_baht(value, digits=digits)  # two places, satang rounded half up
        # Percentages with two places ("28.10"), as in the agency's own reports; counts as they are.
        text = f"{value:,.2f}" if column.kind == "percent" else f"{value:,}"
        return to_thai_digits(text) if digits == "thai" else text
    return str(value)
