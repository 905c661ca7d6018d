"""Datasets attached to an OIT item: generated entries, readiness of the period, the DCAT catalogue."""

import datetime

import pytest
from django.utils import timezone

from prongsai.datasets import services
from prongsai.datasets.public import attached_entries as entries
from prongsai.datasets.public import dcat_datasets
from prongsai.disclosure import readiness, selectors
from prongsai.disclosure import services as ds
from prongsai.disclosure.models import Catalogue

from .helpers import make_dataset

pytestmark = pytest.mark.django_db

MONTHS = [datetime.date(2022, m, 1) for m in (10, 11, 12)] + [datetime.date(2023, m, 1) for m in (1, 2, 3)]


@pytest.fixture
def o12(world):
    ds.catalogues_load_shipped()
    catalogue = Catalogue.objects.get(scheme="bangkok-district", year=2566)
    ds.catalogue_adopt(actor=world.coordinator, agency=world.agency, catalogue=catalogue)
    return catalogue.items.get(code="o12")


def _fill(world, dataset, months):
    for month in months:
        services.rows_replace(
            actor=world.coordinator, dataset=dataset, period=month, rows=[{"kind": "ก", "amount": "1.00"}]
        )


def _period_check(world, item):
    view = next(v for v in selectors.item_views(world.agency, item.catalogue) if v.item.pk == item.pk)
    now = timezone.make_aware(datetime.datetime(2023, 5, 1, 12))
    result = readiness.item_readiness(world.agency, view, now=now)
    return result.check("period"), result


def test_the_entries_of_o12_give_one_page_per_run_of_covered_months(world, o12):
    dataset = make_dataset(world)
    _fill(world, dataset, MONTHS[:2] + MONTHS[3:])  # December missing
    found = entries(world.agency, o12)
    pages = [e for e in found if e.formats == frozenset({"page"})]
    assert [(e.period_start, e.period_end) for e in pages] == [
        (datetime.date(2022, 10, 1), datetime.date(2022, 11, 30)),
        (datetime.date(2023, 1, 1), datetime.date(2023, 3, 31)),
    ]
    assert "ต.ค. 2565 – พ.ย. 2565" in pages[0].title
    assert {fmt for e in found for fmt in e.formats} == {"page", "pdf", "xlsx", "csv", "json"}
    check, _ = _period_check(world, o12)
    assert not check.passed and "ธ.ค. 2565" in check.message


def test_readiness_sees_the_six_months_covered_and_the_formats(world, o12):
    _fill(world, make_dataset(world), MONTHS)
    check, result = _period_check(world, o12)
    assert check.passed
    assert result.check("formats").passed
    assert result.check("address").passed, result.check("address").message


def test_an_unpublished_or_unattached_dataset_gives_no_entry(world, o12):
    _fill(world, make_dataset(world, published=False), MONTHS)
    _fill(world, make_dataset(world, code="", title="อื่น"), MONTHS)
    assert entries(world.agency, o12) == []


def test_published_datasets_are_dcat_datasets(world):
    _fill(world, make_dataset(world), MONTHS)
    make_dataset(world, published=False, title="ลับ")
    from prongsai.portal.opendata import _dataset_node

    found = dcat_datasets(world.agency, lambda path: f"https://example.org{path}")
    assert [d.title for d in found] == ["รายได้ ค่าธรรมเนียม"]
    node = _dataset_node(world.agency, {"@id": "https://example.org/#org"}, found[0])
    assert node["dct:temporal"]["dcat:startDate"]["@value"] == "2022-10-01"
    assert node["dct:temporal"]["dcat:endDate"]["@value"] == "2023-03-31"
    assert {d["dct:format"] for d in node["dcat:distribution"]} == {"HTML", "CSV", "XLS", "JSON", "PDF"}
