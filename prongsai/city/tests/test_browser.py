"""The BMA's coordinator on a desktop and the director on a phone: the city dashboard, a district's
drill-down and the push with its confirmation. No console error, no accessibility violation."""

import pytest
from playwright.sync_api import expect

from prongsai.disclosure import services as disclosure_services
from prongsai.disclosure.models import Adoption

from .helpers import make_city

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _watch(page, errors):
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda exc: errors.append(str(exc)))


def _login(page, live_server, username):
    page.goto(f"{live_server.url}/staff/login/")
    page.get_by_label("ชื่อผู้ใช้").fill(username)
    page.get_by_label("รหัสผ่าน").fill("correct horse battery staple")
    page.get_by_role("button", name="เข้าสู่ระบบ").click()


def test_the_city_dashboard_drill_down_and_push(live_server, phone, desktop, axe_check):
    disclosure_services.catalogues_load_shipped()
    city = make_city(3)
    errors: list[str] = []
    _watch(phone, errors)
    _watch(desktop, errors)

    # The coordinator opens the dashboard from the staff home and reads the districts side by side.
    _login(desktop, live_server, "bma.coordinator")
    desktop.get_by_role("link", name="เปรียบเทียบหน่วยงานในสังกัด").click()
    desktop.get_by_label("ปีงบประมาณ").select_option("2566")
    desktop.get_by_role("button", name="แสดง").click()
    expect(desktop.get_by_role("link", name="สำนักงานเขต bma 02")).to_be_visible()
    assert axe_check(desktop) == []
    desktop.screenshot(path="var/screenshots/city-dashboard-desktop.png", full_page=True)
    desktop.get_by_role("link", name="สำนักงานเขต bma 02").click()
    expect(desktop.get_by_text("กิจกรรมเลยกำหนด bma-d2 2", exact=False)).to_be_visible()
    assert axe_check(desktop) == []

    # The push: choose, see what changes, confirm.
    desktop.get_by_role("link", name="กลับไปหน้าเปรียบเทียบ").click()
    desktop.get_by_role("link", name="ส่งรายการตรวจ OIT ให้หน่วยงานในสังกัด").click()
    desktop.get_by_label("ชุดรายการตรวจ").select_option(
        label="รายการการเปิดเผยข้อมูลสาธารณะ (OIT) ของสำนักงานเขต การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของกรุงเทพมหานคร (BANGKOK ITA) ประจำปี พ.ศ. ๒๕๖๖ (2566)"
    )
    desktop.get_by_label("สำนักงานเขต bma 00").uncheck()
    assert axe_check(desktop) == []
    desktop.get_by_role("button", name="ดูสิ่งที่จะเปลี่ยน").click()
    expect(desktop.get_by_text("เริ่มใช้ชุดรายการตรวจ", exact=False).first).to_be_visible()
    assert axe_check(desktop) == []
    desktop.screenshot(path="var/screenshots/city-push-confirm-desktop.png", full_page=True)
    desktop.get_by_role("button", name="ยืนยันและส่ง").click()
    expect(desktop.get_by_text("ให้หน่วยงานในสังกัด 2 แห่งแล้ว", exact=False)).to_be_visible()
    assert Adoption.objects.filter(agency__parent=city.parent).count() == 2

    # The director on a phone: the same dashboard, read only, the table scrolling in its box.
    _login(phone, live_server, "bma.director")
    phone.goto(f"{live_server.url}/staff/bma/city/?year=2566")
    expect(phone.get_by_role("link", name="สำนักงานเขต bma 01")).to_be_visible()
    expect(phone.get_by_role("link", name="ส่งรายการตรวจ OIT ให้หน่วยงานในสังกัด")).to_have_count(0)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_check(phone) == []
    phone.screenshot(path="var/screenshots/city-dashboard-phone.png", full_page=True)
    phone.get_by_role("link", name="สำนักงานเขต bma 01").click()
    expect(phone.get_by_role("heading", name="สำนักงานเขต bma 01")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_check(phone) == []
    assert errors == []
