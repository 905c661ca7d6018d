"""The plan as the district wrote it, through the services, the command and the back office: safe
re-imports, warnings resolved before publishing, the cells printed as written, next year's plan."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from pypdf import PdfReader

from prongsai.plans import exports
from prongsai.plans.demo import resolve_seed_warnings
from prongsai.plans.models import Activity, ImportWarning, Plan
from prongsai.plans.services import (
    PlanImportRefused,
    plan_import,
    plan_start_from,
    warning_resolve,
)

from .helpers import all_departments, import_seed, publish_seed, seed_text
from .test_exports import pdf_text, squeezed


def cut_seed(line: int = 101) -> str:
    """The seed as a download that stopped in the middle of ``line``."""
    lines = seed_text().split("\n")
    return "\n".join(lines[: line - 1]) + "\n" + lines[line - 1][: len(lines[line - 1]) // 2]


# --- re-import safety ------------------------------------------------------------------------------------


def test_a_truncated_file_is_refused_with_the_activities_it_would_withdraw_and_nothing_changes(world):
    import_seed(world)
    with pytest.raises(PlanImportRefused) as refused:
        plan_import(actor=world.coordinator, agency=world.agency, fiscal_year=2566, text=cut_seed())
    result = refused.value.result
    assert "จบกลางตาราง" in result.refusal and "เกินหนึ่งในสี่" in result.refusal
    assert len(result.withdrawals) > 14 and any("O๓๐" in t or "O30" in t for t in result.withdrawals)
    assert "O30" in str(refused.value) or "o30".upper() in str(refused.value).upper()
    assert Activity.objects.current().count() == 55  # nothing was withdrawn


def test_confirming_the_withdrawals_imports_the_file_and_records_the_confirmation(world):
    import_seed(world)
    result = plan_import(
        actor=world.coordinator,
        agency=world.agency,
        fiscal_year=2566,
        text=cut_seed(),
        confirm_withdrawals=True,
    )
    assert result.withdrawn == len(result.withdrawals) > 14 and result.confirmed
    truncated = result.plan.import_warnings.get(kind=ImportWarning.Kind.TRUNCATED)
    assert truncated.state == ImportWarning.State.ACCEPTED and truncated.resolved_by == world.coordinator


def test_a_corrected_file_withdrawing_a_few_activities_needs_no_confirmation(world):
    import_seed(world)
    lines = seed_text().split("\n")
    del lines[101]  # one activity fewer
    result = plan_import(
        actor=world.coordinator, agency=world.agency, fiscal_year=2566, text="\n".join(lines)
    )
    assert result.withdrawn == 1 and not result.refusal


def test_the_command_refuses_a_cut_file_and_confirm_withdrawals_lets_it_through(world, tmp_path):
    import_seed(world)
    cut = tmp_path / "cut.txt"
    cut.write_text(cut_seed(), encoding="utf-8")
    args = [str(cut), "--agency", "pathumwan", "--year", "2566"]
    with pytest.raises(CommandError, match="refused, nothing saved") as error:
        call_command("import-plan", *args)
    assert "--confirm-withdrawals" in str(error.value) and "จบกลางตาราง" in str(error.value)
    assert Activity.objects.current().count() == 55
    call_command("import-plan", *args, "--confirm-withdrawals")
    assert Activity.objects.current().count() < 55


def test_import_plan_kind_imports_into_the_plan_of_that_kind(world, tmp_path):
    import_seed(world)
    other = tmp_path / "anti.txt"
    other.write_text(seed_text(), encoding="utf-8")
    call_command(
        "import-plan", str(other), "--agency", "pathumwan", "--year", "2566", "--kind", "anti_corruption"
    )
    assert set(Plan.objects.values_list("kind", flat=True)) == {"integrity", "anti_corruption"}
    integrity = Plan.objects.get(kind="integrity")
    assert integrity.activities.current().count() == 55  # nothing withdrawn from the integrity plan
    assert Plan.objects.get(kind="anti_corruption").activities.count() == 55


def test_the_command_reads_a_windows_874_file(world, tmp_path):
    all_departments(world.agency)
    ansi = tmp_path / "plan-874.txt"
    ansi.write_bytes(seed_text().encode("cp874"))
    call_command("import-plan", str(ansi), "--agency", "pathumwan", "--year", "2566")
    assert Activity.objects.filter(plan__kind="integrity").count() == 55


def test_a_windows_874_upload_previews_like_the_utf8_one(world, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    all_departments(world.agency)
    upload = SimpleUploadedFile("plan.txt", seed_text().encode("cp874"), content_type="text/plain")
    response = login(world.coordinator).post(
        reverse("plans:import", kwargs={"agency": "pathumwan"}), {"file": upload, "fiscal_year": 2566}
    )
    assert response.status_code == 200 and response.context["preview"].activities == 25


def test_the_back_office_preview_names_the_withdrawals_and_asks_for_the_confirmation(world, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    import_seed(world)
    client = login(world.coordinator)
    url = reverse("plans:import", kwargs={"agency": "pathumwan"})
    upload = SimpleUploadedFile("cut.txt", cut_seed().encode(), content_type="text/plain")
    preview = client.post(url, {"file": upload, "fiscal_year": 2566})
    assert preview.status_code == 200
    assert (
        "จบกลางตาราง" in preview.content.decode() and 'name="confirm_withdrawals"' in preview.content.decode()
    )
    refused = client.post(url, {"confirm": "1"})
    assert refused.status_code == 422 and Activity.objects.current().count() == 55
    confirmed = client.post(url, {"confirm": "1", "confirm_withdrawals": "1"})
    assert confirmed.status_code == 302 and Activity.objects.current().count() < 55


# --- the document as written ---------------------------------------------------------------------------


def test_the_official_plan_prints_the_cells_as_written(world, client):
    plan = publish_seed(world).plan
    vulnerable = plan.activities.get(focus__startswith="เพิ่มช่องทางการให้บริการผู้ด้อยโอกาส")
    assert vulnerable.channels == ["facebook", "line group"]  # what the system reads
    rows = [r for r in exports.plan_table(plan).rows if isinstance(r, dict)]
    row = next(r for r in rows if r["focus"].startswith("เพิ่มช่องทางการให้บริการผู้ด้อยโอกาส"))
    assert "ผ่าน facebook ผ่าน line group" in row["channels"] and "สื่อสารสร้างการรับรู้" in row["channels"]
    first = rows[0]
    assert first["departments"] == "ฝ่ายทะเบียน ฝ่ายปกครอง"
    schools = next(r for r in rows if "โรงเรียน" in r["departments"])
    assert "โรงเรียน ในสังกัดเขต" in schools["departments"]
    assert any("และนำขึ้น website ของสำนักงานเขต" in r["due"] for r in rows)
    text = pdf_text(client.get("/pathumwan/plan/2566/plan.pdf").content)
    assert squeezed("ผ่าน facebook ผ่าน line group") in text


def test_the_back_office_shows_what_the_system_read_beside_the_text(world, login):
    plan = import_seed(world).plan
    vulnerable = plan.activities.get(focus__startswith="เพิ่มช่องทางการให้บริการผู้ด้อยโอกาส")
    url = reverse(
        "plans:activity", kwargs={"agency": "pathumwan", "year": 2566, "activity_id": vulnerable.pk}
    )
    page = login(world.coordinator).get(url).content.decode()
    assert "ผ่าน facebook ผ่าน line group" in page and "ที่ระบบอ่านได้" in page and "facebook, line group" in page


# --- import review and publication -------------------------------------------------------------------


def test_the_seeds_warnings_are_kept_for_review_and_the_plan_is_not_published_until_resolved(world, client):
    plan = import_seed(world).plan
    open_ = plan.import_warnings.filter(state=ImportWarning.State.OPEN)
    kinds = set(open_.values_list("kind", flat=True))
    assert {"orphan", "department", "agency", "budget", "date"} <= kinds
    orphan = open_.get(kind="orphan")
    assert orphan.line == 38 and orphan.activity.source_line == 38
    assert client.get("/pathumwan/plan/2566/").status_code == 404
    assert client.get("/pathumwan/plan/2566/plan.pdf").status_code == 404
    from prongsai.plans.public import ITEMS

    class Item:
        class catalogue:
            year = 2566

    assert ITEMS["integrity"](world.agency, Item) == []  # no OIT entries generated either

    resolve_seed_warnings(plan, actor=world.coordinator)
    assert not plan.import_warnings.filter(state=ImportWarning.State.OPEN).exists()
    assert ITEMS["integrity"](world.agency, Item)
    page = client.get("/pathumwan/plan/2566/")
    assert page.status_code == 200 and "ไม่ทราบตัวชี้วัด" not in page.content.decode()
    text = pdf_text(client.get("/pathumwan/plan/2566/plan.pdf").content)
    assert "ไม่ทราบตัวชี้วัด" not in text and squeezed("ตัวชี้วัดที่ ๓ การใช้อำนาจ") in text
    assert "หนองจอก" not in text  # the other district's name, corrected


def test_each_resolution_does_what_the_coordinator_chose(world):
    plan = import_seed(world).plan
    warnings = plan.import_warnings
    orphan = warnings.get(kind="orphan")
    warning_resolve(
        actor=world.coordinator,
        warning=orphan,
        action="assign_indicator",
        indicator_number="3",
        indicator_title="การใช้อำนาจ",
    )
    orphan.refresh_from_db()
    assert orphan.state == "resolved" and orphan.activity.indicator.number == "3"
    assert orphan.resolved_by == world.coordinator and orphan.resolved_at and orphan.events.count() == 1
    nobody = warnings.get(kind="department", reason="ไม่ระบุผู้รับผิดชอบ")
    warning_resolve(
        actor=world.coordinator, warning=nobody, action="set_departments", departments=[world.administration]
    )
    assert list(nobody.activity.departments.all()) == [world.administration]
    foreign = warnings.get(kind="agency")
    warning_resolve(actor=world.coordinator, warning=foreign, action="correct_agency")
    foreign.activity.refresh_from_db()
    assert "สำนักงานเขตปทุมวัน" in foreign.activity.cells["name"] + foreign.activity.cells["focus"]
    budget = warnings.filter(kind="budget").first()
    with pytest.raises(Exception, match="เหตุผล"):
        warning_resolve(actor=world.coordinator, warning=budget, action="accept")
    warning_resolve(actor=world.coordinator, warning=budget, action="accept", note="ตามรายงานฝ่ายการคลัง")
    budget.refresh_from_db()
    assert budget.state == "accepted" and budget.resolution == "ตามรายงานฝ่ายการคลัง"
    with pytest.raises(Exception, match="แก้ไขแล้ว"):
        warning_resolve(actor=world.coordinator, warning=budget, action="accept", note="อีกครั้ง")


def test_an_orphan_row_cannot_be_accepted_without_an_indicator(world):
    plan = import_seed(world).plan
    orphan = plan.import_warnings.get(kind="orphan")
    with pytest.raises(Exception, match="วิธีนี้ไม่ได้"):
        warning_resolve(actor=world.coordinator, warning=orphan, action="accept", note="ไม่ทราบ")
    orphan.refresh_from_db()
    assert orphan.state == "open"


def test_re_importing_the_same_file_keeps_the_resolutions_and_applies_them_again(world):
    plan = publish_seed(world).plan
    again = import_seed(world)
    assert not plan.import_warnings.filter(state=ImportWarning.State.OPEN).exists()
    orphan = plan.activities.get(source_line=38)
    assert orphan.indicator.number == "3" and orphan.departments.filter(name="ฝ่ายปกครอง").exists()
    assert again.withdrawn == 0


def test_the_coordinator_resolves_a_warning_in_the_back_office(world, login):
    plan = import_seed(world).plan
    client = login(world.coordinator)
    url = reverse("plans:review_import", kwargs={"agency": "pathumwan", "year": 2566})
    page = client.get(url)
    assert page.status_code == 200 and "ยังไม่เผยแพร่" in page.content.decode()
    budget = plan.import_warnings.filter(kind="budget").first()
    bad = client.post(url, {"warning": budget.pk, "action": "accept", "note": ""})
    assert bad.status_code == 422 and "โปรดระบุเหตุผล" in bad.content.decode()
    good = client.post(url, {"warning": budget.pk, "action": "accept", "note": "ตรวจแล้ว"})
    assert good.status_code == 302
    budget.refresh_from_db()
    assert budget.state == "accepted"
    orphan = plan.import_warnings.get(kind="orphan")
    client.post(
        url,
        {
            "warning": orphan.pk,
            "action": "assign_indicator",
            "indicator_number": "3",
            "indicator_title": "การใช้อำนาจ",
        },
    )
    orphan.refresh_from_db()
    assert orphan.state == "resolved"


# --- next year's plan ----------------------------------------------------------------------------------


def test_next_years_plan_starts_from_this_years_with_due_dates_a_year_later(world, login):
    source = publish_seed(world).plan
    client = login(world.coordinator)
    response = client.post(
        reverse("plans:start_from", kwargs={"agency": "pathumwan", "year": 2566}), {"fiscal_year": 2567}
    )
    assert response.status_code == 302
    plan = Plan.objects.get(fiscal_year=2567)
    assert plan.started_from == source and not plan.is_published
    assert plan.activities.count() == source.activities.current().count()
    assert plan.indicators.count() == source.indicators.count()
    first = plan.activities.order_by("order").first()
    assert first.due_date == date(2024, 3, 30) and first.cells["due"] == "๓๐ มี.ค. ๒๕๖๗"
    assert set(first.departments.values_list("name", flat=True)) == {"ฝ่ายทะเบียน", "ฝ่ายปกครอง"}
    march_end = source.activities.filter(due_date=date(2023, 3, 31)).first()
    if march_end:
        assert plan.activities.get(key=march_end.key).due_date == date(2024, 3, 31)
    with pytest.raises(Exception, match="แล้ว"):
        plan_start_from(actor=world.coordinator, source=source, fiscal_year=2567)


# --- access and query counts of the new pages ----------------------------------------------------------


NEW_PAGES = [
    ("plans:review_import", {"year": 2566}),
    ("plans:start_from", {"year": 2566}),
    ("plans:memo_settings", {}),
]


@pytest.mark.parametrize(("name", "kwargs"), NEW_PAGES)
def test_the_new_pages_are_for_the_coordinator_of_the_agency(world, login, client, name, kwargs):
    import_seed(world)
    url = reverse(name, kwargs={"agency": "pathumwan", **kwargs})
    assert login(world.coordinator).get(url).status_code == 200
    for user in (world.officer, world.director, world.auditor):
        assert login(user).get(url).status_code == 403
    assert login(world.outsider).get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the sign-in page


def test_the_review_page_takes_the_same_number_of_queries_for_more_warnings(
    world, login, django_assert_max_num_queries
):
    plan = import_seed(world).plan
    client = login(world.coordinator)
    url = reverse("plans:review_import", kwargs={"agency": "pathumwan", "year": 2566})
    client.get(url)
    with django_assert_max_num_queries(20) as small:
        client.get(url)
    for i in range(30):
        ImportWarning.objects.create(
            plan=plan, signature=f"x{i}", line=i, reason=f"ข้อสังเกต {i}", activity=plan.activities.first()
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


def test_memo_settings_name_the_signer_and_the_font_of_the_word_files(world, login):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from docx import Document

    plan = publish_seed(world).plan
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), "black").save(buffer, "PNG")
    png = buffer.getvalue()
    response = login(world.coordinator).post(
        reverse("plans:memo_settings", kwargs={"agency": "pathumwan"}),
        {
            "office": "ฝ่ายปกครอง สำนักงานเขตปทุมวัน โทร ๐ ๒๒๑๔ ๑๒๓๔",
            "number_prefix": "กท ๑๔๐๑/",
            "signer_name": "นางสาวสมใจ ใจดี",
            "signer_position": "หัวหน้าฝ่ายปกครอง",
            "font": "TH SarabunIT๙",
            "emblem": SimpleUploadedFile("garuda.png", png, content_type="image/png"),
        },
    )
    assert response.status_code == 302
    report = exports.monthly_report(plan, date(2023, 3, 1))
    assert report.signer_name == "นางสาวสมใจ ใจดี" and report.emblem and report.number == "ที่ กท ๑๔๐๑/"
    document = Document(io.BytesIO(exports.monthly_report_docx(report)))
    text = squeezed("\n".join(p.text for p in document.paragraphs))
    assert squeezed("(นางสาวสมใจ ใจดี)") in text and squeezed("ที่ กท ๑๔๐๑/") in text
    assert document.inline_shapes and len(document.inline_shapes) == 1  # the emblem
    assert "TH SarabunIT๙" in document.styles["Normal"].element.xml
    pdf = exports.monthly_report_pdf(report)
    assert squeezed("นางสาวสมใจ ใจดี") in squeezed(PdfReader(io.BytesIO(pdf)).pages[0].extract_text())


@pytest.mark.time_machine("2025-11-15 10:00 +0700", tick=False)
def test_the_demo_resolves_the_seeds_warnings_and_starts_this_years_plan_once(world, client):
    import io as io_module

    from prongsai.plans.demo import load_demo

    all_departments(world.agency)
    load_demo(world.agency, stdout=io_module.StringIO())
    plan = Plan.objects.get(fiscal_year=2566)
    assert plan in Plan.objects.published() and plan.import_warnings.exists()
    page = client.get("/pathumwan/plan/2566/").content.decode()
    assert "ไม่ทราบตัวชี้วัด" not in page and "หนองจอก" not in page
    this_year = Plan.objects.get(fiscal_year=2569)
    assert (
        this_year.started_from == plan and this_year.activities.count() == plan.activities.current().count()
    )
    counts = (Plan.objects.count(), Activity.objects.count(), ImportWarning.objects.count())
    load_demo(world.agency, stdout=io_module.StringIO())
    assert (Plan.objects.count(), Activity.objects.count(), ImportWarning.objects.count()) == counts
