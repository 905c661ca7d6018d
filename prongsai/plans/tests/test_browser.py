"""Plan journeys in a real Chromium."""

import pytest
from playwright.sync_api import expect

from .helpers import import_seed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, username):
    page.goto(f"{live_server.url}/staff/login/")
    page.get_by_label("ชื่อผู้ใช้").fill(username)
    page.get_by_label("รหัสผ่าน").fill("correct horse battery staple")
    page.get_by_role("button", name="เข้าสู่ระบบ").click()


def test_an_officer_reports_a_month_on_a_phone_and_the_coordinator_accepts_it(
    world, live_server, phone, desktop
):
    plan = import_seed(world).plan
    activity = plan.activities.get(order=1)
    _login(phone, live_server, "alice.officer")
    phone.goto(f"{live_server.url}/staff/pathumwan/plans/2566/activities/{activity.pk}/?period=2023-01")
    phone.get_by_label("สถานะ").select_option("in_progress")
    phone.get_by_label("ร้อยละความคืบหน้า").fill("40")
    phone.get_by_label("ผลการดำเนินงาน").fill("จัดกิจกรรมบริการด้วยใจ ครั้งที่ ๔")
    phone.get_by_role("button", name="ส่งรายงาน").click()
    expect(phone.get_by_text("ส่งรายงานแล้ว")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.screenshot(path="var/screenshots/activity-report-phone.png", full_page=True)

    _login(desktop, live_server, "bob.coordinator")
    desktop.goto(f"{live_server.url}/staff/pathumwan/plans/2566/")
    expect(desktop.get_by_text("รายงานรอตรวจ (1)")).to_be_visible()
    desktop.goto(f"{live_server.url}/staff/pathumwan/plans/2566/activities/{activity.pk}/")
    desktop.get_by_role("button", name="รับรอง").click()
    expect(desktop.get_by_text("บันทึกผลการตรวจแล้ว")).to_be_visible()
    expect(desktop.get_by_text("รับรองแล้ว").first).to_be_visible()
    desktop.screenshot(path="var/screenshots/activity-accepted.png", full_page=True)


def _console_errors(page) -> list[str]:
    errors: list[str] = []

    def on_console(message):
        if message.type == "error":
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_the_coordinator_reviews_the_import_on_a_phone_and_starts_next_years_plan_on_a_desktop(
    world, live_server, phone, desktop
):
    plan = import_seed(world).plan
    review = f"{live_server.url}/staff/pathumwan/plans/2566/review/"
    phone_errors = _console_errors(phone)
    _login(phone, live_server, "bob.coordinator")
    phone.goto(review)
    expect(phone.get_by_role("heading", name="ตรวจผลการนำเข้าแผน")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    budget = plan.import_warnings.filter(kind="budget").first()
    section = phone.locator(f"#warning-{budget.pk}")
    section.get_by_label("หมายเหตุ / เหตุผล").fill("ตัวเลขตามรายงานของฝ่ายการคลัง")
    section.get_by_role("button", name="บันทึก").click()
    expect(phone.get_by_text("บันทึกการแก้ไขข้อสังเกตแล้ว")).to_be_visible()
    phone.screenshot(path="var/screenshots/plan-review-phone.png", full_page=True)
    assert phone_errors == []

    desktop_errors = _console_errors(desktop)
    _login(desktop, live_server, "bob.coordinator")
    for path in ("2566/review/", "memo-settings/", "2566/next-year/"):
        desktop.goto(f"{live_server.url}/staff/pathumwan/plans/{path}")
        expect(desktop.locator("h1")).to_be_visible()
    desktop.get_by_role("button", name="สร้างแผนปีใหม่").click()
    expect(desktop.get_by_text("สร้างแผนปีใหม่จากแผนนี้แล้ว")).to_be_visible()
    desktop.screenshot(path="var/screenshots/plan-next-year.png", full_page=True)
    assert desktop_errors == []


def test_an_officer_finds_a_returned_report_on_the_home_and_re_submits_it_with_the_old_values(
    world, live_server, phone
):
    import datetime

    import time_machine

    from prongsai.plans.services import report_review, report_submit

    with time_machine.travel(datetime.datetime(2023, 3, 10, 9, 0, tzinfo=datetime.UTC), tick=True):
        plan = import_seed(world).plan
        activity = plan.activities.current().for_departments([world.administration.pk]).first()
        report = report_submit(
            actor=world.officer, activity=activity, period=datetime.date(2023, 3, 1),
            status="in_progress", percent=45, narrative="ติดตั้งป้ายบอกทางแล้ว ๓ จุด",
        )  # fmt: skip
        report_review(actor=world.coordinator, report=report, accept=False, comment="โปรดแนบภาพถ่ายป้าย")
        errors = _console_errors(phone)
        _login(phone, live_server, "alice.officer")
        phone.wait_for_url(f"{live_server.url}/staff/pathumwan/")
        expect(phone.get_by_text("ส่งกลับมาให้แก้ไข")).to_be_visible()
        expect(phone.get_by_text("โปรดแนบภาพถ่ายป้าย", exact=False).first).to_be_visible()
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
        phone.screenshot(path="var/screenshots/staff-home-returned-phone.png", full_page=True)
        phone.locator(".todo-returned a").first.click()
        expect(phone.get_by_label("ร้อยละความคืบหน้า")).to_have_value("45")
        expect(phone.get_by_label("ผลการดำเนินงาน")).to_have_value("ติดตั้งป้ายบอกทางแล้ว ๓ จุด")
        phone.get_by_label("ผลการดำเนินงาน").fill("ติดตั้งป้ายบอกทางแล้ว ๓ จุด พร้อมภาพถ่าย")
        phone.get_by_role("button", name="ส่งรายงาน").click()
        expect(phone.get_by_text("ส่งรายงานแล้ว")).to_be_visible()
        assert errors == []


def test_the_director_opens_the_chart_dashboard_and_downloads_the_monthly_memo(world, live_server, desktop):
    from .helpers import publish_seed

    plan = publish_seed(world).plan
    errors = _console_errors(desktop)
    _login(desktop, live_server, "dao.director")
    desktop.goto(f"{live_server.url}/staff/pathumwan/plans/{plan.ref}/")
    expect(desktop.locator("figure.percent-bars svg").first).to_be_visible()
    assert desktop.locator("figure svg[role=img]").count() >= 2
    desktop.screenshot(path="var/screenshots/director-dashboard.png", full_page=True)
    with desktop.expect_download() as download:
        desktop.get_by_role("link", name="PDF").nth(
            1
        ).click()  # the first is the whole plan, then the newest memo
    assert download.value.suggested_filename.startswith("รายงานผลมาตรการ-pathumwan-2566-09")
    assert download.value.suggested_filename.endswith(".pdf")
    assert errors == []
