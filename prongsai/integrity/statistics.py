"""Statistics of corruption complaints (item 22, the NACC's O29): counts per month of the fiscal year, by
channel, by type and by current state, with no count small enough to point at a person.

Small counts (1 and 2) are shown as "<3" (primary suppression). A hidden count must not be recoverable from
what is shown: every row and column adds up to a printed total, so a row with one hidden cell would give it
away by subtraction, and two hidden cells summing to 2 would both be 1. So each sum is checked: a hidden cell
whose value that row or column still pins down (a "<3" is 1 or 2, a "*" any count) makes the smallest visible
non-zero cell of the sum hidden as well (secondary suppression, shown as "*"), or its total when none is
left, until no sum pins a cell. Zeros stay visible: a zero identifies nobody. The check is per row and per
column, as a reader of the table works; combining several sums at once is beyond it (cell suppression in
full is a linear-programming problem), which for counts of complaints is a fair trade.
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


def _range(cell: Cell, values: dict[Cell, int], hidden: dict[Cell, str]) -> tuple[float, float]:
    """What a reader knows of a cell: its value when shown, 1 to 2 for "<3", any count for "*"."""
    if cell not in hidden:
        return values[cell], values[cell]
    return (1, 2) if hidden[cell] == SMALL else (0, INF)


def _pinned(cells: list[Cell], total: Cell, values: dict[Cell, int], hidden: dict[Cell, str]) -> bool:
    """Whether this one sum (cells adding up to total) lets a reader work out a hidden member exactly."""
    hidden_cells = [c for c in cells if c in hidden]
    visible = sum(values[c] for c in cells if c not in hidden)
    t_low, t_high = _range(total, values, hidden)
    ranges = {c: _range(c, values, hidden) for c in hidden_cells}
    for c in hidden_cells:
        others_low = sum(ranges[o][0] for o in hidden_cells if o != c)
        others_high = sum(ranges[o][1] for o in hidden_cells if o != c)
        low = max(ranges[c][0], t_low - visible - others_high)
        high = min(ranges[c][1], t_high - visible - others_low)
        if low >= high:
            return True
    if total in hidden:
        low = max(t_low, visible + sum(r[0] for r in ranges.values()))
        high = min(t_high, visible + sum(r[1] for r in ranges.values()))
        if low >= high:
            return True
    return False


def suppress(values: dict[Cell, int], sums: list[tuple[list[Cell], Cell]]) -> dict[Cell, str]:
    """The cells to hide: SMALL for counts of 1 and 2, SECONDARY for those hidden to protect them.

    A sum whose own total is below 3 cannot protect its parts (two "<3" under a "<3" are 1 and 1): its zeros
    are hidden too, and what is left is what the total already says."""
    hidden: dict[Cell, str] = {c: SMALL for c, v in values.items() if 1 <= v <= 2}
    changed = True
    while changed:
        changed = False
        for cells, total in sums:
            if not _pinned(cells, total, values, hidden):
                continue
            visible = [c for c in cells if c not in hidden]
            nonzero = sorted((c for c in visible if values[c] > 0), key=lambda c: (values[c], c))
            if nonzero:
                pick = nonzero[0]
            elif total not in hidden:
                pick = total
            elif visible:
                pick = visible[0]  # only zeros left: hiding one still widens what the others could be
            else:
                continue
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
