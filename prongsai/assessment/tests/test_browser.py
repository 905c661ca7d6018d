"""A service user answers the EIT on a phone from the counter's QR code; a staff member answers the IIT with a
code on a desktop; the coordinator reads the predicted score. No console error, no sideways scrolling."""

import pytest
from playwright.sync_api import expect

from prongsai.assessment import scoring, services
from prongsai.assessment.models import Answer

from .helpers import answers_for, open_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _watch(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def _answer_all(page, instrument, kind, level):
    for code, choices in answers_for(instrument, kind, level=level).items():
        for index, choice in enumerate(choices):
            page.locator(f'input[name="{code}_{index}"][value="{choice}"]').check()


def test_a_service_user_answers_the_eit_on_a_phone(world, live_server, phone, axe_check):
    round = open_round(world)
    errors = _watch(phone)
    phone.goto(f"{live_server.url}/pathumwan/survey/eit/{round.code}/")
    expect(phone.get_by_role("heading", name="แบบสำรวจความคิดเห็นผู้รับบริการ (EIT)")).to_be_visible()
    expect(phone.get_by_text("อาจต่างจากแบบสำรวจฉบับจริงของ ป.ป.ช.")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_check(phone) == []
    # Sending with a question left out says so, and keeps what was chosen.
    _answer_all(phone, round.instrument, "eit", 3)
    phone.locator('input[name="e15_0"]:checked').evaluate("el => el.checked = false")
    phone.get_by_role("button", name="ส่งคำตอบ").click()
    expect(phone.get_by_text("โปรดตรวจคำตอบที่ทำเครื่องหมายไว้")).to_be_visible()
    assert phone.locator('input[name="e1_0"][value="3"]').is_checked()
    phone.locator('input[name="e15_0"][value="4"]').check()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.screenshot(path="var/screenshots/assessment-eit-phone.png", full_page=True)
    phone.get_by_role("button", name="ส่งคำตอบ").click()
    expect(phone.get_by_role("heading", name="ขอบคุณที่ตอบแบบสำรวจ")).to_be_visible()
    assert axe_check(phone) == []
    answer = Answer.objects.get()
    assert answer.kind == "eit" and answer.answers["e15"] == [4] and answer.answers["e1"] == [3, 3]
    # the one refused sending (422) is the browser's only complaint
    assert errors == [
        "Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)"
    ]


def test_a_staff_member_answers_the_iit_with_a_code_and_the_coordinator_reads_the_score(
    world, live_server, desktop, axe_check
):
    round = open_round(world)
    code = services.invitations_issue(actor=world.coordinator, agency=world.agency, round=round, count=1)[0]
    for level in (2, 3, 3, 4):
        services.iit_answer(
            round=round, code=services.invitations_issue(
                actor=world.coordinator, agency=world.agency, round=round, count=1
            )[0], department=None, answers=answers_for(round.instrument, "iit", level=level),
        )  # fmt: skip
    for _ in range(5):
        services.eit_answer(round=round, answers=answers_for(round.instrument, "eit", level=3))
    errors = _watch(desktop)
    desktop.goto(f"{live_server.url}/pathumwan/survey/iit/{round.code}/")
    assert axe_check(desktop) == []
    desktop.get_by_label("รหัสเชิญตอบ (จากบัตรที่ได้รับ)").fill(code.lower())
    desktop.get_by_label("ฝ่ายของท่าน (ไม่บังคับ)").select_option(label="ฝ่ายโยธา")
    _answer_all(desktop, round.instrument, "iit", 4)
    desktop.get_by_role("button", name="ส่งคำตอบ").click()
    expect(desktop.get_by_role("heading", name="ขอบคุณที่ตอบแบบสำรวจ")).to_be_visible()
    assert Answer.objects.filter(kind="iit").count() == 5

    desktop.goto(f"{live_server.url}/staff/login/")
    desktop.get_by_label("ชื่อผู้ใช้").fill("bob.coordinator")
    desktop.get_by_label("รหัสผ่าน").fill("correct horse battery staple")
    desktop.get_by_role("button", name="เข้าสู่ระบบ").click()
    desktop.goto(f"{live_server.url}/staff/pathumwan/assessment/rounds/{round.code}/")
    # today's staff answers are not counted while the round is open; closing it counts them
    expect(desktop.locator("#score-iit")).to_have_text("–")
    desktop.get_by_role("button", name="ปิดรับคำตอบ").click()
    expect(desktop.get_by_text("เปลี่ยนสถานะรอบแล้ว")).to_be_visible()
    iit = scoring.survey_scores(
        round.instrument, "iit", [a.answers for a in round.answers.filter(kind="iit")]
    )
    expect(desktop.locator("#score-iit")).to_have_text(f"{scoring.r2(iit.score):.2f}")
    expect(desktop.get_by_role("heading", name="สิ่งที่จะเพิ่มคะแนนได้มากที่สุด")).to_be_visible()
    desktop.screenshot(path="var/screenshots/assessment-dashboard-desktop.png", full_page=True)
    assert errors == []
