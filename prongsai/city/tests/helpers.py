"""A city of N districts with distinct figures, made with plain records (each district's numbers depend on
its position, so a figure given to the wrong district shows)."""

import datetime
import secrets
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from prongsai.agencies.models import Agency, Role
from prongsai.agencies.tests.factories import AgencyFactory, DepartmentFactory, member
from prongsai.eservice.models import Request, Service, ServiceStep
from prongsai.integrity.models import Complaint, Feedback
from prongsai.plans.models import Activity, Plan, ProgressReport

BANGKOK = ZoneInfo("Asia/Bangkok")
YEAR = 2566  # 1 Oct 2022 - 30 Sep 2023: over, so "today" does not move the figures


def at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(10), tzinfo=BANGKOK)


def district_data(agency: Agency, i: int) -> None:
    """District number ``i``: i+1 activities overdue, one done; i+2 requests received, i completed on time
    and one late; i+1 corruption complaints; i general complaints."""
    department = DepartmentFactory(agency=agency, code="administration", name="ฝ่ายปกครอง")
    plan = Plan.objects.create(agency=agency, fiscal_year=YEAR, title=f"แผน {agency.slug}")
    for n in range(i + 1):
        Activity.objects.create(
            plan=plan,
            key=f"late-{n}",
            name=f"กิจกรรมเลยกำหนด {agency.slug} {n}",
            due_date=datetime.date(2023, 1, 31),
        )
    done = Activity.objects.create(
        plan=plan, key="done", name="กิจกรรมเสร็จ", due_date=datetime.date(2023, 3, 31)
    )
    ProgressReport.objects.create(
        activity=done,
        period=datetime.date(2023, 2, 1),
        status="done",
        percent=100,
        review_state="accepted",
        submitted_at=at(datetime.date(2023, 2, 20)),
    )
    service = Service.objects.create(agency=agency, department=department, slug="house-move", name="แจ้งย้าย")
    ServiceStep.objects.create(service=service, order=1, title="พิจารณา", working_days=3)

    def request(received: datetime.date, closed: datetime.date | None):
        return Request.objects.create(
            agency=agency,
            service=service,
            department=department,
            code=secrets.token_hex(5),
            receipt_token=secrets.token_hex(16),
            rating_token=secrets.token_hex(16),
            state="completed" if closed else "received",
            applicant_name=f"ผู้ยื่น {agency.slug}",
            received_at=at(received),
            closed_at=at(closed) if closed else None,
        )

    for _n in range(i):  # Monday to Tuesday: one working day, on time
        request(datetime.date(2023, 5, 1), datetime.date(2023, 5, 2))
    request(datetime.date(2023, 5, 1), datetime.date(2023, 6, 30))  # late
    request(datetime.date(2023, 6, 1), None)  # still open
    for n in range(i + 1):
        Complaint.objects.create(
            agency=agency,
            ref=f"c{agency.pk}-{n}",
            category="bribery",
            received_at=at(datetime.date(2023, 4, 3)),
        )
    for n in range(i):
        Feedback.objects.create(
            agency=agency,
            code=f"f{agency.pk}-{n}",
            kind="complaint",
            sealed_body="{}",
            created_at=at(datetime.date(2023, 4, 4)),
        )


def make_city(n: int, *, slug: str = "bma", data: bool = True) -> SimpleNamespace:
    parent = AgencyFactory(slug=slug, name=f"เมือง {slug}", name_en=f"City {slug}", kind=Agency.Kind.OTHER)
    children = []
    for i in range(n):
        child = AgencyFactory(slug=f"{slug}-d{i}", name=f"สำนักงานเขต {slug} {i:02d}", parent=parent)
        if data:
            district_data(child, i)
        children.append(child)
    return SimpleNamespace(
        parent=parent,
        children=children,
        coordinator=member(parent, Role.COORDINATOR, username=f"{slug}.coordinator"),
        director=member(parent, Role.DIRECTOR, username=f"{slug}.director"),
        auditor=member(parent, Role.AUDITOR, username=f"{slug}.auditor"),
        officer=member(parent, Role.OFFICER, username=f"{slug}.officer"),
        district_coordinator=member(children[0], Role.COORDINATOR, username=f"{slug}.d0.coordinator")
        if children
        else None,
    )
