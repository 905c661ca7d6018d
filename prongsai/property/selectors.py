"""Reads of the property module: the register's lists, loans due and overdue, the booking calendar, the
public donation list and the seized-goods statistics. Overdue and "held too long" are computed from the
dates, never stored."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q, Sum

from prongsai.thai.fiscal import fiscal_year_bounds, fiscal_year_months, month_end

from .models import (
    HOLDING_STATES,
    OPEN_STATES,
    SIGNATURES_NEEDED,
    Asset,
    CustodyEvent,
    CustodyKind,
    Donation,
    Loan,
    LoanState,
    PropertySettings,
    SeizedItem,
    SeizedState,
)
from .texts import DEFAULT_BORROWING_RULES, DEFAULT_MEASURES


def texts(agency) -> tuple[str, str, datetime.datetime | None]:
    """(measures, borrowing rules, when they were last changed): the agency's own, or the defaults."""
    current = PropertySettings.objects.filter(agency=agency).first()
    if current is None:
        return DEFAULT_MEASURES, DEFAULT_BORROWING_RULES, None
    return current.measures, current.borrowing_rules, current.updated_at


def assets(agency, *, department=None, status: str = "", category: str = "", q: str = ""):
    qs = Asset.objects.for_agency(agency).select_related("department")
    if department is not None:
        qs = qs.filter(department=department)
    if status:
        qs = qs.filter(status=status)
    if category:
        qs = qs.filter(category=category)
    if q:
        qs = qs.filter(Q(number__icontains=q) | Q(name__icontains=q) | Q(location__icontains=q))
    return qs.order_by("department__order", "number")


def loans(agency, *, view: str = "open", today: datetime.date, departments=None):
    """view: "open" (requested, booked, out), "requested", "upcoming" (booked for later), "overdue", "all"."""
    qs = Loan.objects.for_agency(agency).select_related("asset", "asset__department")
    if departments is not None:
        qs = qs.filter(asset__department__in=departments)
    if view == "requested":
        qs = qs.filter(state=LoanState.REQUESTED)
    elif view == "upcoming":
        qs = qs.filter(state=LoanState.APPROVED, starts_on__gt=today)
    elif view == "overdue":
        qs = overdue(qs, today)
    elif view != "all":
        qs = qs.filter(state__in=OPEN_STATES)
    return qs.order_by("starts_on", "pk")


def overdue(qs, today: datetime.date):
    return qs.filter(state=LoanState.CHECKED_OUT, ends_on__lt=today)


def overdue_loans(agency, today: datetime.date):
    return overdue(Loan.objects.for_agency(agency), today).select_related("asset", "asset__department")


@dataclass
class Day:
    date: datetime.date | None
    booked: bool = False
    past: bool = False


def month_calendar(asset: Asset, month: datetime.date, today: datetime.date) -> list[list[Day]]:
    """Weeks (Monday first) of ``month`` with the days that approved or current loans hold: what the public
    sees of bookings (dates only, never who)."""
    first = month.replace(day=1)
    last = month_end(first)
    held = list(
        asset.loans.filter(state__in=HOLDING_STATES, starts_on__lte=last, ends_on__gte=first).values_list(
            "starts_on", "ends_on"
        )
    )
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month):
        row = []
        for day in week:
            if day.month != first.month:
                row.append(Day(None))
            else:
                row.append(Day(day, any(s <= day <= e for s, e in held), day < today))
        weeks.append(row)
    return weeks


def booked_spans(asset: Asset, today: datetime.date):
    return list(
        asset.loans.filter(state__in=HOLDING_STATES, ends_on__gte=today)
        .order_by("starts_on")
        .values_list("starts_on", "ends_on")
    )


def lendable_assets(agency):
    return (
        Asset.objects.for_agency(agency)
        .publicly_lendable()
        .select_related("department")
        .order_by("category", "number")
    )


def donations_of_year(agency, year: int):
    start, end = fiscal_year_bounds(year)
    return (
        Donation.objects.for_agency(agency)
        .filter(received_on__range=(start, end))
        .select_related("department", "asset")
        .order_by("received_on", "pk")
    )


def donation_years(agency) -> list[int]:
    dates = Donation.objects.for_agency(agency).aggregate(first=Max("received_on"))
    if dates["first"] is None:
        return []
    from prongsai.thai.fiscal import fiscal_year

    first = (
        Donation.objects.for_agency(agency)
        .order_by("received_on")
        .values_list("received_on", flat=True)
        .first()
    )
    return list(range(fiscal_year(dates["first"]), fiscal_year(first) - 1, -1))


def donation_total(rows) -> dict:
    return {"value": sum((d.value for d in rows), start=0)}


def seized_with_flags(
    agency, today: datetime.date, *, state: str = "", departments=None, flagged: bool = False
):
    qs = SeizedItem.objects.for_agency(agency).select_related("rule", "department")
    if departments is not None:
        qs = qs.filter(department__in=departments)
    if state:
        qs = qs.filter(state=state)
    items = list(qs)
    pending = pending_event_ids(agency)
    for item in items:
        item.flagged = item.held_too_long(today)
        item.has_pending = item.pk in pending
    if flagged:
        items = [i for i in items if i.flagged]
    return items


def pending_event_ids(agency) -> set[int]:
    """Items (ids) with an event that has fewer than two signatures."""
    return set(
        CustodyEvent.objects.filter(agency=agency)
        .annotate(n=Count("signatures"))
        .filter(n__lt=SIGNATURES_NEEDED)
        .values_list("item_id", flat=True)
    )


def confirmed_events(agency):
    return (
        CustodyEvent.objects.filter(agency=agency)
        .annotate(n=Count("signatures"), confirmed_at=Max("signatures__signed_at"))
        .filter(n__gte=SIGNATURES_NEEDED)
    )


@dataclass
class MonthFigures:
    month: datetime.date
    received: int = 0
    returned: int = 0
    handed_over: int = 0  # to the police or the court
    disposed: int = 0  # sold at auction or destroyed
    in_store: int = 0  # at the end of the month


@dataclass
class SeizedStatistics:
    year: int
    months: list[MonthFigures] = field(default_factory=list)

    @property
    def total(self) -> MonthFigures:
        last = self.months[-1].in_store if self.months else 0
        return MonthFigures(
            self.months[0].month if self.months else None,
            sum(m.received for m in self.months),
            sum(m.returned for m in self.months),
            sum(m.handed_over for m in self.months),
            sum(m.disposed for m in self.months),
            last,
        )


LEAVING = {
    CustodyKind.RETURNED_OWNER: "returned",
    CustodyKind.TO_POLICE: "handed_over",
    CustodyKind.TO_COURT: "handed_over",
    CustodyKind.AUCTIONED: "disposed",
    CustodyKind.DESTROYED: "disposed",
}


def seized_statistics(agency, year: int, today: datetime.date) -> SeizedStatistics:
    """Per month of the fiscal year (up to this month): items received, returned to their owners, handed to
    the police or a court, disposed of, and in store at the month's end. Counts only: no names, no cases.
    Three queries whatever the number of items."""
    months = [m for m in fiscal_year_months(year) if m <= today]
    stats = SeizedStatistics(year)
    if not months:
        return stats
    end = month_end(months[-1])
    received = list(
        SeizedItem.objects.for_agency(agency).filter(seized_on__lte=end).values_list("seized_on", flat=True)
    )
    leaving = list(
        confirmed_events(agency)
        .filter(kind__in=list(LEAVING), occurred_on__lte=end)
        .values_list("kind", "occurred_on")
    )
    for month in months:
        last = month_end(month)
        figures = MonthFigures(month)
        figures.received = sum(1 for d in received if month <= d <= last)
        for kind, day in leaving:
            if month <= day <= last:
                setattr(figures, LEAVING[kind], getattr(figures, LEAVING[kind]) + 1)
        figures.in_store = sum(1 for d in received if d <= last) - sum(1 for _k, d in leaving if d <= last)
        stats.months.append(figures)
    return stats


def seized_years(agency, today: datetime.date) -> list[int]:
    from prongsai.thai.fiscal import fiscal_year

    first = (
        SeizedItem.objects.for_agency(agency)
        .order_by("seized_on")
        .values_list("seized_on", flat=True)
        .first()
    )
    if first is None:
        return []
    return list(range(fiscal_year(today), fiscal_year(first) - 1, -1))


def register_summary(agency) -> dict:
    """Counts for the measures page: assets by status, their total value, loans this year."""
    qs = Asset.objects.for_agency(agency)
    by_status = dict(qs.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    value = qs.exclude(status="disposed").aggregate(total=Sum("price"))["total"] or 0
    return {"by_status": by_status, "count": sum(by_status.values()), "value": value}


def in_store_count(agency) -> int:
    return SeizedItem.objects.for_agency(agency).filter(state=SeizedState.IN_STORE).count()
