"""`prongsai loadtest-data` at a tiny scale: the counts asked for, every row inside its own agency, and the
public pages of a load-test agency answer."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from prongsai.agencies.models import Agency, StatusEvent
from prongsai.agencies.tests.factories import AgencyFactory
from prongsai.content.models import NewsPost
from prongsai.disclosure.models import Assignment, Publication
from prongsai.eservice.models import Request
from prongsai.integrity import crypto
from prongsai.integrity.models import Complaint
from prongsai.plans.models import Activity, Plan, ProgressReport
from prongsai.property.models import Asset, Loan

COUNTS = {"requests": 30, "complaints": 10, "documents": 6, "assets": 8, "loans": 4}


@pytest.fixture
def city(db):
    out = StringIO()
    call_command("loadtest-data", agencies=2, years=2, stdout=out, verbosity=0, **COUNTS)
    return list(Agency.objects.filter(parent__slug="loadtest-bangkok").order_by("slug")), out.getvalue()


def test_a_tiny_city_has_the_counts_asked_for_each_agency_and_keeps_them_apart(city):
    agencies, out = city
    assert [a.slug for a in agencies] == ["loadtest-01", "loadtest-02"]
    assert Agency.objects.get(slug="loadtest-bangkok").name == "กรุงเทพมหานคร"
    for agency in agencies:
        assert Request.objects.filter(agency=agency).count() == 15
        assert Complaint.objects.filter(agency=agency).count() == 5
        assert NewsPost.objects.published().filter(agency=agency).count() == 3
        assert Asset.objects.filter(agency=agency).count() == 4
        assert Loan.objects.filter(agency=agency).count() == 2
        assert Plan.objects.published().filter(agency=agency).count() == 2
        assert ProgressReport.objects.filter(activity__plan__agency=agency).exists()
        assert Publication.objects.filter(agency=agency, live_version__isnull=False).exists()
    assert "loaded in" in out
    # No row of one agency points into another.
    for agency in agencies:
        requests = Request.objects.filter(agency=agency)
        assert not requests.exclude(department__agency=agency).exists()
        assert not requests.exclude(service__agency=agency).exists()
        events = StatusEvent.objects.filter(
            object_id__in=requests.values("pk"), content_type__model="request"
        )
        assert events.count() >= requests.count() and not events.exclude(agency=agency).exists()
        assert (
            not Complaint.objects.filter(agency=agency, department__isnull=False)
            .exclude(department__agency=agency)
            .exists()
        )
        assert not Asset.objects.filter(agency=agency).exclude(department__agency=agency).exists()
        assert not Loan.objects.filter(agency=agency).exclude(asset__agency=agency).exists()
        activities = Activity.objects.filter(plan__agency=agency)
        assert activities.filter(departments__isnull=False).exists()
        assert not activities.filter(departments__isnull=False).exclude(departments__agency=agency).exists()
        assignments = Assignment.objects.filter(agency=agency)
        assert assignments.filter(departments__isnull=False).exists()
        assert not assignments.filter(departments__isnull=False).exclude(departments__agency=agency).exists()
        assert (
            not Publication.objects.filter(agency=agency)
            .exclude(live_version__publication__agency=agency)
            .exists()
        )


def test_complaints_are_sealed_and_the_public_pages_of_a_loadtest_agency_answer(city, client):
    complaint = Complaint.objects.select_related("content").first()
    report = crypto.unseal(complaint.content.sealed_report, f"complaint:{complaint.ref}:report")
    assert report["what"]
    other = Complaint.objects.exclude(pk=complaint.pk).first()
    with pytest.raises(crypto.SealError):  # a ciphertext opens only where it belongs
        crypto.unseal(complaint.content.sealed_report, f"complaint:{other.ref}:report")
    agencies, _out = city
    plan = Plan.objects.filter(agency=agencies[1]).order_by("-fiscal_year").first()
    item = Publication.objects.filter(agency=agencies[1], item__catalogue__year=plan.fiscal_year).first().item
    code = Request.objects.filter(agency=agencies[1]).first().code
    for path in [
        "/loadtest-02/",
        f"/loadtest-02/oit/{plan.fiscal_year}/",
        f"/loadtest-02/oit/{plan.fiscal_year}/{item.code}/",
        f"/loadtest-02/plan/{plan.fiscal_year}/",
        f"/track/{code}/",
        f"/api/v1/agencies/loadtest-02/oit/{plan.fiscal_year}",
    ]:
        assert client.get(path).status_code == 200, path
    home = client.get("/loadtest-02/").content.decode()
    assert "สำนักงานเขตทดสอบที่ 2" in home and "สำนักงานเขตทดสอบที่ 1<" not in home


def test_it_refuses_a_database_with_real_agencies_unless_forced(db):
    AgencyFactory(slug="pathumwan")
    with pytest.raises(CommandError, match="real agencies"):
        call_command("loadtest-data", agencies=1, years=1, verbosity=0, **COUNTS)
    assert not Agency.objects.filter(slug__startswith="loadtest-").exists()
    call_command("loadtest-data", agencies=1, years=1, force=True, stdout=StringIO(), verbosity=0, **COUNTS)
    assert Request.objects.filter(agency__slug="loadtest-01").count() == 30
    assert not Request.objects.filter(agency__slug="pathumwan").exists()


def test_it_refuses_to_load_twice(db):
    AgencyFactory(slug="loadtest-bangkok")
    with pytest.raises(CommandError, match="exist already"):
        call_command("loadtest-data", agencies=2, years=1, verbosity=0, **COUNTS)
