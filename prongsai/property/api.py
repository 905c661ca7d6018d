"""The property API for staff (personal API tokens): the register, the loans overdue, the seized goods in
store with their flags. Read-only; the same access checks and selectors as the back office."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone
from ninja import Router, Schema
from ninja.pagination import paginate

from prongsai.api.auth import agency_member_auth

from . import access, selectors

router = Router(tags=["property"])


class AssetOut(Schema):
    id: int
    number: str
    name: str
    category: str
    department: str
    location: str
    condition: str
    status: str
    price: Decimal | None
    acquired_on: date | None
    lendable_to_public: bool


def _asset_out(asset) -> dict:
    return {
        "id": asset.pk,
        "number": asset.number,
        "name": asset.name,
        "category": asset.category,
        "department": asset.department.name,
        "location": asset.location,
        "condition": asset.condition,
        "status": asset.status,
        "price": asset.price,
        "acquired_on": asset.acquired_on,
        "lendable_to_public": asset.lendable_to_public,
    }


class _Assets:
    def __init__(self, qs):
        self.qs = qs

    def all(self):
        return self

    def count(self):
        return self.qs.count()

    def __getitem__(self, index):
        return [_asset_out(a) for a in self.qs[index]]


@router.get("/agencies/{slug}/assets", response=list[AssetOut], auth=agency_member_auth)
@paginate
def asset_list(request, slug: str, status: str = "", q: str = ""):
    """The asset register, by department and number."""
    agency = access.staff_agency(request.user, slug)
    return _Assets(selectors.assets(agency, status=status, q=q))


class LoanOut(Schema):
    code: str
    asset_number: str
    asset_name: str
    department: str
    borrower_name: str
    starts_on: date
    ends_on: date
    state: str
    overdue_days: int


@router.get("/agencies/{slug}/loans/overdue", response=list[LoanOut], auth=agency_member_auth)
def overdue_list(request, slug: str):
    """Loans checked out and not returned by their end date (computed today)."""
    agency = access.staff_agency(request.user, slug)
    today = timezone.localdate()
    return [
        {
            "code": loan.code,
            "asset_number": loan.asset.number,
            "asset_name": loan.asset.name,
            "department": loan.asset.department.name,
            "borrower_name": loan.borrower_name,
            "starts_on": loan.starts_on,
            "ends_on": loan.ends_on,
            "state": loan.state,
            "overdue_days": (today - loan.ends_on).days,
        }
        for loan in selectors.overdue_loans(agency, today).order_by("ends_on")
    ]


class SeizedOut(Schema):
    code: str
    seized_on: date
    description: str
    quantity: int
    unit: str
    seal_number: str
    law: str
    department: str
    place: str
    holder: str
    state: str
    hold_until: date
    held_too_long: bool
    pending_signature: bool


@router.get("/agencies/{slug}/seized", response=list[SeizedOut], auth=agency_member_auth)
def seized_list(request, slug: str, state: str = "in_store"):
    """Seized goods (in store by default; `state=` another state or empty for all)."""
    agency = access.staff_agency(request.user, slug)
    return [
        {
            "code": i.code,
            "seized_on": i.seized_on,
            "description": i.description,
            "quantity": i.quantity,
            "unit": i.unit,
            "seal_number": i.seal_number,
            "law": i.rule.law,
            "department": i.department.name,
            "place": i.place,
            "holder": i.holder,
            "state": i.state,
            "hold_until": i.hold_until,
            "held_too_long": i.flagged,
            "pending_signature": i.has_pending,
        }
        for i in selectors.seized_with_flags(agency, timezone.localdate(), state=state)
    ]
