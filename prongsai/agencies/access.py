"""Who may do what: the only place where roles turn into permissions.

Views, the API, exports and commands call these functions; none of them test roles themselves.
A staff user who has no role in an agency gets 404 for its back-office pages, so that the
existence of another agency's records is not revealed; a member without the capability gets 403.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.http import Http404

from prongsai.thai.style import digits_set

from .models import Agency, Department, Membership, Role
from .public_stamp import active_agency, stamp_of

ALL_ROLES = frozenset(Role.values)

# capability -> roles that have it. Complaint contents are deliberately absent from director,
# auditor and platform admin (DESIGN.md, "Users and what they may do").
CAPABILITIES: dict[str, frozenset[str]] = {
    "agency.view": ALL_ROLES,
    "plan.view": ALL_ROLES - {Role.COMPLAINT_HANDLER},
    "plan.manage": frozenset({Role.COORDINATOR}),
    "plan.report": frozenset({Role.OFFICER, Role.COORDINATOR}),
    "plan.review": frozenset({Role.COORDINATOR}),
    "disclosure.view": ALL_ROLES - {Role.COMPLAINT_HANDLER},
    "disclosure.manage": frozenset({Role.COORDINATOR}),
    # Publishing needs two people: who submitted an entry does not approve it (disclosure/services.py), and
    # an agency with a single coordinator has the director as the second approver.
    "disclosure.approve": frozenset({Role.COORDINATOR, Role.DIRECTOR}),
    "disclosure.publish": frozenset({Role.OFFICER, Role.COORDINATOR}),
    "content.view": ALL_ROLES - {Role.COMPLAINT_HANDLER},
    "content.edit": frozenset({Role.OFFICER, Role.COORDINATOR}),
    "content.manage": frozenset({Role.COORDINATOR}),
    "audit.view": frozenset({Role.AUDITOR, Role.DIRECTOR, Role.COORDINATOR}),
    "holidays.manage": frozenset({Role.COORDINATOR}),
    "agency.settings": frozenset({Role.COORDINATOR}),
    "complaints.handle": frozenset({Role.COMPLAINT_HANDLER}),
    # Requests hold applicants' personal data: not the complaint handler's business.
    "eservice.view": ALL_ROLES - {Role.COMPLAINT_HANDLER},
    "eservice.handle": frozenset({Role.OFFICER, Role.COORDINATOR}),
    "eservice.manage": frozenset({Role.COORDINATOR}),
    # Counts, deadlines and the state of each case, never what a complaint says or who made it.
    "complaints.overview": frozenset({Role.COMPLAINT_HANDLER, Role.DIRECTOR}),
    # Who opened which case and when (the access log of corruption complaints).
    "complaints.access_log": frozenset({Role.AUDITOR}),
    # General complaints, suggestions and compliments; which ones a person sees is decided per record
    # (prongsai/integrity/access.py): officers only those routed to their departments.
    "feedback.handle": frozenset({Role.OFFICER, Role.COORDINATOR, Role.COMPLAINT_HANDLER}),
    "questions.answer": frozenset({Role.OFFICER, Role.COORDINATOR}),
    "questions.publish": frozenset({Role.COORDINATOR}),
    "integrity.settings": frozenset({Role.COORDINATOR}),
    # The ITA self-assessment: group results and the predicted score (never a single staff answer).
    "assessment.view": frozenset({Role.COORDINATOR, Role.DIRECTOR, Role.AUDITOR}),
    "assessment.manage": frozenset({Role.COORDINATOR}),
    # The corruption-risk register (prongsai/integrity/risks.py): officers see and edit the risks of their
    # departments only, the coordinator all; the director and the auditor read every risk. A linked
    # complaint shows only its record number, never its contents.
    "risks.view": ALL_ROLES - {Role.COMPLAINT_HANDLER},
    "risks.edit": frozenset({Role.OFFICER, Role.COORDINATOR}),
    "risks.manage": frozenset({Role.COORDINATOR}),
    # Policy announcements: the coordinator prepares and submits, another person (the director, or a
    # second coordinator) approves; who submitted does not approve.
    "announcements.view": ALL_ROLES - {Role.COMPLAINT_HANDLER},
    "announcements.manage": frozenset({Role.COORDINATOR}),
    "announcements.approve": frozenset({Role.COORDINATOR, Role.DIRECTOR}),
    # Budget and procurement records: officers edit only as the finance module allows (ฝ่ายการคลัง for the
    # budget, their own department's procurements; prongsai/finance/access.py); publishing is the
    # coordinator's.
    "finance.view": ALL_ROLES - {Role.COMPLAINT_HANDLER},
    "finance.edit": frozenset({Role.OFFICER, Role.COORDINATOR}),
    "finance.manage": frozenset({Role.COORDINATOR}),
    # Public property (prongsai/property/access.py adds the departments: an officer handles the assets, loans,
    # donations and seized goods of their own departments; the coordinator all). The auditor reads, changes nothing.
    "property.view": ALL_ROLES - {Role.COMPLAINT_HANDLER},
    "property.handle": frozenset({Role.OFFICER, Role.COORDINATOR}),
    "property.manage": frozenset({Role.COORDINATOR}),
    # Signing a custody event of seized goods: officers of the holding department and the coordinator.
    "seized.sign": frozenset({Role.OFFICER, Role.COORDINATOR}),
    # Roles in a parent agency (the BMA) over its children (prongsai/city): counts of every district, never
    # a complaint's contents or personal data. The director and the auditor read the same dashboard as the
    # coordinator (overseeing the districts is their work); only the coordinator pushes a catalogue.
    "city.view": frozenset({Role.COORDINATOR, Role.DIRECTOR, Role.AUDITOR}),
    "city.push": frozenset({Role.COORDINATOR}),
}


def _memberships(user, agency: Agency) -> list[Membership]:
    # Cached on the user object: one query per request however many checks a page makes.
    cache = user.__dict__.setdefault("_prongsai_memberships", {})
    if agency.pk not in cache:
        cache[agency.pk] = list(
            Membership.objects.filter(user=user, agency=agency, is_active=True).prefetch_related(
                "departments"
            )
        )
    return cache[agency.pk]


def roles_in(user, agency: Agency) -> frozenset[str]:
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    return frozenset(m.role for m in _memberships(user, agency))


def has_capability(user, agency: Agency, capability: str) -> bool:
    if capability not in CAPABILITIES:
        raise ValueError(f"unknown capability {capability!r}")
    return bool(roles_in(user, agency) & CAPABILITIES[capability])


def require_capability(user, agency: Agency, capability: str) -> None:
    if not has_capability(user, agency, capability):
        raise PermissionDenied


def capabilities_in(user, agency: Agency) -> frozenset[str]:
    roles = roles_in(user, agency)
    return frozenset(cap for cap, allowed in CAPABILITIES.items() if roles & allowed)


def department_ids_of(user, agency: Agency) -> frozenset[int]:
    """The departments an officer answers for in this agency."""
    if not user.is_authenticated:
        return frozenset()
    return frozenset(d.pk for m in _memberships(user, agency) for d in m.departments.all())


def covers_departments(user, agency: Agency, departments: Iterable[Department]) -> bool:
    """True when the user may act for at least one of these departments (coordinators for all)."""
    if Role.COORDINATOR in roles_in(user, agency):
        return True
    mine = department_ids_of(user, agency)
    return any(d.pk in mine for d in departments)


def departments_in_scope(user, agency: Agency):
    """The departments a person acts for: every active one for the coordinator, their own for an officer."""
    departments = agency.departments.filter(is_active=True)
    if Role.COORDINATOR in roles_in(user, agency):
        return departments
    return departments.filter(pk__in=department_ids_of(user, agency))


def covers_record(user, agency: Agency, department: Department | None) -> bool:
    """Whether the person may change a record owned by ``department`` (one with no department belongs to
    the whole agency: the coordinator's)."""
    return covers_departments(user, agency, [department] if department is not None else [])


def require_department_scope(
    user, agency: Agency, *, current: Department | None, new: Department | None = None
) -> None:
    """The one access rule for department-owned records (laws, datasets, requests, assets, ...): the person
    must cover the department the record has now AND the one it is given, so that an officer can neither
    change another department's record nor move their own record into another department. 403 otherwise."""
    if not covers_record(user, agency, current) or (new is not None and not covers_record(user, agency, new)):
        raise PermissionDenied


def staff_agencies(user):
    if not user.is_authenticated:
        return Agency.objects.none()
    return Agency.objects.active().filter(memberships__user=user, memberships__is_active=True).distinct()


def public_agency(slug: str) -> Agency:
    """The agency a public page is about (404 when it is not active); its pages now write numbers its way.

    The agency this process keeps while its public stamp stands (``public_stamp.active_agency``): no query on
    the pages read most. The instance is shared by the process's requests, so nothing public changes it; a
    back-office page reads its own (``staff_agency``)."""
    stamp = stamp_of(slug)
    agency = active_agency(stamp["id"]) if stamp is not None else None
    if agency is None or agency.slug != slug:
        raise Http404
    digits_set(agency.web_digits)  # the request's own context, reset by the portal's middleware
    return agency


def staff_agency(user, slug: str, capability: str = "agency.view") -> Agency:
    """The agency of a back-office page: 404 for non-members, 403 for members lacking the capability."""
    try:
        agency = Agency.objects.active().get(slug=slug)
    except Agency.DoesNotExist:
        raise Http404 from None
    digits_set(agency.web_digits)
    if not roles_in(user, agency):
        # The parent's staff know the district exists (their dashboard lists it) but have no role in it.
        if agency.parent_id and user.is_authenticated and roles_in(user, agency.parent):
            raise PermissionDenied
        raise Http404
    require_capability(user, agency, capability)
    return agency


def members_with(agency: Agency, capability: str):
    """The active people of an agency who have a capability (whom to tell that something waits for them)."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            memberships__agency=agency,
            memberships__is_active=True,
            memberships__role__in=CAPABILITIES[capability],
            is_active=True,
        )
        .distinct()
    )
