"""The statistics equal the counts computed here, independently, from the requests the test made."""

import datetime
import math
import random
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

import pytest
import time_machine

from prongsai.agencies.models import Holiday
from prongsai.eservice import exports, selectors, services
from prongsai.eservice.models import ReportGroup, State
from prongsai.eservice.services import Outcome, StepSpec
from prongsai.thai import workdays

from .helpers import at, make_service, pdf

pytestmark = pytest.mark.django_db

HOLIDAYS = {datetime.date(2022, 12, 5): "วันพ่อ", datetime.date(2023, 1, 2): "ชดเชยปีใหม่"}


def _working(start: datetime.date, n: int) -> datetime.date:
    return workdays.add_working_days(start, n, set(HOLIDAYS))


def _move(world, request, state, day, message="ข้อความ", actor=None, outcome=None):
    with time_machine.travel(at(day.isoformat(), 14), tick=False):
        services.request_transition(
            actor=actor or world.coordinator,
            request=request,
            to_state=state,
            message=message,
            outcome=outcome,
        )


def _q(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.fixture
def made(world):
    for day, name in HOLIDAYS.items():
        Holiday.objects.create(date=day, name=name)
    long_service = make_service(world)  # 7 working days, ฝ่ายปกครอง
    short_service = make_service(
        world,
        slug="id-card",
        name="ทำบัตรประจำตัวประชาชน",
        department=world.registration,
        steps=[StepSpec("ถ่ายภาพ", 1)],
    )
    rng = random.Random(7)
    truth = []
    received_days = [datetime.date(2022, 10, 3) + datetime.timedelta(days=i) for i in range(150)]
    received_days = [d for d in received_days if workdays.is_working_day(d, set(HOLIDAYS))]
    for _ in range(36):
        service = rng.choice([long_service, short_service])
        received = rng.choice(received_days)
        with time_machine.travel(at(received.isoformat(), 9), tick=False):
            request = services.request_submit(
                agency=world.agency, service=service, applicant_name="ผู้ทดสอบ สถิติ", applicant_phone="081"
            )
        fact = {"service": service, "received": received, "waits": [], "closed": None, "rating": None}
        day = received
        if rng.random() < 0.3:
            asked = _working(day, rng.randint(0, 1))
            back = _working(asked, rng.randint(1, 6))
            _move(world, request, State.NEEDS_DOCUMENTS, asked)
            with time_machine.travel(at(back.isoformat(), 15), tick=False):
                services.request_documents_send(
                    request=request,
                    uploads=[(None, pdf())],
                )
            fact["waits"].append((asked, back))
            day = back
        fate = rng.choice(["complete", "complete", "complete", "refuse", "open"])
        if fate == "open":
            truth.append(fact)
            continue
        if fate == "refuse":
            day = _working(day, rng.randint(0, 9))
            _move(world, request, State.REFUSED, day, "ไม่อนุมัติ เพราะเหตุผลทดสอบ")
        else:
            day = _working(day, rng.randint(0, 2))
            _move(world, request, State.ACCEPTED, day)
            day = _working(day, rng.randint(0, 8))
            _move(world, request, State.APPROVED, day)
            _move(world, request, State.COMPLETED, day)
            if rng.random() < 0.6:
                fact["rating"] = rng.randint(1, 5)
                services.request_rate(request=request, rating=fact["rating"])
        fact["closed"] = day
        truth.append(fact)
    return truth, long_service, short_service


def test_the_monthly_statistics_equal_an_independent_count(world, made):
    truth, long_service, short_service = made
    standard = {long_service.pk: 7, short_service.pk: 1}
    start, end = datetime.date(2022, 10, 1), datetime.date(2023, 9, 30)
    stats = selectors.statistics(world.agency, start, end)

    received = defaultdict(int)
    closed = defaultdict(list)
    for fact in truth:
        received[(fact["received"].replace(day=1), fact["service"].pk)] += 1
        if fact["closed"]:
            days = workdays.working_days_between(fact["received"], fact["closed"], set(HOLIDAYS))
            days -= sum(workdays.working_days_between(a, b, set(HOLIDAYS)) for a, b in fact["waits"])
            closed[(fact["closed"].replace(day=1), fact["service"].pk)].append((days, fact["rating"]))
    assert stats.total.received == len(truth)
    assert stats.total.completed == sum(1 for f in truth if f["closed"])
    keys = set(received) | set(closed)
    assert keys and {k for k, f in stats.by_month_service.items() if f.received or f.completed} == keys
    for key in keys:
        figures = stats.by_month_service[key]
        rows = closed.get(key, [])
        days = sorted(d for d, _r in rows)
        ratings = [r for _d, r in rows if r is not None]
        assert figures.received == received.get(key, 0), key
        assert figures.completed == len(rows), key
        assert figures.on_time == sum(d <= standard[key[1]] for d in days), key
        assert figures.late == sum(d > standard[key[1]] for d in days), key
        assert figures.average_days == (_q(Decimal(sum(days)) / len(days)) if days else None), key
        assert figures.p90_days == (days[math.ceil(len(days) * 0.9) - 1] if days else None), key
        assert figures.rating_mean == (_q(Decimal(sum(ratings)) / len(ratings)) if ratings else None), key
    # A department's figures are the sum of its services'.
    department = stats.by_department[world.registration.pk]
    assert department.received == sum(v for (m, s), v in received.items() if s == short_service.pk)


def test_the_statistics_download_as_pdf_and_xlsx_with_the_same_figures(client, world, made):
    truth, *_ = made
    import io

    from openpyxl import load_workbook

    with time_machine.travel(at("2023-04-05"), tick=False):
        xlsx = client.get("/pathumwan/services/statistics/2566.xlsx")
        pdf = client.get("/pathumwan/services/statistics/2566.pdf")
        page = client.get("/pathumwan/services/statistics/2566/")
    assert xlsx.status_code == pdf.status_code == page.status_code == 200
    assert pdf.content.startswith(b"%PDF") and pdf["Content-Disposition"].startswith("attachment")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    total = next(row for row in values if row and row[0] == "รวมทั้งหน่วยงาน")
    assert total[1] == len(truth)


def test_statistics_cost_a_fixed_number_of_queries(world, made, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        selectors.statistics(world.agency, datetime.date(2022, 10, 1), datetime.date(2023, 9, 30))


def test_the_building_permit_register_lists_what_was_issued_without_personal_data(client, world):
    service = make_service(
        world, slug="building", name="ขออนุญาตก่อสร้างอาคาร", group=ReportGroup.BUILDING_PERMIT
    )
    with time_machine.travel(at("2023-02-01"), tick=False):
        request = services.request_submit(
            agency=world.agency,
            service=service,
            applicant_name="นายทดสอบ ก่อสร้าง",
            applicant_phone="0899999999",
        )
    _move(world, request, State.ACCEPTED, datetime.date(2023, 2, 2))
    _move(
        world,
        request,
        State.APPROVED,
        datetime.date(2023, 3, 1),
        outcome=Outcome("12/2566", "อาคารพักอาศัย ๓ ชั้น แขวงวังใหม่", Decimal("320.00"), Decimal("640.00")),
    )
    page = client.get("/pathumwan/services/building-permits/2566/").content.decode()
    assert "12/2566" in page, page[page.find("<main") :]
    assert "อาคารพักอาศัย ๓ ชั้น แขวงวังใหม่" in page and "๖๔๐.๐๐" in page
    assert "นายทดสอบ" not in page and "0899999999" not in page
    assert client.get("/pathumwan/services/signboards/2566/").status_code == 404  # no signboard service here
    table = exports.register_table(
        world.agency, "building_permit", "t", "p", [request], {request.pk: datetime.date(2023, 3, 1)}
    )
    assert table.total["amount"] == Decimal("640.00")
