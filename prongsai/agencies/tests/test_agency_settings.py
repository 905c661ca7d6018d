"""The coordinator chooses Thai or Arabic digits for the agency's web pages; the public pages change at once,
official documents keep their official style, and only the coordinator may change it."""

import pytest

from prongsai.agencies.models import AuditEntry


def test_the_coordinator_turns_the_public_pages_to_thai_digits(world, login, client):
    from prongsai.plans.tests.helpers import publish_seed

    publish_seed(world)
    assert "ปีงบประมาณ พ.ศ. 2566" in client.get("/pathumwan/plan/2566/").content.decode()
    response = login(world.coordinator).post("/staff/pathumwan/settings/", {"web_digits": "thai"})
    assert response.status_code == 302
    client.logout()
    html = client.get("/pathumwan/plan/2566/").content.decode()
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๖" in html and "ปีงบประมาณ พ.ศ. 2566" not in html
    assert 'href="/pathumwan/plan/2566/plan.pdf"' in html  # addresses keep their digits
    assert AuditEntry.objects.filter(model="agencies.agency", action="change").exists()
    client.cookies["django_language"] = "en"
    assert "2566" in client.get("/pathumwan/plan/2566/").content.decode()  # English: Arabic digits


@pytest.mark.parametrize("persona", ["officer", "director", "auditor", "complaint_handler"])
def test_only_the_coordinator_changes_the_digit_style(world, login, persona):
    client = login(getattr(world, persona))
    assert client.post("/staff/pathumwan/settings/", {"web_digits": "thai"}).status_code == 403
    world.agency.refresh_from_db()
    assert world.agency.web_digits == "arabic"


def test_another_agencys_coordinator_is_not_told_the_page_exists(world, login):
    assert login(world.outsider).get("/staff/pathumwan/settings/").status_code == 404


def test_an_unknown_style_is_refused_with_the_form_shown_again(world, login):
    response = login(world.coordinator).post("/staff/pathumwan/settings/", {"web_digits": "roman"})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    world.agency.refresh_from_db()
    assert world.agency.web_digits == "arabic"
