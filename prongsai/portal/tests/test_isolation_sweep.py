"""Every back-office page and every authenticated API route of an agency, tried by a member of another
agency. New modules are covered as soon as their URLs exist: nothing here lists them by hand."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from prongsai.api.api import api
from prongsai.api.services import api_token_create

SAMPLE_VALUES = {"agency": "pathumwan", "year": "2566", "code": "o01", "slug": "x", "path": "x"}


def _staff_routes():
    routes = []

    def walk(patterns, prefix):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                route = prefix + str(entry.pattern)
                if route.startswith("staff/<slug:agency>/"):
                    routes.append(route)

    walk(get_resolver().url_patterns, "")
    return sorted(set(routes))


def _fill(route: str) -> str:
    import re

    def value(match):
        converter, name = match.group(1) or "str", match.group(2)
        if converter == "int":
            return "1"
        if converter == "uuid":
            return "00000000-0000-0000-0000-000000000000"
        return SAMPLE_VALUES.get(name, "x")

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", value, route)


STAFF_ROUTES = _staff_routes()


def test_the_sweep_finds_the_back_office_pages():
    assert "staff/<slug:agency>/" in STAFF_ROUTES and len(STAFF_ROUTES) >= 4


@pytest.mark.parametrize("route", STAFF_ROUTES)
def test_a_member_of_another_agency_gets_not_found_on_every_back_office_page(world, login, route):
    client = login(world.outsider)
    url = _fill(route)
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url, {})
    assert response.status_code == 404, url


@pytest.mark.parametrize("route", STAFF_ROUTES)
def test_every_back_office_page_needs_a_login(world, client, route):
    url = _fill(route)
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url, {})
    assert response.status_code == 302 and "/staff/login/" in response["Location"], url


def _authenticated_agency_operations():
    schema = api.get_openapi_schema()
    operations = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            if "{slug}" in path and operation.get("security"):
                operations.append((method, path))
    return sorted(operations)


API_OPERATIONS = _authenticated_agency_operations()


def test_the_sweep_finds_the_authenticated_api_routes():
    assert ("get", "/api/v1/agencies/{slug}/audit") in API_OPERATIONS


@pytest.mark.parametrize(("method", "path"), API_OPERATIONS)
def test_a_token_of_another_agency_gets_not_found_on_every_agency_api_route(world, client, method, path):
    _token, secret = api_token_create(user=world.outsider, name="sweep")
    url = path.replace("{slug}", "pathumwan")
    for name, sample in SAMPLE_VALUES.items():
        url = url.replace("{" + name + "}", sample)
    url = url.replace("{id}", "1")
    response = getattr(client, method)(
        url, HTTP_AUTHORIZATION=f"Bearer {secret}", content_type="application/json"
    )
    assert response.status_code == 404, url
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(("method", "path"), API_OPERATIONS)
def test_every_agency_api_route_refuses_a_request_without_a_token(world, client, method, path):
    url = path.replace("{slug}", "pathumwan").replace("{id}", "1")
    for name, sample in SAMPLE_VALUES.items():
        url = url.replace("{" + name + "}", sample)
    response = getattr(client, method)(url, content_type="application/json")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"
