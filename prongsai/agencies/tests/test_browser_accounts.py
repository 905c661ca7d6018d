"""The account pages in a real Chromium, phone and desktop: two-step sign-in set up and used, and the
forgotten-password page; no console error on any of them."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def _code(device) -> str:
    from django_otp.oath import totp

    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _sign_in(page, url, username):
    page.goto(f"{url}/staff/login/")
    page.get_by_label("ชื่อผู้ใช้").fill(username)
    page.get_by_label("รหัสผ่าน").fill("correct horse battery staple")
    page.get_by_role("button", name="เข้าสู่ระบบ").click()


@pytest.mark.parametrize("device_name", ["phone", "desktop"])
def test_a_coordinator_sets_up_two_step_sign_in_and_uses_it(
    world, live_server, settings, request, device_name
):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.OTP_REQUIRED = True
    page = request.getfixturevalue(device_name)
    errors = _errors(page)
    _sign_in(page, live_server.url, "bob.coordinator")
    page.wait_for_url(re.compile(r".*/staff/2fa/setup/.*"))
    expect(page.get_by_role("img", name="รหัส QR สำหรับแอปยืนยันตัวตน")).to_be_visible()
    device = TOTPDevice.objects.get(user=world.coordinator, confirmed=False)
    page.get_by_label("รหัสจากแอป").fill(_code(device))
    page.get_by_role("button", name="ยืนยันและเปิดใช้").click()
    assert page.locator(".recovery-codes li").count() == 10
    page.screenshot(path=f"var/screenshots/twofactor-codes-{device_name}.png", full_page=True)
    codes = [c.strip() for c in page.locator(".recovery-codes code").all_inner_texts()]
    page.get_by_role("link", name="ไปหน้าหลัก").click()
    page.wait_for_url(f"{live_server.url}/staff/pathumwan/")

    if device_name == "phone":  # the header's links fold behind the menu button on a phone
        page.get_by_text("เมนู", exact=True).click()
    page.get_by_role("button", name="ออกจากระบบ (bob.coordinator)").click()
    _sign_in(page, live_server.url, "bob.coordinator")
    page.wait_for_url(re.compile(r".*/staff/2fa/\?next=.*"))
    page.get_by_label("รหัส", exact=True).fill(codes[0])
    page.get_by_role("button", name="ยืนยัน").click()
    page.wait_for_url(f"{live_server.url}/staff/pathumwan/")
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert errors == []


def test_the_forgotten_password_page_on_a_phone(world, live_server, phone):
    from django.core import mail

    world.officer.email = "alice@pathumwan.example.go.th"
    world.officer.save()
    errors = _errors(phone)
    phone.goto(f"{live_server.url}/staff/login/")
    phone.get_by_role("link", name="ลืมรหัสผ่าน").click()
    phone.get_by_label("อีเมล").fill("alice@pathumwan.example.go.th")
    phone.get_by_role("button", name="ส่งลิงก์ตั้งรหัสผ่านใหม่").click()
    expect(phone.get_by_role("status")).to_be_visible()
    link = re.search(r"http://[^/]+(/staff/password-reset/\S+/)", mail.outbox[0].body)[1]
    phone.goto(f"{live_server.url}{link}")
    phone.get_by_label("รหัสผ่านใหม่", exact=True).fill("ใหม่-ปลอดภัย-2567")
    phone.get_by_label("ยืนยันรหัสผ่านใหม่").fill("ใหม่-ปลอดภัย-2567")
    phone.get_by_role("button", name="บันทึกรหัสผ่าน").click()
    expect(phone.get_by_role("link", name="เข้าสู่ระบบ")).to_be_visible()
    phone.screenshot(path="var/screenshots/password-reset-done-phone.png", full_page=True)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert errors == []


@pytest.mark.parametrize("device_name", ["phone", "desktop"])
def test_a_coordinator_turns_off_e_mails_and_chooses_thai_digits_without_console_errors(
    world, live_server, request, device_name
):
    page = request.getfixturevalue(device_name)
    errors = _errors(page)
    _sign_in(page, live_server.url, "bob.coordinator")
    page.wait_for_url(f"{live_server.url}/staff/pathumwan/")
    page.goto(f"{live_server.url}/staff/preferences/")
    page.get_by_label("รับอีเมลแจ้งเตือนงาน").uncheck()
    page.get_by_role("button", name="บันทึก").click()
    expect(page.get_by_text("บันทึกการตั้งค่าแล้ว")).to_be_visible()
    expect(page.get_by_label("รับอีเมลแจ้งเตือนงาน")).not_to_be_checked()
    page.goto(f"{live_server.url}/staff/pathumwan/settings/")
    page.get_by_label("เลขไทย (๐-๙)").check()
    page.get_by_role("button", name="บันทึก").click()
    expect(page.get_by_text("บันทึกการตั้งค่าแล้ว")).to_be_visible()
    if device_name == "phone":
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    world.agency.refresh_from_db()
    assert world.agency.web_digits == "thai"
    assert errors == []
