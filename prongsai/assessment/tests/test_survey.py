"""Staff answer the IIT with an invitation code and no identity; service users answer the EIT by link."""

import logging
import re

import pytest
from django.db import connection

from prongsai.assessment import selectors, services
from prongsai.assessment.models import Answer, Invitation

from .helpers import answers_for, eit_url, iit_url, open_round, post_data

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.77"
AGENT = "Mozilla/5.0 (SurveyTest; Android 14)"
REFERER = "https://intranet.example.org/staff/alice"


def _all_stored_text() -> str:
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names from the schema itself
            for row in cursor.fetchall():
                chunks.extend(str(v) for v in row)
    return "\n".join(chunks)


def _issue(world, round, n=3):
    return services.invitations_issue(actor=world.coordinator, agency=world.agency, round=round, count=n)


def test_a_staff_member_answers_once_with_a_code_and_the_answer_keeps_no_identity(world, client):
    round = open_round(world)
    code = _issue(world, round)[0]
    answers = answers_for(round.instrument, "iit", level=3)
    client.force_login(world.officer)  # even signed in, the answer is not tied to the account
    response = client.post(
        iit_url(round),
        post_data(answers, code=code.lower().replace("-", " "), department=world.administration.pk),
        REMOTE_ADDR=ADDRESS,
        HTTP_USER_AGENT=AGENT,
        HTTP_REFERER=REFERER,
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    assert "บันทึกคำตอบของท่านแล้ว" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    answer = Answer.objects.get()
    assert answer.answers == answers and answer.department == world.administration
    # The row has no person, no code, no time: exactly these columns.
    assert {f.column for f in Answer._meta.concrete_fields} == {
        "id", "round_id", "kind", "department_id", "answered_on", "answers",
    }  # fmt: skip
    assert {f.column for f in Invitation._meta.concrete_fields} == {
        "id",
        "round_id",
        "batch",
        "digest",
        "used",
    }
    assert Invitation.objects.filter(used=True).count() == 1
    stored = _all_stored_text()
    for leak in (code, ADDRESS, "SurveyTest", "intranet.example.org"):
        assert leak not in stored
    # No audit entry or status event was written for the answer (each would be a timestamp).
    from prongsai.agencies.models import AuditEntry, StatusEvent

    assert not AuditEntry.objects.filter(model__startswith="assessment.answer").exists()
    assert StatusEvent.objects.count() == 1  # the round's opening only

    again = client.post(iit_url(round), post_data(answers, code=code))
    assert again.status_code == 422
    assert "รหัสนี้ใช้ไม่ได้ หรือถูกใช้ไปแล้ว" in again.content.decode()
    assert Answer.objects.count() == 1


def test_a_wrong_code_keeps_what_was_answered_and_saves_nothing(world, client):
    round = open_round(world)
    _issue(world, round)
    answers = answers_for(round.instrument, "iit", level=2)
    response = client.post(iit_url(round), post_data(answers, code="ZZZZ-ZZZZ-ZZ"))
    assert response.status_code == 422
    page = response.content.decode()
    assert "รหัสนี้ใช้ไม่ได้" in page
    checked = re.findall(r'<input type="radio" name="(i\d+_\d)" value="(\w+)"[^>]*checked>', page)
    assert len(checked) == sum(len(v) for v in answers.values()) and ("i1_0", "2") in checked
    assert not Answer.objects.exists() and not Invitation.objects.filter(used=True).exists()


def test_an_unanswered_question_is_refused_in_thai_and_the_code_is_not_spent(world, client):
    round = open_round(world)
    code = _issue(world, round)[0]
    answers = answers_for(round.instrument, "iit", level=4)
    data = post_data(answers, code=code)
    del data["i17_0"]
    response = client.post(iit_url(round), data)
    assert response.status_code == 422 and "โปรดเลือกคำตอบ" in response.content.decode()
    assert not Answer.objects.exists() and not Invitation.objects.filter(used=True).exists()


def test_the_logs_hold_no_address_or_browser_of_a_respondent(world, client, caplog):
    caplog.set_level(logging.DEBUG)
    round = open_round(world)
    meta = {"REMOTE_ADDR": ADDRESS, "HTTP_USER_AGENT": AGENT, "HTTP_REFERER": REFERER}
    client.post(iit_url(round), {"code": "nope"}, **meta)  # 422, logged by Django with the request
    client.get("/pathumwan/survey/eit/NOPE-NOPE/", **meta)  # 404
    assert caplog.records, "the test must see Django's request log to prove anything"
    for record in caplog.records:
        text = repr(record.__dict__) + record.getMessage()
        request = getattr(record, "request", None)
        if request is not None:
            text += repr(request.META)
        assert ADDRESS not in text and "SurveyTest" not in text and "intranet.example.org" not in text


def test_a_service_user_answers_the_eit_without_a_code_and_flooding_is_throttled(world, client):
    round = open_round(world)
    answers = answers_for(round.instrument, "eit", level=4)
    for _ in range(10):
        assert client.post(eit_url(round), post_data(answers), REMOTE_ADDR=ADDRESS).status_code == 200
    response = client.post(eit_url(round), post_data(answers), REMOTE_ADDR=ADDRESS)
    assert response.status_code == 429
    assert Answer.objects.filter(kind="eit").count() == 10
    # another client is not blocked
    assert client.post(eit_url(round), post_data(answers), REMOTE_ADDR="198.51.100.2").status_code == 200


def test_a_round_stops_taking_answers_at_its_bound(world, client, monkeypatch):
    round = open_round(world)
    monkeypatch.setattr(services, "MAX_EIT_ANSWERS", 2)
    answers = answers_for(round.instrument, "eit", level=4)
    for _ in range(2):
        services.eit_answer(round=round, answers=answers)
    response = client.post(eit_url(round), post_data(answers))
    assert response.status_code == 422 and "รับคำตอบครบจำนวนแล้ว" in response.content.decode()


def test_a_closed_round_takes_no_answer(world, client):
    round = open_round(world)
    services.round_close(actor=world.coordinator, agency=world.agency, round=round)
    answers = answers_for(round.instrument, "eit", level=4)
    response = client.post(eit_url(round), post_data(answers))
    assert response.status_code == 410 and not Answer.objects.exists()
    assert client.get(f"/nongchok/survey/eit/{round.code}/").status_code == 404  # other agency's address


def _add(round, department, n, level, day="2023-03-01"):
    for _ in range(n):
        Answer.objects.create(
            round=round, kind="iit", department=department, answered_on=day,
            answers=answers_for(round.instrument, "iit", level=level),
        )  # fmt: skip


def test_groups_under_five_show_no_result(world):
    round = open_round(world)
    _add(round, world.administration, 4, 4, "2023-03-01")
    d = selectors.dashboard(round)
    assert d.iit is None and d.iit_count == 4  # four answers in all: nothing shown
    assert all(g.score is None for g in d.groups)
    _add(round, world.registration, 6, 3, "2023-03-02")
    d = selectors.dashboard(round)
    assert d.iit is not None and d.iit_counted == 10
    groups = {g.label: g for g in d.groups}
    assert groups["ฝ่ายปกครอง"].score is None and groups["ฝ่ายปกครอง"].answers == 4
    # ฝ่ายทะเบียน counts five of its six (a whole block): 67 everywhere
    assert groups["ฝ่ายทะเบียน"].score is not None and groups["ฝ่ายทะเบียน"].answers == 6


def test_one_more_answer_never_moves_a_result_so_it_cannot_be_read_off_the_change(world):
    round = open_round(world)
    _add(round, world.administration, 5, 4, "2023-03-01")
    _add(round, world.registration, 5, 2, "2023-03-02")
    before = selectors.dashboard(round)
    for n in range(1, 5):
        _add(round, world.administration, 1, 1, "2023-03-03")  # the worst answers possible
        after = selectors.dashboard(round)
        assert after.iit_count == 10 + n and after.iit_counted == 10
        assert after.iit.score == before.iit.score
        assert [g.score for g in after.groups] == [g.score for g in before.groups]
        assert "IIT นับ 10 จาก" in " ".join(after.notes)
    _add(round, world.public_works, 1, 1, "2023-03-03")
    assert selectors.dashboard(round).iit_counted == 15  # a whole block of five more


def test_while_a_round_is_open_todays_staff_answers_wait_until_tomorrow(world):
    from django.utils import timezone

    round = open_round(world)
    _add(round, world.administration, 5, 4, timezone.localdate().isoformat())
    assert selectors.dashboard(round).iit is None
    services.round_close(actor=world.coordinator, agency=world.agency, round=round)
    round.refresh_from_db()
    assert selectors.dashboard(round).iit is not None


def test_the_survey_pages_speak_english_when_asked(world, client):
    round = open_round(world)
    client.cookies["django_language"] = "en"
    page = client.get(eit_url(round)).content.decode()
    assert "Service-user survey (EIT)" in page and "may differ slightly from the NACC" in page
    page = client.get(iit_url(round)).content.decode()
    assert (
        "Invitation code (from your slip)" in page
        and "does not remember which code gave which answer" in page
    )
