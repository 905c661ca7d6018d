"""The finance module's tables, described once (``documents.tables.Table``) and rendered as PDF, XLSX, CSV
and JSON: the spending report, the monthly SKR-1 summary and the year's procurement report."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from prongsai.documents.data import table_csv, table_json
from prongsai.documents.pdf import table_pdf
from prongsai.documents.tables import Column, HeaderGroup, Table
from prongsai.documents.xlsx import table_xlsx
from prongsai.thai.dates import format_be_date, thai_month_name
from prongsai.thai.digits import to_thai_digits
from prongsai.thai.money import format_baht

from .models import Method, Procurement
from .selectors import SpendingReport

FORMATS = ("pdf", "xlsx", "csv", "json")
SKR1_FORMATS = ("pdf", "xlsx")
NO_PROCUREMENT = "ไม่มีการจัดซื้อจัดจ้าง"


def render(table: Table, fmt: str) -> bytes:
    return {"pdf": table_pdf, "xlsx": table_xlsx, "csv": table_csv, "json": table_json}[fmt](table)


def spending_table(report: SpendingReport, agency_name: str) -> Table:
    budget = report.budget
    rows = [
        {
            "category": ("  " * row.depth) + row.label,
            "allocated": row.allocated,
            "disbursed": row.disbursed,
            "remaining": row.remaining,
            "rate": report.rate_of(row),
            "share": report.share(row),
        }
        for row in report.rows
    ]
    notes = [_("หน่วย: บาท · งบประมาณคงเหลือ ร้อยละ และยอดรวม คำนวณจากรายการที่บันทึกไว้")]
    if report.as_of:
        notes.insert(0, _("ข้อมูล ณ วันที่ %(date)s") % {"date": format_be_date(report.as_of, "long", "thai")})
    for difference in report.differences:
        notes.append(_("ต่างจากเอกสารที่พิมพ์: %(m)s") % {"m": difference["message"]})
    return Table(
        title=_("รายงานสรุปการใช้จ่ายงบประมาณ%(agency)s") % {"agency": agency_name},
        subtitle=[_("ปีงบประมาณ พ.ศ. %(year)s") % {"year": to_thai_digits(budget.fiscal_year)}],
        columns=[
            Column("category", _("หมวดรายจ่าย"), 2.2),
            Column("allocated", _("งบประมาณหลังปรับโอน"), 1.6, kind="money"),
            Column("disbursed", _("เบิกจ่ายทั้งสิ้น"), 1.6, kind="money"),
            Column("remaining", _("งบประมาณคงเหลือ"), 1.6, kind="money"),
            Column("rate", _("ร้อยละการเบิกจ่ายของหมวด"), 1.1, kind="percent"),
            Column("share", _("ร้อยละของงบประมาณทั้งหมด"), 1.1, kind="percent"),
        ],
        rows=rows,
        total={
            "category": _("รวม"),
            "allocated": report.allocated,
            "disbursed": report.disbursed,
            "remaining": report.remaining,
            "rate": report.rate,
            "share": report.rate,
        },
        notes=notes,
        landscape=True,
    )


# --- SKR-1 (สขร.๑) -------------------------------------------------------------------------------------

SKR1_COLUMNS = (
    ("number", "ลำดับที่"),
    ("title", "งานที่จัดซื้อหรือจัดจ้าง"),
    ("budget", "วงเงินที่จะซื้อหรือจ้าง"),
    ("reference", "ราคากลาง"),
    ("method", "วิธีซื้อหรือจ้าง"),
    ("bidders", "รายชื่อผู้เสนอราคาและราคาที่เสนอ"),
    ("winner", "ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง"),
    ("reason", "เหตุผลที่คัดเลือกโดยสรุป"),
    ("contract_number", "เลขที่"),
    ("contract_date", "วันที่"),
)
SKR1_CONTRACT_HEADER = "เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง"


def _priced(name: str, price) -> str:
    return f"{name} ราคา {format_baht(price, 'thai')} บาท" if price is not None else name


def skr1_rows(procurements: list[Procurement]) -> list[dict]:
    rows = []
    for number, p in enumerate(procurements, start=1):
        rows.append(
            {
                "number": number,
                "title": p.title,
                "budget": p.budget_amount,
                "reference": p.reference_price,
                "method": str(Method(p.method).label),
                "bidders": "\n".join(_priced(b.bidder, b.price) for b in p.bids.all()),
                "winner": _priced(p.winner, p.agreed_price) if p.winner else "",
                "reason": p.reason,
                "contract_number": p.contract_number,
                "contract_date": p.contract_date,
            }
        )
    return rows


def skr1_table(agency_name: str, month: datetime.date, procurements: list[Procurement]) -> Table:
    """The monthly summary in its standard layout: the form code top right, the columns in the order of the
    form, the contract's number and date under one header; a month without procurement says so."""
    kinds = {"budget": "money", "reference": "money", "number": "number", "contract_date": "date"}
    widths = {
        "number": 0.55,
        "title": 2.2,
        "budget": 1.2,
        "reference": 1.2,
        "method": 1.1,
        "bidders": 2.0,
        "winner": 2.0,
        "reason": 1.5,
        "contract_number": 1.0,
        "contract_date": 0.9,
    }
    return Table(
        title=f"สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน {thai_month_name(month.month)} "
        f"{to_thai_digits(month.year + 543)}",
        subtitle=[agency_name],
        columns=[
            Column(
                key,
                label,
                widths[key],
                kind=kinds.get(key, "text"),
                align="center" if key == "number" else None,
            )
            for key, label in SKR1_COLUMNS
        ],
        header_groups=[HeaderGroup(SKR1_CONTRACT_HEADER, ("contract_number", "contract_date"))],
        rows=skr1_rows(procurements),
        landscape=True,
        form_code="สขร.๑",
        empty_text=NO_PROCUREMENT,
    )


def procurement_year_table(agency_name: str, year: int, procurements: list[Procurement]) -> Table:
    """The year's procurement report (every procurement of the fiscal year, with its e-GP number)."""
    rows = [
        {
            "number": n,
            "month": p.decided_on,
            "title": p.title,
            "method": str(Method(p.method).label),
            "budget": p.budget_amount,
            "reference": p.reference_price,
            "winner": p.winner,
            "agreed": p.agreed_price,
            "egp": p.egp_number,
            "status": str(Procurement.Status(p.status).label),
        }
        for n, p in enumerate(procurements, start=1)
    ]
    total = {
        "title": _("รวม"),
        "budget": sum((p.budget_amount for p in procurements), Decimal("0.00")),
        "agreed": sum((p.agreed_price for p in procurements if p.agreed_price is not None), Decimal("0.00")),
    }
    return Table(
        title=_("รายงานผลการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. %(year)s") % {"year": to_thai_digits(year)},
        subtitle=[agency_name],
        columns=[
            Column("number", _("ลำดับที่"), 0.5, kind="number", align="center"),
            Column("month", _("วันที่ได้ผล"), 0.9, kind="date"),
            Column("title", _("งานที่จัดซื้อหรือจัดจ้าง"), 2.4),
            Column("method", _("วิธีซื้อหรือจ้าง"), 1.1),
            Column("budget", _("วงเงิน"), 1.1, kind="money"),
            Column("reference", _("ราคากลาง"), 1.1, kind="money"),
            Column("winner", _("ผู้ได้รับการคัดเลือก"), 1.6),
            Column("agreed", _("ราคาที่ตกลง"), 1.1, kind="money"),
            Column("egp", _("เลขที่โครงการ e-GP"), 1.0),
            Column("status", _("สถานะ"), 1.0),
        ],
        rows=rows,
        total=total if procurements else None,
        landscape=True,
        empty_text=NO_PROCUREMENT,
    )
