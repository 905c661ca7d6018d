"""With debug off (as in production) errors are pages of the site in the reader's language, not Django's
bare English "Not Found"."""

import pytest
from django.test import Client, override_settings
from django.urls import path

from prongsai import urls as project_urls


def _boom(request):
    raise RuntimeError("something broke")


urlpatterns = [path("boom/", _boom), *project_urls.urlpatterns]
handler500 = project_urls.handler500


@pytest.fixture(autouse=True)
def _debug_off(settings):
    settings.DEBUG = False


def test_a_missing_page_is_a_thai_page_of_the_site_with_a_way_home(world, client):
    response = client.get("/pathumwan/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="th">' in html and "ไม่พบหน้าที่ต้องการ" in html
    assert 'href="/"' in html and "Not Found" not in html
    assert 'class="site-header"' in html


def test_a_missing_page_is_in_english_for_a_reader_who_chose_english(world, client):
    client.cookies["django_language"] = "en"
    response = client.get("/no-such-agency/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="en">' in html and "Page not found" in html
    assert "ไม่พบหน้าที่ต้องการ" not in html


def test_a_refused_staff_page_says_so_in_thai_and_points_to_the_staff_home(world, login):
    client = login(world.officer)
    response = client.get("/staff/pathumwan/audit/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "ไม่มีสิทธิ์เข้าถึงหน้านี้" in html and "403 Forbidden" not in html
    assert 'href="/staff/"' in html


@override_settings(ROOT_URLCONF=__name__)
def test_a_server_error_is_a_page_of_the_site_that_says_nothing_was_lost(world):
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "ระบบขัดข้องชั่วคราว" in html and "something broke" not in html and "Traceback" not in html


def test_a_bad_request_is_a_page_of_the_site(world, client, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    response = client.get("/pathumwan/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "คำขอไม่ถูกต้อง" in response.content.decode()
