"""The plan's part of a staff member's to-do list (see ``agencies.todo``): reports owed this month, reports
returned with the reviewer's comment, months missed, and, for the coordinator, reports waiting for review."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.agencies import access
from prongsai.agencies.todo import Kind, StaffTask
from prongsai.thai.templatetags.thai import be_month as format_be_month

from . import selectors
from .models import Plan, ProgressReport, ReviewState

DETAILS = 5


def _current_plans(agency):
    """The plans of the agency's newest fiscal year (the integrity plan and its siblings), published or still
    in review inside the office: they are monitored either way."""
    plans = list(Plan.objects.for_agency(agency).order_by("-fiscal_year", "kind"))
    return [plan for plan in plans if plan.fiscal_year == plans[0].fiscal_year] if plans else []


def _name(activity) -> str:
    text = activity.focus or activity.name
    return text if len(text) <= 90 else f"{text[:89]}…"


def _activity_url(agency, plan, activity, period) -> str:
    kwargs = {"agency": agency.slug, "year": plan.ref, "activity_id": activity.pk}
    return reverse("plans:activity", kwargs=kwargs) + f"?period={period:%Y-%m}"


def _activity_url(agency, plan, activity, period) -> str:
    kwargs = {"agency": agency.slug, "year": plan.ref, "activity_id": activity.pk}
    return reverse("plans:activity", kwargs=kwargs) + f"?period={period:%Y-%m}"


def staff_tasks(user, agency) -> list[StaffTask]:
    tasks: list[StaffTask] = []
    reporter = access.has_capability(user, agency, "plan.report")
    reviewer = access.has_capability(user, agency, "plan.review")
    if not (reporter or reviewer):
        return tasks
    department_ids = list(access.departments_in_scope(user, agency).values_list("pk", flat=True))
    for plan in _current_plans(agency):
        as_of = selectors.plan_as_of(plan)
        month = format_be_month(as_of.replace(day=1))
        mine = reverse("plans:mine", kwargs={"agency": agency.slug, "year": plan.ref})
        if reporter and department_ids:
            owed = selectors.activities_owed_by(user, plan, department_ids, as_of=as_of)
            current = as_of.replace(day=1)
            returned = [
                s for s in owed if (r := s.reports.get(current)) and r.review_state == ReviewState.RETURNED
            ]
            not_sent = [s for s in owed if s.owed_now and s not in returned]
            missed = [s for s in owed if s.missing]

            if returned:
                tasks.append(
                    StaffTask(
                        Kind.RETURNED,
                        _("รายงานเดือน %(month)s ที่ถูกส่งกลับ (%(plan)s)") % {"month": month, "plan": plan.title},
                        len(returned),
                        _activity_url(agency, plan, returned[0].activity, current) + "#report-form",
                        tuple(
                            f"{_name(s.activity)}: {s.reports[current].review_comment or _('ไม่มีความเห็น')}"
                            for s in returned[:DETAILS]
                        ),
                    )
                )
            if missed:
                tasks.append(
                    StaffTask(
                        Kind.OVERDUE,
                        _("กิจกรรมที่ยังไม่ได้รายงานบางเดือน (%(plan)s)") % {"plan": plan.title},
                        len(missed),
                        mine,
                        tuple(
                            f"{_name(s.activity)}: "
                            + ", ".join(format_be_month(m) for m in s.missing[:4])
                            + ("…" if len(s.missing) > 4 else "")
                            for s in missed[:DETAILS]
                        ),
                    )
                )
            if not_sent:
                tasks.append(
                    StaffTask(
                        Kind.OWED,
                        _("รายงานผลเดือน %(month)s (%(plan)s)") % {"month": month, "plan": plan.title},
                        len(not_sent),
                        mine,
                        tuple(_name(s.activity) for s in not_sent[:DETAILS]),
                    )
                )
        if reviewer:
            waiting = ProgressReport.objects.filter(activity__plan=plan, review_state=ReviewState.SUBMITTED)
            count = waiting.count()
            if count:
                first = waiting.select_related("activity").order_by("submitted_at").first()
                url = _activity_url(agency, plan, first.activity, first.period)
                tasks.append(
                    StaffTask(
                        Kind.REVIEW,
                        _("รายงานรอตรวจ (%(plan)s)") % {"plan": plan.title},
                        count,
                        url,
                        tuple(
                            f"{_name(r.activity)} · {format_be_month(r.period)}"
                            for r in waiting.select_related("activity").order_by("submitted_at")[:DETAILS]
                        ),
                    )
                )
    return tasks
