"""A department fills a dataset from a file; a citizen reads it on a phone."""

import pytest
from playwright.sync_api import expect

from .helpers import make_dataset

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CSV_BAD = "ช่วงเวลา,ประเภทรายได้,จำนวนเงิน\n2565-10,ภาษีป้าย,สิบบาท\n"
CSV_GOOD = (
    "ช่วงเวลา,ประเภทรายได้,จำนวนราย,จำนวนเงิน\n"
    '2565-10,ภาษีป้าย,12,"182,500.00"\n2565-10,ค่าธรรมเนียมมูลฝอย,310,"96,420.50"\n'
    '2565-11,ภาษีป้าย,15,"191,850.00"\n2565-12,ภาษีป้าย,9,"150,000.00"\n'
    '2566-01,ภาษีป้าย,20,"210,000.00"\n2566-02,ภาษีป้าย,11,"175,300.00"\n2566-03,ภาษีป้าย,14,"188,000.00"\n'
)


def _login(page, live_server, username):
    page.goto(f"{live_server.url}/staff/login/")
    page.get_by_label("ชื่อผู้ใช้").fill(username)
    page.get_by_label("รหัสผ่าน").fill("correct horse battery staple")
    page.get_by_role("button", name="เข้าสู่ระบบ").click()


def test_an_officer_imports_a_file_on_a_phone_and_a_citizen_reads_the_chart(
    world, live_server, phone, desktop, axe_check, tmp_path
):
    dataset = make_dataset(world)
    bad, good = tmp_path / "bad.csv", tmp_path / "good.csv"
    bad.write_text(CSV_BAD, encoding="utf-8-sig")
    good.write_text(CSV_GOOD, encoding="utf-8-sig")

    _login(phone, live_server, "alice.officer")
    phone.goto(f"{live_server.url}/staff/pathumwan/datasets/{dataset.slug}/import/")
    phone.get_by_label("ไฟล์ Excel (XLSX) หรือ CSV").set_input_files(str(bad))
    phone.get_by_role("button", name="นำเข้า").click()
    expect(phone.get_by_text("พบปัญหา 1 จุด", exact=False)).to_be_visible()
    expect(phone.get_by_role("cell", name="สิบบาท", exact=False)).to_be_visible()
    phone.screenshot(path="var/screenshots/datasets-import-errors-phone.png", full_page=True)
    phone.get_by_label("ไฟล์ Excel (XLSX) หรือ CSV").set_input_files(str(good))
    phone.get_by_role("button", name="นำเข้า").click()
    expect(phone.get_by_text("นำเข้าแล้ว 7 แถว", exact=False)).to_be_visible()

    phone.context.clear_cookies()
    phone.goto(f"{live_server.url}/pathumwan/")
    phone.get_by_role("link", name="ข้อมูลสถิติ").first.click()
    phone.get_by_role("link", name=dataset.title).click()
    assert phone.locator("svg[role=img] rect").count() == 6
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_check(phone) == []
    phone.screenshot(path="var/screenshots/datasets-public-phone.png", full_page=True)
    with phone.expect_download() as download:
        phone.get_by_role("link", name="CSV").click()
    assert download.value.suggested_filename.endswith(".csv")

    desktop.goto(f"{live_server.url}/pathumwan/datasets/{dataset.slug}/")
    assert axe_check(desktop) == []
    desktop.screenshot(path="var/screenshots/datasets-public-desktop.png", full_page=True)
    desktop.goto(f"{live_server.url}/pathumwan/datasets/")
    assert axe_check(desktop) == []
