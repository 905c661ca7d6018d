"""Personas shared by every module's tests: one agency with a person per role, and an outsider agency."""

import os
import time
from types import SimpleNamespace

import pytest

from prongsai.agencies.tests.factories import AgencyFactory, DepartmentFactory, Role, UserFactory, member


@pytest.fixture(autouse=True)
def _empty_cache():
    # The cache (throttles, the public side's cached pieces) starts empty in every test.
    from django.core.cache import cache

    from prongsai.agencies.public_stamp import forget_remembered
    from prongsai.city import hosts
    from prongsai.portal.http_cache import forget_local

    cache.clear()
    forget_remembered()
    forget_local()
    # No agency has a host name unless a test gives one (city/tests/test_hosts.py forgets this): the map of
    # hosts is otherwise read at most every 30 s per process, which made a query count depend on the order
    # and speed of the tests before it.
    hosts._cache.update(at=time.monotonic(), hosts={})


@pytest.fixture(autouse=True)
def _thai_after_each_test():
    # A request in English leaves English active in the thread (the language middleware activates the
    # reader's language per request, as Django's does): the next test of the worker starts in Thai again.
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _media_per_test(settings, tmp_path_factory):
    # Files a test writes (uploads, audit checkpoints) never land in var/ nor in another test's folder.
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))


@pytest.fixture
def world(db):
    agency = AgencyFactory(slug="pathumwan", name="สำนักงานเขตปทุมวัน", name_en="Pathum Wan District Office")
    administration = DepartmentFactory(
        agency=agency, code="administration", name="ฝ่ายปกครอง", name_en="Administration"
    )
    registration = DepartmentFactory(
        agency=agency, code="registration", name="ฝ่ายทะเบียน", name_en="Registration"
    )
    public_works = DepartmentFactory(
        agency=agency, code="public-works", name="ฝ่ายโยธา", name_en="Public Works"
    )
    other = AgencyFactory(slug="nongchok", name="สำนักงานเขตหนองจอก", name_en="Nong Chok District Office")
    other_department = DepartmentFactory(agency=other, code="administration", name="ฝ่ายปกครอง")
    return SimpleNamespace(
        agency=agency,
        administration=administration,
        registration=registration,
        public_works=public_works,
        officer=member(agency, Role.OFFICER, administration, username="alice.officer"),
        works_officer=member(agency, Role.OFFICER, public_works, username="wanchai.works"),
        coordinator=member(agency, Role.COORDINATOR, username="bob.coordinator"),
        director=member(agency, Role.DIRECTOR, username="dao.director"),
        complaint_handler=member(agency, Role.COMPLAINT_HANDLER, username="chai.complaints"),
        auditor=member(agency, Role.AUDITOR, username="ann.auditor"),
        nobody=UserFactory(username="nobody"),
        other=other,
        other_department=other_department,
        outsider=member(other, Role.COORDINATOR, other_department, username="oscar.outsider"),
        # the other agency's second approver: who submits an OIT entry does not approve it
        other_director=member(other, Role.DIRECTOR, username="olga.director"),
    )


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


# Browser tests: Playwright drives Debian's Chromium (Playwright's own browser download does not work here).
CHROMIUM = os.environ.get("PRONGSAI_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop; Django's ORM in the same thread must allow it.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        device_scale_factor=1,
        is_mobile=True,
        has_touch=True,
        locale="th-TH",
    )
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="th-TH")
    yield context.new_page()
    context.close()


@pytest.fixture
def axe_check():
    """Runs axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on the open page; returns the violations."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page):
        results = axe.run(
            page,
            options={
                "runOnly": {
                    "type": "tag",
                    "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
                },
                "resultTypes": ["violations"],
            },
        )
        return [
            f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})"
            for v in results.response["violations"]
        ]

    return check
