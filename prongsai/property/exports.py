"""Outputs: the public tables (donations, seized-goods statistics, lendable assets) as PDF/XLSX/CSV/JSON,
the sheet of QR labels (A4, 3 × 8 labels of 70 × 37 mm) and the item-29 document (PDF)."""

from __future__ import annotations

import base64

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from prongsai.documents.data import table_csv, table_json
from prongsai.documents.pdf import html_to_pdf, table_context, table_pdf
from prongsai.documents.tables import Column, Table
from prongsai.documents.xlsx import table_xlsx
from prongsai.thai.dates import be_year, format_be_date, thai_month_name

from . import selectors

TABLE_FORMATS = ("pdf", "xlsx", "csv", "json")


def render_table(table: Table, fmt: str) -> bytes:
    return {"pdf": table_pdf, "xlsx": table_xlsx, "csv": table_csv, "json": table_json}[fmt](table)


def _as_of() -> str:
    return "ข้อมูล ณ วันที่ " + format_be_date(timezone.localdate(), "long", digits="thai")


def site_url(path: str) -> str:
    return getattr(settings, "PRONGSAI_SITE_URL", "").rstrip("/") + path


def qr_data_uri(text: str) -> str:
    svg = segno.make(text, error="m").svg_inline(scale=3, border=1)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


# --- public tables --------------------------------------------------------------------------------------


def donations_table(agency, year: int, rows) -> Table:
    rows = list(rows)
    return Table(
        title=f"รายการของบริจาค ปีงบประมาณ พ.ศ. {year}",
        subtitle=(agency.name,),
        columns=(
            Column("received_on", "วันที่รับ", 1.2, kind="date"),
            Column("donor", "ผู้บริจาค", 2),
            Column("description", "สิ่งที่บริจาค", 3),
            Column("quantity", "จำนวน", 0.8, kind="number"),
            Column("unit", "หน่วย", 0.8),
            Column("value", "มูลค่า (บาท)", 1.4, kind="money"),
            Column("purpose", "วัตถุประสงค์", 2.5),
            Column("disposition", "การนำไปใช้", 2.5),
        ),
        rows=[
            {
                "received_on": d.received_on,
                "donor": d.public_donor,
                "description": d.description,
                "quantity": d.quantity,
                "unit": d.unit,
                "value": d.value,
                "purpose": d.purpose,
                "disposition": " ".join(filter(None, [d.get_disposition_display(), d.disposition_note])),
            }
            for d in rows
        ],
        total={"description": "รวม", "value": sum((d.value for d in rows), start=0)} if rows else None,
        notes=(
            "ไม่เปิดเผยชื่อและข้อมูลติดต่อของผู้บริจาคที่เป็นบุคคลธรรมดา และของผู้ไม่ประสงค์ออกนาม",
            _as_of(),
        ),
        landscape=True,
    )


def _month_label(month) -> str:
    return f"{thai_month_name(month.month, abbreviated=True)} {be_year(month)}"


def seized_table(agency, stats: selectors.SeizedStatistics) -> Table:
    total = stats.total
    return Table(
        title=f"สถิติของกลางรายเดือน ปีงบประมาณ พ.ศ. {stats.year}",
        subtitle=(agency.name,),
        columns=(
            Column("month", "เดือน", 1.5),
            Column("received", "รับเข้า", 1, kind="number"),
            Column("returned", "คืนเจ้าของ", 1, kind="number"),
            Column("handed_over", "ส่งมอบพนักงานสอบสวน/ศาล", 1.5, kind="number"),
            Column("disposed", "ขายทอดตลาด/ทำลาย", 1.3, kind="number"),
            Column("in_store", "คงเก็บรักษา ณ สิ้นเดือน", 1.5, kind="number"),
        ),
        rows=[
            {
                "month": _month_label(m.month),
                "received": m.received,
                "returned": m.returned,
                "handed_over": m.handed_over,
                "disposed": m.disposed,
                "in_store": m.in_store,
            }
            for m in stats.months
        ],
        total={
            "month": "รวมทั้งปี",
            "received": total.received,
            "returned": total.returned,
            "handed_over": total.handed_over,
            "disposed": total.disposed,
            "in_store": total.in_store,
        }
        if stats.months
        else None,
        notes=(
            "นับจำนวนรายการของกลาง ไม่แสดงชื่อบุคคลหรือเลขคดี",
            "รายการเคลื่อนไหวนับเมื่อมีเจ้าหน้าที่ลงนามครบสองคน",
            _as_of(),
        ),
    )


def lendable_table(agency, assets) -> Table:
    return Table(
        title="ทรัพย์สินที่ประชาชนและชุมชนขอยืมได้",
        subtitle=(agency.name,),
        columns=(
            Column("number", "เลขที่ครุภัณฑ์", 1.5),
            Column("name", "รายการ", 3),
            Column("department", "ฝ่ายผู้ดูแล", 2),
            Column("status", "สถานะวันนี้", 1.2),
        ),
        rows=[
            {
                "number": a.number,
                "name": a.name,
                "department": a.department.name,
                "status": a.get_status_display(),
            }
            for a in assets
        ],
        notes=(_as_of(),),
    )


# --- labels ---------------------------------------------------------------------------------------------

LABELS_PER_PAGE = 24


def labels_pdf(agency, assets) -> bytes:
    """A4 sheets of 3 × 8 labels; each QR code opens the asset's page in the back office."""
    labels = []
    for asset in assets:
        url = site_url(reverse("property:asset", kwargs={"agency": agency.slug, "pk": asset.pk}))
        labels.append({"asset": asset, "qr": qr_data_uri(url)})
    pages = [labels[i : i + LABELS_PER_PAGE] for i in range(0, len(labels), LABELS_PER_PAGE)] or [[]]
    html = render_to_string("property/exports/labels.html", {"agency": agency, "pages": pages})
    return html_to_pdf(html)


# --- item 29 --------------------------------------------------------------------------------------------


def measures_context(agency, today) -> dict:
    from prongsai.thai.fiscal import fiscal_year

    measures, rules, updated_at = selectors.texts(agency)
    year = fiscal_year(today)
    donations = list(selectors.donations_of_year(agency, year))
    stats = selectors.seized_statistics(agency, year, today)
    return {
        "agency": agency,
        "year": year,
        "measures": measures,
        "rules": rules,
        "updated_at": updated_at,
        "summary": selectors.register_summary(agency),
        "donations": donations,
        "donations_t": table_context(donations_table(agency, year, donations)),
        "seized_t": table_context(seized_table(agency, stats)),
        "stats": stats,
        "lendable": selectors.lendable_assets(agency).count(),
        "as_of": _as_of(),
    }


def measures_pdf(agency, today) -> bytes:
    html = render_to_string("property/exports/measures.html", measures_context(agency, today))
    return html_to_pdf(html)
