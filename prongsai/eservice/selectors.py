"""Reads of the e-service: the catalogue, request timelines and due dates, the queues and the statistics.

Due dates, "late" and "late soon" are computed here from the status events (``timing.py``), never stored.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Min, Prefetch, Q
from django.db.models.functions import TruncDate, TruncMonth
from django.template.defaultfilters import linebreaksbr
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from prongsai.agencies.models import Agency, Department, StatusEvent
from prongsai.agencies.prepared import PreparedQuery
from prongsai.agencies.public_stamp import active_agency, cached_many
from prongsai.agencies.selectors import days_off, department_names
from prongsai.thai.fiscal import fiscal_year_bounds
from prongsai.thai.templatetags.thai import be_date

from . import timing
from .models import CLOSED_STATES, OPEN_STATES, ReportGroup, Request, Service, ServiceStep, State
from .templatetags.eservice import working_days
from .timing import EventRow, Schedule, WorkdayCounter, local_date

ONE_DAY = datetime.timedelta(days=1)
# How far a counter reaches: long enough for any request's due date, short enough to build in a blink.
COUNTER_MARGIN = datetime.timedelta(days=200)


# --- the catalogue ------------------------------------------------------------------------------------


def published_services(agency: Agency):
    return (
        Service.objects.for_agency(agency)
        .published()
        .select_related("department")
        .prefetch_related("steps")
        .order_by("department__order", "order", "name")
    )


def public_service(agency: Agency, slug: str) -> Service | None:
    return (
        Service.objects.for_agency(agency)
        .published()
        .select_related("department")
        .prefetch_related(
            Prefetch("steps", queryset=ServiceStep.objects.select_related("department")),
            "documents",
            "checklist",
            "fees",
        )
        .filter(slug=slug)
        .first()
    )


def standard_days(service: Service) -> int:
    return sum(step.working_days for step in service.steps.all())


# --- timing -------------------------------------------------------------------------------------------


# Each process keeps one counter per agency, over a span that grows to cover what was asked: a tracking page
# would otherwise count the days from the request's receipt to today again (years, for an old request). It is
# replaced when the agency's holidays change (the set is part of what is compared).
_counters: dict[int, WorkdayCounter] = {}
COUNTERS_KEPT = 256
COUNTER_SPAN = datetime.timedelta(days=3 * 366)


def counter_for(agency: Agency, start: datetime.date, end: datetime.date) -> WorkdayCounter:
    start, end = start - ONE_DAY, end + COUNTER_MARGIN
    holidays = days_off(agency)
    kept = _counters.get(agency.pk)
    if kept is not None and kept.holidays == holidays and kept.start <= start and end <= kept.end:
        return kept
    if kept is not None and kept.holidays == holidays:
        start, end = min(start, kept.start), max(end, kept.end)
    else:
        today = timezone.localdate()  # most questions are about the last few years
        start, end = min(start, today - COUNTER_SPAN), max(end, today + COUNTER_MARGIN)
    counter = WorkdayCounter(holidays, start, end)
    if len(_counters) >= COUNTERS_KEPT:
        _counters.clear()
    _counters[agency.pk] = counter
    return counter


def _request_type() -> ContentType:
    return ContentType.objects.get_for_model(Request)


def events_of(requests: Sequence[Request]) -> dict[int, list[StatusEvent]]:
    """The status events of these requests, in time order, in one query."""
    out: dict[int, list[StatusEvent]] = defaultdict(list)
    if not requests:
        return out
    # Sorted here rather than by the query: compiling its ORDER BY cost the tracking page more than sorting
    # a request's few events (and a queue page's few hundred) in Python.
    if len(requests) == 1:  # a request's own pages: the query compiled once (agencies/prepared.py)
        events = _events_of_one(_request_type().pk, requests[0].pk)
    else:
        events = StatusEvent.objects.filter(
            content_type=_request_type(), object_id__in=[r.pk for r in requests]
        ).order_by()
    for event in sorted(events, key=_event_order):
        out[event.object_id].append(event)
    return out


_events_of_one = PreparedQuery(
    lambda type_id, object_id: StatusEvent.objects.filter(
        content_type_id=type_id, object_id=object_id
    ).order_by(),
    2_147_301_001,
    2_147_301_002,
)


def _event_order(event: StatusEvent) -> tuple:
    return (event.at, event.pk)  # StatusEvent's own ordering


def _rows(events: Iterable[StatusEvent]) -> list[EventRow]:
    return [EventRow(e.at, e.from_state, e.to_state, (e.data or {}).get("step")) for e in events]


def service_steps(agency: Agency, service: Service) -> list[tuple[str, int]]:
    """(title, working days) of a service's steps, kept under the agency's public stamp (every change of a
    service announces itself): a tracking page then needs no query for them."""
    key = f"service-steps:{service.pk}"
    build = lambda: [(s.title, s.working_days) for s in service.steps.all()]  # noqa: E731
    return cached_many(agency, {key: build})[key]


def schedule_of(
    request: Request,
    events: Sequence[StatusEvent],
    counter: WorkdayCounter,
    today: datetime.date,
    steps: Sequence[tuple[str, int]] | None = None,
) -> Schedule:
    if steps is None:  # a queue's page of requests, their services' steps prefetched
        steps = [(s.title, s.working_days) for s in request.service.steps.all()]
    return timing.schedule(
        received_at=request.received_at, steps=steps, events=_rows(events), counter=counter, today=today
    )


@dataclass
class TimelineEntry:
    at: datetime.datetime
    when: str  # the local date in BE and the time, as every page of a request writes it
    from_state: str
    to_state: str
    label: str
    message: str
    department: str
    internal_note: str = ""
    actor: str = ""
    is_note: bool = False


@dataclass
class RequestView:
    request: Request
    schedule: Schedule
    timeline: list[TimelineEntry] = field(default_factory=list)


def request_view(request: Request, *, staff: bool, today: datetime.date | None = None) -> RequestView:
    """A request with its due dates and its timeline. ``staff`` adds internal notes and who acted; the
    public view has neither."""
    today = today or timezone.localdate()
    events = events_of([request])[request.pk]
    # The calendar from receipt to closing (or today): a closed request of years ago needs no days since.
    end = local_date(request.closed_at) if request.closed_at else today
    counter = counter_for(request.agency, local_date(request.received_at), end)
    departments = department_names(request.agency)
    labels = _state_labels(get_language())
    entries = []
    for event in events:
        data = event.data or {}
        is_note = data.get("kind") == "note"
        if is_note and not staff and not event.note:
            continue  # an internal note only
        department = departments.get(data.get("department"), "")
        entries.append(
            TimelineEntry(
                at=event.at,
                when=_when(event.at),
                from_state=event.from_state,
                to_state=event.to_state,
                label=labels.get(event.to_state, event.to_state),
                message=event.note,
                department=department,
                internal_note=data.get("internal_note", "") if staff else "",
                actor=(event.actor_name or "") if staff else "",
                is_note=is_note,
            )
        )
    schedule = schedule_of(
        request, events, counter, today, steps=service_steps(request.agency, request.service)
    )
    return RequestView(request, schedule, entries)


def _when(at: datetime.datetime) -> str:
    # Worked out here, not by three filters a line in the template: the timeline is the tracking page's
    # longest part, and Django's time filter alone cost more than the rest of an entry (issue 17).
    local = timezone.localtime(at)
    return f"{be_date(local)} {local:%H:%M}"


# A request's status, steps and timeline are written by Jinja2 fragments (eservice/jinja2/eservice/), on the
# tracking page, the receipt and the staff's page of a request: on the tracking page, the module's most
# visited, Django's engine took 0.6 ms for these three parts, half as long as its two queries (issue 17). The
# values are finished here, in the reader's language and the agency's digits; the fragments only write them.


def request_fragments(view: RequestView, *, applicant: str = "") -> dict:
    """The values of the fragments ``eservice/status.html``, ``steps.html`` and ``timeline.html``. ``applicant``
    is the name the status shows (masked on public pages)."""
    req, schedule = view.request, view.schedule
    if schedule.late:
        timing_word, badge = _("เกินกำหนด"), "late"
    elif schedule.closed:
        timing_word, badge = _("แล้วเสร็จทันกำหนด"), ""
    elif schedule.late_soon:
        timing_word, badge = _("ใกล้ครบกำหนด"), "soon"
    else:
        timing_word, badge = _("อยู่ในกำหนด"), ""
    return {
        "words": _request_words(),
        "status": {
            "state": req.state,
            "state_label": _state_labels(get_language()).get(req.state, req.state),
            "waiting": schedule.waiting,
            "service": req.service.display_name,
            "applicant": applicant,
            "received": be_date(schedule.received_on),
            "due": be_date(schedule.due_on),
            "standard": working_days(schedule.standard_days),
            "timing": timing_word,
            "timing_badge": badge,
        },
        "steps": [
            {
                "title": step.title,
                "days": working_days(step.working_days),
                "current": step.current,
                "late": bool(step.late and step.started_on),
                "started": be_date(step.started_on) or "-",
                "due": be_date(step.due_on) or "-",
                "finished": be_date(step.finished_on) or "-",
            }
            for step in schedule.steps
        ],
        "timeline": [
            {
                "is_note": entry.is_note,
                "label": entry.label,
                "when": entry.when,
                "department": entry.department,
                "actor": entry.actor,
                # Django's own filter: escaped, then line breaks as <br> (the result is marked safe).
                "message": linebreaksbr(entry.message) if entry.message else "",
                "internal_note": linebreaksbr(entry.internal_note) if entry.internal_note else "",
            }
            for entry in view.timeline
        ],
    }


@lru_cache(maxsize=16)
def _state_labels(language: str) -> dict[str, str]:
    # Once per language and process, as the words below: Django's get_FOO_display() rebuilt the choices and
    # translated the label on every call (22 µs, the status's dearest value), and so did each timeline entry.
    return {value: str(label) for value, label in State.choices}


def _request_words() -> dict:
    return _words_in(get_language())


@lru_cache(maxsize=16)
def _words_in(language: str) -> dict:
    # Once per language and process: fifteen look-ups a page otherwise (the translation catalogues are fixed
    # while the process runs). Read only by the fragments.
    return {
        "state": _("สถานะ"),
        "waiting": _("(หยุดนับเวลาระหว่างรอเอกสาร)"),
        "service": _("งานบริการ"),
        "applicant": _("ผู้ยื่นคำขอ"),
        "received": _("วันที่รับคำขอ"),
        "due": _("กำหนดแล้วเสร็จตามมาตรฐาน"),
        "timing": _("ความตรงเวลา"),
        "step": _("ขั้นตอน"),
        "started": _("เริ่ม"),
        "step_due": _("กำหนดเสร็จ"),
        "finished": _("เสร็จ"),
        "current": _("ขั้นตอนปัจจุบัน"),
        "late": _("เกินกำหนด"),
        "note": _("ข้อความ"),
        "internal_note": _("บันทึกภายใน"),
    }


# A unique key: no sort. Compiled once (agencies/prepared.py): the tracking page's first read.
_request_of_code = PreparedQuery(lambda code: Request.objects.filter(code=code).order_by()[:1], "\x00code")


def request_by_code(code: str) -> Request | None:
    """The request with this tracking code, with its agency, service and department, or None (also when its
    agency is inactive). The request row is read on every call; the other three are kept (the agency while
    its public stamp stands, the service and department under that stamp): joined into the query, they cost
    the tracking page, the most visited page of the module, more than the rest of its reads together."""
    found = next(iter(_request_of_code(code)), None)
    if found is None:
        return None
    agency = active_agency(found.agency_id)
    if agency is None:
        return None
    service_key, department_key = f"service:{found.service_id}", f"department:{found.department_id}"
    builders = {service_key: lambda: Service.objects.get(pk=found.service_id)}
    if found.department_id is not None:
        builders[department_key] = lambda: Department.objects.get(pk=found.department_id)
    kept = cached_many(agency, builders)
    found.agency, found.service = agency, kept[service_key]
    if found.department_id is not None:
        found.department = kept[department_key]
    return found


def mask_name(name: str) -> str:
    """ "สมชาย ใจดี" -> "สม*** ใจ***": enough for the applicant to know it is theirs, not enough to identify."""
    parts = name.split()
    return " ".join(part[:2] + "***" for part in parts) if parts else "***"


# --- queues -------------------------------------------------------------------------------------------


@dataclass
class QueueRow:
    request: Request
    schedule: Schedule


TIMING_FILTERS = ("late", "late_soon")


def queue(
    requests,
    *,
    agency: Agency,
    state: str = "",
    service: Service | None = None,
    department_id: int | None = None,
    channel: str = "",
    timing_filter: str = "",
    today: datetime.date | None = None,
):
    """The rows of a queue: the visible ``requests`` filtered; open ones unless a state is asked for.
    Returns (queryset, rows function): the caller paginates the queryset, or, for late/late soon (computed,
    not stored), takes every row and paginates the list."""
    today = today or timezone.localdate()
    qs = requests.select_related("service", "department").prefetch_related("service__steps")
    if state == "all":
        pass
    elif state in State.values:
        qs = qs.filter(state=state)
    else:
        qs = qs.filter(state__in=OPEN_STATES)
    if service is not None:
        qs = qs.filter(service=service)
    if department_id:
        qs = qs.filter(Q(department_id=department_id) | Q(service__department_id=department_id))
    if channel:
        qs = qs.filter(channel=channel)
    qs = qs.order_by("received_at", "pk")  # oldest first: the queue is worked from the front

    def rows(page: Sequence[Request]) -> list[QueueRow]:
        page = list(page)
        if not page:
            return []
        events = events_of(page)
        first = min(local_date(r.received_at) for r in page)
        counter = counter_for(agency, first, today)
        out = [QueueRow(r, schedule_of(r, events[r.pk], counter, today)) for r in page]
        if timing_filter == "late":
            out = [row for row in out if row.schedule.late and not row.schedule.closed]
        elif timing_filter == "late_soon":
            out = [row for row in out if row.schedule.late_soon]
        return out

    return qs, rows


# --- statistics ---------------------------------------------------------------------------------------


def _month(d: datetime.date) -> datetime.date:
    return d.replace(day=1)


def _quantize(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def percentile_90(values: Sequence[int]) -> int | None:
    """The nearest-rank 90th percentile: the smallest value that at least 90 % of the values do not exceed."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


@dataclass
class Figures:
    received: int = 0
    completed: int = 0
    on_time: int = 0
    late: int = 0
    days: list[int] = field(default_factory=list)
    ratings: list[int] = field(default_factory=list)

    @property
    def average_days(self) -> Decimal | None:
        return _quantize(Decimal(sum(self.days)) / len(self.days)) if self.days else None

    @property
    def p90_days(self) -> int | None:
        return percentile_90(self.days)

    @property
    def rating_mean(self) -> Decimal | None:
        return _quantize(Decimal(sum(self.ratings)) / len(self.ratings)) if self.ratings else None

    @property
    def on_time_percent(self) -> Decimal | None:
        return _quantize(Decimal(100 * self.on_time) / self.completed) if self.completed else None

    def as_dict(self) -> dict:
        return {
            "received": self.received,
            "completed": self.completed,
            "on_time": self.on_time,
            "late": self.late,
            "average_days": self.average_days,
            "p90_days": self.p90_days,
            "ratings": len(self.ratings),
            "rating_mean": self.rating_mean,
        }


@dataclass
class Statistics:
    """Figures of a span of months. Keys: month (first day), service id, department id.

    received: requests received in the month. Completed: requests closed (completed or refused) in the
    month; on time when the working days from receipt to closing, less the days waiting for documents, do
    not exceed the service's standard; their average and 90th percentile of working days; the ratings of
    the requests completed in the month."""

    start: datetime.date
    end: datetime.date
    months: list[datetime.date]
    services: dict[int, Service]
    by_month: dict[datetime.date, Figures]
    by_month_service: dict[tuple[datetime.date, int], Figures]
    by_month_department: dict[tuple[datetime.date, int], Figures]
    by_service: dict[int, Figures]
    by_department: dict[int, Figures]
    total: Figures

    @property
    def has_data(self) -> bool:
        return bool(self.total.received or self.total.completed)


def _months_between(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    months, month = [], _month(start)
    while month <= end:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def _merge(parts: Iterable[Figures]) -> Figures:
    out = Figures()
    for part in parts:
        out.received += part.received
        out.completed += part.completed
        out.on_time += part.on_time
        out.late += part.late
        out.days += part.days
        out.ratings += part.ratings
    return out


def document_waits(closed_span, tz) -> dict[int, list[tuple[datetime.date, datetime.date | None]]]:
    """Per closed request, the spans it waited for the applicant's documents (the clock stops then): one
    query, through the (content type, object) index, over the events of the span's closed requests only."""
    waits: dict[int, list[tuple[datetime.date, datetime.date | None]]] = defaultdict(list)
    open_wait: dict[int, datetime.date] = {}
    events = (
        StatusEvent.objects.filter(content_type=_request_type(), object_id__in=closed_span.values("pk"))
        .filter(Q(to_state=State.NEEDS_DOCUMENTS) | Q(from_state=State.NEEDS_DOCUMENTS))
        .exclude(from_state=State.NEEDS_DOCUMENTS, to_state=State.NEEDS_DOCUMENTS)
        .order_by("at", "pk")
        .annotate(day=TruncDate("at", tzinfo=tz))
        .values_list("object_id", "day", "to_state")
    )
    for object_id, day, to_state in events:
        if to_state == State.NEEDS_DOCUMENTS:
            open_wait.setdefault(object_id, day)
        elif object_id in open_wait:
            waits[object_id].append((open_wait.pop(object_id), day))
    for object_id, since in open_wait.items():  # closed while waiting (refused): waited until closing
        waits[object_id].append((since, None))
    return waits


def statistics(agency: Agency, start: datetime.date, end: datetime.date) -> Statistics:
    """The figures of every month from ``start`` to ``end`` (dates, inclusive), for the whole agency.

    A handful of queries whatever the number of requests: receipts counted by the database per month and
    service, closed requests as value tuples, and the events of waiting for documents (the only events that
    change the count of days). Each closed request is counted once, in its (month, service) cell; the
    other tables are sums of cells."""
    services = {
        s.pk: s
        for s in Service.objects.for_agency(agency).select_related("department").prefetch_related("steps")
    }
    standard = {pk: standard_days(s) for pk, s in services.items()}
    department_of = {pk: s.department_id for pk, s in services.items()}
    tz = timezone.get_current_timezone()
    begin = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    finish = datetime.datetime.combine(end + ONE_DAY, datetime.time.min, tzinfo=tz)
    requests = Request.objects.for_agency(agency)
    cells: dict[tuple[datetime.date, int], Figures] = defaultdict(Figures)
    received = (
        requests.filter(received_at__gte=begin, received_at__lt=finish)
        .annotate(month=TruncMonth("received_at", tzinfo=tz))
        .values_list("month", "service_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for month, service_id, n in received:
        month = month.astimezone(tz).date() if isinstance(month, datetime.datetime) else month
        cells[(month.replace(day=1), service_id)].received += n
    closed_span = requests.filter(closed_at__gte=begin, closed_at__lt=finish)
    # Days in Bangkok computed by the database: a date is cheaper to read than an aware datetime.
    closed = list(
        closed_span.annotate(
            received_on=TruncDate("received_at", tzinfo=tz), closed_on=TruncDate("closed_at", tzinfo=tz)
        ).values_list("pk", "service_id", "received_on", "closed_on", "rating")
    )
    earliest = min((row[2] for row in closed), default=start)
    waits = document_waits(closed_span, tz) if closed else {}
    counter = counter_for(agency, earliest, end)
    between = counter.between
    for pk, service_id, received_on, closed_on, rating in closed:
        days = between(received_on, closed_on)
        if pk in waits:
            days = max(0, days - sum(between(a, b or closed_on) for a, b in waits[pk]))
        cell = cells[(closed_on.replace(day=1), service_id)]
        cell.completed += 1
        if days <= standard[service_id]:
            cell.on_time += 1
        else:
            cell.late += 1
        cell.days.append(days)
        if rating is not None:
            cell.ratings.append(rating)

    months = _months_between(start, end)
    in_span = set(months)
    by_month_service = {key: cell for key, cell in cells.items() if key[0] in in_span}
    grouped: dict[str, dict] = {
        "month": defaultdict(list),
        "md": defaultdict(list),
        "s": defaultdict(list),
        "d": defaultdict(list),
    }
    for (month, service_id), cell in by_month_service.items():
        department_id = department_of[service_id]
        grouped["month"][month].append(cell)
        grouped["md"][(month, department_id)].append(cell)
        grouped["s"][service_id].append(cell)
        grouped["d"][department_id].append(cell)
    by_month = {m: _merge(grouped["month"].get(m, ())) for m in months}
    return Statistics(
        start=start,
        end=end,
        months=months,
        services=services,
        by_month=by_month,
        by_month_service=by_month_service,
        by_month_department={k: _merge(v) for k, v in grouped["md"].items()},
        by_service={k: _merge(v) for k, v in grouped["s"].items()},
        by_department={k: _merge(v) for k, v in grouped["d"].items()},
        total=_merge(by_month.values()),
    )


def statistics_span(agency: Agency, year: int, today: datetime.date | None = None):
    """(start, end) of the statistics of fiscal year ``year`` (BE) shown today: up to today in a running year."""
    today = today or timezone.localdate()
    start, end = fiscal_year_bounds(year)
    return start, min(end, today)


def in_use_since(agency: Agency) -> datetime.date | None:
    first = Request.objects.for_agency(agency).aggregate(first=Min("received_at"))["first"]
    return local_date(first) if first else None


# --- the public registers (OIT 15 and 16) -------------------------------------------------------------


def register(agency: Agency, group: str, start: datetime.date, end: datetime.date):
    """Approved requests of the services of a register, approved between start and end: the permits issued.
    Only the fields that carry no personal data are read."""
    tz = timezone.get_current_timezone()
    begin = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    finish = datetime.datetime.combine(end + ONE_DAY, datetime.time.min, tzinfo=tz)
    approved_ids = StatusEvent.objects.filter(
        agency=agency, content_type=_request_type(), to_state=State.APPROVED, at__gte=begin, at__lt=finish
    ).values_list("object_id", flat=True)
    return (
        Request.objects.for_agency(agency)
        .filter(service__report_group=group, pk__in=approved_ids)
        .exclude(state=State.REFUSED)
        .select_related("service")
        .only(
            "pk",
            "code",
            "permit_number",
            "public_summary",
            "area_sqm",
            "amount",
            "received_at",
            "closed_at",
            "state",
            "service__name",
            "service__report_group",
        )
        .order_by("received_at", "pk")
    )


def approved_on(requests: Sequence[Request]) -> dict[int, datetime.date]:
    """The day each of these requests was approved (its first "approved" event)."""
    out: dict[int, datetime.date] = {}
    if not requests:
        return out
    for object_id, at in (
        StatusEvent.objects.filter(
            content_type=_request_type(), object_id__in=[r.pk for r in requests], to_state=State.APPROVED
        )
        .order_by("at", "pk")
        .values_list("object_id", "at")
    ):
        out.setdefault(object_id, local_date(at))
    return out


def register_groups(agency: Agency) -> set[str]:
    return set(
        Service.objects.for_agency(agency).exclude(report_group="").values_list("report_group", flat=True)
    )


REGISTER_GROUPS = {
    "building-permits": ReportGroup.BUILDING_PERMIT,
    "signboards": ReportGroup.SIGNBOARD,
}
CLOSED = CLOSED_STATES
