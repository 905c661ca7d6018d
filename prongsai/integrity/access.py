"""Who may see which integrity record. The roles' capabilities are in ``prongsai/agencies/access.py``;
this adds what depends on the record itself.

- A corruption complaint opens only for a complaint handler of its agency, and never for a person who is an
  officer of the department the complaint names (one person may hold both roles). Directors see the queue's
  counts and states (``complaints.overview``), never a complaint's contents; platform admins nothing.
- A general complaint routed to a department is handled by that department's officers, unless it is about
  the department's own staff: then only the complaint handler sees it. The coordinator sees every one that
  is not about staff (and routes them).
- Questions: the coordinator sees all, an officer those of their departments and those not yet routed.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from prongsai.agencies import access
from prongsai.agencies.models import Role

from .models import Complaint, Feedback, Question


def can_open_complaint(user, complaint: Complaint) -> bool:
    agency = complaint.agency
    if not access.has_capability(user, agency, "complaints.handle"):
        return False
    return complaint.department_id is None or complaint.department_id not in access.department_ids_of(
        user, agency
    )


def complaints_for_handler(user, agency):
    """The cases a handler may open (the queue): not those naming a department the person is an officer of."""
    mine = access.department_ids_of(user, agency)
    qs = Complaint.objects.for_agency(agency)
    return qs.exclude(department_id__in=mine) if mine else qs


def complaint_for_handler(user, agency_slug: str, ref: str):
    agency = access.staff_agency(user, agency_slug, "complaints.handle")
    complaint = (
        Complaint.objects.for_agency(agency)
        .select_related("agency", "department", "content")
        .filter(ref=ref)
        .first()
    )
    if complaint is None:
        raise Http404
    if not can_open_complaint(user, complaint):
        raise PermissionDenied
    return agency, complaint


def feedback_visible_to(user, agency):
    roles = access.roles_in(user, agency)
    qs = Feedback.objects.for_agency(agency)
    condition = Q(pk__in=[])
    if Role.COMPLAINT_HANDLER in roles:
        condition |= Q(about_staff=True)
    if Role.COORDINATOR in roles:
        condition |= Q(about_staff=False)
    if Role.OFFICER in roles:
        mine = access.department_ids_of(user, agency)
        condition |= Q(about_staff=False, department_id__in=mine)
    return qs.filter(condition)


def feedback_for_staff(user, agency_slug: str, code: str):
    agency = access.staff_agency(user, agency_slug, "feedback.handle")
    item = Feedback.objects.for_agency(agency).select_related("department").filter(code=code).first()
    if item is None:
        raise Http404
    if not feedback_visible_to(user, agency).filter(pk=item.pk).exists():
        raise PermissionDenied
    return agency, item


def can_route_feedback(user, agency) -> bool:
    return bool(access.roles_in(user, agency) & {Role.COORDINATOR, Role.COMPLAINT_HANDLER})


def questions_visible_to(user, agency):
    qs = Question.objects.for_agency(agency)
    if Role.COORDINATOR in access.roles_in(user, agency):
        return qs
    mine = access.department_ids_of(user, agency)
    return qs.filter(Q(department_id__in=mine) | Q(department__isnull=True))


def question_for_staff(user, agency_slug: str, code: str):
    agency = access.staff_agency(user, agency_slug, "questions.answer")
    question = questions_visible_to(user, agency).select_related("department").filter(code=code).first()
    if question is None:
        if Question.objects.for_agency(agency).filter(code=code).exists():
            raise PermissionDenied
        raise Http404
    return agency, question


# --- the corruption-risk register and the announcements ------------------------------------------------------
#
# Officers see and edit the risks of their own departments; the coordinator all of them; the director and the
# auditor read every risk, and change none. The complaint handler has no part in the register.

READ_ALL_RISKS = frozenset({Role.COORDINATOR, Role.DIRECTOR, Role.AUDITOR})


def risks_visible_to(user, agency):
    from .models import Risk

    qs = Risk.objects.for_agency(agency)
    if access.roles_in(user, agency) & READ_ALL_RISKS:
        return qs
    return qs.filter(department_id__in=access.department_ids_of(user, agency))


def risk_for_staff(user, agency_slug: str, code: str, capability: str = "risks.view"):
    """The risk of a page: 404 for another agency's or a missing one, 403 for one outside the person's
    departments (or a change by someone who only reads)."""
    from .models import Risk

    agency = access.staff_agency(user, agency_slug, "risks.view")
    risk = Risk.objects.for_agency(agency).select_related("agency", "department").filter(code=code).first()
    if risk is None:
        raise Http404
    if not risks_visible_to(user, agency).filter(pk=risk.pk).exists():
        raise PermissionDenied
    if capability != "risks.view":
        access.require_capability(user, agency, capability)
        access.require_department_scope(user, agency, current=risk.department)
    return agency, risk


def can_edit_risk(user, agency, risk) -> bool:
    return access.has_capability(user, agency, "risks.edit") and access.covers_record(
        user, agency, risk.department
    )


def can_see_complaint_links(user, agency) -> bool:
    """Which complaint raised a risk is known to the coordinator (who links it) and to complaint handlers; an
    officer of the department, the director and the auditor see only that a complaint did."""
    return access.has_capability(user, agency, "risks.manage") or access.has_capability(
        user, agency, "complaints.handle"
    )
