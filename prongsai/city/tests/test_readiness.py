import pytest
from django.urls import reverse

from prongsai.agencies.signals import announce_public_change
from prongsai.city.models import ReadinessSnapshot
from prongsai.disclosure import services as disclosure_services
from prongsai.disclosure.models import Catalogue
from prongsai.disclosure.providers import readiness_summary

from .helpers import make_city

pytestmark = pytest.mark.django_db
YEAR = 2566


@pytest.fixture
def city():
    disclosure_services.catalogues_load_shipped()
    city = make_city(2, data=False)
    city.catalogue = Catalogue.objects.get(scheme="bangkok-district", year=YEAR)
    disclosure_services.catalogue_adopt(actor=None, agency=city.children[0], catalogue=city.catalogue)
    return city


def _dashboard(client):
    return client.get(
        reverse("city:dashboard", kwargs={"agency": "bma"}) + f"?year={YEAR}&scheme=bangkok-district"
    )


def test_refresh_computes_the_oit_cores_readiness_of_each_child_and_the_page_shows_it(login, city):
    client = login(city.coordinator)
    assert "ยังไม่ได้คำนวณ" in _dashboard(client).content.decode()
    response = client.post(reverse("city:refresh", kwargs={"agency": "bma", "year": YEAR}))
    assert response.status_code == 302
    adopted, not_adopted = city.children
    snap = ReadinessSnapshot.objects.get(agency=adopted, year=YEAR, scheme="bangkok-district")
    summary = readiness_summary(adopted, YEAR, "bangkok-district")
    assert (snap.ready, snap.total) == (sum(p.passed for p in summary), len(summary)) and snap.total == 30
    assert not ReadinessSnapshot.objects.filter(agency=not_adopted).exists()
    board = _dashboard(client).context["board"]
    assert board.rows[0].readiness == snap and board.rows[1].readiness is None
    assert {i.code for i in board.items} == {p.code for p in summary}
    failing = [p.code for p in summary if not p.passed]
    assert failing
    detail = client.get(
        reverse("city:district", kwargs={"agency": "bma", "year": YEAR, "child": adopted.slug})
        + "?scheme=bangkok-district"
    )
    assert [i["code"] for i in detail.context["detail"].not_ready] == failing
    # A publication in the district after the computation: the page says the figure is old.
    assert not board.rows[0].stale
    announce_public_change(agency=adopted, source="disclosure")
    assert _dashboard(client).context["board"].rows[0].stale


def test_only_the_coordinator_asks_for_a_refresh(login, city):
    url = reverse("city:refresh", kwargs={"agency": "bma", "year": YEAR})
    for user in (city.director, city.auditor):
        assert login(user).post(url).status_code == 403
    assert login(city.coordinator).get(url).status_code == 405
    assert not ReadinessSnapshot.objects.exists()


def test_the_daily_task_refreshes_every_city(city):
    from django.utils import timezone

    from prongsai.city.tasks import readiness_refresh_all
    from prongsai.thai.fiscal import fiscal_year

    current = Catalogue.objects.create(
        scheme="bangkok-district", year=fiscal_year(timezone.localdate()), title="x"
    )
    disclosure_services.catalogue_adopt(actor=None, agency=city.children[1], catalogue=current)
    readiness_refresh_all.enqueue()
    assert ReadinessSnapshot.objects.filter(agency=city.children[1], year=current.year).exists()
