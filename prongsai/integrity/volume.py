"""Load-test volume (`prongsai loadtest-data`): each agency's share of the corruption complaints, with their
sealed content and the status events of their handling, in bulk.

Sealing is the real one (``crypto.seal``, AES-GCM with the complaint key): every report and identity is sealed
for its own record, as ``complaint_submit`` does, since a ciphertext is bound to its record and field and
would not open anywhere else. What is reused is the passphrase hash: argon2 costs tens of milliseconds by
design (100,000 of them would take over an hour), so a few passphrases are hashed once and their hashes
shared (the model allows it: the hash is not bound to the record); the passphrases are thrown away, so no
load-test receipt can be opened."""

from __future__ import annotations

import datetime
import random
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from prongsai.agencies.codes import new_code
from prongsai.agencies.models import StatusEvent
from prongsai.agencies.volume import insert, share
from prongsai.thai.fiscal import fiscal_year_bounds

from . import crypto, receipts
from .models import Channel, Complaint, ComplaintContent

BANGKOK = ZoneInfo("Asia/Bangkok")
BATCH = 5000
HASHES = 4
REPORTS = [
    ("เจ้าหน้าที่เรียกเงินเพิ่มเพื่อให้ออกใบอนุญาตเร็วขึ้น", "เจ้าหน้าที่ฝ่ายโยธา", "ต้นเดือนที่แล้ว", "จุดบริการชั้น ๑"),
    ("การจัดซื้อวัสดุสำนักงานราคาสูงกว่าท้องตลาด", "", "ปีงบประมาณนี้", ""),
    ("มีการใช้รถราชการไปธุระส่วนตัวในวันหยุด", "พนักงานขับรถ", "วันเสาร์", "ห้างสรรพสินค้า"),
    ("ผู้รับจ้างทำถนนไม่ตรงตามสัญญา แต่มีการตรวจรับงาน", "คณะกรรมการตรวจรับ", "", "ซอยในแขวง"),
]
NAMES = ["สมชาย ใจดี", "สมหญิง รักไทย", "วิชัย ศรีสุข", "กมลวรรณ มั่นคง"]
PATH = [
    Complaint.State.RECEIVED,
    Complaint.State.SCREENING,
    Complaint.State.INVESTIGATING,
    Complaint.State.CONCLUDED,
    Complaint.State.CLOSED,
]
FINAL_WEIGHTS = [5, 5, 10, 10, 70]
OUTCOMES = [Complaint.Outcome.SUBSTANTIATED, Complaint.Outcome.UNSUBSTANTIATED, Complaint.Outcome.REFERRED]


def load(agencies, fiscal_years, counts, progress) -> dict[str, int]:
    rng = random.Random(2566)  # noqa: S311 (synthetic data, the same every run; codes come from secrets)
    hashes = [receipts.hash_passphrase(receipts.new_passphrase()) for _ in range(HASHES)]
    start, _e = fiscal_year_bounds(fiscal_years[0])
    span = int(
        (timezone.now() - datetime.datetime.combine(start, datetime.time(), tzinfo=BANGKOK)).total_seconds()
    )
    kind_of = ContentType.objects.get_for_model(Complaint)
    categories = Complaint.Category.values
    made = {"complaints": 0, "sealed values": 0, "status events": 0}
    with progress("complaints", counts["complaints"]) as bar:
        for index, agency in enumerate(agencies):
            departments = list(agency.departments.values_list("pk", flat=True))
            want = share(counts["complaints"], agencies, index)
            for first in range(0, want, BATCH):
                complaints, contents, events = [], [], []
                for _n in range(min(BATCH, want - first)):
                    ref = new_code(10)
                    received = datetime.datetime.combine(
                        start, datetime.time(), tzinfo=BANGKOK
                    ) + datetime.timedelta(seconds=rng.randint(0, max(1, span - 86400 * 60)))
                    steps = rng.choices(range(1, len(PATH) + 1), FINAL_WEIGHTS)[0]
                    state = PATH[steps - 1]
                    identity = (
                        {"name": rng.choice(NAMES), "phone": f"08{rng.randint(10000000, 99999999)}"}
                        if rng.random() < 0.4
                        else {}
                    )
                    with_receipt = rng.random() < 0.7
                    complaints.append(
                        Complaint(
                            agency=agency,
                            ref=ref,
                            receipt_code=new_code(10) if with_receipt else None,
                            channel=rng.choices([Channel.WEB, Channel.values[-1]], [8, 2])[0],
                            category=rng.choice(categories),
                            department_id=rng.choice(departments)
                            if departments and rng.random() < 0.8
                            else None,
                            state=state,
                            outcome=rng.choice(OUTCOMES)
                            if state in (Complaint.State.CONCLUDED, Complaint.State.CLOSED)
                            else "",
                            received_at=received,
                            has_identity=bool(identity),
                        )
                    )
                    what, who, when, where = rng.choice(REPORTS)
                    contents.append(
                        (
                            rng.choice(hashes) if with_receipt else "",
                            crypto.seal(
                                {"what": what, "who": who, "when": when, "where": where},
                                f"complaint:{ref}:report",
                            ),
                            crypto.seal(identity, f"complaint:{ref}:identity"),
                        )
                    )
                    made["sealed values"] += 2 if identity else 1
                    events.append((received, steps))
                with transaction.atomic():
                    insert(Complaint, complaints, batch_size=1000)
                    insert(
                        ComplaintContent,
                        [
                            ComplaintContent(
                                complaint=c, passphrase_hash=h, sealed_report=r, sealed_identity=i
                            )
                            for c, (h, r, i) in zip(complaints, contents, strict=True)
                        ],
                        batch_size=1000,
                    )
                    rows = []
                    for complaint, (received, steps) in zip(complaints, events, strict=True):
                        at, previous = received, ""
                        for state in PATH[:steps]:
                            rows.append(
                                StatusEvent(
                                    agency=agency,
                                    content_type=kind_of,
                                    object_id=complaint.pk,
                                    at=at,
                                    from_state=previous,
                                    to_state=state,
                                    data={"channel": complaint.channel} if not previous else {},
                                )
                            )
                            previous, at = state, at + datetime.timedelta(days=rng.randint(1, 15))
                    insert(StatusEvent, rows, batch_size=2000)
                made["complaints"] += len(complaints)
                made["status events"] += len(rows)
                bar.update(len(complaints))
    return made
