"""Printed matter of a round: the invitation slips (PDF, or the codes as CSV) and the counter poster with the
EIT QR code. The slips are made once, from the codes just issued; the codes are not stored (models.py)."""

from __future__ import annotations

import base64
import csv
import io

import segno
from django.template.loader import render_to_string

from prongsai.documents.pdf import html_to_pdf


def qr_data_uri(text: str, *, scale: int = 4) -> str:
    svg = segno.make(text, error="m").svg_inline(scale=scale, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def slips_pdf(*, round, codes: list[str], address: str) -> bytes:
    context = {
        "round": round,
        "agency": round.agency,
        "codes": codes,
        "address": address,
        "qr": qr_data_uri(address),
    }
    return html_to_pdf(render_to_string("assessment/exports/slips.html", context))


def slips_csv(*, codes: list[str], address: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["รหัสเชิญตอบ", "ที่อยู่แบบสำรวจ"])
    for code in codes:
        writer.writerow([code, address])
    return ("\ufeff" + out.getvalue()).encode()  # BOM: Excel opens Thai as UTF-8


def poster_pdf(*, round, address: str) -> bytes:
    context = {
        "round": round,
        "agency": round.agency,
        "address": address,
        "qr": qr_data_uri(address, scale=10),
    }
    return html_to_pdf(render_to_string("assessment/exports/poster.html", context))
