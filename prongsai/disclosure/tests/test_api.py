import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.api.services import api_token_create
from prongsai.disclosure import services
from prongsai.disclosure.models import Catalogue


@pytest.fixture
def district(world):
    services.catalogues_load_shipped()
    catalogue = Catalogue.objects.get(scheme="bangkok-district", year=2566)
    services.catalogue_adopt(actor=world.coordinator, agency=world.agency, catalogue=catalogue)
    return catalogue


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='t')[1]}"}


def test_the_public_oit_index_lists_items_and_only_public_entries(world, district, client):
    item = district.items.get(code="o04")
    approved = services.publication_create(
        actor=world.officer,
        agency=world.agency,
        item=item,
        kind="file",
        title="กฎหมาย",
        upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    services.publication_review(actor=world.coordinator, publication=approved, approve=True)
    services.publication_create(
        actor=world.officer,
        agency=world.agency,
        item=item,
        kind="link",
        title="ร่าง",
        url="https://example.org/draft",
    )
    items = client.get("/api/v1/agencies/pathumwan/oit/2566").json()
    assert len(items) == 30
    o04 = next(i for i in items if i["code"] == "o04")
    assert o04["url"] == "/pathumwan/oit/2566/o04/"
    assert [e["title"] for e in o04["entries"]] == ["กฎหมาย"]
    assert o04["entries"][0]["url"] == f"/pathumwan/oit/2566/o04/files/{approved.token}/"
    assert client.get("/api/v1/agencies/pathumwan/oit/2599").status_code == 404


def test_readiness_through_the_api_follows_the_roles(world, district, client):
    response = client.get("/api/v1/agencies/pathumwan/oit/2566/readiness", **bearer(world.director))
    assert response.status_code == 200 and len(response.json()) == 30
    assert not response.json()[0]["ready"] and response.json()[0]["checks"]
    refused = client.get("/api/v1/agencies/pathumwan/oit/2566/readiness", **bearer(world.complaint_handler))
    assert refused.status_code == 403


def test_only_the_coordinator_approves_through_the_api(world, district, client):
    publication = services.publication_create(
        actor=world.officer,
        agency=world.agency,
        item=district.items.get(code="o06"),
        kind="page",
        title="ติดต่อ",
        body="โทร ๐ ๒๒๑๔ ๑๒๗๕",
    )
    url = f"/api/v1/agencies/pathumwan/oit/publications/{publication.pk}/review"
    refused = client.post(url, {"approve": True}, content_type="application/json", **bearer(world.officer))
    assert refused.status_code == 403
    ok = client.post(url, {"approve": True}, content_type="application/json", **bearer(world.coordinator))
    assert ok.status_code == 200 and ok.json()["state"] == "approved"
    again = client.post(url, {"approve": True}, content_type="application/json", **bearer(world.coordinator))
    assert again.status_code == 422 and again.json()["error"]["code"] == "invalid"
