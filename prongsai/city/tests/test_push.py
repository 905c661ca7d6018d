import pytest
from django.urls import reverse

from prongsai.agencies.models import AuditEntry
from prongsai.agencies.tests.factories import DepartmentFactory
from prongsai.disclosure import services as disclosure_services
from prongsai.disclosure.models import Adoption, Assignment, Catalogue

from .helpers import make_city

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    disclosure_services.catalogues_load_shipped()
    city = make_city(3, data=False)
    for child in city.children:
        DepartmentFactory(agency=child, code="administration", name="ฝ่ายปกครอง")
        DepartmentFactory(agency=child, code="finance", name="ฝ่ายการคลัง")
    city.catalogue = Catalogue.objects.get(scheme="bangkok-district", year=2566)
    return city


def _url(name="city:push"):
    return reverse(name, kwargs={"agency": "bma"})


def _preview(client, city, children):
    return client.post(
        _url(),
        {"step": "preview", "catalogue": city.catalogue.pk, "children": [c.pk for c in children]},
    )


def test_push_previews_then_adopts_in_every_chosen_child_with_an_audit_entry(login, city):
    client = login(city.coordinator)
    assert client.get(_url()).status_code == 200
    chosen = city.children[:2]
    preview = _preview(client, city, chosen)
    assert preview.status_code == 200
    assert Adoption.objects.count() == 0  # the preview writes nothing
    changes = preview.context["changes"]
    assert [c.agency for c in changes] == chosen and all(c.adopts for c in changes)
    items = city.catalogue.items.count()
    assert "ยืนยันและส่ง" in preview.content.decode()
    response = client.post(
        _url(),
        {
            "step": "confirm",
            "catalogue": city.catalogue.pk,
            "children": [c.pk for c in chosen],
            "fingerprint": preview.context["fingerprint"],
        },
    )
    assert response.status_code == 302
    for child in chosen:
        assert Adoption.objects.filter(agency=child, catalogue=city.catalogue).exists()
        assert Assignment.objects.filter(agency=child, item__catalogue=city.catalogue).count() == items
        entry = AuditEntry.objects.filter(agency=child, model="disclosure.catalogue").get()
        assert entry.after["pushed_by"] == "bma" and entry.actor == city.coordinator
    assert not Adoption.objects.filter(agency=city.children[2]).exists()  # not chosen: untouched


def test_a_districts_own_assignment_is_shown_and_kept(login, city):
    child = city.children[0]
    disclosure_services.catalogue_adopt(actor=None, agency=child, catalogue=city.catalogue)
    item = city.catalogue.items.get(code="o01")
    assignment = Assignment.objects.get(agency=child, item=item)
    finance = child.departments.get(code="finance")
    assignment.all_departments = False
    assignment.save()
    assignment.departments.set([finance])  # the district's own later choice
    missing = city.catalogue.items.get(code="o02")
    Assignment.objects.filter(agency=child, item=missing).delete()
    client = login(city.coordinator)
    preview = _preview(client, city, [child])
    change = preview.context["changes"][0]
    assert not change.adopts and change.new_items == ["o02"]
    assert [code for code, _have, _want in change.own_assignments] == ["o01"]
    assert "ฝ่ายการคลัง" in preview.content.decode()
    client.post(
        _url(),
        {
            "step": "confirm",
            "catalogue": city.catalogue.pk,
            "children": [child.pk],
            "fingerprint": preview.context["fingerprint"],
        },
    )
    assignment.refresh_from_db()
    assert list(assignment.departments.all()) == [finance]  # kept
    assert Assignment.objects.filter(agency=child, item=missing).exists()  # added


def test_a_change_after_the_preview_stops_the_push(login, city):
    client = login(city.coordinator)
    preview = _preview(client, city, city.children)
    # Meanwhile a district adopts the catalogue itself: what the coordinator confirmed is no longer true.
    disclosure_services.catalogue_adopt(actor=None, agency=city.children[1], catalogue=city.catalogue)
    response = client.post(
        _url(),
        {
            "step": "confirm",
            "catalogue": city.catalogue.pk,
            "children": [c.pk for c in city.children],
            "fingerprint": preview.context["fingerprint"],
        },
    )
    assert response.status_code == 200  # shown again with what differs now
    assert Adoption.objects.filter(catalogue=city.catalogue).count() == 1  # nothing of the push was written
    assert not AuditEntry.objects.filter(model="disclosure.catalogue", after__pushed_by="bma").exists()


def test_who_may_push_and_bad_input(login, city, world):
    for user in (city.director, city.auditor, city.district_coordinator):
        response = login(user).post(_url(), {"step": "preview", "catalogue": city.catalogue.pk})
        assert response.status_code in (403, 404), user
    assert login(city.director).get(_url()).status_code == 403
    client = login(city.coordinator)
    assert client.post(_url(), {"step": "preview", "catalogue": "999", "children": []}).status_code == 400
    # A district of another parent cannot be slipped into the form.
    response = client.post(
        _url(),
        {
            "step": "confirm",
            "catalogue": city.catalogue.pk,
            "children": [world.agency.pk],
            "fingerprint": "x",
        },
    )
    assert response.status_code == 400
    assert not Adoption.objects.filter(agency=world.agency).exists()


def test_the_confirmation_page_costs_the_same_queries_for_3_and_20_children(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    disclosure_services.catalogues_load_shipped()
    catalogue = Catalogue.objects.get(scheme="bangkok-district", year=2566)
    counts = []
    for n, slug in ((3, "few"), (20, "many")):
        city = make_city(n, slug=slug, data=False)
        for child in city.children:
            DepartmentFactory(agency=child, code="administration", name="ฝ่ายปกครอง")
        disclosure_services.catalogue_adopt(actor=None, agency=city.children[0], catalogue=catalogue)
        client.force_login(city.coordinator)
        client.get(reverse("city:push", kwargs={"agency": slug}))  # the session and caches warm
        with CaptureQueriesContext(connection) as ctx:
            response = client.post(
                reverse("city:push", kwargs={"agency": slug}),
                {"step": "preview", "catalogue": catalogue.pk, "children": [c.pk for c in city.children]},
            )
        assert response.status_code == 200 and len(response.context["changes"]) == n
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
