"""The demo: a working counter and real statistics for a new user."""

import io

import pytest
from django.core.management import call_command

from prongsai.eservice.models import Channel, Request, Service, State

pytestmark = pytest.mark.django_db


def test_the_demo_loads_a_district_offices_services_and_a_year_of_requests_once(client):
    out = io.StringIO()
    call_command("load-demo", stdout=out)
    services = Service.objects.filter(agency__slug="pathumwan")
    assert services.count() >= 10
    assert {s.department.code for s in services} >= {
        "registration",
        "public-works",
        "revenue",
        "city-law",
        "environment",
    }
    requests = Request.objects.filter(agency__slug="pathumwan")
    assert requests.count() >= 300
    assert set(requests.values_list("state", flat=True)) == set(State.values)
    assert set(requests.values_list("channel", flat=True)) == set(Channel.values)
    assert requests.filter(rating__isnull=False).count() > 50
    fy = requests.filter(received_at__year__in=[2022, 2023])
    assert len({r.received_at.month for r in fy}) == 12
    page = client.get("/pathumwan/services/statistics/2566/").content.decode()
    assert "เกินมาตรฐาน" in page
    call_command("load-demo", stdout=io.StringIO())
    assert Request.objects.filter(agency__slug="pathumwan").count() == requests.count()
    assert Service.objects.filter(agency__slug="pathumwan").count() == services.count()
