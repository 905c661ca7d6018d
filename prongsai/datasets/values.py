"""Reading and showing the values of a dataset: periods and cells as staff type them, and as the public sees them.

Pure functions, no database: the back-office form, the file import and the public pages share them, so a value
typed by hand and the same value imported from Excel are stored alike. Every refusal says why, in Thai.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from prongsai.documents.tables import Column, cell_text
from prongsai.thai.dates import BE_OFFSET, ThaiDateError, format_be_date, parse_be_date, thai_month_name
from prongsai.thai.digits import _for_parsing
from prongsai.thai.fiscal import add_months, fiscal_year
from prongsai.thai.money import MoneyError, format_baht, parse_baht

from .models import ColumnKind, Frequency

MAX_TEXT = 1000
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_INTEGER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)")
_BE_YEAR_MONTH = re.compile(r"(?P<year>\d{4})\s*[-/.]\s*(?P<month>\d{1,2})")
_MONTH_BE_YEAR = re.compile(r"(?P<month>\d{1,2})\s*[-/.]\s*(?P<year>\d{4}|\d{2})")
_QUARTER = re.compile(
    r"(?:ไตรมาส\s*(?:ที่)?|q)\s*(?P<q>[1-4])\s*[-/ ]?\s*(?:ปี\s*(?:งบประมาณ)?\s*)?(?P<year>\d{4})", re.I
)
_YEAR = re.compile(r"(?:ปี\s*(?:งบประมาณ)?\s*)?(?:พ\.?\s*ศ\.?\s*)?(?P<year>\d{4})")


class ValueProblem(ValueError):
    """A cell that cannot be stored; the message is the reason shown to staff."""


# --- periods ------------------------------------------------------------------------------------------


def period_start(frequency: str, day: datetime.date) -> datetime.date:
    """The first day of the period holding ``day``: its month, its quarter, or its fiscal year (from 1 Oct)."""
    if frequency == Frequency.QUARTERLY:
        return datetime.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    if frequency == Frequency.YEARLY:
        return datetime.date(day.year if day.month >= 10 else day.year - 1, 10, 1)
    return day.replace(day=1)


def period_end(frequency: str, start: datetime.date) -> datetime.date:
    months = {Frequency.QUARTERLY: 3, Frequency.YEARLY: 12}.get(frequency, 1)
    return add_months(start, months) - datetime.timedelta(days=1)


def next_period(frequency: str, start: datetime.date) -> datetime.date:
    return period_end(frequency, start) + datetime.timedelta(days=1)


def period_label(frequency: str, start: datetime.date) -> str:
    """มี.ค. 2566 · ไตรมาส 2/2566 · ปีงบประมาณ 2566 (quarters and years are the fiscal ones)."""
    if frequency == Frequency.QUARTERLY:
        quarter = (start.month - 10) % 12 // 3 + 1
        return f"ไตรมาส {quarter}/{fiscal_year(start)}"
    if frequency == Frequency.YEARLY:
        return f"ปีงบประมาณ {fiscal_year(start)}"
    return f"{thai_month_name(start.month, abbreviated=True)} {start.year + BE_OFFSET}"


def period_key(start: datetime.date) -> str:
    """The period in an address: its first month, BE year first ("2566-03")."""
    return f"{start.year + BE_OFFSET}-{start.month:02d}"


def _be_to_gregorian(year_text: str) -> int:
    year = int(year_text)
    if len(year_text) == 2:
        year += 2500
    if not 2400 <= year < 2700:
        raise ValueProblem(f"ปี {year_text} ไม่ใช่ปี พ.ศ.")
    return year - BE_OFFSET


def parse_period(frequency: str, raw) -> datetime.date:
    """A period as staff write it: "2566-03", "03/2566", "มี.ค. 66", "มีนาคม 2566", "ไตรมาส 2/2566", "2566"
    (a fiscal year), any date inside the period, or a date cell of a spreadsheet."""
    if isinstance(raw, datetime.datetime):
        raw = raw.date()
    if isinstance(raw, datetime.date):
        return period_start(frequency, raw)
    text = _for_parsing(str(raw if raw is not None else "")).strip()
    if not text:
        raise ValueProblem("ไม่ได้ระบุช่วงเวลา")
    for pattern in (_BE_YEAR_MONTH, _MONTH_BE_YEAR):
        match = pattern.fullmatch(text)
        if match:
            month = int(match["month"])
            if not 1 <= month <= 12:
                raise ValueProblem(f"ไม่มีเดือนที่ {month}")
            return period_start(frequency, datetime.date(_be_to_gregorian(match["year"]), month, 1))
    match = _QUARTER.fullmatch(text)
    if match:
        fiscal = _be_to_gregorian(match["year"])  # the fiscal year ends in this Gregorian year
        first = add_months(datetime.date(fiscal - 1, 10, 1), (int(match["q"]) - 1) * 3)
        return period_start(frequency, first)
    match = _YEAR.fullmatch(text)
    if match:
        if frequency != Frequency.YEARLY:
            raise ValueProblem("ระบุแค่ปี แต่ชุดข้อมูลนี้ต้องระบุเดือน")
        return datetime.date(_be_to_gregorian(match["year"]) - 1, 10, 1)
    for candidate in (text, f"1 {text}"):  # "15 มี.ค. 66" or "มี.ค. 66"
        try:
            return period_start(frequency, parse_be_date(candidate))
        except ThaiDateError:
            continue
    raise ValueProblem(f"อ่านช่วงเวลา «{raw}» ไม่ได้ (เขียนเช่น 2566-03 หรือ มี.ค. 2566)")


def parse_period_key(frequency: str, key: str) -> datetime.date | None:
    match = re.fullmatch(r"(\d{4})-(\d{2})", key or "")
    if not match or not 1 <= int(match[2]) <= 12 or not 2400 <= int(match[1]) < 2700:
        return None
    start = datetime.date(int(match[1]) - BE_OFFSET, int(match[2]), 1)
    return start if period_start(frequency, start) == start else None


# --- cells --------------------------------------------------------------------------------------------


def _is_blank(raw) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _number_text(raw, pattern: re.Pattern) -> str:
    text = _for_parsing(str(raw)).strip().replace(" ", "")
    if not pattern.fullmatch(text):
        raise ValueError
    return text.replace(",", "")


def parse_value(kind: str, raw, *, required: bool = False):
    """The stored (JSON) form of one cell, or ValueProblem with the reason."""
    if _is_blank(raw):
        if required:
            raise ValueProblem("ต้องกรอก")
        return None
    if isinstance(raw, bool):
        raise ValueProblem(f"«{raw}» ไม่ใช่ค่าที่อ่านได้")
    if kind == ColumnKind.TEXT:
        text = str(raw).strip()
        if len(text) > MAX_TEXT:
            raise ValueProblem(f"ยาวเกิน {MAX_TEXT} ตัวอักษร")
        return text
    if kind == ColumnKind.INTEGER:
        if isinstance(raw, float) and raw.is_integer():
            return int(raw)
        if isinstance(raw, int):
            return raw
        try:
            return int(_number_text(raw, _INTEGER))
        except ValueError:
            raise ValueProblem(f"«{raw}» ไม่ใช่จำนวนเต็ม") from None
    if kind == ColumnKind.DECIMAL:
        try:
            if isinstance(raw, int | float | Decimal):
                value = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
            else:
                value = Decimal(_number_text(raw, _NUMBER))
        except (ValueError, InvalidOperation):
            raise ValueProblem(f"«{raw}» ไม่ใช่ตัวเลข") from None
        if not value.is_finite():
            raise ValueProblem(f"«{raw}» ไม่ใช่ตัวเลข")
        return format(value, "f")
    if kind == ColumnKind.MONEY:
        try:
            return format(parse_baht(raw), "f")
        except MoneyError:
            raise ValueProblem(f"«{raw}» ไม่ใช่จำนวนเงินที่อ่านได้ (เขียนเช่น 1,234.50)") from None
    if kind == ColumnKind.DATE:
        if isinstance(raw, datetime.datetime):
            return raw.date().isoformat()
        if isinstance(raw, datetime.date):
            return raw.isoformat()
        try:
            return parse_be_date(str(raw)).isoformat()
        except ThaiDateError as exc:
            reason = f" ({exc.reason})" if exc.reason else ""
            raise ValueProblem(f"«{raw}» ไม่ใช่วันที่ พ.ศ. ที่อ่านได้{reason}") from None
    raise ValueError(f"unknown column kind {kind!r}")


def typed(kind: str, stored):
    """The Python value of a stored cell: int, Decimal, date or str (None when empty)."""
    if stored is None or stored == "":
        return None
    if kind in (ColumnKind.DECIMAL, ColumnKind.MONEY):
        return Decimal(str(stored))
    if kind == ColumnKind.DATE:
        return datetime.date.fromisoformat(stored)
    return stored


TABLE_KINDS = {
    ColumnKind.TEXT: "text",
    ColumnKind.INTEGER: "number",
    ColumnKind.DECIMAL: "number",
    ColumnKind.MONEY: "money",
    ColumnKind.DATE: "date",
}


def display(kind: str, stored) -> str:
    """A cell as the public reads it: 1,234 · 1,234.50 · 30 มี.ค. 2566."""
    value = typed(kind, stored)
    if value is None:
        return ""
    if kind == ColumnKind.MONEY:
        return format_baht(value)
    if kind == ColumnKind.DATE:
        return format_be_date(value, "medium")
    return cell_text(value, Column("v", "", kind=TABLE_KINDS[kind]), "arabic")


def input_text(kind: str, stored) -> str:
    """A stored cell as it is shown again in the entry form, ready to be read back by parse_value."""
    value = typed(kind, stored)
    if value is None:
        return ""
    if kind == ColumnKind.DATE:
        return format_be_date(value, "medium")
    return str(value)


@dataclass(frozen=True)
class RowProblem:
    row: int  # the row number the person sees in their spreadsheet (the header is row 1)
    column: str  # the column's heading, or "" for a problem of the whole row
    reason: str
