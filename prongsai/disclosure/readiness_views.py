"""The readiness board and the ITAS sheet: recomputed from what is published on every request."""

import io

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from prongsai.agencies import access
from prongsai.documents.data import csv_bytes, inert
from prongsai.documents.fonts import FAMILY as FONT
from prongsai.documents.responses import file_response

from . import readiness
from .readiness import CHECKS, ItasRow

ITAS_COLUMNS = ("รหัส", "รายการ", "มี/ไม่มี", "URL", "หมายเหตุ")
ITAS_WIDTHS = (8, 60, 10, 70, 60)  # characters


def _readiness(request, agency: str, year: int):
    agency = access.staff_agency(request.user, agency, "disclosure.view")
    result = readiness.agency_readiness(agency, year, now=timezone.now())
    if not result.catalogues:
        raise Http404
    return agency, result


@login_required
@require_GET
def readiness_board(request, agency, year):
    agency, result = _readiness(request, agency, year)
    context = {
        "agency": agency,
        "year": year,
        "result": result,
        "checks": CHECKS.items(),
        "many_catalogues": len(result.catalogues) > 1,
    }
    return render(request, "disclosure/readiness.html", context)


@login_required
@require_GET
def itas_sheet(request, agency, year, fmt):
    if fmt not in ("xlsx", "csv"):
        raise Http404
    agency, result = _readiness(request, agency, year)
    sheets = [
        (c.catalogue, readiness.itas_rows(agency, c, request.build_absolute_uri)) for c in result.catalogues
    ]
    content = _itas_xlsx(sheets) if fmt == "xlsx" else _itas_csv(sheets)
    return file_response(content, filename=f"itas-{agency.slug}-{year}", kind=fmt)


def _cells(row: ItasRow) -> list[str]:
    return [row.code, row.title, row.answer, "\n".join(row.urls), row.note]


def _itas_csv(sheets) -> bytes:
    return csv_bytes(
        ["ชุดเกณฑ์", *ITAS_COLUMNS],
        ([catalogue.scheme, *_cells(row)] for catalogue, rows in sheets for row in rows),
    )


def _itas_xlsx(sheets) -> bytes:
    """One sheet per catalogue, the header on the first row and nothing above it: ready to copy."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    font, bold = Font(name=FONT, size=11), Font(name=FONT, size=11, bold=True)
    top = Alignment(vertical="top", wrap_text=True)
    for catalogue, rows in sheets:
        sheet = workbook.create_sheet(f"{catalogue.scheme}-{catalogue.year}"[:31])
        sheet.append(ITAS_COLUMNS)
        for row in rows:
            sheet.append([inert(c) for c in _cells(row)])
        for cells in sheet.iter_rows():
            for cell in cells:
                cell.font = bold if cell.row == 1 else font
                cell.alignment = top
                cell.data_type = "s"  # never a formula, whatever the text
        for letter, width in zip("ABCDE", ITAS_WIDTHS, strict=True):
            sheet.column_dimensions[letter].width = width
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
