"""Demo content: the district's real FY2566 plan, with six months of plausible progress reports."""

import random
from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from . import services
from .models import Plan, ProgressReport, ProgressStatus

SEED = Path(__file__).parent / "fixtures" / "pathumwan-2566.txt"
YEAR = 2566
MONTHS = [
    date(2022, 10, 1),
    date(2022, 11, 1),
    date(2022, 12, 1),
    date(2023, 1, 1),
    date(2023, 2, 1),
    date(2023, 3, 1),
]


@transaction.atomic
def load_demo(agency, *, stdout) -> None:
    plan = Plan.objects.filter(agency=agency, fiscal_year=YEAR).first()
    if plan is None:
        result = services.plan_import(
            actor=None,
            agency=agency,
            fiscal_year=YEAR,
            text=SEED.read_text(encoding="utf-8"),
            source_name=SEED.name,
        )
        plan = result.plan
        stdout.write(
            f"imported plan {YEAR}: {result.activities} activities, {result.oit_items} OIT items, "
            f"{len(result.warnings)} warnings (see `prongsai import-plan --dry-run`)"
        )
    if ProgressReport.objects.filter(activity__plan=plan).exists():
        stdout.write(f"kept progress reports of plan {YEAR}")
        return
    User = get_user_model()
    reporter, _ = User.objects.get_or_create(username=f"{agency.slug}.officer")
    reviewer, _ = User.objects.get_or_create(username=f"{agency.slug}.coordinator")
    rng = random.Random(2566)  # noqa: S311 (demo data: the same every time, not a secret)
    count = 0
    for activity in plan.activities.current().order_by("order"):
        speed = rng.choice([12, 17, 20, 25])
        stop = rng.choice([4, 5, 6, 6, 6])  # some departments stopped reporting: missing months show
        for index, month in enumerate(MONTHS[:stop]):
            percent = min(100, speed * (index + 1))
            status = ProgressStatus.DONE if percent == 100 else ProgressStatus.IN_PROGRESS
            narrative = rng.choice(
                [
                    "ดำเนินการตามแผน ประชาสัมพันธ์ผ่านเว็บไซต์และกลุ่มไลน์ของเขต",
                    "จัดประชุมชี้แจงเจ้าหน้าที่ และจัดทำสื่อ info graphic ติด ณ จุดบริการ",
                    "รวบรวมข้อมูลจากฝ่ายที่เกี่ยวข้อง อยู่ระหว่างจัดทำเอกสารเผยแพร่",
                    "เผยแพร่บนเว็บไซต์สำนักงานเขตแล้ว รอปรับปรุงข้อมูลรายเดือน",
                ]
            )
            report = services.report_submit(
                actor=reporter,
                activity=activity,
                period=month,
                status=status,
                percent=percent,
                narrative=narrative,
            )
            count += 1
            last = index == stop - 1
            if not last or rng.random() < 0.5:
                services.report_review(actor=reviewer, report=report, accept=True)
            elif rng.random() < 0.4:
                services.report_review(
                    actor=reviewer,
                    report=report,
                    accept=False,
                    comment="โปรดแนบภาพกิจกรรมหรือลิงก์ที่เผยแพร่เป็นหลักฐาน",
                )
            if status == ProgressStatus.DONE:
                break
    stdout.write(f"added {count} progress reports to plan {YEAR}")
