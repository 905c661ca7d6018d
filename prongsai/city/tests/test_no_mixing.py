"""Two agencies' data never mix: agency A and agency B get the same demo loaders (each module's own
``load_demo``), B's records are then marked with a string of their own, and every public page of A, every
back-office page of A a coordinator can open, and every API list of A is read: nothing of B may appear.

The integrity and property demos are left out (together about two minutes here, for hashing passphrases
and building a register of 300 assets); the isolation sweep (portal/tests/test_isolation_sweep.py) covers
their pages against another agency's members."""

import re

import pytest
from django.apps import apps
from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Concat, Left
from django.urls import URLPattern, URLResolver, get_resolver

from prongsai.agencies import services as agency_services
from prongsai.agencies.demo import DEPARTMENTS, demo_agency_ensure, demo_staff_ensure
from prongsai.agencies.models import Agency
from prongsai.api.api import api
from prongsai.api.services import api_token_create

SLOW_DEMOS = {"integrity", "property", "city"}
MARK = "QZXB"
B_STRINGS = (MARK, "khlong-toei", "คลองเตย", "Khlong Toei")
FIELDS = ("title", "name", "summary", "description")


class _Out:
    def write(self, _line):
        pass


def _demo(agency):
    for config in apps.get_app_configs():
        loader = getattr(config, "load_demo", None)
        if loader is not None and config.label not in SLOW_DEMOS:
            loader(agency, stdout=_Out())


def _agency_path(model) -> str | None:
    """How a model's rows reach their agency: "agency", or "<fk>__agency" one step away."""
    names = {f.name: f for f in model._meta.get_fields()}
    field = names.get("agency")
    if isinstance(field, models.ForeignKey) and field.related_model is Agency:
        return "agency"
    for f in model._meta.get_fields():
        if isinstance(f, models.ForeignKey) and f.related_model is not Agency:
            target = {g.name: g for g in f.related_model._meta.get_fields()}.get("agency")
            if isinstance(target, models.ForeignKey) and target.related_model is Agency:
                return f"{f.name}__agency"
    return None


def _mark(agency) -> int:
    """Every title/name/summary/description of the agency's records begins with MARK."""
    marked = 0
    for model in apps.get_models():
        if not model.__module__.startswith("prongsai.") or model is Agency:
            continue
        path = _agency_path(model)
        if path is None:
            continue
        updates = {}
        for name in FIELDS:
            field = next((f for f in model._meta.concrete_fields if f.name == name), None)
            if not isinstance(field, models.CharField | models.TextField) or field.unique or field.choices:
                continue
            length = (field.max_length or 10_000) - len(MARK) - 1
            updates[name] = Concat(Value(MARK + " "), Left(F(name), length))
        if updates:
            marked += model.objects.filter(**{path: agency}).update(**updates)
    return marked


def _staff_list_routes():
    routes = []

    def walk(patterns, prefix):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                route = prefix + str(entry.pattern)
                # Pages of the whole agency or of a year; not one record's page nor a download.
                if route.startswith("staff/<slug:agency>/") and "." not in route:
                    params = re.findall(r"<(?:(\w+):)?(\w+)>", route)
                    if all(name in ("agency", "year") for _c, name in params):
                        routes.append(route)

    walk(get_resolver().url_patterns, "")
    return sorted(set(routes))


def _leaks(text: str) -> list[str]:
    return [s for s in B_STRINGS if s in text]


@pytest.mark.django_db
def test_two_agencies_data_never_mix(client):
    a, _created = demo_agency_ensure()
    demo_staff_ensure(a, "demo-password-a")
    _demo(a)
    b = agency_services.agency_create(
        actor=None,
        slug="khlong-toei",
        name="สำนักงานเขตคลองเตย",
        name_en="Khlong Toei District Office",
        kind=Agency.Kind.DISTRICT_OFFICE,
    )
    for order, (code, name, name_en) in enumerate(DEPARTMENTS, start=1):
        agency_services.department_create(
            actor=None, agency=b, code=code, name=f"{name} คลองเตย", name_en=name_en, order=order
        )
    demo_staff_ensure(b, "demo-password-b")
    _demo(b)
    assert _mark(b) > 100  # the plan's activities, the services, the news, the datasets, ...

    # Public pages of A: its home, the menu's pages and the pages their links lead to within A.
    seen, queue, problems, shapes = set(), [f"/{a.slug}/"], [], {}
    while queue and len(seen) < 70:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        problems += [f"{path}: {s}" for s in _leaks(html)]
        for link in re.findall(rf'href="(/{a.slug}/[^"#?]*)"', html):
            # One page per kind is enough (the 30 OIT items share one view): the first of each address shape.
            shape = re.sub(r"/[^/]+/$", "/*/", link)
            if link not in seen and "/files/" not in link and shapes.get(shape, 0) < 3:
                shapes[shape] = shapes.get(shape, 0) + 1
                queue.append(link)
    assert len(seen) > 20, seen
    problems += [
        f"/{a.slug}/search/: {s}" for s in _leaks(client.get(f"/{a.slug}/search/?q=ฝ่าย").content.decode())
    ]

    # Back-office pages of A, as its coordinator, director and auditor (between them every list page).
    staff = [f"{a.slug}.coordinator", f"{a.slug}.director", f"{a.slug}.auditor"]
    from django.contrib.auth import get_user_model

    users = list(get_user_model().objects.filter(username__in=staff))
    opened = 0
    for user in users:
        client.force_login(user)
        for route in _staff_list_routes():
            url = "/" + route.replace("<slug:agency>", a.slug).replace("<int:year>", "2566")
            response = client.get(url)
            if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
                opened += 1
                problems += [f"{url} ({user.username}): {s}" for s in _leaks(response.content.decode())]
    assert opened > 20

    # The API's lists of A, with A's coordinator's token.
    _token, secret = api_token_create(user=users[0], name="mixing")
    schema = api.get_openapi_schema()
    listed = 0
    for path, methods in schema["paths"].items():
        if "get" not in methods or "{slug}" not in path or re.search(r"\{(?!slug|year)\w+\}", path):
            continue
        url = path.replace("{slug}", a.slug).replace("{year}", "2566")
        response = client.get(url, HTTP_AUTHORIZATION=f"Bearer {secret}")
        if response.status_code == 200:
            listed += 1
            problems += [f"{url}: {s}" for s in _leaks(response.content.decode())]
    assert listed >= 3
    assert problems == []
    # And the marks are really there: B's own home shows them (a check that cannot pass on empty pages).
    client.logout()
    assert MARK in client.get(f"/{b.slug}/news/").content.decode()
