"""Demo of money for FY2566: the seed's own budget report (handed over by the plan import, or taken here from
the same table when the plan is not loaded) with month-end disbursement snapshots up to its date, sub-lines,
a transfer, community subsidies, the ordinance, and three dozen procurements of every method (some months
have none, a few raise red flags), so the SKR-1 of each month, the flags and the charts have data. Everything
goes through the services. Idempotent: an agency with procurements gets nothing more."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.agencies.models import Membership, Role
from prongsai.documents.pdf import html_to_pdf

from . import services
from .checks import category_of
from .models import Budget, Category, Method, Procurement

SEED_TABLE = {
    "title": "รายงานสรุปการใช้จ่ายงบประมาณสำนักงานเขตปทุมวัน ปีงบประมาณ 2566",
    "fiscal_year": 2566,
    "as_of": "2023-05-10",
    "rows": [
        {"line": 23, "category": "งบบุคลากร", "allocated": "189,051,600.00", "disbursed": "109,935,890.01",
         "remaining": "79,115,709.99", "rate": "28.10"},
        {"line": 24, "category": "งบดำเนินงาน", "allocated": "88,341,370.00", "disbursed": "39,600,825.84",
         "remaining": "48,740,544.16", "rate": "10.12"},
        {"line": 25, "category": "งบลงทุน", "allocated": "45,519,320.00", "disbursed": "1,539,849.00",
         "remaining": "43,979,516.60", "rate": "0.39"},
        {"line": 26, "category": "งบเงินอุดหนุน", "allocated": "9,599,800.00", "disbursed": "3,549,849.00",
         "remaining": "6,049,951.00", "rate": "0.91"},
        {"line": 27, "category": "งบรายจ่ายอื่น", "allocated": "58,723,590.00", "disbursed": "5,742,716.65",
         "remaining": "52,980,873.35", "rate": "1.47"},
    ],
    "total": {"line": 28, "category": "รวม", "allocated": "391,235,680.00", "disbursed": "160,369,084.90",
              "remaining": "230,866,595.10", "rate": "40.99"},
}  # fmt: skip

# Share of the 10 May disbursement reached at each month end (personnel is paid monthly; investment late).
MONTH_ENDS = [datetime.date(2022, 10, 31), datetime.date(2022, 11, 30), datetime.date(2022, 12, 31),
              datetime.date(2023, 1, 31), datetime.date(2023, 2, 28), datetime.date(2023, 3, 31),
              datetime.date(2023, 4, 30)]  # fmt: skip
PACE = {
    Category.PERSONNEL: [0.14, 0.28, 0.43, 0.57, 0.71, 0.86, 0.97],
    Category.OPERATIONS: [0.08, 0.2, 0.33, 0.47, 0.62, 0.78, 0.92],
    Category.INVESTMENT: [0, 0, 0, 0.12, 0.3, 0.55, 0.8],
    Category.SUBSIDIES: [0, 0.1, 0.25, 0.4, 0.55, 0.7, 0.85],
    Category.OTHER: [0.05, 0.15, 0.3, 0.45, 0.6, 0.75, 0.9],
}

SUBSIDIES = [
    ("ชุมชนบ้านครัวเหนือ", "อบรมอาสาสมัครป้องกันอัคคีภัยในชุมชน", "45,000.00", "2023-01-16"),
    ("ชุมชนบ้านครัวใต้", "จัดกิจกรรมวันเด็กแห่งชาติในชุมชน", "25,000.00", "2023-01-09"),
    ("ชุมชนบ้านครัวตะวันตก", "ปรับปรุงลานกีฬาชุมชน", "60,000.00", "2023-02-20"),
    ("ชุมชนบ่อนไก่", "ตรวจสุขภาพผู้สูงอายุและกิจกรรมนันทนาการ", "38,500.00", "2023-03-06"),
    ("ชุมชนแฟลตบ่อนไก่", "รณรงค์คัดแยกขยะต้นทาง", "30,000.00", "2023-03-13"),
    ("ชุมชนซอยพระเจน", "จัดงานประเพณีสงกรานต์ชุมชน", "20,000.00", "2023-04-03"),
    ("ชุมชนวัดดวงแข", "ป้องกันยาเสพติดในเยาวชน", "35,000.00", "2023-04-24"),
]

# (decided, department, title, method, budget, reference, [(bidder, price)], winner index or None, reason)
B = Method
PROCUREMENTS = [
    ("2022-10-12", "administration", "จัดซื้อวัสดุสำนักงาน ไตรมาสที่ ๑", B.SPECIFIC, "48,500.00", "48,500.00",
     [("ร้านรุ่งเรืองพาณิชย์", "47,900.00")], 0, "เสนอราคาไม่เกินวงเงิน คุณสมบัติครบถ้วน"),
    ("2022-10-19", "public-works", "จ้างซ่อมแซมผิวจราจรซอยจุฬาลงกรณ์ ๕", B.SPECIFIC, "385,000.00", "382,000.00",
     [("หจก. ทางดีโยธา", "379,000.00")], 0, "เสนอราคาต่ำสุด"),
    ("2022-10-27", "cleansing", "จัดซื้อถุงดำและอุปกรณ์ทำความสะอาด", B.E_MARKET, "620,000.00", "615,400.00",
     [("บริษัท คลีนพลัส จำกัด", "598,000.00"), ("บริษัท สยามเคมีภัณฑ์ จำกัด", "604,500.00"),
      ("หจก. รุ่งโรจน์ซัพพลาย", "611,000.00")], 0, "เสนอราคาต่ำสุด"),
    ("2022-11-08", "public-works", "จ้างซ่อมแซมผิวจราจรซอยจุฬาลงกรณ์ ๑๒", B.SPECIFIC, "420,000.00", "418,000.00",
     [("หจก. ทางดีโยธา", "415,000.00")], 0, "เสนอราคาต่ำสุด"),
    ("2022-11-15", "education", "จัดซื้ออาหารเสริม (นม) โรงเรียนในสังกัด ภาคเรียนที่ ๒", B.SPECIFIC,
     "486,000.00", "486,000.00", [("สหกรณ์โคนมหนองโพราชบุรี จำกัด", "486,000.00")], 0,
     "ผู้ผลิตตามประกาศคณะกรรมการอาหารนมเพื่อเด็กและเยาวชน"),
    ("2022-11-22", "administration", "จ้างเหมาบริการรักษาความปลอดภัยสำนักงานเขต", B.E_BIDDING, "1,440,000.00",
     "1,428,000.00", [("บริษัท การ์ดไทยซีเคียวริตี้ จำกัด", "1,416,000.00"),
                      ("บริษัท เซฟตี้ฟอร์ซ จำกัด", "1,425,600.00")], 0, "เสนอราคาต่ำสุด คุณสมบัติครบถ้วน"),
    ("2022-12-06", "environment", "จัดซื้อเครื่องพ่นหมอกควันกำจัดยุง", B.SPECIFIC, "96,000.00", "96,000.00",
     [("หจก. เมดิคอลเทรด", "94,500.00")], 0, "เสนอราคาต่ำสุด"),
    ("2022-12-14", "registration", "จ้างพิมพ์แบบพิมพ์งานทะเบียนราษฎร", B.SPECIFIC, "35,000.00", "35,000.00",
     [("โรงพิมพ์อักษรสยาม", "34,200.00")], 0, "เสนอราคาต่ำสุด"),
    ("2022-12-20", "public-works", "จ้างซ่อมแซมผิวจราจรซอยจุฬาลงกรณ์ ๒๐", B.SPECIFIC, "310,000.00", "309,000.00",
     [("หจก. ทางดีโยธา", "308,000.00")], 0, "เสนอราคาต่ำสุด"),
    ("2023-01-10", "city-law", "จัดซื้อวิทยุสื่อสารสำหรับเจ้าหน้าที่เทศกิจ", B.E_MARKET, "540,000.00",
     "538,000.00", [("บริษัท คอมลิงค์ จำกัด", "533,500.00")], 0, "ผู้เสนอราคารายเดียว ราคาไม่เกินราคากลาง"),
    ("2023-01-18", "community", "จ้างจัดอบรมอาสาสมัครชุมชน", B.SPECIFIC, "60,000.00", "60,000.00",
     [("บริษัท เรียนรู้ดี จำกัด", "58,000.00")], 0, "เสนอราคาต่ำสุด"),
    ("2023-01-25", "public-works", "จ้างปรับปรุงทางเท้าถนนบรรทัดทอง", B.E_BIDDING, "4,850,000.00", "4,812,000.00",
     [("หจก. ศรีสยามก่อสร้าง", "4,790,000.00"), ("บริษัท วังใหม่วิศวกรรม จำกัด", "4,805,000.00"),
      ("หจก. ทางดีโยธา", "4,811,000.00")], 0, "เสนอราคาต่ำสุด ผ่านเกณฑ์คุณสมบัติ"),
    ("2023-02-07", "cleansing", "จัดซื้อต้นไม้และวัสดุปรับปรุงสวนหย่อม", B.SPECIFIC, "88,000.00", "88,000.00",
     [("สวนพฤกษาไม้ประดับ", "86,500.00")], 0, "เสนอราคาต่ำสุด"),
    ("2023-02-15", "administration", "จ้างซ่อมบำรุงเครื่องปรับอากาศสำนักงานเขต", B.SPECIFIC, "75,000.00",
     "75,000.00", [("ร้านเย็นสบายแอร์", "74,800.00")], 0, "เสนอราคาไม่เกินวงเงิน"),
    ("2023-02-21", "public-works", "จ้างซ่อมแซมท่อระบายน้ำซอยพระเจน", B.SELECTION, "1,250,000.00", "1,238,000.00",
     [("หจก. ศรีสยามก่อสร้าง", "1,236,500.00"), ("หจก. ทางดีโยธา", "1,237,000.00"),
      ("บริษัท วังใหม่วิศวกรรม จำกัด", "1,238,000.00")], 0,
     "คัดเลือกเนื่องจากประกาศเชิญชวนทั่วไปแล้วไม่มีผู้ยื่นข้อเสนอ"),
    ("2023-03-07", "education", "จัดซื้อครุภัณฑ์คอมพิวเตอร์สำหรับโรงเรียน", B.E_BIDDING, "1,980,000.00",
     "1,960,000.00", [("บริษัท ดิจิทัลสคูล จำกัด", "1,947,000.00")], 0, "ผู้ยื่นข้อเสนอรายเดียว ผ่านเกณฑ์"),
    ("2023-03-14", "environment", "จัดซื้อทรายกำจัดลูกน้ำยุงลาย", B.SPECIFIC, "42,000.00", "42,000.00",
     [("หจก. เมดิคอลเทรด", "41,500.00")], 0, "เสนอราคาต่ำสุด"),
    ("2023-03-28", "finance", "จัดซื้อกระดาษและหมึกพิมพ์", B.SPECIFIC, "29,800.00", "29,800.00",
     [("ร้านรุ่งเรืองพาณิชย์", "29,500.00")], 0, "เสนอราคาต่ำสุด"),
    ("2023-04-04", "public-works", "จ้างซ่อมแซมผิวจราจรซอยจุฬาลงกรณ์ ๔๒", B.SPECIFIC, "295,000.00", "295,000.00",
     [("หจก. ทางดีโยธา", "294,000.00")], 0, "เสนอราคาต่ำสุด"),
    ("2023-04-20", "public-works", "จ้างซ่อมแซมผิวจราจรซอยจุฬาลงกรณ์ ๔๔", B.SPECIFIC, "290,000.00", "290,000.00",
     [("หจก. ทางดีโยธา", "289,500.00")], 0, "เสนอราคาต่ำสุด"),
    ("2023-06-06", "cleansing", "จ้างเหมาตัดแต่งกิ่งไม้ริมถนนพระรามที่ ๔", B.E_MARKET, "760,000.00", "752,000.00",
     [("หจก. กรีนแคร์", "735,000.00"), ("บริษัท สวนสวย จำกัด", "748,000.00")], 0, "เสนอราคาต่ำสุด"),
    ("2023-06-19", "administration", "จ้างเหมาทำความสะอาดอาคารสำนักงานเขต", B.E_BIDDING, "960,000.00",
     "958,000.00", [("บริษัท สะอาดดี เซอร์วิส จำกัด", "950,400.00"), ("บริษัท คลีนแคร์ จำกัด", "955,000.00")], 0,
     "เสนอราคาต่ำสุด"),
    ("2023-07-11", "registration", "จัดซื้อเครื่องอ่านบัตรประจำตัวประชาชน", B.SPECIFIC, "64,000.00", "64,000.00",
     [("บริษัท สมาร์ทการ์ด จำกัด", "63,200.00")], 0, "เสนอราคาต่ำสุด"),
    ("2023-07-25", "community", "จัดซื้อวัสดุสำหรับศูนย์พัฒนาเด็กเล็ก", B.SPECIFIC, "52,000.00", "52,000.00",
     [("ร้านเด็กดีพาณิชย์", "51,000.00")], 0, "เสนอราคาต่ำสุด"),
    ("2023-08-08", "public-works", "จ้างก่อสร้างรางระบายน้ำถนนอังรีดูนังต์", B.E_BIDDING, "3,600,000.00",
     "3,570,000.00", [("บริษัท วังใหม่วิศวกรรม จำกัด", "3,410,000.00"), ("หจก. ศรีสยามก่อสร้าง", "3,455,000.00"),
                      ("หจก. ทางดีโยธา", "3,520,000.00")], 0, "เสนอราคาต่ำสุด"),
    ("2023-08-22", "city-law", "จ้างทำป้ายประชาสัมพันธ์ห้ามจำหน่ายสินค้าบนทางเท้า", B.SPECIFIC, "24,000.00",
     "24,000.00", [("ร้านป้ายงาม", "23,500.00")], 0, "เสนอราคาต่ำสุด"),
    ("2023-09-05", "environment", "จัดซื้อชุดตรวจวัดคุณภาพอากาศ", B.SELECTION, "720,000.00", "715,000.00",
     [("บริษัท เอนไวโรเทค จำกัด", "689,000.00"), ("บริษัท แอร์แล็บ จำกัด", "702,000.00")], 0,
     "เสนอราคาต่ำสุด มีผู้ยื่นข้อเสนอตามที่เชิญ"),
    ("2023-09-13", "administration", "จัดซื้อวัสดุสำนักงาน ไตรมาสที่ ๔", B.SPECIFIC, "46,000.00", "46,000.00",
     [("ร้านรุ่งเรืองพาณิชย์", "45,700.00")], 0, "เสนอราคาต่ำสุด"),
    ("2023-09-20", "education", "จ้างซ่อมแซมอาคารเรียนโรงเรียนวัดดวงแข", B.E_BIDDING, "2,400,000.00",
     "2,380,000.00", [], None, ""),
]  # fmt: skip


def _person(agency, role):
    membership = (
        Membership.objects.filter(agency=agency, role=role, is_active=True).select_related("user").first()
    )
    return membership.user if membership else get_user_model().objects.filter(is_superuser=True).first()


def _money(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _budget(agency, actor) -> Budget:
    budget = Budget.objects.filter(agency=agency, fiscal_year=2566).first()
    if budget is None or not budget.lines.exists():
        budget = services.budget_import_printed(
            actor=actor, agency=agency, fiscal_year=2566, table=SEED_TABLE, source=Budget.Source.PLAN
        ).budget
    lines = {line.category: line for line in budget.lines.filter(parent=None)}
    final = {category_of(row["category"]): _money(row["disbursed"]) for row in SEED_TABLE["rows"]}
    for index, day in enumerate(MONTH_ENDS):
        if budget.snapshots.filter(as_of=day).exists():
            continue
        amounts = {
            lines[c].pk: (final[c] * Decimal(str(PACE[c][index]))).quantize(Decimal("0.01")) for c in lines
        }
        services.snapshot_record(actor=actor, budget=budget, as_of=day, amounts=amounts, note="รายงานสิ้นเดือน")
    if not budget.planned.exists():
        # The spending plan: the year's allocation by the pace the finance department expects.
        plan_pace = [0.06, 0.07, 0.08, 0.08, 0.08, 0.09, 0.09, 0.09, 0.09, 0.09, 0.09, 0.09]
        allocated = {category_of(row["category"]): _money(row["allocated"]) for row in SEED_TABLE["rows"]}
        from prongsai.thai.fiscal import fiscal_year_months

        for category, total in allocated.items():
            amounts = {
                month: (total * Decimal(str(share))).quantize(Decimal("0.01"))
                for month, share in zip(fiscal_year_months(2566), plan_pace, strict=True)
            }
            services.spending_plan_set(actor=actor, budget=budget, category=category, amounts=amounts)
    for community, purpose, amount, paid in SUBSIDIES:
        services.subsidy_create(
            actor=actor, budget=budget, community=community, purpose=purpose, amount=_money(amount),
            paid_on=datetime.date.fromisoformat(paid),
        )  # fmt: skip
    if not budget.ordinance:
        pdf = html_to_pdf(
            "<h1 style='text-align:center'>ข้อบัญญัติกรุงเทพมหานคร</h1>"
            "<h2 style='text-align:center'>เรื่อง งบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. ๒๕๖๖</h2>"
            "<p>ส่วนของสำนักงานเขตปทุมวัน งบประมาณรายจ่ายทั้งสิ้น ๓๙๑,๒๓๕,๖๘๐ บาท จำแนกตามงบรายจ่าย "
            "งบบุคลากร งบดำเนินงาน งบลงทุน งบเงินอุดหนุน และงบรายจ่ายอื่น</p>"
        )
        services.ordinance_upload(
            actor=actor, budget=budget, upload=SimpleUploadedFile("ordinance.pdf", pdf, "application/pdf")
        )
    if not budget.is_published:
        services.budget_publish(actor=actor, budget=budget)
    return budget


def load_demo(agency, *, stdout) -> None:
    if Procurement.objects.for_agency(agency).exists():
        stdout.write("finance: demo procurements already present, nothing added")
        return
    actor = _person(agency, Role.COORDINATOR)
    budget = _budget(agency, actor)
    departments = {d.code: d for d in agency.departments.all()}
    count = 0
    for number, (day, code, title, method, amount, reference, bids, winner, reason) in enumerate(
        PROCUREMENTS, 1
    ):
        decided = datetime.date.fromisoformat(day)
        chosen = bids[winner] if winner is not None else None
        values = {
            "department": departments.get(code),
            "title": title,
            "budget_amount": _money(amount),
            "reference_price": _money(reference),
            "method": method,
            "winner": chosen[0] if chosen else "",
            "agreed_price": _money(chosen[1]) if chosen else None,
            "reason": reason,
            "contract_number": f"ปท.{number}/2566" if chosen else "",
            "contract_date": decided + datetime.timedelta(days=5) if chosen else None,
            # e-GP project numbers: 11 digits, the BE year and the month first.
            "egp_number": f"{(decided.year + 543) % 100:02d}{decided.month:02d}{5010000 + number:07d}"
            if method != Method.SPECIFIC
            else "",
            "decided_on": decided,
            "status": Procurement.Status.CONTRACTED if chosen else Procurement.Status.ANNOUNCED,
        }
        services.procurement_save(
            actor=actor, agency=agency, values=values, bids=[(b, _money(p)) for b, p in bids]
        )
        count += 1
    stdout.write(
        f"finance: budget {budget.fiscal_year} ({budget.lines.count()} lines, {budget.snapshots.count()} snapshots), "
        f"{count} procurements"
    )
