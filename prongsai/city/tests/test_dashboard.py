import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from prongsai.eservice.models import Request
from prongsai.eservice.selectors import statistics, statistics_span
from prongsai.integrity.models import Complaint, Feedback
from prongsai.plans.models import Plan
from prongsai.plans.selectors import activity_states, plan_as_of

from .helpers import YEAR, make_city

pytestmark = pytest.mark.django_db


def _url(city, **query):
    url = reverse("city:dashboard", kwargs={"agency": city.parent.slug})
    return url + (f"?year={query.get('year', YEAR)}")


def _independent(agency) -> dict[str, int]:
    """The figures of one district by plain ORM counts and the modules' own per-agency reads."""
    plan = Plan.objects.get(agency=agency, fiscal_year=YEAR)
    states = activity_states(plan, as_of=plan_as_of(plan))
    stats = statistics(agency, *statistics_span(agency, YEAR))
    return {
        "activities": plan.activities.count(),
        "done": sum(s.done for s in states),
        "overdue": sum(s.overdue for s in states),
        "received": Request.objects.filter(agency=agency, received_at__year__in=(2022, 2023)).count(),
        "completed": Request.objects.filter(agency=agency, closed_at__isnull=False).count(),
        "late": stats.total.late,
        "open": Request.objects.filter(agency=agency, closed_at__isnull=True).count(),
        "complaints": Complaint.objects.filter(agency=agency).count(),
        "feedback": Feedback.objects.filter(agency=agency, kind="complaint").count(),
    }


def test_the_dashboard_and_its_exports_match_counts_computed_independently(login):
    city = make_city(4)
    client = login(city.coordinator)
    response = client.get(_url(city))
    assert response.status_code == 200
    board = response.context["board"]
    keys = [c.key for _m, c in board.columns]
    csv_rows = list(
        csv.DictReader(
            io.StringIO(
                client.get(
                    reverse("city:export", kwargs={"agency": "bma", "year": YEAR, "fmt": "csv"})
                ).content.decode("utf-8-sig")
            )
        )
    )
    xlsx = client.get(reverse("city:export", kwargs={"agency": "bma", "year": YEAR, "fmt": "xlsx"}))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    sheet_text = [[str(c.value) for c in row if c.value is not None] for row in sheet.iter_rows()]
    labels = [f"{m.title}: {c.label}" for m, c in board.columns]
    for i, (row, child) in enumerate(zip(board.rows, city.children, strict=True)):
        assert row.agency == child
        expected = _independent(child)
        shown = dict(zip(keys, row.cells, strict=True))
        for key, value in expected.items():
            assert shown[key] == value, (child.slug, key)
        # The numbers this helper planted, so that the check above cannot pass on zeros.
        assert (shown["overdue"], shown["late"], shown["complaints"]) == (i + 1, 1, i + 1)
        exported = next(r for r in csv_rows if r["รหัสหน่วยงาน"] == child.slug)
        for key, label in zip(keys, labels, strict=True):
            assert exported[label] == str(shown[key]), (child.slug, key)
        # The sheet's row: code, name, then (no readiness computed here) the modules' figures.
        line = next(line for line in sheet_text if line and line[0] == child.slug)
        assert line[2:] == [str(v) for v in row.cells if v is not None]
    html = response.content.decode()
    assert "ผู้ยื่น" not in html  # applicants' names never reach the city
    totals = dict(zip(keys, board.totals, strict=True))
    assert totals["overdue"] == (1 + 2 + 3 + 4, False)
    progress = [r.cells[keys.index("progress")] for r in board.rows]
    assert totals["progress"] == (round(sum(progress) / 4), True)  # a mean, not a sum of percentages


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_dashboard_costs_the_same_queries_for_3_and_20_districts(client):
    small = make_city(3, slug="small")
    large = make_city(20, slug="large")
    client.force_login(small.coordinator)
    few = _queries(client, _url(small))
    client.force_login(large.coordinator)
    many = _queries(client, _url(large))
    assert few == many
    assert many < 30
    export = reverse("city:export", kwargs={"agency": "large", "year": YEAR, "fmt": "xlsx"})
    export_small = reverse("city:export", kwargs={"agency": "small", "year": YEAR, "fmt": "xlsx"})
    client.force_login(small.coordinator)
    few = _queries(client, export_small)
    client.force_login(large.coordinator)
    assert _queries(client, export) == few


def test_the_drill_down_lists_overdue_activities_and_nothing_personal(login):
    city = make_city(3)
    client = login(city.director)
    child = city.children[2]
    response = client.get(
        reverse("city:district", kwargs={"agency": "bma", "year": YEAR, "child": child.slug})
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("กิจกรรมเลยกำหนด bma-d2") == 3
    assert "bma-d1" not in html
    assert "ผู้ยื่น" not in html


def test_who_may_see_the_city(login, client):
    city = make_city(2)
    other = make_city(2, slug="other")
    url = _url(city)
    assert client.get(url).status_code == 302  # anonymous: to the log-in page
    for user in (city.coordinator, city.director, city.auditor):
        assert login(user).get(url).status_code == 200
    assert login(city.officer).get(url).status_code == 403
    assert login(city.district_coordinator).get(url).status_code == 404  # not a member of the parent
    # Another city's coordinator sees none of this city's districts, not even by their address.
    client = login(other.coordinator)
    assert client.get(url).status_code == 404
    own = client.get(_url(other)).content.decode()
    assert "bma-d0" not in own and "เมือง bma" not in own
    district = reverse("city:district", kwargs={"agency": "other", "year": YEAR, "child": "bma-d0"})
    assert client.get(district).status_code == 404
    assert (
        client.get(reverse("city:export", kwargs={"agency": "bma", "year": YEAR, "fmt": "csv"})).status_code
        == 404
    )


def test_the_city_changes_nothing_inside_a_district(login):
    city = make_city(1)
    client = login(city.coordinator)
    child = city.children[0].slug
    for name in ("staff:dashboard", "plans:list", "disclosure:overview", "eservice:queue", "integrity:home"):
        assert client.get(reverse(name, kwargs={"agency": child})).status_code == 403, name
    assert (
        client.post(
            reverse("staff:agency_settings", kwargs={"agency": child}), {"web_digits": "thai"}
        ).status_code
        == 403
    )


def test_an_agency_without_children_has_no_city_page(login, world):
    assert (
        login(world.coordinator).get(reverse("city:dashboard", kwargs={"agency": "pathumwan"})).status_code
        == 404
    )


def test_a_bad_year_or_format(login):
    city = make_city(1)
    client = login(city.coordinator)
    assert client.get(reverse("city:dashboard", kwargs={"agency": "bma"}) + "?year=abc").status_code == 200
    assert (
        client.get(reverse("city:export", kwargs={"agency": "bma", "year": YEAR, "fmt": "pdf"})).status_code
        == 404
    )


def test_the_city_coordinator_cannot_write_through_a_districts_api(client):
    from prongsai.api.services import api_token_create
    from prongsai.plans.models import Activity

    city = make_city(1)
    child = city.children[0]
    activity = Activity.objects.filter(plan__agency=child).first()
    _token, secret = api_token_create(user=city.coordinator, name="city")
    for path, body in (
        (
            f"/api/v1/agencies/{child.slug}/plans/{YEAR}/activities/{activity.pk}/reports",
            {"period": "2023-01-01", "status": "done", "percent": 100},
        ),
        (f"/api/v1/agencies/{child.slug}/complaints/c{child.pk}-0/state", {"to": "screening"}),
    ):
        response = client.post(
            path, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {secret}"
        )
        assert response.status_code == 403, path
    assert not activity.reports.exists()


def test_the_figures_are_counted_once_per_period_and_the_page_says_when(login, settings):
    from django.core.cache import cache

    city = make_city(2)
    client = login(city.coordinator)
    first = client.get(_url(city)).content.decode()
    assert "นับจากระบบงานเมื่อ" in first and "นับใหม่ทุก 5 นาที" in first
    with CaptureQueriesContext(connection) as kept:
        client.get(_url(city))
    cache.clear()  # the period is over
    with CaptureQueriesContext(connection) as counted:
        client.get(_url(city))
    assert len(kept) < len(counted)
