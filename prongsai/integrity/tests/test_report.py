"""The complainant comes back with the receipt (/report/), and the form's abuse controls."""

import hashlib
import re

import pytest
import time_machine
from django.utils import timezone

from prongsai.integrity import proof, public_views, services
from prongsai.integrity.models import Complaint, ComplaintEvidence, ComplaintMessage

from .helpers import challenge_of, complaint_data, file_complaint, png_bytes, receipt_of, upload

pytestmark = pytest.mark.django_db


def _login(client, code, passphrase):
    return client.post("/report/", {"action": "login", "code": code, "passphrase": passphrase})


def _token(response) -> str:
    return re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)


def test_the_complainant_reads_the_reply_answers_and_adds_evidence(world, client, login, media):
    code, passphrase = receipt_of(file_complaint(client))
    complaint = Complaint.objects.get()
    services.complaint_move(actor=world.complaint_handler, complaint=complaint, to_state="screening")
    services.complaint_reply(actor=world.complaint_handler, complaint=complaint, body="ขอทราบวันเวลาที่แน่นอน")

    # Typed as people type: lower case, spaces instead of dashes, O for 0.
    typed = code.lower().replace("-", " ").replace("0", "o")
    page = _login(client, typed, passphrase.lower())
    html = page.content.decode()
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert "ขอทราบวันเวลาที่แน่นอน" in html and "กำลังกลั่นกรอง" in html
    assert "sessionid" not in page.cookies  # no account, no session: the page carries a signed token

    page = client.post(
        "/report/", {"action": "message", "token": _token(page), "body": "วันที่ ๓ ต.ค. เวลาบ่ายสอง"}
    )
    assert page.status_code == 200 and "ส่งข้อความแล้ว" in page.content.decode()
    page = client.post(
        "/report/",
        {"action": "evidence", "token": _token(page), "files": [upload("receipt.png", png_bytes())]},
    )
    assert "ส่งไฟล์หลักฐานแล้ว 1 ไฟล์" in page.content.decode()
    assert ComplaintMessage.objects.filter(sender="complainant").count() == 1
    assert ComplaintEvidence.objects.filter(complaint=complaint).count() == 1

    handler_page = login(world.complaint_handler).get(
        f"/staff/pathumwan/integrity/complaints/{complaint.ref}/"
    )
    assert "วันที่ ๓ ต.ค. เวลาบ่ายสอง" in handler_page.content.decode()
    assert "receipt.png" in handler_page.content.decode()


def test_a_wrong_passphrase_and_an_unknown_code_look_the_same(world, client, media):
    code, passphrase = receipt_of(file_complaint(client))
    wrong = _login(client, code, "AAAA-BBBB-CCCC-DDDD-EEEE")
    unknown = _login(client, "ZZZZ-ZZZZ-ZZ", passphrase)
    malformed = _login(client, "hello", passphrase)
    for response in (wrong, unknown, malformed):
        assert response.status_code == 422
        assert "รหัสรับเรื่องหรือรหัสผ่านไม่ถูกต้อง" in response.content.decode()
    assert "ขอทราบ" not in wrong.content.decode()


def test_guessing_receipts_is_slowed_down(world, client, media):
    # At the start of a throttle window (ten minutes), so that a slow machine cannot cross into the next
    # one halfway and start counting afresh.
    start = timezone.now().replace(minute=0, second=1, microsecond=0) + timezone.timedelta(hours=1)
    with time_machine.travel(start, tick=True):
        for _ in range(public_views.REPORT_LOGIN_LIMIT):
            _login(client, "ZZZZ-ZZZZ-ZZ", "x")
        code, passphrase = receipt_of(file_complaint(client))
        blocked = _login(client, code, passphrase)
    assert blocked.status_code == 429 and "โปรดรอ 10 นาที" in blocked.content.decode()


def test_the_follow_up_token_expires_and_cannot_be_forged(world, client, media):
    code, passphrase = receipt_of(file_complaint(client))
    token = _token(_login(client, code, passphrase))
    forged = client.post("/report/", {"action": "message", "token": token + "x", "body": "hi"})
    assert forged.status_code == 403 and "หมดเวลาการใช้งาน" in forged.content.decode()
    with time_machine.travel(timezone.now() + timezone.timedelta(minutes=31)):
        late = client.post("/report/", {"action": "message", "token": token, "body": "hi"})
    assert late.status_code == 403 and not ComplaintMessage.objects.exists()


@pytest.mark.parametrize("case", ["missing", "forged", "wrong_work", "replayed", "expired"])
def test_a_bad_proof_of_work_is_refused_in_thai_and_nothing_is_saved(world, client, media, case):
    page = client.get("/pathumwan/complaints/new/")
    challenge = challenge_of(page.content.decode())
    data = complaint_data(challenge)
    if case == "missing":
        data["challenge"] = ""
    elif case == "forged":
        data["challenge"] = challenge[:-3] + "abc"
    elif case == "wrong_work":
        nonce = int(data["nonce"]) + 1
        while proof.leading_zero_bits(hashlib.sha256(f"{challenge}{nonce}".encode()).digest()) >= proof.BITS:
            nonce += 1
        data["nonce"] = str(nonce)
    elif case == "replayed":
        assert client.post("/pathumwan/complaints/new/", data).status_code == 200
        Complaint.objects.all().delete()
    if case == "expired":
        with time_machine.travel(timezone.now() + timezone.timedelta(seconds=proof.MAX_AGE + 60)):
            response = client.post("/pathumwan/complaints/new/", data)
    else:
        response = client.post("/pathumwan/complaints/new/", data)
    html = response.content.decode()
    assert response.status_code == 422
    assert any(message in html for message in ("แบบฟอร์มไม่สมบูรณ์", "ไม่ผ่าน", "ถูกส่งไปแล้ว", "เปิดไว้นานเกินไป")), html
    assert not Complaint.objects.exists()
    # What was typed is kept, with fresh work to do.
    assert "ไม่มีใบเสร็จ" in html and challenge_of(html) != challenge


def test_without_javascript_the_form_works_but_with_a_smaller_allowance(world, client, media):
    for _ in range(public_views.NO_PROOF_LIMIT):
        assert file_complaint(client, work=False).status_code == 200
    refused = file_complaint(client, work=False)
    assert refused.status_code == 429 and "JavaScript" in refused.content.decode()
    assert Complaint.objects.count() == public_views.NO_PROOF_LIMIT
    assert file_complaint(client).status_code == 200  # with the work done, the client may still report


def test_flooding_the_form_is_throttled_per_client_without_storing_the_address(world, client, media):
    for _ in range(public_views.SUBMIT_LIMIT):
        file_complaint(client)
    assert file_complaint(client).status_code == 429
    other = file_complaint(client, meta={"REMOTE_ADDR": "198.51.100.9"})
    assert other.status_code == 200
