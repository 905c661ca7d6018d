"""Staff hear by e-mail what the home page lists: a report returned or accepted, an entry waiting for their
approval, an entry returned; each person can turn the e-mails off."""

from datetime import date

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.agencies.models import AuditEntry
from prongsai.agencies.services import preference_set
from prongsai.disclosure import services as disclosure
from prongsai.disclosure.models import Catalogue
from prongsai.plans.models import Activity, Indicator, Plan
from prongsai.plans.services import report_review, report_submit

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def people(world):
    for user in (world.officer, world.coordinator, world.director, world.auditor):
        user.email = f"{user.username}@pathumwan.example"
        user.save()
    return world


def _report(world):
    plan = Plan.objects.create(agency=world.agency, fiscal_year=2566, title="มาตรการส่งเสริมคุณธรรมฯ")
    indicator = Indicator.objects.create(plan=plan, number="1", title="การปฏิบัติหน้าที่")
    activity = Activity.objects.create(plan=plan, indicator=indicator, key="a", order=1, focus="พัฒนาจุดบริการ")
    activity.departments.add(world.administration)
    return report_submit(
        actor=world.officer, activity=activity, period=date(2023, 3, 1), status="in_progress", percent=30
    )


def test_the_officer_hears_that_a_report_came_back_and_why(people):
    report = _report(people)
    report_review(actor=people.coordinator, report=report, accept=False, comment="โปรดแนบภาพถ่าย")
    assert [m.to for m in mail.outbox] == [["alice.officer@pathumwan.example"]]
    assert "ถูกส่งกลับ" in mail.outbox[0].subject and "โปรดแนบภาพถ่าย" in mail.outbox[0].body
    assert f"/activities/{report.activity_id}/?period=2023-03" in mail.outbox[0].body


def test_an_entry_waiting_for_approval_is_told_to_the_approvers_but_not_to_who_submitted_it(people):
    disclosure.catalogues_load_shipped()
    catalogue = Catalogue.objects.get(scheme="bangkok-district", year=2566)
    disclosure.catalogue_adopt(actor=people.coordinator, agency=people.agency, catalogue=catalogue)
    publication = disclosure.publication_create(
        actor=people.coordinator,
        agency=people.agency,
        item=catalogue.items.get(code="o04"),
        kind="file",
        title="กฎหมายที่เกี่ยวข้อง",
        upload=SimpleUploadedFile("กฎหมาย.pdf", PDF),
    )
    assert sorted(a for m in mail.outbox for a in m.to) == ["dao.director@pathumwan.example"]
    mail.outbox.clear()
    disclosure.publication_review(
        actor=people.director, publication=publication, approve=False, comment="ไฟล์ไม่ครบ"
    )
    assert [m.to for m in mail.outbox] == [["bob.coordinator@pathumwan.example"]]
    assert "ไฟล์ไม่ครบ" in mail.outbox[0].body


def test_a_person_who_turned_e_mails_off_gets_none_and_the_choice_is_recorded(people, login):
    client = login(people.officer)
    response = client.post("/staff/preferences/", {})  # the box unticked
    assert response.status_code == 302
    report = _report(people)
    report_review(actor=people.coordinator, report=report, accept=True)
    assert mail.outbox == []
    assert AuditEntry.objects.filter(model="agencies.staffpreference", actor=people.officer).exists()
    assert 'name="email_notifications"' in client.get("/staff/preferences/").content.decode()
    preference_set(user=people.officer, email_notifications=True)
    report_review(actor=people.coordinator, report=_second(people, report), accept=True)
    assert [m.to for m in mail.outbox] == [["alice.officer@pathumwan.example"]]


def _second(world, report):
    return report_submit(
        actor=world.officer,
        activity=report.activity,
        period=date(2023, 4, 1),
        status="in_progress",
        percent=50,
    )


def test_the_preferences_page_needs_a_signed_in_person(db, client):
    assert client.get("/staff/preferences/").status_code == 302
