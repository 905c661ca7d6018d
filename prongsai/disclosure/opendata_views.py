"""Public search and open data: the search page, the OIT index downloads and the DCAT catalogue."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from prongsai.agencies import access
from prongsai.documents.responses import file_response

from . import opendata, search, selectors


@require_GET
def search_page(request, agency=None):
    """/search/ across every agency, /<agency>/search/ within one; the query is ?q=."""
    agency = access.public_agency(agency) if agency is not None else None
    query = search.parse(request.GET.get("q", ""))
    entries = search.public_entries(query, agency=agency, limit=search.RESULT_LIMIT)
    activities = search.plan_activities(query, agency=agency, limit=search.RESULT_LIMIT)
    context = {
        "agency": agency,
        "base": "portal/agency_base.html" if agency else "portal/layout.html",
        "query": query,
        "entries": entries,
        "activities": activities,
        "total": entries.count + activities.count,
    }
    return render(request, "disclosure/search.html", context)


def _open(response):
    # Open data: any site may fetch it from a browser; no cookies are involved.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def oit_index_download(request, agency, year, fmt):
    agency = access.public_agency(agency)
    catalogue = selectors.primary_catalogue(agency, year)
    if catalogue is None or fmt not in opendata.INDEX_FORMATS:
        raise Http404
    now = timezone.now()
    rows = opendata.index_rows(agency, catalogue, request.build_absolute_uri)
    if fmt == "csv":
        content = opendata.index_csv(rows)
    elif fmt == "json":
        content = opendata.index_json(agency, catalogue, rows, now=now)
    else:
        content = opendata.index_xlsx(agency, catalogue, rows, today=timezone.localdate(now))
    return _open(file_response(content, filename=f"oit-{agency.slug}-{year}", kind=fmt))


@require_GET
def dcat_catalog(request, agency):
    agency = access.public_agency(agency)
    catalog = opendata.dcat_catalog(agency, request.build_absolute_uri, now=timezone.now())
    response = HttpResponse(opendata.dcat_json(catalog), content_type="application/ld+json; charset=utf-8")
    response["X-Content-Type-Options"] = "nosniff"
    return _open(response)
