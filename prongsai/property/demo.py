"""Demo of public property for สำนักงานเขตปทุมวัน: a register of about three hundred assets across the ten
departments, a year of loans (returned, out, overdue, booked ahead, waiting for approval, from staff and from
communities), donations of FY2566 and of this year, and a store of seized goods of ฝ่ายเทศกิจ with their
two-signature custody events (returned to owners, destroyed, sold, a few held too long, two waiting for a
second signature). Idempotent: an agency that has assets is left alone."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from prongsai.thai.fiscal import fiscal_year_bounds

from . import services
from .models import Asset, AssetStatus, Category, Condition, CustodyKind, Donation, Source, StockResult
from .texts import DEFAULT_BORROWING_RULES, DEFAULT_MEASURES

# (category, federal stock number, name, price from, price to, how many, lendable to the public)
CATALOGUE = [
    (
        Category.COMPUTER,
        "7440-001",
        "เครื่องคอมพิวเตอร์ สำหรับงานประมวลผล แบบที่ ๑ (จอแสดงภาพขนาดไม่น้อยกว่า ๑๙ นิ้ว)",
        22000,
        30000,
        40,
        False,
    ),
    (Category.COMPUTER, "7440-002", "เครื่องคอมพิวเตอร์โน้ตบุ๊ก สำหรับงานประมวลผล", 22000, 24000, 14, False),
    (Category.COMPUTER, "7440-003", "เครื่องพิมพ์ชนิดเลเซอร์/ชนิด LED ขาวดำ (๒๘ หน้า/นาที)", 2600, 3300, 24, False),
    (Category.COMPUTER, "7440-004", "เครื่องสำรองไฟฟ้า ขนาด ๘๐๐ VA", 2500, 2500, 24, False),
    (Category.COMPUTER, "7440-005", "สแกนเนอร์ สำหรับงานเก็บเอกสารระดับศูนย์บริการ", 18000, 21000, 4, False),
    (Category.OFFICE, "7110-001", "โต๊ะทำงานเหล็ก ขนาด ๕ ฟุต", 5500, 6500, 30, False),
    (Category.OFFICE, "7110-002", "เก้าอี้สำนักงาน มีพนักพิง ปรับระดับได้", 2500, 3500, 36, False),
    (Category.OFFICE, "7110-003", "ตู้เหล็กเก็บเอกสาร แบบ ๒ บานเปิด", 5500, 5900, 20, False),
    (
        Category.OFFICE,
        "7490-001",
        "เครื่องถ่ายเอกสาร ระบบดิจิตอล (ขาว-ดำ) ความเร็ว ๓๐ แผ่นต่อนาที",
        110000,
        145000,
        4,
        False,
    ),
    (
        Category.ELECTRICAL,
        "4120-001",
        "เครื่องปรับอากาศ แบบแยกส่วน ชนิดติดผนัง ขนาด ๒๔,๐๐๐ บีทียู",
        30000,
        35000,
        18,
        False,
    ),
    (Category.ELECTRICAL, "5830-001", "เครื่องขยายเสียงพร้อมลำโพง ชุดเคลื่อนที่", 12000, 15000, 4, True),
    (Category.ELECTRICAL, "6115-001", "เครื่องกำเนิดไฟฟ้า ขนาด ๕ กิโลวัตต์", 48000, 55000, 2, False),
    (Category.ADVERTISING, "6720-001", "กล้องถ่ายภาพระบบดิจิทัล", 25000, 32000, 4, False),
    (
        Category.ADVERTISING,
        "5820-001",
        "เครื่องฉายภาพ (โปรเจคเตอร์) ระดับ XGA ขนาด ๓,๕๐๐ ANSI Lumens",
        24000,
        28000,
        4,
        False,
    ),
    (Category.ADVERTISING, "5820-002", "โทรทัศน์ แอล อี ดี (LED TV) ขนาด ๕๕ นิ้ว", 17000, 21000, 6, False),
    (
        Category.VEHICLE,
        "2310-001",
        "รถบรรทุก (ดีเซล) ขนาด ๑ ตัน ปริมาตรกระบอกสูบไม่ต่ำกว่า ๒,๔๐๐ ซีซี แบบดับเบิ้ลแค็บ",
        850000,
        880000,
        3,
        False,
    ),
    (Category.VEHICLE, "2340-001", "รถจักรยานยนต์ ขนาด ๑๑๐ ซีซี แบบเกียร์ธรรมดา", 40000, 45000, 8, False),
    (Category.HOUSEHOLD, "8340-001", "เต็นท์ผ้าใบ โครงเหล็ก ขนาด ๔ x ๘ เมตร", 14000, 16500, 12, True),
    (Category.HOUSEHOLD, "7105-001", "โต๊ะพับอเนกประสงค์ หน้าโฟเมก้า ขนาด ๖๐ x ๑๘๐ ซม.", 1800, 2100, 10, True),
    (Category.HOUSEHOLD, "7105-002", "เก้าอี้พลาสติกมีพนักพิง (ชุดละ ๕๐ ตัว)", 9500, 11000, 6, True),
    (Category.HOUSEHOLD, "4110-001", "ตู้เย็น ขนาด ๗ คิวบิกฟุต", 7000, 8000, 4, False),
    (Category.CONSTRUCTION, "3750-001", "เครื่องตัดหญ้า แบบข้อแข็ง", 9500, 9500, 6, False),
    (Category.CONSTRUCTION, "4320-001", "เครื่องสูบน้ำ แบบหอยโข่ง ขนาด ๓ แรงม้า", 22000, 26000, 3, False),
    (Category.SPORTS, "7810-001", "ชุดอุปกรณ์ออกกำลังกายกลางแจ้ง (ลานกีฬาชุมชน)", 68000, 75000, 2, False),
]
ROOMS = {
    "administration": "อาคารสำนักงานเขตปทุมวัน ชั้น ๒ ห้องฝ่ายปกครอง",
    "registration": "อาคารสำนักงานเขตปทุมวัน ชั้น ๑ ห้องฝ่ายทะเบียน",
    "finance": "อาคารสำนักงานเขตปทุมวัน ชั้น ๒ ห้องฝ่ายการคลัง",
    "public-works": "อาคารสำนักงานเขตปทุมวัน ชั้น ๓ ห้องฝ่ายโยธา",
    "environment": "อาคารสำนักงานเขตปทุมวัน ชั้น ๓ ห้องฝ่ายสิ่งแวดล้อมและสุขาภิบาล",
    "revenue": "อาคารสำนักงานเขตปทุมวัน ชั้น ๑ ห้องฝ่ายรายได้",
    "city-law": "อาคารสำนักงานเขตปทุมวัน ชั้น ๑ ห้องฝ่ายเทศกิจ",
    "education": "อาคารสำนักงานเขตปทุมวัน ชั้น ๔ ห้องฝ่ายการศึกษา",
    "community": "อาคารสำนักงานเขตปทุมวัน ชั้น ๔ ห้องฝ่ายพัฒนาชุมชนและสวัสดิการสังคม",
    "cleansing": "ศูนย์รักษาความสะอาด ถนนบรรทัดทอง",
}
STORE = "โรงเก็บพัสดุและของกลาง สำนักงานเขตปทุมวัน"
CUSTODIANS = [
    "นางสาวกาญจนา ศรีสุข",
    "นายประเสริฐ วงศ์ทอง",
    "นางวิไลวรรณ แก้วมณี",
    "นายสมชาย พึ่งบุญ",
    "นางสาวปวีณา รัตนพันธ์",
]
COMMUNITIES = ["ชุมชนบ่อนไก่", "ชุมชนซอยพระเจน", "ชุมชนโปโล", "ชุมชนวัดดวงแข", "ชุมชนพัฒนาบ่อนไก่"]
PEOPLE = [
    "นายวิชัย ใจดี",
    "นางสมศรี มีสุข",
    "นายอนุชา แสงทอง",
    "นางสาวจิราพร ทองดี",
    "นายธีรพงษ์ บุญมา",
    "นางบุญเรือน ศรีประเสริฐ",
]
STREETS = [
    "ถนนพระรามที่ ๑",
    "ถนนราชดำริ",
    "ถนนพญาไท",
    "ถนนเพลินจิต",
    "ถนนบรรทัดทอง",
    "ถนนอังรีดูนังต์",
    "ถนนสีลม (ฝั่งแขวงลุมพินี)",
]
SEIZED_KINDS = [
    ("รถเข็นจำหน่ายอาหาร โครงสแตนเลส", "คัน"),
    ("ร่มสนาม ขนาด ๒ เมตร", "คัน"),
    ("โต๊ะพับและเก้าอี้พลาสติก", "ชุด"),
    ("แผงเหล็กวางสินค้า", "แผง"),
    ("ป้ายโฆษณาไวนิลติดตั้งบนทางเท้า", "ป้าย"),
    ("ตะกร้าและราวแขวนเสื้อผ้า", "ชุด"),
    ("ถังน้ำแข็งและลังพลาสติก", "ใบ"),
]
DONATIONS = [
    (
        "organisation",
        "บริษัท ปทุมพัฒนาเรียลเอสเตท จำกัด",
        "ถุงยังชีพ (ข้าวสาร อาหารแห้ง)",
        300,
        "ถุง",
        "450.00",
        "ช่วยเหลือผู้ประสบอัคคีภัยชุมชนบ่อนไก่",
        "distributed",
        "แจกจ่ายแก่ผู้ประสบภัย ๑๑๒ ครัวเรือน",
    ),
    (
        "organisation",
        "มูลนิธิเพื่อนชุมชนปทุมวัน",
        "เครื่องวัดความดันโลหิตแบบดิจิทัล",
        10,
        "เครื่อง",
        "1850.00",
        "ใช้ในงานคัดกรองสุขภาพผู้สูงอายุในชุมชน",
        "used",
        "ใช้ในศูนย์บริการสาธารณสุข",
    ),
    (
        "person",
        "นายสุรชัย เรืองศรี",
        "เต็นท์ผ้าใบ ขนาด ๔ x ๘ เมตร",
        2,
        "หลัง",
        "15500.00",
        "ให้ชุมชนยืมใช้ในงานประเพณี",
        "asset",
        "ลงทะเบียนเป็นครุภัณฑ์",
    ),
    (
        "organisation",
        "สมาคมผู้ค้าย่านสยาม",
        "น้ำดื่มบรรจุขวด",
        200,
        "แพ็ค",
        "60.00",
        "กิจกรรมวันเด็กแห่งชาติ",
        "used",
        "แจกในงานวันเด็ก ณ สำนักงานเขต",
    ),
    (
        "person",
        "นางอรุณี ทองประเสริฐ",
        "เก้าอี้พลาสติก",
        100,
        "ตัว",
        "180.00",
        "ใช้ในกิจกรรมชุมชน",
        "asset",
        "ลงทะเบียนเป็นครุภัณฑ์",
    ),
    (
        "organisation",
        "ห้างหุ้นส่วนจำกัด รุ่งเรืองการค้า",
        "หน้ากากอนามัย",
        5000,
        "ชิ้น",
        "2.50",
        "ป้องกันฝุ่น PM ๒.๕ ในโรงเรียนสังกัดเขต",
        "distributed",
        "แจกจ่ายโรงเรียนในสังกัด ๖ แห่ง",
    ),
    (
        "person",
        "นายกิตติพงษ์ วัฒนากุล",
        "จักรยานสำหรับนักเรียน",
        20,
        "คัน",
        "3200.00",
        "มอบแก่นักเรียนที่มีความจำเป็น",
        "distributed",
        "มอบผ่านฝ่ายการศึกษา",
    ),
    (
        "organisation",
        "บริษัท สยามบริการอาหาร จำกัด",
        "อาหารกล่อง",
        400,
        "กล่อง",
        "50.00",
        "เลี้ยงอาสาสมัครงานลอยกระทง",
        "used",
        "",
    ),
]


def _price(rng, low, high) -> Decimal:
    return Decimal(rng.randrange(low, high + 1, 100) if high > low else low).quantize(Decimal("0.01"))


def _signers(agency) -> tuple:
    """The two officers of ฝ่ายเทศกิจ who recorded and signed the history's custody events. Accounts without a
    password and without a role: nobody signs in as them, and the demo's staff stay the five accounts of
    ``agencies.demo`` (the coordinator signs the events still waiting for a second signature)."""
    User = get_user_model()
    out = []
    for username, first, last in (
        (f"{agency.slug}.citylaw1", "ณัฐพล", "แสงอรุณ"),
        (f"{agency.slug}.citylaw2", "ศิริชัย", "มั่นคง"),
    ):
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        if created:
            user.set_unusable_password()
            user.save()
        out.append(user)
    return tuple(out)


@transaction.atomic
def load_demo(agency, *, stdout) -> None:
    if Asset.objects.for_agency(agency).exists():
        stdout.write("property: demo already loaded")
        return
    rng = random.Random(29)  # noqa: S311 - a fixed demo, not a secret
    today = timezone.localdate()
    User = get_user_model()
    coordinator = User.objects.filter(username=f"{agency.slug}.coordinator").first()
    officer = User.objects.filter(username=f"{agency.slug}.officer").first()
    first, second = _signers(agency)
    departments = {d.code: d for d in agency.departments.all()}
    services.settings_save(
        actor=coordinator, agency=agency, measures=DEFAULT_MEASURES, borrowing_rules=DEFAULT_BORROWING_RULES
    )

    # The register.
    assets: list[Asset] = []
    codes = list(departments)
    for category, fsn, name, low, high, count, lendable in CATALOGUE:
        for n in range(1, count + 1):
            acquired = today - datetime.timedelta(days=rng.randrange(60, 365 * 9))
            be = (acquired.year + 543) % 100
            if lendable:
                code = "community" if rng.random() < 0.6 else "administration"
            elif category == Category.VEHICLE:
                code = rng.choice(["city-law", "cleansing", "public-works"])
            elif category == Category.CONSTRUCTION:
                code = rng.choice(["cleansing", "public-works"])
            else:
                code = codes[(n - 1) % len(codes)]
            department = departments[code]
            asset = services.asset_create(
                actor=coordinator,
                agency=agency,
                number=f"{fsn}-{n:04d}/{be:02d}",
                category=category,
                name=name,
                description="",
                acquired_on=acquired,
                price=_price(rng, low, high),
                source=Source.DONATION if rng.random() < 0.04 else Source.BUDGET,
                location=STORE if lendable else ROOMS[code],
                department=department,
                custodian_name=rng.choice(CUSTODIANS),
                condition=rng.choices([Condition.GOOD, Condition.FAIR, Condition.DAMAGED], [80, 16, 4])[0],
                lendable_to_public=lendable,
            )
            assets.append(asset)
    for asset in rng.sample([a for a in assets if not a.lendable_to_public], 12):
        services.asset_status_set(
            actor=coordinator, asset=asset, to_state=AssetStatus.IN_REPAIR, note="ส่งซ่อมตามใบแจ้งซ่อม"
        )
    for asset in rng.sample(
        [a for a in assets if a.status == AssetStatus.AVAILABLE and a.condition == Condition.DAMAGED], 3
    ):
        services.asset_status_set(
            actor=coordinator,
            asset=asset,
            to_state=AssetStatus.DISPOSED,
            note="จำหน่ายโดยวิธีขายทอดตลาด ตามรายงานคณะกรรมการตรวจสอบพัสดุประจำปี",
        )
    stdout.write(f"property: {len(assets)} assets")

    # Loans and bookings.
    lendable = [a for a in assets if a.lendable_to_public]
    staff_items = [
        a
        for a in assets
        if (a.category in (Category.ADVERTISING, Category.COMPUTER) and "โน้ตบุ๊ก" in a.name)
        or a.category == Category.ADVERTISING
    ]
    made = 0

    def loan(asset, start, days, *, public, finish):
        nonlocal made
        end = start + datetime.timedelta(days=days - 1)
        who = rng.choice(COMMUNITIES) if public else rng.choice(CUSTODIANS)
        try:
            record = services.loan_request(
                agency=agency,
                asset=asset,
                actor=None if public else officer,
                borrower_name=f"{rng.choice(PEOPLE)} ({who})" if public else who,
                borrower_phone=f"08{rng.randrange(10000000, 99999999)}" if public else "",
                purpose=rng.choice(
                    ["งานทำบุญชุมชน", "การประชุมประชาคมชุมชน", "งานประเพณีสงกรานต์ของชุมชน", "กิจกรรมวันผู้สูงอายุ"]
                )
                if public
                else rng.choice(["ออกหน่วยบริการเคลื่อนที่", "ประชุมชี้แจงโครงการ", "บันทึกภาพกิจกรรมของเขต"]),
                starts_on=start,
                ends_on=end,
                today=min(start, today),
            )
            if finish == "requested":
                return record
            services.loan_approve(actor=coordinator, loan=record)
            if finish == "approved":
                return record
            services.loan_check_out(actor=coordinator, loan=record, condition=asset.condition, today=start)
            if finish == "out":
                return record
            services.loan_check_in(actor=coordinator, loan=record, condition=Condition.GOOD)
            made += 1
            return record
        except ValidationError:
            return None

    for asset in lendable:
        # A year of community use, then a booking ahead and a waiting request.
        day = today - datetime.timedelta(days=330)
        while day < today - datetime.timedelta(days=10):
            loan(asset, day, rng.randrange(1, 4), public=rng.random() < 0.7, finish="returned")
            day += datetime.timedelta(days=rng.randrange(14, 45))
        loan(
            asset,
            today + datetime.timedelta(days=rng.randrange(3, 40)),
            rng.randrange(1, 3),
            public=True,
            finish="approved",
        )
        if rng.random() < 0.5:
            loan(
                asset,
                today + datetime.timedelta(days=rng.randrange(45, 80)),
                2,
                public=True,
                finish="requested",
            )
    for asset in staff_items[:10]:
        loan(
            asset,
            today - datetime.timedelta(days=rng.randrange(40, 200)),
            rng.randrange(2, 6),
            public=False,
            finish="returned",
        )
    for asset in staff_items[10:14]:
        loan(
            asset, today - datetime.timedelta(days=rng.randrange(12, 25)), 5, public=False, finish="out"
        )  # overdue
    for asset in staff_items[14:16]:
        loan(asset, today - datetime.timedelta(days=1), 7, public=False, finish="out")
    stdout.write(f"property: {made} returned loans, with bookings, requests and overdue ones")

    # Donations: FY2566 (the item's year) and this year.
    start_2566, _end = fiscal_year_bounds(2566)
    for index, (kind, donor, what, qty, unit, each, purpose, disposition, note) in enumerate(DONATIONS * 2):
        received = (
            start_2566 + datetime.timedelta(days=20 + index * 40)
            if index < len(DONATIONS)
            else today - datetime.timedelta(days=15 + (index - len(DONATIONS)) * 25)
        )
        asset = None
        if disposition == Donation.Disposition.ASSET:
            asset = next(
                a
                for a in lendable
                if a.source == Source.BUDGET and a.name.startswith("เต็นท์" if "เต็นท์" in what else "เก้าอี้")
            )
            services.asset_update(actor=coordinator, asset=asset, source=Source.DONATION)
        services.donation_record(
            actor=coordinator,
            agency=agency,
            received_on=received,
            donor_kind=kind,
            donor_name=donor,
            donor_contact="",
            anonymous=index % 7 == 3,
            description=what,
            quantity=qty,
            unit=unit,
            value=(Decimal(each) * qty).quantize(Decimal("0.01")),
            purpose=purpose,
            department=departments["community" if index % 3 else "administration"],
            disposition=disposition,
            disposition_note=note,
            asset=asset,
        )

    # Seized goods of ฝ่ายเทศกิจ: FY2566 and the last months.
    rules = services.holding_rules_ensure(agency)
    cleanliness = next(r for r in rules if "รักษาความสะอาด" in r.law)
    traffic = next(r for r in rules if "จราจร" in r.law)
    city_law = departments["city-law"]
    spans = [(start_2566, 360, 40), (today - datetime.timedelta(days=200), 195, 45)]
    seized = 0
    pending_left = 2
    for span_start, span_days, count in spans:
        for _n in range(count):
            day = span_start + datetime.timedelta(days=rng.randrange(0, span_days))
            what, unit = rng.choice(SEIZED_KINDS)
            item = services.seized_intake(
                actor=first,
                agency=agency,
                seized_on=day,
                description=f"{what} ({rng.choice(STREETS)})",
                quantity=rng.randrange(1, 4),
                unit=unit,
                seal_number=f"ทก.{rng.randrange(1000, 9999)}",
                rule=cleanliness if "ป้าย" not in what else traffic,
                case_reference=f"บันทึกการตรวจยึด ที่ {rng.randrange(1, 400)}/{day.year + 543}",
                seized_by="นายณัฐพล แสงอรุณ เจ้าพนักงานเทศกิจชำนาญงาน",
                witnesses="นายศิริชัย มั่นคง, นายปิยะ อินทร์แก้ว",
                owner_name=rng.choice(PEOPLE),
                owner_contact="",
                department=city_law,
                place=STORE,
                holder=city_law.name,
            )
            seized += 1
            age = (today - day).days
            fate = rng.random()
            if age > 10 and fate < 0.62:
                kind, holder, after = CustodyKind.RETURNED_OWNER, "เจ้าของ (ชำระค่าปรับแล้ว)", rng.randrange(1, 8)
            elif age > 45 and fate < 0.78:
                kind, holder, after = (
                    CustodyKind.DESTROYED,
                    "คณะกรรมการทำลายของกลาง สำนักงานเขตปทุมวัน",
                    rng.randrange(35, 45),
                )
            elif age > 45 and fate < 0.86:
                kind, holder, after = CustodyKind.AUCTIONED, "ผู้ชนะการขายทอดตลาด", rng.randrange(35, 45)
            elif age > 5 and fate < 0.9:
                kind, holder, after = CustodyKind.MOVED, city_law.name, rng.randrange(1, 5)
            else:
                continue
            event = services.custody_record(
                actor=first,
                item=item,
                kind=kind,
                to_holder=holder,
                to_place="คลังของกลาง ชั้นล่าง อาคารจอดรถ สำนักงานเขตปทุมวัน" if kind == CustodyKind.MOVED else "",
                occurred_on=min(today, day + datetime.timedelta(days=after)),
                note="ตามบันทึกข้อความฝ่ายเทศกิจ"
                if kind != CustodyKind.RETURNED_OWNER
                else "เจ้าของแสดงหลักฐานและชำระค่าปรับ",
            )
            if pending_left and age < 60:
                pending_left -= 1
                continue  # waiting for the second signature
            services.custody_sign(actor=second, event=event)
    stdout.write(f"property: {seized} seized items with their custody events")

    # A stock-take of ฝ่ายปกครอง.
    admin = departments["administration"]
    results = {}
    for asset in (
        Asset.objects.for_agency(agency).filter(department=admin).exclude(status=AssetStatus.DISPOSED)
    ):
        results[asset.pk] = StockResult.DAMAGED if asset.condition == Condition.DAMAGED else StockResult.FOUND
    if officer is not None and results:
        services.stocktake_record(
            actor=officer,
            agency=agency,
            department=admin,
            checked_on=today - datetime.timedelta(days=30),
            results=results,
            note="ตรวจนับประจำปีตามคำสั่งสำนักงานเขต",
        )
