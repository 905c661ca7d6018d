"""Which assets, loans, donations and seized goods a person may see and change. Roles become capabilities in
``agencies.access``; this adds the departments: an officer handles the records of the departments they answer
for (the custodian department of an asset, the receiving department of a donation, the holding department of
seized goods); the coordinator handles all of them. Director and auditor read everything and change nothing.
Another agency's record is a 404, a missing capability or another department's record a 403."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from prongsai.agencies import access

from .models import Asset, CustodyEvent, Donation, Loan, SeizedItem, StockTake


def staff_agency(user, slug: str, capability: str = "property.view"):
    return access.staff_agency(user, slug, capability)


def _one(queryset, **lookup):
    found = queryset.filter(**lookup).first()
    if found is None:
        raise Http404
    return found


def asset_for_staff(user, slug: str, pk: int, capability: str = "property.view"):
    agency = staff_agency(user, slug, capability)
    asset = _one(Asset.objects.for_agency(agency).select_related("department"), pk=pk)
    return agency, asset


def loan_for_staff(user, slug: str, code: str, capability: str = "property.view"):
    agency = staff_agency(user, slug, capability)
    loan = _one(
        Loan.objects.for_agency(agency).select_related("asset", "asset__department", "requested_by"),
        code=code,
    )
    return agency, loan


def donation_for_staff(user, slug: str, code: str, capability: str = "property.view"):
    agency = staff_agency(user, slug, capability)
    return agency, _one(Donation.objects.for_agency(agency).select_related("department", "asset"), code=code)


def item_for_staff(user, slug: str, code: str, capability: str = "property.view"):
    agency = staff_agency(user, slug, capability)
    item = _one(SeizedItem.objects.for_agency(agency).select_related("department", "rule"), code=code)
    return agency, item


def event_for_staff(user, slug: str, code: str, event_id: int, capability: str = "seized.sign"):
    agency, item = item_for_staff(user, slug, code, capability)
    return agency, item, _one(CustodyEvent.objects.filter(item=item), pk=event_id)


def stocktake_for_staff(user, slug: str, pk: int):
    agency = staff_agency(user, slug)
    return agency, _one(StockTake.objects.for_agency(agency).select_related("department"), pk=pk)


def can_handle(user, agency, department) -> bool:
    return access.has_capability(user, agency, "property.handle") and access.covers_record(
        user, agency, department
    )


def require_handle(user, agency, department, new_department=None) -> None:
    access.require_capability(user, agency, "property.handle")
    access.require_department_scope(user, agency, current=department, new=new_department)


def can_sign(user, agency, item: SeizedItem) -> bool:
    return access.has_capability(user, agency, "seized.sign") and access.covers_record(
        user, agency, item.department
    )


def require_sign(user, agency, item: SeizedItem) -> None:
    if not can_sign(user, agency, item):
        raise PermissionDenied


def handled_departments(user, agency):
    """The departments whose records this person may change (none for a director or an auditor)."""
    if not access.has_capability(user, agency, "property.handle"):
        return agency.departments.none()
    return access.departments_in_scope(user, agency)
