"""The coordinator records a risk on a desktop and sees it on the heat map; an officer reads their
department's register on a phone; the director publishes an announcement that the public reads on a phone.
No console error, no sideways scroll at 360 px, axe clean."""

import pytest
from playwright.sync_api import expect

from prongsai.integrity import register
from prongsai.integrity.models import Announcement, Risk

from .helpers import png_bytes, upload
from .test_announcements import PDF, draft

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


def _no_sideways_scroll(page):
    wide = page.evaluate(
        "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > "
        "document.documentElement.clientWidth).slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + "
        "Math.round(e.getBoundingClientRect().right))"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"], wide


def test_a_risk_recorded_on_a_desktop_is_read_by_its_officer_on_a_phone(
    world, live_server, phone, desktop, axe_check
):
    desktop_errors, phone_errors = _watch(desktop), _watch(phone)
    _login(desktop, live_server, "bob.coordinator")
    desktop.goto(f"{live_server.url}/staff/pathumwan/integrity/risks/new/")
    desktop.get_by_label("ปีงบประมาณ (พ.ศ.)").fill("2566")
    desktop.get_by_label("ฝ่าย").select_option(label="ฝ่ายปกครอง")
    desktop.get_by_label("กระบวนงาน").fill("การจดทะเบียนพาณิชย์")
    desktop.get_by_label("ประเภทความเสี่ยง").select_option("permission")
    desktop.get_by_label("เหตุการณ์ความเสี่ยง").fill("เรียกรับเงินเพื่อจดทะเบียนให้เสร็จในวันเดียว")
    desktop.get_by_label("โอกาส (ก่อนควบคุม)").select_option("4")
    desktop.get_by_label("ผลกระทบ (ก่อนควบคุม)").select_option("3")
    desktop.get_by_label("โอกาส (หลังควบคุม)").select_option("2")
    desktop.get_by_label("ผลกระทบ (หลังควบคุม)").select_option("3")
    desktop.get_by_label("ผู้รับผิดชอบ (ตำแหน่ง)").fill("หัวหน้าฝ่ายปกครอง")
    assert axe_check(desktop) == []
    desktop.get_by_role("button", name="บันทึก").click()
    expect(desktop.get_by_text("บันทึกความเสี่ยงแล้ว")).to_be_visible()
    expect(desktop.get_by_text("โอกาส 4 × ผลกระทบ 3 = 12 (สูง)")).to_be_visible()
    assert axe_check(desktop) == []
    desktop.goto(f"{live_server.url}/staff/pathumwan/integrity/risks/?year=2566")
    expect(desktop.locator("svg.heatmap title").first).to_contain_text("ทั้งหมด 1 ความเสี่ยง")
    assert axe_check(desktop) == []
    desktop.screenshot(path="var/screenshots/integrity-risk-register-desktop.png", full_page=True)

    _login(phone, live_server, "alice.officer")
    phone.goto(f"{live_server.url}/staff/pathumwan/integrity/risks/?year=2566")
    phone.get_by_role("link", name="การจดทะเบียนพาณิชย์").click()
    expect(phone.get_by_role("heading", name="การจดทะเบียนพาณิชย์")).to_be_visible()
    _no_sideways_scroll(phone)
    assert axe_check(phone) == []
    phone.screenshot(path="var/screenshots/integrity-risk-phone.png", full_page=True)
    assert Risk.objects.get().department == world.administration
    # the criteria (read-only for the officer, editable for the coordinator) and the findings pages
    for page in (phone, desktop):
        for path in ("risks/criteria/", "risks/findings/", "announcements/"):
            page.goto(f"{live_server.url}/staff/pathumwan/integrity/{path}")
            assert axe_check(page) == [], path
            _no_sideways_scroll(page)
    desktop.goto(f"{live_server.url}/staff/pathumwan/integrity/risks/criteria/")
    desktop.get_by_label("เกณฑ์ 5").first.fill("เกิดขึ้นทุกเดือน")
    desktop.get_by_role("button", name="บันทึกเกณฑ์").first.click()
    expect(desktop.get_by_text("บันทึกเกณฑ์แล้ว")).to_be_visible()
    phone.goto(f"{live_server.url}/staff/pathumwan/integrity/risks/criteria/")
    expect(phone.get_by_text("เกิดขึ้นทุกเดือน")).to_be_visible()
    phone.screenshot(path="var/screenshots/integrity-risk-criteria-phone.png", full_page=True)
    assert desktop_errors == [] and phone_errors == []


def test_the_director_publishes_an_announcement_the_public_reads_on_a_phone(
    world, live_server, phone, desktop, axe_check
):
    item = draft(world, kind="director_participation", title="ผู้อำนวยการเขตปทุมวันมอบนโยบาย No Gift")
    register.announcement_photo_add(
        actor=world.coordinator,
        announcement=item,
        upload=upload("a.png", png_bytes()),
        caption="มอบนโยบายแก่บุคลากร",
    )
    register.announcement_submit(actor=world.coordinator, announcement=item)
    desktop_errors, phone_errors = _watch(desktop), _watch(phone)
    _login(desktop, live_server, "dao.director")
    desktop.goto(f"{live_server.url}/staff/pathumwan/integrity/announcements/{item.code}/")
    desktop.get_by_label("อนุมัติให้เผยแพร่").check()
    assert axe_check(desktop) == []
    desktop.get_by_role("button", name="บันทึกผลการพิจารณา").click()
    expect(desktop.get_by_text("เผยแพร่แล้ว", exact=True)).to_be_visible()
    item.refresh_from_db()
    assert item.state == Announcement.State.PUBLISHED

    phone.goto(f"{live_server.url}/pathumwan/announcements/{item.code}/")
    expect(phone.get_by_text("นายสมชาย ตั้งใจดี")).to_be_visible()
    expect(phone.get_by_role("img", name="มอบนโยบายแก่บุคลากร")).to_be_visible()
    _no_sideways_scroll(phone)
    assert axe_check(phone) == []
    phone.screenshot(path="var/screenshots/integrity-announcement-phone.png", full_page=True)
    assert desktop_errors == [] and phone_errors == []
    assert PDF.startswith(b"%PDF")
