"""The plan table (PDF, DOCX, XLSX) and the monthly report to the director (PDF, DOCX), through HTTP."""

import io
import re
import unicodedata
from datetime import date
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.urls import reverse
from docx import Document
from docx.enum.section import WD_ORIENT
from openpyxl import load_workbook
from pypdf import PdfReader

from prongsai.documents.tables import GroupRow
from prongsai.plans import exports
from prongsai.plans.models import Plan
from prongsai.plans.services import plan_import, report_review, report_submit

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "pathumwan-2566.txt"
HEADINGS = [
    "ตัวชี้วัด",
    "ประเด็นที่ต้องเตรียมความพร้อม/ยกระดับ",
    "กิจกรรมที่จะดำเนินการ",
    "ผลผลิต",
    "วิธีการสร้างการรับรู้",
    "ระยะเวลาแล้วเสร็จ",
    "ผู้รับผิดชอบ",
    "ระยะเวลากำกับติดตาม",
]
# An activity of indicator 1 in the seed, and one that appears only in the seed's appendix.
SERVICE_POINT = "พัฒนาจุดบริการศูนย์ราชการฉับไว ใสสะอาด"
APPENDIX_ACTIVITY = "จัดประชุม ชี้แจง สร้างการรับรู้การประเมิน ITA"


@pytest.fixture
def plan(world) -> Plan:
    # The world agency has three departments: the importer warns about the others, and that is expected.
    result = plan_import(
        actor=world.coordinator, agency=world.agency, fiscal_year=2566, text=SEED.read_text()
    )
    return result.plan


def public_url(fmt, year=2566, agency="pathumwan"):
    return reverse("plans_public:export", kwargs={"agency": agency, "year": year, "fmt": fmt})


def staff_url(fmt, year=2566):
    return reverse("plans:export", kwargs={"agency": "pathumwan", "year": year, "fmt": fmt})


def monthly_url(month, fmt="pdf"):
    return reverse(
        "plans:monthly_export", kwargs={"agency": "pathumwan", "year": 2566, "month": month, "fmt": fmt}
    )


def squeezed(text: str) -> str:
    """Text as it can be compared whatever the layout: NFKC (the PDF's ำ is ํ + า), no spaces of any kind."""
    return re.sub(r"[\s\u200b]+", "", unicodedata.normalize("NFKC", text))


def pdf_text(content: bytes) -> str:
    return squeezed("".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages))


def docx_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return squeezed("\n".join(parts))


def assert_download(response, content_type: str, filename: str) -> None:
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment")
    assert "filename*=utf-8''" in disposition.lower()
    assert unquote(disposition.split("''", 1)[1]) == filename


def submit(user, activity, month: date, status="in_progress", percent=50, narrative="", accept=None):
    report = report_submit(
        actor=user, activity=activity, period=month, status=status, percent=percent, narrative=narrative
    )
    if accept is not None:
        report_review(actor=user, report=report, accept=accept, comment="" if accept else "โปรดแนบหลักฐาน")
    return report


# --- the plan table ------------------------------------------------------------------------------------


def test_the_public_plan_pdf_is_landscape_a4_in_sarabun_with_the_plan_in_thai(world, client, plan):
    response = client.get(public_url("pdf"))

    assert_download(response, "application/pdf", "แผนมาตรการ-pathumwan-2566.pdf")
    reader = PdfReader(io.BytesIO(response.content))
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (842, 595)  # A4 on its side, in points
    fonts = {
        font.get_object()["/BaseFont"]: font.get_object()["/DescendantFonts"][0].get_object()[
            "/FontDescriptor"
        ]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("Sarabun" in name for name in fonts)
    assert all("/FontFile2" in descriptor for descriptor in fonts.values())  # embedded, not just named
    text = pdf_text(response.content)
    assert squeezed(plan.title) in text
    assert squeezed("ปีงบประมาณ พ.ศ. ๒๕๖๖") in text
    assert squeezed(SERVICE_POINT) in text
    assert squeezed("ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่") in text
    assert squeezed("ตัวชี้วัดย่อยที่ ๙.๑ ข้อมูลพื้นฐาน") in text
    assert "๓๐มี.ค.๖๖" in text and "๒๐เม.ย.๖๖" in text  # due dates in BE with Thai digits
    assert "O๐๑" in text and "O๓๐" in text
    assert text.index("ภาคผนวก") > text.index("O๓๐")  # the appendix comes last


def test_the_plan_docx_is_landscape_with_the_eight_headings_of_the_paper_plan(world, client, plan):
    response = client.get(public_url("docx"))

    assert_download(response, "application/vnd.openxmlformats", "แผนมาตรการ-pathumwan-2566.docx")
    document = Document(io.BytesIO(response.content))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
    table = document.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == HEADINGS
    assert squeezed(SERVICE_POINT) in docx_text(document)
    assert "ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่" in [row.cells[0].text for row in table.rows]


def test_the_plan_xlsx_has_one_row_per_current_activity(world, client, plan):
    before = client.get(public_url("xlsx"))
    # A corrected file without one activity withdraws it; the export shows only what is current (and is not
    # served from the cache of the plan as it was).
    text = "\n".join(line for line in SEED.read_text().splitlines() if "No Gift Policy	จัดทำสื่อ" not in line)
    result = plan_import(actor=world.coordinator, agency=world.agency, fiscal_year=2566, text=text)
    assert result.withdrawn == 1

    response = client.get(public_url("xlsx"))
    assert response.content != before.content

    assert_download(response, "application/vnd.openxmlformats", "แผนมาตรการ-pathumwan-2566.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = next(i for i, row in enumerate(rows) if row[:8] == HEADINGS)
    activities = [row for row in rows[header + 1 :] if any(row)]
    assert len(activities) == plan.activities.current().count() == plan.activities.count() - 1
    assert "เผยแพร่มาตรการป้องกันการรับสินบนและ No Gift Policy" not in [row[1] for row in activities]
    first = next(row for row in activities if row[1] == SERVICE_POINT)
    assert first[0] == "๑) การปฏิบัติหน้าที่"  # every row names its indicator: the sheet can be filtered
    assert first[5] == date(2023, 3, 30) or first[5].date() == date(2023, 3, 30)  # a real date
    assert activities[-1][0] == "ภาคผนวก"


def test_the_plan_table_groups_activities_by_indicator_and_puts_the_appendix_last(world, plan):
    table = exports.plan_table(plan)

    groups = [row.label for row in table.rows if isinstance(row, GroupRow)]
    assert groups[:2] == ["ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่", "ตัวชี้วัดที่ ๒ การใช้งบประมาณ"]
    assert groups.index("ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล") + 1 == groups.index("ตัวชี้วัดย่อยที่ ๙.๑ ข้อมูลพื้นฐาน")
    assert groups[-1] == "ภาคผนวก"
    rows = [row for row in table.rows if isinstance(row, dict)]
    assert len(rows) == plan.activities.current().count()
    first = rows[0]
    assert first["indicator"] == "๑) การปฏิบัติหน้าที่" and rows[1]["indicator"] == ""
    assert first["focus"] == SERVICE_POINT
    assert first["due"] == date(2023, 3, 30)  # shown "๓๐ มี.ค. ๖๖" by the date column
    assert first["monitoring"] == "ทุก ๑ เดือน"
    assert set(first["departments"].split("\n")) == {"ฝ่ายปกครอง", "ฝ่ายทะเบียน"}
    assert any(row["departments"] == "ทุกฝ่าย" for row in rows)
    oit = [row["indicator"] for row in rows if row["indicator"].startswith("O")]
    assert oit[:3] == ["O๐๑", "O๐๒", "O๐๓"] and oit[-1] == "O๓๐"
    assert APPENDIX_ACTIVITY in rows[-1]["name"]


def test_an_unpublished_plan_is_404_in_public_but_its_coordinator_can_export_it(world, client, login, plan):
    Plan.objects.filter(pk=plan.pk).update(is_published=False)

    assert client.get(public_url("pdf")).status_code == 404
    response = login(world.coordinator).get(staff_url("docx"))
    assert_download(response, "application/vnd.openxmlformats", "แผนมาตรการ-pathumwan-2566.docx")


@pytest.mark.parametrize("fmt", ["html", "PDF", "svg", "exe"])
def test_an_unknown_format_is_404(world, client, login, plan, fmt):
    assert client.get(public_url(fmt)).status_code == 404
    assert login(world.coordinator).get(staff_url(fmt)).status_code == 404
    assert client.get(monthly_url("2023-03", fmt)).status_code == 404


def test_the_public_export_of_a_year_or_agency_without_a_plan_is_404(world, client, plan):
    assert client.get(public_url("pdf", year=2567)).status_code == 404
    assert client.get(public_url("pdf", agency="nongchok")).status_code == 404
    assert client.get(public_url("pdf", agency="nowhere")).status_code == 404


@pytest.mark.parametrize("url", [staff_url("pdf"), monthly_url("2023-03")], ids=["plan", "monthly"])
def test_staff_exports_are_for_the_agency_s_staff_only(world, client, login, plan, url):
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("staff:login"))
    assert login(world.outsider).get(url).status_code == 404  # another agency's plan is not revealed
    assert login(world.nobody).get(url).status_code == 404
    assert login(world.complaint_handler).get(url).status_code == 403  # a member without plan.view


def test_the_public_export_takes_a_constant_number_of_queries(
    world, client, plan, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        assert client.get(public_url("xlsx")).status_code == 200


# --- the monthly report --------------------------------------------------------------------------------


@pytest.fixture
def march(world, plan):
    """Reports of a March: one done and accepted, one awaiting review, one returned, one accepted in February."""
    first, second, third, fourth = plan.activities.current().order_by("order")[:4]
    boss = world.coordinator
    submit(boss, first, date(2023, 3, 1), "done", 100, "อบรมเจ้าหน้าที่ประจำจุดบริการครบทุกคนแล้ว", accept=True)
    submit(boss, second, date(2023, 3, 1), "in_progress", 40, "ออกแบบ info graphic แล้ว รอพิมพ์")
    submit(boss, third, date(2023, 3, 1), "in_progress", 20, "ติดป้ายแล้วบางจุด", accept=False)
    submit(boss, fourth, date(2023, 2, 1), "in_progress", 30, "ประชุมชี้แจงแล้ว", accept=True)
    return plan


@pytest.mark.time_machine("2023-04-10 10:00 +0700", tick=False)
def test_the_monthly_report_pdf_has_the_month_the_counts_and_the_signatures(world, login, march):
    response = login(world.director).get(monthly_url("2023-03"))

    assert_download(response, "application/pdf", "รายงานผลมาตรการ-pathumwan-2566-03.pdf")
    page = PdfReader(io.BytesIO(response.content)).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)
    text = pdf_text(response.content)
    title = "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำเดือน มีนาคม ๒๕๖๖"
    assert squeezed(title) in text
    assert squeezed("ข้อมูล ณ วันที่ ๓๑ มีนาคม ๒๕๖๖") in text
    total = march.activities.current().count()
    assert squeezed(f"กิจกรรมทั้งหมด {exports.to_thai_digits(total)} กิจกรรม") in text
    assert squeezed("ดำเนินการแล้วเสร็จ ๑ กิจกรรม") in text
    # Three activities have a report for March (accepted, awaiting review, returned); the rest have none.
    assert squeezed(f"ไม่มีรายงานประจำเดือนนี้ {exports.to_thai_digits(total - 3)} กิจกรรม") in text
    assert squeezed("ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่") in text and squeezed("๑) การปฏิบัติหน้าที่") in text
    assert squeezed("อบรมเจ้าหน้าที่ประจำจุดบริการครบทุกคนแล้ว") in text
    assert squeezed("ไม่มีรายงาน") in text
    assert squeezed("ลงชื่อ ........................................ ผู้ประสานงาน") in text
    assert squeezed("ลงชื่อ ........................................ ผู้อำนวยการเขตปทุมวัน") in text


@pytest.mark.time_machine("2023-04-10 10:00 +0700", tick=False)
def test_the_monthly_report_shows_each_activity_as_it_stood_that_month(world, march):
    report = exports.monthly_report(march, date(2023, 3, 1))

    rows = [row for row in report.activity_table.rows if isinstance(row, dict)]
    done, waiting, returned, earlier, untouched = rows[:5]
    assert (done["status"], done["percent"]) == ("ดำเนินการแล้วเสร็จ", 100)
    assert done["narrative"] == "อบรมเจ้าหน้าที่ประจำจุดบริการครบทุกคนแล้ว"
    # A report not yet accepted is shown with its review state; the overall figures count accepted ones only.
    assert waiting["status"].startswith("อยู่ระหว่างดำเนินการ (รอตรวจ)") and waiting["percent"] == 40
    assert returned["status"].startswith("อยู่ระหว่างดำเนินการ (ส่งกลับแก้ไข)")
    # No March report: February's accepted one gives status and percent, and the month says so.
    assert earlier["status"].startswith("อยู่ระหว่างดำเนินการ (รายงานเดือน ก.พ. ๖๖)") and earlier["percent"] == 30
    assert earlier["narrative"] == "ไม่มีรายงาน"
    assert (untouched["status"], untouched["percent"], untouched["narrative"]) == (
        "ยังไม่เริ่ม · เลยกำหนด",
        0,
        "ไม่มีรายงาน",
    )  # due 30 March 2566, not done by the 31st
    assert report.overall.done == 1 and report.overall.percent == round((100 + 30) / len(rows))
    assert report.missing_this_month == len(rows) - 3
    assert report.rollup_table.total["label"] == "รวม"
    # Heading rows span the whole activity table (seven columns), and the rollup has its total row.
    html = exports.monthly_report_html(report)
    assert '<tr class="group"><td colspan="7">ตัวชี้วัดที่ ๑ การ' in html.replace("\u200b", "")
    assert '<tr class="total">' in html


@pytest.mark.time_machine("2023-04-10 10:00 +0700", tick=False)
def test_the_monthly_report_docx_has_the_summary_both_tables_and_the_signatures(world, login, march):
    response = login(world.coordinator).get(monthly_url("2023-03", "docx"))

    assert_download(response, "application/vnd.openxmlformats", "รายงานผลมาตรการ-pathumwan-2566-03.docx")
    document = Document(io.BytesIO(response.content))
    assert document.sections[0].orientation == WD_ORIENT.LANDSCAPE
    rollup, activities, signatures = document.tables
    assert rollup.rows[0].cells[0].text == "ตัวชี้วัด" and rollup.rows[-1].cells[0].text == "รวม"
    assert [c.text for c in activities.rows[0].cells][:2] == ["ที่", "กิจกรรม"]
    text = docx_text(document)
    assert squeezed("ประจำเดือน มีนาคม ๒๕๖๖") in text
    assert squeezed("เรียน ผู้อำนวยการเขตปทุมวัน") in text
    assert squeezed("ดำเนินการแล้วเสร็จ\t๑ กิจกรรม") in text
    assert "ผู้ประสานงาน" in signatures.rows[0].cells[0].text
    assert "ผู้อำนวยการเขต" in signatures.rows[0].cells[1].text
    # The parts come in reading order: summary, rollup, activities, signatures.
    body = [child.tag.rsplit("}", 1)[1] for child in document.element.body]
    assert body.index("tbl") > 3


@pytest.mark.time_machine("2023-04-10 10:00 +0700", tick=False)
def test_the_monthly_report_takes_a_constant_number_of_queries(
    world, login, march, django_assert_max_num_queries
):
    client = login(world.director)
    with django_assert_max_num_queries(12):
        assert client.get(monthly_url("2023-03", "docx")).status_code == 200


@pytest.mark.time_machine("2023-04-10 10:00 +0700", tick=False)
@pytest.mark.parametrize("month", ["2022-09", "2023-05", "2023-10", "2023-13", "2023-00", "2023-3", "march"])
def test_a_month_outside_the_plan_or_unreadable_is_404(world, login, plan, month):
    assert login(world.coordinator).get(monthly_url(month)).status_code == 404


@pytest.mark.time_machine("2023-04-10 10:00 +0700", tick=False)
def test_the_first_month_of_the_fiscal_year_can_be_reported(world, login, plan):
    response = login(world.auditor).get(monthly_url("2022-10", "docx"))

    assert_download(response, "application/vnd.openxmlformats", "รายงานผลมาตรการ-pathumwan-2565-10.docx")
    assert squeezed("ประจำเดือน ตุลาคม ๒๕๖๕") in docx_text(Document(io.BytesIO(response.content)))


def test_the_public_plan_table_is_also_open_data_as_csv_and_json(world, client):
    import csv as csv_module
    import io
    import json as json_module

    from prongsai.plans.tests.helpers import import_seed

    import_seed(world)
    data = client.get("/pathumwan/plan/2566/plan.json")
    assert data.status_code == 200
    rows = json_module.loads(b"".join(data.streaming_content) if data.streaming else data.content)["rows"]
    assert len(rows) == 55
    raw = client.get("/pathumwan/plan/2566/plan.csv")
    body = b"".join(raw.streaming_content) if raw.streaming else raw.content
    assert body.startswith("\ufeff".encode())
    table = list(csv_module.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert len(table) == 56 and any("ฝ่ายปกครอง" in cell for row in table for cell in row)
