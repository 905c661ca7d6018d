"""The staff home tells each person what the plan needs from them this month."""

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prongsai.plans.models import Activity, Indicator, Plan
from prongsai.plans.services import report_review, report_submit

HOME = "/staff/pathumwan/"


@pytest.fixture
def plan(world):
    plan = Plan.objects.create(agency=world.agency, fiscal_year=2566, title="มาตรการส่งเสริมคุณธรรมฯ")
    indicator = Indicator.objects.create(plan=plan, number="1", title="การปฏิบัติหน้าที่")
    for key, focus, department in [
        ("a", "พัฒนาจุดบริการศูนย์ราชการฉับไว", world.administration),
        ("b", "ระบบติดตามคำขออนุญาตก่อสร้าง", world.public_works),
    ]:
        activity = Activity.objects.create(
            plan=plan, indicator=indicator, key=key, order=ord(key), focus=focus, due_date=date(2023, 9, 30)
        )
        activity.departments.add(department)
    return plan


def _submit(world, plan, key, period, **values):
    data = {"status": "in_progress", "percent": 40, "narrative": "จัดอบรมเจ้าหน้าที่แล้ว ๑ ครั้ง"} | values
    return report_submit(actor=world.officer, activity=plan.activities.get(key=key), period=period, **data)


@time_machine.travel(date(2023, 3, 15), tick=False)
def test_an_officer_sees_a_returned_report_with_the_reason_and_re_submits_from_the_old_values(
    world, login, plan
):
    report = _submit(world, plan, "a", date(2023, 3, 1), percent=55, narrative="ติดตั้งป้ายแล้วบางส่วน")
    report_review(actor=world.coordinator, report=report, accept=False, comment="โปรดแนบภาพถ่ายป้าย")
    client = login(world.officer)
    html = client.get(HOME).content.decode()
    assert "ส่งกลับมาให้แก้ไข" in html
    assert "พัฒนาจุดบริการศูนย์ราชการฉับไว: โปรดแนบภาพถ่ายป้าย" in html
    assert "ระบบติดตามคำขออนุญาตก่อสร้าง" not in html  # another department's activity
    form = client.get(
        f"/staff/pathumwan/plans/2566/activities/{report.activity_id}/?period=2023-03"
    ).content.decode()
    assert "รายงานนี้ถูกส่งกลับให้แก้ไข" in form and "โปรดแนบภาพถ่ายป้าย" in form
    assert 'value="55"' in form and "ติดตั้งป้ายแล้วบางส่วน</textarea>" in form


@time_machine.travel(date(2023, 3, 15), tick=False)
def test_an_accepted_month_shows_its_report_and_no_form(world, login, plan):
    report = _submit(world, plan, "a", date(2023, 3, 1), percent=70, narrative="ติดตั้งป้ายครบทุกจุด")
    report_review(actor=world.coordinator, report=report, accept=True)
    html = (
        login(world.officer)
        .get(f"/staff/pathumwan/plans/2566/activities/{report.activity_id}/?period=2023-03")
        .content.decode()
    )
    assert "รายงานเดือนนี้ได้รับการรับรองแล้ว" in html and "ติดตั้งป้ายครบทุกจุด" in html
    assert 'name="percent"' not in html


@time_machine.travel(date(2023, 3, 15), tick=False)
def test_the_home_lists_what_is_owed_this_month_and_the_months_missed(world, login, plan):
    _submit(world, plan, "a", date(2023, 1, 1))
    html = login(world.officer).get(HOME).content.decode()
    assert "ต้องส่งเดือนนี้" in html and "รายงานผลเดือน มี.ค. 2566" in html
    assert "เลยกำหนดแล้ว" in html and "ก.พ. 2566" in html  # February was never reported


@time_machine.travel(date(2023, 3, 15), tick=False)
def test_the_coordinator_sees_reports_waiting_for_review_and_the_auditor_has_nothing_to_do(
    world, login, plan
):
    _submit(world, plan, "a", date(2023, 3, 1))
    coordinator = login(world.coordinator).get(HOME).content.decode()
    assert "รอการตรวจหรืออนุมัติจากคุณ" in coordinator and "รายงานรอตรวจ" in coordinator
    auditor = login(world.auditor).get(HOME).content.decode()
    assert "ไม่มีงานค้าง" in auditor and "ผู้ตรวจสอบ" in auditor  # the role by its name, not "auditor"


@time_machine.travel(date(2023, 3, 15), tick=False)
def test_the_home_makes_the_same_queries_for_few_and_many_reports(world, login, plan):
    client = login(world.coordinator)
    indicator = plan.indicators.first()

    def count(n):
        for i in range(n):
            activity = Activity.objects.create(
                plan=plan, indicator=indicator, key=f"x{n}-{i}", order=100 + i, focus=f"กิจกรรม {n}-{i}"
            )
            activity.departments.add(world.administration)
            report_submit(
                actor=world.officer,
                activity=activity,
                period=date(2023, 3, 1),
                status="in_progress",
                percent=10,
            )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(HOME).status_code == 200
        return len(queries)

    assert count(3) == count(12)
