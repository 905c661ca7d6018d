import pytest

from prongsai.api.models import ApiToken
from prongsai.api.services import api_token_create


def bearer(secret):
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_the_openapi_document_and_docs_are_published(world, client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "Prongsai API"
    assert "/api/v1/agencies" in schema["paths"]
    assert client.get("/api/v1/docs").status_code == 200


def test_the_public_can_list_agencies_and_their_departments(world, client):
    agencies = client.get("/api/v1/agencies").json()
    assert {a["slug"] for a in agencies} == {"pathumwan", "nongchok"}
    departments = client.get("/api/v1/agencies/pathumwan/departments").json()
    assert [d["code"] for d in departments] == ["administration", "registration", "public-works"]


def test_errors_have_one_shape(world, client):
    body = client.get("/api/v1/agencies/nowhere").json()
    assert body == {"error": {"code": "not_found", "message": "ไม่พบข้อมูล", "details": []}}
    body = client.get("/api/v1/me").json()
    assert body["error"]["code"] == "unauthenticated"
    invalid = client.get(
        "/api/v1/agencies/pathumwan/audit?limit=abc",
        **bearer(api_token_create(user=world.auditor, name="t")[1]),
    ).json()
    assert invalid["error"]["code"] == "invalid" and invalid["error"]["details"]


def test_a_staff_member_creates_a_token_sees_it_once_and_uses_it(world, login):
    client = login(world.auditor)
    response = client.post("/staff/tokens/", {"name": "สคริปต์รายงาน"})
    html = response.content.decode()
    assert response.status_code == 200 and "ระบบจะไม่แสดงอีก" in html
    token = ApiToken.objects.get(user=world.auditor)
    secret = html.split('id="new-token">')[1].split("<")[0]
    assert secret.startswith(token.prefix) and token.key_hash != secret
    assert secret not in client.get("/staff/tokens/").content.decode()

    api_client = client.__class__()
    me = api_client.get("/api/v1/me", **bearer(secret)).json()
    assert me["username"] == "ann.auditor"
    assert me["memberships"] == [{"agency": "pathumwan", "role": "auditor", "departments": []}]


def test_a_revoked_token_stops_working(world, login, client):
    token, secret = api_token_create(user=world.auditor, name="x")
    assert client.get("/api/v1/me", **bearer(secret)).status_code == 200
    login(world.auditor).post(f"/staff/tokens/{token.pk}/revoke/")
    response = client.__class__().get("/api/v1/me", **bearer(secret))
    assert response.status_code == 401


def test_nobody_can_revoke_someone_elses_token(world, login):
    token, _secret = api_token_create(user=world.auditor, name="x")
    assert login(world.coordinator).post(f"/staff/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_made_up_token_is_refused(world, client):
    assert client.get("/api/v1/me", **bearer("ps_not-a-real-token")).status_code == 401
    assert client.get("/api/v1/me", **bearer("something-else")).status_code == 401


def test_the_audit_log_through_the_api_follows_the_same_roles(world, client):
    _t, auditor = api_token_create(user=world.auditor, name="a")
    _t, officer = api_token_create(user=world.officer, name="o")
    ok = client.get("/api/v1/agencies/pathumwan/audit", **bearer(auditor))
    assert ok.status_code == 200 and "items" in ok.json()
    refused = client.get("/api/v1/agencies/pathumwan/audit", **bearer(officer))
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"


def test_token_creation_is_audited(world):
    token, _secret = api_token_create(user=world.auditor, name="x")
    from prongsai.agencies.models import AuditEntry

    entry = AuditEntry.objects.get(model="api.apitoken", object_id=str(token.pk))
    assert entry.chain == "platform" and entry.after == {"name": "x", "prefix": token.prefix}


@pytest.mark.parametrize(
    "query",
    ["limit=0", "limit=201", "limit=abc", "offset=-1", "offset=99999999999999999999999", "limit=1e400"],
)
def test_pagination_out_of_range_is_422_in_the_error_shape(world, client, query):
    from prongsai.api.services import api_token_create

    _token, secret = api_token_create(user=world.auditor, name="t")
    response = client.get(f"/api/v1/agencies/pathumwan/audit?{query}", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid"


def test_pagination_within_range_answers_the_page(world, client):
    from prongsai.api.services import api_token_create

    _token, secret = api_token_create(user=world.auditor, name="t")
    response = client.get(
        "/api/v1/agencies/pathumwan/audit?limit=200&offset=0", HTTP_AUTHORIZATION=f"Bearer {secret}"
    )
    assert response.status_code == 200 and "items" in response.json()


def test_every_operation_documents_the_errors_it_can_answer(db, client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "Error" in schema["components"]["schemas"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert {"404", "422"} <= set(responses), (method, path)
            if operation.get("security"):
                assert {"401", "403"} <= set(responses), (method, path)


def test_returning_an_entry_needs_a_reason_and_the_schema_says_so(world, client):
    from prongsai.disclosure import services
    from prongsai.disclosure.models import Catalogue

    services.catalogues_load_shipped()
    catalogue = Catalogue.objects.get(scheme="bangkok-district", year=2566)
    services.catalogue_adopt(actor=world.coordinator, agency=world.agency, catalogue=catalogue)
    publication = services.publication_create(
        actor=world.officer,
        agency=world.agency,
        item=catalogue.items.get(code="o07"),
        kind="page",
        title="ข่าว",
        body="ข้อความ",
    )
    _token, secret = api_token_create(user=world.coordinator, name="t")
    url = f"/api/v1/agencies/pathumwan/oit/publications/{publication.pk}/review"
    refused = client.post(url, {"approve": False}, content_type="application/json", **bearer(secret))
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "invalid"
    returned = client.post(
        url, {"approve": False, "comment": "แนบไฟล์ผิด"}, content_type="application/json", **bearer(secret)
    )
    assert returned.status_code == 200 and returned.json()["state"] == "returned"
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["ReviewIn"]
    assert schema["then"]["required"] == ["comment"]
