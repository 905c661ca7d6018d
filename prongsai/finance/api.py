"""The finance API: the published spending report and the procurements for everyone; the red flags and
every procurement (drafts included) for the agency's staff."""

from datetime import date
from decimal import Decimal
from typing import Annotated

from django.http import Http404
from ninja import Path, Router, Schema
from ninja.pagination import paginate

from prongsai.agencies import access
from prongsai.api.auth import agency_member_auth
from prongsai.thai.fiscal import fiscal_year_bounds

from . import selectors
from .models import Budget, Procurement

router = Router(tags=["finance"])

# A Buddhist-era fiscal year; anything else is refused with 422 before it reaches the fiscal helpers.
Year = Annotated[int, Path(ge=2500, le=2700)]


class ReportRowOut(Schema):
    label: str
    depth: int
    allocated: Decimal
    disbursed: Decimal
    remaining: Decimal
    rate_within_category: Decimal
    share_of_budget: Decimal


class DifferenceOut(Schema):
    subject: str
    column: str
    printed: Decimal
    expected: Decimal
    message: str
    explanation: str


class BudgetOut(Schema):
    fiscal_year: int
    as_of: date | None
    allocated: Decimal
    disbursed: Decimal
    remaining: Decimal
    rate: Decimal
    rows: list[ReportRowOut]
    differences: list[DifferenceOut]


class BidOut(Schema):
    bidder: str
    price: Decimal


class ProcurementOut(Schema):
    code: str
    title: str
    method: str
    budget_amount: Decimal
    reference_price: Decimal | None
    winner: str
    agreed_price: Decimal | None
    reason: str
    contract_number: str
    contract_date: date | None
    egp_number: str
    decided_on: date
    status: str
    bids: list[BidOut]


class FlagOut(Schema):
    kind: str
    procurement: str | None
    message: str


@router.get("/agencies/{slug}/budget/{year}", response=BudgetOut)
def budget_report(request, slug: str, year: Year):
    """The spending report of a published budget, computed from the records, with the printed differences."""
    agency = access.public_agency(slug)
    budget = selectors.budget_with_lines(Budget.objects.published(), agency=agency, fiscal_year=year)
    if budget is None:
        raise Http404
    report = selectors.spending_report(budget)
    return {
        "fiscal_year": budget.fiscal_year,
        "as_of": report.as_of,
        "allocated": report.allocated,
        "disbursed": report.disbursed,
        "remaining": report.remaining,
        "rate": report.rate,
        "rows": [
            {
                "label": r.label,
                "depth": r.depth,
                "allocated": r.allocated,
                "disbursed": r.disbursed,
                "remaining": r.remaining,
                "rate_within_category": report.rate_of(r),
                "share_of_budget": report.share(r),
            }
            for r in report.rows
        ],
        "differences": report.differences,
    }


def _out(p: Procurement) -> dict:
    return {
        **{name: getattr(p, name) for name in ProcurementOut.model_fields if name != "bids"},
        "bids": [{"bidder": b.bidder, "price": b.price} for b in p.bids.all()],
    }


@router.get("/agencies/{slug}/procurements/{year}", response=list[ProcurementOut])
@paginate
def procurement_list(request, slug: str, year: Year):
    """The published procurements of a fiscal year."""
    agency = access.public_agency(slug)
    return [_out(p) for p in selectors.procurements_of_year(agency, year)]


@router.get(
    "/agencies/{slug}/procurements/{year}/all", response=list[ProcurementOut], auth=agency_member_auth
)
@paginate
def procurement_list_staff(request, slug: str, year: Year):
    """Every procurement of the year, drafts included (staff with ``finance.view``)."""
    agency = access.staff_agency(request.user, slug, "finance.view")
    start, end = fiscal_year_bounds(year)
    return [
        _out(p)
        for p in Procurement.objects.filter(agency=agency, decided_on__range=(start, end)).prefetch_related(
            "bids"
        )
    ]


@router.get("/agencies/{slug}/procurements/{year}/flags", response=list[FlagOut], auth=agency_member_auth)
def red_flags(request, slug: str, year: Year):
    """The red flags of the year's procurements (staff with ``finance.view``)."""
    agency = access.staff_agency(request.user, slug, "finance.view")
    return [
        {"kind": f.kind, "procurement": f.procurement.code if f.procurement else None, "message": f.message}
        for f in selectors.red_flags(agency, year)
    ]
