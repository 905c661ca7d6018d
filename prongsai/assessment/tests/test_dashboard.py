"""The predicted score: IIT and EIT from the round's answers, OIT from the OIT core's readiness check."""

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from prongsai.assessment import selectors, services
from prongsai.assessment.models import Answer, Invitation
from prongsai.disclosure import providers

from .helpers import answers_for, eit_url, open_round, post_data

pytestmark = pytest.mark.django_db


def _adopt_nacc(world):
    from prongsai.disclosure import services as disclosure_services
    from prongsai.disclosure.models import Catalogue

    disclosure_services.catalogues_load_shipped()
    catalogue = Catalogue.objects.get(scheme="nacc", year=2566)
    disclosure_services.catalogue_adopt(actor=world.coordinator, agency=world.agency, catalogue=catalogue)


def _answers(round, kind, n, level, department=None):
    Answer.objects.bulk_create(
        Answer(
            round=round, kind=kind, department=department, answered_on="2023-03-01",
            answers=answers_for(round.instrument, kind, level=level),
        )
        for _ in range(n)
    )  # fmt: skip


def test_the_instruments_oit_map_is_the_nacc_catalogues_own(world):
    shipped = Path(providers.__file__).parent / "catalogues" / "nacc-2566.json"
    catalogue = {i["code"]: i["sub_indicator"] for i in json.loads(shipped.read_text())["items"]}
    round = open_round(world)
    mine = {c: s["code"] for s in round.instrument["oit"]["sub_indicators"] for c in s["items"]}
    assert mine == catalogue


def test_the_readiness_summary_gives_every_item_of_the_adopted_catalogue(world):
    assert providers.readiness_summary(world.agency, 2566, "nacc") is None
    _adopt_nacc(world)
    items = providers.readiness_summary(world.agency, 2566, "nacc")
    assert [i.code for i in items] == [f"o{n}" for n in range(1, 44)]
    assert {i.sub_indicator for i in items} == {"9.1", "9.2", "9.3", "9.4", "9.5", "10.1", "10.2"}
    assert not any(i.passed for i in items)  # nothing published yet
    assert all(i.problems for i in items)


def test_the_dashboard_shows_the_predicted_ita_its_level_and_what_raises_it_most(world, client, monkeypatch):
    round = open_round(world)
    _answers(round, "iit", 6, 4)
    _answers(round, "eit", 5, 3)
    everything = [f"o{n}" for n in range(1, 44)]
    monkeypatch.setattr(
        providers,
        "readiness_summary",
        lambda agency, year, scheme: [
            providers.ItemPass(code=c, title=f"รายการ {c}", sub_indicator="", passed=c != "o39")
            for c in everything
        ],
    )
    d = selectors.dashboard(round)
    assert d.iit.score == 100
    # level 3 ("มาก") scores 67; the yes/no questions answered the good way 100:
    # indicator 6 = (4 x 67 + 100) / 5, 7 = (3 x 67 + 2 x 100) / 5, 8 = 67
    assert d.eit.indicators == {6: Decimal("73.6"), 7: Decimal("80.2"), 8: 67}
    assert d.eit.score == Decimal("73.6")
    assert d.eit_part2_assumed and d.eit_score == Decimal("73.6")  # part 2 assumed equal to part 1
    assert d.oit.score == Decimal(95)  # (100 + (100 + 80) / 2) / 2
    assert d.ita == Decimal("0.3") * 100 + Decimal("0.3") * Decimal("73.6") + Decimal("0.4") * 95
    assert d.level["label"] == "ผ่าน"
    assert d.levers[0].code == "o39" and d.levers[0].gain == 2
    client.force_login(world.director)
    page = client.get(f"/staff/pathumwan/assessment/rounds/{round.code}/").content.decode()
    assert 'id="score-ita">90.08<' in page and 'id="score-level">ผ่าน<' in page
    assert "+2.00" in page and "สมมติให้เท่ากับส่วนที่ ๑" in page and "มักสูงกว่าผลจริง" in page

    services.round_settings_change(
        actor=world.coordinator, agency=world.agency, round=round, title=round.title,
        eit_outside=Decimal("82.24"), iit_target=30, eit_target=100,
    )  # fmt: skip
    d = selectors.dashboard(round)
    assert not d.eit_part2_assumed and d.eit_score == (Decimal("73.6") + Decimal("82.24")) / 2


def test_with_fewer_than_five_answers_the_dashboard_shows_no_score(world, client):
    round = open_round(world)
    _answers(round, "iit", 4, 4)
    client.force_login(world.coordinator)
    page = client.get(f"/staff/pathumwan/assessment/rounds/{round.code}/").content.decode()
    assert 'id="score-iit">–<' in page and 'id="score-ita">–<' in page
    assert "ต้องมีอย่างน้อย 5 คนจึงจะแสดงผล" in page


def test_invitation_codes_are_printed_once_and_only_their_hash_is_kept(world, client):
    round = open_round(world)
    client.force_login(world.coordinator)
    url = f"/staff/pathumwan/assessment/rounds/{round.code}/invitations/"
    response = client.post(url, {"count": "4", "format": "pdf"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"] and response["Content-Disposition"].startswith(
        "attachment"
    )
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert Invitation.objects.filter(round=round, batch=1).count() == 4
    response = client.post(url, {"count": "3", "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    codes = [r[0] for r in rows[1:]]
    assert len(codes) == 3 and rows[1][1].endswith(f"/pathumwan/survey/iit/{round.code}/")
    assert Invitation.objects.filter(round=round, batch=2).count() == 3
    stored = set(Invitation.objects.values_list("digest", flat=True))
    assert not any(c in stored for c in codes) and "รหัสเชิญตอบ" in text
    # a printed code works once
    answers = answers_for(round.instrument, "iit", level=3)
    assert (
        client.post(f"/pathumwan/survey/iit/{round.code}/", post_data(answers, code=codes[0])).status_code
        == 200
    )
    assert client.post(url, {"count": "501", "format": "pdf"}).status_code == 422


def test_the_counter_poster_carries_the_eit_address(world, client):
    round = open_round(world)
    client.force_login(world.director)
    response = client.get(f"/staff/pathumwan/assessment/rounds/{round.code}/poster.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    assert f"/pathumwan/survey/eit/{round.code}/" in reader.pages[0].extract_text().replace("\n", "")


def test_the_coordinator_corrects_the_unverified_eit_wording_until_someone_answers(world, client):
    round = open_round(world)
    client.force_login(world.coordinator)
    url = f"/staff/pathumwan/assessment/rounds/{round.code}/wording/"
    page = client.get(url).content.decode()
    assert 'id="eit-unverified"' in page
    form = {}
    for q in round.instrument["questions"]:
        form[f"{q['code']}_text"] = q["text"]
        for i, item in enumerate(q["items"]):
            if item["text"]:
                form[f"{q['code']}_item_{i}"] = item["text"]
    form["e3_text"] = "เจ้าหน้าที่ให้ข้อมูลแก่ท่านอย่างตรงไปตรงมา มากน้อยเพียงใด"
    assert client.post(url, form).status_code == 302
    assert "เจ้าหน้าที่ให้ข้อมูลแก่ท่านอย่างตรงไปตรงมา" in client.get(eit_url(round)).content.decode()
    _answers(round, "eit", 1, 4)
    form["e3_text"] = "ถ้อยคำใหม่อีกครั้ง"
    response = client.post(url, form)
    assert response.status_code == 422 and "แก้ถ้อยคำไม่ได้" in response.content.decode()
    round.refresh_from_db()
    assert next(q for q in round.instrument["questions"] if q["code"] == "e3")["text"].startswith("เจ้าหน้าที่ให้")
    form["e3_text"] = ""
    assert client.post(url, form).status_code == 422


@pytest.mark.parametrize(
    ("user", "path", "method", "status"),
    [
        ("outsider", "", "get", 404),
        ("nobody", "", "get", 404),
        ("officer", "", "get", 403),
        ("complaint_handler", "", "get", 403),
        ("auditor", "", "get", 200),
        ("director", "", "get", 200),
        ("outsider", "round", "get", 404),
        ("officer", "round", "get", 403),
        ("auditor", "round", "get", 200),
        ("director", "settings", "get", 403),
        ("director", "wording", "get", 403),
        ("director", "invitations", "post", 403),
        ("auditor", "state", "post", 403),
        ("director", "", "post", 403),
        ("outsider", "poster", "get", 404),
        ("coordinator", "settings", "get", 200),
    ],
)
def test_who_may_see_and_manage_the_self_assessment(world, client, user, path, method, status):
    round = open_round(world)
    base = "/staff/pathumwan/assessment/"
    url = {
        "": base,
        "round": f"{base}rounds/{round.code}/",
        "settings": f"{base}rounds/{round.code}/settings/",
        "wording": f"{base}rounds/{round.code}/wording/",
        "invitations": f"{base}rounds/{round.code}/invitations/",
        "state": f"{base}rounds/{round.code}/state/",
        "poster": f"{base}rounds/{round.code}/poster.pdf",
    }[path]
    client.force_login(getattr(world, user))
    data = (
        {"to": "closed", "count": "3", "format": "csv", "title": "x", "year": "2566"}
        if method == "post"
        else None
    )
    response = getattr(client, method)(url, data)
    assert response.status_code == status
    assert not Invitation.objects.exists() and round.__class__.objects.count() == 1


def test_anonymous_people_are_sent_to_sign_in(world, client):
    round = open_round(world)
    response = client.get(f"/staff/pathumwan/assessment/rounds/{round.code}/")
    assert response.status_code == 302 and "/staff/login/" in response["Location"]


def test_the_coordinator_opens_and_closes_a_round(world, client):
    client.force_login(world.coordinator)
    response = client.post("/staff/pathumwan/assessment/", {"title": "ซ้อมประเมินรอบที่ ๒", "year": "2566"})
    assert response.status_code == 302
    round = world.agency.assessment_rounds.get()
    assert round.instrument["year"] == 2566 and len(round.instrument["questions"]) == 45
    assert client.post("/staff/pathumwan/assessment/", {"title": "", "year": "2566"}).status_code == 422
    client.post(f"/staff/pathumwan/assessment/rounds/{round.code}/state/", {"to": "closed"})
    round.refresh_from_db()
    assert round.state == "closed" and [e.to_state for e in round.events.all()] == ["open", "closed"]
    response = client.post("/staff/pathumwan/assessment/", {"title": "ปีที่ไม่มีแบบ", "year": "2599"})
    assert response.status_code == 422 and "ยังไม่มีแบบประเมินของปีงบประมาณ" in response.content.decode()


def _queries(client, url) -> int:
    from django.core.cache import cache

    from prongsai.agencies.public_stamp import forget_remembered

    cache.clear()  # every count with nothing kept (what the OIT items derive is cached between requests)
    forget_remembered()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_round_list_and_the_dashboard_cost_the_same_queries_for_more_data(world, client):
    _adopt_nacc(world)
    client.force_login(world.coordinator)
    first = open_round(world)
    _answers(first, "iit", 5, 3, world.administration)
    _answers(first, "eit", 5, 3)
    small_list = _queries(client, "/staff/pathumwan/assessment/")
    small_board = _queries(client, f"/staff/pathumwan/assessment/rounds/{first.code}/")
    for n in range(4):
        other = open_round(world, title=f"รอบ {n}")
        _answers(other, "iit", 2, 2)
    _answers(first, "iit", 20, 2, world.registration)
    _answers(first, "iit", 20, 4, world.public_works)
    _answers(first, "eit", 30, 4)
    assert _queries(client, "/staff/pathumwan/assessment/") == small_list
    assert _queries(client, f"/staff/pathumwan/assessment/rounds/{first.code}/") == small_board


def _bearer(user):
    from prongsai.api.services import api_token_create

    _token, secret = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_the_api_gives_the_rounds_and_the_predicted_score_to_those_who_may_see_them(world, client):
    _adopt_nacc(world)
    round = open_round(world)
    _answers(round, "iit", 6, 4)
    _answers(round, "eit", 5, 4)
    response = client.get("/api/v1/agencies/pathumwan/assessment/rounds", **_bearer(world.auditor))
    assert response.status_code == 200
    assert [r["code"] for r in response.json()["items"]] == [round.code]
    assert response.json()["items"][0]["iit_answers"] == 6
    score = client.get(
        f"/api/v1/agencies/pathumwan/assessment/rounds/{round.code}/score", **_bearer(world.director)
    )
    body = score.json()
    assert body["iit"] == "100.00" and body["iit_counted"] == 5 and body["oit"] == "0.00"
    assert body["level"] == "ไม่ผ่าน" and body["ita"] == "60.00" and len(body["oit_not_passed"]) == 43
    refused = client.get("/api/v1/agencies/pathumwan/assessment/rounds", **_bearer(world.officer))
    assert refused.status_code == 403
    other = client.get(
        f"/api/v1/agencies/pathumwan/assessment/rounds/{round.code}/score", **_bearer(world.outsider)
    )
    assert other.status_code == 404
    assert client.get("/api/v1/agencies/pathumwan/assessment/rounds").status_code == 401


def test_the_api_round_list_costs_the_same_queries_for_more_rounds(world, client):
    headers = _bearer(world.coordinator)
    url = "/api/v1/agencies/pathumwan/assessment/rounds"

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, **headers).status_code == 200
        return len(captured)

    for n in range(2):
        _answers(open_round(world, title=f"รอบ {n}"), "iit", 2, 3)
    count()  # the token's first use writes its last-used day once
    small = count()
    for n in range(6):
        _answers(open_round(world, title=f"รอบเพิ่ม {n}"), "eit", 3, 3)
    assert count() == small


def test_round_settings_refuse_a_score_over_100_and_keep_the_old_values(world, client):
    round = open_round(world)
    client.force_login(world.coordinator)
    url = f"/staff/pathumwan/assessment/rounds/{round.code}/settings/"
    data = {"title": "ชื่อใหม่", "eit_outside": "120", "iit_target": "40", "eit_target": "150"}
    response = client.post(url, data)
    assert response.status_code == 422
    round.refresh_from_db()
    assert round.title == "ซ้อมประเมิน ITA รอบที่ ๑" and round.eit_outside is None and round.iit_target == 30
    assert client.post(url, {**data, "eit_outside": "81.5"}).status_code == 302
    round.refresh_from_db()
    assert round.eit_outside == Decimal("81.50") and round.iit_target == 40 and round.title == "ชื่อใหม่"
