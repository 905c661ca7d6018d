"""Policy announcements: drafted and submitted by the coordinator, published by another person (the
director), on their OIT item with the signer; the renewal a new fiscal year asks for."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prongsai.integrity import register
from prongsai.integrity.models import Announcement, RenewalReminder
from prongsai.integrity.public import ITEMS
from prongsai.integrity.tasks import renewal_reminders_send

from .helpers import png_bytes, upload

BASE = "/staff/pathumwan/integrity/announcements/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NO_GIFT_TEXT = (
    "สำนักงานเขตปทุมวันขอประกาศเจตนารมณ์ว่า ผู้บริหารและบุคลากรทุกคนจะไม่รับของขวัญหรือของกำนัลทุกชนิด "
    "จากการปฏิบัติหน้าที่ (No Gift Policy)"
)


def fresh(world):
    """The agency as a new request loads it (the providers remember their facts on the agency object)."""
    from prongsai.agencies.models import Agency

    return Agency.objects.get(pk=world.agency.pk)


def fields(**changes):
    values = {
        "kind": "no_gift",
        "fiscal_year": 2566,
        "title": "ประกาศสำนักงานเขตปทุมวัน เรื่อง นโยบายไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่",
        "text": NO_GIFT_TEXT,
        "signer_name": "นายสมชาย ตั้งใจดี",
        "signer_position": "ผู้อำนวยการเขตปทุมวัน",
        "signed_on": "3/10/2565",
    }
    values.update(changes)
    return values


def draft(world, **changes) -> Announcement:
    data = fields(**changes)
    data["signed_on"] = date(2022, 10, 3)
    return register.announcement_save(
        actor=world.coordinator, agency=world.agency, data=data, signed_pdf=upload("ประกาศ.pdf", PDF)
    )


def published(world, **changes) -> Announcement:
    item = draft(world, **changes)
    if item.kind == "director_participation":
        register.announcement_photo_add(
            actor=world.coordinator,
            announcement=item,
            upload=upload("a.png", png_bytes()),
            caption="ผู้อำนวยการเขตมอบนโยบาย",
        )
    register.announcement_submit(actor=world.coordinator, announcement=item)
    register.announcement_review(actor=world.director, announcement=item, approve=True)
    item.refresh_from_db()
    return item


def item_of(year=2566):
    return SimpleNamespace(catalogue=SimpleNamespace(year=year))


def test_the_coordinator_drafts_submits_and_the_director_publishes_to_the_item(world, login, client):
    staff = login(world.coordinator)
    response = staff.post(BASE + "new/", {**fields(), "signed_pdf": upload("ประกาศ No Gift.pdf", PDF)})
    assert response.status_code == 302
    item = Announcement.objects.get()
    assert item.state == "draft" and item.signed_pdf_name == "ประกาศ No Gift.pdf"
    assert ITEMS["no_gift"](fresh(world), item_of()) == []  # a draft is on no item
    assert staff.post(BASE + f"{item.code}/submit/").status_code == 302
    item.refresh_from_db()
    assert item.state == "submitted"
    # the submitter may not approve their own
    staff.post(BASE + f"{item.code}/review/", {"approve": "1"})
    item.refresh_from_db()
    assert item.state == "submitted"
    director = login(world.director)
    assert director.post(BASE + f"{item.code}/review/", {"approve": "1"}).status_code == 302
    item.refresh_from_db()
    assert item.state == "published" and item.approved_by == world.director
    entries = ITEMS["no_gift"](fresh(world), item_of())
    assert [e.formats for e in entries] == [frozenset({"page"}), frozenset({"pdf"})]
    assert "นายสมชาย ตั้งใจดี" in entries[0].title and "ผู้อำนวยการเขตปทุมวัน" in entries[0].title
    assert "๒๕๖๕" in entries[0].title or "2565" in entries[0].title  # signed date, Buddhist era
    assert ITEMS["anti_bribery"](fresh(world), item_of()) == []
    page = client.get(entries[0].url).content.decode()
    assert "นายสมชาย ตั้งใจดี" in page and "No Gift Policy" in page and "2565" in page
    signed = client.get(entries[1].url)
    assert signed.status_code == 200 and b"".join(signed.streaming_content).startswith(b"%PDF")


def test_the_director_sends_back_with_a_reason_and_a_draft_is_not_public(world, login, client):
    item = draft(world)
    register.announcement_submit(actor=world.coordinator, announcement=item)
    with pytest.raises(ValidationError):
        register.announcement_review(actor=world.director, announcement=item, approve=False, comment="")
    register.announcement_review(actor=world.director, announcement=item, approve=False, comment="แก้วันที่ลงนาม")
    item.refresh_from_db()
    assert item.state == "draft"
    assert client.get(f"/pathumwan/announcements/{item.code}/").status_code == 404
    assert client.get(f"/pathumwan/announcements/{item.code}/signed.pdf").status_code == 404


def test_a_signed_pdf_is_required_and_content_sniffed(world, login):
    staff = login(world.coordinator)
    response = staff.post(BASE + "new/", {**fields(), "signed_pdf": upload("ประกาศ.pdf", b"GIF89a fake")})
    assert response.status_code == 400 and "ไม่ใช่ชนิดที่รับได้" in response.content.decode()
    assert not Announcement.objects.exists()
    staff.post(BASE + "new/", fields())
    item = Announcement.objects.get()
    with pytest.raises(ValidationError) as caught:
        register.announcement_submit(actor=world.coordinator, announcement=item)
    assert "ฉบับที่ผู้บริหารลงนาม" in str(caught.value)


def test_the_directors_participation_needs_photos_and_they_lose_their_exif(world, login, client):
    item = draft(world, kind="director_participation", title="ผู้อำนวยการเขตปทุมวันมอบนโยบาย No Gift แก่บุคลากร")
    with pytest.raises(ValidationError):
        register.announcement_submit(actor=world.coordinator, announcement=item)
    staff = login(world.coordinator)
    staff.post(
        BASE + f"{item.code}/photo/",
        {"photo": upload("p.jpg", png_bytes(exif_gps=True)), "caption": "มอบนโยบาย"},
    )
    photo = item.photos.get()
    data = photo.image.open("rb").read()
    assert b"WhistleCam" not in data and b"GPS" not in data
    register.announcement_submit(actor=world.coordinator, announcement=item)
    register.announcement_review(actor=world.director, announcement=item, approve=True)
    entries = ITEMS["director_participation"](fresh(world), item_of())
    assert entries[0].formats == frozenset({"page", "image"})
    page = client.get(entries[0].url).content.decode()
    assert "มอบนโยบาย" in page and f"/photos/{photo.code}/" in page
    assert client.get(f"/pathumwan/announcements/{item.code}/photos/{photo.code}/").status_code == 200


def test_a_published_announcement_is_withdrawn_not_edited(world, login):
    item = published(world)
    with pytest.raises(ValidationError):
        register.announcement_save(
            actor=world.coordinator, agency=world.agency, data={"title": "x"}, announcement=item
        )
    staff = login(world.coordinator)
    staff.post(BASE + f"{item.code}/withdraw/", {"reason": ""})
    item.refresh_from_db()
    assert item.state == "published"
    staff.post(BASE + f"{item.code}/withdraw/", {"reason": "ประกาศฉบับใหม่แทน"})
    item.refresh_from_db()
    assert item.state == "withdrawn"
    assert ITEMS["no_gift"](fresh(world), item_of()) == []
    assert list(item.events.values_list("to_state", flat=True)) == [
        "draft",
        "submitted",
        "published",
        "withdrawn",
    ]


@pytest.mark.parametrize("path", ["", "new/", "{code}/", "{code}/signed.pdf"])
def test_announcements_are_refused_to_other_agencies_the_complaint_handler_and_the_anonymous(
    world, login, client, path
):
    item = draft(world)
    url = BASE + path.format(code=item.code)
    assert client.get(url).status_code == 302
    assert login(world.outsider).get(url).status_code == 404
    assert login(world.complaint_handler).get(url).status_code == 403


def test_only_the_coordinator_prepares_and_only_an_approver_reviews(world, login):
    item = draft(world)
    for person in (world.officer, world.auditor, world.director):
        staff = login(person)
        assert staff.get(BASE + "new/").status_code == 403
        assert staff.post(BASE + f"{item.code}/submit/").status_code == 403
    register.announcement_submit(actor=world.coordinator, announcement=item)
    for person in (world.officer, world.auditor):
        assert login(person).post(BASE + f"{item.code}/review/", {"approve": "1"}).status_code == 403
    item.refresh_from_db()
    assert item.state == "submitted"
    assert login(world.outsider).post(BASE + f"{item.code}/review/", {"approve": "1"}).status_code == 404


def test_a_new_fiscal_year_says_which_announcements_to_renew(world, login):
    published(world)
    published(world, kind="anti_bribery", title="ประกาศเจตนารมณ์ต่อต้านการรับสินบน")
    due = register.renewals_due(world.agency, 2567)
    assert [r.kind for r in due] == ["no_gift", "anti_bribery"]
    # a draft of the new year counts as on its way
    draft(world, fiscal_year=2567)
    assert [r.kind for r in register.renewals_due(world.agency, 2567)] == ["anti_bribery"]
    assert register.renewals_due(world.agency, 2566) == []


def test_the_coordinators_home_and_list_show_what_to_renew(world, login, time_machine):
    time_machine.move_to("2023-10-05 09:00 +07:00")
    published(world)
    page = login(world.coordinator).get("/staff/pathumwan/integrity/").content.decode()
    assert "ยังไม่ได้ลงนามใหม่" in page and "?renews=" in page
    renew = (
        login(world.coordinator).get(BASE + "new/?renews=" + Announcement.objects.get().code).content.decode()
    )
    assert NO_GIFT_TEXT[:30] in renew and 'value="2567"' in renew
    assert "ยังไม่ได้ลงนามใหม่" not in login(world.officer).get("/staff/pathumwan/integrity/").content.decode()


def test_the_daily_reminder_tells_coordinators_once(world, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    world.coordinator.email = "bob@pathumwan.example"
    world.coordinator.save()
    published(world)
    assert renewal_reminders_send(today=date(2023, 9, 30)) == 0  # still FY2566
    mail.outbox.clear()
    assert renewal_reminders_send(today=date(2023, 10, 2)) == 1
    assert renewal_reminders_send(today=date(2023, 10, 3)) == 0
    assert RenewalReminder.objects.filter(fiscal_year=2567, kind="no_gift").count() == 1
    assert len(mail.outbox) == 1 and "2567" in mail.outbox[0].subject and "No Gift" in mail.outbox[0].body


@pytest.mark.parametrize("path", ["staff", "item"])
def test_announcement_lists_cost_the_same_queries_for_few_or_many(world, login, path):
    def add(n):
        for i in range(n):
            published(world, title=f"ประกาศ {i}")

    def run():
        if path == "staff":
            assert login(world.coordinator).get(BASE).status_code == 200
        else:
            ITEMS["no_gift"](fresh(world), item_of())

    add(2)
    run()
    with CaptureQueriesContext(connection) as few:
        run()
    add(8)
    with CaptureQueriesContext(connection) as many:
        run()
    assert len(many) == len(few)


def test_the_api_lists_published_announcements_with_their_signer(world, client):
    published(world)
    draft(world, kind="anti_bribery", title="ร่างที่ยังไม่เผยแพร่")
    data = client.get("/api/v1/agencies/pathumwan/announcements").json()
    assert data["count"] == 1
    item = data["items"][0]
    assert item["signer_name"] == "นายสมชาย ตั้งใจดี" and item["signed_on"] == "2022-10-03"
    assert item["signed_pdf"].endswith("/signed.pdf")
    assert client.get("/api/v1/agencies/nosuch/announcements").status_code == 404


def test_the_announcements_api_costs_the_same_queries_for_few_or_many(world, client):
    url = "/api/v1/agencies/pathumwan/announcements"
    published(world)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for i in range(6):
        published(world, title=f"ประกาศ {i}")
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).json()["count"] == 7
    assert len(many) == len(few)
