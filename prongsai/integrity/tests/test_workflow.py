"""The case workflow: legal steps with history, illegal ones refused, deadlines and referral."""

import datetime
import io
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from prongsai.agencies.models import AuditEntry, StatusEvent
from prongsai.integrity import services
from prongsai.integrity.models import Complaint, ComplaintAccess, Referral

pytestmark = pytest.mark.django_db
BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")


def _case(world, **kwargs):
    complaint, _code, _passphrase = services.complaint_submit(
        agency=world.agency,
        category="procurement",
        department=world.public_works,
        what="ราคากลางสูงผิดปกติ",
        **kwargs,
    )
    return complaint


def test_a_case_goes_through_every_step_with_a_history_row_each(world, login):
    complaint = _case(world)
    handler = login(world.complaint_handler)
    url = f"/staff/pathumwan/integrity/complaints/{complaint.ref}/move/"
    handler.post(url, {"to_state": "screening"})
    handler.post(url, {"to_state": "investigating", "note": "ขอเอกสารจากฝ่ายโยธา"})
    handler.post(url, {"to_state": "concluded", "outcome": "substantiated"})
    handler.post(url, {"to_state": "closed"})
    complaint.refresh_from_db()
    assert complaint.state == "closed" and complaint.outcome == "substantiated"
    steps = list(complaint.events.order_by("at", "pk").values_list("from_state", "to_state"))
    assert steps == [
        ("", "received"),
        ("received", "screening"),
        ("screening", "investigating"),
        ("investigating", "concluded"),
        ("concluded", "closed"),
    ]
    assert StatusEvent.objects.filter(note="ขอเอกสารจากฝ่ายโยธา", actor=world.complaint_handler).exists()
    # The audit entries of the changes carry the workflow, never the story.
    for entry in AuditEntry.objects.filter(model="integrity.complaint"):
        assert "ราคากลาง" not in str(entry.before) + str(entry.after)


@pytest.mark.parametrize(
    ("path", "to_state", "outcome"),
    [
        ([], "concluded", "substantiated"),  # received cannot jump to a conclusion
        ([], "closed", ""),
        (["screening", "investigating"], "received", ""),  # no going back
        (["screening"], "concluded", ""),  # a conclusion needs an outcome
        (["screening"], "concluded", "referred"),  # referral is recorded with its letter, not typed
    ],
)
def test_illegal_steps_are_refused_with_a_thai_message_and_nothing_changes(
    world, login, path, to_state, outcome
):
    complaint = _case(world)
    for state in path:
        services.complaint_move(actor=world.complaint_handler, complaint=complaint, to_state=state)
    events = StatusEvent.objects.count()
    response = login(world.complaint_handler).post(
        f"/staff/pathumwan/integrity/complaints/{complaint.ref}/move/",
        {"to_state": to_state, "outcome": outcome},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "ไม่ได้" in html or "โปรดระบุผล" in html or "เลือกตัวเลือกที่ถูกต้อง" in html
    complaint.refresh_from_db()
    assert complaint.state == (path[-1] if path else "received") and complaint.outcome == ""
    assert StatusEvent.objects.count() == events


def test_a_closed_case_cannot_be_moved_by_the_service_either(world):
    complaint = _case(world)
    for state, outcome in [("screening", ""), ("concluded", "unsubstantiated"), ("closed", "")]:
        services.complaint_move(
            actor=world.complaint_handler, complaint=complaint, to_state=state, outcome=outcome
        )
    with pytest.raises(ValidationError, match="ไม่ได้"):
        services.complaint_move(actor=world.complaint_handler, complaint=complaint, to_state="screening")


def test_overdue_is_computed_from_the_events_in_working_days(world, login):
    with time_machine.travel(datetime.datetime(2023, 1, 6, 10, tzinfo=BANGKOK), tick=False):  # a Friday
        complaint = _case(world)
    # Three working days from Friday 6 Jan: Wednesday 11 Jan.
    with time_machine.travel(datetime.datetime(2023, 1, 11, 15, tzinfo=BANGKOK), tick=False):
        page = login(world.complaint_handler).get("/staff/pathumwan/integrity/complaints/").content.decode()
        assert "11 ม.ค. 2566" in page and "เกินกำหนด" not in page
    with time_machine.travel(datetime.datetime(2023, 1, 12, 9, tzinfo=BANGKOK), tick=False):
        page = login(world.complaint_handler).get("/staff/pathumwan/integrity/complaints/").content.decode()
        assert "เกินกำหนด" in page
        services.complaint_move(actor=world.complaint_handler, complaint=complaint, to_state="screening")
        page = login(world.complaint_handler).get("/staff/pathumwan/integrity/complaints/").content.decode()
        assert "เกินกำหนด" not in page  # the new step began today, with 15 working days
    assert not hasattr(Complaint, "overdue") and "overdue" not in [f.name for f in Complaint._meta.fields]


def test_a_referral_exports_a_letter_and_records_the_conclusion(world, login):
    complaint = _case(world, identity={"name": "นายกล้า ซื่อตรง"})
    services.complaint_move(actor=world.complaint_handler, complaint=complaint, to_state="screening")
    handler = login(world.complaint_handler)
    base = f"/staff/pathumwan/integrity/complaints/{complaint.ref}/"
    pdf = handler.post(base + "export/", {"body": "nacc"})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert complaint.ref in text and "กล้า" not in text
    assert ComplaintAccess.objects.filter(action="export", complaint=complaint).exists()
    response = handler.post(
        base + "refer/", {"body": "nacc", "letter_no": "กท ๕๒๐๑/๑๒๓", "sent_on": "15 มี.ค. 2566"}
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.state == "concluded" and complaint.outcome == "referred"
    referral = Referral.objects.get()
    assert referral.sent_on == datetime.date(2023, 3, 15) and referral.created_by == world.complaint_handler
    assert complaint.events.order_by("-pk").first().data["outcome"] == "referred"


def test_a_referral_without_a_letter_number_is_refused(world, login):
    complaint = _case(world)
    services.complaint_move(actor=world.complaint_handler, complaint=complaint, to_state="screening")
    response = login(world.complaint_handler).post(
        f"/staff/pathumwan/integrity/complaints/{complaint.ref}/refer/",
        {"body": "pacc", "sent_on": "1 มี.ค. 2566"},
    )
    assert response.status_code == 422 and not Referral.objects.exists()
    complaint.refresh_from_db()
    assert complaint.state == "screening"


def test_the_api_moves_a_case_and_refuses_an_illegal_step(world, client):
    from prongsai.api.services import api_token_create

    complaint = _case(world)
    _token, secret = api_token_create(user=world.complaint_handler, name="t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    url = f"/api/v1/agencies/pathumwan/complaints/{complaint.ref}/state"
    bad = client.post(url, {"to_state": "closed"}, content_type="application/json", **auth)
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid"
    good = client.post(url, {"to_state": "screening"}, content_type="application/json", **auth)
    assert good.status_code == 200 and good.json()["state"] == "screening"
    _t, director = api_token_create(user=world.director, name="d")
    denied = client.post(
        url,
        {"to_state": "investigating"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {director}",
    )
    assert denied.status_code == 403
