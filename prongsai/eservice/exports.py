"""Official outputs of the e-service: the manual (PDF, Word), the checklist (PDF, Word), the receipt (one
A4 page with its QR code), the statistics and the registers of OIT items 15 and 16 (PDF, XLSX, CSV, JSON).

Tables go through ``prongsai.documents`` (Table -> PDF/DOCX/XLSX/CSV/JSON in the Thai official style);
the manual and the receipt are HTML templates rendered by ``documents.pdf.html_to_pdf``.
"""

from __future__ import annotations

import base64
import datetime
from decimal import Decimal

import segno
from django.template.loader import render_to_string
from django.utils import timezone

from prongsai.disclosure.providers import linked_page
from prongsai.documents.data import table_csv, table_json
from prongsai.documents.docx import table_docx
from prongsai.documents.pdf import html_to_pdf, table_pdf
from prongsai.documents.tables import Column, GroupRow, Table
from prongsai.documents.xlsx import table_xlsx
from prongsai.thai.dates import be_year, format_be_date, thai_month_name
from prongsai.thai.digits import to_thai_digits

from . import selectors, services
from .models import Request, Service
from .selectors import Figures, Statistics

TABLE_FORMATS = ("pdf", "xlsx", "csv", "json")


def render_table(table: Table, fmt: str) -> bytes:
    if fmt == "pdf":
        return table_pdf(table)
    if fmt == "xlsx":
        return table_xlsx(table)
    if fmt == "docx":
        return table_docx(table)
    if fmt == "csv":
        return table_csv(table)
    if fmt == "json":
        return table_json(table)
    raise ValueError(f"unknown format {fmt!r}")


def _as_of() -> str:
    return "ข้อมูล ณ วันที่ " + format_be_date(timezone.localdate(), "long", digits="thai")


# --- manual and checklist -----------------------------------------------------------------------------


def manual_context(service: Service) -> dict:
    steps = list(service.steps.all())
    return {
        "service": service,
        "agency": service.agency,
        "steps": steps,
        "standard_days": sum(s.working_days for s in steps),
        "documents": list(service.documents.all()),
        "checklist": list(service.checklist.all()),
        "fees": list(service.fees.all()),
        "as_of": _as_of(),
    }


def manual_pdf(service: Service) -> bytes:
    return html_to_pdf(render_to_string("eservice/exports/manual.html", manual_context(service)))


def manual_table(service: Service) -> Table:
    """The manual as a table of steps with the rest around it: the Word version staff edit and print."""
    steps = list(service.steps.all())
    subtitle = [service.agency.name, f"หน่วยงานที่รับผิดชอบ: {service.department.name}"]
    notes = []
    for heading, text in (
        ("กฎหมายที่ให้อำนาจการอนุญาตหรือที่เกี่ยวข้อง", service.legal_basis),
        ("หลักเกณฑ์ วิธีการ เงื่อนไข", service.conditions),
        ("สถานที่และช่องทางการให้บริการ", service.where),
        ("ระยะเวลาเปิดให้บริการ", service.hours),
    ):
        if text:
            notes += [f"{heading}: {text}"]
    documents = list(service.documents.all())
    if documents:
        notes.append("รายการเอกสารหลักฐานประกอบ:")
        notes += [
            f"  {to_thai_digits(i)}. {d.name}"
            + (f" ({d.copies})" if d.copies else "")
            + ("" if d.required else " (ถ้ามี)")
            for i, d in enumerate(documents, 1)
        ]
    fees = list(service.fees.all())
    notes.append("ค่าธรรมเนียม:")
    notes += [f"  {f.label} {to_thai_digits(f'{f.amount:,.2f}')} บาท" for f in fees] or ["  ไม่มีค่าธรรมเนียม"]
    if service.complaint_channel:
        notes.append(f"ช่องทางการร้องเรียน: {service.complaint_channel}")
    notes.append(_as_of())
    return Table(
        title=f"คู่มือสำหรับประชาชน: {service.name}",
        subtitle=subtitle,
        columns=(
            Column("no", "ที่", 0.4, align="center"),
            Column("title", "ขั้นตอน", 4),
            Column("days", "ระยะเวลา (วันทำการ)", 1.2, kind="number"),
            Column("department", "ส่วนงานที่รับผิดชอบ", 2),
        ),
        rows=[
            {
                "no": to_thai_digits(i),
                "title": s.title + (f"\n{s.description}" if s.description else ""),
                "days": s.working_days,
                "department": (s.department or service.department).name,
            }
            for i, s in enumerate(steps, 1)
        ],
        total={"title": "รวมระยะเวลา", "days": sum(s.working_days for s in steps)},
        notes=notes,
    )


def manual_docx(service: Service) -> bytes:
    return table_docx(manual_table(service))


def checklist_table(service: Service) -> Table:
    documents = list(service.documents.all())
    rows: list = []
    if documents:
        rows.append(GroupRow("ส่วนที่ ๑ เอกสารหลักฐานที่ผู้ยื่นคำขอต้องยื่น"))
        rows += [
            {
                "no": to_thai_digits(i),
                "item": d.name + (f" ({d.copies})" if d.copies else ""),
                "have": "☐",
                "lack": "☐",
                "note": d.note,
            }
            for i, d in enumerate(documents, 1)
        ]
    checks = list(service.checklist.all())
    if checks:
        rows.append(GroupRow("ส่วนที่ ๒ รายการที่เจ้าหน้าที่ตรวจสอบ"))
        rows += [
            {"no": to_thai_digits(i), "item": c.text, "have": "☐", "lack": "☐", "note": ""}
            for i, c in enumerate(checks, 1)
        ]
    return Table(
        title=f"รายการตรวจ (checklist) ในการพิจารณา: {service.name}",
        subtitle=[service.agency.name, service.department.name],
        columns=(
            Column("no", "ที่", 0.4, align="center"),
            Column("item", "รายการ", 5),
            Column("have", "ครบถ้วน", 0.8, align="center"),
            Column("lack", "ไม่ครบ", 0.8, align="center"),
            Column("note", "หมายเหตุ", 2),
        ),
        rows=rows,
        notes=[
            "ลงชื่อ ........................................ เจ้าหน้าที่ผู้ตรวจสอบ",
            "วันที่ ........................................",
            _as_of(),
        ],
    )


def checklist_file(service: Service, fmt: str) -> bytes:
    return render_table(checklist_table(service), fmt)


# --- receipt ------------------------------------------------------------------------------------------


def qr_data_uri(text: str) -> str:
    """A QR code (segno) as an SVG data: URI, for a page or a PDF."""
    svg = segno.make(text, error="m").svg_inline(scale=4, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def receipt_pdf(request: Request) -> bytes:
    view = selectors.request_view(request, staff=False)
    context = {
        "request": request,
        "agency": request.agency,
        "service": request.service,
        "schedule": view.schedule,
        "masked_name": selectors.mask_name(request.applicant_name),
        "received": format_be_date(timezone.localtime(request.received_at).date(), "long", digits="thai"),
        "received_time": timezone.localtime(request.received_at).strftime("%H:%M"),
        "due": format_be_date(view.schedule.due_on, "long", digits="thai"),
        "tracking_url": services.site_url(services.tracking_path(request)),
        "receipt_url": services.site_url(services.receipt_path(request)),
        "rating_url": services.site_url(services.rating_path(request)),
        "qr": qr_data_uri(services.site_url(services.tracking_path(request))),
        "documents": list(request.files.all()),
    }
    survey = linked_page(request.agency, "eit_survey")
    context["survey_url"] = services.site_url(survey.url) if survey else ""
    return html_to_pdf(render_to_string("eservice/exports/receipt.html", context))


# --- statistics ---------------------------------------------------------------------------------------

STAT_COLUMNS = (
    Column("received", "รับคำขอ (เรื่อง)", 1, kind="number"),
    Column("completed", "แล้วเสร็จ (เรื่อง)", 1, kind="number"),
    Column("on_time", "ทันตามมาตรฐาน", 1, kind="number"),
    Column("late", "เกินมาตรฐาน", 1, kind="number"),
    Column("average_days", "เฉลี่ย (วันทำการ)", 1, kind="number"),
    Column("p90_days", "เปอร์เซ็นไทล์ที่ ๙๐ (วันทำการ)", 1.1, kind="number"),
    Column("ratings", "ผู้ประเมิน (ราย)", 1, kind="number"),
    Column("rating_mean", "ความพึงพอใจเฉลี่ย (เต็ม ๕)", 1.1, kind="number"),
)


def month_label(month: datetime.date) -> str:
    return f"{thai_month_name(month.month)} {be_year(month)}"


def _figures_row(label_key: str, label: str, figures: Figures | None) -> dict:
    return {label_key: label, **(figures or Figures()).as_dict()}


def statistics_table(agency, year: int, stats: Statistics) -> Table:
    """Every service, month by month, under its department; the agency's total at the end."""
    rows: list = []
    services_by_department: dict = {}
    for service in sorted(stats.services.values(), key=lambda s: (s.department.order, s.order, s.name)):
        services_by_department.setdefault(service.department, []).append(service)
    for department, department_services in services_by_department.items():
        for service in department_services:
            if not stats.by_service.get(service.pk):
                continue
            rows.append(GroupRow(f"{department.name} · {service.name}"))
            for month in stats.months:
                rows.append(
                    _figures_row("month", month_label(month), stats.by_month_service.get((month, service.pk)))
                )
        figures = stats.by_department.get(department.pk)
        if figures:
            rows.append(_figures_row("month", f"รวม{department.name}", figures))
    return Table(
        title=f"สถิติการให้บริการประชาชน ปีงบประมาณ พ.ศ. {to_thai_digits(year)}",
        subtitle=[
            agency.name,
            f"ตั้งแต่ {format_be_date(stats.start, 'long', digits='thai')} "
            f"ถึง {format_be_date(stats.end, 'long', digits='thai')}",
        ],
        columns=(Column("month", "เดือน", 2), *STAT_COLUMNS),
        rows=rows,
        total=_figures_row("month", "รวมทั้งหน่วยงาน", stats.total),
        landscape=True,
        notes=[
            "ทันตามมาตรฐาน: ระยะเวลาตั้งแต่รับคำขอจนแล้วเสร็จ ไม่เกินระยะเวลาที่กำหนดในคู่มือสำหรับประชาชน "
            "(นับเป็นวันทำการ ไม่นับวันที่รอเอกสารเพิ่มเติมจากผู้ยื่นคำขอ)",
            "รับคำขอทุกช่องทาง: ออนไลน์ จุดบริการ Traffy Fondue ระบบ e-Service ของกรุงเทพมหานคร และหนังสือ",
            _as_of(),
        ],
    )


def monthly_table(agency, year: int, stats: Statistics) -> Table:
    return Table(
        title=f"สถิติการให้บริการรายเดือน ปีงบประมาณ พ.ศ. {to_thai_digits(year)}",
        subtitle=[agency.name],
        columns=(Column("month", "เดือน", 2), *STAT_COLUMNS),
        rows=[_figures_row("month", month_label(m), stats.by_month.get(m)) for m in stats.months],
        total=_figures_row("month", "รวม", stats.total),
        landscape=True,
    )


# --- registers (OIT 15 and 16) --------------------------------------------------------------------------


def register_rows(requests, approved: dict[int, datetime.date]) -> list[dict]:
    return [
        {
            "no": to_thai_digits(i),
            "permit_number": r.permit_number or "-",
            "approved_on": approved.get(r.pk),
            "service": r.service.name,
            "summary": r.public_summary or "-",
            "area": r.area_sqm,
            "amount": r.amount,
        }
        for i, r in enumerate(requests, 1)
    ]


def register_table(agency, group: str, title: str, period: str, requests, approved) -> Table:
    rows = register_rows(requests, approved)
    area_label = "พื้นที่ป้าย (ตร.ม.)" if group == "signboard" else "พื้นที่อาคาร (ตร.ม.)"
    amount_label = "ภาษีป้าย (บาท)" if group == "signboard" else "ค่าธรรมเนียม (บาท)"
    areas = [r["area"] for r in rows if r["area"] is not None]
    amounts = [r["amount"] for r in rows if r["amount"] is not None]
    return Table(
        title=title,
        subtitle=[agency.name, period],
        columns=(
            Column("no", "ที่", 0.4, align="center"),
            Column("permit_number", "เลขที่ใบอนุญาต", 1.3),
            Column("approved_on", "วันที่อนุญาต", 1.2, kind="date"),
            Column("service", "ประเภท", 2),
            Column("summary", "รายละเอียด", 3.5),
            Column("area", area_label, 1.1, kind="number"),
            Column("amount", amount_label, 1.3, kind="money"),
        ),
        rows=rows,
        total={
            "summary": f"รวม {to_thai_digits(len(rows))} ราย",
            "area": sum(areas, Decimal(0)) if areas else None,
            "amount": sum(amounts, Decimal(0)) if amounts else None,
        },
        landscape=True,
        notes=["ไม่แสดงชื่อและที่อยู่ของผู้ขออนุญาตที่เป็นบุคคลธรรมดา ตามพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. ๒๕๖๒", _as_of()],
    )
