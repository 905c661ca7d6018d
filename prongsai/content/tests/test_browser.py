"""A reader on a 360px phone reads about the agency and its news; axe-core finds nothing on the pages."""

from io import StringIO

import pytest
from playwright.sync_api import expect

from prongsai.content.demo import load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(world, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    load_demo(world.agency, stdout=StringIO())
    return world


def test_a_reader_on_a_phone_goes_from_about_to_a_news_post(demo, live_server, phone, axe_check):
    phone.goto(f"{live_server.url}/pathumwan/about/")
    assert phone.locator("h1").inner_text() == "เกี่ยวกับหน่วยงาน"
    expect(phone.locator("svg.org-chart")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_check(phone) == []
    phone.screenshot(path="var/screenshots/content-about-phone.png", full_page=True)
    phone.goto(f"{live_server.url}/pathumwan/news/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_check(phone) == []
    phone.screenshot(path="var/screenshots/content-news-phone.png", full_page=True)
    phone.get_by_role("link", name="เขตปทุมวันจัดประชุมชี้แจงมาตรการป้องกันการรับสินบน").click()
    assert phone.locator("h1").inner_text() == "เขตปทุมวันจัดประชุมชี้แจงมาตรการป้องกันการรับสินบน"
    assert axe_check(phone) == []


@pytest.mark.parametrize("path", ["about/", "laws/", "schools/", "contact/", "news/"])
def test_the_public_pages_on_a_desktop_pass_axe(demo, live_server, desktop, axe_check, path):
    desktop.goto(f"{live_server.url}/pathumwan/{path}")
    assert axe_check(desktop) == []
    desktop.screenshot(path=f"var/screenshots/content-{path.strip('/')}-desktop.png", full_page=True)


@pytest.mark.parametrize("path", ["laws/", "schools/", "contact/"])
def test_the_other_public_pages_fit_a_phone(demo, live_server, phone, path):
    phone.goto(f"{live_server.url}/pathumwan/{path}")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.screenshot(path=f"var/screenshots/content-{path.strip('/')}-phone.png", full_page=True)
