"""Public channels, tracking codes, Q&A, the API lists and the cost of every list page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prongsai.api.services import api_token_create
from prongsai.integrity import public, services
from prongsai.integrity.models import Feedback, Question

pytestmark = pytest.mark.django_db


def test_the_channels_page_explains_the_protection_and_links_the_form(world, client):
    html = client.get("/pathumwan/complaints/").content.decode()
    assert "ไม่บันทึกหมายเลข IP" in html and "/pathumwan/complaints/new/" in html and "/report/" in html
    assert "/pathumwan/complaints/statistics/" in html


def test_the_complaint_form_loads_its_script_from_the_site_under_a_strict_policy(world, client):
    response = client.get("/pathumwan/complaints/new/")
    html = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert 'src="/static/integrity/proof.js"' in html and "<script>" not in html
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert client.get("/static/integrity/proof.js").status_code == 200


def test_feedback_gets_a_tracking_code_and_wrong_or_malformed_codes_look_the_same(world, client):
    response = client.post(
        "/pathumwan/feedback/",
        {
            "kind": "complaint",
            "subject": "คิวยาว",
            "body": "รอทำบัตรสองชั่วโมง",
            "name": "สมศรี",
            "contact": "0811111111",
        },
    )
    assert response.status_code == 200
    item = Feedback.objects.get()
    assert item.code in response.content.decode()
    assert "สมศรี" not in item.sealed_contact and "รอทำบัตร" not in item.sealed_body
    found = client.get(f"/pathumwan/feedback/status/?code={item.code.lower()}")
    assert found.status_code == 200 and "รับเรื่องแล้ว" in found.content.decode()
    wrong = client.get("/pathumwan/feedback/status/?code=ZZZZ-ZZZZ-ZZ")
    malformed = client.get("/pathumwan/feedback/status/?code=<script>")
    assert wrong.status_code == malformed.status_code == 404

    def answer(response):
        html = response.content.decode()
        return html[html.index("</form>", html.index("<main")) :]

    assert answer(wrong) == answer(malformed) and "ไม่พบเรื่องตามรหัสนี้" in answer(wrong)
    assert client.get(f"/nongchok/feedback/status/?code={item.code}").status_code == 404


def test_feedback_without_a_subject_is_refused_and_nothing_is_saved(world, client):
    response = client.post("/pathumwan/feedback/", {"kind": "suggestion", "subject": "", "body": "x"})
    assert response.status_code == 422 and "errorlist" in response.content.decode()
    assert not Feedback.objects.exists()


def test_a_question_is_asked_answered_and_published_with_the_agencys_contact(world, client):
    services.channel_settings_save(actor=world.coordinator, agency=world.agency, phone="๐๒-๒๑๔-๐๐๐๐")
    response = client.post("/pathumwan/questions/", {"text": "เขตเปิดวันเสาร์ไหม"})
    assert response.status_code == 200
    question = Question.objects.get()
    services.question_answer(
        actor=world.officer, question=question, answer="เปิดเฉพาะงานทะเบียนวันเสาร์แรกของเดือน"
    )
    services.question_publish(actor=world.coordinator, question=question)
    html = client.get("/pathumwan/questions/").content.decode()
    assert "เขตเปิดวันเสาร์ไหม" in html and "วันเสาร์แรกของเดือน" in html and "๐๒-๒๑๔-๐๐๐๐" in html
    entries = public.ITEMS["questions"](world.agency, None)
    assert entries and entries[0].url == "/pathumwan/questions/"
    api = client.get("/api/v1/agencies/pathumwan/questions").json()
    assert api["items"][0]["answer"].startswith("เปิดเฉพาะ")
    docs = list(public.search_documents(world.agency))
    assert any(d.kind == "qa" and d.url.endswith(f"#q-{question.code}") for d in docs)


def test_nothing_is_offered_for_q_and_a_before_something_is_published(world):
    services.question_ask(agency=world.agency, text="ถาม")
    assert public.ITEMS["questions"](world.agency, None) == []


def _count(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    assert response.status_code == 200, url
    return len(queries)


def _make(world, n):
    for i in range(n):
        complaint, _c, _p = services.complaint_submit(
            agency=world.agency,
            category="bribery",
            department=world.registration,
            what=f"เรื่อง {i}",
            with_receipt=False,
        )
        services.complaint_move(actor=world.complaint_handler, complaint=complaint, to_state="screening")
        services.feedback_submit(
            agency=world.agency, kind="complaint", subject=f"s{i}", body="b", department=world.administration
        )
        question = services.question_ask(agency=world.agency, text=f"คำถาม {i}")
        services.question_answer(actor=world.coordinator, question=question, answer="ตอบ")
        services.question_publish(actor=world.coordinator, question=question)


@pytest.mark.parametrize(
    ("who", "url"),
    [
        ("complaint_handler", "/staff/pathumwan/integrity/complaints/"),
        ("director", "/staff/pathumwan/integrity/complaints/overview/"),
        ("coordinator", "/staff/pathumwan/integrity/feedback/"),
        ("officer", "/staff/pathumwan/integrity/feedback/"),
        ("coordinator", "/staff/pathumwan/integrity/questions/"),
        ("auditor", "/staff/pathumwan/integrity/complaints/access-log/"),
        (None, "/pathumwan/questions/"),
        (None, "/pathumwan/feedback/"),
        (None, "/api/v1/agencies/pathumwan/questions"),
    ],
)
def test_list_pages_cost_the_same_queries_for_3_and_12_records(world, client, who, url):
    if who:
        client.force_login(getattr(world, who))
    _make(world, 3)
    few = _count(client, url)
    _make(world, 9)
    assert _count(client, url) == few


@pytest.mark.parametrize(
    ("who", "url"),
    [
        ("complaint_handler", "/api/v1/agencies/pathumwan/complaints"),
        ("director", "/api/v1/agencies/pathumwan/complaints"),
        ("coordinator", "/api/v1/agencies/pathumwan/feedback"),
    ],
)
def test_api_lists_cost_the_same_queries_and_carry_no_content(world, client, who, url):
    _token, secret = api_token_create(user=getattr(world, who), name="t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    _make(world, 3)
    _count(client, url, **auth)  # the token's first use writes its "last used" time
    few = _count(client, url, **auth)
    _make(world, 9)
    assert _count(client, url, **auth) == few
    body = client.get(url, **auth).content.decode()
    assert "เรื่อง 1" not in body and "sealed" not in body


def test_the_api_refuses_complaints_to_an_officer(world, client):
    _token, secret = api_token_create(user=world.officer, name="t")
    response = client.get("/api/v1/agencies/pathumwan/complaints", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 403


def test_the_public_menu_and_open_data_list_the_channels_and_statistics(world):
    services.complaint_submit(
        agency=world.agency, category="bribery", department=None, what="x", with_receipt=False
    )
    labels = [link.label for link in public.public_links(world.agency)]
    assert "ร้องเรียนการทุจริต" in labels and "ถาม-ตอบ" in labels
    datasets = public.dcat_datasets(world.agency, lambda path: f"https://ita.example.go.th{path}")
    assert datasets and {d.format for d in datasets[0].distributions} >= {"csv", "xlsx", "json", "pdf"}


def test_the_agencys_open_data_catalogue_lists_the_complaint_statistics(world, client):
    services.complaint_submit(
        agency=world.agency, category="bribery", department=None, what="x", with_receipt=False
    )
    catalog = client.get("/pathumwan/data/catalog.jsonld").content.decode()
    assert "pathumwan-complaint-statistics-" in catalog and "/pathumwan/complaints/statistics/" in catalog


def test_no_oit_entry_is_offered_before_the_agency_puts_its_channels_in_service(world):
    assert public.ITEMS["complaint_channels"](world.agency, None) == []
    assert public.ITEMS["complaint_statistics"](world.agency, None) == []


def test_the_channels_are_in_english_when_the_reader_chooses_it(world, client):
    client.cookies["django_language"] = "en"
    html = client.get("/pathumwan/complaints/").content.decode()
    assert "Channels to report corruption and misconduct" in html and "Report corruption" in html
    form = client.get("/pathumwan/complaints/new/").content.decode()
    assert "What happened" in form and "Hidden metadata" in form
