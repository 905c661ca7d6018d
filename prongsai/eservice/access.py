"""Who may see and move which request. Roles become capabilities in ``agencies.access``; this module adds
the departments: an officer handles the requests of the departments they answer for (the service's own,
or the one a request has been forwarded to); the coordinator handles every request of the agency.
A director or an auditor reads them and moves none."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from prongsai.agencies import access
from prongsai.agencies.models import Role

from .models import Request, Service, State

S = State

# The steps each role may take, as status_change wants them: {from: {to, ...}}.
OFFICER_ALLOWED: dict[str, frozenset[str]] = {
    S.RECEIVED: frozenset({S.ACCEPTED, S.NEEDS_DOCUMENTS, S.REFUSED}),
    # The applicant brought the documents to the counter: the officer records it.
    S.NEEDS_DOCUMENTS: frozenset({S.RECEIVED, S.REFUSED}),
    S.ACCEPTED: frozenset({S.IN_STEP, S.NEEDS_DOCUMENTS, S.APPROVED, S.REFUSED}),
    # in_step -> in_step: forwarded to the next step (another department).
    S.IN_STEP: frozenset({S.IN_STEP, S.NEEDS_DOCUMENTS, S.APPROVED, S.REFUSED}),
    S.APPROVED: frozenset({S.COMPLETED}),
}
COORDINATOR_ALLOWED = OFFICER_ALLOWED
# The applicant, through the receipt's token: sending the documents asked for puts the request back in line.
APPLICANT_ALLOWED: dict[str, frozenset[str]] = {S.NEEDS_DOCUMENTS: frozenset({S.RECEIVED})}

ROLE_ALLOWED = {Role.OFFICER: OFFICER_ALLOWED, Role.COORDINATOR: COORDINATOR_ALLOWED}


def _sees_all(user, agency) -> bool:
    return bool(access.roles_in(user, agency) & {Role.COORDINATOR, Role.DIRECTOR, Role.AUDITOR})


def visible_requests(user, agency):
    """The requests a staff member may read: all for coordinator, director and auditor; an officer those of
    their departments (applicants' personal data stays with the departments that serve them)."""
    requests = Request.objects.for_agency(agency)
    if _sees_all(user, agency):
        return requests
    mine = access.department_ids_of(user, agency)
    return requests.filter(Q(department_id__in=mine) | Q(service__department_id__in=mine))


def request_for_staff(user, slug: str, code: str, capability: str = "eservice.view"):
    """(agency, request) of a back-office page: 404 for another agency or a request the user may not see."""
    agency = access.staff_agency(user, slug, capability)
    request = visible_requests(user, agency).select_related("service", "department").filter(code=code).first()
    if request is None:
        raise Http404
    return agency, request


def allowed_for(user, request: Request) -> dict[str, frozenset[str]]:
    """The transitions this user may make on this request (empty: none at all)."""
    agency = request.agency
    roles = access.roles_in(user, agency)
    merged: dict[str, set[str]] = {}

    def add(allowed):
        for source, targets in allowed.items():
            merged.setdefault(source, set()).update(targets)

    if Role.COORDINATOR in roles:
        add(COORDINATOR_ALLOWED)
    if Role.OFFICER in roles:
        mine = access.department_ids_of(user, agency)
        if request.department_id in mine or request.service.department_id in mine:
            add(OFFICER_ALLOWED)
    return {source: frozenset(targets) for source, targets in merged.items()}


def can_handle(user, request: Request) -> bool:
    return bool(allowed_for(user, request))


def handled_departments(user, agency):
    """Departments whose queue this user works: all for the coordinator, an officer's own."""
    departments = agency.departments.filter(is_active=True)
    if Role.COORDINATOR in access.roles_in(user, agency) or _sees_all(user, agency):
        return departments
    return departments.filter(pk__in=access.department_ids_of(user, agency))


def service_for_staff(user, slug: str, service_slug: str, capability: str = "eservice.manage"):
    agency = access.staff_agency(user, slug, capability)
    service = Service.objects.for_agency(agency).filter(slug=service_slug).first()
    if service is None:
        raise Http404
    return agency, service
