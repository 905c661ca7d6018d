"""Public pages at /<agency>/property/: the measures (item 29, page and PDF), the borrowing rules, the
donations of a fiscal year, the monthly seized-goods statistics, the assets the public may borrow with their
booking calendar and request form, and the tracking of a request by its random code.

No page shows personal data: donors who are private persons are not named, bookings show dates only,
statistics are counts. The request form needs no account; it is bounded (field lengths, a hidden field robots
fill, a loan of at most 60 days) and throttled per client without storing who the client is."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from prongsai.agencies import access, throttle
from prongsai.agencies.codes import normalise
from prongsai.agencies.forms import form_add_errors
from prongsai.documents.pdf import table_context
from prongsai.documents.responses import file_response
from prongsai.thai.fiscal import add_months

from . import exports, selectors, services
from .forms import PublicLoanForm, TrackForm
from .models import Asset, Loan

REQUEST_SCOPE = "property-loan"
REQUEST_LIMIT = 5  # requests per client per hour: a community, not a flood
REQUEST_WINDOW = 3600
TRACK_SCOPE = "property-track"
TRACK_LIMIT = 20
TRACK_WINDOW = 600


def _too_many(request, window: int):
    again = datetime.datetime.fromtimestamp(throttle.reset_at(window=window), tz=datetime.UTC)
    local = timezone.localtime(again)
    response = render(
        request, "property/public/too_many.html", {"again": local.strftime("%H:%M")}, status=429
    )
    response["Retry-After"] = str(max(1, int((again - timezone.now()).total_seconds())))
    return response


def _year(year: int) -> int:
    if not 2500 <= year <= 2700:
        raise Http404
    return year


@require_GET
def index(request, agency):
    agency = access.public_agency(agency)
    today = timezone.localdate()
    context = exports.measures_context(agency, today)
    context.update(
        {
            "donation_years": selectors.donation_years(agency),
            "seized_years": selectors.seized_years(agency, today),
            "formats": exports.TABLE_FORMATS,
        }
    )
    return render(request, "property/public/index.html", context)


@require_GET
def measures_pdf(request, agency):
    agency = access.public_agency(agency)
    pdf = exports.measures_pdf(agency, timezone.localdate())
    return file_response(pdf, filename="การจัดการทรัพย์สินของราชการและการจัดเก็บของกลาง.pdf", kind="pdf")


@require_GET
def rules(request, agency):
    agency = access.public_agency(agency)
    _measures, text, updated_at = selectors.texts(agency)
    return render(
        request, "property/public/rules.html", {"agency": agency, "rules": text, "updated_at": updated_at}
    )


@require_GET
def donations(request, agency, year):
    agency = access.public_agency(agency)
    rows = list(selectors.donations_of_year(agency, _year(year)))
    table = exports.donations_table(agency, year, rows)
    return render(
        request,
        "property/public/table.html",
        {
            "agency": agency,
            "table": table,
            "t": table_context(table),
            "download": "property_public:donations_download",
            "year": year,
            "formats": exports.TABLE_FORMATS,
        },
    )


@require_GET
def donations_download(request, agency, year, fmt):
    agency = access.public_agency(agency)
    if fmt not in exports.TABLE_FORMATS:
        raise Http404
    table = exports.donations_table(agency, year, selectors.donations_of_year(agency, _year(year)))
    return file_response(exports.render_table(table, fmt), filename=f"{table.title}.{fmt}", kind=fmt)


@require_GET
def seized(request, agency, year):
    agency = access.public_agency(agency)
    table = exports.seized_table(
        agency, selectors.seized_statistics(agency, _year(year), timezone.localdate())
    )
    return render(
        request,
        "property/public/table.html",
        {
            "agency": agency,
            "table": table,
            "t": table_context(table),
            "download": "property_public:seized_download",
            "year": year,
            "formats": exports.TABLE_FORMATS,
        },
    )


@require_GET
def seized_download(request, agency, year, fmt):
    agency = access.public_agency(agency)
    if fmt not in exports.TABLE_FORMATS:
        raise Http404
    table = exports.seized_table(
        agency, selectors.seized_statistics(agency, _year(year), timezone.localdate())
    )
    return file_response(exports.render_table(table, fmt), filename=f"{table.title}.{fmt}", kind=fmt)


@require_GET
def lendable(request, agency):
    agency = access.public_agency(agency)
    assets = list(selectors.lendable_assets(agency))
    return render(
        request,
        "property/public/lendable.html",
        {"agency": agency, "assets": assets, "formats": exports.TABLE_FORMATS},
    )


@require_GET
def lendable_download(request, agency, fmt):
    agency = access.public_agency(agency)
    if fmt not in exports.TABLE_FORMATS:
        raise Http404
    table = exports.lendable_table(agency, selectors.lendable_assets(agency))
    return file_response(exports.render_table(table, fmt), filename=f"{table.title}.{fmt}", kind=fmt)


def _lendable_asset(agency, code: str) -> Asset:
    asset = selectors.lendable_assets(agency).filter(public_code=code).first()
    if asset is None:
        raise Http404
    return asset


@require_http_methods(["GET", "POST"])
def borrow(request, agency, code):
    agency = access.public_agency(agency)
    asset = _lendable_asset(agency, code)
    today = timezone.localdate()
    form = PublicLoanForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not throttle.hit(request, REQUEST_SCOPE, limit=REQUEST_LIMIT, window=REQUEST_WINDOW):
            return _too_many(request, REQUEST_WINDOW)
        if form.is_valid() and not form.cleaned_data["website"]:
            data = form.cleaned_data
            try:
                loan = services.loan_request(
                    agency=agency,
                    asset=asset,
                    borrower_name=data["borrower_name"],
                    borrower_phone=data["borrower_phone"],
                    borrower_email=data["borrower_email"],
                    purpose=data["purpose"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    today=today,
                )
            except ValidationError as exc:
                form_add_errors(form, exc)
            else:
                return redirect("property_public:track", agency=agency.slug, code=loan.code)
        status = 422
    month = today.replace(day=1)
    return render(
        request,
        "property/public/borrow.html",
        {
            "agency": agency,
            "asset": asset,
            "form": form,
            "months": [
                (m, selectors.month_calendar(asset, m, today))
                for m in (month, add_months(month, 1), add_months(month, 2))
            ],
            "spans": selectors.booked_spans(asset, today),
        },
        status=status,
    )


@require_GET
def track(request, agency, code=""):
    """A request by its code: state and dates only (the name is not shown, a lost code reveals nothing)."""
    agency = access.public_agency(agency)
    if throttle.blocked(request, TRACK_SCOPE, limit=TRACK_LIMIT, window=TRACK_WINDOW):
        return _too_many(request, TRACK_WINDOW)
    form = TrackForm(request.GET or None)
    typed = request.GET.get("code") or code
    canonical = normalise(typed) if typed else None
    loan = (
        Loan.objects.for_agency(agency).select_related("asset").filter(code=canonical).first()
        if canonical
        else None
    )
    if typed and loan is None:
        throttle.hit(request, TRACK_SCOPE, limit=TRACK_LIMIT, window=TRACK_WINDOW)
        return render(
            request,
            "property/public/track.html",
            {"agency": agency, "form": form, "not_found": True},
            status=404,
        )
    if loan is not None and code != loan.code:
        return redirect("property_public:track", agency=agency.slug, code=loan.code)
    return render(
        request,
        "property/public/track.html",
        {"agency": agency, "form": form, "loan": loan},
    )
