"""Who may open a corruption complaint: the handler (and every opening is logged), nobody else."""

import pytest
from django.contrib.auth import get_user_model

from prongsai.agencies.models import Membership, Role
from prongsai.integrity import services
from prongsai.integrity.models import Complaint, ComplaintAccess

pytestmark = pytest.mark.django_db

SECRET_STORY = "ผู้ควบคุมงานเรียกเงินก่อนตรวจรับงวดงาน"
NAME = "นายกล้า ซื่อตรง"


def _case(world, department=None, agency=None):
    complaint, _code, _passphrase = services.complaint_submit(
        agency=agency or world.agency,
        category="bribery",
        department=department,
        what=SECRET_STORY,
        identity={"name": NAME, "phone": "0899999999"},
    )
    return complaint


def _url(complaint, tail="", slug="pathumwan"):
    return f"/staff/{slug}/integrity/complaints/{complaint.ref}/{tail}"


def test_a_handler_reads_the_case_and_the_opening_is_logged_for_auditors(world, login):
    complaint = _case(world, world.public_works)
    handler = login(world.complaint_handler)
    response = handler.get(_url(complaint))
    assert response.status_code == 200 and SECRET_STORY in response.content.decode()
    assert NAME not in response.content.decode()  # the identity is a separate, separately logged step
    access = ComplaintAccess.objects.get()
    assert (
        access.user == world.complaint_handler and access.action == "open" and access.complaint == complaint
    )

    response = handler.post(_url(complaint, "identity/"))
    assert NAME in response.content.decode()
    assert list(ComplaintAccess.objects.order_by("pk").values_list("action", flat=True)) == [
        "open",
        "identity",
        "open",
    ]

    auditor = login(world.auditor)
    log = auditor.get("/staff/pathumwan/integrity/complaints/access-log/")
    html = log.content.decode()
    assert log.status_code == 200 and "chai.complaints" in html and complaint.ref in html
    assert SECRET_STORY not in html and NAME not in html
    assert auditor.get(_url(complaint)).status_code == 403


def test_an_officer_of_the_named_department_is_refused_even_when_also_a_handler(world, login):
    complaint = _case(world, world.public_works)
    officer = login(world.works_officer)
    assert officer.get(_url(complaint)).status_code == 403
    assert officer.get("/staff/pathumwan/integrity/complaints/").status_code == 403
    # The same person given the handler's role still never sees a case about their own department.
    Membership.objects.create(user=world.works_officer, agency=world.agency, role=Role.COMPLAINT_HANDLER)
    officer = login(get_user_model().objects.get(pk=world.works_officer.pk))
    assert officer.get(_url(complaint)).status_code == 403
    queue = officer.get("/staff/pathumwan/integrity/complaints/").content.decode()
    assert complaint.ref not in queue
    other_case = _case(world, world.registration)
    assert other_case.ref in queue or officer.get(_url(other_case)).status_code == 200
    assert not ComplaintAccess.objects.filter(complaint=complaint).exists()


def test_the_director_sees_counts_and_states_but_never_the_content_or_identity(world, login):
    complaint = _case(world, world.public_works)
    director = login(world.director)
    overview = director.get("/staff/pathumwan/integrity/complaints/overview/")
    html = overview.content.decode()
    assert overview.status_code == 200 and complaint.ref in html and "รับเรื่องแล้ว" in html
    assert SECRET_STORY not in html and NAME not in html
    assert director.get(_url(complaint)).status_code == 403
    assert director.post(_url(complaint, "identity/")).status_code == 403
    assert director.get("/staff/pathumwan/integrity/complaints/").status_code == 403
    assert not ComplaintAccess.objects.exists()


def test_another_agency_and_a_platform_admin_get_not_found(world, login):
    complaint = _case(world)
    outsider = login(world.outsider)
    assert outsider.get(_url(complaint)).status_code == 404
    # A handler of the other agency asking for this case under their own agency's address: not found.
    foreign_handler = get_user_model().objects.create(username="foreign.handler")
    Membership.objects.create(user=foreign_handler, agency=world.other, role=Role.COMPLAINT_HANDLER)
    assert login(foreign_handler).get(_url(complaint, slug="nongchok")).status_code == 404
    # A positive control: the same handler gets their own agency's case.
    own = _case(world, agency=world.other)
    assert login(foreign_handler).get(_url(own, slug="nongchok")).status_code == 200
    admin = get_user_model().objects.create(username="root", is_staff=True, is_superuser=True)
    assert login(admin).get(_url(complaint)).status_code == 404
    assert login(admin).get("/admin/").status_code == 200
    assert "integrity" not in login(admin).get("/admin/").content.decode().lower()


def test_evidence_is_served_to_the_handler_only_as_an_attachment_and_logged(world, login, media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .helpers import png_bytes

    complaint, _c, _p = services.complaint_submit(
        agency=world.agency,
        category="procurement",
        department=None,
        what="ใบเสนอราคาปลอม",
        files=[SimpleUploadedFile("quote.png", png_bytes())],
    )
    token = complaint.evidence.get().token
    url = _url(complaint, f"evidence/{token}/")
    response = login(world.complaint_handler).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert (
        response["Content-Disposition"].startswith("attachment") and "no-store" in response["Cache-Control"]
    )
    assert ComplaintAccess.objects.filter(action="evidence").count() == 1
    assert login(world.coordinator).get(url).status_code == 403
    assert login(world.complaint_handler).get(_url(complaint, "evidence/nope/")).status_code == 404


def test_feedback_about_a_departments_staff_goes_to_the_handler_not_the_department(world, login):
    routed = services.feedback_submit(
        agency=world.agency,
        kind="complaint",
        subject="รอคิวนาน",
        body="รอนานสองชั่วโมง",
        department=world.administration,
    )
    about_staff = services.feedback_submit(
        agency=world.agency,
        kind="complaint",
        subject="เจ้าหน้าที่พูดไม่สุภาพ",
        body="ตะคอกใส่ผู้สูงอายุ",
        department=world.administration,
        about_staff=True,
    )
    officer = login(world.officer)  # officer of ฝ่ายปกครอง
    queue = officer.get("/staff/pathumwan/integrity/feedback/").content.decode()
    assert routed.code in queue and about_staff.code not in queue
    assert officer.get(f"/staff/pathumwan/integrity/feedback/{about_staff.code}/").status_code == 403
    assert (
        "รอนานสองชั่วโมง" in officer.get(f"/staff/pathumwan/integrity/feedback/{routed.code}/").content.decode()
    )
    handler = login(world.complaint_handler)
    response = handler.get(f"/staff/pathumwan/integrity/feedback/{about_staff.code}/")
    assert response.status_code == 200 and "ตะคอกใส่ผู้สูงอายุ" in response.content.decode()
    works = login(world.works_officer)
    assert works.get(f"/staff/pathumwan/integrity/feedback/{routed.code}/").status_code == 403
    assert login(world.outsider).get(f"/staff/pathumwan/integrity/feedback/{routed.code}/").status_code == 404


def test_the_coordinator_routes_feedback_and_an_officer_answers_it_privately(world, login, client):
    item = services.feedback_submit(agency=world.agency, kind="suggestion", subject="ไฟถนน", body="ซอยมืด")
    coordinator = login(world.coordinator)
    response = coordinator.post(
        f"/staff/pathumwan/integrity/feedback/{item.code}/route/", {"department": world.administration.pk}
    )
    assert response.status_code == 302
    officer = login(world.officer)
    assert officer.post(f"/staff/pathumwan/integrity/feedback/{item.code}/route/", {}).status_code == 403
    officer.post(f"/staff/pathumwan/integrity/feedback/{item.code}/answer/", {"answer": "จะติดตั้งไฟในเดือนหน้า"})
    item.refresh_from_db()
    assert item.state == "answered" and not item.answer_public
    client.logout()
    status = client.get(f"/pathumwan/feedback/status/?code={item.code}")
    assert "จะติดตั้งไฟในเดือนหน้า" in status.content.decode()
    assert "จะติดตั้งไฟในเดือนหน้า" not in client.get("/pathumwan/feedback/").content.decode()


def test_a_public_answer_needs_a_summary_without_personal_data(world, login, client):
    item = services.feedback_submit(
        agency=world.agency,
        kind="compliment",
        subject="ขอบคุณ",
        body="คุณสมศรีช่วยเหลือดีมาก",
        department=world.registration,
    )
    coordinator = login(world.coordinator)
    url = f"/staff/pathumwan/integrity/feedback/{item.code}/answer/"
    response = coordinator.post(url, {"answer": "ขอบคุณครับ", "public": "on"})
    assert response.status_code == 422 and "สรุปเรื่อง" in response.content.decode()
    item.refresh_from_db()
    assert item.state == "received"
    coordinator.post(url, {"answer": "ขอบคุณครับ", "public": "on", "public_summary": "ชมเชยงานทะเบียน"})
    html = client.get("/pathumwan/feedback/").content.decode()
    assert "ชมเชยงานทะเบียน" in html and "ขอบคุณครับ" in html and "คุณสมศรี" not in html


def test_an_officer_answers_a_question_and_only_the_coordinator_publishes_it(world, login, client):
    question = services.question_ask(
        agency=world.agency, text="ย้ายทะเบียนบ้านใช้อะไรบ้าง", department=world.administration
    )
    officer = login(world.officer)
    base = f"/staff/pathumwan/integrity/questions/{question.code}/"
    officer.post(base + "answer/", {"answer": "บัตรประชาชนและทะเบียนบ้าน"})
    assert officer.post(base + "publish/", {"public_text": "ย้ายทะเบียนบ้าน"}).status_code == 403
    assert login(world.works_officer).get(base).status_code == 403
    coordinator = login(world.coordinator)
    coordinator.post(base + "publish/", {"public_text": "ย้ายทะเบียนบ้านใช้เอกสารอะไรบ้าง"})
    question.refresh_from_db()
    assert question.state == "published" and question.published_by == world.coordinator
    assert question.answered_by == world.officer
    html = client.get("/pathumwan/questions/").content.decode()
    assert "ย้ายทะเบียนบ้านใช้เอกสารอะไรบ้าง" in html and "บัตรประชาชนและทะเบียนบ้าน" in html


def test_complaints_of_another_agency_never_appear_in_a_queue(world, login):
    _case(world, agency=world.other)
    mine = _case(world)
    queue = login(world.complaint_handler).get("/staff/pathumwan/integrity/complaints/").content.decode()
    assert mine.ref in queue and Complaint.objects.count() == 2
    assert queue.count("/staff/pathumwan/integrity/complaints/") - queue.count("complaints/new/") >= 1
    other = Complaint.objects.exclude(pk=mine.pk).get()
    assert other.ref not in queue
