"""Public tracking: the timeline without personal data; codes cannot be enumerated."""

import re

import pytest
from django.core.cache import cache

from prongsai.eservice import services
from prongsai.eservice.models import State
from prongsai.eservice.views import TRACK_LIMIT

from .helpers import make_service, pdf

pytestmark = pytest.mark.django_db


def main(response) -> str:
    """The page's own content: the layout around it carries a fresh CSRF token on every answer."""
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def request_(world):
    service = make_service(world)
    request = services.request_submit(
        agency=world.agency,
        service=service,
        applicant_name="สมชาย ใจดี",
        applicant_phone="0812345678",
        applicant_email="somchai@example.com",
        applicant_id_number="1101700203450",
        details="ย้ายเข้าบ้านเลขที่ ๙๙ ซอยจุฬา ๕",
    )
    services.request_transition(
        actor=world.officer,
        request=request,
        to_state=State.NEEDS_DOCUMENTS,
        message="โปรดส่งสำเนาทะเบียนบ้าน",
        internal_note="ผู้ยื่นโทรมาแล้วสองครั้ง",
    )
    return request


def test_the_tracking_page_shows_the_timeline_due_date_and_a_masked_name_only(client, request_):
    response = client.get(f"/track/{request_.code}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "สม*** ใจ***" in html and "โปรดส่งสำเนาทะเบียนบ้าน" in html and "รอเอกสารเพิ่มเติม" in html
    assert "ตรวจสอบสถานที่" in html  # the steps
    for private in (
        "สมชาย",
        "ใจดี",
        "0812345678",
        "somchai@example.com",
        "1101700203450",
        "ซอยจุฬา",
        "โทรมาแล้ว",
        "alice",
    ):
        assert private not in html, private


def test_a_code_typed_in_lower_case_without_dashes_finds_the_request(client, request_):
    typed = request_.code.lower().replace("-", "").replace("0", "o")
    response = client.get(f"/track/{typed}/")
    assert response.status_code == 302 and response["Location"] == f"/track/{request_.code}/"
    response = client.get("/track/", {"code": typed})
    assert response["Location"] == f"/track/{request_.code}/"


@pytest.mark.parametrize(
    "wrong", ["AAAA-BBBB-CC", "not-a-code", "1", "X" * 40, "%3Cscript%3E", "ABCD-EFGH-JKM"]
)
def test_a_wrong_code_and_a_malformed_one_get_the_same_page(client, request_, wrong):
    reference = client.get("/track/ZZZZ-ZZZZ-ZZ/")
    response = client.get(f"/track/{wrong}/")
    assert response.status_code == reference.status_code == 404
    assert main(response) == main(reference) and "ไม่พบคำขอ" in main(response)


def test_wrong_tokens_look_like_wrong_codes(client, request_):
    reference = main(client.get("/track/ZZZZ-ZZZZ-ZZ/"))
    for path in (
        f"/track/{request_.code}/r/{request_.rating_token}/",
        f"/track/{request_.code}/r/guess/receipt.pdf",
        f"/track/{request_.code}/rate/{request_.receipt_token}/",
    ):
        response = client.get(path)
        assert response.status_code == 404 and main(response) == reference, path


def test_after_the_limit_of_wrong_guesses_every_look_up_waits_and_is_told_when(client, request_):
    for i in range(TRACK_LIMIT):
        assert client.get(f"/track/AAAA-AAAA-{i:02d}/").status_code == 404
    blocked = client.get(f"/track/{request_.code}/")  # even a right code: nothing to learn while blocked
    assert blocked.status_code == 429
    assert "โปรดลองใหม่อีกครั้งหลังเวลา" in blocked.content.decode() and int(blocked["Retry-After"]) > 0
    api = client.get(f"/api/v1/track/{request_.code}")
    assert api.status_code == 429


def test_right_codes_do_not_use_up_the_allowance(client, request_):
    for _ in range(TRACK_LIMIT + 5):
        assert client.get(f"/track/{request_.code}/").status_code == 200


def test_the_api_answers_like_the_page(client, request_):
    body = client.get(f"/api/v1/track/{request_.code.lower()}").json()
    assert body["code"] == request_.code and body["applicant"] == "สม*** ใจ***"
    assert body["state"] == "needs_documents" and body["waiting_for_documents"] is True
    assert [s["title"] for s in body["steps"]][:2] == ["ตรวจสอบเอกสาร", "ตรวจสอบสถานที่"]
    assert "ผู้ยื่นโทรมา" not in str(body) and "0812345678" not in str(body)
    wrong, malformed = client.get("/api/v1/track/AAAA-BBBB-CC"), client.get("/api/v1/track/nonsense")
    assert wrong.status_code == malformed.status_code == 404 and wrong.json() == malformed.json()


def test_the_applicant_uploads_through_the_receipt_and_the_officer_sees_it(client, login, world, request_):
    page = client.get(f"/track/{request_.code}/r/{request_.receipt_token}/")
    assert page.status_code == 200 and "ส่งเอกสารเพิ่มเติม" in page.content.decode()
    assert "data:image/svg+xml;base64," in page.content.decode()  # the QR code
    response = client.post(
        f"/track/{request_.code}/r/{request_.receipt_token}/", {"file_1": pdf("ทะเบียนบ้าน.pdf"), "kind_1": ""}
    )
    assert response.status_code == 302
    request_.refresh_from_db()
    assert request_.state == State.RECEIVED
    officer = login(world.officer)
    detail = officer.get(f"/staff/pathumwan/eservice/requests/{request_.code}/").content.decode()
    assert "ทะเบียนบ้าน.pdf" in detail and "ผู้ยื่นโทรมาแล้วสองครั้ง" in detail
    file = request_.files.order_by("-pk").first()
    download = officer.get(f"/staff/pathumwan/eservice/requests/{request_.code}/files/{file.pk}/")
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert download["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_uploaded_documents_are_never_public(client, world, request_):
    services.request_documents_send(request=request_, uploads=[(None, pdf("ทะเบียนบ้าน.pdf"))])
    file = request_.files.first()
    assert file.file.name.startswith("eservice/requests/") and file.original_name not in file.file.name
    response = client.get(f"/staff/pathumwan/eservice/requests/{request_.code}/files/{file.pk}/")
    assert response.status_code == 302 and "/staff/login/" in response["Location"]


def test_the_receipt_pdf_is_one_page_with_the_code(client, request_):
    import io

    from pypdf import PdfReader

    response = client.get(f"/track/{request_.code}/r/{request_.receipt_token}/receipt.pdf")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1 and request_.code in reader.pages[0].extract_text()


def test_the_rating_page_rates_once_after_completion(client, world, request_):
    url = f"/track/{request_.code}/rate/{request_.rating_token}/"
    assert "ประเมินได้เมื่อ" in client.get(url).content.decode()
    refused = client.post(url, {"rating": "5"})
    assert refused.status_code == 422
    for state in (State.RECEIVED, State.ACCEPTED, State.APPROVED, State.COMPLETED):
        services.request_transition(actor=world.coordinator, request=request_, to_state=state)
    assert client.post(url, {"rating": "9"}).status_code == 422
    assert client.post(url, {"rating": "4", "comment": "ดีมาก"}).status_code == 302
    assert "ขอบคุณ" in client.get(url).content.decode()
    client.post(url, {"rating": "1"})
    request_.refresh_from_db()
    assert request_.rating == 4


def _due_on_page(client, code) -> str:
    html = client.get(f"/track/{code}/").content.decode()
    return re.search(r"กำหนดแล้วเสร็จตามมาตรฐาน</dt><dd>([^<(]+)", html).group(1).strip()


@pytest.mark.parametrize("national", [True, False])
def test_a_new_holiday_moves_the_due_date_on_the_tracking_page_at_once(client, world, request_, national):
    # The page keeps the agency's holidays, its department names and the service's steps under its public
    # stamp: a holiday added through the back office (the agency's own or a national one) shows at once.
    from prongsai.agencies import services as agency_services
    from prongsai.eservice import selectors

    due = selectors.request_view(request_, staff=False).schedule.due_on
    shown = _due_on_page(client, request_.code)  # what the page keeps is filled
    agency_services.holiday_add(
        actor=world.coordinator, agency=None if national else world.agency, date=due, name="วันหยุดพิเศษ"
    )
    assert selectors.request_view(request_, staff=False).schedule.due_on > due
    assert _due_on_page(client, request_.code) != shown


def test_once_its_agency_and_service_are_known_a_tracking_page_reads_the_request_and_its_events_only(
    client, world, request_, django_assert_num_queries
):
    # The most visited page of the module, among a million requests: its agency, service, department,
    # holidays and steps are kept (under the agency's public stamp), so another request of the same
    # service costs the page two queries, whatever the number of requests, events or services.
    other = services.request_submit(
        agency=world.agency,
        service=request_.service,
        applicant_name="สมหญิง รักดี",
        applicant_phone="0898765432",
        details="ย้ายเข้า",
    )
    assert client.get(f"/track/{request_.code}/").status_code == 200  # fills what is kept
    with django_assert_num_queries(2):
        response = client.get(f"/track/{other.code}/")
    assert response.status_code == 200 and "สม*** รั***" in response.content.decode()


def test_what_the_tracking_page_keeps_follows_a_renamed_service_and_department_and_a_closed_agency(
    client, world, request_
):
    from prongsai.agencies import services as agency_services

    assert "การแจ้งย้ายที่อยู่" in main(client.get(f"/track/{request_.code}/"))  # kept from here on
    services.service_update(actor=world.coordinator, service=request_.service, name="การแจ้งย้ายเข้า")
    assert "การแจ้งย้ายเข้า" in main(client.get(f"/track/{request_.code}/"))
    administration = world.administration
    agency_services.department_update(
        actor=world.coordinator, department=administration, name="ฝ่ายปกครองและทะเบียนราษฎร"
    )
    assert "ฝ่ายปกครองและทะเบียนราษฎร" in main(
        client.get(f"/track/{request_.code}/")
    )  # the timeline names the department
    world.agency.is_active = False  # closed in Django's admin
    world.agency.save()
    response = client.get(f"/track/{request_.code}/")
    assert response.status_code == 404 and "ไม่พบคำขอ" in main(response)


def test_the_timeline_writes_bangkok_time_and_the_steps_their_working_days_in_each_language(client, world):
    # The timeline's date and time and the working days are worked out outside the template
    # (eservice.selectors._when, the working_days filter): 17:30 UTC is already the next day in Bangkok.
    import time_machine

    with time_machine.travel("2023-03-29 17:30:00+00:00", tick=False):
        submitted = services.request_submit(
            agency=world.agency,
            service=make_service(world),
            applicant_name="สมชาย ใจดี",
            applicant_phone="0812345678",
            details="ย้ายเข้า",
        )
    thai = main(client.get(f"/track/{submitted.code}/"))
    assert "30 มี.ค. 2566 00:30" in thai
    assert "(1 วันทำการ)" in thai and "(3 วันทำการ)" in thai and "(7 วันทำการ)" in thai  # a step; the standard
    english = main(client.get(f"/track/{submitted.code}/", headers={"cookie": "django_language=en"}))
    assert "30 Mar 2023 (BE 2566) 00:30" in english
    assert "(1 working day)" in english and "(3 working days)" in english and "(7 working days)" in english


def test_what_officers_wrote_is_escaped_and_keeps_its_line_breaks_on_every_page_of_a_request(
    client, login, world
):
    # The status, steps and timeline are Jinja2 fragments (eservice/jinja2/eservice/): what an officer typed
    # is text there too, on the public pages and the staff's.
    request = services.request_submit(
        agency=world.agency,
        service=make_service(world),
        applicant_name="<b>สมชาย</b> ใจดี",
        applicant_phone="0812345678",
        details="ย้ายเข้า",
    )
    services.request_transition(
        actor=world.officer,
        request=request,
        to_state=State.NEEDS_DOCUMENTS,
        message='โปรดส่ง <script>alert("x")</script>\nสำเนาทะเบียนบ้าน & บัตร',
        internal_note="<img src=x onerror=alert(1)>\nโทรแล้ว",
    )
    sent = "โปรดส่ง &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>สำเนาทะเบียนบ้าน &amp; บัตร"
    tracking = main(client.get(f"/track/{request.code}/"))
    assert sent in tracking and "<script>alert" not in tracking
    assert "&lt;b*** ใจ***" in tracking  # the masked name, escaped too
    assert "onerror" not in tracking  # an internal note stays inside
    receipt = main(client.get(services.receipt_path(request)))
    assert sent in receipt and "<script>alert" not in receipt
    staff = login(world.officer).get(f"/staff/pathumwan/eservice/requests/{request.code}/").content.decode()
    assert sent in staff and "บันทึกภายใน: &lt;img src=x onerror=alert(1)&gt;<br>โทรแล้ว" in staff
    assert "<img src=x" not in staff


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_with_a_read_replica_the_tracking_page_reads_the_request_and_its_events_from_it(
    client, settings, request_
):
    # Its two reads are compiled once (agencies/prepared.py) and still go where the router sends them.
    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    settings.PRONGSAI_READ_REPLICA = True
    with CaptureQueriesContext(connections["default"]) as primary:
        with CaptureQueriesContext(connections["replica"]) as replica:
            response = client.get(f"/track/{request_.code}/")
    assert response.status_code == 200 and "โปรดส่งสำเนาทะเบียนบ้าน" in main(response)
    assert len(primary) == 0 and len(replica) >= 2
    assert any("agencies_statusevent" in q["sql"] for q in replica.captured_queries)


def test_the_status_and_each_timeline_entry_are_named_in_the_readers_language_page_after_page(
    client, request_
):
    # The state names are worked out once per language and process (eservice.selectors._state_labels):
    # switching back and forth gives each reader their own language every time.
    for _round in range(2):
        thai = main(client.get(f"/track/{request_.code}/"))
        assert "ได้รับคำขอแล้ว" in thai and "รอเอกสารเพิ่มเติม" in thai and "Waiting for" not in thai
        english = main(client.get(f"/track/{request_.code}/", headers={"cookie": "django_language=en"}))
        assert "Request received" in english and "Waiting for more documents" in english
        assert "รอเอกสารเพิ่มเติม" not in english
