"""Demo of the coordinator's instruments: the district's corruption-risk register of FY2566 (the processes
the seed plan's activities and the demo complaints are about), linked to the plan's activities, to the
complaints and the audit findings that raised them, both annual reports published; and the FY2566
announcements signed by the director and published by two people. Idempotent: an agency that already has
risks gets nothing more."""

from __future__ import annotations

import datetime
import io
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.template.loader import render_to_string

from prongsai.agencies.models import Membership, Role
from prongsai.disclosure.providers import references
from prongsai.documents.pdf import html_to_pdf

from . import register
from .models import Announcement, Complaint, Risk

BANGKOK = ZoneInfo("Asia/Bangkok")
YEAR = 2566
# The director as the demo's public pages name them (content's demo executive).
# The demo director's invented name, as the content demo gives it (the signer of the announcements).
DIRECTOR_NAME = "นายประเสริฐ วงศ์สุวรรณ"
DIRECTOR_POSITION = "ผู้อำนวยการเขตปทุมวัน"

K = Risk.Kind
S = Risk.State
# (department, process, kind, risk event, cause, L, I, controls, residual L, I, owner, treatment, state,
#  words that find the plan activities treating it, complaint (department, category) that raised it, finding)
RISKS = [
    ("public-works", "การพิจารณาอนุญาตก่อสร้าง ดัดแปลง รื้อถอนอาคาร และการรับแจ้งตามมาตรา ๓๙ ทวิ", K.PERMISSION,
     "เจ้าหน้าที่เรียกรับผลประโยชน์เพื่อเร่งรัดการตรวจแบบและออกใบอนุญาต",
     "การตรวจแบบใช้ดุลพินิจ ผู้ยื่นคำขอไม่ทราบสถานะและระยะเวลาของคำขอ",
     4, 4, "คู่มือสำหรับประชาชนกำหนดระยะเวลา ๔๕ วัน ลงทะเบียนรับคำขอทุกฉบับ", 2, 4, "หัวหน้าฝ่ายโยธา",
     "เปิดให้ติดตามสถานะคำขอทางออนไลน์ ประกาศขั้นตอน ระยะเวลา และค่าธรรมเนียม สุ่มตรวจคำขอที่เกินกำหนดทุกเดือน",
     S.TREATING, ("คู่มือ", "e-service", "Tracking"), ("public-works", "bribery"), 0),
    ("finance", "การจัดซื้อจัดจ้างวัสดุและครุภัณฑ์โดยวิธีเฉพาะเจาะจง", K.BUDGET,
     "แบ่งซื้อแบ่งจ้างเพื่อหลีกเลี่ยงวิธีประกาศเชิญชวน และเอื้อประโยชน์แก่ผู้ขายรายเดิม",
     "ความต้องการใช้วัสดุไม่ได้รวบรวมล่วงหน้า ผู้จัดซื้อเลือกผู้ขายที่คุ้นเคย",
     3, 4, "แผนการจัดซื้อจัดจ้างประจำปีในระบบ e-GP คณะกรรมการตรวจรับพัสดุ", 2, 3, "หัวหน้าฝ่ายการคลัง",
     "รวมความต้องการวัสดุเป็นรายไตรมาส เผยแพร่สรุปผลการจัดซื้อจัดจ้างรายเดือน (สขร.๑) และคู่มือการจัดซื้อจัดจ้าง",
     S.TREATING, ("จัดซื้อจัดจ้าง",), ("finance", "procurement"), 1),
    ("revenue", "การสำรวจ ประเมิน และจัดเก็บภาษีป้าย", K.DUTY,
     "เจ้าหน้าที่ประเมินภาษีสูงหรือต่ำกว่าความเป็นจริงเพื่อแลกกับผลประโยชน์",
     "การวัดขนาดป้ายและการจัดประเภทป้ายใช้ดุลพินิจของผู้สำรวจคนเดียว",
     3, 3, "หัวหน้างานตรวจทานการประเมินก่อนแจ้ง ภ.ป.๓", 2, 3, "หัวหน้าฝ่ายรายได้",
     "ถ่ายภาพป้ายและผลการวัดแนบแบบประเมินทุกราย สลับพื้นที่ผู้สำรวจทุกปี",
     S.TREATING, ("รับสินบน",), ("revenue", "abuse"), None),
    ("city-law", "การควบคุมผู้ค้าหาบเร่แผงลอยในที่สาธารณะและจุดผ่อนผัน", K.DUTY,
     "เจ้าหน้าที่หรือผู้แอบอ้างเรียกเก็บเงินผู้ค้าเป็นรายวันหรือรายเดือนเพื่อแลกกับการไม่จับกุม",
     "การตรวจตราช่วงเย็นมีเจ้าหน้าที่ชุดเดิม ผู้ค้าไม่ทราบช่องทางร้องเรียน",
     4, 3, "ตารางหมุนเวียนชุดตรวจ บัตรประจำตัวผู้ค้าในจุดผ่อนผัน", 3, 3, "หัวหน้าฝ่ายเทศกิจ",
     "ติดป้ายช่องทางร้องเรียนการทุจริตทุกจุดผ่อนผัน ผู้บริหารเขตออกตรวจเยี่ยมผู้ค้า เผยแพร่มาตรการป้องกันการรับสินบน",
     S.TREATING, ("รับสินบน", "No Gift"), ("city-law", "bribery"), None),
    ("environment", "การออกใบอนุญาตประกอบกิจการที่เป็นอันตรายต่อสุขภาพและการตรวจสุขลักษณะร้านอาหาร", K.PERMISSION,
     "เจ้าหน้าที่เรียกรับค่าน้ำชาเพื่อไม่สั่งปรับปรุงหรือเพื่อเร่งออกใบอนุญาต",
     "ผลการตรวจสุขลักษณะบันทึกในกระดาษ ผู้ประกอบการไม่เห็นเกณฑ์การตรวจ",
     3, 4, "แบบตรวจสุขลักษณะมาตรฐานของสำนักอนามัย", 2, 3, "หัวหน้าฝ่ายสิ่งแวดล้อมและสุขาภิบาล",
     "มอบสำเนาแบบตรวจให้ผู้ประกอบการทุกครั้ง เผยแพร่เกณฑ์และแนวทางการใช้ดุลพินิจของเจ้าหน้าที่",
     S.TREATING, ("คู่มือ",), ("environment", "bribery"), None),
    ("registration", "การแจ้งย้ายที่อยู่และการจัดทำทะเบียนบ้าน", K.PERMISSION,
     "เรียกรับเงินเพื่อให้บริการเสร็จเร็วกว่าลำดับคิว",
     "ผู้รับบริการจำนวนมากในช่วงเช้า ระบบคิวไม่แสดงลำดับ",
     2, 3, "ระบบบัตรคิวอัตโนมัติ ป้ายแสดงค่าธรรมเนียม", 1, 3, "หัวหน้าฝ่ายทะเบียน",
     "แสดงลำดับคิวบนจอ ประเมินความพึงพอใจผู้รับบริการทุกเดือน",
     S.CONTROLLED, ("จุดบริการ",), None, None),
    ("cleansing", "การใช้รถเก็บขนมูลฝอยและทรัพย์สินของราชการ", K.BUDGET,
     "นำรถและอุปกรณ์ของราชการไปใช้ประโยชน์ส่วนตัวในวันหยุด",
     "ไม่มีบันทึกการใช้รถในวันหยุด กุญแจรถอยู่กับพนักงานขับรถ",
     3, 2, "สมุดบันทึกการใช้รถประจำวัน", 2, 2, "หัวหน้าฝ่ายรักษาความสะอาดและสวนสาธารณะ",
     "ติดตั้ง GPS ติดตามรถ เก็บกุญแจที่ศูนย์ควบคุม ทบทวนระเบียบการยืมใช้ทรัพย์สินของราชการ",
     S.TREATING, ("ทรัพย์สิน",), ("cleansing", "embezzlement"), None),
    ("administration", "การรับและจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", K.DUTY,
     "ข้อมูลผู้ร้องเรียนรั่วไหลไปถึงผู้ถูกร้องเรียน ทำให้ผู้ร้องเรียนถูกข่มขู่",
     "เรื่องร้องเรียนส่งต่อเป็นเอกสารผ่านหลายฝ่าย",
     2, 5, "ระบบรับเรื่องร้องเรียนแยกข้อมูลผู้ร้องเรียน เปิดได้เฉพาะผู้รับเรื่อง บันทึกการเปิดอ่านทุกครั้ง", 1, 5,
     "หัวหน้าฝ่ายปกครอง", "ทบทวนบันทึกการเปิดอ่านเรื่องร้องเรียนทุกไตรมาสโดยผู้ตรวจสอบ",
     S.CONTROLLED, ("ร้องเรียน",), None, None),
]  # fmt: skip

FINDINGS = [
    ("สำนักงานตรวจสอบภายใน กรุงเทพมหานคร", datetime.date(2022, 12, 15),
     "คำขออนุญาตก่อสร้างอาคาร ๑๒ ราย ในไตรมาสที่ ๑ พิจารณาเกินระยะเวลาที่คู่มือกำหนด โดยไม่มีบันทึกเหตุผลของความล่าช้า"),
    ("สำนักงานการตรวจเงินแผ่นดิน", datetime.date(2023, 2, 10),
     "การจัดซื้อวัสดุสำนักงานเดือนพฤศจิกายน ๒๕๖๕ ซื้อจากผู้ขายรายเดียว ๔ ครั้ง รวมวงเงินเกินอำนาจวิธีเฉพาะเจาะจง"),
]  # fmt: skip

NO_GIFT = """ด้วยสำนักงานเขตปทุมวันมุ่งมั่นบริหารงานด้วยความซื่อสัตย์สุจริต โปร่งใส และตรวจสอบได้ ตามแนวทางการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)

ผู้อำนวยการเขตปทุมวันจึงประกาศนโยบายไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ (No Gift Policy) ดังนี้
๑. ผู้บริหารและบุคลากรของสำนักงานเขตปทุมวันทุกคน จะไม่รับ ไม่ให้ ไม่เรียกรับ ของขวัญ ของกำนัล หรือประโยชน์อื่นใดจากผู้รับบริการหรือผู้มีส่วนได้เสีย
๒. งดการให้ของขวัญแก่ผู้บังคับบัญชาหรือผู้บริหารในทุกโอกาส ให้แสดงความยินดีด้วยการลงนามในสมุดอวยพร หรือบัตรอวยพร
๓. หากมีความจำเป็นต้องรับเพื่อรักษาไมตรี ให้รายงานผู้บังคับบัญชาตามแบบรายงานการรับของขวัญภายใน ๓๐ วัน

จึงประกาศมาเพื่อทราบและถือปฏิบัติโดยเคร่งครัด"""

ANTI_BRIBERY = """สำนักงานเขตปทุมวันไม่ยอมรับการให้หรือรับสินบนในทุกรูปแบบ ทั้งทางตรงและทางอ้อม

๑. ห้ามบุคลากรเรียก รับ หรือยอมจะรับเงิน ทรัพย์สิน หรือประโยชน์อื่นใด เพื่อกระทำหรือละเว้นการกระทำในหน้าที่
๒. ผู้บังคับบัญชาทุกระดับต้องกำกับดูแล และเป็นแบบอย่างที่ดี
๓. ผู้พบเห็นการเรียกรับสินบนแจ้งได้ที่ช่องทางร้องเรียนการทุจริตของสำนักงานเขต โดยไม่ต้องเปิดเผยตัวตน และได้รับความคุ้มครอง
๔. ผู้ฝ่าฝืนจะถูกดำเนินการทางวินัยและทางกฎหมายอย่างเคร่งครัด

จึงประกาศมาเพื่อทราบโดยทั่วกัน"""

DISCRETION = """เพื่อให้การใช้ดุลพินิจของเจ้าหน้าที่เป็นไปอย่างเป็นธรรม โปร่งใส และตรวจสอบได้ สำนักงานเขตปทุมวันกำหนดแนวทางดังนี้

๑. การพิจารณาอนุญาตก่อสร้างอาคาร ให้พิจารณาตามลำดับคำขอ หากเกินระยะเวลาตามคู่มือให้บันทึกเหตุผลและแจ้งผู้ยื่นคำขอ
๒. การตรวจสุขลักษณะสถานประกอบการ ให้ใช้แบบตรวจมาตรฐาน และมอบสำเนาผลการตรวจให้ผู้ประกอบการทุกครั้ง
๓. การควบคุมผู้ค้าในที่สาธารณะ ให้ดำเนินการตามประกาศจุดผ่อนผันและบันทึกการตรวจตราทุกครั้ง
๔. การใช้ดุลพินิจที่เป็นผลร้ายต่อผู้รับบริการ ต้องแจ้งเหตุผลและสิทธิอุทธรณ์เป็นลายลักษณ์อักษร"""

PARTICIPATION = """ผู้อำนวยการเขตปทุมวันเป็นประธานการประชุมข้าราชการและบุคลากรของสำนักงานเขตปทุมวัน ชี้แจงนโยบายไม่รับของขวัญและของกำนัลทุกชนิด (No Gift Policy) และนโยบายต่อต้านการรับสินบน มอบแนวทางให้ทุกฝ่ายนำมาตรการป้องกันความเสี่ยงการทุจริตไปปฏิบัติ และติดตามผลในการประชุมผู้บริหารเขตทุกเดือน"""

ANNOUNCEMENTS = [
    (Announcement.Kind.NO_GIFT, "ประกาศสำนักงานเขตปทุมวัน เรื่อง นโยบายไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ (No Gift Policy)",
     NO_GIFT, datetime.date(2022, 10, 3)),
    (Announcement.Kind.ANTI_BRIBERY, "ประกาศสำนักงานเขตปทุมวัน เรื่อง นโยบายต่อต้านการรับสินบน (Anti-Bribery Policy)",
     ANTI_BRIBERY, datetime.date(2022, 10, 3)),
    (Announcement.Kind.DISCRETION_GUIDELINES, "ประกาศสำนักงานเขตปทุมวัน เรื่อง แนวทางการปฏิบัติในการใช้ดุลพินิจของเจ้าหน้าที่",
     DISCRETION, datetime.date(2022, 11, 1)),
    (Announcement.Kind.DIRECTOR_PARTICIPATION, "ผู้อำนวยการเขตปทุมวันชี้แจงนโยบาย No Gift Policy และมาตรการป้องกันความเสี่ยงการทุจริตแก่บุคลากร",
     PARTICIPATION, datetime.date(2023, 1, 16)),
]  # fmt: skip


def _person(agency, role):
    membership = (
        Membership.objects.filter(agency=agency, role=role, is_active=True).select_related("user").first()
    )
    return membership.user if membership else None


def _activities(agency, words) -> list[str]:
    refs = [r for r in references(agency, "plans.activity") if r.label.startswith(str(YEAR))]
    found = []
    for word in words:
        match = next((r.key for r in refs if word.lower() in r.label.lower() and r.key not in found), None)
        if match:
            found.append(match)
    return found[:2]


def _signed_pdf(agency, title, text, signed_on, signer) -> SimpleUploadedFile:
    html = render_to_string(
        "integrity/announcement_pdf.html",
        {"agency": agency, "title": title, "text": text, "signed_on": signed_on, "signer": signer,
         "position": DIRECTOR_POSITION},
    )  # fmt: skip
    return SimpleUploadedFile("ประกาศ.pdf", html_to_pdf(html), content_type="application/pdf")


def _photo(colour) -> SimpleUploadedFile:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (960, 640), colour)
    draw = ImageDraw.Draw(image)
    for i in range(8):  # rows of seats before a stage: enough to read as a meeting room at a glance
        draw.rectangle((80 + i * 100, 380, 150 + i * 100, 560), fill=(90, 70, 60))
    draw.rectangle((250, 80, 710, 300), fill=(235, 235, 225))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return SimpleUploadedFile("photo.jpg", out.getvalue(), content_type="image/jpeg")


@transaction.atomic
def load_demo(agency, *, stdout) -> None:
    if Risk.objects.for_agency(agency).exists():
        stdout.write("integrity: demo risk register already present, nothing added")
        return
    coordinator = _person(agency, Role.COORDINATOR)
    director = _person(agency, Role.DIRECTOR)
    departments = {d.code: d for d in agency.departments.all()}
    findings = [
        register.finding_create(actor=coordinator, agency=agency, source=source, found_on=day, text=text)
        for source, day, text in FINDINGS
    ]
    complaints = Complaint.objects.for_agency(agency).order_by("received_at")
    count = 0
    for (code, process, kind, title, cause, li, im, controls, rl, ri, owner, treatment, state, words, complaint,
         finding) in RISKS:  # fmt: skip
        if code not in departments:
            continue
        risk = register.risk_create(
            actor=coordinator,
            agency=agency,
            data={
                "fiscal_year": YEAR, "department": departments[code], "process": process, "kind": kind,
                "title": title, "cause": cause, "likelihood": li, "impact": im, "controls": controls,
                "residual_likelihood": rl, "residual_impact": ri, "owner": owner, "treatment": treatment,
            },
            activity_refs=_activities(agency, words),
        )  # fmt: skip
        if state != risk.state:
            if state == S.CONTROLLED:
                register.risk_move(actor=coordinator, risk=risk, to_state=S.TREATING)
            register.risk_move(actor=coordinator, risk=risk, to_state=state)
        if complaint:
            raised = complaints.filter(department__code=complaint[0], category=complaint[1]).first()
            if raised:
                register.risk_source_add(actor=coordinator, risk=risk, complaint_ref=raised.ref)
        if finding is not None:
            register.risk_source_add(actor=coordinator, risk=risk, finding=findings[finding])
        count += 1
    for kind in ("assessment", "handling"):
        register.risk_report_publish(actor=coordinator, agency=agency, year=YEAR, kind=kind)

    signer = (director.get_full_name() if director else "") or DIRECTOR_NAME
    for kind, title, text, signed_on in ANNOUNCEMENTS:
        item = register.announcement_save(
            actor=coordinator,
            agency=agency,
            data={"kind": kind, "fiscal_year": YEAR, "title": title, "text": text, "signer_name": signer,
                  "signer_position": DIRECTOR_POSITION, "signed_on": signed_on},
            signed_pdf=_signed_pdf(agency, title, text, signed_on, signer),
        )  # fmt: skip
        if kind == Announcement.Kind.DIRECTOR_PARTICIPATION:
            for colour, caption in (
                ((196, 170, 140), "ผู้อำนวยการเขตปทุมวันชี้แจงนโยบาย No Gift Policy ในการประชุมบุคลากร ห้องประชุมชั้น ๕"),
                ((170, 190, 200), "หัวหน้าฝ่ายทุกฝ่ายรับมอบมาตรการป้องกันความเสี่ยงการทุจริตของฝ่าย"),
            ):
                register.announcement_photo_add(
                    actor=coordinator, announcement=item, upload=_photo(colour), caption=caption
                )
        register.announcement_submit(actor=coordinator, announcement=item)
        if director is not None:
            register.announcement_review(actor=director, announcement=item, approve=True)
    stdout.write(
        f"integrity: {count} corruption risks, {len(findings)} audit findings, {len(ANNOUNCEMENTS)} announcements"
    )
