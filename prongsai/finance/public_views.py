"""Public pages of money: /<agency>/budget/<year>/ and /<agency>/procurement/<year>/, every table downloadable."""

from __future__ import annotations

import dataclasses
import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from prongsai.agencies import access
from prongsai.documents.pdf import table_pdf
from prongsai.documents.responses import file_response, stored_file_response
from prongsai.documents.tables import Column, Table
from prongsai.documents.xlsx import table_xlsx
from prongsai.thai.digits import to_arabic_digits, to_thai_digits
from prongsai.thai.fiscal import fiscal_year_months
from prongsai.thai.style import web_digits

from . import charts, exports, selectors
from .models import Budget, Procurement, ProcurementDocument


def _budget(agency, year: int) -> Budget:
    budget = selectors.budget_with_lines(Budget.objects.published(), agency=agency, fiscal_year=year)
    if budget is None:
        raise Http404
    return budget


def _on_the_web(table):
    """The official table (Thai digits, as the downloads keep them) written as the agency's web pages write
    numbers (``thai.style``), so a page does not mix two digit styles."""
    digits = web_digits()
    if digits == "thai":
        return table
    return dataclasses.replace(
        table, digits=digits, subtitle=[to_arabic_digits(line) for line in table.subtitle]
    )


@require_GET
def budget_page(request, agency, year):
    agency = access.public_agency(agency)
    budget = _budget(agency, year)
    report = selectors.spending_report(budget)
    table = _on_the_web(exports.spending_table(report, agency.display_name))
    context = {
        "agency": agency,
        "budget": budget,
        "report": report,
        "table": table,
        "header_rows": table.header_rows(),
        "body": table.body(),
        "formats": exports.FORMATS,
        "subsidies": list(budget.subsidies.all()),
        "months": selectors.monthly_plan_actual(budget),
        "other_years": list(
            Budget.objects.published()
            .filter(agency=agency)
            .exclude(pk=budget.pk)
            .values_list("fiscal_year", flat=True)
        ),
    }
    return render(request, "finance/budget.html", context)


@require_GET
def budget_download(request, agency, year, fmt):
    agency = access.public_agency(agency)
    if fmt not in exports.FORMATS:
        raise Http404
    report = selectors.spending_report(_budget(agency, year))
    content = exports.render(exports.spending_table(report, agency.display_name), fmt)
    return file_response(content, filename=f"งบประมาณ-{agency.slug}-{year}.{fmt}", kind=fmt)


def subsidy_table(budget: Budget, agency_name: str) -> Table:
    subsidies = list(budget.subsidies.all())
    return Table(
        title=f"ข้อมูลเงินอุดหนุนชุมชน {agency_name}",
        subtitle=[f"ปีงบประมาณ พ.ศ. {to_thai_digits(budget.fiscal_year)}"],
        columns=[
            Column("number", "ลำดับที่", 0.5, kind="number", align="center"),
            Column("community", "ชุมชน", 2),
            Column("purpose", "วัตถุประสงค์", 3),
            Column("amount", "จำนวนเงิน (บาท)", 1.2, kind="money"),
            Column("paid_on", "วันที่จ่าย", 1, kind="date"),
        ],
        rows=[
            {
                "number": n,
                "community": s.community,
                "purpose": s.purpose,
                "amount": s.amount,
                "paid_on": s.paid_on,
            }
            for n, s in enumerate(subsidies, start=1)
        ],
        total={"community": "รวม", "amount": sum((s.amount for s in subsidies), selectors.ZERO)}
        if subsidies
        else None,
    )


@require_GET
def subsidies_download(request, agency, year, fmt):
    agency = access.public_agency(agency)
    if fmt not in exports.FORMATS:
        raise Http404
    budget = _budget(agency, year)
    content = exports.render(subsidy_table(budget, agency.display_name), fmt)
    return file_response(content, filename=f"เงินอุดหนุนชุมชน-{agency.slug}-{year}.{fmt}", kind=fmt)


@require_GET
def budget_chart(request, agency, year):
    agency = access.public_agency(agency)
    budget = _budget(agency, year)
    svg = charts.plan_actual_svg(selectors.monthly_plan_actual(budget))
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    # Our own drawing, never an upload: still no script may run in it.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def ordinance(request, agency, year, token):
    agency = access.public_agency(agency)
    budget = _budget(agency, year)
    if not budget.ordinance or token != budget.ordinance_token:
        raise Http404
    return stored_file_response(
        budget.ordinance, content_type="application/pdf", filename=f"ข้อบัญญัติงบประมาณ-{year}.pdf"
    )


# --- procurement ---------------------------------------------------------------------------------------


@require_GET
def procurement_page(request, agency, year):
    agency = access.public_agency(agency)
    if not 2500 <= year <= 2700:
        raise Http404
    procurements = list(selectors.procurements_of_year(agency, year))
    by_month = {}
    for p in procurements:
        by_month.setdefault(p.decided_on.replace(day=1), []).append(p)
    months = [
        {"month": m, "be": f"{m.year + 543}-{m.month:02d}", "count": len(by_month.get(m, ()))}
        for m in fiscal_year_months(year)
    ]
    documents = [d for p in procurements for d in p.documents.all()]
    context = {
        "agency": agency,
        "year": year,
        "procurements": procurements,
        "months": months,
        "notices": [d for d in documents if d.kind != ProcurementDocument.Kind.PLAN],
        "plans": [d for d in documents if d.kind == ProcurementDocument.Kind.PLAN],
        "formats": exports.FORMATS,
        "methods": dict(selectors.Method.choices),
    }
    return render(request, "finance/procurement.html", context)


@require_GET
def procurement_download(request, agency, year, fmt):
    agency = access.public_agency(agency)
    if fmt not in exports.FORMATS:
        raise Http404
    if not 2500 <= year <= 2700:
        raise Http404
    procurements = list(selectors.procurements_of_year(agency, year))
    content = exports.render(exports.procurement_year_table(agency.display_name, year, procurements), fmt)
    return file_response(content, filename=f"จัดซื้อจัดจ้าง-{agency.slug}-{year}.{fmt}", kind=fmt)


@require_GET
def skr1_download(request, agency, month, fmt):
    agency = access.public_agency(agency)
    if fmt not in exports.SKR1_FORMATS:
        raise Http404
    be_year, number = (int(part) for part in month.split("-"))
    first = datetime.date(be_year - 543, number, 1)
    procurements = list(selectors.procurements_of_month(agency, first))
    table = exports.skr1_table(agency.display_name, first, procurements)
    content = table_pdf(table) if fmt == "pdf" else table_xlsx(table)
    return file_response(content, filename=f"สขร1-{agency.slug}-{month}.{fmt}", kind=fmt)


@require_GET
def procurement_ocds(request, agency, year):
    from . import ocds

    agency = access.public_agency(agency)
    if not 2500 <= year <= 2700:
        raise Http404
    procurements = list(selectors.procurements_of_year(agency, year))
    package = ocds.release_package(agency, procurements, base=request.build_absolute_uri("/"))
    return file_response(ocds.dumps(package), filename=f"ocds-{agency.slug}-{year}.json", kind="json")


@require_GET
def procurement_document(request, agency, token):
    agency = access.public_agency(agency)
    document = (
        ProcurementDocument.objects.filter(token=token, procurement__agency=agency)
        .exclude(procurement__status=Procurement.Status.DRAFT)
        .first()
    )
    if document is None or not document.file:
        raise Http404
    return stored_file_response(
        document.file, content_type="application/pdf", filename=f"{document.title}.pdf"
    )
