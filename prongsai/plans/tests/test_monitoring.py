from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.agencies.models import AuditEntry
from prongsai.plans import selectors
from prongsai.plans.models import Activity, Evidence, Indicator, Plan, ProgressReport
from prongsai.plans.services import report_review, report_submit

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def plan(world):
    plan = Plan.objects.create(agency=world.agency, fiscal_year=2566, title="มาตรการส่งเสริมคุณธรรมฯ")
    indicator = Indicator.objects.create(plan=plan, number="1", title="การปฏิบัติหน้าที่")
    mine = Activity.objects.create(
        plan=plan,
        indicator=indicator,
        key="a",
        order=1,
        focus="พัฒนาจุดบริการ",
        due_date=date(2023, 3, 30),
        monitoring_months=1,
    )
    mine.departments.add(world.administration)
    theirs = Activity.objects.create(
        plan=plan, indicator=indicator, key="b", order=2, focus="ระบบ Tracking", due_date=date(2023, 4, 5)
    )
    theirs.departments.add(world.public_works)
    return plan


def url(plan, activity, suffix=""):
    return f"/staff/pathumwan/plans/2566/activities/{activity.pk}/{suffix}"


def test_an_officer_reports_a_month_of_their_department_with_evidence(world, login, plan):
    activity = plan.activities.get(key="a")
    upload = SimpleUploadedFile("ภาพกิจกรรม.pdf", PDF, content_type="application/pdf")
    response = login(world.officer).post(
        url(plan, activity),
        {
            "period": "2023-01-01",
            "status": "in_progress",
            "percent": "40",
            "narrative": "จัดอบรมแล้ว ๑ ครั้ง",
            "files": [upload],
            "link_url": "https://www.facebook.com/pathumwan/posts/1",
            "link_title": "โพสต์",
        },
    )
    assert response.status_code == 302
    report = ProgressReport.objects.get(activity=activity)
    assert (report.period, report.percent, report.review_state) == (date(2023, 1, 1), 40, "submitted")
    assert sorted(report.evidence.values_list("kind", flat=True)) == ["file", "link"]
    stored = report.evidence.get(kind="file")
    assert stored.original_name == "ภาพกิจกรรม.pdf" and "ภาพ" not in stored.file.name  # random storage name
    assert AuditEntry.objects.filter(model="plans.progressreport", action="create").exists()


def test_an_officer_cannot_report_for_another_department(world, login, plan):
    activity = plan.activities.get(key="b")
    response = login(world.officer).post(
        url(plan, activity), {"period": "2023-01-01", "status": "in_progress", "percent": "10"}
    )
    assert response.status_code == 403 and not ProgressReport.objects.exists()


@pytest.mark.parametrize("persona", ["director", "auditor"])
def test_readers_cannot_report(world, login, plan, persona):
    activity = plan.activities.get(key="a")
    response = login(getattr(world, persona)).post(
        url(plan, activity), {"period": "2023-01-01", "status": "in_progress", "percent": "10"}
    )
    assert response.status_code == 403


def test_a_file_pretending_to_be_a_pdf_is_refused_and_nothing_is_kept(world, login, plan, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    activity = plan.activities.get(key="a")
    fake = SimpleUploadedFile(
        "รายงาน.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf"
    )
    response = login(world.officer).post(
        url(plan, activity),
        {"period": "2023-01-01", "status": "in_progress", "percent": "40", "files": [fake]},
    )
    assert response.status_code == 422
    assert "ไม่ใช่ชนิดที่รับได้" in response.content.decode()
    assert not ProgressReport.objects.exists() and not Evidence.objects.exists()
    assert not any(tmp_path.rglob("*.pdf"))


def test_bad_numbers_are_refused_with_a_thai_message(world, login, plan):
    activity = plan.activities.get(key="a")
    client = login(world.officer)
    response = client.post(url(plan, activity), {"period": "2023-01-01", "status": "done", "percent": "60"})
    assert response.status_code == 422 and "ร้อยละ 100" in response.content.decode()
    response = client.post(
        url(plan, activity), {"period": "2023-01-01", "status": "in_progress", "percent": "120"}
    )
    assert response.status_code == 422
    response = client.post(
        url(plan, activity), {"period": "2024-01-01", "status": "in_progress", "percent": "10"}
    )
    assert response.status_code == 422 and "ไม่อยู่ในช่วงของแผน" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_the_coordinator_returns_a_report_with_a_comment_then_accepts_the_resubmission(world, login, plan):
    activity = plan.activities.get(key="a")
    report = report_submit(
        actor=world.officer, activity=activity, period=date(2023, 1, 1), status="in_progress", percent=30
    )
    client = login(world.coordinator)
    review = f"/staff/pathumwan/plans/2566/reports/{report.pk}/review/"
    client.post(review, {"decision": "return", "comment": ""})
    report.refresh_from_db()
    assert report.review_state == "submitted"  # a return needs a reason
    client.post(review, {"decision": "return", "comment": "โปรดแนบภาพกิจกรรม"})
    report.refresh_from_db()
    assert report.review_state == "returned" and report.review_comment == "โปรดแนบภาพกิจกรรม"

    report_submit(
        actor=world.officer,
        activity=activity,
        period=date(2023, 1, 1),
        status="in_progress",
        percent=35,
        narrative="แนบภาพแล้ว",
    )
    client.post(review, {"decision": "accept"})
    report.refresh_from_db()
    assert report.review_state == "accepted" and report.percent == 35
    states = list(report.events.all().values_list("to_state", flat=True))
    assert states == ["submitted", "returned", "submitted", "accepted"]


def test_an_accepted_report_cannot_be_changed(world, plan):
    activity = plan.activities.get(key="a")
    report = report_submit(
        actor=world.officer, activity=activity, period=date(2023, 1, 1), status="in_progress", percent=30
    )
    report_review(actor=world.coordinator, report=report, accept=True)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        report_submit(
            actor=world.officer, activity=activity, period=date(2023, 1, 1), status="done", percent=100
        )


@pytest.mark.parametrize("persona", ["officer", "director", "auditor"])
def test_only_the_coordinator_reviews(world, login, plan, persona):
    activity = plan.activities.get(key="a")
    report = report_submit(
        actor=world.officer, activity=activity, period=date(2023, 1, 1), status="in_progress", percent=30
    )
    response = login(getattr(world, persona)).post(
        f"/staff/pathumwan/plans/2566/reports/{report.pk}/review/", {"decision": "accept"}
    )
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.review_state == "submitted"


@time_machine.travel("2023-02-15 10:00 +0700")
def test_missing_and_overdue_are_computed_from_the_reports(world, plan):
    mine = plan.activities.get(key="a")
    report = report_submit(
        actor=world.officer, activity=mine, period=date(2022, 11, 1), status="in_progress", percent=50
    )
    report_review(actor=world.coordinator, report=report, accept=True)
    state = {s.activity.key: s for s in selectors.activity_states(plan, as_of=date(2023, 2, 15))}["a"]
    assert state.missing == [date(2022, 10, 1), date(2022, 12, 1), date(2023, 1, 1)]
    assert state.owed_now and not state.overdue and state.percent == 50
    later = {s.activity.key: s for s in selectors.activity_states(plan, as_of=date(2023, 4, 2))}["a"]
    assert later.overdue


def test_a_done_activity_owes_nothing_after_it_was_done(world, plan):
    mine = plan.activities.get(key="a")
    report = report_submit(
        actor=world.officer, activity=mine, period=date(2022, 10, 1), status="done", percent=100
    )
    report_review(actor=world.coordinator, report=report, accept=True)
    state = {s.activity.key: s for s in selectors.activity_states(plan, as_of=date(2023, 5, 10))}["a"]
    assert state.done and not state.overdue and state.missing == [] and not state.owed_now


@time_machine.travel("2023-02-15 10:00 +0700")
def test_the_officer_sees_only_what_their_departments_owe_this_month(world, login, plan):
    html = login(world.officer).get("/staff/pathumwan/plans/2566/mine/").content.decode()
    assert "พัฒนาจุดบริการ" in html and "ระบบ Tracking" not in html
    html = login(world.works_officer).get("/staff/pathumwan/plans/2566/mine/").content.decode()
    assert "ระบบ Tracking" in html and "พัฒนาจุดบริการ" not in html


@time_machine.travel("2023-04-10 10:00 +0700")
def test_the_dashboard_rolls_up_by_indicator_and_department(world, login, plan):
    mine = plan.activities.get(key="a")
    report = report_submit(
        actor=world.officer, activity=mine, period=date(2023, 3, 1), status="done", percent=100
    )
    report_review(actor=world.coordinator, report=report, accept=True)
    response = login(world.director).get("/staff/pathumwan/plans/2566/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "ความคืบหน้าเฉลี่ยของทุกกิจกรรมร้อยละ 50 · แล้วเสร็จครบถ้วน 1 จาก 2 กิจกรรม" in html
    assert "1) การปฏิบัติหน้าที่" in html
    assert "ฝ่ายปกครอง" in html and "ฝ่ายโยธา" in html
    assert "ระบบ Tracking" in html.split("เลยกำหนด (1)")[1]


@time_machine.travel("2023-04-10 10:00 +0700")
def test_the_directors_dashboard_draws_charts_above_the_tables_and_links_every_file(world, login, plan):
    mine = plan.activities.get(key="a")
    report = report_submit(
        actor=world.officer, activity=mine, period=date(2023, 3, 1), status="in_progress", percent=60
    )
    report_review(actor=world.coordinator, report=report, accept=True)
    html = login(world.director).get("/staff/pathumwan/plans/2566/").content.decode()
    charts = html.split("ตามตัวชี้วัด</h2>")[0]  # everything above the first table
    assert charts.count("<svg") == 4
    # the department bars: ฝ่ายปกครอง at 60 %, ฝ่ายโยธา at 0 %; the missed reports: Oct-Feb for both, March for one
    assert "ฝ่ายปกครอง: 60% แล้วเสร็จ 0 จาก 1 กิจกรรม" in charts and "ฝ่ายโยธา: 0%" in charts
    assert "ต.ค. 2565: 2" in charts and "มี.ค. 2566: 1" in charts
    overdue = charts.split("กิจกรรมที่เลยกำหนด")[1]  # due 30 Mar and 5 Apr, neither done by 10 Apr
    assert "มี.ค. 2566: 1" in overdue and "เม.ย. 2566: 1" in overdue
    for fmt in ("pdf", "docx", "xlsx", "csv", "json"):
        assert f'href="/staff/pathumwan/plans/2566/export.{fmt}"' in html
    assert 'href="/staff/pathumwan/plans/2566/monthly/2023-03.pdf"' in html
    assert 'href="/staff/pathumwan/plans/2566/monthly/2023-03.docx"' in html


def test_the_complaint_handler_does_not_see_plans(world, login, plan):
    assert login(world.complaint_handler).get("/staff/pathumwan/plans/2566/").status_code == 403


def test_evidence_downloads_with_its_real_name_for_staff_only(world, login, client, plan):
    activity = plan.activities.get(key="a")
    report = report_submit(
        actor=world.officer,
        activity=activity,
        period=date(2023, 1, 1),
        status="in_progress",
        percent=30,
        files=[SimpleUploadedFile("ภาพ.pdf", PDF)],
    )
    evidence = report.evidence.get()
    response = login(world.auditor).get(f"/staff/pathumwan/plans/evidence/{evidence.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert (
        "attachment" in response["Content-Disposition"]
        and "filename*=utf-8''%E0%B8%A0" in response["Content-Disposition"]
    )
    assert login(world.outsider).get(f"/staff/nongchok/plans/evidence/{evidence.pk}/").status_code == 404


def test_the_public_plan_page_shows_progress_but_no_personal_data(world, client, plan):
    activity = plan.activities.get(key="a")
    report = report_submit(
        actor=world.officer,
        activity=activity,
        period=date(2023, 1, 1),
        status="in_progress",
        percent=30,
        narrative="ความเห็นภายใน",
    )
    report_review(actor=world.coordinator, report=report, accept=True)
    html = client.get("/pathumwan/plan/2566/").content.decode()
    assert "พัฒนาจุดบริการ" in html and "ร้อยละ 15" in html
    assert "alice.officer" not in html and "ความเห็นภายใน" not in html
    assert "/pathumwan/plan/2566/" in client.get("/pathumwan/").content.decode()


def test_an_unpublished_plan_is_not_public(world, client, plan):
    plan.is_published = False
    plan.save()
    assert client.get("/pathumwan/plan/2566/").status_code == 404
    assert client.get("/pathumwan/plan/2565/").status_code == 404


def test_the_state_as_of_a_month_ignores_reports_of_later_months(world, plan):
    mine = plan.activities.get(key="a")
    for period, status, percent in ((date(2023, 1, 1), "in_progress", 40), (date(2023, 4, 1), "done", 100)):
        report = report_submit(
            actor=world.officer, activity=mine, period=period, status=status, percent=percent
        )
        report_review(actor=world.coordinator, report=report, accept=True)
    march = {s.activity.key: s for s in selectors.activity_states(plan, as_of=date(2023, 3, 31))}["a"]
    assert (march.percent, march.done) == (40, False)
    may = {s.activity.key: s for s in selectors.activity_states(plan, as_of=date(2023, 5, 31))}["a"]
    assert (may.percent, may.done) == (100, True)


def test_the_coordinator_writes_an_anti_corruption_plan_and_assigns_its_activities(world, login):
    client = login(world.coordinator)
    response = client.post(
        "/staff/pathumwan/plans/new/",
        {"kind": "anti_corruption", "fiscal_year": "2566", "title": "แผนปฏิบัติการป้องกันการทุจริต ประจำปี ๒๕๖๖"},
    )
    assert (
        response.status_code == 302 and response["Location"] == "/staff/pathumwan/plans/2566-anti-corruption/"
    )
    plan = Plan.objects.get(kind="anti_corruption")
    response = client.post(
        "/staff/pathumwan/plans/2566-anti-corruption/activities/new/",
        {
            "focus": "อบรมจริยธรรมเจ้าหน้าที่",
            "name": "จัดอบรม ๒ รุ่น",
            "output": "๒ รุ่น",
            "due_date": "๓๐ มิ.ย. ๖๖",
            "departments": [world.public_works.pk],
            "monitoring_months": "1",
            "channels_text": "เว็บไซต์\nLine group",
        },
    )
    assert response.status_code == 302
    activity = plan.activities.get()
    assert activity.due_date == date(2023, 6, 30) and activity.channels == ["เว็บไซต์", "Line group"]
    assert list(activity.departments.all()) == [world.public_works]
    # the same monthly machinery: the works officer owes this activity, the administration officer does not
    assert (
        login(world.works_officer).get("/staff/pathumwan/plans/2566-anti-corruption/mine/").status_code == 200
    )
    assert "จัดอบรม ๒ รุ่น" in client.get("/staff/pathumwan/plans/2566-anti-corruption/").content.decode()


def test_an_activity_cannot_be_assigned_to_another_agencys_department_or_left_unassigned(world, login, plan):
    client = login(world.coordinator)
    url = "/staff/pathumwan/plans/2566/activities/new/"
    response = client.post(url, {"focus": "x", "departments": [world.other_department.pk]})
    assert response.status_code == 422
    response = client.post(url, {"focus": "x"})
    assert response.status_code == 422 and "อย่างน้อยหนึ่งฝ่าย" in response.content.decode()
    assert plan.activities.count() == 2


def test_the_coordinator_reassigns_and_withdraws_an_activity_and_officers_cannot(world, login, plan):
    activity = plan.activities.get(key="a")
    edit = f"/staff/pathumwan/plans/2566/activities/{activity.pk}/edit/"
    assert login(world.officer).post(edit, {"focus": "x", "all_departments": "on"}).status_code == 403
    client = login(world.coordinator)
    response = client.post(
        edit, {"focus": activity.focus, "departments": [world.registration.pk], "due_date": "15 เม.ย. 2566"}
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert list(activity.departments.all()) == [world.registration] and activity.due_date == date(2023, 4, 15)
    assert AuditEntry.objects.filter(
        model="plans.activity", action="change", object_id=str(activity.pk)
    ).exists()
    client.post(edit, {"withdraw": "1"})
    assert (
        plan.activities.current().filter(pk=activity.pk).count() == 0
        and Activity.objects.filter(pk=activity.pk).exists()
    )
