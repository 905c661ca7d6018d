import json
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from prongsai.plans.models import Activity, Indicator, Plan, ProgressReport
from prongsai.plans.services import plan_import, report_submit

from .helpers import SEED, all_departments, import_seed, seed_text


def test_importing_the_seed_reproduces_every_activity_with_indicator_due_date_and_departments(world):
    result = import_seed(world)
    plan = result.plan
    assert (result.indicators, result.activities, result.oit_items, result.budget_rows) == (9, 25, 30, 5)
    assert plan.title.startswith("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน")
    assert plan.activities.filter(oit_code="").count() == 25
    assert plan.activities.exclude(oit_code="").count() == 30

    first = plan.activities.get(order=1)
    assert first.indicator.number == "1" and first.due_date == date(2023, 3, 30)
    assert sorted(first.departments.values_list("name", flat=True)) == ["ฝ่ายทะเบียน", "ฝ่ายปกครอง"]
    assert first.target_count == 1 and first.target_unit == "ครั้ง" and first.target_per == "เดือน"
    tracking = plan.activities.get(indicator__number="6", focus__startswith="พัฒนา และเผยแพร่ TRACKING")
    assert set(tracking.departments.values_list("name", flat=True)) == {"ฝ่ายโยธา", "ฝ่ายสิ่งแวดล้อมและสุขาภิบาล"}
    o12 = plan.activities.get(oit_code="o12")
    assert o12.indicator.number == "9.2" and o12.departments.count() == 5
    everyone = plan.activities.filter(all_departments=True)
    assert everyone.count() >= 5 and not everyone.filter(departments__isnull=False).exists()
    assert plan.activities.get(appendix=True).indicator is None
    assert Indicator.objects.get(plan=plan, number="9.1").parent.number == "9"


def test_the_page_break_continuation_is_merged_into_the_row_above(world):
    plan = import_seed(world).plan
    vulnerable = plan.activities.get(focus__startswith="เพิ่มช่องทางการให้บริการผู้ด้อยโอกาส")
    assert "ผ่าน facebook ผ่าน line group" in " ".join(vulnerable.channels) or any(
        "facebook" in c for c in vulnerable.channels
    )


def test_rows_the_importer_cannot_place_are_reported_with_their_line(world):
    result = import_seed(world)
    by_reason = {(w.line, w.reason) for w in result.warnings}
    assert any(line == 38 and "ตัวชี้วัดที่ ๓" in reason for line, reason in by_reason)
    orphan = result.plan.activities.get(source_line=38)
    assert orphan.indicator is None  # kept, not dropped
    assert any("หนองจอก" in w.reason for w in result.warnings)  # the consistency lint
    assert any(w.line == 25 for w in result.warnings)  # the budget table's remaining column does not add up


def test_re_importing_the_same_file_creates_no_duplicates(world):
    import_seed(world)
    again = import_seed(world)
    assert (again.created, again.updated, again.withdrawn) == (0, 0, 0)
    assert again.unchanged == 55
    assert Activity.objects.count() == 55 and Plan.objects.count() == 1


def test_a_corrected_file_updates_in_place_and_keeps_the_progress_reports(world):
    plan = import_seed(world).plan
    activity = plan.activities.get(order=1)
    report_submit(
        actor=world.coordinator, activity=activity, period=date(2022, 10, 1), status="in_progress", percent=20
    )
    corrected = (
        seed_text()
        .replace("๓๐ มี.ค.๖๖", "๓๑ มี.ค.๖๖", 1)
        .replace("กิจกรรมสร้างวัฒนธรรมการให้บริการกับเจ้าหน้าที่ประจำจุด", "กิจกรรมสร้างวัฒนธรรมการบริการของเจ้าหน้าที่ประจำจุด")
    )
    result = plan_import(actor=world.coordinator, agency=world.agency, fiscal_year=2566, text=corrected)
    assert result.created == 0 and result.updated == 1 and result.withdrawn == 0
    activity.refresh_from_db()
    assert activity.due_date == date(2023, 3, 31) and "การบริการของเจ้าหน้าที่" in activity.name
    assert ProgressReport.objects.filter(activity=activity).count() == 1


def test_an_activity_removed_from_the_file_is_withdrawn_not_deleted(world):
    plan = import_seed(world).plan
    removed_line = next(line for line in seed_text().splitlines() if "เพิ่มช่องทางการให้บริการผู้ด้อยโอกาส" in line)
    result = plan_import(
        actor=world.coordinator,
        agency=world.agency,
        fiscal_year=2566,
        text=seed_text().replace(removed_line + "\n", ""),
    )
    assert result.withdrawn == 1
    assert plan.activities.current().count() == 54 and plan.activities.count() == 55


def test_a_dry_run_saves_nothing(world):
    all_departments(world.agency)
    result = plan_import(
        actor=world.coordinator, agency=world.agency, fiscal_year=2566, text=seed_text(), dry_run=True
    )
    assert result.created == 55 and result.activities == 25
    assert not Plan.objects.exists() and not Activity.objects.exists()


def test_a_second_document_in_the_same_layout_imports_without_code_changes(world):
    header = "ตัวชี้วัด\tประเด็นที่ต้องเตรียมความพร้อม/ยกระดับ\tกิจกรรมที่จะดำเนินการ\tผลผลิต\tวิธีการสร้างการรับรู้\tระยะเวลาแล้วเสร็จ\tผู้รับผิดชอบ\tระยะเวลากำกับติดตาม"
    text = "\n".join(
        [
            "## มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานของสำนักงานเขตหนองจอก",
            "",
            header,
            "๑) การปฏิบัติหน้าที่\tลดขั้นตอนการให้บริการ\tทบทวนคู่มือการให้บริการ\t๒ ครั้ง/ปี\tเว็บไซต์\t๑๕ ม.ค. ๖๗\tฝ่ายปกครอง\tทุก ๓ เดือน",
            "\tเผยแพร่ข้อมูลบริการ\tจัดทำ info graphic\t๑ แผ่น\tfacebook\t๒๘ ก.พ. ๖๗\tทุกฝ่าย\tทุก ๑ เดือน",
        ]
    )
    result = plan_import(actor=world.outsider, agency=world.other, fiscal_year=2567, text=text)
    assert (result.activities, result.oit_items) == (2, 0)
    first, second = result.plan.activities.order_by("order")
    assert first.due_date == date(2024, 1, 15) and first.monitoring_months == 3
    assert list(first.departments.values_list("agency__slug", flat=True)) == ["nongchok"]
    assert second.all_departments


def test_the_import_command_prints_json_with_the_agreed_keys(world, capsys, tmp_path):
    all_departments(world.agency)
    call_command("import-plan", str(SEED), "--agency", "pathumwan", "--year", "2566", "--json", "--dry-run")
    data = json.loads(capsys.readouterr().out)
    assert {k: data[k] for k in ("indicators", "activities", "oit_items", "budget_rows")} == {
        "indicators": 9,
        "activities": 25,
        "oit_items": 30,
        "budget_rows": 5,
    }
    assert all(set(w) == {"line", "text", "reason", "kind"} for w in data["warnings"])
    assert not Plan.objects.exists()


def test_the_import_command_fails_clearly_on_unreadable_input(world, tmp_path):
    binary = tmp_path / "plan.docx"
    binary.write_bytes(b"PK\x03\x04\x00\xff\xfe")
    with pytest.raises(CommandError, match="cannot read"):
        call_command("import-plan", str(binary), "--agency", "pathumwan", "--year", "2566")
    empty = tmp_path / "empty.txt"
    empty.write_text("ไม่มีตารางแผนในไฟล์นี้\n")
    with pytest.raises(CommandError, match="ไม่พบตารางแผน"):
        call_command("import-plan", str(empty), "--agency", "pathumwan", "--year", "2566")
    with pytest.raises(CommandError, match="no agency"):
        call_command("import-plan", str(SEED), "--agency", "nowhere", "--year", "2566")
    with pytest.raises(CommandError, match="Buddhist-era"):
        call_command("import-plan", str(SEED), "--agency", "pathumwan", "--year", "2023")


def test_the_coordinator_uploads_previews_and_confirms_an_import(world, login):
    all_departments(world.agency)
    client = login(world.coordinator)
    upload = SimpleUploadedFile("plan-2566.txt", SEED.read_bytes(), content_type="text/plain")
    preview = client.post("/staff/pathumwan/plans/import/", {"file": upload, "fiscal_year": 2566})
    html = preview.content.decode()
    assert preview.status_code == 200 and "ตัวอย่างก่อนบันทึก" in html and "หนองจอก" in html
    assert not Plan.objects.exists()
    confirmed = client.post("/staff/pathumwan/plans/import/", {"confirm": "1"})
    assert (
        confirmed.status_code == 302 and confirmed["Location"] == "/staff/pathumwan/plans/2566/review/"
    )  # the warnings to review
    assert Plan.objects.get().activities.count() == 55


def test_an_upload_that_is_not_a_plan_is_refused_and_saves_nothing(world, login):
    client = login(world.coordinator)
    upload = SimpleUploadedFile("notes.txt", "บันทึกการประชุม".encode(), content_type="text/plain")
    response = client.post("/staff/pathumwan/plans/import/", {"file": upload, "fiscal_year": 2566})
    assert response.status_code == 422 and "ไม่พบตารางแผน" in response.content.decode()
    binary = SimpleUploadedFile("x.txt", b"\x00\x01\x02", content_type="text/plain")
    response = client.post("/staff/pathumwan/plans/import/", {"file": binary, "fiscal_year": 2566})
    assert response.status_code == 422 and "UTF-8" in response.content.decode()
    assert not Plan.objects.exists()


@pytest.mark.parametrize("persona", ["officer", "director", "auditor"])
def test_only_the_coordinator_imports_plans(world, login, persona):
    upload = SimpleUploadedFile("plan.txt", SEED.read_bytes(), content_type="text/plain")
    response = login(getattr(world, persona)).post(
        "/staff/pathumwan/plans/import/", {"file": upload, "fiscal_year": 2566}
    )
    assert response.status_code == 403 and not Plan.objects.exists()
