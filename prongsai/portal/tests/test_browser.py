"""Journeys in a real Chromium: phone and desktop layouts, staff login and logout, the language switch,
and axe-core on every public page."""

import pytest
from playwright.sync_api import expect

from prongsai.portal.tests.public_pages import public_paths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_agency_home_fits_a_360px_phone_without_sideways_scrolling(world, live_server, phone):
    phone.goto(f"{live_server.url}/pathumwan/")
    assert phone.locator("h1").inner_text() == "สำนักงานเขตปทุมวัน"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    font = phone.evaluate("getComputedStyle(document.body).fontFamily")
    assert font.startswith('"Sarabun"') or font.startswith("Sarabun")
    assert phone.evaluate("document.fonts.check('16px Sarabun')")
    phone.screenshot(path="var/screenshots/agency-home-phone.png", full_page=True)


def test_on_a_phone_the_header_folds_behind_a_menu_button_that_opens_every_link(world, live_server, phone):
    phone.goto(f"{live_server.url}/pathumwan/")
    header = phone.locator("header.site-header")
    assert header.bounding_box()["height"] < 80
    expect(phone.get_by_role("link", name="ค้นหา", exact=True)).to_be_hidden()
    phone.get_by_text("เมนู", exact=True).click()
    expect(phone.get_by_role("link", name="ค้นหา", exact=True)).to_be_visible()
    assert header.bounding_box()["height"] > 200
    phone.get_by_role("link", name="ค้นหา", exact=True).click()
    phone.wait_for_url(f"{live_server.url}/pathumwan/search/")


def test_a_wide_table_on_a_phone_scrolls_inside_its_box_and_keeps_its_first_column(world, live_server, phone):
    from prongsai.plans.tests.helpers import publish_seed

    plan = publish_seed(world).plan
    phone.goto(f"{live_server.url}/pathumwan/plan/{plan.fiscal_year}/")
    wide = [
        b for b in phone.locator(".table-scroll").all() if b.evaluate("e => e.scrollWidth > e.clientWidth")
    ]
    assert wide, "the plan's tables are wider than a phone"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    box = wide[0]
    box.scroll_into_view_if_needed()
    first = box.locator("tbody tr > :first-child").first
    left = first.bounding_box()["x"]
    box.evaluate("e => e.scrollLeft = 400")
    assert box.evaluate("e => e.scrollLeft") > 0
    assert abs(first.bounding_box()["x"] - left) < 1  # the first column stayed where it was


def test_the_agency_home_on_a_desktop(world, live_server, desktop):
    desktop.goto(f"{live_server.url}/pathumwan/")
    assert desktop.locator("html").get_attribute("lang") == "th"
    expect(desktop.get_by_text("ฝ่ายโยธา")).to_be_visible()
    desktop.screenshot(path="var/screenshots/agency-home-desktop.png", full_page=True)


def test_a_reader_switches_to_english_and_back(world, live_server, phone):
    phone.goto(f"{live_server.url}/pathumwan/")
    phone.get_by_text("เมนู", exact=True).click()
    phone.get_by_role("button", name="English").click()
    phone.wait_for_url(f"{live_server.url}/pathumwan/")
    assert phone.locator("h1").inner_text() == "Pathum Wan District Office"
    assert phone.locator("html").get_attribute("lang") == "en"
    phone.get_by_text("Menu", exact=True).click()
    phone.get_by_role("button", name="ภาษาไทย").click()
    assert phone.locator("h1").inner_text() == "สำนักงานเขตปทุมวัน"


def test_a_staff_member_logs_in_and_out(world, live_server, desktop):
    desktop.goto(f"{live_server.url}/staff/")
    desktop.get_by_label("ชื่อผู้ใช้").fill("bob.coordinator")
    desktop.get_by_label("รหัสผ่าน").fill("correct horse battery staple")
    desktop.get_by_role("button", name="เข้าสู่ระบบ").click()
    desktop.wait_for_url(f"{live_server.url}/staff/pathumwan/")
    assert desktop.locator("h1").inner_text() == "สำนักงานเขตปทุมวัน"
    desktop.get_by_role("button", name="ออกจากระบบ (bob.coordinator)").click()
    desktop.wait_for_url(f"{live_server.url}/staff/login/")
    desktop.goto(f"{live_server.url}/staff/pathumwan/")
    assert "/staff/login/" in desktop.url


def test_a_wrong_password_keeps_the_person_out(world, live_server, desktop):
    desktop.goto(f"{live_server.url}/staff/login/")
    desktop.get_by_label("ชื่อผู้ใช้").fill("bob.coordinator")
    desktop.get_by_label("รหัสผ่าน").fill("not the password")
    desktop.get_by_role("button", name="เข้าสู่ระบบ").click()
    expect(desktop.get_by_role("alert")).to_be_visible()
    assert "/staff/login/" in desktop.url


@pytest.mark.parametrize("language", ["th", "en"])
def test_every_public_page_has_no_accessibility_violations(
    world, live_server, phone, desktop, axe_check, language
):
    paths = public_paths(world)
    assert paths
    for page in (phone, desktop):
        if language == "en":
            page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
        for path in paths:
            response = page.goto(f"{live_server.url}{path}")
            assert response.status == 200, path
            assert axe_check(page) == [], path


def test_the_api_docs_render_their_operations_from_the_site_itself(world, live_server, desktop):
    problems = []
    desktop.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    desktop.on("pageerror", lambda e: problems.append(str(e)))
    outside = []
    desktop.on(
        "request",
        lambda r: (
            outside.append(r.url)
            if not r.url.startswith(live_server.url) and not r.url.startswith("data:")
            else None
        ),
    )
    desktop.goto(f"{live_server.url}/api/v1/docs")
    desktop.wait_for_selector(".opblock", timeout=15000)
    assert desktop.locator(".opblock").count() > 5
    expect(desktop.get_by_text("/api/v1/agencies", exact=False).first).to_be_visible()
    desktop.screenshot(path="var/screenshots/api-docs.png")
    assert problems == [] and outside == []


def test_a_missing_page_is_a_page_of_the_site_in_thai_and_in_english(world, live_server, phone, settings):
    settings.DEBUG = False
    errors = []
    phone.on("pageerror", lambda error: errors.append(str(error)))
    response = phone.goto(f"{live_server.url}/pathumwan/no-such-page/")
    assert response.status == 404
    expect(phone.get_by_role("heading", name="ไม่พบหน้าที่ต้องการ")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.get_by_text("เมนู", exact=True).click()
    phone.get_by_role("button", name="English").click()
    expect(phone.get_by_role("heading", name="Page not found")).to_be_visible()
    phone.screenshot(path="var/screenshots/not-found-phone-en.png", full_page=True)
    assert errors == []


def test_the_auditor_filters_the_log_on_a_phone_and_reads_a_field_change(world, live_server, phone):
    from prongsai.agencies import services

    department = services.department_create(
        actor=world.coordinator, agency=world.agency, code="revenue", name="ฝ่ายรายได้"
    )
    services.department_update(actor=world.coordinator, department=department, name="ฝ่ายรายได้และภาษี")
    services.department_create(actor=world.director, agency=world.agency, code="x", name="ฝ่ายทดลอง")
    errors = []
    phone.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    phone.goto(f"{live_server.url}/staff/login/")
    phone.get_by_label("ชื่อผู้ใช้").fill("ann.auditor")
    phone.get_by_label("รหัสผ่าน").fill("correct horse battery staple")
    phone.get_by_role("button", name="เข้าสู่ระบบ").click()
    phone.goto(f"{live_server.url}/staff/pathumwan/audit/")
    expect(phone.get_by_text("ไม่พบการแก้ไขหรือการลบ", exact=False)).to_be_visible()
    phone.get_by_label("การกระทำ").select_option("change")
    phone.get_by_label("ผู้ดำเนินการ").select_option(label="bob.coordinator")
    phone.get_by_role("button", name="กรอง").click()
    entry = phone.locator(".audit-entry")
    expect(entry).to_have_count(1)
    expect(entry.locator("del")).to_have_text("ฝ่ายรายได้")
    expect(entry.locator("ins")).to_have_text("ฝ่ายรายได้และภาษี")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.screenshot(path="var/screenshots/audit-log-phone.png", full_page=True)
    assert errors == []
