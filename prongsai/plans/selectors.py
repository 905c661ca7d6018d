"""Reads of the plans app: reporting periods, what is missing or overdue, roll-ups for the dashboards.

Nothing here is stored: overdue and missing are computed from the plan and its reports each time.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency
from prongsai.documents.charts import bar_chart, percent_bars
from prongsai.thai.fiscal import fiscal_year_bounds, months_between
from prongsai.thai.templatetags.thai import be_month

from .models import Activity, ImportWarning, Plan, ProgressReport, ProgressStatus, ReviewState


def plan_as_of_year_default(today: date | None = None) -> int:
    from prongsai.thai.fiscal import fiscal_year

    return fiscal_year(today or timezone.localdate())


def plan_months(plan: Plan, as_of: date) -> list[date]:
    """First days of the months from the start of the plan's fiscal year to as_of (inclusive)."""
    start, end = fiscal_year_bounds(plan.fiscal_year)
    return months_between(start, min(as_of, end))


def plan_as_of(plan: Plan, today: date | None = None) -> date:
    """The day the dashboards describe: today, or the last day of the plan's year once it is over."""
    today = today or timezone.localdate()
    return min(today, fiscal_year_bounds(plan.fiscal_year)[1])


@dataclass
class ActivityState:
    activity: Activity
    reports: dict[date, ProgressReport]
    percent: int  # from the latest accepted report
    done: bool
    overdue: bool
    missing: list[date]  # closed months with no report, until it was done
    owed_now: bool  # the current month has no report yet, or it was returned
    latest: ProgressReport | None  # the latest report in any review state (back office)
    latest_accepted: ProgressReport | None = None  # what the public sees

    @property
    def status_label(self) -> str:
        if self.done:
            return str(ProgressStatus.DONE.label)
        if self.overdue:
            return str(_("เลยกำหนด"))
        if self.latest_accepted:
            return self.latest_accepted.get_status_display()
        return str(ProgressStatus.NOT_STARTED.label)


def activity_states(plan: Plan, *, as_of: date, activities=None) -> list[ActivityState]:
    if activities is None:
        activities = plan.activities.current()
    activities = list(
        activities.select_related("indicator", "indicator__parent", "plan").prefetch_related(
            "departments", Prefetch("reports", queryset=ProgressReport.objects.order_by("period"))
        )
    )
    months = plan_months(plan, as_of)
    return [
        activity_state(activity, activity.reports.all(), months=months, as_of=as_of)
        for activity in activities
    ]


def activity_state(activity: Activity, all_reports, *, months: list[date], as_of: date) -> ActivityState:
    """One activity's state as of a day from its reports (any order): the rule the dashboards and the city's
    figures share."""
    current = as_of.replace(day=1)
    # The state as of a month ignores reports of later months (a report for May says nothing of March).
    reports = {r.period: r for r in sorted(all_reports, key=lambda r: r.period) if r.period <= current}
    accepted = [r for r in reports.values() if r.review_state == ReviewState.ACCEPTED]
    latest_accepted = max(accepted, key=lambda r: r.period, default=None)
    done_at = min((r.period for r in accepted if r.status == ProgressStatus.DONE), default=None)
    done = done_at is not None
    cancelled = latest_accepted is not None and latest_accepted.status == ProgressStatus.CANCELLED
    missing = [m for m in months if m < current and m not in reports and (done_at is None or m < done_at)]
    this_month = reports.get(current)
    return ActivityState(
        activity=activity,
        reports=reports,
        percent=latest_accepted.percent if latest_accepted else 0,
        done=done,
        overdue=bool(activity.due_date and activity.due_date < as_of and not done and not cancelled),
        missing=[] if cancelled else missing,
        owed_now=not done
        and not cancelled
        and current in months
        and (this_month is None or this_month.review_state == ReviewState.RETURNED),
        latest=max(reports.values(), key=lambda r: r.period, default=None),
        latest_accepted=latest_accepted,
    )


@dataclass
class Rollup:
    label: str
    states: list[ActivityState] = field(default_factory=list)

    @property
    def percent(self) -> int:
        if not self.states:
            return 0
        return round(sum(s.percent for s in self.states) / len(self.states))

    @property
    def done(self) -> int:
        return sum(s.done for s in self.states)

    @property
    def overdue(self) -> int:
        return sum(s.overdue for s in self.states)

    @property
    def missing(self) -> int:
        return sum(len(s.missing) for s in self.states)

    @property
    def owed_now(self) -> int:
        return sum(s.owed_now for s in self.states)


def rollup_by_indicator(states: list[ActivityState]) -> list[Rollup]:
    groups: dict[str, Rollup] = {}
    for state in states:
        indicator = state.activity.indicator
        top = indicator.parent if indicator and indicator.parent_id else indicator
        if state.activity.appendix:
            label = str(_("ภาคผนวก"))
        elif top is None and state.activity.plan.kind != Plan.Kind.INTEGRITY:
            label = str(_("กิจกรรมตามแผน"))
        elif top is None:
            label = str(_("ไม่ทราบตัวชี้วัด"))
        else:
            label = f"{top.number}) {top.title}"
        groups.setdefault(label, Rollup(label)).states.append(state)
    return list(groups.values())


def rollup_by_department(states: list[ActivityState], agency: Agency) -> list[Rollup]:
    departments = list(agency.departments.filter(is_active=True))
    groups = defaultdict(list)
    for state in states:
        owners = departments if state.activity.all_departments else list(state.activity.departments.all())
        for department in owners:
            groups[department.pk].append(state)
    return [Rollup(d.display_name, groups[d.pk]) for d in departments if groups[d.pk]]


def plan_for_year(agency: Agency, year: int, kind: str = Plan.Kind.INTEGRITY) -> Plan | None:
    return Plan.objects.filter(agency=agency, fiscal_year=year, kind=kind).first()


def published_plan(agency: Agency, ref) -> Plan | None:
    parsed = Plan.parse_ref(ref)
    if parsed is None:
        return None
    return published_plans(agency).filter(fiscal_year=parsed[0], kind=parsed[1]).first()


def published_plans(agency: Agency):
    return Plan.objects.for_agency(agency).published()


def public_plan_links(agency: Agency) -> list[dict]:
    plan = published_plans(agency).filter(kind=Plan.Kind.INTEGRITY).order_by("-fiscal_year").first()
    if plan is None:
        return []
    return [
        {
            "url": reverse("plans_public:plan", kwargs={"agency": agency.slug, "year": plan.fiscal_year}),
            "label": _("มาตรการส่งเสริมคุณธรรมฯ ปี %(year)s") % {"year": plan.fiscal_year},
        }
    ]


def activities_owed_by(user, plan: Plan, department_ids, *, as_of: date) -> list[ActivityState]:
    """An officer's list for the month: their departments' activities with a report due or missing."""
    activities = plan.activities.current().for_departments(department_ids)
    return [s for s in activity_states(plan, as_of=as_of, activities=activities) if s.owed_now or s.missing]


def reports_awaiting_review(plan: Plan):
    return (
        ProgressReport.objects.filter(activity__plan=plan, review_state=ReviewState.SUBMITTED)
        .select_related("activity", "submitted_by")
        .prefetch_related("evidence")
        .order_by("submitted_at")
    )


def import_review(plan: Plan) -> dict:
    """The plan's import warnings for the review page, open ones first, with the rows they are about."""
    warnings = list(
        plan.import_warnings.select_related("activity__indicator", "resolved_by")
        .prefetch_related("activity__departments")
        .order_by("state", "line", "pk")
    )
    open_ = [w for w in warnings if w.state == ImportWarning.State.OPEN]
    return {
        "open_warnings": open_,
        "closed_warnings": [w for w in warnings if w.state != ImportWarning.State.OPEN],
        "indicators": list(plan.indicators.filter(parent=None).order_by("order")),
        "is_public": plan.is_published and not open_,
    }


def as_written(activity: Activity) -> list[tuple[str, str, str]]:
    """(label, the cell as the document wrote it, what the system read from it where that differs): the
    official outputs print the first, the system computes with the second."""
    from prongsai.thai.dates import format_be_date

    cells = activity.cells or {}
    departments = (
        str(_("ทุกฝ่าย")) if activity.all_departments else " ".join(d.name for d in activity.departments.all())
    )
    channels = ", ".join(activity.channels)
    due = format_be_date(activity.due_date, "long", digits="thai") if activity.due_date else ""
    target = ""
    if activity.target_count is not None:
        target = f"{activity.target_count} {activity.target_unit}" + (
            f"/{activity.target_per}" if activity.target_per else ""
        )
    rows = [
        (_("ผลผลิต"), cells.get("output", activity.output), target and _("เป้าหมาย %(t)s") % {"t": target}),
        (_("วิธีการสร้างการรับรู้"), cells.get("channel", channels), channels),
        (_("แล้วเสร็จภายใน"), cells.get("due", due or activity.due_text), due),
        (_("ผู้รับผิดชอบ"), cells.get("departments", departments), departments),
    ]
    return [(label, written, read if read and read != written else "") for label, written, read in rows]


@dataclass(frozen=True)
class DashboardCharts:
    by_indicator: object
    by_department: object
    missed_by_month: object
    overdue_by_due_month: object


def dashboard_charts(plan: Plan, states, by_indicator, by_department, months) -> DashboardCharts:
    """The director's charts above the tables: progress by indicator and by department, the monthly reports
    missed in each month, and the activities past their due date by the month they were due."""

    def bars(rollups, title):
        note = _("แล้วเสร็จ %(done)s จาก %(total)s กิจกรรม")
        return percent_bars(
            [(r.label, r.percent, note % {"done": r.done, "total": len(r.states)}) for r in rollups],
            title=title,
        )

    missed = Counter(month for s in states for month in s.missing)
    overdue = Counter(s.activity.due_date.replace(day=1) for s in states if s.overdue)
    due_months = sorted(overdue)
    return DashboardCharts(
        by_indicator=bars(by_indicator, _("ความคืบหน้าเฉลี่ยตามตัวชี้วัด (ร้อยละ)")),
        by_department=bars(by_department, _("ความคืบหน้าเฉลี่ยตามฝ่าย (ร้อยละ)")),
        missed_by_month=bar_chart(
            [(be_month(m), missed.get(m, 0)) for m in months[:-1]],
            title=_("รายงานรายเดือนที่ไม่ได้ส่ง จำแนกตามเดือน (กิจกรรม)"),
        )
        if len(months) > 1
        else None,
        overdue_by_due_month=bar_chart(
            [(be_month(m), overdue[m]) for m in due_months],
            title=_("กิจกรรมที่เลยกำหนด จำแนกตามเดือนที่ครบกำหนด"),
        ),
    )
