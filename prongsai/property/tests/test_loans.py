"""Loans and bookings: double-booking is refused, a disposed asset cannot be lent, overdue loans are
listed and reminded, the custodian department approves, people outside ask without an account and their
personal data stays off the public pages."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from prongsai.property import services
from prongsai.property.models import AssetStatus, Condition, Loan, LoanReminder, LoanState
from prongsai.property.tasks import reminders_send

from .helpers import TODAY, freeze_time, make_asset

pytestmark = pytest.mark.django_db

BASE = "/staff/pathumwan/property"
D = datetime.date


def _request(world, asset, start, end, *, actor=None, public=False):
    return services.loan_request(
        agency=world.agency,
        asset=asset,
        actor=None if public else (actor or world.officer),
        borrower_name="นางสมศรี มีสุข (ชุมชนบ่อนไก่)" if public else "alice",
        borrower_phone="0812345678",
        purpose="งานทำบุญชุมชน",
        starts_on=start,
        ends_on=end,
        today=TODAY,
    )


def _booked(world, asset, start, end):
    loan = _request(world, asset, start, end)
    services.loan_approve(actor=world.coordinator, loan=loan)
    return loan


def test_a_request_overlapping_an_approved_booking_is_refused_and_nothing_is_saved(world):
    tent = make_asset(world, lendable=True)
    _booked(world, tent, D(2023, 4, 10), D(2023, 4, 12))
    for start, end in [
        (D(2023, 4, 12), D(2023, 4, 13)),
        (D(2023, 4, 8), D(2023, 4, 10)),
        (D(2023, 4, 1), D(2023, 4, 30)),
    ]:
        with pytest.raises(ValidationError) as refused:
            _request(world, tent, start, end)
        assert "ทับกับการจองที่มีอยู่แล้ว" in refused.value.messages[0]
    assert Loan.objects.count() == 1
    # the day after is free
    assert _request(world, tent, D(2023, 4, 13), D(2023, 4, 14)).state == LoanState.REQUESTED


def test_two_overlapping_requests_cannot_both_be_approved(world):
    tent = make_asset(world, lendable=True)
    first = _request(world, tent, D(2023, 4, 10), D(2023, 4, 12))
    second = _request(world, tent, D(2023, 4, 11), D(2023, 4, 11), public=True)
    services.loan_approve(actor=world.coordinator, loan=second)
    with pytest.raises(ValidationError):
        services.loan_approve(actor=world.coordinator, loan=first)
    first.refresh_from_db()
    assert first.state == LoanState.REQUESTED


def test_double_booking_through_the_staff_page_shows_the_refusal(world, login):
    tent = make_asset(world, lendable=True)
    _booked(world, tent, D(2023, 4, 10), D(2023, 4, 12))
    client = login(world.works_officer)
    with freeze_time("2023-03-15"):
        response = client.post(
            f"{BASE}/assets/{tent.pk}/borrow/",
            {
                "borrower_name": "วันชัย",
                "purpose": "ประชุม",
                "starts_on": "11 เม.ย. 2566",
                "ends_on": "11 เม.ย. 2566",
            },
            follow=True,
        )
    assert "ทับกับการจองที่มีอยู่แล้ว" in response.content.decode()
    assert Loan.objects.count() == 1


@pytest.mark.parametrize("status", [AssetStatus.DISPOSED, AssetStatus.RETIRED, AssetStatus.IN_REPAIR])
def test_an_asset_disposed_retired_or_in_repair_cannot_be_lent(world, status):
    asset = make_asset(world)
    services.asset_status_set(actor=world.coordinator, asset=asset, to_state=status)
    with pytest.raises(ValidationError) as refused:
        _request(world, asset, D(2023, 4, 1), D(2023, 4, 2))
    assert "ยืมไม่ได้" in refused.value.messages[0]
    assert not Loan.objects.exists()


def test_an_asset_with_a_booking_cannot_be_disposed_and_a_request_for_a_disposed_asset_cannot_be_approved(
    world,
):
    asset = make_asset(world)
    booked = _booked(world, asset, D(2023, 4, 1), D(2023, 4, 2))
    with pytest.raises(ValidationError):
        services.asset_status_set(actor=world.coordinator, asset=asset, to_state=AssetStatus.DISPOSED)
    services.loan_cancel(actor=world.coordinator, loan=booked)
    waiting = _request(world, asset, D(2023, 5, 1), D(2023, 5, 2))
    services.asset_status_set(actor=world.coordinator, asset=asset, to_state=AssetStatus.DISPOSED)
    with pytest.raises(ValidationError):
        services.loan_approve(actor=world.coordinator, loan=waiting)


def test_check_out_and_check_in_move_the_asset_and_record_its_condition(world, login):
    asset = make_asset(world)
    loan = _booked(world, asset, TODAY, TODAY + datetime.timedelta(days=2))
    client = login(world.officer)
    with freeze_time("2023-03-15"):
        client.post(f"{BASE}/loans/{loan.code}/check_out/", {"condition": "good"})
    asset.refresh_from_db()
    loan.refresh_from_db()
    assert (
        loan.state == LoanState.CHECKED_OUT
        and asset.status == AssetStatus.ON_LOAN
        and loan.condition_out == "good"
    )
    client.post(f"{BASE}/loans/{loan.code}/check_in/", {"condition": "damaged", "note": "ขาตั้งหัก"})
    asset.refresh_from_db()
    loan.refresh_from_db()
    assert loan.state == LoanState.RETURNED and loan.condition_in == Condition.DAMAGED
    assert asset.status == AssetStatus.IN_REPAIR and asset.condition == Condition.DAMAGED
    assert [e.to_state for e in loan.events.order_by("pk")] == [
        "requested",
        "approved",
        "checked_out",
        "returned",
    ]


def test_a_booking_cannot_be_handed_over_before_its_first_day(world):
    asset = make_asset(world)
    loan = _booked(world, asset, D(2023, 4, 1), D(2023, 4, 2))
    with pytest.raises(ValidationError):
        services.loan_check_out(actor=world.coordinator, loan=loan, condition="good", today=TODAY)


def test_only_the_custodian_department_or_the_coordinator_approves(world, login):
    asset = make_asset(world)  # ฝ่ายปกครอง
    loan = _request(world, asset, D(2023, 4, 1), D(2023, 4, 2), actor=world.works_officer)
    assert login(world.works_officer).post(f"{BASE}/loans/{loan.code}/approve/").status_code == 403
    assert login(world.auditor).post(f"{BASE}/loans/{loan.code}/approve/").status_code == 403
    assert login(world.director).post(f"{BASE}/loans/{loan.code}/approve/").status_code == 403
    loan.refresh_from_db()
    assert loan.state == LoanState.REQUESTED
    assert login(world.officer).post(f"{BASE}/loans/{loan.code}/approve/").status_code == 302
    loan.refresh_from_db()
    assert loan.state == LoanState.APPROVED


def test_the_requester_may_cancel_their_own_request(world, login):
    loan = _request(world, make_asset(world), D(2023, 4, 1), D(2023, 4, 2), actor=world.works_officer)
    login(world.works_officer).post(f"{BASE}/loans/{loan.code}/cancel/")
    loan.refresh_from_db()
    assert loan.state == LoanState.CANCELLED


def test_a_refusal_needs_a_reason(world):
    loan = _request(world, make_asset(world), D(2023, 4, 1), D(2023, 4, 2))
    with pytest.raises(ValidationError):
        services.loan_refuse(actor=world.coordinator, loan=loan, note=" ")


def _overdue(world, number="A-1", days_late=3):
    asset = make_asset(world, number=number)
    start = TODAY - datetime.timedelta(days=10)
    loan = services.loan_request(
        agency=world.agency,
        asset=asset,
        actor=world.works_officer,
        borrower_name="วันชัย",
        purpose="ออกหน่วย",
        starts_on=start,
        ends_on=TODAY - datetime.timedelta(days=days_late),
        today=start,
    )
    services.loan_approve(actor=world.coordinator, loan=loan)
    services.loan_check_out(actor=world.coordinator, loan=loan, condition="good", today=start)
    return loan


def test_overdue_loans_are_listed_on_the_page_and_in_the_api(world, login):
    late = _overdue(world)
    on_time = _booked(world, make_asset(world, number="A-2"), TODAY, TODAY + datetime.timedelta(days=3))
    services.loan_check_out(actor=world.coordinator, loan=on_time, condition="good", today=TODAY)
    client = login(world.auditor)
    with freeze_time("2023-03-15"):
        page = client.get(f"{BASE}/loans/?view=overdue").content.decode()
        assert late.code in page and on_time.code not in page
        from prongsai.api.services import api_token_create

        _token, raw = api_token_create(user=world.auditor, name="t")
        rows = client.get(
            "/api/v1/agencies/pathumwan/loans/overdue", HTTP_AUTHORIZATION=f"Bearer {raw}"
        ).json()
    assert [r["code"] for r in rows] == [late.code] and rows[0]["overdue_days"] == 3


def test_reminders_go_once_a_day_to_the_borrower_due_tomorrow_and_overdue_to_the_custodian_officers(world):
    world.works_officer.email = "wanchai@example.org"
    world.works_officer.save()
    world.officer.email = "alice@example.org"
    world.officer.save()
    late = _overdue(world, days_late=1)
    soon = _booked(world, make_asset(world, number="A-2"), TODAY, TODAY + datetime.timedelta(days=1))
    services.loan_check_out(actor=world.coordinator, loan=soon, condition="good", today=TODAY)
    mail.outbox.clear()
    sent = reminders_send(today=TODAY)
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert sent == 3 and recipients == ["alice@example.org", "alice@example.org", "wanchai@example.org"]
    assert reminders_send(today=TODAY) == 0  # the same day again: nothing more
    assert LoanReminder.objects.filter(loan=late, kind="overdue").count() == 1
    # the next days are quiet, a week later the overdue loan is reminded again
    assert reminders_send(today=TODAY + datetime.timedelta(days=1)) == 0
    # a week on: the weekly overdue reminder of the first (2 messages) and the first of the second (2)
    assert reminders_send(today=TODAY + datetime.timedelta(days=7)) == 4


def test_the_daily_task_is_declared():
    from django.apps import apps

    assert "prongsai.property.tasks.loan_reminders" in apps.get_app_config("property").daily_tasks


def test_the_loan_list_costs_the_same_queries_for_3_and_15_loans(world, login, django_assert_num_queries):
    for n in range(3):
        _request(world, make_asset(world, number=f"S-{n}"), D(2023, 4, 1), D(2023, 4, 2))
    client = login(world.coordinator)
    client.get(f"{BASE}/loans/")
    with django_assert_num_queries(7) as small:
        client.get(f"{BASE}/loans/")
    small = len(small)  # now: the connection's log is a bounded deque
    for n in range(3, 15):
        _request(world, make_asset(world, number=f"S-{n}"), D(2023, 4, 1), D(2023, 4, 2))
    client.get(f"{BASE}/loans/")
    with django_assert_num_queries(small):
        client.get(f"{BASE}/loans/")


def test_director_and_auditor_do_not_ask_for_loans_and_other_officers_do_not_see_a_borrowers_phone(
    world, login
):
    asset = make_asset(world, lendable=True)
    data = {"borrower_name": "x", "purpose": "x", "starts_on": "1 เม.ย. 2570", "ends_on": "1 เม.ย. 2570"}
    for persona in ("director", "auditor"):
        assert (
            login(getattr(world, persona)).post(f"{BASE}/assets/{asset.pk}/borrow/", data).status_code == 403
        )
    assert not Loan.objects.exists()
    loan = _request(world, asset, D(2023, 4, 1), D(2023, 4, 2), public=True)
    assert "0812345678" not in login(world.works_officer).get(f"{BASE}/loans/{loan.code}/").content.decode()
    assert "0812345678" in login(world.officer).get(f"{BASE}/loans/{loan.code}/").content.decode()
