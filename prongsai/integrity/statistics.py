"""Statistics of corruption complaints (item 22, the NACC's O29): counts per month of the fiscal year, by
channel, by type and by current state, with no count small enough to point at a person.

Small counts (1 and 2) are shown as "<3" (primary suppression). A hidden count must not be recoverable from
what is shown: every row and column adds up to a total that is printed, so a row with one hidden cell would
give it away by subtraction, and two hidden cells summing to 2 would both be 1. So each sum is checked: a
hidden cell whose value the visible numbers still pin down (its range, given that a hidden small count is 1
or 2 and any other hidden cell is at least 1, is a single value) makes the smallest visible non-zero cell
of that sum hidden as well (secondary suppression, shown as "*"), or the sum's total when none is left,
until no sum pins any cell. Zeros stay visible: a zero identifies nobody.
"""

from __future__ import annotations

import datetime
import math
from collections import Counter
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.agencies.models import Agency
from prongsai.documents.tables import Column, HeaderGroup, Table
from prongsai.thai.dates import be_year, format_be_date, thai_month_name
from prongsai.thai.fiscal import fiscal_year_bounds, fiscal_year_months

from .models import Channel, Complaint

BANGKOK = ZoneInfo("Asia/Bangkok")
SMALL = "<3"
SECONDARY = "*"
TOTAL = "total"
INF = math.inf

Cell = tuple[str, str]  # (row key, column key)


# --- suppression (pure) ------------------------------------------------------------------------------------


def _pinned(cells: list[Cell], total: Cell, values: dict[Cell, int], hidden: dict[Cell, str]) -> bool:
    hidden_cells = [c for c in cells if c in hidden]
    if total in hidden:
        return not hidden_cells  # the total would be the sum of what is shown
    if not hidden_cells:
        return False
    remaining = sum(values[c] for c in hidden_cells)  # = printed total - visible cells: known to a reader
    lows = {c: 1 for c in hidden_cells}
    highs = {c: 2 if hidden[c] == SMALL else INF for c in hidden_cells}
    for c in hidden_cells:
        others_low = sum(lows[o] for o in hidden_cells if o != c)
        others_high = sum(highs[o] for o in hidden_cells if o != c)
        low = max(lows[c], remaining - others_high)
        high = min(highs[c], remaining - others_low)
        if low >= high:
            return True
    return False


def suppress(values: dict[Cell, int], sums: list[tuple[list[Cell], Cell]]) -> dict[Cell, str]:
    """The cells to hide: SMALL for counts of 1 and 2, SECONDARY for those hidden to protect them."""
    hidden: dict[Cell, str] = {c: SMALL for c, v in values.items() if 1 <= v <= 2}
    changed = True
    while changed:
        changed = False
        for cells, total in sums:
            if not _pinned(cells, total, values, hidden):
                continue
            candidates = sorted(
                (c for c in cells if c not in hidden and values[c] > 0), key=lambda c: (values[c], c)
            )
            if candidates:
                pick = candidates[0]
            elif total not in hidden:
                pick = total
            else:  # only zeros are left to hide: hiding one still makes the sum ambiguous
                zeros = [c for c in cells if c not in hidden]
                if not zeros:
                    continue
                pick = zeros[0]
            hidden[pick] = SECONDARY
            changed = True
    return hidden


# --- the year's table ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    columns: tuple[tuple[str, str], ...]  # (column key, label)


def groups() -> tuple[Group, ...]:
    return (
        Group("channel", _("ช่องทาง"), tuple((f"channel:{v}", str(label)) for v, label in Channel.choices)),
        Group(
            "category",
            _("ประเภทเรื่อง"),
            tuple((f"category:{v}", str(label)) for v, label in Complaint.Category.choices),
        ),
        Group(
            "state",
            _("สถานะปัจจุบัน"),
            tuple((f"state:{v}", str(label)) for v, label in Complaint.State.choices),
        ),
    )


@dataclass
class YearStatistics:
    agency: Agency
    year: int
    months: list[datetime.date]  # first days of the months covered
    period_start: datetime.date
    period_end: datetime.date  # the last day the counts cover (today, while the year runs)
    values: dict[Cell, int]
    hidden: dict[Cell, str]
    as_of: datetime.date

    def shown(self, row: str, column: str):
        cell = (row, column)
        return self.hidden.get(cell, self.values[cell])

    @property
    def total_received(self):
        return self.shown(TOTAL, TOTAL)


def month_key(month: datetime.date) -> str:
    return month.strftime("%Y-%m")


def month_label(month: datetime.date) -> str:
    return f"{thai_month_name(month.month, abbreviated=True)} {be_year(month)}"


def covered_months(year: int, on: datetime.date) -> list[datetime.date]:
    start, _end = fiscal_year_bounds(year)
    if on < start:
        return []
    return [m for m in fiscal_year_months(year) if m <= on]


def counts(agency: Agency, year: int, on: datetime.date) -> dict[Cell, int]:
    """Raw counts of every cell, computed in one query over the complaints received in the year."""
    months = covered_months(year, on)
    start, end = fiscal_year_bounds(year)
    end = min(end, on)
    columns = [key for g in groups() for key, _label in g.columns] + [TOTAL]
    rows = [month_key(m) for m in months] + [TOTAL]
    values: dict[Cell, int] = {(r, c): 0 for r in rows for c in columns}
    if not months:
        return values
    begin = datetime.datetime.combine(start, datetime.time.min, tzinfo=BANGKOK)
    finish = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=BANGKOK)
    tally: Counter = Counter()
    for received_at, channel, category, state in (
        Complaint.objects.for_agency(agency)
        .filter(received_at__gte=begin, received_at__lt=finish)
        .values_list("received_at", "channel", "category", "state")
    ):
        local = received_at.astimezone(BANGKOK)
        row = f"{local.year:04d}-{local.month:02d}"
        for column in (f"channel:{channel}", f"category:{category}", f"state:{state}"):
            tally[(row, column)] += 1
            tally[(TOTAL, column)] += 1
        tally[(row, TOTAL)] += 1
        tally[(TOTAL, TOTAL)] += 1
    for cell, n in tally.items():
        if cell in values:
            values[cell] = n
    return values


def sums_of(rows: list[str]) -> list[tuple[list[Cell], Cell]]:
    """Every printed total and the cells it adds up."""
    out = []
    for row in [*rows, TOTAL]:
        for g in groups():
            out.append(([(row, key) for key, _label in g.columns], (row, TOTAL)))
    for g in groups():
        for key, _label in g.columns:
            out.append(([(r, key) for r in rows], (TOTAL, key)))
    out.append(([(r, TOTAL) for r in rows], (TOTAL, TOTAL)))
    return out


def year_statistics(agency: Agency, year: int, *, on: datetime.date | None = None) -> YearStatistics | None:
    """The year's table, or None before the year has begun."""
    on = on or timezone.localdate()
    months = covered_months(year, on)
    if not months:
        return None
    start, end = fiscal_year_bounds(year)
    values = counts(agency, year, on)
    hidden = suppress(values, sums_of([month_key(m) for m in months]))
    return YearStatistics(agency, year, months, start, min(end, on), values, hidden, on)


def statistics_table(stats: YearStatistics) -> Table:
    """The same figures as the page, for PDF, XLSX, CSV and JSON (documents.tables)."""
    columns = [Column("month", _("เดือน"), width=1.4)]
    header_groups = []
    for g in groups():
        for key, label in g.columns:
            columns.append(Column(key, label, kind="number"))
        header_groups.append(HeaderGroup(g.label, tuple(key for key, _label in g.columns)))
    columns.append(Column(TOTAL, _("รวม"), kind="number"))
    keys = [c.key for c in columns[1:]]
    rows = [
        {"month": month_label(m), **{k: stats.shown(month_key(m), k) for k in keys}} for m in stats.months
    ]
    total = {"month": _("รวม"), **{k: stats.shown(TOTAL, k) for k in keys}}
    return Table(
        title=_("สถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ ประจำปีงบประมาณ พ.ศ. %(year)s") % {"year": stats.year},
        subtitle=(
            stats.agency.name,
            _("ข้อมูลตั้งแต่ %(start)s ถึง %(end)s")
            % {
                "start": format_be_date(stats.period_start, "long"),
                "end": format_be_date(stats.period_end, "long"),
            },
        ),
        columns=tuple(columns),
        rows=tuple(rows),
        total=total,
        header_groups=tuple(header_groups),
        landscape=True,
        notes=(
            _("นับตามเดือนที่รับเรื่อง สถานะเป็นสถานะปัจจุบัน ณ วันที่ %(day)s")
            % {"day": format_be_date(stats.as_of, "long")},
            _(
                "“<3” คือจำนวน ๑ หรือ ๒ เรื่อง ซึ่งไม่แสดงเพื่อคุ้มครองผู้ร้องเรียน; “*” คือช่องที่ปกปิดเพิ่ม"
                " เพื่อไม่ให้คำนวณย้อนกลับจากยอดรวมได้"
            ),
        ),
        digits="arabic",
    )
