"""Seized goods: intake, every movement an event two staff sign (the recorder cannot be the second), an event
with one signature stays pending and changes nothing, nothing is deleted, items held past their legal period
are flagged, and who may sign."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from prongsai.property import selectors, services
from prongsai.property.models import CustodyEvent, CustodySignature, SeizedItem, SeizedState

from .helpers import freeze_time, make_city_law, make_item

pytestmark = pytest.mark.django_db

BASE = "/staff/pathumwan/property"


@pytest.fixture
def item(world):
    make_city_law(world)
    return make_item(world)


def _record(world, item, kind="to_police", actor=None, **extra):
    values = {
        "to_holder": "พนักงานสอบสวน สน.ปทุมวัน",
        "occurred_on": datetime.date(2023, 3, 10),
        "note": "หนังสือส่งมอบ ที่ กท 5101/123",
    }
    values.update(extra)
    return services.custody_record(actor=actor or world.city_officer, item=item, kind=kind, **values)


def test_an_event_with_one_signature_stays_pending_and_changes_neither_holder_nor_place(world, item):
    event = _record(world, item, kind="moved", to_place="คลังของกลาง ชั้นล่าง", to_holder="ฝ่ายเทศกิจ")
    item.refresh_from_db()
    assert item.place == "โรงเก็บของกลาง สำนักงานเขต" and item.state == SeizedState.IN_STORE
    assert event.signatures.count() == 1
    assert selectors.pending_event_ids(world.agency) == {item.pk}


def test_the_recorder_cannot_be_the_second_signer(world, item):
    event = _record(world, item)
    with pytest.raises(ValidationError) as refused:
        services.custody_sign(actor=world.city_officer, event=event)
    assert "ผู้บันทึกรายการ" in refused.value.messages[0]
    item.refresh_from_db()
    assert item.state == SeizedState.IN_STORE and event.signatures.count() == 1


def test_a_second_member_of_staff_confirms_and_the_holder_place_and_state_follow(world, item, login):
    event = _record(world, item)
    response = login(world.city_officer2).post(f"{BASE}/seized/{item.code}/events/{event.pk}/sign/")
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == SeizedState.HANDED_POLICE and item.holder == "พนักงานสอบสวน สน.ปทุมวัน"
    assert selectors.pending_event_ids(world.agency) == set()
    assert [e.to_state for e in item.events.order_by("pk")] == ["in_store", "handed_police"]
    # a third signature is refused, and goods that left the store take no more events
    with pytest.raises(ValidationError):
        services.custody_sign(actor=world.coordinator, event=event)
    with pytest.raises(ValidationError):
        _record(world, item, kind="moved", to_place="x", to_holder="y")


def test_a_new_event_waits_until_the_pending_one_is_signed(world, item):
    _record(world, item, kind="moved", to_place="คลัง ๒", to_holder="ฝ่ายเทศกิจ")
    with pytest.raises(ValidationError):
        _record(world, item, kind="destroyed", to_holder="คณะกรรมการ", actor=world.city_officer2)
    assert CustodyEvent.objects.count() == 1


def test_the_chain_is_append_only(world, item):
    event = _record(world, item)
    with pytest.raises(TypeError):
        event.note = "แก้ไข"
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        CustodyEvent.objects.all().delete()
    with pytest.raises(TypeError):
        CustodySignature.objects.update(signer_name="x")
    assert CustodyEvent.objects.get(pk=event.pk).note == "หนังสือส่งมอบ ที่ กท 5101/123"


@pytest.mark.parametrize("persona", ["officer", "works_officer", "auditor", "director"])
def test_only_officers_of_the_holding_department_and_the_coordinator_sign(world, item, login, persona):
    event = _record(world, item)
    client = login(getattr(world, persona))
    assert client.get(f"{BASE}/seized/{item.code}/").status_code == 200  # they read it
    assert client.post(f"{BASE}/seized/{item.code}/events/{event.pk}/sign/").status_code == 403
    assert client.post(f"{BASE}/seized/{item.code}/events/", {"kind": "moved"}).status_code == 403
    assert event.signatures.count() == 1


def test_the_coordinator_may_be_the_second_signer(world, item, login):
    event = _record(world, item, kind="returned_owner", to_holder="เจ้าของ")
    login(world.coordinator).post(f"{BASE}/seized/{item.code}/events/{event.pk}/sign/")
    item.refresh_from_db()
    assert item.state == SeizedState.RETURNED


def test_an_event_is_recorded_through_the_page_with_the_first_signature(world, item, login):
    response = login(world.city_officer).post(
        f"{BASE}/seized/{item.code}/events/",
        {
            "kind": "destroyed",
            "occurred_on": "๑๐ มี.ค. ๒๕๖๖",
            "to_holder": "คณะกรรมการทำลายของกลาง",
            "to_place": "",
            "note": "",
        },
    )
    assert response.status_code == 302
    event = CustodyEvent.objects.get()
    assert event.recorded_by == world.city_officer and event.signatures.get().signer == world.city_officer
    page = login(world.city_officer).get(f"{BASE}/seized/{item.code}/").content.decode()
    assert "รอลงนามคนที่สอง" in page and "ลงนามยืนยันเป็นคนที่สอง" not in page


def test_a_move_needs_the_new_place(world, item):
    with pytest.raises(ValidationError):
        _record(world, item, kind="moved", to_place="", to_holder="ฝ่ายเทศกิจ")
    assert not CustodyEvent.objects.exists()


def test_items_held_past_their_legal_period_are_flagged(world, login):
    make_city_law(world)
    old = make_item(world, seized_on=datetime.date(2023, 1, 2))
    new = make_item(world, seized_on=datetime.date(2023, 3, 1))
    assert old.hold_until == datetime.date(
        2023, 2, 1
    )  # 30 days: the default rule (a configurable assumption)
    flagged = [
        i.code for i in selectors.seized_with_flags(world.agency, datetime.date(2023, 3, 15), flagged=True)
    ]
    assert flagged == [old.code]
    with freeze_time("2023-03-15"):
        page = login(world.auditor).get(f"{BASE}/seized/?flagged=1").content.decode()
    assert old.code in page and new.code not in page and "เกินระยะเวลา" in page


def test_the_holding_period_is_data_per_law_with_its_source(world):
    rules = services.holding_rules_ensure(world.agency)
    assert all(rule.days > 0 and "ปรับได้" in rule.source for rule in rules)
    services.holding_rule_save(
        actor=world.coordinator,
        agency=world.agency,
        rule=rules[0],
        law=rules[0].law,
        days=60,
        source="ตามคำสั่งสำนักงานเขต",
    )
    make_city_law(world)
    assert make_item(world, seized_on=datetime.date(2023, 1, 2)).hold_until == datetime.date(2023, 3, 3)


def test_intake_through_the_page_keeps_the_owner_private_and_refuses_another_department(world, login):
    make_city_law(world)
    rule = services.holding_rules_ensure(world.agency)[0]
    data = {
        "seized_on": "1 มี.ค. 2566",
        "description": "ร่มสนาม",
        "quantity": 2,
        "unit": "คัน",
        "seal_number": "ทก.9",
        "rule": rule.pk,
        "case_reference": "12/2566",
        "seized_by": "นายสมศักดิ์",
        "witnesses": "",
        "owner_name": "นายวิชัย",
        "owner_contact": "",
        "department": world.city_law.pk,
        "place": "โรงเก็บของกลาง",
    }
    assert (
        login(world.officer).post(f"{BASE}/seized/new/", data).status_code == 422
    )  # not a department of theirs
    response = login(world.city_officer).post(f"{BASE}/seized/new/", data)
    item = SeizedItem.objects.get()
    assert response.status_code == 302 and item.holder == "ฝ่ายเทศกิจ" and item.created_by == world.city_officer


def test_the_seized_list_and_the_api_cost_the_same_queries_for_2_and_12_items(
    world, login, django_assert_num_queries
):
    from prongsai.api.services import api_token_create

    make_city_law(world)
    for _n in range(2):
        _record(world, make_item(world))
    client = login(world.coordinator)
    _token, raw = api_token_create(user=world.coordinator, name="t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    client.get(f"{BASE}/seized/")
    with django_assert_num_queries(8) as page:
        client.get(f"{BASE}/seized/")
    page = len(page)  # now: the connection's log is a bounded deque
    client.get("/api/v1/agencies/pathumwan/seized", **auth)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as api:
        assert client.get("/api/v1/agencies/pathumwan/seized", **auth).status_code == 200
    api = len(api)
    for _n in range(10):
        _record(world, make_item(world))
    client.get(f"{BASE}/seized/")
    with django_assert_num_queries(page):
        client.get(f"{BASE}/seized/")
    with django_assert_num_queries(api):
        rows = client.get("/api/v1/agencies/pathumwan/seized", **auth).json()
    assert len(rows) == 12 and all(r["pending_signature"] for r in rows)


def test_the_api_refuses_another_agency_and_the_complaint_handler(world):
    from django.test import Client

    from prongsai.api.services import api_token_create

    for persona, expected in (("outsider", 404), ("complaint_handler", 403), ("auditor", 200)):
        _token, raw = api_token_create(user=getattr(world, persona), name="t")
        for route in ("assets", "loans/overdue", "seized"):
            response = Client().get(f"/api/v1/agencies/pathumwan/{route}", HTTP_AUTHORIZATION=f"Bearer {raw}")
            assert response.status_code == expected, (persona, route)


def test_the_owners_name_is_shown_to_the_holding_department_and_the_auditors_only(world, item, login):
    for persona, sees in (
        ("city_officer", True),
        ("coordinator", True),
        ("auditor", True),
        ("director", True),
        ("officer", False),
    ):
        page = login(getattr(world, persona)).get(f"{BASE}/seized/{item.code}/").content.decode()
        assert ("นายวิชัย ใจดี" in page) is sees, persona
