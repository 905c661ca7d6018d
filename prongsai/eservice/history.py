"""Past requests built in bulk, with their status events at the times they happened: the demo's year of
history and the benchmark's million requests. A loader of records, not a staff action: it writes rows
directly (``bulk_create``), never through the workflow, whose events are stamped with the current time.
"""

from __future__ import annotations

import datetime
import random
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from prongsai.agencies.codes import new_code
from prongsai.agencies.models import StatusEvent
from prongsai.thai import workdays

from .models import Channel, ReportGroup, Request, Service, State

BANGKOK = ZoneInfo("Asia/Bangkok")

FIRST_NAMES = [
    "สมชาย",
    "สมหญิง",
    "วิชัย",
    "สุดารัตน์",
    "ประเสริฐ",
    "กมลวรรณ",
    "ธนพล",
    "ศิริพร",
    "อนุชา",
    "พิมพ์ชนก",
    "ณัฐวุฒิ",
    "จิราพร",
    "ปิยะ",
    "วราภรณ์",
    "สุรชัย",
    "นภัสสร",
    "ชัยวัฒน์",
    "อรุณี",
    "ธีรศักดิ์",
    "มาลัย",
    "บุญเลิศ",
    "กาญจนา",
    "เกียรติศักดิ์",
    "รัชนี",
    "ปกรณ์",
    "ดวงใจ",
    "อภิชาติ",
    "ลำดวน",
    "ภูมิพัฒน์",
    "ทองใบ",
]
LAST_NAMES = [
    "ใจดี",
    "รักไทย",
    "ศรีสุข",
    "มั่นคง",
    "ทองคำ",
    "บุญมา",
    "แสงทอง",
    "วงศ์ใหญ่",
    "สุขสวัสดิ์",
    "พึ่งบุญ",
    "เจริญผล",
    "ชัยมงคล",
    "อินทร์แก้ว",
    "สายบุญ",
    "ปัญญาดี",
    "พรหมมา",
    "นาคสวัสดิ์",
    "แก้วประเสริฐ",
]
COMPANIES = ["บริษัท ปทุมพร็อพเพอร์ตี้ จำกัด", "ห้างหุ้นส่วนจำกัด สยามก่อสร้าง", "บริษัท รองเมืองพัฒนา จำกัด"]
SUBDISTRICTS = ["รองเมือง", "วังใหม่", "ปทุมวัน", "ลุมพินี"]
NEEDS_DOCUMENTS = [
    "โปรดส่งสำเนาทะเบียนบ้านฉบับที่มีชื่อผู้ยื่นคำขอ (เอกสารที่แนบมาไม่ชัดเจน)",
    "โปรดส่งหนังสือมอบอำนาจพร้อมสำเนาบัตรประจำตัวประชาชนของผู้มอบอำนาจ",
    "โปรดส่งแบบแปลนที่มีสถาปนิกและวิศวกรผู้ออกแบบลงนามครบถ้วน",
    "โปรดส่งหนังสือยินยอมให้ใช้สถานที่จากเจ้าของอาคาร",
]
REFUSALS = [
    "ไม่อนุมัติ เนื่องจากสถานที่ตั้งอยู่ในพื้นที่ที่กรุงเทพมหานครประกาศห้ามจำหน่ายสินค้า",
    "ไม่อนุญาต เนื่องจากแบบแปลนไม่เป็นไปตามกฎกระทรวงว่าด้วยระยะร่นของอาคาร",
    "ยุติเรื่อง เนื่องจากผู้ยื่นคำขอไม่ส่งเอกสารเพิ่มเติมภายในกำหนด",
]
APPROVED_MESSAGES = {
    "": "อนุมัติแล้ว ติดต่อรับเอกสารได้ที่จุดบริการในวันและเวลาราชการ",
    ReportGroup.BUILDING_PERMIT: "อนุญาตแล้ว โปรดชำระค่าธรรมเนียมและรับใบอนุญาต (แบบ อ.๑) ที่ฝ่ายโยธา",
    ReportGroup.SIGNBOARD: "อนุญาตแล้ว โปรดชำระภาษีป้ายภายใน ๑๕ วันนับแต่วันที่ได้รับแจ้งการประเมิน",
}
COMMENTS = ["เจ้าหน้าที่บริการดี รวดเร็ว", "สะดวกมาก ไม่ต้องเดินทางไปเขต", "ได้รับแจ้งความคืบหน้าตลอด", "รอนานกว่าที่คิด", ""]


@dataclass
class Plan:
    """What one request will go through, in order: (state, step, note, days after the previous move)."""

    moves: list[tuple[str, int | None, str, int]]


def _at(day: datetime.date, rng: random.Random) -> datetime.datetime:
    minutes = rng.randint(8 * 60 + 30, 16 * 60)
    return datetime.datetime.combine(day, datetime.time(minutes // 60, minutes % 60), tzinfo=BANGKOK)


def _channel(service: Service, rng: random.Random) -> tuple[str, str]:
    if service.kind == "complaint":
        channel = rng.choices([Channel.TRAFFY, Channel.ONLINE, Channel.COUNTER, Channel.PAPER], [6, 2, 1, 1])[
            0
        ]
    elif service.accepts_online:
        channel = rng.choices(
            [Channel.ONLINE, Channel.COUNTER, Channel.BMA_PORTAL, Channel.PAPER], [4, 4, 2, 1]
        )[0]
    else:
        channel = rng.choices([Channel.COUNTER, Channel.PAPER], [9, 1])[0]
    reference = ""
    if channel == Channel.TRAFFY:
        reference = f"2023-{rng.choice('ABCDEFGHJK')}{rng.choice('MNPQRSTUVW')}{rng.randint(1000, 9999)}"
    elif channel == Channel.BMA_PORTAL:
        reference = f"BMA-EP-{rng.randint(100000, 999999)}"
    elif channel == Channel.PAPER:
        reference = f"กท ๗๐๐๑/{rng.randint(100, 999)}"
    return channel, reference


def _plan(steps: Sequence[int], group: str, rng: random.Random, final: str) -> Plan:
    """The moves up to ``final`` (a state); durations around each step's standard, some over it."""
    moves: list[tuple[str, int | None, str, int]] = []

    def spend(days: int) -> int:
        factor = rng.choices([0.3, 0.6, 0.9, 1.3, 2.0], [3, 4, 3, 1, 1])[0]  # about one in six late
        return max(0, round(days * factor))

    last = len(steps) - 1
    if rng.random() < 0.18 or final == State.NEEDS_DOCUMENTS:
        moves.append((State.NEEDS_DOCUMENTS, 0, rng.choice(NEEDS_DOCUMENTS), rng.randint(0, 1)))
        if final == State.NEEDS_DOCUMENTS:
            return Plan(moves)
        if final == State.REFUSED and rng.random() < 0.5:
            moves.append((State.REFUSED, 0, REFUSALS[2], rng.randint(10, 20)))
            return Plan(moves)
        moves.append((State.RECEIVED, 0, "ผู้ยื่นคำขอส่งเอกสารเพิ่มเติมแล้ว", rng.randint(1, 6)))
    if final == State.RECEIVED:
        return Plan(moves)
    first = min(1, last)
    moves.append((State.ACCEPTED, first, "รับเรื่องแล้ว เอกสารครบถ้วน", spend(steps[0])))
    if final == State.ACCEPTED:
        return Plan(moves)
    for step in range(first + 1, last):
        moves.append((State.IN_STEP, step, "", spend(steps[step - 1])))
        if final == State.IN_STEP and rng.random() < 0.5:
            return Plan(moves)
    if final == State.IN_STEP:
        return Plan(moves)
    if final == State.REFUSED:
        moves.append((State.REFUSED, None, rng.choice(REFUSALS[:2]), spend(steps[max(0, last - 1)])))
        return Plan(moves)
    moves.append(
        (
            State.APPROVED,
            last,
            APPROVED_MESSAGES.get(group, APPROVED_MESSAGES[""]),
            spend(steps[max(0, last - 1)]),
        )
    )
    if final == State.APPROVED:
        return Plan(moves)
    moves.append((State.COMPLETED, last, "ดำเนินการเสร็จสิ้น", spend(steps[last])))
    return Plan(moves)


def _outcome(service: Service, number: int, rng: random.Random) -> dict:
    sub = rng.choice(SUBDISTRICTS)
    if service.report_group == ReportGroup.BUILDING_PERMIT:
        floors = rng.randint(2, 8)
        area = Decimal(rng.randint(180, 4200))
        kind = rng.choice(["อาคารพักอาศัย", "อาคารพาณิชย์", "อาคารสำนักงาน", "หอพัก"])
        return {
            "permit_number": f"{number}/2566",
            "public_summary": f"{kind} ค.ส.ล. {floors} ชั้น แขวง{sub} ({rng.choice(COMPANIES)})",
            "area_sqm": area,
            "amount": (area * Decimal("2.00")).quantize(Decimal("0.01")),
        }
    if service.report_group == ReportGroup.SIGNBOARD:
        width, height = (
            Decimal(rng.choice(["1.20", "2.40", "3.00", "4.80"])),
            Decimal(rng.choice(["3.00", "6.00", "12.00"])),
        )
        area = (width * height).quantize(Decimal("0.01"))
        category = rng.choice([1, 2, 3])
        rate = {1: Decimal(10), 2: Decimal(52), 3: Decimal(52)}[category]  # baht per 500 cm²
        return {
            "permit_number": f"ป.{number}/2566",
            "public_summary": f"ป้ายประเภท {category} ขนาด {width} x {height} เมตร แขวง{sub}",
            "area_sqm": area,
            "amount": (area * 10000 / 500 * rate).quantize(Decimal("0.01")),
        }
    return {}


FINAL_WEIGHTS = [
    (State.COMPLETED, 70),
    (State.REFUSED, 6),
    (State.APPROVED, 5),
    (State.IN_STEP, 6),
    (State.ACCEPTED, 5),
    (State.NEEDS_DOCUMENTS, 4),
    (State.RECEIVED, 4),
]


def build(
    *,
    agency,
    services: Sequence[Service],
    days: Sequence[datetime.date],
    count: int,
    rng: random.Random,
    holidays: frozenset[datetime.date],
    actors: Sequence = (),
    open_share: float | None = None,
    weights: Sequence[int] | None = None,
    batch: int = 5000,
    rate: bool = True,
    insert=None,
) -> int:
    """``count`` requests received on working ``days`` (chosen at random), each with the events of its
    history; ``open_share`` the part still open (else by FINAL_WEIGHTS). Returns the number of events.
    ``insert(model, rows)`` stores the rows (default: bulk_create; the load test passes a COPY)."""
    if insert is None:

        def insert(model, rows):
            return model.objects.bulk_create(rows, batch_size=1000 if model is Request else 2000)

    request_type = ContentType.objects.get_for_model(Request)
    steps_of = {s.pk: [step.working_days for step in s.steps.all()] for s in services}
    # Where each step is done: the step's own department, else the service's.
    where_of = {s.pk: [step.department_id or s.department_id for step in s.steps.all()] for s in services}
    states, state_weights = zip(*FINAL_WEIGHTS, strict=True)
    made = 0
    numbers: dict[str, int] = {}
    now = timezone.now()
    for first in range(0, count, batch):
        with transaction.atomic():
            planned = []
            for _ in range(min(batch, count - first)):
                service = rng.choices(services, weights)[0] if weights else rng.choice(services)
                day = rng.choice(days)
                if open_share is None:
                    final = rng.choices(states, state_weights)[0]
                elif rng.random() < open_share:
                    final = rng.choice(
                        [State.RECEIVED, State.ACCEPTED, State.IN_STEP, State.NEEDS_DOCUMENTS, State.APPROVED]
                    )
                else:
                    final = State.COMPLETED
                plan = _plan(steps_of[service.pk] or [1], service.report_group, rng, final)
                received_at = _at(day, rng)
                times, moment = [], received_at
                for _state, _step, _note, after in plan.moves:
                    if after:
                        day = workdays.add_working_days(day, after, holidays)
                    moment = max(moment + datetime.timedelta(minutes=rng.randint(5, 90)), _at(day, rng))
                    if moment > now:  # what has not happened yet is not history
                        break
                    times.append(moment)
                plan.moves = plan.moves[: len(times)]
                final_state = plan.moves[-1][0] if plan.moves else State.RECEIVED
                step = next((m[1] for m in reversed(plan.moves) if m[1] is not None), 0)
                outcome = {}
                if final_state in (State.APPROVED, State.COMPLETED) and service.report_group:
                    numbers[service.report_group] = numbers.get(service.report_group, 0) + 1
                    outcome = _outcome(service, numbers[service.report_group], rng)
                closed_at = times[-1] if final_state in (State.COMPLETED, State.REFUSED) else None
                rating = None
                if rate and final_state == State.COMPLETED and rng.random() < 0.55:
                    rating = rng.choices([5, 4, 3, 2, 1], [50, 30, 12, 5, 3])[0]
                name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                channel, reference = _channel(service, rng)
                request = Request(
                    agency=agency,
                    service=service,
                    code=new_code(),
                    receipt_token=secrets.token_urlsafe(18),
                    rating_token=secrets.token_urlsafe(18),
                    state=final_state,
                    step=step,
                    department_id=(where_of[service.pk] or [service.department_id])[
                        min(step, len(where_of[service.pk]) - 1)
                    ]
                    if where_of[service.pk]
                    else service.department_id,
                    channel=channel,
                    outside_reference=reference,
                    applicant_name=name,
                    applicant_phone=f"08{rng.randint(10000000, 99999999)}",
                    details="",
                    received_at=received_at,
                    closed_at=closed_at,
                    rating=rating,
                    rating_comment=rng.choice(COMMENTS) if rating else "",
                    rated_at=(closed_at + datetime.timedelta(days=rng.randint(0, 3))) if rating else None,
                    **outcome,
                )
                planned.append((request, plan, times, channel))
            insert(Request, [p[0] for p in planned])
            events = []
            for request, plan, times, channel in planned:
                actor = rng.choice(actors) if actors else None
                actor_name = actor.get_username() if actor else ""
                where = where_of[request.service_id] or [request.service.department_id]
                department = where[0]
                events.append(
                    StatusEvent(
                        agency=agency,
                        content_type=request_type,
                        object_id=request.pk,
                        actor=None,
                        actor_name="",
                        at=request.received_at,
                        from_state="",
                        to_state=State.RECEIVED,
                        note=f"ได้รับคำขอทาง{Channel(channel).label}",
                        data={"step": 0, "department": department, "channel": channel},
                    )
                )
                previous = State.RECEIVED
                for (state, step, note, _after), at in zip(plan.moves, times, strict=True):
                    if step is not None:
                        department = where[min(step, len(where) - 1)]
                    applicant = previous == State.NEEDS_DOCUMENTS and state == State.RECEIVED
                    events.append(
                        StatusEvent(
                            agency=agency,
                            content_type=request_type,
                            object_id=request.pk,
                            actor=None if applicant else actor,
                            actor_name="" if applicant else actor_name,
                            at=at,
                            from_state=previous,
                            to_state=state,
                            note=note,
                            data={"step": step, "department": department},
                        )
                    )
                    previous = state
            insert(StatusEvent, events)
            made += len(events)
    return made
