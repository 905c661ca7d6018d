"""The e-service API: public tracking (answered like the page: a wrong and a malformed code look the same,
failed look-ups are throttled) and the service list; for staff, the queue and the moves of a request.

Calls the same access checks, selectors and services as the HTML views."""

from datetime import date, datetime

from django.http import Http404
from django.urls import reverse
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from prongsai.agencies import access as agency_access
from prongsai.agencies import throttle
from prongsai.agencies.codes import normalise
from prongsai.api.auth import agency_member_auth

from . import access, selectors, services, views
from .models import Channel, Service, State

router = Router(tags=["eservice"])


# --- public -------------------------------------------------------------------------------------------


class StepOut(Schema):
    title: str
    working_days: int
    started_on: date | None
    due_on: date | None
    finished_on: date | None
    current: bool
    late: bool


class EventOut(Schema):
    at: datetime
    state: str
    label: str
    message: str
    department: str


class TrackingOut(Schema):
    code: str
    agency: str
    service: str
    department: str
    applicant: str  # masked: "สม*** ใจ***"
    state: str
    state_label: str
    received_on: date
    due_on: date
    standard_days: int
    elapsed_days: int
    waiting_for_documents: bool
    late: bool
    closed: bool
    steps: list[StepOut]
    timeline: list[EventOut]


@router.get("/track/{code}", response=TrackingOut)
def track(request, code: str):
    """A request's public status by its tracking code; 404 alike for a wrong and a malformed code, 429 after
    too many failed look-ups from one client."""
    if throttle.blocked(request, views.TRACK_SCOPE, limit=views.TRACK_LIMIT, window=views.TRACK_WINDOW):
        raise HttpError(429, "ตรวจสอบบ่อยเกินไป โปรดลองใหม่ภายหลัง")
    canonical = normalise(code)
    found = selectors.request_by_code(canonical) if canonical else None
    if found is None:
        throttle.hit(request, views.TRACK_SCOPE, limit=views.TRACK_LIMIT, window=views.TRACK_WINDOW)
        raise Http404
    view = selectors.request_view(found, staff=False)
    schedule = view.schedule
    return {
        "code": found.code,
        "agency": found.agency.slug,
        "service": found.service.name,
        "department": found.department.name,
        "applicant": selectors.mask_name(found.applicant_name),
        "state": found.state,
        "state_label": found.get_state_display(),
        "received_on": schedule.received_on,
        "due_on": schedule.due_on,
        "standard_days": schedule.standard_days,
        "elapsed_days": schedule.elapsed_days,
        "waiting_for_documents": schedule.waiting,
        "late": schedule.late,
        "closed": schedule.closed,
        "steps": [vars(s) | {} for s in schedule.steps],
        "timeline": [
            {
                "at": e.at,
                "state": e.to_state,
                "label": e.label,
                "message": e.message,
                "department": e.department,
            }
            for e in view.timeline
        ],
    }


class ServiceOut(Schema):
    slug: str
    name: str
    department: str
    kind: str
    standard_days: int
    accepts_online: bool
    url: str


@router.get("/agencies/{slug}/services", response=list[ServiceOut])
def service_list(request, slug: str):
    agency = agency_access.public_agency(slug)
    return [
        {
            "slug": s.slug,
            "name": s.name,
            "department": s.department.code,
            "kind": s.kind,
            "standard_days": selectors.standard_days(s),
            "accepts_online": s.accepts_online,
            "url": reverse("eservice_public:detail", kwargs={"agency": agency.slug, "slug": s.slug}),
        }
        for s in selectors.published_services(agency)
    ]


# --- staff --------------------------------------------------------------------------------------------


class RequestOut(Schema):
    code: str
    service: str
    department: str
    channel: str
    outside_reference: str
    state: str
    step: int | None
    received_at: datetime
    closed_at: datetime | None
    due_on: date
    late: bool
    late_soon: bool
    applicant_name: str


def _request_out(row) -> dict:
    r, schedule = row.request, row.schedule
    return {
        "code": r.code,
        "service": r.service.slug,
        "department": r.department.code,
        "channel": r.channel,
        "outside_reference": r.outside_reference,
        "state": r.state,
        "step": r.step,
        "received_at": r.received_at,
        "closed_at": r.closed_at,
        "due_on": schedule.due_on,
        "late": schedule.late and not schedule.closed,
        "late_soon": schedule.late_soon,
        "applicant_name": r.applicant_name,
    }


class _Rows:
    """A queryset-like page source: ninja's paginator slices it, and each slice gets its due dates."""

    def __init__(self, qs, rows):
        self.qs, self.rows = qs, rows

    def __len__(self):
        return self.qs.count()

    def count(self):
        return self.qs.count()

    def __getitem__(self, index):
        return [_request_out(r) for r in self.rows(self.qs[index])]


@router.get("/agencies/{slug}/requests", response=list[RequestOut], auth=agency_member_auth)
@paginate
def request_list(
    request,
    slug: str,
    state: str = "",
    service: str = "",
    channel: Channel | None = None,
    timing: str = "",
):
    """The requests this token's user may see; open ones unless `state` is given (`all` for every state).
    `timing=late` or `late_soon` (due within 2 working days)."""
    agency = agency_access.staff_agency(request.user, slug, "eservice.view")
    chosen = None
    if service:
        chosen = Service.objects.for_agency(agency).filter(slug=service).first()
        if chosen is None:
            raise Http404
    qs, rows = selectors.queue(
        access.visible_requests(request.user, agency),
        agency=agency,
        state=state,
        service=chosen,
        channel=channel or "",
        timing_filter=timing if timing in selectors.TIMING_FILTERS else "",
    )
    if timing in selectors.TIMING_FILTERS:
        return [_request_out(r) for r in rows(qs)]
    return _Rows(qs, rows)


class TransitionIn(Schema):
    to_state: State
    message: str = ""
    internal_note: str = ""
    permit_number: str = ""
    public_summary: str = ""


@router.post("/agencies/{slug}/requests/{code}/transitions", response=RequestOut, auth=agency_member_auth)
def request_transition(request, slug: str, code: str, data: TransitionIn):
    """Move a request: the same rules as the back office (role, department, allowed steps)."""
    agency, req = access.request_for_staff(request.user, slug, code)
    services.request_transition(
        actor=request.user,
        request=req,
        to_state=data.to_state,
        message=data.message,
        internal_note=data.internal_note,
        outcome=services.Outcome(permit_number=data.permit_number, public_summary=data.public_summary),
    )
    qs, rows = selectors.queue(
        access.visible_requests(request.user, agency).filter(pk=req.pk), agency=agency, state="all"
    )
    return _request_out(rows(qs)[0])
