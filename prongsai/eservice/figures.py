"""The e-service's figures for a parent agency (see disclosure/providers.py, agency_figures): requests
received, completed and completed late in each child's fiscal year. A fixed handful of queries for any number
of agencies, counted by the same rule as the monthly statistics (selectors.statistics): working days from
receipt to closing, less the days waiting for documents, against the service's standard days."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.agencies.models import Holiday
from prongsai.disclosure.providers import AgencyFigures, FigureColumn
from prongsai.thai.fiscal import fiscal_year_bounds

from .models import Request, Service
from .selectors import COUNTER_MARGIN, ONE_DAY, document_waits, standard_days
from .timing import WorkdayCounter

COLUMNS = (
    FigureColumn("received", gettext_lazy("คำขอที่รับ")),
    FigureColumn("completed", gettext_lazy("เสร็จสิ้น")),
    FigureColumn("late", gettext_lazy("เสร็จล่าช้า")),
    FigureColumn("open", gettext_lazy("ค้างดำเนินการ")),
)


def span(year: int, today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    start, end = fiscal_year_bounds(year)
    return start, min(end, today or timezone.localdate())


def agency_figures(agency_ids: list[int], year: int) -> AgencyFigures:
    start, end = span(year)
    tz = timezone.get_current_timezone()
    begin = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    finish = datetime.datetime.combine(end + ONE_DAY, datetime.time.min, tzinfo=tz)
    requests = Request.objects.filter(agency_id__in=agency_ids)
    values: dict[int, dict[str, int | None]] = {
        pk: {"received": 0, "completed": 0, "late": 0, "open": 0} for pk in agency_ids
    }
    received = (
        requests.filter(received_at__gte=begin, received_at__lt=finish)
        .values_list("agency_id")
        .annotate(n=Count("pk"), open=Count("pk", filter=Q(closed_at__isnull=True)))
        .order_by()
    )
    for agency_id, n, still_open in received:
        values[agency_id]["received"] = n
        values[agency_id]["open"] = still_open
    closed_span = requests.filter(closed_at__gte=begin, closed_at__lt=finish)
    closed = list(
        closed_span.annotate(
            received_on=TruncDate("received_at", tzinfo=tz), closed_on=TruncDate("closed_at", tzinfo=tz)
        ).values_list("pk", "agency_id", "service_id", "received_on", "closed_on")
    )
    if not closed:
        return AgencyFigures(title=_("บริการ (e-Service)"), columns=COLUMNS, values=values)
    standard = {
        s.pk: standard_days(s)
        for s in Service.objects.filter(agency_id__in=agency_ids).only("pk").prefetch_related("steps")
    }
    waits = document_waits(closed_span, tz)
    # One query for every agency's days off: national holidays plus each agency's own.
    earliest = min(row[3] for row in closed)
    first, last = earliest - ONE_DAY, end + COUNTER_MARGIN
    national, own = set(), defaultdict(set)
    for agency_id, day in Holiday.objects.filter(
        Q(agency__isnull=True) | Q(agency_id__in=agency_ids), date__range=(first, last)
    ).values_list("agency_id", "date"):
        (own[agency_id] if agency_id else national).add(day)
    counters: dict[int, WorkdayCounter] = {}
    for pk, agency_id, service_id, received_on, closed_on in closed:
        counter = counters.get(agency_id)
        if counter is None:
            counter = counters[agency_id] = WorkdayCounter(national | own[agency_id], first, last)
        days = counter.between(received_on, closed_on)
        if pk in waits:
            days = max(0, days - sum(counter.between(a, b or closed_on) for a, b in waits[pk]))
        values[agency_id]["completed"] += 1
        if days > standard[service_id]:
            values[agency_id]["late"] += 1
    return AgencyFigures(title=_("บริการ (e-Service)"), columns=COLUMNS, values=values)
