"""The back office: queues per department with filters, the request page and its actions, requests from
the counter and other channels, the catalogue editor, and the staff API."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prongsai.agencies.models import AuditEntry
from prongsai.api.services import api_token_create
from prongsai.eservice import services
from prongsai.eservice.models import Request, Service, State

from .helpers import apply, at, make_service

pytestmark = pytest.mark.django_db

QUEUE = "/staff/pathumwan/eservice/"


@pytest.fixture
def service(world):
    return make_service(world)


def test_an_officer_sees_the_queue_of_their_department_only(world, login, service):
    other = make_service(world, slug="id-card", name="ทำบัตรประจำตัวประชาชน", department=world.registration)
    mine, theirs = apply(world, service), apply(world, other)
    html = login(world.works_officer).get(QUEUE).content.decode()
    assert mine.code not in html and theirs.code not in html
    html = login(world.officer).get(QUEUE).content.decode()
    assert mine.code in html and theirs.code not in html
    assert login(world.officer).get(f"{QUEUE}requests/{theirs.code}/").status_code == 404
    html = login(world.director).get(QUEUE).content.decode()
    assert mine.code in html and theirs.code in html


def test_the_queue_filters_by_state_service_and_late_soon(world, login, service):
    with time_machine.travel(at("2023-06-01"), tick=False):
        old = apply(world, service)
    with time_machine.travel(at("2023-06-08"), tick=False):
        client = login(world.coordinator)
        fresh = apply(world, service)
        services.request_transition(
            actor=world.coordinator, request=fresh, to_state=State.NEEDS_DOCUMENTS, message="ขอเอกสาร"
        )
        late = client.get(QUEUE, {"timing": "late"}).content.decode()
        everything = client.get(QUEUE).content.decode()
        waiting = client.get(QUEUE, {"state": "needs_documents"}).content.decode()
    assert old.code in everything and fresh.code in everything
    assert old.code not in late  # 5 of 7 working days used: not late yet
    assert fresh.code in waiting and old.code not in waiting
    with time_machine.travel(at("2023-06-09"), tick=False):
        client = login(world.coordinator)  # a staff session lasts a working day
        soon = client.get(QUEUE, {"timing": "late_soon"}).content.decode()
    assert old.code in soon and fresh.code not in soon  # 6 of 7 working days used; the waiting one is paused
    with time_machine.travel(at("2023-06-20"), tick=False):
        client = login(world.coordinator)
        late = client.get(QUEUE, {"timing": "late"}).content.decode()
    assert old.code in late and fresh.code not in late


@pytest.mark.parametrize("params", [{}, {"timing": "late"}, {"state": "all"}])
def test_the_queue_costs_the_same_queries_for_3_and_12_requests(world, login, service, params):
    client = login(world.coordinator)
    for _ in range(3):
        apply(world, service)
    client.get(QUEUE, params)
    with CaptureQueriesContext(connection) as few:
        client.get(QUEUE, params)
    for _ in range(9):
        apply(world, service)
    with CaptureQueriesContext(connection) as many:
        response = client.get(QUEUE, params)
    assert response.status_code == 200
    assert len(few) == len(many)


def test_the_request_page_shows_the_timeline_with_internal_notes_and_the_allowed_actions(
    world, login, service
):
    request = apply(world, service)
    services.request_transition(
        actor=world.officer, request=request, to_state=State.ACCEPTED, internal_note="เอกสารครบ"
    )
    client = login(world.works_officer)
    html = client.get(f"{QUEUE}requests/{request.code}/").content.decode()
    assert "สมชาย ใจดี" in html and "เอกสารครบ" in html and "alice.officer" in html
    assert "ส่งต่อขั้นตอนถัดไป" in html and "อนุมัติ/อนุญาต" in html
    response = client.post(
        f"{QUEUE}requests/{request.code}/transition/", {"to_state": State.IN_STEP, "message": "ตรวจสถานที่แล้ว"}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.state == State.IN_STEP and request.step == 2


@pytest.mark.parametrize("role", ["director", "auditor"])
def test_a_reader_sees_the_request_but_may_not_move_it(world, login, service, role):
    request = apply(world, service)
    client = login(getattr(world, role))
    page = client.get(f"{QUEUE}requests/{request.code}/")
    assert page.status_code == 200 and "ดำเนินการ</h2>" not in page.content.decode()
    response = client.post(f"{QUEUE}requests/{request.code}/transition/", {"to_state": State.ACCEPTED})
    assert response.status_code == 403
    assert Request.objects.get(pk=request.pk).state == State.RECEIVED


def test_the_complaint_handler_does_not_see_requests(world, login, service):
    request = apply(world, service)
    assert login(world.complaint_handler).get(f"{QUEUE}requests/{request.code}/").status_code == 403


def test_a_refusal_without_a_reason_is_shown_and_nothing_changes(world, login, service):
    request = apply(world, service)
    response = login(world.officer).post(
        f"{QUEUE}requests/{request.code}/transition/", {"to_state": State.REFUSED, "message": ""}
    )
    assert response.status_code == 422 and "โปรดแจ้งเหตุผล" in response.content.decode()
    assert Request.objects.get(pk=request.pk).state == State.RECEIVED


def test_an_officer_records_a_traffy_fondue_request_with_its_reference(world, login, service):
    client = login(world.officer)
    refused = client.post(
        f"{QUEUE}new/",
        {
            "service": service.pk,
            "channel": "traffy",
            "applicant_name": "ผู้แจ้ง ทราฟฟี่",
            "applicant_phone": "081",
        },
    )
    assert refused.status_code == 422 and "เลขอ้างอิง" in refused.content.decode()
    response = client.post(
        f"{QUEUE}new/",
        {
            "service": service.pk,
            "channel": "traffy",
            "outside_reference": "2023-MX7F2K",
            "applicant_name": "ผู้แจ้ง ทราฟฟี่",
            "applicant_phone": "081",
        },
    )
    request = Request.objects.get()
    assert (
        response.status_code == 302
        and request.channel == "traffy"
        and request.outside_reference == "2023-MX7F2K"
    )
    assert request.created_by == world.officer
    assert AuditEntry.objects.filter(model="eservice.request", actor=world.officer, action="create").exists()


def test_an_officer_may_not_record_a_request_for_another_departments_service(world, login):
    service = make_service(world, slug="id-card", department=world.registration)
    response = login(world.works_officer).post(
        f"{QUEUE}new/",
        {"service": service.pk, "channel": "counter", "applicant_name": "ก ข", "applicant_phone": "081"},
    )
    assert response.status_code in (403, 422)
    assert not Request.objects.exists()


def test_the_coordinator_edits_a_service_and_the_edit_is_audited(world, login, service):
    client = login(world.coordinator)
    response = client.post(
        f"{QUEUE}services/{service.slug}/edit/",
        {
            "name": "การแจ้งย้ายที่อยู่ (ปรับปรุง)",
            "slug": service.slug,
            "department": world.administration.pk,
            "kind": "registration",
            "steps_text": "ตรวจสอบเอกสาร | ๑\nตรวจสอบสถานที่ | 2 | public-works",
            "documents_text": "สำเนาทะเบียนบ้าน | ๑ ฉบับ\n? หนังสือมอบอำนาจ",
            "checklist_text": "ตรวจชื่อ",
            "fees_text": "ค่าธรรมเนียม | ๒๐",
            "accepts_online": "on",
            "is_published": "on",
            "order": "0",
        },
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.name.endswith("(ปรับปรุง)") and [s.working_days for s in service.steps.all()] == [1, 2]
    entry = (
        AuditEntry.objects.filter(model="eservice.service", actor=world.coordinator).order_by("-seq").first()
    )
    assert entry.before["name"] == "การแจ้งย้ายที่อยู่" and entry.after["name"].endswith("(ปรับปรุง)")
    assert len(entry.before["steps"]) == 4 and len(entry.after["steps"]) == 2


def test_a_bad_step_line_is_refused_in_thai_and_nothing_changes(world, login, service):
    response = login(world.coordinator).post(
        f"{QUEUE}services/new/",
        {
            "name": "ใหม่",
            "slug": "new-service",
            "department": world.administration.pk,
            "kind": "other",
            "steps_text": "ขั้นตอนเดียว",
            "order": "0",
        },
    )
    assert response.status_code == 422 and "บรรทัดที่ 1" in response.content.decode()
    assert not Service.objects.filter(slug="new-service").exists()


@pytest.mark.parametrize("role", ["officer", "director"])
def test_only_the_coordinator_edits_the_catalogue(world, login, service, role):
    assert login(getattr(world, role)).get(f"{QUEUE}services/new/").status_code == 403


def test_the_staff_statistics_page(world, login, service):
    with time_machine.travel(at("2023-01-10"), tick=False):
        apply(world, service)
        response = login(world.director).get(f"{QUEUE}statistics/", {"year": "2566"})
    assert response.status_code == 200 and "การแจ้งย้ายที่อยู่" in response.content.decode()


# --- API ----------------------------------------------------------------------------------------------


def _token(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='t')[1]}"}


def test_the_staff_api_lists_and_moves_requests_with_the_same_rules(client, world, service):
    request = apply(world, service)
    listing = client.get("/api/v1/agencies/pathumwan/requests", **_token(world.officer)).json()
    assert [r["code"] for r in listing["items"]] == [request.code]
    url = f"/api/v1/agencies/pathumwan/requests/{request.code}/transitions"
    refused = client.post(
        url, {"to_state": "accepted"}, content_type="application/json", **_token(world.director)
    )
    assert refused.status_code == 403
    illegal = client.post(
        url, {"to_state": "completed"}, content_type="application/json", **_token(world.officer)
    )
    assert illegal.status_code == 422
    moved = client.post(
        url,
        {"to_state": "accepted", "message": "รับเรื่องแล้ว"},
        content_type="application/json",
        **_token(world.officer),
    )
    assert moved.status_code == 200 and moved.json()["state"] == "accepted"
    assert (
        client.get("/api/v1/agencies/pathumwan/requests", **_token(world.works_officer)).json()["count"] == 1
    )


def test_the_staff_api_list_costs_the_same_queries_for_3_and_12_requests(client, world, service):
    headers = _token(world.coordinator)
    for _ in range(3):
        apply(world, service)
    client.get("/api/v1/agencies/pathumwan/requests", **headers)
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/agencies/pathumwan/requests", **headers)
    for _ in range(9):
        apply(world, service)
    with CaptureQueriesContext(connection) as many:
        body = client.get("/api/v1/agencies/pathumwan/requests", **headers).json()
    assert body["count"] == 12 and len(few) == len(many)


def test_the_timing_of_a_request_uses_the_agencys_holidays(world, service):
    from prongsai.agencies.services import holiday_add
    from prongsai.eservice import selectors

    with time_machine.travel(at("2023-07-26"), tick=False):
        request = apply(world, service)
    holiday_add(
        actor=world.coordinator, agency=None, date=datetime.date(2023, 7, 28), name="วันเฉลิมพระชนมพรรษา"
    )
    view = selectors.request_view(request, staff=False, today=datetime.date(2023, 7, 27))
    # 7 working days from Wed 26 Jul, skipping Fri 28 Jul: 27, 31 Jul, 1, 2, 3, 4, 7 Aug.
    assert view.schedule.due_on == datetime.date(2023, 8, 7)
