"""The demo register and announcements: the district's risks linked to the seed plan's activities, the
complaints and findings that raised them, both reports and the FY2566 announcements on their items."""

import io
from types import SimpleNamespace

import pytest
from django.core.management import call_command

from prongsai.agencies.models import Agency
from prongsai.disclosure.providers import resolve
from prongsai.integrity.models import Announcement, Risk, RiskReport, RiskSource
from prongsai.integrity.public import ITEMS

pytestmark = pytest.mark.django_db


def test_the_demo_register_is_linked_to_the_plan_and_the_announcements_are_published(media):
    call_command("load-demo", stdout=io.StringIO())
    agency = Agency.objects.get(slug="pathumwan")
    risks = Risk.objects.for_agency(agency)
    assert risks.count() == 8
    assert len({r.department_id for r in risks}) == 8
    linked = [r for r in risks if r.activity_refs]
    assert len(linked) >= 4
    details = resolve(agency, {k for r in linked for k in r.activity_refs})
    assert details and any(d.months for d in details.values())  # the plan's monthly reports are read
    assert RiskSource.objects.filter(complaint__isnull=False).count() >= 4
    assert RiskSource.objects.filter(finding__isnull=False).count() == 2
    assert set(RiskReport.objects.values_list("kind", flat=True)) == {"assessment", "handling"}
    published = Announcement.objects.filter(state="published")
    assert set(published.values_list("kind", flat=True)) == set(Announcement.Kind.values)
    assert all(a.signed_pdf and a.approved_by_id != a.submitted_by_id for a in published)
    item = SimpleNamespace(catalogue=SimpleNamespace(year=2566))
    for topic in ("no_gift", "anti_bribery", "director_participation", "discretion_guidelines",
                  "risk_assessment", "risk_handling"):  # fmt: skip
        assert ITEMS[topic](agency, item), topic
    call_command("load-demo", stdout=io.StringIO())
    assert Risk.objects.count() == 8 and Announcement.objects.count() == 4
