"""The public infographic of an OIT item: /<agency>/oit/<year>/<code>/infographic.<pdf|png>."""

from django.http import Http404, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from prongsai.agencies import access
from prongsai.documents.responses import file_response

from . import infographics, selectors


@require_GET
def item_infographic(request, agency, year, code, fmt):
    if fmt not in infographics.FORMATS:
        raise Http404
    agency = access.public_agency(agency)
    item = selectors.item_for(agency, year, code)
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
