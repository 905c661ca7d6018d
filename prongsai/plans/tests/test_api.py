from datetime import date

import pytest

from prongsai.api.services import api_token_create
from prongsai.plans.models import Activity, Indicator, Plan, ProgressReport, ReviewState
from prongsai.plans.services import report_review, report_submit

BASE = "/api/v1/agencies/pathumwan/plans"

pytestmark = pytest.mark.time_machine("2023-03-28 09:00 +0700", tick=False)


@pytest.fixture
def plan(world):
    plan = Plan.objects.create(agency=world.agency, fiscal_year=2566, title="มาตรการส่งเสริมคุณธรรมฯ")
    indicator = Indicator.objects.create(plan=plan, number="1", title="การปฏิบัติหน้าที่")
    sub = Indicator.objects.create(plan=plan, number="1.1", title="ย่อย", parent=indicator, order=1)
    mine = Activity.objects.create(
        plan=plan,
        indicator=sub,
        key="a",
        order=1,
        focus="พัฒนาจุดบริการ",
        name="อบรมเจ้าหน้าที่",
        channels=["เว็บไซต์"],
        due_date=date(2023, 6, 30),
    )
    mine.departments.add(world.administration)
    theirs = Activity.objects.create(
        plan=plan, indicator=indicator, key="b", order=2, focus="ระบบ Tracking", due_date=date(2023, 4, 5)
    )
    theirs.departments.add(world.public_works)
    return plan


def bearer(user) -> dict:
    _token, secret = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def submit(client, user, activity, **body):
    payload = {"period": "2023-03-01", "status": "in_progress", "percent": 40, "narrative": "จัดอบรมแล้ว"}
    payload.update(body)
    return client.post(
        f"{BASE}/2566/activities/{activity.pk}/reports",
        payload,
        content_type="application/json",
        **bearer(user),
    )


def test_the_public_lists_the_published_plans_with_their_overall_percent(world, client, plan):
    report = report_submit(
        actor=world.officer,
        activity=plan.activities.get(key="a"),
        period=date(2023, 3, 1),
        status="in_progress",
        percent=50,
    )
    report_review(actor=world.coordinator, report=report, accept=True)
    Plan.objects.create(agency=world.agency, fiscal_year=2565, title="แผนที่ยังไม่เผยแพร่", is_published=False)
    response = client.get(BASE)
    assert response.status_code == 200
    assert response.json() == [
        {"fiscal_year": 2566, "kind": "integrity", "title": "มาตรการส่งเสริมคุณธรรมฯ", "percent": 25}
    ]


def test_the_public_plan_shows_progress_but_no_personal_data(world, client, plan):
    mine = plan.activities.get(key="a")
    report = report_submit(
        actor=world.officer,
        activity=mine,
        period=date(2023, 3, 1),
        status="in_progress",
        percent=50,
        narrative="ข้อความภายใน",
    )
    report_review(actor=world.coordinator, report=report, accept=True, comment="ความเห็นภายใน")
    response = client.get(f"{BASE}/2566")
    assert response.status_code == 200
    body = response.json()
    assert body["percent"] == 25 and body["as_of"] == "2023-03-28"
    assert body["indicators"] == [
        {"number": "1", "title": "การปฏิบัติหน้าที่", "parent": None},
        {"number": "1.1", "title": "ย่อย", "parent": "1"},
    ]
    first, second = body["activities"]
    assert (
        first["id"] == mine.pk and first["indicator"] == "1.1" and first["departments"] == ["administration"]
    )
    assert (first["status"], first["percent"], first["channels"]) == ("อยู่ระหว่างดำเนินการ", 50, ["เว็บไซต์"])
    assert first["due_date"] == "2023-06-30" and not first["overdue"]
    assert second["departments"] == ["public-works"] and second["percent"] == 0
    text = response.content.decode()
    for private in ("alice", "bob", "ข้อความภายใน", "ความเห็นภายใน", "submitted_by", "reviewed"):
        assert private not in text


def test_an_unpublished_or_missing_plan_is_not_found(world, client, plan):
    plan.is_published = False
    plan.save()
    assert client.get(f"{BASE}/2566").status_code == 404
    assert client.get(f"{BASE}/2560").json()["error"]["code"] == "not_found"
    assert client.get("/api/v1/agencies/nowhere/plans").status_code == 404


def test_the_public_plan_takes_a_constant_number_of_queries(
    world, client, plan, django_assert_max_num_queries
):
    for n in range(10):
        extra = Activity.objects.create(plan=plan, key=f"x{n}", order=10 + n, focus=f"กิจกรรม {n}")
        extra.departments.add(world.registration)
    with django_assert_max_num_queries(8):
        assert len(client.get(f"{BASE}/2566").json()["activities"]) == 12


def test_an_officer_submits_a_report_for_an_activity_of_their_department(world, client, plan):
    activity = plan.activities.get(key="a")
    response = submit(
        client, world.officer, activity, links=[{"title": "โพสต์", "url": "https://example.org/1"}]
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["activity"], body["period"], body["percent"], body["review_state"]) == (
        activity.pk,
        "2023-03-01",
        40,
        "submitted",
    )
    report = ProgressReport.objects.get(activity=activity)
    assert report.submitted_by == world.officer and report.evidence.get().url == "https://example.org/1"


def test_an_officer_cannot_report_for_another_department(world, client, plan):
    response = submit(client, world.officer, plan.activities.get(key="b"))
    assert response.status_code == 403 and response.json()["error"]["code"] == "forbidden"
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize("persona", ["director", "auditor", "complaint_handler"])
def test_readers_cannot_report(world, client, plan, persona):
    response = submit(client, getattr(world, persona), plan.activities.get(key="a"))
    assert response.status_code == 403


def test_the_coordinator_reports_for_any_department(world, client, plan):
    assert submit(client, world.coordinator, plan.activities.get(key="b")).status_code == 201


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"percent": 120}, "percent"),
        ({"status": "done", "percent": 60}, "percent"),
        ({"status": "finished"}, "status"),
        ({"period": "2023-04-01"}, "period"),  # a month still to come
        ({"period": "2022-09-01"}, "period"),  # before the fiscal year
        ({"links": [{"title": "x", "url": "not a url"}]}, "url"),
    ],
)
def test_bad_input_is_refused_with_the_one_error_shape(world, client, plan, body, field):
    response = submit(client, world.officer, plan.activities.get(key="a"), **body)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid" and field in str(error["details"])
    assert not ProgressReport.objects.exists()


def test_a_body_of_the_wrong_shape_is_refused_with_the_one_error_shape(world, client, plan):
    response = submit(client, world.officer, plan.activities.get(key="a"), percent="many")
    assert response.status_code == 422 and response.json()["error"]["code"] == "invalid"


def test_the_coordinator_reviews_and_the_officer_cannot(world, client, plan):
    report_id = submit(client, world.officer, plan.activities.get(key="a")).json()["id"]
    url = f"{BASE}/2566/reports/{report_id}/review"
    refused = client.post(url, {"accept": True}, content_type="application/json", **bearer(world.officer))
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
    returned = client.post(
        url,
        {"accept": False, "comment": "แนบภาพกิจกรรม"},
        content_type="application/json",
        **bearer(world.coordinator),
    )
    assert returned.status_code == 200
    assert (returned.json()["review_state"], returned.json()["review_comment"]) == (
        "returned",
        "แนบภาพกิจกรรม",
    )
    assert ProgressReport.objects.get(pk=report_id).reviewed_by == world.coordinator


def test_returning_a_report_needs_a_comment(world, client, plan):
    report_id = submit(client, world.officer, plan.activities.get(key="a")).json()["id"]
    response = client.post(
        f"{BASE}/2566/reports/{report_id}/review",
        {"accept": False},
        content_type="application/json",
        **bearer(world.coordinator),
    )
    assert response.status_code == 422 and "comment" in str(response.json()["error"]["details"])
    assert ProgressReport.objects.get(pk=report_id).review_state == ReviewState.SUBMITTED


def test_staff_list_the_reports_of_a_plan(world, client, plan, django_assert_max_num_queries):
    for key in ("a", "b"):
        report_submit(
            actor=world.coordinator,
            activity=plan.activities.get(key=key),
            period=date(2023, 2, 1),
            status="in_progress",
            percent=10,
        )
    headers = bearer(world.auditor)
    with django_assert_max_num_queries(11):  # token, agency and roles, plan, count, page: not one per report
        body = client.get(f"{BASE}/2566/reports", **headers).json()
    assert body["count"] == 2
    assert [r["activity"] for r in body["items"]] == [
        plan.activities.get(key="a").pk,
        plan.activities.get(key="b").pk,
    ]
    assert set(body["items"][0]) >= {
        "period",
        "status",
        "percent",
        "narrative",
        "review_state",
        "review_comment",
    }
    assert client.get(f"{BASE}/2566/reports?review_state=submitted", **headers).json()["count"] == 2
    assert client.get(f"{BASE}/2566/reports?review_state=accepted", **headers).json()["count"] == 0
    assert client.get(f"{BASE}/2566/reports?review_state=maybe", **headers).status_code == 422


def test_the_complaint_handler_cannot_list_reports(world, client, plan):
    response = client.get(f"{BASE}/2566/reports", **bearer(world.complaint_handler))
    assert response.status_code == 403


def test_a_member_of_another_agency_gets_not_found_even_with_a_bad_body(world, client, plan):
    activity = plan.activities.get(key="a")
    response = submit(client, world.outsider, activity, percent="many")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    response = client.get(f"{BASE}/2566/reports", **bearer(world.outsider))
    assert response.status_code == 404
    assert not ProgressReport.objects.exists()


def test_an_activity_of_another_agency_is_not_found(world, client, plan):
    other_plan = Plan.objects.create(agency=world.other, fiscal_year=2566, title="แผนหนองจอก")
    other_activity = Activity.objects.create(plan=other_plan, key="z", focus="อื่น", all_departments=True)
    response = submit(client, world.coordinator, other_activity)
    assert response.status_code == 404 and not ProgressReport.objects.exists()
