from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from prongsai.agencies import access
from prongsai.agencies import selectors as agency_selectors
from prongsai.agencies.models import Agency
from prongsai.disclosure import selectors as disclosure_selectors
from prongsai.documents.responses import file_response

from . import infographics, opendata, search


@transaction.non_atomic_requests
@require_GET
def healthz(request):
    """For load balancers and the benchmark's floor: the process answers, through the whole middleware
    stack, without touching the database (no transaction is opened for it, whatever ATOMIC_REQUESTS says),
    so a slow database does not take every app server out of the pool."""
    response = HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def deployment_home(request):
    agencies = list(Agency.objects.active())
    if len(agencies) == 1:
        return redirect("portal:agency_home", agency=agencies[0].slug)
    return render(request, "portal/deployment_home.html", {"agencies": agencies})


@require_GET
def agency_home(request, agency: str):
    agency_obj = access.public_agency(agency)
    departments = agency_selectors.active_departments(agency_obj)
    return render(request, "portal/agency_home.html", {"agency": agency_obj, "departments": departments})


def _year(value: str) -> int | None:
    return int(value) if value.isdigit() and 2400 < int(value) < 2800 else None


@require_GET
def search_page(request, agency=None):
    """/search/ across every agency, /<agency>/search/ within one; ?q= the words, ?kind= and ?year= filters."""
    agency = access.public_agency(agency) if agency is not None else None
    query = search.parse(request.GET.get("q", ""))
    kind = request.GET.get("kind", "")
    kind = kind if kind in search.KINDS else ""
    year = _year(request.GET.get("year", ""))
    results = search.search(query, agency=agency, kind=kind, year=year)
    context = {
        "agency": agency,
        "base": "portal/agency_base.html" if agency else "portal/layout.html",
        "query": query,
        "results": results,
        "kinds": search.KINDS,
        "kind": kind,
        "years": search.years(agency),
        "year": year,
    }
    return render(request, "portal/search.html", context)


@require_GET
def dcat_catalog(request, agency):
    agency = access.public_agency(agency)
    catalog = opendata.dcat_catalog(agency, request.build_absolute_uri)
    response = HttpResponse(opendata.dcat_json(catalog), content_type="application/ld+json; charset=utf-8")
    response["X-Content-Type-Options"] = "nosniff"
    # Open data: any site may fetch it from a browser; no cookies are involved.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def item_infographic(request, agency, year, code, fmt):
    """The infographic of an OIT item: /<agency>/oit/<year>/<code>/infographic.<pdf|png>."""
    if fmt not in infographics.FORMATS:
        raise Http404
    agency = access.public_agency(agency)
    item = disclosure_selectors.item_for(agency, year, code)
    if item is None:
        raise Http404
    sheet = infographics.sheet_for(agency, item, site=request.build_absolute_uri("/").rstrip("/"))
    if sheet is None:
        raise Http404
    # The sheet's digest names its content: a browser or CDN that has this picture need not fetch it again,
    # and one that asks again after the data changed gets the new one at once.
    etag = f'"{sheet.digest[:40]}.{fmt}"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return _cache_headers(not_modified, etag)
    response = file_response(infographics.render(sheet, fmt), filename=f"{sheet.filename}.{fmt}", kind=fmt)
    if fmt == "png":
        # Shown in <img> on the public page: inline. Safe, because we drew it; nosniff stays (file_response).
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=False, filename=f"{sheet.filename}.png"
        )
    return _cache_headers(response, etag)


def _cache_headers(response: HttpResponse, etag: str) -> HttpResponse:
    response["ETag"] = etag
    patch_cache_control(response, public=True, no_cache=True)
    return response
