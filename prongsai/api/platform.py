"""Routes of the platform itself: agencies, departments, who I am, the audit log."""

from datetime import datetime

from ninja import Router, Schema
from ninja.pagination import paginate

from prongsai.agencies import access, selectors
from prongsai.agencies.models import Agency

from .auth import token_auth

router = Router(tags=["agencies"])


class AgencyOut(Schema):
    slug: str
    name: str
    name_en: str
    kind: str


class DepartmentOut(Schema):
    code: str
    name: str
    name_en: str


class MembershipOut(Schema):
    agency: str
    role: str
    departments: list[str]


class MeOut(Schema):
    username: str
    memberships: list[MembershipOut]


class AuditEntryOut(Schema):
    seq: int
    at: datetime
    actor_name: str
    action: str
    model: str
    object_id: str
    object_repr: str
    before: dict | None
    after: dict | None
    hash: str


@router.get("/agencies", response=list[AgencyOut])
def agency_list(request):
    return Agency.objects.active()


@router.get("/agencies/{slug}", response=AgencyOut)
def agency_detail(request, slug: str):
    return access.public_agency(slug)


@router.get("/agencies/{slug}/departments", response=list[DepartmentOut])
def department_list(request, slug: str):
    agency = access.public_agency(slug)
    return agency.departments.filter(is_active=True)


@router.get("/me", response=MeOut, auth=token_auth)
def me(request):
    memberships = request.user.memberships.filter(is_active=True, agency__is_active=True)
    memberships = memberships.select_related("agency").prefetch_related("departments")
    return {
        "username": request.user.get_username(),
        "memberships": [
            {"agency": m.agency.slug, "role": m.role, "departments": [d.code for d in m.departments.all()]}
            for m in memberships
        ],
    }


@router.get("/agencies/{slug}/audit", response=list[AuditEntryOut], auth=token_auth)
@paginate
def audit_list(request, slug: str):
    agency = access.staff_agency(request.user, slug, "audit.view")
    return selectors.audit_entries_for(agency)
