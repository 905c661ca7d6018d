"""Demo content of the public site, written as a district office would write it.

The people are invented (common Thai names, no real office holder's); the site says once, in a banner, that
it is a demonstration (``PRONGSAI_DEMO_BANNER``, on for ``make run``), instead of marking every line.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from prongsai.disclosure.providers import references

from . import services
from .models import Executive, Law, NewsPost, School

# Invented people for the demo's executives: plausible names, none of a real office holder.
DIRECTOR = "นายประเสริฐ วงศ์สุวรรณ"
DEPUTIES = ["นางสาวกนกวรรณ ศรีประเสริฐ", "นายธนพล แก้วมณี"]
HEAD_NAMES = {
    "administration": "นางวิไลวรรณ ทองดี",
    "registration": "นายสุรชัย มั่นคง",
    "finance": "นางสาวพรทิพย์ จันทร์เพ็ญ",
    "public-works": "นายอนุชา รัตนพงษ์",
    "education": "นางจินตนา บุญมา",
}

HEADS = ["administration", "registration", "finance", "public-works", "education"]
STAFFING = {
    "administration": (32, 29),
    "registration": (24, 22),
    "finance": (14, 13),
    "public-works": (38, 33),
    "environment": (30, 28),
    "revenue": (20, 18),
    "city-law": (60, 55),
    "education": (8, 7),
    "community": (12, 11),
    "cleansing": (210, 196),
}
SUBDISTRICTS = [("รองเมือง", 1), ("วังใหม่", 2), ("ปทุมวัน", 3), ("ลุมพินี", 4)]
LAWS = [
    (
        "administration",
        "กฎหมายส่วนการปกครอง",
        "พระราชบัญญัติระเบียบบริหารราชการกรุงเทพมหานคร พ.ศ. ๒๕๒๘",
        date(1985, 8, 20),
    ),
    ("administration", "กฎหมายส่วนการปกครอง", "พระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. ๒๕๔๐", date(1997, 9, 10)),
    ("registration", "กฎหมายส่วนบริหารการทะเบียน", "พระราชบัญญัติการทะเบียนราษฎร พ.ศ. ๒๕๓๔", date(1991, 12, 24)),
    ("registration", "กฎหมายส่วนบริหารการทะเบียน", "พระราชบัญญัติบัตรประจำตัวประชาชน พ.ศ. ๒๕๒๖", date(1983, 3, 29)),
    ("public-works", "กฎหมายการโยธา", "พระราชบัญญัติควบคุมอาคาร พ.ศ. ๒๕๒๒", date(1979, 3, 14)),
    ("environment", "กฎหมายสิ่งแวดล้อม", "พระราชบัญญัติการสาธารณสุข พ.ศ. ๒๕๓๕", date(1992, 4, 5)),
    ("revenue", "กฎหมายงบประมาณ", "พระราชบัญญัติภาษีที่ดินและสิ่งปลูกสร้าง พ.ศ. ๒๕๖๒", date(2019, 3, 12)),
    ("revenue", "กฎหมายงบประมาณ", "พระราชบัญญัติภาษีป้าย พ.ศ. ๒๕๑๐", date(1967, 12, 28)),
    (
        "cleansing",
        "กฎหมายฝ่ายรักษาความสะอาดและสวนสาธารณะ",
        "พระราชบัญญัติรักษาความสะอาดและความเป็นระเบียบเรียบร้อยของบ้านเมือง พ.ศ. ๒๕๓๕",
        date(1992, 3, 29),
    ),
    ("education", "กฎหมายการศึกษา", "พระราชบัญญัติการศึกษาแห่งชาติ พ.ศ. ๒๕๔๒", date(1999, 8, 19)),
]
SCHOOLS = [
    ("โรงเรียนวัดปทุมวนาราม", 24, 410, "1250000.00"),
    ("โรงเรียนวัดชัยมงคล", 18, 302, "980000.00"),
    ("โรงเรียนวัดดวงแข", 15, 240, "760000.00"),
]
NEWS = [
    (
        "เขตปทุมวันจัดประชุมชี้แจงมาตรการป้องกันการรับสินบน",
        "ผู้บริหารเขตชี้แจงนโยบายไม่รับของขวัญ (No Gift Policy) แก่เจ้าหน้าที่ทุกฝ่าย",
        "ผู้อำนวยการเขตปทุมวันเป็นประธานการประชุมชี้แจงมาตรการป้องกันการรับสินบนและนโยบายไม่รับของขวัญ"
        "และของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ (No Gift Policy) แก่หัวหน้าฝ่ายและเจ้าหน้าที่ทุกฝ่าย "
        "ณ ห้องประชุมสำนักงานเขตปทุมวัน ชั้น ๓ โดยเน้นย้ำให้เจ้าหน้าที่ปฏิเสธการรับทรัพย์สินหรือประโยชน์อื่นใด"
        "จากผู้มาติดต่อราชการ และแจ้งช่องทางการร้องเรียนการทุจริตของสำนักงานเขตให้ประชาชนทราบ",
        30,
    ),
    (
        "ประชาสัมพันธ์ช่องทางบริการ e-Service และระบบติดตามสถานะ",
        "ประชาชนยื่นคำขอและติดตามสถานะได้ทุกที่ทุกเวลา",
        "สำนักงานเขตปทุมวันเปิดให้ยื่นคำขอรับบริการทางออนไลน์ ได้แก่ การแจ้งย้ายที่อยู่ การขออนุญาตก่อสร้างอาคาร "
        "และการขออนุญาตติดตั้งป้าย ผู้ยื่นคำขอจะได้รับรหัสติดตามสถานะทันที และตรวจสอบความคืบหน้าได้ด้วยตนเอง"
        "ผ่านเว็บไซต์ของสำนักงานเขต หรือสแกนคิวอาร์โค้ดบนใบรับคำขอ",
        20,
    ),
    (
        "เขตปทุมวันอบรมเจ้าหน้าที่ “เจ้าหน้าที่ยุคใหม่ ใส่ใจประชาชน”",
        "การอบรมเพื่อเพิ่มประสิทธิภาพการให้บริการ",
        "ฝ่ายปกครองจัดอบรมหลักสูตร “เจ้าหน้าที่ยุคใหม่ ใส่ใจประชาชน” ให้แก่เจ้าหน้าที่จุดบริการศูนย์ราชการฉับไว "
        "จำนวน ๔๕ คน เพื่อเพิ่มประสิทธิภาพการให้บริการและลดระยะเวลารอคอย ตามมาตรการส่งเสริมคุณธรรม"
        "และความโปร่งใสของสำนักงานเขตปทุมวัน ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
        10,
    ),
]


@transaction.atomic
def load_demo(agency, *, stdout) -> None:
    if Executive.objects.for_agency(agency).exists():
        stdout.write("kept the public-site content (executives, laws, schools, news)")
        return
    departments = {d.code: d for d in agency.departments.all()}
    services.executive_save(
        actor=None,
        agency=agency,
        kind=Executive.Kind.DIRECTOR,
        name=DIRECTOR,
        position="ผู้อำนวยการเขตปทุมวัน",
        phone="02 214 1000",
        email="pathumwan@bangkok.go.th",
        order=1,
    )
    for order in (1, 2):
        services.executive_save(
            actor=None,
            agency=agency,
            kind=Executive.Kind.DEPUTY,
            name=DEPUTIES[order - 1],
            position="ผู้ช่วยผู้อำนวยการเขตปทุมวัน",
            order=order,
        )
    for code in HEADS:
        if code in departments:
            d = departments[code]
            services.executive_save(
                actor=None,
                agency=agency,
                kind=Executive.Kind.HEAD,
                department=d,
                name=HEAD_NAMES[code],
                position=f"หัวหน้า{d.name}",
            )
    services.executive_save(
        actor=None,
        agency=agency,
        kind=Executive.Kind.BMA,
        name="ผู้ว่าราชการกรุงเทพมหานคร",
        position="ผู้ว่าราชการกรุงเทพมหานคร",
    )
    services.executive_save(
        actor=None,
        agency=agency,
        kind=Executive.Kind.COUNCIL,
        name="สมาชิกสภากรุงเทพมหานคร เขตปทุมวัน",
        position="สมาชิกสภากรุงเทพมหานคร เขตปทุมวัน",
    )
    for code, (positions, filled) in STAFFING.items():
        if code in departments:
            services.staffing_set(
                actor=None,
                agency=agency,
                department=departments[code],
                positions=positions,
                filled=filled,
                as_of=date(2023, 3, 31),
            )
    services.profile_update(
        actor=None,
        agency=agency,
        powers=(
            "สำนักงานเขตมีอำนาจหน้าที่ตามพระราชบัญญัติระเบียบบริหารราชการกรุงเทพมหานคร พ.ศ. ๒๕๒๘ "
            "และตามที่ผู้ว่าราชการกรุงเทพมหานครมอบหมาย ได้แก่ การทะเบียน การจัดเก็บรายได้ การควบคุมอาคาร "
            "การรักษาความสะอาด การศึกษา การพัฒนาชุมชน และการรักษาความเป็นระเบียบเรียบร้อย"
        ),
        area_km2=Decimal("8.37"),
        population=42000,
        households=23000,
        facts_as_of=date(2022, 12, 31),
        area_plan_title="แผนพัฒนาเชิงพื้นที่สำนักงานเขตปทุมวัน",
        address="สำนักงานเขตปทุมวัน\n100 ถนนพระรามที่ 1 แขวงรองเมือง เขตปทุมวัน กรุงเทพมหานคร 10330",
        map_url="https://www.openstreetmap.org/search?query=Pathum%20Wan%20District%20Office",
        phone="02 214 1000",
        email="pathumwan@bangkok.go.th",
        website="https://webportal.bangkok.go.th/pathumwan",
        opening_hours="วันจันทร์–วันศุกร์ 08.30–16.30 น. (เว้นวันหยุดราชการ)",
        line_id="@pathumwan",
    )
    for name, order in SUBDISTRICTS:
        services.subdistrict_save(actor=None, agency=agency, name=name, order=order)
    for title, url, order in [
        ("นโยบายผู้ว่าราชการกรุงเทพมหานคร", "https://www.bangkok.go.th/", 1),
        ("แผนพัฒนากรุงเทพมหานครระยะ ๒๐ ปี (พ.ศ. ๒๕๖๑–๒๕๘๐)", "https://www.bangkok.go.th/", 2),
    ]:
        services.policy_link_save(actor=None, agency=agency, title=title, url=url, order=order)
    for order, (code, category, title, issued) in enumerate(LAWS, start=1):
        services.law_save(
            actor=None,
            agency=agency,
            department=departments.get(code),
            category=category,
            title=title,
            issued_on=issued,
            url="https://www.krisdika.go.th/",
            order=order,
        )
    for order, (name, teachers, students, subsidy) in enumerate(SCHOOLS, start=1):
        school = services.school_save(actor=None, agency=agency, name=name, order=order)
        for year, factor in ((2565, Decimal("0.95")), (2566, Decimal("1"))):
            services.school_year_set(
                actor=None,
                agency=agency,
                school=school,
                year=year,
                teachers=teachers,
                students=int(students * factor),
                subsidy=(Decimal(subsidy) * factor).quantize(Decimal("0.01")),
            )
    activity = next(
        (
            ref.key
            for ref in references(agency, "plans.activity")
            if ref.label.startswith("2566") and "No Gift" in ref.label
        ),
        "",
    )
    now = timezone.now()
    for index, (title, summary, body, days_ago) in enumerate(NEWS):
        services.news_save(
            actor=None,
            agency=agency,
            title=title,
            summary=summary,
            body=body,
            status=NewsPost.Status.PUBLISHED,
            publish_at=now - timedelta(days=days_ago),
            activity_ref=activity if index == 0 else "",
        )
    stdout.write(
        f"public-site content: {Executive.objects.for_agency(agency).count()} executives, "
        f"{Law.objects.for_agency(agency).count()} laws, {School.objects.for_agency(agency).count()} schools, "
        f"{NewsPost.objects.for_agency(agency).count()} news"
    )
