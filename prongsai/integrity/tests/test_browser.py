"""A whistleblower on a phone files a complaint with a photo, a handler answers on a desktop, and the
whistleblower reads the answer with the receipt; every page of the module opens without a console error."""

import pytest
from playwright.sync_api import expect

from prongsai.integrity import services
from prongsai.integrity.models import Complaint

from .helpers import png_bytes

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


def test_a_complaint_filed_on_a_phone_with_evidence_is_answered_and_the_answer_read_with_the_receipt(
    world, live_server, phone, desktop, axe_check, tmp_path, settings
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    photo = tmp_path / "receipt-photo.png"
    photo.write_bytes(png_bytes())
    phone_errors, desktop_errors = _watch(phone), _watch(desktop)

    phone.goto(f"{live_server.url}/pathumwan/complaints/")
    phone.get_by_role("link", name="แจ้งเรื่องร้องเรียนการทุจริต").click()
    phone.get_by_label("เรื่องที่ต้องการแจ้ง").select_option("bribery")
    phone.get_by_label("ฝ่ายที่เกี่ยวข้อง").select_option(label="ฝ่ายโยธา")
    phone.get_by_label("เกิดอะไรขึ้น").fill("เจ้าหน้าที่ขอเงิน ๕,๐๐๐ บาท เพื่อเร่งออกใบอนุญาต ไม่มีใบเสร็จ")
    phone.get_by_label("ไฟล์หลักฐาน (ถ้ามี)").set_input_files(str(photo))
    phone.get_by_label("ฉันต้องการให้ข้อมูลตัวตนและช่องทางติดต่อกลับ").check()
    phone.get_by_label("ชื่อ-นามสกุล").fill("นางสาวกล้าหาญ ใจซื่อ")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_check(phone) == []
    phone.screenshot(path="var/screenshots/integrity-complaint-form-phone.png", full_page=True)
    phone.get_by_role("button", name="ส่งเรื่อง").click()
    phone.get_by_role("heading", name="รับเรื่องของคุณแล้ว").wait_for()
    code = phone.locator("#receipt-code").inner_text()
    passphrase = phone.locator("#receipt-passphrase").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_check(phone) == []
    phone.screenshot(path="var/screenshots/integrity-receipt-phone.png", full_page=True)

    complaint = Complaint.objects.get()
    assert complaint.evidence.count() == 1 and complaint.has_identity

    _login(desktop, live_server, "chai.complaints")
    desktop.goto(f"{live_server.url}/staff/pathumwan/integrity/complaints/")
    desktop.get_by_role("link", name=complaint.ref).click()
    expect(desktop.get_by_text("ไม่มีใบเสร็จ", exact=False)).to_be_visible()
    expect(desktop.get_by_role("link", name="receipt-photo.png")).to_be_visible()
    desktop.get_by_role("textbox", name="ข้อความ").fill("ได้รับเรื่องแล้ว ขอทราบวันที่เกิดเหตุโดยประมาณ")
    desktop.get_by_role("button", name="ส่งข้อความถึงผู้ร้องเรียน").click()
    expect(desktop.get_by_text("ส่งข้อความถึงผู้ร้องเรียนแล้ว")).to_be_visible()
    desktop.screenshot(path="var/screenshots/integrity-case-desktop.png", full_page=True)

    phone.goto(f"{live_server.url}/report/")
    phone.get_by_label("รหัสรับเรื่อง").fill(code)
    phone.get_by_label("รหัสผ่านของเรื่อง").fill(passphrase)
    phone.get_by_role("button", name="เปิดดูเรื่อง").click()
    expect(phone.get_by_text("ขอทราบวันที่เกิดเหตุโดยประมาณ")).to_be_visible()
    expect(phone.get_by_text("receipt-photo.png")).to_be_visible()
    phone.get_by_role("textbox", name="ข้อความ").fill("ประมาณวันที่ ๓ ตุลาคม ช่วงบ่าย")
    phone.get_by_role("button", name="ส่งข้อความ").click()
    expect(phone.get_by_text("ส่งข้อความแล้ว")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_check(phone) == []
    phone.screenshot(path="var/screenshots/integrity-report-phone.png", full_page=True)
    assert phone_errors == [] and desktop_errors == []


def _staff_pages(world):
    complaint, _c, _p = services.complaint_submit(
        agency=world.agency, category="procurement", department=world.public_works, what="ราคาสูงผิดปกติ"
    )
    services.complaint_move(actor=world.complaint_handler, complaint=complaint, to_state="screening")
    feedback = services.feedback_submit(agency=world.agency, kind="suggestion", subject="ไฟถนน", body="ซอยมืด")
    question = services.question_ask(agency=world.agency, text="เปิดวันเสาร์ไหม")
    base = "/staff/pathumwan/integrity/"
    return [
        ("chai.complaints", base),
        ("chai.complaints", base + "complaints/"),
        ("chai.complaints", base + "complaints/new/"),
        ("chai.complaints", base + f"complaints/{complaint.ref}/"),
        ("dao.director", base + "complaints/overview/"),
        ("ann.auditor", base + "complaints/access-log/"),
        ("bob.coordinator", base + "feedback/"),
        ("bob.coordinator", base + f"feedback/{feedback.code}/"),
        ("bob.coordinator", base + "questions/"),
        ("bob.coordinator", base + f"questions/{question.code}/"),
        ("bob.coordinator", base + "settings/"),
    ]


def test_every_back_office_page_opens_on_a_phone_and_a_desktop_without_errors(
    world, live_server, phone, desktop
):
    pages = _staff_pages(world)
    for page in (phone, desktop):
        errors = _watch(page)
        current = None
        for username, path in pages:
            if username != current:
                page.context.clear_cookies()
                _login(page, live_server, username)
                current = username
            response = page.goto(f"{live_server.url}{path}")
            assert response.status == 200, (username, path)
            if page is phone:
                assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
        assert errors == []
    phone.screenshot(path="var/screenshots/integrity-settings-phone.png", full_page=True)


def test_the_public_pages_open_on_a_phone_and_a_desktop_without_errors(world, live_server, phone, desktop):
    question = services.question_ask(agency=world.agency, text="ทิ้งเฟอร์นิเจอร์ได้ที่ไหน")
    services.question_answer(actor=world.coordinator, question=question, answer="โทรนัดรถมารับถึงบ้าน")
    services.question_publish(actor=world.coordinator, question=question)
    paths = [
        "/pathumwan/complaints/",
        "/pathumwan/complaints/new/",
        "/pathumwan/complaints/statistics/2566/",
        "/pathumwan/feedback/",
        "/pathumwan/feedback/status/",
        "/pathumwan/questions/",
        "/report/",
    ]
    for page in (phone, desktop):
        errors = _watch(page)
        for path in paths:
            response = page.goto(f"{live_server.url}{path}")
            assert response.status == 200, path
            if page is phone:
                assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
        assert errors == []
    phone.goto(f"{live_server.url}/pathumwan/feedback/")
    phone.get_by_label("ข้อเสนอแนะ").check()
    phone.locator("#id_subject").fill("ขอไฟส่องสว่าง")
    phone.get_by_label("รายละเอียด").fill("ซอยมืดมากตอนกลางคืน")
    phone.get_by_role("button", name="ส่ง", exact=True).click()
    code = phone.locator("#tracking-code").inner_text()
    phone.get_by_role("link", name="ดูสถานะ").click()
    expect(phone.get_by_text("รับเรื่องแล้ว").first).to_be_visible()
    assert code
    phone.screenshot(path="var/screenshots/integrity-feedback-status-phone.png", full_page=True)


@pytest.mark.parametrize("language", ["th", "en"])
def test_the_public_pages_pass_axe_in_thai_and_english(
    world, live_server, phone, desktop, axe_check, language
):
    services.channel_settings_save(actor=world.coordinator, agency=world.agency, phone="สายด่วน ๑๕๕๕")
    paths = [
        "/pathumwan/complaints/",
        "/pathumwan/complaints/new/",
        "/pathumwan/complaints/statistics/2566/",
        "/pathumwan/feedback/",
        "/pathumwan/feedback/status/",
        "/pathumwan/questions/",
        "/report/",
    ]
    for page in (phone, desktop):
        if language == "en":
            page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
        for path in paths:
            assert page.goto(f"{live_server.url}{path}").status == 200, path
            assert axe_check(page) == [], path
