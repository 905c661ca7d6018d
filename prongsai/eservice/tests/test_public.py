"""The public catalogue, manuals and online application."""

import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.eservice.models import Request, RequestDocument, State

from .helpers import make_service, pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()


@pytest.fixture
def service(world):
    return make_service(world)


def test_the_catalogue_and_the_manual_say_what_the_act_requires(client, service):
    listing = client.get("/pathumwan/services/").content.decode()
    assert "การแจ้งย้ายที่อยู่" in listing and "ฝ่ายปกครอง" in listing
    page = client.get("/pathumwan/services/house-move/").content.decode()
    for text in (
        "พระราชบัญญัติการทะเบียนราษฎร",
        "ตรวจสอบสถานที่",
        "ฝ่ายโยธา",
        "สำเนาทะเบียนบ้าน",
        "20.00",
        "ยื่นคำขอออนไลน์",
        "ช่องทางร้องเรียน",
    ):
        assert text in page, text


@pytest.mark.parametrize(
    ("name", "fmt", "magic"),
    [
        ("manual", "pdf", b"%PDF"),
        ("manual", "docx", b"PK"),
        ("checklist", "pdf", b"%PDF"),
        ("checklist", "docx", b"PK"),
    ],
)
def test_manuals_and_checklists_download_as_attachments(client, service, name, fmt, magic):
    response = client.get(f"/pathumwan/services/house-move/{name}.{fmt}")
    assert response.status_code == 200 and response.content.startswith(magic)
    assert response["Content-Disposition"].startswith("attachment")


def test_the_manual_pdf_holds_the_steps_in_thai(client, service):
    import unicodedata

    from pypdf import PdfReader

    text = (
        PdfReader(io.BytesIO(client.get("/pathumwan/services/house-move/manual.pdf").content))
        .pages[0]
        .extract_text()
    )
    text = unicodedata.normalize("NFKC", text)
    assert unicodedata.normalize("NFKC", "คู่มือสำหรับประชาชน") in text and "ตรวจสอบสถานที่" in text


@pytest.mark.parametrize(
    "path",
    [
        "/pathumwan/services/nothing/",
        "/pathumwan/services/house-move/manual.exe",
        "/nongchok/services/house-move/",
        "/pathumwan/services/statistics/1999/",
    ],
)
def test_what_does_not_exist_is_not_found(client, service, path):
    assert client.get(path).status_code == 404


def test_a_person_applies_online_and_gets_the_receipt(client, service):
    response = client.post(
        "/pathumwan/services/house-move/apply/",
        {
            "applicant_name": "สมหญิง รักไทย",
            "applicant_phone": "0898765432",
            "details": "ย้ายเข้า",
            "consent": "on",
            f"doc_{service.documents.first().pk}": pdf(),
        },
    )
    request = Request.objects.get()
    assert (
        response.status_code == 302
        and response["Location"] == f"/track/{request.code}/r/{request.receipt_token}/"
    )
    assert request.channel == "online" and request.state == State.RECEIVED and request.files.count() == 1
    assert request.created_by is None
    receipt = client.get(response["Location"]).content.decode()
    assert request.code in receipt and "สม*** รั***" in receipt


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"applicant_name": "", "applicant_phone": "081", "consent": "on"}, "applicant_name"),
        ({"applicant_name": "ก ข", "consent": "on"}, "เบอร์โทรศัพท์หรืออีเมล"),
        ({"applicant_name": "ก ข", "applicant_phone": "081"}, "consent"),
        (
            {
                "applicant_name": "ก ข",
                "applicant_phone": "081",
                "consent": "on",
                "applicant_id_number": "1234567890123",
            },
            "เลขประจำตัวประชาชนไม่ถูกต้อง",
        ),
    ],
)
def test_bad_input_is_shown_in_thai_and_nothing_is_saved(client, service, fields, error):
    response = client.post("/pathumwan/services/house-move/apply/", fields)
    assert response.status_code == 422
    html = response.content.decode()
    assert error in html or f'name="{error}"' in html
    assert not Request.objects.exists()


def test_an_html_page_posing_as_a_pdf_is_refused_and_leaves_nothing(client, service, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    fake = SimpleUploadedFile(
        "ทะเบียนบ้าน.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf"
    )
    response = client.post(
        "/pathumwan/services/house-move/apply/",
        {
            "applicant_name": "ก ข",
            "applicant_phone": "081",
            "consent": "on",
            f"doc_{service.documents.first().pk}": fake,
        },
    )
    assert response.status_code == 422 and "ไม่ใช่ชนิดที่รับได้" in response.content.decode()
    assert not Request.objects.exists() and not RequestDocument.objects.exists()
    assert not any(tmp_path.rglob("*.*"))


def test_applying_is_throttled_per_client(client, service):
    from prongsai.eservice.views import APPLY_LIMIT

    for _ in range(APPLY_LIMIT):
        client.post(
            "/pathumwan/services/house-move/apply/",
            {"applicant_name": "ก ข", "applicant_phone": "081", "consent": "on"},
        )
    response = client.post(
        "/pathumwan/services/house-move/apply/",
        {"applicant_name": "ก ข", "applicant_phone": "081", "consent": "on"},
    )
    assert response.status_code == 429 and Request.objects.count() == APPLY_LIMIT


def test_a_service_not_open_online_has_no_application_page(client, world):
    make_service(world, slug="birth", online=False)
    assert client.get("/pathumwan/services/birth/apply/").status_code == 404


def test_the_public_pages_cost_the_same_queries_for_few_and_many_services(
    client, world, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_service(world, slug="s-1")
    with CaptureQueriesContext(connection) as few:
        client.get("/pathumwan/services/")
    for i in range(2, 8):
        make_service(world, slug=f"s-{i}")
    with CaptureQueriesContext(connection) as many:
        client.get("/pathumwan/services/")
    assert len(few) == len(many)
    from django.core.cache import cache

    from prongsai.agencies.public_stamp import forget_remembered

    # Both from the same start: a new service moves the agency's stamp, which is then read again once.
    cache.clear(), forget_remembered()
    with CaptureQueriesContext(connection) as api_few:
        client.get("/api/v1/agencies/pathumwan/services")
    make_service(world, slug="s-9")
    cache.clear(), forget_remembered()
    with django_assert_num_queries(len(api_few)):
        client.get("/api/v1/agencies/pathumwan/services")
