"""Demo content: the district's real FY2566 plan, with its import review done as the coordinator would do
it, six months of plausible progress reports, and this year's plan started from it."""

import random
from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from prongsai.thai.fiscal import fiscal_year

from . import services
from .models import ImportWarning, Plan, ProgressReport, ProgressStatus

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


def resolve_seed_warnings(plan: Plan, *, actor) -> int:
    """Close the seed's import warnings the way the district's coordinator would: the row whose heading
    was lost goes under indicator 3 (การใช้อำนาจ, what its rules on appraisal and reward are about) with the
    personnel work of ฝ่ายปกครอง and the year's end as its due date; the other district's name copied from
    a template is corrected; the rest is confirmed as the document has it, with the reason."""
    agency = plan.agency
    administration = agency.departments.filter(name="ฝ่ายปกครอง").first()
    resolved = 0
    for warning in plan.import_warnings.filter(state=ImportWarning.State.OPEN).order_by("line", "pk"):
        warning.refresh_from_db()
        if warning.state != ImportWarning.State.OPEN:
            continue
        kind, options = warning.kind, {}
        if kind == ImportWarning.Kind.ORPHAN:
            options = {"action": "assign_indicator", "indicator_number": "3", "indicator_title": "การใช้อำนาจ"}
        elif (
            kind == ImportWarning.Kind.DEPARTMENT
            and warning.activity
            and administration
            and not warning.subject
        ):
            options = {"action": "set_departments", "departments": [administration]}
        elif kind == ImportWarning.Kind.DEPARTMENT:
            options = {"action": "accept", "note": "โรงเรียนในสังกัดเขตรายงานผ่านฝ่ายการศึกษา คงข้อความตามเอกสาร"}
        elif kind == ImportWarning.Kind.AGENCY:
            options = {"action": "correct_agency", "replacement": agency.name}
        elif kind == ImportWarning.Kind.DATE and warning.activity and warning.activity.due_date is None:
            options = {"action": "set_due_date", "due_date": date(2023, 9, 30)}
        elif kind == ImportWarning.Kind.BUDGET:
            options = {
                "action": "accept",
                "note": "ตัวเลขตามรายงานของฝ่ายการคลัง ณ วันที่ ๑๐ พ.ค. ๒๕๖๖ ผลต่าง ๔๕.๖๐ บาท แจ้งฝ่ายการคลังตรวจสอบแล้ว",
            }
        else:
            options = {"action": "accept", "note": "ตรวจกับเอกสารต้นฉบับแล้ว ถูกต้องตามเอกสาร"}
        services.warning_resolve(actor=actor, warning=warning, **options)
        resolved += 1
    return resolved


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
    User = get_user_model()
    reviewer, _ = User.objects.get_or_create(username=f"{agency.slug}.coordinator")
    if resolved := resolve_seed_warnings(plan, actor=reviewer):
        stdout.write(f"resolved {resolved} import warnings of plan {YEAR} as the coordinator")
    this_year = fiscal_year(timezone.localdate())
    if (
        this_year > YEAR
        and not Plan.objects.filter(agency=agency, fiscal_year=this_year, kind=plan.kind).exists()
    ):
        services.plan_start_from(actor=reviewer, source=plan, fiscal_year=this_year)
        stdout.write(f"started plan {this_year} from plan {YEAR}")
    if ProgressReport.objects.filter(activity__plan=plan).exists():
        stdout.write(f"kept progress reports of plan {YEAR}")
        return
    reporter, _ = User.objects.get_or_create(username=f"{agency.slug}.officer")
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
