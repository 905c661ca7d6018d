"""Documents of the integrity channels: the referral letter of a case (PDF), the statistics (PDF, XLSX, CSV,
JSON through documents.tables)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from prongsai.documents.data import table_csv, table_json
from prongsai.documents.pdf import html_to_pdf, table_pdf
from prongsai.documents.xlsx import table_xlsx

from . import services
from .models import Complaint, Referral
from .statistics import YearStatistics, statistics_table

STATISTICS_FORMATS = ("pdf", "xlsx", "csv", "json")


def referral_pdf(*, actor, complaint: Complaint, body: str) -> bytes:
    """The letter that sends a case to a higher body, with the report and the list of evidence. The
    complainant's identity is not in it: if they gave one, the letter says it is sent separately in
    confidence. Reading the case for it is logged as an export."""
    case = services.complaint_referral_case(actor=actor, complaint=complaint)
    html = render_to_string(
        "integrity/referral_pdf.html",
        {
            "case": case,
            "complaint": complaint,
            "agency": complaint.agency,
            "body_label": Referral.Body(body).label,
            "today": timezone.localdate(),
        },
    )
    return html_to_pdf(html)


def statistics_file(stats: YearStatistics, fmt: str) -> bytes:
    table = statistics_table(stats)
    if fmt == "pdf":
        return table_pdf(table)
    if fmt == "xlsx":
        return table_xlsx(table)
    if fmt == "csv":
        return table_csv(table)
    if fmt == "json":
        return table_json(table)
    raise ValueError(fmt)
