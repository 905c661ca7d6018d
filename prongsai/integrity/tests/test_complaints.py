"""A whistleblower files a corruption complaint: what is kept, what is not, and what only the key opens."""

import io
import logging

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from prongsai.api.services import api_token_create
from prongsai.integrity import crypto
from prongsai.integrity.models import Complaint, ComplaintContent, ComplaintEvidence

from .helpers import (
    CLIENT_ADDRESS,
    CLIENT_AGENT,
    CLIENT_REFERER,
    file_complaint,
    png_bytes,
    receipt_of,
    upload,
)

pytestmark = pytest.mark.django_db

IDENTITY = {
    "give_identity": "on",
    "name": "นางสาวกล้าหาญ ใจซื่อ",
    "phone": "0812345678",
    "email": "brave@example.org",
    "address": "๑๒ ซอยจุฬาลงกรณ์ ๒๐",
}


def _all_stored_text() -> str:
    """Every value of every row of every table, as text: what someone with a copy of the database reads."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names from the schema itself
            for row in cursor.fetchall():
                chunks.extend(str(v) for v in row)
    return "\n".join(chunks)


def test_a_complaint_gives_a_receipt_shown_once_and_not_cached(world, client, media):
    response = file_complaint(client)
    assert response.status_code == 200
    code, passphrase = receipt_of(response)
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "same-origin"
    assert "ระบบจะไม่แสดงอีก" in response.content.decode()
    complaint = Complaint.objects.get()
    assert complaint.receipt_code == code and complaint.state == "received" and complaint.channel == "web"
    assert len(passphrase.replace("-", "")) == 20
    assert complaint.events.get().to_state == "received"


def test_the_database_holds_no_address_browser_or_referer_for_a_complaint(world, client, media):
    response = file_complaint(client, files=[upload("photo.png", png_bytes())], **IDENTITY)
    assert response.status_code == 200
    stored = _all_stored_text()
    for leak in (CLIENT_ADDRESS, CLIENT_AGENT, "WhistleTest", CLIENT_REFERER, "news.example.org"):
        assert leak not in stored
    # Nor anywhere on disk under the media folder (file names are random, contents ciphertext).
    for path in media.rglob("*"):
        if path.is_file():
            assert CLIENT_ADDRESS.encode() not in path.read_bytes()


def test_the_logs_hold_no_address_or_browser_for_complaint_pages(world, client, media, caplog):
    caplog.set_level(logging.DEBUG)
    file_complaint(client, **IDENTITY)
    file_complaint(client, what="")  # refused: 422, logged by Django as a warning with the request
    meta = {"REMOTE_ADDR": CLIENT_ADDRESS, "HTTP_USER_AGENT": CLIENT_AGENT, "HTTP_REFERER": CLIENT_REFERER}
    client.post("/report/", {"action": "login", "code": "ZZZZ-ZZZZ-ZZ", "passphrase": "nope"}, **meta)
    client.post("/report/", {"action": "message", "token": "forged"}, **meta)  # 403
    client.get("/pathumwan/feedback/status/?code=NOPE", **meta)  # 404
    assert caplog.records, "the test must see Django's request log to prove anything"
    for record in caplog.records:
        text = repr(record.__dict__) + record.getMessage()
        request = getattr(record, "request", None)
        if request is not None:
            text += repr(request.META)
        assert CLIENT_ADDRESS not in text and "WhistleTest" not in text and "news.example.org" not in text


def test_identity_report_and_files_are_ciphertext_that_opens_only_with_the_key(world, client, media):
    file_complaint(client, files=[upload("photo.png", png_bytes())], **IDENTITY)
    content = ComplaintContent.objects.get()
    complaint = content.complaint
    stored = _all_stored_text()
    for plain in ("กล้าหาญ", "0812345678", "brave@example.org", "ไม่มีใบเสร็จ", "photo.png"):
        assert plain not in stored
    assert content.sealed_identity.startswith("v1:") and content.sealed_report.startswith("v1:")
    evidence = ComplaintEvidence.objects.get()
    blob = evidence.file.read()
    assert not blob.startswith(b"\x89PNG") and b"IHDR" not in blob
    assert evidence.file.name.endswith(".bin") and "photo" not in evidence.file.name

    identity = crypto.unseal(content.sealed_identity, f"complaint:{complaint.ref}:identity")
    assert identity["name"] == IDENTITY["name"]
    opened = crypto.open_bytes(blob, f"complaint:{complaint.ref}:evidence:{evidence.token}")
    assert opened.startswith(b"\x89PNG")

    other_key = b"another-32-byte-key-for-testing!"
    with override_settings(COMPLAINT_KEY=other_key), pytest.raises(crypto.SealError):
        crypto.unseal(content.sealed_identity, f"complaint:{complaint.ref}:identity")
    with override_settings(COMPLAINT_KEY=other_key), pytest.raises(crypto.SealError):
        crypto.open_bytes(blob, f"complaint:{complaint.ref}:evidence:{evidence.token}")
    # Bound to its place: the identity does not open as another case's, nor as this case's report.
    with pytest.raises(crypto.SealError):
        crypto.unseal(content.sealed_identity, f"complaint:{complaint.ref}:report")


def test_identity_typed_but_not_chosen_is_dropped(world, client, media):
    file_complaint(client, **{**IDENTITY, "give_identity": ""})
    content = ComplaintContent.objects.get()
    assert content.sealed_identity == "" and content.complaint.has_identity is False


def test_only_the_argon2_hash_of_the_passphrase_is_kept_and_nothing_reveals_it(world, client, media, login):
    code, passphrase = receipt_of(file_complaint(client, **IDENTITY))
    content = ComplaintContent.objects.get()
    assert content.passphrase_hash.startswith("argon2$argon2id$")
    assert passphrase not in _all_stored_text() and passphrase.replace("-", "") not in _all_stored_text()

    # The handler's pages: the case, its timeline, its identity; none shows the passphrase or the code.
    handler = login(world.complaint_handler)
    _token, secret = api_token_create(user=world.complaint_handler, name="test")
    ref = content.complaint.ref
    pages = [
        handler.get(f"/staff/pathumwan/integrity/complaints/{ref}/"),
        handler.post(f"/staff/pathumwan/integrity/complaints/{ref}/identity/"),
        handler.get("/staff/pathumwan/integrity/complaints/"),
        handler.get("/api/v1/agencies/pathumwan/complaints", HTTP_AUTHORIZATION=f"Bearer {secret}"),
    ]
    for page in pages:
        assert page.status_code == 200
        assert passphrase not in page.content.decode() and code not in page.content.decode()

    # The platform admin: the admin site does not offer complaint contents at all.
    from django.contrib import admin

    assert not any(model._meta.app_label == "integrity" for model in admin.site._registry)

    # A full dump of the database (what a command can read) holds the hash, never the passphrase.
    out = io.StringIO()
    call_command("dumpdata", "integrity", stdout=out)
    assert passphrase not in out.getvalue() and passphrase.replace("-", "") not in out.getvalue()


def test_metadata_is_stripped_from_photos_pdfs_and_office_files(world, client, media, login):
    import docx
    from PIL import Image
    from pypdf import PdfReader, PdfWriter

    pdf = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": "Somchai Whistle", "/Creator": "Scanner of Somchai"})
    writer.write(pdf)
    document = docx.Document()
    document.add_paragraph("หลักฐาน")
    document.core_properties.author = "Somchai Whistle"
    document.core_properties.last_modified_by = "Somchai Whistle"
    word = io.BytesIO()
    document.save(word)
    files = [
        upload("gps.jpg", png_bytes(exif_gps=True)),
        upload("scan.pdf", pdf.getvalue()),
        upload("note.docx", word.getvalue()),
    ]
    assert file_complaint(client, files=files).status_code == 200
    complaint = Complaint.objects.get()
    handler = login(world.complaint_handler)
    downloads = {}
    for evidence in complaint.evidence.all():
        response = handler.get(
            f"/staff/pathumwan/integrity/complaints/{complaint.ref}/evidence/{evidence.token}/"
        )
        assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
        downloads[evidence.kind] = response.content
    photo = Image.open(io.BytesIO(downloads["jpeg"]))
    assert dict(photo.getexif()) == {} and b"WhistleCam" not in downloads["jpeg"]
    assert b"Somchai" not in downloads["pdf"] and PdfReader(io.BytesIO(downloads["pdf"])).metadata is None
    assert docx.Document(io.BytesIO(downloads["docx"])).core_properties.author == ""
    assert b"Somchai" not in downloads["docx"]


def test_a_file_that_is_not_what_it_claims_is_refused_and_nothing_is_saved(world, client, media):
    fake = upload("evidence.pdf", b"<html><script>alert(1)</script></html>")
    response = file_complaint(client, files=[fake])
    assert response.status_code == 422
    assert "ไม่ใช่ชนิดที่รับได้" in response.content.decode()
    assert not Complaint.objects.exists() and not ComplaintEvidence.objects.exists()
    assert not [p for p in media.rglob("*") if p.is_file()]


def test_too_many_files_are_refused_with_a_thai_message(world, client, media):
    files = [upload(f"p{i}.png", png_bytes()) for i in range(6)]
    response = file_complaint(client, files=files)
    assert response.status_code == 422 and "ไม่เกิน 5 ไฟล์" in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_complaint_without_a_story_is_refused_and_the_form_keeps_what_was_typed(world, client, media):
    response = file_complaint(client, what="", who="หัวหน้าชุดตรวจ")
    html = response.content.decode()
    assert response.status_code == 422 and "หัวหน้าชุดตรวจ" in html and "errorlist" in html
    assert not Complaint.objects.exists()
