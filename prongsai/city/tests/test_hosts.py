import pytest
from django.urls import reverse

from prongsai.city.hosts import hosts_forget, rewritten

pytestmark = pytest.mark.django_db


@pytest.fixture
def hosted(world, settings):
    settings.ALLOWED_HOSTS = ["testserver", "pathumwan.example", "unknown.example"]
    world.agency.host = "pathumwan.example"
    world.agency.save()
    hosts_forget()
    yield world
    hosts_forget()


def test_the_host_serves_the_agency_home_and_pages_without_the_slug(client, hosted):
    home = client.get("/", HTTP_HOST="pathumwan.example")
    assert home.status_code == 200
    assert "สำนักงานเขตปทุมวัน" in home.content.decode()
    about = client.get("/about/", HTTP_HOST="pathumwan.example")
    assert about.status_code == 200
    assert about.context["agency"] == hosted.agency
    assert about.templates[0].name == client.get("/pathumwan/about/").templates[0].name
    # The addresses the site writes carry the slug: they work on the host too.
    assert client.get("/pathumwan/about/", HTTP_HOST="pathumwan.example").status_code == 200


def test_reserved_first_segments_are_not_rewritten(client, hosted):
    login = client.get(reverse("staff:login"), HTTP_HOST="pathumwan.example")
    assert login.status_code == 200
    assert client.get("/track/", HTTP_HOST="pathumwan.example").status_code == 200
    assert client.get("/api/v1/docs", HTTP_HOST="pathumwan.example").status_code == 200
    for path in ("/static/x.css", "/staff/", "/admin/", "/media/a", "/i18n/setlang/", "/search/", "/report/"):
        assert rewritten(path, "pathumwan") is None, path
    assert rewritten("/oit/2566/", "pathumwan") == "/pathumwan/oit/2566/"
    assert rewritten("/", "pathumwan") == "/pathumwan/"


def test_another_host_or_no_host_is_left_alone(client, hosted, world):
    # The deployment's own front page on an unknown (allowed) host; the other agency by its slug.
    assert client.get("/", HTTP_HOST="unknown.example").status_code == 200
    assert client.get("/nongchok/", HTTP_HOST="unknown.example").status_code == 200
    # On the agency's host, another agency's slug is a page of this agency that does not exist.
    assert client.get("/nongchok/", HTTP_HOST="pathumwan.example").status_code == 404


def test_a_host_not_allowed_is_refused(client, hosted, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    assert client.get("/", HTTP_HOST="pathumwan.example").status_code == 400


def test_private_paths_are_scrubbed_on_the_host_too(settings):
    from prongsai.agencies.privacy import private_paths

    # The scrubbing matches the rewritten address: the host middleware must come before it.
    order = settings.MIDDLEWARE
    assert order.index("prongsai.city.hosts.AgencyHostMiddleware") < order.index(
        "prongsai.agencies.privacy.ScrubPrivateClientMiddleware"
    )
    assert private_paths().match(rewritten("/complaints/new/", "pathumwan"))
