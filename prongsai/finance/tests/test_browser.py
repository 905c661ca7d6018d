"""The finance officer imports the seed's budget report on a desktop and sees its two mismatches; the
coordinator publishes; a citizen reads the budget and the procurement pages on a phone."""

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from .helpers import SEED_ROWS, SEED_TOTAL, procurement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _watch(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def _login(page, live_server, username):
    page.goto(f"{live_server.url}/staff/login/")
    page.get_by_label("ชื่อผู้ใช้").fill(username)
    page.get_by_label("รหัสผ่าน").fill("correct horse battery staple")
    page.get_by_role("button", name="เข้าสู่ระบบ").click()


def test_the_seed_report_is_imported_published_and_read_on_a_phone(
    fin, live_server, phone, desktop, axe_check, tmp_path
):
    book = Workbook()
    book.active.append(["หมวดรายจ่าย", "งบประมาณหลังปรับโอน", "เบิกจ่ายทั้งสิ้น", "งบประมาณคงเหลือ", "ร้อยละการเบิกจ่าย"])
    for row in [*SEED_ROWS, SEED_TOTAL]:
        book.active.append(list(row))
    book.active.append(["ข้อมูล ณ วันที่ 10 พ.ค.66"])
    report = tmp_path / "budget-2566.xlsx"
    book.save(report)
    procurement(fin)
    desktop_errors, phone_errors = _watch(desktop), _watch(phone)

    _login(desktop, live_server, "fon.finance")
    desktop.goto(f"{live_server.url}/staff/pathumwan/finance/budget/import/")
    desktop.get_by_label("ปีงบประมาณ (พ.ศ.)").fill("2566")
    desktop.get_by_label("ไฟล์รายงาน (XLSX หรือ CSV)").set_input_files(str(report))
    desktop.get_by_role("button", name="นำเข้า").click()
    expect(desktop.get_by_text("ตัวเลขที่พิมพ์ไว้ไม่ตรงกัน 2 จุด")).to_be_visible()
    desktop.screenshot(path="var/screenshots/finance-import-desktop.png", full_page=True)
    desktop.context.clear_cookies()
    _login(desktop, live_server, "bob.coordinator")
    desktop.goto(f"{live_server.url}/staff/pathumwan/finance/budget/2566/")
    desktop.get_by_role("button", name="เผยแพร่").click()
    expect(desktop.get_by_text("เผยแพร่แล้ว").first).to_be_visible()
    desktop.goto(f"{live_server.url}/staff/pathumwan/finance/")
    expect(desktop.locator("#flags")).to_be_visible()

    for path in ("/pathumwan/budget/2566/", "/pathumwan/procurement/2566/"):
        phone.goto(live_server.url + path)
        expect(phone.locator("h1")).to_be_visible()
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
        assert axe_check(phone) == []
        phone.screenshot(path=f"var/screenshots/finance-{path.split('/')[2]}-phone.png", full_page=True)
    expect(phone.get_by_text("ร้านรุ่งเรืองพาณิชย์").first).to_be_visible()
    phone.goto(live_server.url + "/pathumwan/budget/2566/")
    expect(phone.get_by_role("heading", name="ตัวเลขที่ต่างจากเอกสารที่พิมพ์เผยแพร่")).to_be_visible()
    phone.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    for path in ("/pathumwan/budget/2566/", "/pathumwan/procurement/2566/"):
        phone.goto(live_server.url + path)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
        assert axe_check(phone) == [], path
    expect(phone.get_by_role("heading", name="Monthly procurement summary (SKR-1)")).to_be_visible()
    assert desktop_errors == [] and phone_errors == []
