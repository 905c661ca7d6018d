"""On a phone a community member reads the measures, finds a tent, sees the booked days and asks to borrow it,
then follows the request by its code; on a desktop one officer of ฝ่ายเทศกิจ records a seized item's hand-over
and a second confirms it. No console error, no sideways scrolling at 360 px, no axe violation."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from prongsai.property import services
from prongsai.property.models import CustodyEvent, Loan, SeizedState

from .helpers import make_asset, make_city_law, make_item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _watch(page, errors):
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda exc: errors.append(str(exc)))


def _login(page, live_server, username):
    page.goto(f"{live_server.url}/staff/login/")
    page.get_by_label("ชื่อผู้ใช้").fill(username)
    page.get_by_label("รหัสผ่าน").fill("correct horse battery staple")
    page.get_by_role("button", name="เข้าสู่ระบบ").click()


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_community_borrows_a_tent_on_a_phone_and_staff_sign_a_hand_over_on_a_desktop(
    world, live_server, phone, desktop, axe_check
):
    make_city_law(world)
    tent = make_asset(world, lendable=True)
    booked = services.loan_request(
        agency=world.agency,
        asset=tent,
        borrower_name="นายวิชัย ใจดี",
        borrower_phone="0811111111",
        purpose="งานบวช",
        starts_on=datetime.date.today() + datetime.timedelta(days=3),
        ends_on=datetime.date.today() + datetime.timedelta(days=4),
    )
    services.loan_approve(actor=world.coordinator, loan=booked)
    services.donation_record(
        actor=world.coordinator,
        agency=world.agency,
        received_on=datetime.date.today(),
        donor_kind="person",
        donor_name="นายสุรชัย เรืองศรี",
        description="ถุงยังชีพ",
        quantity=10,
        unit="ถุง",
        value=Decimal("4500"),
        purpose="ช่วยผู้ประสบอัคคีภัย",
        department=world.administration,
    )
    item = make_item(world, seized_on=datetime.date.today() - datetime.timedelta(days=2))
    errors: list[str] = []
    _watch(phone, errors)
    _watch(desktop, errors)

    phone.goto(f"{live_server.url}/pathumwan/property/")
    expect(phone.get_by_role("heading", name="ของกลาง", exact=True)).to_be_visible()
    _fits(phone)
    assert axe_check(phone) == []
    phone.screenshot(path="var/screenshots/property-measures-phone.png", full_page=True)
    phone.get_by_role("link", name="วิธีการยืม คืน และการใช้ทรัพย์สินของราชการ").click()
    expect(phone.get_by_role("heading", name="วิธีการยืม คืน และการใช้ทรัพย์สินของราชการ")).to_be_visible()
    assert axe_check(phone) == []
    phone.get_by_role("link", name="ดูทรัพย์สินที่ขอยืมได้").click()
    assert axe_check(phone) == []
    phone.get_by_role("link", name=tent.name).click()
    expect(phone.locator("td.booked").first).to_be_visible()
    assert "วิชัย" not in phone.content()
    _fits(phone)
    assert axe_check(phone) == []
    start = datetime.date.today() + datetime.timedelta(days=10)
    be = f"{start.day}/{start.month}/{start.year + 543}"
    phone.get_by_label("วันที่ยืม").fill(be)
    phone.get_by_label("วันที่กำหนดคืน").fill(be)
    phone.get_by_label("วัตถุประสงค์การใช้งาน").fill("งานทำบุญชุมชนบ่อนไก่")
    phone.get_by_label("ชื่อ-นามสกุลผู้ขอยืม").fill("นางสมศรี มีสุข")
    phone.get_by_role("textbox", name="เบอร์โทรศัพท์").fill("0812345678")
    phone.get_by_label("ข้าพเจ้ายินยอม", exact=False).check()
    phone.screenshot(path="var/screenshots/property-borrow-phone.png", full_page=True)
    phone.get_by_role("button", name="ส่งคำขอยืม").click()
    code = phone.locator("#tracking-code").inner_text()
    assert Loan.objects.get(code=code).borrower_name == "นางสมศรี มีสุข"
    expect(phone.get_by_text("รออนุมัติ")).to_be_visible()
    assert "สมศรี" not in phone.content()
    _fits(phone)
    assert axe_check(phone) == []
    for path in ("donations/", "seized/"):
        from prongsai.thai.fiscal import fiscal_year

        phone.goto(f"{live_server.url}/pathumwan/property/{path}{fiscal_year(datetime.date.today())}/")
        assert "สุรชัย" not in phone.content() and "ใจดี" not in phone.content()
        _fits(phone)
        assert axe_check(phone) == []

    # Two officers of ฝ่ายเทศกิจ: one records the hand-over, the other confirms.
    _login(desktop, live_server, "somsak.citylaw")
    desktop.goto(f"{live_server.url}/staff/pathumwan/property/seized/")
    desktop.get_by_role("link", name=item.code).click()
    desktop.locator("summary", has_text="บันทึกการเคลื่อนไหว").click()
    desktop.get_by_label("การดำเนินการ").select_option("to_police")
    desktop.get_by_label("ผู้รับมอบ/ผู้ครอบครองใหม่").fill("พนักงานสอบสวน สน.ปทุมวัน")
    desktop.get_by_role("button", name="บันทึกและลงนามคนที่หนึ่ง").click()
    expect(desktop.get_by_text("รอเจ้าหน้าที่อีกคนหนึ่งลงนามยืนยัน")).to_be_visible()
    assert desktop.get_by_role("button", name="ลงนามยืนยันเป็นคนที่สอง").count() == 0
    desktop.screenshot(path="var/screenshots/property-seized-pending-desktop.png", full_page=True)
    desktop.context.clear_cookies()
    _login(desktop, live_server, "nipa.citylaw")
    desktop.goto(f"{live_server.url}/staff/pathumwan/property/seized/{item.code}/")
    desktop.get_by_role("button", name="ลงนามยืนยันเป็นคนที่สอง").click()
    expect(desktop.get_by_text("ลงนามแล้ว")).to_be_visible()
    item.refresh_from_db()
    assert item.state == SeizedState.HANDED_POLICE and CustodyEvent.objects.get().signatures.count() == 2
    desktop.goto(f"{live_server.url}/staff/pathumwan/property/")
    desktop.screenshot(path="var/screenshots/property-register-desktop.png", full_page=True)
    assert errors == []
