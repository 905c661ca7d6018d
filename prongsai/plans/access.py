"""Access to plan records, on top of the agency roles (agencies/access.py)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from prongsai.agencies import access
from prongsai.agencies.models import Agency

from .models import Activity, Evidence, ImportWarning, Plan, ProgressReport


def plan_for(user, agency: Agency, ref, capability: str = "plan.view") -> Plan:
    """The plan named by an address: "2566" (the integrity plan) or "2566-anti-corruption"."""
    access.require_capability(user, agency, capability)
    parsed = Plan.parse_ref(ref)
    if parsed is None:
        raise Http404
    return get_object_or_404(Plan, agency=agency, fiscal_year=parsed[0], kind=parsed[1])


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


def warning_for(user, plan: Plan, warning_id) -> ImportWarning:
    if not str(warning_id or "").isdigit():
        raise Http404
    return get_object_or_404(ImportWarning.objects.select_related("activity"), pk=int(warning_id), plan=plan)
