"""Open data of the OIT core: the OIT index downloads of a year."""

from django.http import Http404
from django.utils import timezone
from django.views.decorators.http import require_GET

from prongsai.agencies import access
from prongsai.documents.responses import file_response

from . import opendata, selectors


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
