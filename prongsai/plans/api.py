"""The plans API: published plans and their progress for everyone; monthly reports and their review for staff.

Calls the same access checks, selectors and services as the HTML views (views.py).
"""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate

from prongsai.agencies import access
from prongsai.api.auth import agency_member_auth

from . import access as plan_access
from . import selectors, services
from .models import Plan, ProgressReport, ReviewState

router = Router(tags=["plans"])


# --- public -------------------------------------------------------------------------------------------


class PlanSummaryOut(Schema):
    fiscal_year: int
    kind: str
    title: str
    percent: int


class IndicatorOut(Schema):
    number: str
    title: str
    parent: str | None


class PublicActivityOut(Schema):
    id: int
    oit_code: str
    indicator: str | None
    focus: str
    name: str
    output: str
    channels: list[str]
    due_date: date | None
    departments: list[str]
    all_departments: bool
    appendix: bool
    status: str
    percent: int
    done: bool
    overdue: bool


class PlanDetailOut(Schema):
    fiscal_year: int
    kind: str
    title: str
    as_of: date
    percent: int
    indicators: list[IndicatorOut]
    activities: list[PublicActivityOut]


def _public_activity(state: selectors.ActivityState) -> dict:
    # Built field by field: nothing about who submitted or reviewed reaches the public.
    activity = state.activity
    return {
        "id": activity.pk,
        "oit_code": activity.oit_code,
        "indicator": activity.indicator.number if activity.indicator else None,
        "focus": activity.focus,
        "name": activity.name,
        "output": activity.output,
        "channels": activity.channels or [],
        "due_date": activity.due_date,
        "departments": [d.code for d in activity.departments.all()],
        "all_departments": activity.all_departments,
        "appendix": activity.appendix,
        "status": state.status_label,
        "percent": state.percent,
        "done": state.done,
        "overdue": state.overdue,
    }


@router.get("/agencies/{slug}/plans", response=list[PlanSummaryOut])
def plan_list(request, slug: str):
    agency = access.public_agency(slug)
    plans = []
    for plan in selectors.published_plans(agency):
        states = selectors.activity_states(plan, as_of=selectors.plan_as_of(plan))
        plans.append(
            {
                "fiscal_year": plan.fiscal_year,
                "kind": plan.kind,
                "title": plan.title,
                "percent": selectors.Rollup("", states).percent,
            }
        )
    return plans


@router.get("/agencies/{slug}/plans/{year}", response=PlanDetailOut)
def plan_detail(request, slug: str, year: int):
    agency = access.public_agency(slug)
    plan = selectors.published_plans(agency).filter(fiscal_year=year, kind=Plan.Kind.INTEGRITY).first()
    if plan is None:
        raise Http404
    as_of = selectors.plan_as_of(plan)
    states = selectors.activity_states(plan, as_of=as_of)
    indicators = plan.indicators.select_related("parent")
    return {
        "fiscal_year": plan.fiscal_year,
        "kind": plan.kind,
        "title": plan.title,
        "as_of": as_of,
        "percent": selectors.Rollup("", states).percent,
        "indicators": [
            {"number": i.number, "title": i.title, "parent": i.parent.number if i.parent else None}
            for i in indicators
        ],
        "activities": [_public_activity(s) for s in states],
    }


# --- staff --------------------------------------------------------------------------------------------


class ReportOut(Schema):
    id: int
    activity: int
    period: date
    status: str
    percent: int
    narrative: str
    review_state: str
    review_comment: str
    submitted_at: datetime
    reviewed_at: datetime | None

    @staticmethod
    def resolve_activity(obj: ProgressReport) -> int:
        return obj.activity_id


class LinkIn(Schema):
    title: str = ""
    url: str


class ReportIn(Schema):
    period: date
    status: str
    percent: int
    narrative: str = ""
    links: list[LinkIn] = []


class ReviewIn(Schema):
    accept: bool
    comment: str = ""


@router.get("/agencies/{slug}/plans/{year}/reports", response=list[ReportOut], auth=agency_member_auth)
@paginate
def report_list(request, slug: str, year: int, review_state: ReviewState | None = None):
    """The monthly reports of the year's integrity plan; `review_state=submitted`: those awaiting review."""
    agency = access.staff_agency(request.user, slug, "plan.view")
    plan = plan_access.plan_for(request.user, agency, year)
    reports = ProgressReport.objects.filter(activity__plan=plan).order_by("period", "activity__order", "pk")
    if review_state:
        reports = reports.filter(review_state=review_state)
    return reports


@router.post(
    "/agencies/{slug}/plans/{year}/activities/{id}/reports",
    response={201: ReportOut},
    auth=agency_member_auth,
)
def report_submit(request, slug: str, year: int, id: int, data: ReportIn):
    """Submit the report of one month (or re-submit one that was returned); period is any day of the month."""
    agency = access.staff_agency(request.user, slug, "plan.view")
    plan = plan_access.plan_for(request.user, agency, year)
    activity = plan_access.activity_for(request.user, plan, id)
    plan_access.require_report(request.user, activity)
    if data.period.replace(day=1) not in selectors.plan_months(plan, selectors.plan_as_of(plan)):
        raise ValidationError({"period": _("เดือนนี้ไม่อยู่ในช่วงของแผน")})
    return services.report_submit(
        actor=request.user,
        activity=activity,
        period=data.period,
        status=data.status,
        percent=data.percent,
        narrative=data.narrative,
        links=[(link.title, link.url) for link in data.links],
    )


@router.post("/agencies/{slug}/plans/{year}/reports/{id}/review", response=ReportOut, auth=agency_member_auth)
def report_review(request, slug: str, year: int, id: int, data: ReviewIn):
    """Accept a submitted report, or return it with a comment saying what to fix."""
    agency = access.staff_agency(request.user, slug, "plan.review")
    plan = plan_access.plan_for(request.user, agency, year, "plan.review")
    report = plan_access.report_for(request.user, plan, id)
    return services.report_review(actor=request.user, report=report, accept=data.accept, comment=data.comment)
