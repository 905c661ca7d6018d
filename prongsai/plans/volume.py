"""Load-test volume (`prongsai loadtest-data`): every agency's integrity plan of each fiscal year, and monthly
progress reports of every activity for the months of the year that have passed (reviewed and accepted).

The seed document goes through the real importer once (indicators, activities, OIT rows; its warnings
resolved as the demo's coordinator does, so the plan is public); every other agency-year is a copy of that
plan written in bulk, with its own departments and the due dates moved to its year. Importing each of the
250 plans took 1.6 s a plan here (7 minutes, most of it the importer's audit and warning records), the
copies take well under a second in all."""

from __future__ import annotations

import datetime
import random
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from prongsai.agencies.volume import insert
from prongsai.thai.fiscal import fiscal_year_bounds

from . import services
from .demo import SEED, resolve_seed_warnings
from .models import Activity, Indicator, Plan, ProgressReport, ProgressStatus, ReviewState

BANGKOK = ZoneInfo("Asia/Bangkok")
NARRATIVES = [
    "ดำเนินการตามแผน ประชาสัมพันธ์ผ่านเว็บไซต์และกลุ่มไลน์ของเขต",
    "จัดประชุมชี้แจงเจ้าหน้าที่ และจัดทำสื่อ info graphic ติด ณ จุดบริการ",
    "รวบรวมข้อมูลจากฝ่ายที่เกี่ยวข้อง อยู่ระหว่างจัดทำเอกสารเผยแพร่",
    "เผยแพร่บนเว็บไซต์สำนักงานเขตแล้ว รอปรับปรุงข้อมูลรายเดือน",
]


def _months(year: int, today: datetime.date) -> list[datetime.date]:
    start, end = fiscal_year_bounds(year)
    months, month = [], start
    while month <= min(end, today):
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def _copy(template: Plan, agency, year: int) -> Plan:
    """The template plan for another agency and year: indicators, current activities, their departments."""
    years = year - template.fiscal_year
    plan = Plan(
        agency=agency,
        kind=template.kind,
        fiscal_year=year,
        title=template.title,
        source_name=template.source_name,
        budget_report=template.budget_report,
        is_published=True,
    )
    insert(Plan, [plan])
    indicators: dict[int, Indicator] = {}
    for level in (True, False):  # parents first: the children point at them
        rows = [i for i in template.indicators.all() if (i.parent_id is None) == level]
        copies = [
            Indicator(
                plan=plan, number=i.number, title=i.title, order=i.order, parent=indicators.get(i.parent_id)
            )
            for i in rows
        ]
        insert(Indicator, copies)
        indicators.update({i.pk: c for i, c in zip(rows, copies, strict=True)})
    departments = dict(agency.departments.values_list("code", "pk"))
    code_of = dict(template.agency.departments.values_list("pk", "code"))
    sources = list(template.activities.current().prefetch_related("departments"))
    activities = []
    for a in sources:
        copy = Activity(
            **{
                f.attname: getattr(a, f.attname)
                for f in Activity._meta.concrete_fields
                if f.attname not in ("id", "plan_id", "indicator_id")
            }
        )
        copy.plan, copy.indicator = plan, indicators.get(a.indicator_id)
        if a.due_date:
            copy.due_date = a.due_date.replace(year=a.due_date.year + years)
        activities.append(copy)
    insert(Activity, activities)
    through = Activity.departments.through
    insert(
        through,
        [
            through(activity_id=copy.pk, department_id=departments[code_of[d.pk]])
            for source, copy in zip(sources, activities, strict=True)
            for d in source.departments.all()
        ],
    )
    return plan


def load(agencies, fiscal_years, counts, progress) -> dict[str, int]:
    rng = random.Random(2566)  # noqa: S311 (synthetic data, the same every run)
    today = timezone.localdate()
    made = {"plans": 0, "activities": 0, "progress reports": 0}
    template = None
    with progress("plans", len(agencies) * len(fiscal_years)) as bar:
        for agency in agencies:
            for year in fiscal_years:
                with transaction.atomic():
                    if template is None:
                        result = services.plan_import(
                            actor=None,
                            agency=agency,
                            fiscal_year=year,
                            text=SEED.read_text(encoding="utf-8"),
                            source_name=SEED.name,
                        )
                        resolve_seed_warnings(result.plan, actor=None)
                        template = result.plan
                        plan = template
                    else:
                        plan = _copy(template, agency, year)
                    activities = list(
                        Activity.objects.filter(plan=plan).current().values_list("pk", flat=True)
                    )
                    reports = []
                    months = _months(year, today)
                    for activity_id in activities:
                        speed = rng.choice([9, 12, 17, 20, 25])
                        for index, month in enumerate(months):
                            percent = min(100, speed * (index + 1))
                            at = datetime.datetime.combine(
                                (month + datetime.timedelta(days=32)).replace(day=1)
                                - datetime.timedelta(days=3),
                                datetime.time(10, rng.randint(0, 59)),
                                tzinfo=BANGKOK,
                            )
                            reports.append(
                                ProgressReport(
                                    activity_id=activity_id,
                                    period=month,
                                    status=ProgressStatus.DONE
                                    if percent == 100
                                    else ProgressStatus.IN_PROGRESS,
                                    percent=percent,
                                    narrative=rng.choice(NARRATIVES),
                                    review_state=ReviewState.ACCEPTED,
                                    submitted_at=at,
                                    reviewed_at=at + datetime.timedelta(days=1),
                                )
                            )
                            if percent == 100:
                                break
                    insert(ProgressReport, reports)
                made["plans"] += 1
                made["activities"] += len(activities)
                made["progress reports"] += len(reports)
                bar.update(1)
    return made
