"""Disclosure journeys in a real Chromium."""

import pytest
from playwright.sync_api import expect

from prongsai.disclosure import services
from prongsai.disclosure.models import Catalogue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _login(page, live_server, username):
    page.goto(f"{live_server.url}/staff/login/")
    page.get_by_label("ชื่อผู้ใช้").fill(username)
    page.get_by_label("รหัสผ่าน").fill("correct horse battery staple")
    page.get_by_role("button", name="เข้าสู่ระบบ").click()


def test_an_officer_publishes_a_file_the_coordinator_approves_and_a_citizen_downloads_it(
    world, live_server, desktop, phone, tmp_path
):
    services.catalogues_load_shipped()
    services.catalogue_adopt(
        actor=world.coordinator,
        agency=world.agency,
        catalogue=Catalogue.objects.get(scheme="bangkok-district", year=2566),
    )
    document = tmp_path / "กฎหมายฝ่ายปกครอง.pdf"
    document.write_bytes(PDF)

    _login(desktop, live_server, "alice.officer")
    desktop.goto(f"{live_server.url}/staff/pathumwan/oit/2566/o04/")
    desktop.get_by_label("ชื่อเรื่อง").fill("กฎหมายส่วนการปกครอง")
    desktop.get_by_label("ไฟล์ (PDF, Word, Excel, CSV, JPEG, PNG ไม่เกิน 20 MB)").set_input_files(str(document))
    desktop.get_by_role("button", name="ส่งเพื่ออนุมัติ").click()
    expect(desktop.get_by_text("รอผู้ประสานงานอนุมัติ", exact=False)).to_be_visible()

    desktop.context.clear_cookies()
    _login(desktop, live_server, "bob.coordinator")
    desktop.goto(f"{live_server.url}/staff/pathumwan/oit/2566/o04/")
    desktop.get_by_role("button", name="อนุมัติเผยแพร่").click()
    expect(desktop.get_by_text("อนุมัติแล้ว").first).to_be_visible()
    desktop.screenshot(path="var/screenshots/oit-item-staff.png", full_page=True)

    phone.goto(f"{live_server.url}/pathumwan/oit/2566/")
    phone.get_by_role("link", name="O04", exact=False).first.click()
    with phone.expect_download() as download:
        phone.get_by_role("link", name="กฎหมายส่วนการปกครอง").click()
    assert download.value.suggested_filename == "กฎหมายฝ่ายปกครอง.pdf"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.screenshot(path="var/screenshots/oit-item-phone.png", full_page=True)


def test_who_submits_an_entry_is_not_offered_its_approval_and_the_director_approves_it(
    world, live_server, desktop, tmp_path
):
    services.catalogues_load_shipped()
    services.catalogue_adopt(
        actor=world.coordinator,
        agency=world.agency,
        catalogue=Catalogue.objects.get(scheme="bangkok-district", year=2566),
    )
    document = tmp_path / "อำนาจหน้าที่.pdf"
    document.write_bytes(PDF)
    errors = []
    desktop.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    _login(desktop, live_server, "bob.coordinator")
    desktop.goto(f"{live_server.url}/staff/pathumwan/oit/2566/o02/")
    desktop.get_by_label("ชื่อเรื่อง").fill("อำนาจหน้าที่ของสำนักงานเขต")
    desktop.get_by_label("ไฟล์ (PDF, Word, Excel, CSV, JPEG, PNG ไม่เกิน 20 MB)").set_input_files(str(document))
    desktop.get_by_role("button", name="ส่งเพื่ออนุมัติ").click()
    expect(desktop.get_by_text("รอผู้ประสานงานอนุมัติ", exact=False)).to_be_visible()
    expect(desktop.get_by_role("button", name="อนุมัติเผยแพร่")).to_have_count(0)

    desktop.context.clear_cookies()
    _login(desktop, live_server, "dao.director")
    desktop.wait_for_url(f"{live_server.url}/staff/pathumwan/")
    expect(desktop.get_by_text("รายการ OIT รออนุมัติ")).to_be_visible()  # on the director's home
    desktop.goto(f"{live_server.url}/staff/pathumwan/oit/2566/o02/")
    desktop.get_by_role("button", name="อนุมัติเผยแพร่").click()
    expect(desktop.get_by_text("อนุมัติแล้ว").first).to_be_visible()
    assert errors == []
