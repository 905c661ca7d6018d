"""A person applies on a phone, gets the receipt and code, tracks, is asked for a document, uploads it; an
officer approves; the person sees the approval and rates. No console error on any page."""

import pytest
from playwright.sync_api import expect

from prongsai.eservice.models import ReportGroup, Request, State
from prongsai.eservice.services import StepSpec

from .helpers import PDF_BYTES, make_service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _watch(page, errors):
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda exc: errors.append(str(exc)))


def _login(page, live_server, username):
    page.goto(f"{live_server.url}/staff/login/")
    page.get_by_label("ชื่อผู้ใช้").fill(username)
    page.get_by_label("รหัสผ่าน").fill("correct horse battery staple")
    page.get_by_role("button", name="เข้าสู่ระบบ").click()


def test_apply_track_send_a_document_get_approved_and_rate(
    world, live_server, phone, desktop, axe_check, tmp_path
):
    make_service(world, steps=[StepSpec("ตรวจสอบเอกสาร", 1), StepSpec("พิจารณาอนุมัติ", 2)])
    errors: list[str] = []
    _watch(phone, errors)
    _watch(desktop, errors)
    document = tmp_path / "ทะเบียนบ้าน.pdf"
    document.write_bytes(PDF_BYTES)

    # The person finds the service on a phone and applies.
    phone.goto(f"{live_server.url}/pathumwan/")
    phone.get_by_role("link", name="งานบริการ").first.click()
    phone.get_by_role("link", name="การแจ้งย้ายที่อยู่").click()
    assert axe_check(phone) == []
    phone.get_by_role("link", name="ยื่นคำขอออนไลน์").click()
    phone.get_by_label("ชื่อ-นามสกุล").fill("สมหญิง รักไทย")
    phone.get_by_label("เบอร์โทรศัพท์").fill("0898765432")
    phone.get_by_label("สำเนาทะเบียนบ้าน").set_input_files(str(document))
    phone.get_by_label("ข้าพเจ้ายินยอม", exact=False).check()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_check(phone) == []
    phone.get_by_role("button", name="ยื่นคำขอ").click()

    # The receipt: code, QR, PDF.
    code = phone.locator("#tracking-code").inner_text()
    receipt_url = phone.url
    request = Request.objects.get(code=code)
    assert request.applicant_name == "สมหญิง รักไทย" and request.files.count() == 1
    expect(phone.locator("img.qr")).to_be_visible()
    assert axe_check(phone) == []
    phone.screenshot(path="var/screenshots/eservice-receipt-phone.png", full_page=True)
    with phone.expect_download() as download:
        phone.get_by_role("link", name="ดาวน์โหลดใบรับคำขอ (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")

    # Tracking by typing the code (as people do: lower case, no dashes).
    phone.goto(f"{live_server.url}/track/")
    phone.get_by_label("รหัสติดตาม").fill(code.lower().replace("-", ""))
    phone.get_by_role("button", name="ตรวจสอบสถานะ").click()
    expect(phone.get_by_text("ได้รับคำขอแล้ว").first).to_be_visible()
    expect(phone.get_by_text("สม*** รั***")).to_be_visible()
    assert axe_check(phone) == []

    # The officer asks for a document.
    _login(desktop, live_server, "alice.officer")
    desktop.goto(f"{live_server.url}/staff/pathumwan/eservice/")
    desktop.get_by_role("link", name=code).click()
    expect(desktop.get_by_text("สมหญิง รักไทย")).to_be_visible()
    desktop.locator("summary", has_text="ขอเอกสารเพิ่มเติม").click()
    desktop.locator("#msg-needs_documents").fill("โปรดส่งหนังสือยินยอมจากเจ้าบ้าน")
    desktop.get_by_role("button", name="ขอเอกสารเพิ่มเติม").click()
    expect(desktop.get_by_text("บันทึกแล้ว")).to_be_visible()
    desktop.screenshot(path="var/screenshots/eservice-staff-request-desktop.png", full_page=True)

    # The person sees what is asked and sends it from the receipt page.
    phone.goto(receipt_url)
    expect(phone.get_by_text("โปรดส่งหนังสือยินยอมจากเจ้าบ้าน").first).to_be_visible()
    assert axe_check(phone) == []
    phone.get_by_label("ไฟล์ที่ 1").set_input_files(str(document))
    phone.get_by_role("button", name="ส่งเอกสาร").click()
    expect(phone.get_by_text("ส่งเอกสารแล้ว", exact=False).first).to_be_visible()

    # The officer accepts, approves and completes.
    desktop.reload()
    for action in ("รับเรื่อง (เอกสารครบถ้วน)", "อนุมัติ/อนุญาต", "ดำเนินการเสร็จสิ้น (แจ้งผล/ส่งมอบแล้ว)"):
        desktop.locator("summary", has_text=action).click()
        desktop.locator("details[open]").get_by_role("button", name=action).click()
        expect(desktop.get_by_text("บันทึกแล้ว")).to_be_visible()
    request.refresh_from_db()
    assert request.state == State.COMPLETED

    # The person sees the approval and rates, once.
    phone.goto(f"{live_server.url}/track/{code}/")
    expect(phone.get_by_text("อนุมัติ/อนุญาตแล้ว").first).to_be_visible()
    expect(phone.get_by_text("เสร็จสิ้น").first).to_be_visible()
    phone.screenshot(path="var/screenshots/eservice-track-phone.png", full_page=True)
    phone.goto(receipt_url)
    phone.get_by_role("link", name="ประเมินความพึงพอใจต่อการให้บริการ").click()
    assert axe_check(phone) == []
    phone.get_by_label("๕ พอใจมากที่สุด").check()
    phone.get_by_label("ข้อเสนอแนะ (ถ้ามี)").fill("สะดวก ไม่ต้องไปเขต")
    phone.get_by_role("button", name="ส่งผลการประเมิน").click()
    expect(phone.get_by_text("ขอบคุณสำหรับการประเมิน", exact=False)).to_be_visible()
    request.refresh_from_db()
    assert request.rating == 5
    assert errors == []


def test_the_other_public_pages_pass_axe_on_a_desktop(world, live_server, desktop, axe_check):
    errors: list[str] = []
    _watch(desktop, errors)
    make_service(world, slug="building", group=ReportGroup.BUILDING_PERMIT)
    for path, status in (
        ("/pathumwan/services/building-permits/2566/", 200),
        ("/pathumwan/services/statistics/2566/", 200),
        ("/track/NOPE-NOPE-00/", 404),
        ("/staff/pathumwan/eservice/", 200),
    ):
        if path.startswith("/staff/") and "login" not in desktop.url:
            _login(desktop, live_server, "bob.coordinator")
        response = desktop.goto(f"{live_server.url}{path}")
        assert response.status == status, path
        assert axe_check(desktop) == [], path
        if status == 404:  # the browser reports the page's own status; nothing else may be logged
            errors[:] = [e for e in errors if "status of 404" not in e]
    assert errors == []


def test_the_back_office_pages_on_a_phone_and_a_desktop(world, live_server, phone, desktop, axe_check):
    from .helpers import apply

    errors: list[str] = []
    service = make_service(world)
    request = apply(world, service)
    paths = [
        "/staff/pathumwan/eservice/",
        "/staff/pathumwan/eservice/?timing=late_soon",
        f"/staff/pathumwan/eservice/requests/{request.code}/",
        "/staff/pathumwan/eservice/new/",
        "/staff/pathumwan/eservice/statistics/",
        "/staff/pathumwan/eservice/services/",
        "/staff/pathumwan/eservice/services/new/",
        f"/staff/pathumwan/eservice/services/{service.slug}/edit/",
    ]
    for page in (phone, desktop):
        _watch(page, errors)
        _login(page, live_server, "bob.coordinator")
        for path in paths:
            response = page.goto(f"{live_server.url}{path}")
            assert response.status == 200, path
            assert axe_check(page) == [], path
    phone.goto(f"{live_server.url}/staff/pathumwan/eservice/requests/{request.code}/")
    phone.screenshot(path="var/screenshots/eservice-staff-request-phone.png", full_page=True)
    assert errors == []
