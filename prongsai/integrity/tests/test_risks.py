"""The corruption-risk register: scores and criteria, who sees and changes which risk, the chain plan ->
risk -> evidence on one page, the heat map, the annual reports and item 25."""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from prongsai.agencies.models import AuditEntry
from prongsai.disclosure.providers import resolve
from prongsai.integrity import register
from prongsai.integrity import risks as rules
from prongsai.integrity.models import Complaint, Risk, RiskReport, RiskSource
from prongsai.plans.models import Activity, Indicator, Plan, ProgressReport, ProgressStatus, ReviewState

from .helpers import upload

BASE = "/staff/pathumwan/integrity/risks/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def plan(world):
    plan = Plan.objects.create(agency=world.agency, fiscal_year=2566, title="มาตรการส่งเสริมคุณธรรมฯ")
    indicator = Indicator.objects.create(plan=plan, number="1", title="การปฏิบัติหน้าที่")
    activity = Activity.objects.create(
        plan=plan, indicator=indicator, key="a", order=1, name="ตรวจสอบขั้นตอนการอนุญาตก่อสร้างอาคาร"
    )
    ProgressReport.objects.create(
        activity=activity, period=date(2023, 1, 1), status=ProgressStatus.IN_PROGRESS, percent=40,
        narrative="จัดทำแนวทางแล้ว", review_state=ReviewState.ACCEPTED, submitted_by=world.officer,
        submitted_at=timezone.now(),
    )  # fmt: skip
    ProgressReport.objects.create(
        activity=activity, period=date(2023, 2, 1), status=ProgressStatus.DONE, percent=100,
        review_state=ReviewState.SUBMITTED, submitted_by=world.officer, submitted_at=timezone.now(),
    )  # fmt: skip
    return plan


def fresh(world):
    """The agency as a new request loads it (the providers remember their facts on the agency object)."""
    from prongsai.agencies.models import Agency

    return Agency.objects.get(pk=world.agency.pk)


def data(world, department=None, **changes):
    values = {
        "fiscal_year": 2566,
        "department": department or world.public_works,
        "process": "การอนุญาตก่อสร้าง ดัดแปลง อาคาร (มาตรา ๓๙ ทวิ)",
        "kind": Risk.Kind.PERMISSION,
        "title": "เจ้าหน้าที่เรียกรับผลประโยชน์เพื่อเร่งการตรวจแบบ",
        "cause": "ขั้นตอนตรวจแบบใช้ดุลพินิจ ไม่มีการติดตามระยะเวลา",
        "likelihood": 4,
        "impact": 4,
        "controls": "คู่มือการให้บริการ กำหนดระยะเวลา ๔๕ วัน",
        "residual_likelihood": 2,
        "residual_impact": 4,
        "owner": "หัวหน้าฝ่ายโยธา",
        "treatment": "ติดตามคำขอด้วยระบบ เปิดเผยสถานะคำขอ",
    }
    values.update(changes)
    return values


def form(world, department=None, **changes):
    values = data(world, department, **changes)
    values["department"] = values["department"].pk
    return values


def make(world, department=None, activity_refs=(), **changes) -> Risk:
    return register.risk_create(
        actor=world.coordinator,
        agency=world.agency,
        data=data(world, department, **changes),
        activity_refs=activity_refs,
    )


def test_the_score_is_likelihood_times_impact_and_its_level_follows_the_written_bands(world):
    risk = make(world)
    assert (risk.score, risk.residual_score) == (16, 8)
    assert [rules.level_of(n).key for n in (1, 4, 5, 9, 10, 16, 17, 25)] == [
        "low", "low", "medium", "medium", "high", "high", "very_high", "very_high",
    ]  # fmt: skip
    assert [rules.level_range(level) for level in rules.levels()] == [(1, 4), (5, 9), (10, 16), (17, 25)]


def test_a_residual_score_above_the_inherent_one_is_refused_and_nothing_is_saved(world):
    with pytest.raises(ValidationError) as caught:
        make(world, residual_likelihood=5, residual_impact=5)
    assert "ต้องไม่สูงกว่า" in str(caught.value)
    assert not Risk.objects.exists()


def test_criteria_are_written_down_with_defaults_and_the_coordinator_rewrites_them(world, login):
    criteria = register.criteria_for(world.agency)
    assert [c.level for c in criteria["likelihood"]] == [1, 2, 3, 4, 5]
    assert all(c.is_default and c.description for c in criteria["impact"])
    staff = login(world.coordinator)
    page = staff.get(BASE + "criteria/").content.decode()
    assert "ปีละ ๒-๕ ครั้ง" in page and "17-25" in page
    posted = {"dimension": "likelihood"}
    for c in criteria["likelihood"]:
        posted[f"label_{c.level}"] = c.label
        posted[f"description_{c.level}"] = c.description
    posted["description_5"] = "เกิดขึ้นทุกเดือนในปีที่ผ่านมา"
    assert staff.post(BASE + "criteria/", posted).status_code == 302
    mine = register.criteria_for(world.agency)["likelihood"][4]
    assert (mine.description, mine.is_default) == ("เกิดขึ้นทุกเดือนในปีที่ผ่านมา", False)
    posted["label_2"] = ""
    posted["description_1"] = "ไม่ควรถูกบันทึก"
    assert staff.post(BASE + "criteria/", posted).status_code == 400
    assert (
        register.criteria_for(world.agency)["likelihood"][0].description != "ไม่ควรถูกบันทึก"
    )  # nothing half-saved


def test_only_the_coordinator_changes_the_criteria(world, login):
    for person in (world.officer, world.director, world.auditor):
        staff = login(person)
        assert staff.get(BASE + "criteria/").status_code == 200
        assert staff.post(BASE + "criteria/", {"dimension": "impact"}).status_code == 403


def test_an_officer_sees_and_edits_only_the_risks_of_their_department(world, login):
    mine = make(world, world.administration, process="การจดทะเบียนพาณิชย์")
    theirs = make(world, world.public_works)
    staff = login(world.officer)
    page = staff.get(BASE + "?year=2566").content.decode()
    assert "การจดทะเบียนพาณิชย์" in page and theirs.process not in page
    assert staff.get(BASE + f"{theirs.code}/").status_code == 403
    assert staff.get(BASE + f"{theirs.code}/edit/").status_code == 403
    assert staff.get(BASE + f"{mine.code}/edit/").status_code == 200
    # nor can they move their own risk into another department
    response = staff.post(BASE + f"{mine.code}/edit/", form(world, world.public_works))
    assert response.status_code in (400, 403)
    mine.refresh_from_db()
    assert mine.department == world.administration
    # a new risk only in their own department
    assert staff.post(BASE + "new/", form(world, world.public_works)).status_code in (400, 403)
    response = staff.post(BASE + "new/", form(world, world.administration, process="การรับชำระภาษีป้าย"))
    assert response.status_code == 302
    assert Risk.objects.filter(process="การรับชำระภาษีป้าย", department=world.administration).exists()


def test_the_coordinator_sees_all_the_director_and_auditor_read_only(world, login):
    make(world, world.administration, process="การจดทะเบียนพาณิชย์")
    risk = make(world, world.public_works)
    for person in (world.coordinator, world.director, world.auditor):
        page = login(person).get(BASE + "?year=2566").content.decode()
        assert "การจดทะเบียนพาณิชย์" in page and risk.process in page
    for person in (world.director, world.auditor):
        staff = login(person)
        assert staff.get(BASE + f"{risk.code}/").status_code == 200
        assert staff.get(BASE + f"{risk.code}/edit/").status_code == 403
        assert staff.post(BASE + f"{risk.code}/state/", {"state": "treating"}).status_code == 403
        assert staff.post(BASE + f"{risk.code}/sources/", {"finding": ""}).status_code == 403
        assert staff.get(BASE + "new/").status_code == 403
    risk.refresh_from_db()
    assert risk.state == Risk.State.IDENTIFIED


@pytest.mark.parametrize(
    "path",
    [
        "",
        "new/",
        "criteria/",
        "findings/",
        "heatmap.svg",
        "reports/2566/assessment.pdf",
        "{code}/",
        "{code}/edit/",
    ],
)
def test_the_register_is_refused_to_other_agencies_the_complaint_handler_and_the_anonymous(
    world, login, client, path
):
    risk = make(world)
    url = BASE + path.format(code=risk.code)
    assert client.get(url).status_code == 302  # to the sign-in
    assert login(world.outsider).get(url).status_code == 404
    assert login(world.complaint_handler).get(url).status_code == 403


def test_the_risk_page_shows_the_chain_plan_risk_evidence(world, login, plan):
    activity = plan.activities.get()
    key = f"plans.activity:{activity.pk}"
    risk = make(world, activity_refs=[key])
    finding = register.finding_create(
        actor=world.coordinator, agency=world.agency, source="สำนักงานตรวจสอบภายใน กรุงเทพมหานคร",
        found_on=date(2022, 11, 15), text="การตรวจแบบเกินระยะเวลาที่กำหนด ๑๒ ราย", document=upload("ผลตรวจ.pdf", PDF),
    )  # fmt: skip
    register.risk_source_add(actor=world.coordinator, risk=risk, finding=finding)
    complaint = Complaint.objects.create(
        agency=world.agency,
        ref="C-2566-0007",
        category="bribery",
        received_at=timezone.now(),
        department=world.public_works,
    )
    register.risk_source_add(actor=world.coordinator, risk=risk, complaint_ref="c-2566-0007")
    page = login(world.coordinator).get(BASE + f"{risk.code}/").content.decode()
    assert "ตรวจสอบขั้นตอนการอนุญาตก่อสร้างอาคาร" in page and f"#activity-{activity.pk}" in page
    assert "อยู่ระหว่างดำเนินการ" in page and "ดำเนินการแล้วเสร็จ" in page and "รอตรวจ" in page
    assert "สำนักงานตรวจสอบภายใน" in page and "C-2566-0007" in page
    # the officer of the department sees that a complaint raised it, never which one
    officer_page = login(world.works_officer).get(BASE + f"{risk.code}/").content.decode()
    assert "C-2566-0007" not in officer_page and "เฉพาะผู้รับเรื่องร้องเรียน" in officer_page
    director_page = login(world.director).get(BASE + f"{risk.code}/").content.decode()
    assert "C-2566-0007" not in director_page
    assert RiskSource.objects.filter(risk=risk, complaint=complaint).exists()


def test_an_officer_may_not_link_a_complaint_and_a_wrong_number_is_said(world, login):
    risk = make(world)
    Complaint.objects.create(
        agency=world.agency, ref="C-2566-0001", category="bribery", received_at=timezone.now()
    )
    staff = login(world.works_officer)
    staff.post(BASE + f"{risk.code}/sources/", {"complaint_ref": "C-2566-0001"})
    assert not RiskSource.objects.exists()  # the field is not theirs: nothing linked
    with pytest.raises(ValidationError) as caught:
        register.risk_source_add(actor=world.coordinator, risk=risk, complaint_ref="C-0000-0000")
    assert "ไม่พบเรื่องร้องเรียน" in str(caught.value)


def test_a_risk_only_links_activities_of_its_own_agency(world, plan):
    activity = plan.activities.get()
    with pytest.raises(ValidationError):
        register.risk_create(
            actor=world.outsider, agency=world.other, data=data(world, world.other_department),
            activity_refs=[f"plans.activity:{activity.pk}"],
        )  # fmt: skip
    with pytest.raises(ValidationError):
        make(world, activity_refs=["plans.activity:999999"])
    assert not Risk.objects.exists()


def test_resolve_reads_the_monthly_status_through_the_provider_interface(world, plan):
    activity = plan.activities.get()
    key = f"plans.activity:{activity.pk}"
    found = resolve(world.agency, [key, "plans.activity:424242", "nosuch.thing:1"])
    assert list(found) == [key]
    months = found[key].months
    assert [(m.period, m.percent, m.accepted) for m in months] == [
        (date(2023, 1, 1), 40, True),
        (date(2023, 2, 1), 100, False),
    ]
    assert resolve(world.other, [key]) == {}


def test_states_move_with_history_and_audit(world, login):
    risk = make(world)
    staff = login(world.works_officer)
    assert (
        staff.post(BASE + f"{risk.code}/state/", {"state": "treating", "note": "เริ่มใช้ระบบติดตาม"}).status_code
        == 302
    )
    risk.refresh_from_db()
    assert risk.state == "treating"
    assert list(risk.events.values_list("to_state", flat=True)) == ["identified", "treating"]
    with pytest.raises(ValidationError):
        register.risk_move(actor=world.coordinator, risk=risk, to_state="withdrawn_typo")
    assert AuditEntry.objects.filter(model="integrity.risk", object_id=str(risk.pk)).count() >= 2


def test_the_heat_map_counts_risks_in_their_cells(world, login):
    make(world)
    make(world, process="การจัดซื้อจัดจ้างวัสดุ", kind=Risk.Kind.BUDGET)
    make(world, likelihood=2, impact=2, residual_likelihood=1, residual_impact=1)
    response = login(world.coordinator).get(BASE + "heatmap.svg?year=2566")
    svg = response.content.decode()
    assert response["Content-Type"].startswith("image/svg+xml")
    assert "L4 x I4 = 16: 2" in svg and "L2 x I2 = 4: 1" in svg and "ทั้งหมด 3 ความเสี่ยง" in svg
    residual = login(world.coordinator).get(BASE + "heatmap.svg?year=2566&residual=1").content.decode()
    assert "L2 x I4 = 8: 2" in residual and "L1 x I1 = 1: 1" in residual
    # the officer's map counts only their department's risks
    officer = login(world.officer).get(BASE + "heatmap.svg?year=2566").content.decode()
    assert "ทั้งหมด 0 ความเสี่ยง" in officer
    # the register shows both maps: each names its own title (a repeated id breaks screen readers and PDFs)
    page = login(world.coordinator).get(BASE + "?year=2566").content.decode()
    ids = re.findall(r'<title id="(hm-[0-9a-f]+)"', page)
    assert len(ids) == 2 and len(set(ids)) == 2


def test_the_reports_are_pdf_and_docx_in_thai_and_publishing_feeds_item_25(world, login, plan, client):
    activity = plan.activities.get()
    make(world, activity_refs=[f"plans.activity:{activity.pk}"])
    make(world, world.administration, process="การจัดเก็บภาษีป้าย", kind=Risk.Kind.DUTY, likelihood=3, impact=3,
         residual_likelihood=2, residual_impact=2)  # fmt: skip
    staff = login(world.coordinator)
    pdf = staff.get(BASE + "reports/2566/assessment.pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    text = unicodedata.normalize("NFKC", text)
    assert "ผลการประเมินความเสี่ยงการทุจริต" in text and "การจัดเก็บภาษีป้าย" in text and "ฝ่ายโยธา" in text
    assert "เกณฑ์การประเมินโอกาสและผลกระทบ" in text
    handling = staff.get(BASE + "reports/2566/handling.docx")
    words = "\n".join(
        cell.text
        for t in Document(io.BytesIO(handling.content)).tables
        for row in t.rows
        for cell in row.cells
    )
    words = words.replace("\u2060", "").replace("\u200b", "")
    assert "ตรวจสอบขั้นตอนการอนุญาตก่อสร้างอาคาร" in words and "ดำเนินการแล้วเสร็จ" in words
    assert staff.post(BASE + "reports/2566/assessment/publish/").status_code == 302
    assert login(world.director).post(BASE + "reports/2566/handling/publish/").status_code == 403
    report = RiskReport.objects.get()
    assert (report.kind, report.risk_count) == ("assessment", 2)

    from types import SimpleNamespace

    from prongsai.integrity.public import ITEMS

    item = SimpleNamespace(catalogue=SimpleNamespace(year=2566))
    entries = ITEMS["risk_assessment"](fresh(world), item)
    assert [e.formats for e in entries] == [frozenset({"pdf"}), frozenset({"docx"})]
    assert ITEMS["risk_handling"](fresh(world), item) == []
    download = client.get(entries[0].url)
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert client.get(entries[0].url.replace("/pathumwan/", "/nongchok/")).status_code == 404


def test_publishing_an_empty_year_is_refused(world):
    with pytest.raises(ValidationError):
        register.risk_report_publish(
            actor=world.coordinator, agency=world.agency, year=2566, kind="assessment"
        )
    assert not RiskReport.objects.exists()


def _risks(world, plan, n):
    activity = plan.activities.get()
    for i in range(n):
        make(world, world.administration if i % 2 else world.public_works, process=f"กระบวนงาน {i}",
             activity_refs=[f"plans.activity:{activity.pk}"])  # fmt: skip


@pytest.mark.parametrize("path", ["?year=2566", "reports/2566/handling.docx", "heatmap.svg?year=2566"])
def test_register_pages_cost_the_same_queries_for_few_or_many_risks(world, login, plan, path):
    staff = login(world.coordinator)
    _risks(world, plan, 2)
    staff.get(BASE + path)
    with CaptureQueriesContext(connection) as few:
        assert staff.get(BASE + path).status_code == 200
    _risks(world, plan, 12)
    with CaptureQueriesContext(connection) as many:
        assert staff.get(BASE + path).status_code == 200
    assert len(many) == len(few)


def test_a_finding_document_is_content_sniffed(world, login):
    staff = login(world.works_officer)
    response = staff.post(
        BASE + "findings/",
        {
            "source": "สตง.",
            "found_on": "15/11/2565",
            "text": "ข้อตรวจพบ",
            "document": upload("x.pdf", b"<html>no</html>"),
        },
    )
    assert response.status_code == 400 and "ไม่ใช่ชนิดที่รับได้" in response.content.decode()
    response = staff.post(
        BASE + "findings/",
        {"source": "สตง.", "found_on": "15/11/2565", "text": "ข้อตรวจพบ", "document": upload("x.pdf", PDF)},
    )
    assert response.status_code == 302
    assert login(world.auditor).post(BASE + "findings/", {"source": "x"}).status_code == 403


def test_a_nonsense_year_shows_the_current_fiscal_year(world, login):
    page = login(world.coordinator).get(BASE + "?year=abc").content.decode()
    assert "ปีงบประมาณ" in page


def _api(client, user, path):
    from prongsai.api.services import api_token_create

    _token, secret = api_token_create(user=user, name="test")
    return client.get(f"/api/v1/agencies/{path}", HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_the_api_lists_the_register_as_far_as_the_person_may_read_it(world, client, plan):
    activity = plan.activities.get()
    make(world, activity_refs=[f"plans.activity:{activity.pk}"])
    make(world, world.administration, process="การจดทะเบียนพาณิชย์")
    coordinator = _api(client, world.coordinator, "pathumwan/risks?year=2566").json()
    assert coordinator["count"] == 2
    first = next(r for r in coordinator["items"] if r["department"] == "public-works")
    assert (first["score"], first["level"], first["residual_level"]) == (16, "high", "medium")
    assert "ดำเนินการแล้วเสร็จ" in first["monthly_status"]
    officer = _api(client, world.officer, "pathumwan/risks?year=2566").json()
    assert [r["process"] for r in officer["items"]] == ["การจดทะเบียนพาณิชย์"]
    assert _api(client, world.complaint_handler, "pathumwan/risks").status_code == 403
    assert _api(client, world.outsider, "pathumwan/risks").status_code == 404
    assert client.get("/api/v1/agencies/pathumwan/risks").status_code == 401


def test_the_api_list_of_risks_costs_the_same_queries_for_few_or_many(world, client, plan):
    from prongsai.api.services import api_token_create

    _token, secret = api_token_create(user=world.coordinator, name="test")
    url = "/api/v1/agencies/pathumwan/risks?year=2566"
    _risks(world, plan, 2)
    client.get(url, HTTP_AUTHORIZATION=f"Bearer {secret}")
    with CaptureQueriesContext(connection) as few:
        assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    _risks(world, plan, 12)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    assert len(many) == len(few)


def test_the_findings_list_costs_the_same_queries_for_few_or_many(world, login):
    staff = login(world.coordinator)

    def add(n):
        for i in range(n):
            register.finding_create(
                actor=world.coordinator,
                agency=world.agency,
                source=f"ผู้ตรวจ {i}",
                found_on=date(2023, 1, 1),
                text="x",
            )

    add(2)
    staff.get(BASE + "findings/")
    with CaptureQueriesContext(connection) as few:
        assert staff.get(BASE + "findings/").status_code == 200
    add(10)
    with CaptureQueriesContext(connection) as many:
        assert staff.get(BASE + "findings/").status_code == 200
    assert len(many) == len(few)
