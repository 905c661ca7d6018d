"""Public pages carry cache headers, answer conditional requests with 304 and are kept until the agency's
next public change (portal/http_cache.py)."""

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date

from prongsai.agencies.tests.factories import DepartmentFactory
from prongsai.content import services as content


def _publish_news(world, title):
    return content.news_save(
        actor=world.coordinator,
        agency=world.agency,
        title=title,
        body="รายละเอียดการประชุม",
        status="published",
        publish_at=timezone.now() - timedelta(minutes=1),
    )


def test_a_public_page_says_how_it_may_be_kept(world, client):
    response = client.get("/pathumwan/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, no-cache"
    assert response["ETag"].startswith('"') and response["Last-Modified"]
    assert "Cookie" in response["Vary"]  # the language is in a cookie
    assert not response.cookies  # no CSRF cookie: the page holds no form that needs one


def test_what_the_reader_already_has_is_answered_with_304_and_no_query(world, client):
    first = client.get("/pathumwan/")
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/pathumwan/", HTTP_IF_NONE_MATCH=first["ETag"])
        since = client.get("/pathumwan/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304 and again.content == b""
    assert since.status_code == 304
    assert again["ETag"] == first["ETag"]
    assert len(queries) == 0


def test_every_form_of_conditional_request_gets_the_answer_the_rfc_gives(world, client):
    # The exact ETag back is answered on a short path; the other forms go through Django's own logic.
    first = client.get("/pathumwan/")
    etag = first["ETag"]
    for header, value, status in (
        ("HTTP_IF_NONE_MATCH", etag, 304),
        ("HTTP_IF_NONE_MATCH", f'"other", {etag}', 304),
        ("HTTP_IF_NONE_MATCH", f"W/{etag}", 304),  # weak comparison, as RFC 9110 says for GET
        ("HTTP_IF_NONE_MATCH", "*", 304),
        ("HTTP_IF_NONE_MATCH", '"other"', 200),
        ("HTTP_IF_MATCH", '"other"', 412),
    ):
        response = client.get("/pathumwan/", **{header: value})
        assert response.status_code == status, (header, value)
        if status == 304:
            assert response["ETag"] == etag and response["Cache-Control"] == first["Cache-Control"]
            assert response["Last-Modified"] == first["Last-Modified"] and "Cookie" in response["Vary"]
    # If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2): a stale ETag gets the page.
    stale = client.get(
        "/pathumwan/", HTTP_IF_NONE_MATCH='"other"', HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
    )
    assert stale.status_code == 200
    # A page not answered from what was kept is never a 304, whatever the client sends back.
    assert client.get("/track/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_kept_page_is_served_again_without_a_query(world, client):
    first = client.get("/pathumwan/")
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/pathumwan/")
    assert second.status_code == 200 and second.content == first.content
    assert second["X-Cache"] == "hit" and second["Content-Security-Policy"]
    assert len(queries) == 0


def test_a_publication_shows_at_once_and_changes_the_etag(world, client):
    before = client.get("/pathumwan/news/")
    assert "ประชุมประชาคมเขตปทุมวัน" not in before.content.decode()
    _publish_news(world, "ประชุมประชาคมเขตปทุมวัน")
    after = client.get("/pathumwan/news/")
    assert "ประชุมประชาคมเขตปทุมวัน" in after.content.decode()
    assert after["ETag"] != before["ETag"]
    # the old copy a browser keeps is not confirmed any more
    assert client.get("/pathumwan/news/", HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 200


def test_a_change_that_is_rolled_back_empties_nothing(world, client):
    before = client.get("/pathumwan/news/")
    with pytest.raises(RuntimeError), transaction.atomic():
        _publish_news(world, "ข่าวที่ไม่ได้บันทึก")
        raise RuntimeError
    after = client.get("/pathumwan/news/")
    assert after["X-Cache"] == "hit" and after["ETag"] == before["ETag"]


def test_one_agencys_publication_keeps_the_other_agencys_pages(world, client):
    other = client.get("/nongchok/")
    _publish_news(world, "ประชุมประชาคมเขตปทุมวัน")
    again = client.get("/nongchok/")
    assert again["X-Cache"] == "hit" and again["ETag"] == other["ETag"]


def test_a_new_department_shows_on_the_home_page_at_once(world, client):
    client.get("/pathumwan/")
    DepartmentFactory(agency=world.agency, code="health", name="ฝ่ายสิ่งแวดล้อมและสุขาภิบาล")
    assert "ฝ่ายสิ่งแวดล้อมและสุขาภิบาล" in client.get("/pathumwan/").content.decode()


def test_an_edit_in_the_admin_empties_the_page_cache(world, client, admin_user):
    from django.contrib.admin.models import CHANGE, LogEntry

    first = client.get("/pathumwan/")
    LogEntry.objects.log_actions(admin_user.pk, [world.agency], CHANGE, change_message="แก้ไขชื่อ")
    second = client.get("/pathumwan/")
    assert second["ETag"] != first["ETag"] and second["X-Cache"] == "miss"


def test_thai_and_english_are_kept_apart(world, client):
    thai = client.get("/pathumwan/").content.decode()
    client.cookies["django_language"] = "en"
    english = client.get("/pathumwan/")
    assert '<html lang="en">' in english.content.decode() and '<html lang="th">' in thai
    del client.cookies["django_language"]
    assert '<html lang="th">' in client.get("/pathumwan/").content.decode()


def test_a_signed_in_person_is_never_served_a_kept_page(world, client):
    client.get("/pathumwan/")
    client.force_login(world.coordinator)
    response = client.get("/pathumwan/")
    assert "X-Cache" not in response and "ETag" not in response
    assert "no-store" in response["Cache-Control"]


def test_a_page_with_a_form_is_not_kept(world, client):
    # the complaint form carries a CSRF token tied to this reader's cookie
    first = client.get("/pathumwan/complaints/new/")
    second = client.get("/pathumwan/complaints/new/")
    assert first.status_code == 200
    assert "X-Cache" not in second and "ETag" not in second


def test_pages_outside_an_agency_and_unknown_agencies_are_not_kept(world, client):
    for path in ("/track/", "/search/?q=แผน", "/no-such-agency/"):
        response = client.get(path)
        assert "ETag" not in response and "X-Cache" not in response, path


def test_a_page_changes_with_time_within_the_period(world, client, settings, monkeypatch):
    import time as clock

    first = client.get("/pathumwan/")
    later = clock.time() + settings.PRONGSAI_PAGE_CACHE_SECONDS
    monkeypatch.setattr(clock, "time", lambda: later)
    second = client.get("/pathumwan/")
    assert second["ETag"] != first["ETag"]
    assert second["Last-Modified"] == http_date(
        int(later) // settings.PRONGSAI_PAGE_CACHE_SECONDS * settings.PRONGSAI_PAGE_CACHE_SECONDS
    )


def test_the_cache_can_be_turned_off_to_measure(world, client, settings):
    settings.PRONGSAI_PAGE_CACHE = False
    client.get("/pathumwan/")
    response = client.get("/pathumwan/")
    assert "X-Cache" not in response and "ETag" not in response
