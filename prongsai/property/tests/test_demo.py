"""The demo gives every page and statistic content: a few hundred assets, loans of every kind, donations and
a store of seized goods with their events, some pending and some held too long."""

import io

import pytest
from django.utils import timezone

from prongsai.agencies.demo import demo_agency_ensure, demo_staff_ensure
from prongsai.property import selectors
from prongsai.property.demo import load_demo
from prongsai.property.models import Asset, CustodyEvent, Donation, Loan, LoanState, SeizedItem, StockTake

pytestmark = pytest.mark.django_db


def test_the_demo_fills_every_register_and_runs_once(client):
    agency, _created = demo_agency_ensure()
    demo_staff_ensure(agency, "correct horse battery staple")
    load_demo(agency, stdout=io.StringIO())
    today = timezone.localdate()
    assert 250 <= Asset.objects.count() <= 400
    states = set(Loan.objects.values_list("state", flat=True))
    assert {LoanState.RETURNED, LoanState.APPROVED, LoanState.REQUESTED, LoanState.CHECKED_OUT} <= states
    assert selectors.overdue_loans(agency, today).exists()
    assert Loan.objects.filter(state=LoanState.APPROVED, starts_on__gt=today).exists()  # bookings ahead
    assert (
        Donation.objects.filter(received_on__year=2023).exists()
        and Donation.objects.filter(anonymous=True).exists()
    )
    assert SeizedItem.objects.count() > 50 and CustodyEvent.objects.exists()
    assert selectors.pending_event_ids(agency)
    assert any(i.flagged for i in selectors.seized_with_flags(agency, today))
    assert StockTake.objects.exists()
    assert client.get("/pathumwan/property/seized/2566/").status_code == 200
    load_demo(agency, stdout=io.StringIO())
    assert 250 <= Asset.objects.count() <= 400
