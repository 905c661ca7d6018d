"""What the e-service gives the OIT items, search, open data and the public menu."""

import datetime

import pytest
import time_machine

from prongsai.disclosure import providers
from prongsai.disclosure import services as disclosure_services
from prongsai.disclosure.models import Catalogue
from prongsai.eservice import services
from prongsai.eservice.models import ReportGroup, State
from prongsai.eservice.services import Outcome

from .helpers import apply, at, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(world):
    disclosure_services.catalogues_load_shipped()
    return Catalogue.objects.get(scheme="bangkok-district", year=2566)


def _entries(world, catalogue, code):
    return providers.generated_entries(world.agency, catalogue.items.get(code=code))


def test_no_data_no_entries(world, catalogue):
    for code in ("o10", "o11", "o12", "o13", "o14", "o15", "o16"):
        assert _entries(world, catalogue, code) == [], code


def test_manuals_checklists_online_pages_and_tracking_come_from_the_catalogue(world, catalogue):
    make_service(world)
    o10 = _entries(world, catalogue, "o10")
    assert {f for e in o10 for f in e.formats} == {
        "page",
        "pdf",
    } and "/pathumwan/services/house-move/manual.pdf" in [e.url for e in o10]
    assert {f for e in _entries(world, catalogue, "o13") for f in e.formats} == {"docx", "pdf"}
    assert "/pathumwan/services/house-move/apply/" in [e.url for e in _entries(world, catalogue, "o11")]
    assert [e.url for e in _entries(world, catalogue, "o14")] == ["/track/"]


def test_the_statistics_entries_cover_the_months_since_the_system_was_in_use(world, catalogue):
    service = make_service(world)
    with time_machine.travel(at("2022-11-15"), tick=False):
        apply(world, service)
    with time_machine.travel(at("2023-04-10"), tick=False):
        entries = _entries(world, catalogue, "o12")
    assert {f for e in entries for f in e.formats} == {"page", "pdf", "xlsx"}
    assert {(e.period_start, e.period_end) for e in entries} == {
        (datetime.date(2022, 11, 1), datetime.date(2023, 3, 31))
    }


def test_the_registers_of_items_15_and_16(world, catalogue):
    building = make_service(world, slug="building", group=ReportGroup.BUILDING_PERMIT)
    with time_machine.travel(at("2022-10-03"), tick=False):
        request = apply(world, building)
        services.request_transition(actor=world.coordinator, request=request, to_state=State.ACCEPTED)
        services.request_transition(
            actor=world.coordinator, request=request, to_state=State.APPROVED, outcome=Outcome("1/2566")
        )
    with time_machine.travel(at("2023-10-05"), tick=False):
        o15 = _entries(world, catalogue, "o15")
    assert {f for e in o15 for f in e.formats} == {"page", "pdf", "xlsx"}
    assert o15[0].period_start == datetime.date(2022, 10, 1) and o15[0].period_end == datetime.date(
        2023, 9, 30
    )
    assert _entries(world, catalogue, "o16") == []


def test_the_oit_readiness_sees_every_generated_address(world, catalogue):
    from prongsai.disclosure.readiness import _resolves

    service = make_service(world)
    with time_machine.travel(at("2022-11-15"), tick=False):
        apply(world, service)
    for code in ("o10", "o11", "o12", "o13", "o14"):
        for entry in _entries(world, catalogue, code):
            assert _resolves(entry.url), entry.url


def test_search_documents_dcat_and_the_menu(world):
    make_service(world)
    documents = list(providers.search_documents(world.agency, "eservice"))
    assert documents and documents[0][1].url == "/pathumwan/services/house-move/"
    assert "ตรวจสอบสถานที่" in documents[0][1].text
    links = providers.public_links(world.agency)
    assert any(link.url == "/pathumwan/services/" for link in links)
    from prongsai.eservice.public import dcat_datasets

    assert dcat_datasets(world.agency, lambda p: "https://example.org" + p) == []
    apply(world, make_service(world, slug="second"))
    with time_machine.travel(
        datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=40), tick=False
    ):
        datasets = dcat_datasets(world.agency, lambda p: "https://example.org" + p)
    assert datasets and {d.format for d in datasets[0].distributions} >= {"csv", "xlsx", "json"}
