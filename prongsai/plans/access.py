"""Access to plan records, on top of the agency roles (agencies/access.py)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from prongsai.agencies import access
from prongsai.agencies.models import Agency

from .models import Activity, Evidence, Plan, ProgressReport


def plan_for(user, agency: Agency, year: int, capability: str = "plan.view") -> Plan:
    access.require_capability(user, agency, capability)
    return get_object_or_404(Plan, agency=agency, fiscal_year=year, kind=Plan.Kind.INTEGRITY)


def activity_for(user, plan: Plan, activity_id: int) -> Activity:
    return get_object_or_404(Activity.objects.current(), pk=activity_id, plan=plan)


def can_report(user, activity: Activity) -> bool:
    agency = activity.plan.agency
    if not access.has_capability(user, agency, "plan.report"):
        return False
    if activity.all_departments:
        return True
    return access.covers_departments(user, agency, activity.departments.all())


def require_report(user, activity: Activity) -> None:
    if not can_report(user, activity):
        raise PermissionDenied


def report_for(user, plan: Plan, report_id: int) -> ProgressReport:
    return get_object_or_404(
        ProgressReport.objects.select_related("activity"), pk=report_id, activity__plan=plan
    )


def evidence_for(user, agency: Agency, evidence_id: int) -> Evidence:
    access.require_capability(user, agency, "plan.view")
    return get_object_or_404(Evidence, pk=evidence_id, report__activity__plan__agency=agency)
