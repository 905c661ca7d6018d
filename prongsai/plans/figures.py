"""The plans' figures for a parent agency (see disclosure/providers.py, agency_figures): each child's
integrity plan of the year, its progress and its overdue activities. Three queries for any number of
agencies; the states come from the same rule as the plan dashboards (selectors.activity_state)."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.disclosure.providers import AgencyFigures, DetailSection, FigureColumn
from prongsai.thai.dates import format_be_date

from .models import Activity, Plan, ProgressReport
from .selectors import activity_state, plan_as_of, plan_months

COLUMNS = (
    FigureColumn("activities", gettext_lazy("กิจกรรม")),
    FigureColumn("done", gettext_lazy("เสร็จแล้ว")),
    FigureColumn("progress", gettext_lazy("ความคืบหน้า"), percent=True),
    FigureColumn("overdue", gettext_lazy("เลยกำหนด")),
    FigureColumn("missing", gettext_lazy("รายงานที่ขาด")),
)


def _states(plans: list[Plan]):
    """(plan, [ActivityState]) for each plan, from two queries however many plans."""
    activities = (
        Activity.objects.filter(plan__in=plans)
        .current()
        .order_by("plan_id", "order", "pk")
        .prefetch_related(Prefetch("reports", queryset=ProgressReport.objects.order_by("period")))
    )
    by_plan: dict[int, list[Activity]] = defaultdict(list)
    for activity in activities:
        by_plan[activity.plan_id].append(activity)
    for plan in plans:
        as_of = plan_as_of(plan)
        months = plan_months(plan, as_of)
        yield (
            plan,
            [activity_state(a, a.reports.all(), months=months, as_of=as_of) for a in by_plan[plan.pk]],
        )


def agency_figures(agency_ids: list[int], year: int) -> AgencyFigures:
    plans = list(Plan.objects.filter(agency_id__in=agency_ids, fiscal_year=year, kind=Plan.Kind.INTEGRITY))
    values: dict[int, dict[str, int | None]] = {}
    for plan, states in _states(plans):
        values[plan.agency_id] = {
            "activities": len(states),
            "done": sum(s.done for s in states),
            # The plan dashboard's figure: the mean of each activity's latest accepted percent.
            "progress": round(sum(s.percent for s in states) / len(states)) if states else 0,
            "overdue": sum(s.overdue for s in states),
            "missing": sum(len(s.missing) for s in states),
        }
    return AgencyFigures(title=_("แผนส่งเสริมคุณธรรมและความโปร่งใส"), columns=COLUMNS, values=values)


def agency_detail(agency, year: int) -> list[DetailSection]:
    plans = list(Plan.objects.filter(agency=agency, fiscal_year=year, kind=Plan.Kind.INTEGRITY))
    if not plans:
        return [DetailSection(_("กิจกรรมที่เลยกำหนด"), (), _("ยังไม่มีแผนของปีนี้"))]
    lines = []
    for _plan, states in _states(plans):
        for s in states:
            if s.overdue:
                due = (
                    format_be_date(s.activity.due_date, "medium")
                    if s.activity.due_date
                    else s.activity.due_text
                )
                lines.append(f"{s.activity.title[:200]} ({_('กำหนด')} {due})")
    return [DetailSection(_("กิจกรรมที่เลยกำหนด"), tuple(lines), _("ไม่มีกิจกรรมที่เลยกำหนด"))]
