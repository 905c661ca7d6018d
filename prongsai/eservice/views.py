"""Public pages: the service catalogue and manuals, applying online, statistics and registers, and tracking.

Tracking is answered the same for a code that does not exist and one that cannot be a code (same status,
same page), and failed look-ups are counted per client (``agencies.throttle``): after the limit every
look-up gets a 429 page saying when to try again, so codes cannot be enumerated.
"""

from __future__ import annotations

import datetime
import hmac

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from prongsai.agencies import access, throttle
from prongsai.agencies.codes import normalise
from prongsai.disclosure.providers import linked_page
from prongsai.documents.pdf import table_context
from prongsai.documents.responses import file_response
from prongsai.thai.dates import format_be_date
from prongsai.thai.fiscal import fiscal_year, fiscal_year_bounds

from . import exports, selectors, services
from .forms import ApplyForm, RatingForm, TrackForm, UploadForm, add_errors
from .models import CLOSED_STATES, ReportGroup, Request

TRACK_SCOPE = "eservice-track"
TRACK_LIMIT = 20  # failed look-ups per client per window
TRACK_WINDOW = 600
APPLY_SCOPE = "eservice-apply"
APPLY_LIMIT = 10  # applications per client per hour: a person, not a flood
APPLY_WINDOW = 3600


def _too_many(request, window: int):
    again = datetime.datetime.fromtimestamp(throttle.reset_at(window=window), tz=datetime.UTC)
    local = timezone.localtime(again)
    response = render(
        request,
        "eservice/too_many.html",
        {"again": local.strftime("%H:%M"), "again_date": format_be_date(local.date(), "medium")},
        status=429,
    )
    response["Retry-After"] = str(max(1, int((again - timezone.now()).total_seconds())))
    return response


def _not_found(request):
    """The one answer to a code or token that leads nowhere, whatever was wrong with it."""
    throttle.hit(request, TRACK_SCOPE, limit=TRACK_LIMIT, window=TRACK_WINDOW)
    return render(request, "eservice/track_not_found.html", {"form": TrackForm()}, status=404)


def find_request(request, code: str) -> tuple[Request | None, object | None]:
    """(the request, None), or (None, the response to give): 429 while throttled, else the 404 page."""
    if throttle.blocked(request, TRACK_SCOPE, limit=TRACK_LIMIT, window=TRACK_WINDOW):
        return None, _too_many(request, TRACK_WINDOW)
    canonical = normalise(code)
    found = selectors.request_by_code(canonical) if canonical else None
    if found is None:
        return None, _not_found(request)
    return found, None


# --- the catalogue ------------------------------------------------------------------------------------


@require_GET
def service_list(request, agency):
    agency = access.public_agency(agency)
    groups: dict = {}
    for service in selectors.published_services(agency):
        service.standard_days = selectors.standard_days(service)
        groups.setdefault(service.department, []).append(service)
    year = fiscal_year(timezone.localdate())
    return render(
        request,
        "eservice/service_list.html",
        {
            "agency": agency,
            "groups": groups.items(),
            "year": year,
            "registers": selectors.register_groups(agency),
        },
    )


def _service(agency_slug: str, slug: str):
    agency = access.public_agency(agency_slug)
    service = selectors.public_service(agency, slug)
    if service is None:
        raise Http404
    return agency, service


@require_GET
def service_detail(request, agency, slug):
    agency, service = _service(agency, slug)
    context = exports.manual_context(service)
    return render(request, "eservice/service_detail.html", context)


@require_GET
def service_file(request, agency, slug, name, fmt):
    agency, service = _service(agency, slug)
    if name == "manual" and fmt == "pdf":
        content = exports.manual_pdf(service)
    elif name == "manual" and fmt == "docx":
        content = exports.manual_docx(service)
    elif name == "checklist" and fmt in ("pdf", "docx"):
        content = exports.checklist_file(service, fmt)
    else:
        raise Http404
    title = "คู่มือสำหรับประชาชน" if name == "manual" else "รายการตรวจ"
    return file_response(content, filename=f"{title} {service.name}.{fmt}", kind=fmt)


@require_http_methods(["GET", "POST"])
def apply(request, agency, slug):
    agency, service = _service(agency, slug)
    if not service.accepts_online:
        raise Http404
    form = ApplyForm(request.POST or None, request.FILES or None, service=service)
    status = 200
    if request.method == "POST":
        if not throttle.hit(request, APPLY_SCOPE, limit=APPLY_LIMIT, window=APPLY_WINDOW):
            return _too_many(request, APPLY_WINDOW)
        if form.is_valid():
            data = form.cleaned_data
            try:
                created = services.request_submit(
                    agency=agency,
                    service=service,
                    applicant_name=data["applicant_name"],
                    applicant_phone=data["applicant_phone"],
                    applicant_email=data["applicant_email"],
                    applicant_id_number=data["applicant_id_number"],
                    details=data["details"],
                    uploads=form.uploads(),
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                return redirect(services.receipt_path(created))
        status = 422
    return render(
        request, "eservice/apply.html", {"agency": agency, "service": service, "form": form}, status=status
    )


# --- statistics and registers -------------------------------------------------------------------------


def _year(year: int) -> int:
    if not 2500 <= year <= 2700:
        raise Http404
    return year


def _statistics(agency, year: int):
    start, end = selectors.statistics_span(agency, _year(year))
    if end < start:
        raise Http404
    return selectors.statistics(agency, start, end)


@require_GET
def statistics_page(request, agency, year):
    agency = access.public_agency(agency)
    stats = _statistics(agency, year)
    department_rows = [
        (d, stats.by_department[d.pk]) for d in agency.departments.all() if d.pk in stats.by_department
    ]
    service_rows = sorted(
        ((stats.services[pk], figures) for pk, figures in stats.by_service.items()),
        key=lambda pair: (pair[0].department.order, pair[0].order, pair[0].name),
    )
    months = [(m, stats.by_month[m]) for m in stats.months]
    return render(
        request,
        "eservice/statistics.html",
        {
            "agency": agency,
            "year": year,
            "stats": stats,
            "months": months,
            "department_rows": department_rows,
            "service_rows": service_rows,
            "formats": exports.TABLE_FORMATS,
        },
    )


@require_GET
def statistics_download(request, agency, year, fmt):
    agency = access.public_agency(agency)
    if fmt not in exports.TABLE_FORMATS:
        raise Http404
    stats = _statistics(agency, year)
    table = exports.statistics_table(agency, year, stats)
    return file_response(exports.render_table(table, fmt), filename=f"สถิติการให้บริการ {year}.{fmt}", kind=fmt)


REGISTERS = {
    "building-permits": (ReportGroup.BUILDING_PERMIT, "การออกใบอนุญาตก่อสร้างอาคาร", "fiscal"),
    "signboards": (ReportGroup.SIGNBOARD, "การติดตั้งป้ายและการจัดเก็บภาษีป้าย", "calendar"),
}


def register_span(kind: str, year: int) -> tuple[datetime.date, datetime.date, str]:
    """Building permits by fiscal year; the signboard tax is levied by calendar year (OIT 16's note)."""
    _group, _title, calendar = REGISTERS[kind]
    if calendar == "fiscal":
        start, end = fiscal_year_bounds(year)
        label = f"ปีงบประมาณ พ.ศ. {year}"
    else:
        start, end = datetime.date(year - 543, 1, 1), datetime.date(year - 543, 12, 31)
        label = f"ปี พ.ศ. {year} (มกราคม - ธันวาคม)"
    return start, end, label


def _register(agency, kind: str, year: int):
    if kind not in REGISTERS:
        raise Http404
    group, title, _calendar = REGISTERS[kind]
    if group not in selectors.register_groups(agency):
        raise Http404
    start, end, label = register_span(kind, _year(year))
    requests = list(selectors.register(agency, group, start, end))
    approved = selectors.approved_on(requests)
    return exports.register_table(agency, group, f"{title} {label}", label, requests, approved)


@require_GET
def register_page(request, agency, kind, year):
    agency = access.public_agency(agency)
    table = _register(agency, kind, year)
    return render(
        request,
        "eservice/register.html",
        {
            "agency": agency,
            "table": table,
            "t": table_context(table),
            "kind": kind,
            "year": year,
            "formats": exports.TABLE_FORMATS,
        },
    )


@require_GET
def register_download(request, agency, kind, year, fmt):
    agency = access.public_agency(agency)
    if fmt not in exports.TABLE_FORMATS:
        raise Http404
    table = _register(agency, kind, year)
    return file_response(exports.render_table(table, fmt), filename=f"{table.title}.{fmt}", kind=fmt)


# --- tracking -----------------------------------------------------------------------------------------


@require_GET
def track_lookup(request):
    form = TrackForm(request.GET or None)
    if form.is_bound:
        if throttle.blocked(request, TRACK_SCOPE, limit=TRACK_LIMIT, window=TRACK_WINDOW):
            return _too_many(request, TRACK_WINDOW)
        canonical = normalise(form.data.get("code", ""))
        if canonical:
            return redirect("eservice_track:track", code=canonical)
        return _not_found(request)
    return render(request, "eservice/track_lookup.html", {"form": form})


def _public_context(found: Request) -> dict:
    view = selectors.request_view(found, staff=False)
    masked_name = selectors.mask_name(found.applicant_name)
    return {
        "agency": found.agency,
        "service": found.service,
        "req": found,
        "view": view,
        "fragments": selectors.request_fragments(view, applicant=masked_name),
        "masked_name": masked_name,
        "closed": found.state in CLOSED_STATES,
    }


@require_GET
def track(request, code):
    found, response = find_request(request, code)
    if response:
        return response
    if code != found.code:
        return redirect("eservice_track:track", code=found.code)
    return render(request, "eservice/track.html", _public_context(found))


def _with_token(request, code: str, token: str, field: str):
    found, response = find_request(request, code)
    if response:
        return None, response
    if not hmac.compare_digest(getattr(found, field), token):
        return None, _not_found(request)
    return found, None


@require_http_methods(["GET", "POST"])
def receipt(request, code, token):
    """The applicant's own page: the receipt with its QR code, and sending the documents asked for."""
    found, response = _with_token(request, code, token, "receipt_token")
    if response:
        return response
    form = UploadForm(request.POST or None, request.FILES or None, service=found.service)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.request_documents_send(request=found, uploads=form.uploads())
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                return redirect(services.receipt_path(found) + "?sent=1")
        status = 422
    context = _public_context(found)
    context.update(
        {
            "form": form,
            "qr": exports.qr_data_uri(services.site_url(services.tracking_path(found))),
            "rating_path": services.rating_path(found),
            "sent": request.GET.get("sent") == "1",
            "files": found.files.count(),
            # the agency's open service-user survey (ITA EIT), when a module offers one
            "survey": linked_page(found.agency, "eit_survey"),
        }
    )
    return render(request, "eservice/receipt.html", context, status=status)


@require_GET
def receipt_pdf(request, code, token):
    found, response = _with_token(request, code, token, "receipt_token")
    if response:
        return response
    return file_response(exports.receipt_pdf(found), filename=f"ใบรับคำขอ {found.code}.pdf", kind="pdf")


@require_http_methods(["GET", "POST"])
def rate(request, code, token):
    found, response = _with_token(request, code, token, "rating_token")
    if response:
        return response
    form = RatingForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.request_rate(
                    request=found, rating=form.cleaned_data["rating"], comment=form.cleaned_data["comment"]
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                return redirect(services.rating_path(found))
        status = 422
    context = _public_context(found)
    context.update({"form": form, "can_rate": found.state in CLOSED_STATES and found.rated_at is None})
    return render(request, "eservice/rate.html", context, status=status)
