"""Demo of the integrity channels: a district office's year (FY2566) of corruption complaints, general
complaints, suggestions, compliments and questions, in every state, so the statistics, the queues and the
Q&A page are alive. Everything goes through the services; only the times of the status events are moved
back to the days they would have happened (the services stamp "now"). Idempotent: an agency that already
has complaints gets nothing more.
"""

from __future__ import annotations

import datetime
import random
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from prongsai.agencies.models import Membership, Role, StatusEvent
from prongsai.thai.fiscal import fiscal_year_months
from prongsai.thai.workdays import add_working_days

from . import services
from .models import Channel, Complaint, Feedback, Question, Referral

BANGKOK = ZoneInfo("Asia/Bangkok")

# (day received, channel, category, department code, who, what, where, identity?, final state, outcome)
C = Complaint.Category
S = Complaint.State
OUT = Complaint.Outcome
COMPLAINTS = [
    ("2022-10-05", Channel.WEB, C.BRIBERY, "public-works", "นายช่างผู้ตรวจแบบ",
     "ยื่นขออนุญาตต่อเติมอาคารพาณิชย์ เจ้าหน้าที่บอกว่าถ้าอยากได้เร็วให้จ่าย ๕,๐๐๐ บาท ไม่มีใบเสร็จ",
     "ห้องฝ่ายโยธา ชั้น ๒", True, S.CLOSED, OUT.SUBSTANTIATED),
    ("2022-10-18", Channel.WEB, C.BRIBERY, "city-law", "เจ้าหน้าที่เทศกิจชุดตรวจตอนเย็น",
     "เก็บเงินผู้ค้าแผงลอยหน้าตลาดสามย่านคืนละ ๒๐๐ บาท อ้างว่าเป็นค่าดูแลพื้นที่",
     "ซอยจุฬาลงกรณ์ ๑๒", False, S.CLOSED, OUT.SUBSTANTIATED),
    ("2022-11-02", Channel.LETTER, C.PROCUREMENT, "finance", "",
     "การจัดซื้อวัสดุสำนักงานไตรมาสแรกใช้ผู้ขายรายเดิมทุกครั้ง ราคาสูงกว่าท้องตลาด ไม่เห็นประกาศเชิญชวน",
     "", False, S.CLOSED, OUT.UNSUBSTANTIATED),
    ("2022-11-21", Channel.WEB, C.ABUSE, "revenue", "เจ้าหน้าที่ประเมินภาษีป้าย",
     "ประเมินภาษีป้ายร้านสูงกว่าปีก่อนสามเท่า แนะนำให้ไปคุยนอกรอบจะลดให้",
     "ร้านค้าถนนบรรทัดทอง", True, S.CLOSED, OUT.SUBSTANTIATED),
    ("2022-12-07", Channel.PHONE, C.BRIBERY, "city-law", "",
     "ผู้ค้าหน้าห้างรายหนึ่งเล่าว่าต้องจ่ายรายเดือนให้คนที่อ้างว่ารู้จักเจ้าหน้าที่เทศกิจ",
     "ถนนพระรามที่ ๑", False, S.CLOSED, OUT.REFERRED),
    ("2022-12-19", Channel.WEB, C.CONFLICT, "public-works", "หัวหน้างานก่อสร้าง",
     "ผู้รับจ้างซ่อมทางเท้าเป็นบริษัทของญาติเจ้าหน้าที่ที่ควบคุมงาน",
     "ซอยเกษมสันต์", False, S.CLOSED, OUT.UNSUBSTANTIATED),
    ("2023-01-09", Channel.WEB, C.EMBEZZLEMENT, "cleansing", "",
     "เห็นรถเก็บขยะของเขตไปขนของส่วนตัวในวันหยุด",
     "ชุมชนบ่อนไก่", False, S.CLOSED, OUT.SUBSTANTIATED),
    ("2023-01-23", Channel.WALK_IN, C.BRIBERY, "registration", "",
     "ถูกเรียกเงินเพิ่ม ๕๐๐ บาทเพื่อย้ายทะเบียนบ้านให้เสร็จในวันเดียว",
     "ฝ่ายทะเบียน", True, S.CLOSED, OUT.UNSUBSTANTIATED),
    ("2023-02-06", Channel.WEB, C.PROCUREMENT, "public-works", "",
     "โครงการปรับปรุงสวนหย่อมกำหนดคุณสมบัติผู้เสนอราคาแคบจนมีผู้ยื่นได้รายเดียว",
     "", False, S.CLOSED, OUT.REFERRED),
    ("2023-02-20", Channel.WEB, C.BRIBERY, "environment", "เจ้าหน้าที่ตรวจสุขลักษณะร้านอาหาร",
     "ตรวจร้านอาหารแล้วบอกว่าถ้าไม่อยากถูกสั่งปิดให้จ่ายค่าน้ำชา",
     "ย่านสยามสแควร์", False, S.CONCLUDED, OUT.SUBSTANTIATED),
    ("2023-03-06", Channel.EMAIL, C.ABUSE, "administration", "",
     "ใช้รถราชการรับส่งบุตรไปโรงเรียนเป็นประจำ",
     "", False, S.CLOSED, OUT.UNSUBSTANTIATED),
    ("2023-03-15", Channel.WEB, C.BRIBERY, "city-law", "",
     "เจ้าหน้าที่เรียกรับเงินจากผู้ค้าเพื่อไม่ให้ยึดแผงในช่วงจัดระเบียบทางเท้า",
     "ถนนอังรีดูนังต์", True, S.CLOSED, OUT.SUBSTANTIATED),
    ("2023-03-27", Channel.WEB, C.OTHER, None, "",
     "มีคนแอบอ้างเป็นเจ้าหน้าที่เขตโทรมาขอเงินค่าดำเนินการเรื่องใบอนุญาต",
     "", False, S.CLOSED, OUT.REFERRED),
    ("2023-04-10", Channel.WEB, C.PROCUREMENT, "education", "",
     "การจ้างเหมารถรับส่งนักเรียนทัศนศึกษา ราคาต่อคันสูงผิดปกติ",
     "", False, S.CLOSED, OUT.UNSUBSTANTIATED),
    ("2023-04-24", Channel.LETTER, C.BRIBERY, "public-works", "",
     "ผู้รับเหมาเล่าว่าต้องจ่ายเงินให้ผู้ควบคุมงานก่อนตรวจรับงวดงาน",
     "", False, S.CONCLUDED, OUT.REFERRED),
    ("2023-05-08", Channel.WEB, C.ABUSE, "community", "",
     "การคัดเลือกผู้รับเงินสงเคราะห์ผู้สูงอายุในชุมชนไม่เป็นไปตามเกณฑ์ มีแต่คนใกล้ชิดประธานชุมชน",
     "ชุมชนในแขวงรองเมือง", True, S.CONCLUDED, OUT.UNSUBSTANTIATED),
    ("2023-05-22", Channel.WEB, C.BRIBERY, "city-law", "",
     "มีการเก็บเงินรถเข็นขายอาหารที่จอดริมถนนหลังเลิกงาน",
     "ถนนบรรทัดทอง", False, S.INVESTIGATING, ""),
    ("2023-06-05", Channel.PHONE, C.EMBEZZLEMENT, "cleansing", "",
     "น้ำมันรถเก็บขยะถูกเบิกเกินระยะทางที่วิ่งจริง",
     "", False, S.INVESTIGATING, ""),
    ("2023-06-19", Channel.WEB, C.CONFLICT, "finance", "",
     "เจ้าหน้าที่ตรวจรับพัสดุเป็นหุ้นส่วนร้านที่ขายของให้เขต",
     "", False, S.INVESTIGATING, ""),
    ("2023-07-03", Channel.WEB, C.BRIBERY, "public-works", "เจ้าหน้าที่ตรวจอาคาร",
     "ถูกขอเงินเพื่อไม่ให้ออกคำสั่งรื้อถอนส่วนต่อเติมหลังบ้าน",
     "ซอยจุฬาลงกรณ์ ๒๐", True, S.SCREENING, ""),
    ("2023-07-17", Channel.WEB, C.OTHER, "revenue", "",
     "ได้รับแจ้งให้ชำระภาษีที่ดินผ่านบัญชีส่วนตัวของเจ้าหน้าที่",
     "", False, S.SCREENING, ""),
    ("2023-08-07", Channel.WALK_IN, C.ABUSE, "administration", "",
     "มีการลงชื่อปฏิบัติงานล่วงเวลาแทนกันโดยไม่ได้มาทำงานจริง",
     "", False, S.SCREENING, ""),
    ("2023-08-21", Channel.WEB, C.BRIBERY, "environment", "",
     "ถูกเรียกเงินเพื่อออกใบอนุญาตจำหน่ายอาหารเร็วขึ้น",
     "", False, S.RECEIVED, ""),
    ("2023-09-04", Channel.WEB, C.PROCUREMENT, "public-works", "",
     "งานลอกท่อระบายน้ำทำไม่ครบตามสัญญา แต่ตรวจรับแล้ว",
     "ซอยสมเด็จพระเทพรัตน์", False, S.RECEIVED, ""),
    ("2023-09-18", Channel.WEB, C.BRIBERY, "city-law", "",
     "เจ้าหน้าที่ขอเงินจากร้านที่วางของล้ำทางเท้าเป็นรายสัปดาห์",
     "ตลาดสามย่าน", False, S.RECEIVED, ""),
]  # fmt: skip

# More of the year's everyday reports (short, as most are), spread over the months by _extra_complaints.
EXTRA = [
    (C.BRIBERY, "city-law", "ผู้ค้าถูกเรียกเก็บเงินรายวันโดยไม่มีใบเสร็จ"),
    (C.BRIBERY, "public-works", "ถูกเรียกเงินเพื่อเร่งออกใบอนุญาตก่อสร้าง"),
    (C.BRIBERY, "environment", "ถูกขอเงินเพื่อไม่ให้สั่งปรับเรื่องน้ำเสียจากร้าน"),
    (C.BRIBERY, "registration", "นายหน้าหน้าสำนักงานเขตเสนอทำเอกสารให้เร็วขึ้นโดยคิดเงินเพิ่ม"),
    (C.PROCUREMENT, "finance", "ประกาศผลผู้ชนะการเสนอราคาไม่ตรงกับที่ประกาศเชิญชวน"),
    (C.PROCUREMENT, "public-works", "วัสดุที่ใช้ปรับปรุงทางเท้าไม่ตรงตามสัญญา"),
    (C.ABUSE, "administration", "ใช้ห้องประชุมของเขตจัดงานส่วนตัว"),
    (C.ABUSE, "city-law", "เจ้าหน้าที่ยึดสินค้าโดยไม่ออกบันทึกการยึด"),
    (C.CONFLICT, "education", "ครูผู้ดูแลโครงการอาหารกลางวันสั่งของจากร้านของครอบครัว"),
    (C.EMBEZZLEMENT, "cleansing", "ต้นไม้และวัสดุปลูกของสวนสาธารณะหายไปหลังจัดซื้อ"),
    (C.OTHER, "community", "มีผู้แอบอ้างว่าจ่ายเงินแล้วจะได้รับการช่วยเหลือจากเขตเร็วขึ้น"),
    (C.BRIBERY, "revenue", "ถูกเสนอให้จ่ายเงินเพื่อลดภาษีที่ดินและสิ่งปลูกสร้าง"),
]

F = Feedback.Kind
FEEDBACK = [
    ("2022-10-12", F.COMPLAINT, "registration", False, "รอคิวทำบัตรประชาชนนานเกินสองชั่วโมง",
     "ไปทำบัตรประชาชนช่วงเช้า บัตรคิวหมดตั้งแต่ ๙ โมง ต้องกลับมาใหม่อีกวัน", True,
     "ขออภัยในความไม่สะดวก เขตเพิ่มช่องบริการช่วงเช้าอีกหนึ่งช่อง และเปิดให้จองคิวล่วงหน้าทางโทรศัพท์แล้ว",
     "คิวทำบัตรประชาชนช่วงเช้าหมดเร็ว"),
    ("2022-11-08", F.COMPLIMENT, "registration", False, "ทำบัตรประชาชนเร็วมาก",
     "เจ้าหน้าที่บริการดี ใช้เวลาไม่ถึง ๑๕ นาที ขอบคุณครับ", True,
     "ขอบคุณสำหรับคำชม เขตจะรักษามาตรฐานการบริการต่อไป", "ชมเชยการให้บริการทำบัตรประชาชน"),
    ("2022-12-14", F.COMPLAINT, "cleansing", False, "ขยะไม่ได้เก็บสามวัน",
     "ถังขยะหน้าซอยล้น รถเก็บขยะไม่มาตั้งแต่วันจันทร์", True,
     "ฝ่ายรักษาความสะอาดปรับเส้นทางเดินรถและเก็บขยะจุดดังกล่าวแล้ว", "ขยะตกค้างหน้าซอย"),
    ("2023-01-17", F.SUGGESTION, "public-works", False, "ขอไฟส่องสว่างในซอย",
     "ซอยมืดมากตอนกลางคืน อยากให้ติดไฟเพิ่มสองจุด", True,
     "ฝ่ายโยธาสำรวจแล้ว บรรจุในแผนติดตั้งไฟฟ้าส่องสว่างเดือนมีนาคม", "ขอไฟส่องสว่างในซอย"),
    ("2023-02-09", F.COMPLAINT, "registration", True, "เจ้าหน้าที่พูดจาไม่สุภาพ",
     "ถามเรื่องเอกสารที่ต้องใช้ เจ้าหน้าที่ตะคอกใส่ต่อหน้าคนอื่น", False,
     "ผู้บังคับบัญชาได้ตักเตือนเจ้าหน้าที่และจัดอบรมการให้บริการแล้ว ขออภัยเป็นอย่างสูง", ""),
    ("2023-03-02", F.COMPLIMENT, "environment", False, "ตรวจร้านอาหารอธิบายชัดเจน",
     "เจ้าหน้าที่อธิบายข้อกำหนดสุขาภิบาลอาหารละเอียด ร้านปรับปรุงได้ถูกต้อง", True,
     "ขอบคุณที่ร่วมพัฒนาร้านอาหารให้ถูกสุขลักษณะ", "ชมเชยเจ้าหน้าที่ตรวจสุขลักษณะร้านอาหาร"),
    ("2023-04-11", F.SUGGESTION, "administration", False, "อยากให้มีที่จอดรถผู้พิการ",
     "ที่จอดรถหน้าสำนักงานเขตไม่มีช่องสำหรับผู้พิการ", True,
     "เขตจัดช่องจอดรถสำหรับผู้พิการ ๒ ช่องใกล้ทางลาดแล้ว", "ที่จอดรถสำหรับผู้พิการ"),
    ("2023-05-16", F.COMPLAINT, "city-law", False, "หาบเร่ตั้งแผงขวางทางเท้า",
     "ทางเท้าหน้าโรงเรียนเดินไม่ได้ ต้องลงไปเดินบนถนน", True,
     "ฝ่ายเทศกิจจัดระเบียบและกำหนดจุดผ่อนผันใหม่แล้ว", "แผงค้าขวางทางเท้าหน้าโรงเรียน"),
    ("2023-06-13", F.COMPLAINT, "revenue", False, "ชำระภาษีออนไลน์ไม่ได้",
     "ระบบชำระภาษีป้ายออนไลน์ขึ้นข้อผิดพลาดทุกครั้ง", False, "", ""),
    ("2023-07-11", F.COMPLIMENT, "community", False, "ขอบคุณทีมพัฒนาชุมชน",
     "ช่วยประสานงานเรื่องเงินสงเคราะห์ให้คุณยายในชุมชนรวดเร็ว", False, "", ""),
    ("2023-08-15", F.SUGGESTION, "education", False, "เพิ่มกิจกรรมว่ายน้ำ",
     "อยากให้โรงเรียนในเขตมีชั่วโมงสอนว่ายน้ำ", False, "", ""),
    ("2023-09-12", F.COMPLAINT, "public-works", False, "ฝาท่อระบายน้ำชำรุด",
     "ฝาท่อหน้าร้านแตก เกรงว่าจะมีคนตก", False, "", ""),
]  # fmt: skip

QUESTIONS = [
    ("2022-10-20", "registration", "ย้ายทะเบียนบ้านเข้าต้องใช้เอกสารอะไรบ้าง",
     "บัตรประจำตัวประชาชน ใบแจ้งย้ายที่อยู่ (ถ้ามี) และทะเบียนบ้านฉบับเจ้าบ้าน พร้อมเจ้าบ้านหรือหนังสือยินยอม", True),
    ("2022-11-15", "revenue", "ภาษีป้ายต้องยื่นภายในเดือนไหน",
     "ยื่นแบบแสดงรายการภาษีป้าย (ภ.ป.๑) ภายในวันที่ ๓๑ มีนาคมของทุกปี ที่ฝ่ายรายได้", True),
    ("2022-12-08", "public-works", "ต่อเติมหลังคาหลังบ้านต้องขออนุญาตไหม",
     "หากเพิ่มพื้นที่หลังคาเกิน ๕ ตารางเมตรหรือเปลี่ยนโครงสร้าง ต้องยื่นขออนุญาตที่ฝ่ายโยธาก่อนดำเนินการ", True),
    ("2023-01-12", "environment", "เปิดร้านอาหารเล็ก ๆ ต้องขอใบอนุญาตอะไร",
     "ร้านพื้นที่ไม่เกิน ๒๐๐ ตารางเมตรต้องขอหนังสือรับรองการแจ้งจัดตั้งสถานที่จำหน่ายอาหารที่ฝ่ายสิ่งแวดล้อมและสุขาภิบาล", True),
    ("2023-02-14", "cleansing", "ทิ้งเฟอร์นิเจอร์เก่าชิ้นใหญ่ได้ที่ไหน",
     "โทรนัดฝ่ายรักษาความสะอาดเพื่อให้รถมารับถึงบ้านฟรี เดือนละหนึ่งครั้ง", True),
    ("2023-03-09", "community", "ลงทะเบียนรับเบี้ยยังชีพผู้สูงอายุได้เมื่อไร",
     "ผู้ที่จะอายุครบ ๖๐ ปีในปีงบประมาณถัดไป ลงทะเบียนได้ตั้งแต่เดือนตุลาคมถึงพฤศจิกายน ที่ฝ่ายพัฒนาชุมชนฯ", True),
    ("2023-04-18", "registration", "ขอคัดสำเนาทะเบียนบ้านแทนผู้อื่นได้ไหม",
     "ได้ หากมีหนังสือมอบอำนาจและสำเนาบัตรของผู้มอบและผู้รับมอบ", True),
    ("2023-05-25", "city-law", "ขายของหน้าบ้านตัวเองต้องขออนุญาตหรือไม่",
     "ถ้าวางสินค้าในที่ดินของตนเองไม่ล้ำทางเท้า ไม่ต้องขออนุญาตจากฝ่ายเทศกิจ", False),
    ("2023-07-06", "education", "รับสมัครนักเรียนโรงเรียนสังกัด กทม. ช่วงไหน", "", False),
    ("2023-08-30", None, "สำนักงานเขตเปิดวันเสาร์หรือไม่", "", False),
]  # fmt: skip


def _day(text: str, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(datetime.date.fromisoformat(text), datetime.time(hour), tzinfo=BANGKOK)


def _backdate(event, when: datetime.datetime) -> None:
    # The services stamp events with "now"; the demo's year happened in 2022-23. Only the time moves.
    StatusEvent.objects.filter(pk=event.pk).update(at=when)


def _person(agency, role):
    membership = (
        Membership.objects.filter(agency=agency, role=role, is_active=True).select_related("user").first()
    )
    return membership.user if membership else get_user_model().objects.filter(is_superuser=True).first()


def _later(start: datetime.datetime, working_days: int) -> datetime.datetime:
    return datetime.datetime.combine(add_working_days(start.date(), working_days), start.timetz())


def _complaints(agency, handler, departments) -> int:
    steps = {
        S.RECEIVED: [],
        S.SCREENING: [S.SCREENING],
        S.INVESTIGATING: [S.SCREENING, S.INVESTIGATING],
        S.CONCLUDED: [S.SCREENING, S.INVESTIGATING, S.CONCLUDED],
        S.CLOSED: [S.SCREENING, S.INVESTIGATING, S.CONCLUDED, S.CLOSED],
    }
    for day, channel, category, dept, who, what, where, identity, final, outcome in COMPLAINTS:
        when = _day(day)
        complaint, _code, _passphrase = services.complaint_submit(
            agency=agency,
            category=category,
            department=departments.get(dept),
            what=what,
            who=who,
            when=f"ประมาณ {day}",
            where=where,
            identity={"name": "นายประชา รักถิ่น (นามสมมติ)", "phone": "08x-xxx-xxxx"} if identity else None,
            channel=channel,
            actor=handler if channel != Channel.WEB else None,
            received_at=when,
            with_receipt=channel == Channel.WEB,
        )
        at = when
        for gap, state in zip((2, 10, 40, 5), steps[final], strict=False):
            at = _later(at, gap)
            if state == S.CONCLUDED and outcome == OUT.REFERRED:
                services.complaint_refer(
                    actor=handler,
                    complaint=complaint,
                    body=Referral.Body.NACC if category == C.PROCUREMENT else Referral.Body.BMA_INSPECTOR,
                    letter_no=f"กท ๕๒๐๑/{at.month:02d}{at.day:02d}",
                    sent_on=at.date(),
                )
                event = complaint.events.order_by("-at", "-pk").first()
            else:
                event = services.complaint_move(
                    actor=handler,
                    complaint=complaint,
                    to_state=state,
                    outcome=outcome if state == S.CONCLUDED else "",
                    note="ตรวจสอบเอกสารและสอบถามผู้เกี่ยวข้องแล้ว" if state == S.CONCLUDED else "",
                )
            _backdate(event, at)
        if channel == Channel.WEB and final in (S.SCREENING, S.INVESTIGATING, S.CONCLUDED):
            services.complaint_reply(
                actor=handler,
                complaint=complaint,
                body="ได้รับเรื่องแล้ว ขอบคุณที่แจ้ง หากมีภาพถ่ายหรือหลักฐานเพิ่มเติม ส่งได้ทางหน้านี้",
            )
    count = len(COMPLAINTS) + _extra_complaints(agency, handler, departments, steps)
    # Two cases of these days, so the queue has work that is not late yet.
    now = timezone.now()
    for category, dept, what in [
        (C.BRIBERY, "city-law", "มีคนเรียกเก็บเงินผู้ค้าช่วงเทศกาลโดยอ้างว่าเป็นค่าพื้นที่ของเขต"),
        (C.PROCUREMENT, "public-works", "ป้ายประกาศจัดซื้อจัดจ้างงานซ่อมถนนติดไว้เพียงวันเดียว"),
    ]:
        services.complaint_submit(
            agency=agency, category=category, department=departments.get(dept), what=what, received_at=now
        )
    return count + 2


def _extra_complaints(agency, handler, departments, steps) -> int:
    """Three to six more reports a month, so the monthly statistics have counts worth showing; the older a
    report, the further along it is."""
    rng = random.Random(2566)  # noqa: S311 - a fixed demo, not a secret
    count = 0
    for index, month in enumerate(fiscal_year_months(2566)):
        for _n in range(rng.randint(3, 6)):
            category, dept, what = rng.choice(EXTRA)
            when = datetime.datetime.combine(
                month.replace(day=rng.randint(1, 27)), datetime.time(rng.randint(8, 19)), tzinfo=BANGKOK
            )
            choices = (
                [S.CLOSED] * 3 + [S.CONCLUDED] if index < 8 else [S.INVESTIGATING, S.SCREENING, S.RECEIVED]
            )
            final = rng.choice(choices)
            channel = rng.choice([Channel.WEB] * 5 + [Channel.LETTER, Channel.PHONE, Channel.WALK_IN])
            complaint, _code, _passphrase = services.complaint_submit(
                agency=agency,
                category=category,
                department=departments.get(dept),
                what=what,
                channel=channel,
                actor=handler if channel != Channel.WEB else None,
                received_at=when,
                with_receipt=channel == Channel.WEB,
            )
            at = when
            for gap, state in zip((2, 10, 40, 5), steps[final], strict=False):
                at = _later(at, gap)
                outcome = rng.choice([OUT.SUBSTANTIATED, OUT.UNSUBSTANTIATED, OUT.UNSUBSTANTIATED])
                event = services.complaint_move(
                    actor=handler,
                    complaint=complaint,
                    to_state=state,
                    outcome=outcome if state == S.CONCLUDED else "",
                )
                _backdate(event, at)
            count += 1
    return count


def _feedback(agency, coordinator, handler, departments) -> int:
    for day, kind, dept, about_staff, subject, body, public, answer, summary in FEEDBACK:
        when = _day(day, 14)
        item = services.feedback_submit(
            agency=agency,
            kind=kind,
            subject=subject,
            body=body,
            department=departments.get(dept),
            about_staff=about_staff,
            created_at=when,
        )
        actor = handler if about_staff else coordinator
        if answer:
            _backdate(services.feedback_start(actor=actor, item=item), _later(when, 1))
            event = services.feedback_answer(
                actor=actor, item=item, answer=answer, public=public, public_summary=summary if public else ""
            )
            answered = _later(when, 6)
            _backdate(event, answered)
            Feedback.objects.filter(pk=item.pk).update(answered_at=answered)
            if day < "2023-05-01":
                item.refresh_from_db()
                _backdate(services.feedback_close(actor=actor, item=item), _later(when, 8))
    return len(FEEDBACK)


def _questions(agency, coordinator, departments) -> int:
    for day, dept, text, answer, publish in QUESTIONS:
        when = _day(day, 11)
        question = services.question_ask(
            agency=agency, text=text, department=departments.get(dept), created_at=when
        )
        if answer:
            _backdate(
                services.question_answer(actor=coordinator, question=question, answer=answer), _later(when, 2)
            )
            Question.objects.filter(pk=question.pk).update(answered_at=_later(when, 2))
            if publish:
                event = services.question_publish(actor=coordinator, question=question, public_text=text)
                _backdate(event, _later(when, 3))
                Question.objects.filter(pk=question.pk).update(published_at=_later(when, 3))
    return len(QUESTIONS)


@transaction.atomic
def load_demo(agency, *, stdout) -> None:
    from .register_demo import load_demo as load_register_demo

    if Complaint.objects.for_agency(agency).exists():
        stdout.write("integrity: demo complaints already present, nothing added")
    else:
        _load_channels(agency, stdout=stdout)
    # After the complaints: some of them raised risks of the register.
    load_register_demo(agency, stdout=stdout)


def _load_channels(agency, *, stdout) -> None:
    handler = _person(agency, Role.COMPLAINT_HANDLER)
    coordinator = _person(agency, Role.COORDINATOR)
    departments = {d.code: d for d in agency.departments.all()}
    services.channel_settings_save(
        actor=coordinator,
        agency=agency,
        unit_name=f"ฝ่ายปกครอง {agency.name}",
        address=f"ผู้อำนวยการ{agency.name.replace('สำนักงาน', '')} {agency.name} กรุงเทพมหานคร (ระบุ “ลับ” ที่หน้าซอง)",
        phone="สายด่วนกรุงเทพมหานคร ๑๕๕๕",
        hours="วันจันทร์ถึงวันศุกร์ ๘.๓๐–๑๖.๓๐ น. เว้นวันหยุดราชการ",
        other_channels="ยื่นด้วยตนเองที่ฝ่ายปกครอง ชั้น ๑\n"
        "ศูนย์ปฏิบัติการต่อต้านการทุจริต กรุงเทพมหานคร\n"
        "สำนักงาน ป.ป.ช. สายด่วน ๑๒๐๕",
    )
    complaints = _complaints(agency, handler, departments)
    feedback = _feedback(agency, coordinator, handler, departments)
    questions = _questions(agency, coordinator, departments)
    stdout.write(
        f"integrity: {complaints} corruption complaints, {feedback} general complaints and feedback, "
        f"{questions} questions"
    )
