"""Plan journeys in a real Chromium."""

import pytest

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
    assert phone.get_by_text("ส่งรายงานแล้ว").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.screenshot(path="var/screenshots/activity-report-phone.png", full_page=True)

    _login(desktop, live_server, "bob.coordinator")
    desktop.goto(f"{live_server.url}/staff/pathumwan/plans/2566/")
    assert desktop.get_by_text("รายงานรอตรวจ (1)").is_visible()
    desktop.goto(f"{live_server.url}/staff/pathumwan/plans/2566/activities/{activity.pk}/")
    desktop.get_by_role("button", name="รับรอง").click()
    assert desktop.get_by_text("บันทึกผลการตรวจแล้ว").is_visible()
    assert desktop.get_by_text("รับรองแล้ว").first.is_visible()
    desktop.screenshot(path="var/screenshots/activity-accepted.png", full_page=True)
