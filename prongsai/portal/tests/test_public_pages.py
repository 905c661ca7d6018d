import re

from django.core.cache import cache

from prongsai.agencies.tests.factories import AgencyFactory
from prongsai.portal.http_cache import forget_local


def test_the_deployment_home_lists_the_agencies_in_thai(world, client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="th">' in html
    assert "สำนักงานเขตปทุมวัน" in html and "สำนักงานเขตหนองจอก" in html
    assert "หน่วยงานในระบบ" in html


def test_the_deployment_home_goes_straight_to_the_only_agency(db, client):
    AgencyFactory(slug="pathumwan")
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/pathumwan/"


def test_an_agency_home_shows_its_name_and_departments_in_thai(world, client):
    response = client.get("/pathumwan/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>สำนักงานเขตปทุมวัน</h1>" in html
    assert "ฝ่ายปกครอง" in html and "ฝ่ายโยธา" in html
    assert "ฝ่ายปกครอง" in html and "สำนักงานเขตหนองจอก" not in html


def test_the_language_switch_turns_the_site_to_english_and_back(world, client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/pathumwan/"})
    assert response.status_code == 302 and response["Location"] == "/pathumwan/"
    html = client.get("/pathumwan/").content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Pathum Wan District Office</h1>" in html and "Public Works" in html
    client.post("/i18n/setlang/", {"language": "th", "next": "/pathumwan/"})
    assert "<h1>สำนักงานเขตปทุมวัน</h1>" in client.get("/pathumwan/").content.decode()


def test_an_unknown_or_inactive_agency_is_not_found(world, client):
    assert client.get("/no-such-agency/").status_code == 404
    world.other.is_active = False
    world.other.save()
    assert client.get("/nongchok/").status_code == 404


def test_the_sarabun_font_is_served_by_the_site_itself(world, client):
    html = client.get("/pathumwan/").content.decode()
    css_url = re.search(r'href="([^"]+site\.css)"', html).group(1)
    css = b"".join(client.get(css_url).streaming_content).decode()
    font_path = re.search(r'url\("\.\./fonts/sarabun/(Sarabun-Regular\.ttf)"\)', css).group(1)
    font = client.get(f"/static/fonts/sarabun/{font_path}")
    assert font.status_code == 200
    assert b"".join(font.streaming_content)[:4] == b"\x00\x01\x00\x00"  # a TrueType font
    assert "fonts.googleapis" not in html and "https://" not in css


def test_public_pages_carry_a_strict_content_security_policy(world, client):
    response = client.get("/pathumwan/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_changing_language_needs_no_token_so_public_pages_carry_none(world):
    # The switch changes nobody's data; a CSRF token in every page's switch would make no page cacheable.
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    page = strict.get("/pathumwan/")
    assert "csrfmiddlewaretoken" not in page.content.decode() and not page.cookies
    assert strict.post("/i18n/setlang/", {"language": "en", "next": "/pathumwan/"}).status_code == 302
    assert '<html lang="en">' in strict.get("/pathumwan/").content.decode()


def test_a_browser_asking_for_english_still_gets_thai_until_the_reader_switches(world, client):
    html = client.get("/pathumwan/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="th">' in html and "<h1>สำนักงานเขตปทุมวัน</h1>" in html


def test_the_interface_itself_is_translated_when_english_is_chosen(world, client):
    client.cookies["django_language"] = "en"
    html = client.get("/pathumwan/").content.decode()
    assert "Skip to content" in html and "ข้ามไปยังเนื้อหา" not in html


def test_a_demo_deployment_says_so_once_in_a_banner_and_production_does_not(world, client, settings):
    settings.PRONGSAI_DEMO_BANNER = True
    html = client.get("/pathumwan/").content.decode()
    assert html.count('class="demo-banner"') == 1 and "ระบบสาธิต" in html
    settings.PRONGSAI_DEMO_BANNER = False
    cache.clear()  # a deployment's settings change with a restart, which a new release stamp goes with
    forget_local()  # and each process's own copies of the pages
    assert "demo-banner" not in client.get("/pathumwan/").content.decode()
