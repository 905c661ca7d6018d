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
from docx.oxml.ns import qn
from openpyxl import load_workbook
from pypdf import PdfReader

from prongsai.documents.tables import GroupRow
from prongsai.plans import exports
from prongsai.plans.models import Plan
from prongsai.plans.services import plan_import, report_review, report_submit
from prongsai.plans.tests.helpers import publish_seed

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
    # Imported, and its import review done as the coordinator does it, so that it is published.
    return publish_seed(world).plan


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
    return re.sub(r"[\s\u200b\u2060]+", "", unicodedata.normalize("NFKC", text))


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
    assert "๓๐มี.ค.๖๖" in text and "๒๐เม.ย๖๖" in text  # the due cells as the plan writes them
    assert "O๐๑" in text and "O๓๐" in text
    assert text.index("ภาคผนวก") > text.index("O๓๐")  # the appendix comes last


def test_the_plan_docx_is_landscape_with_the_eight_headings_of_the_paper_plan(world, client, plan):
    response = client.get(public_url("docx"))

    assert_download(response, "application/vnd.openxmlformats", "แผนมาตรการ-pathumwan-2566.docx")
    document = Document(io.BytesIO(response.content))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
    table = document.tables[0]
    assert [squeezed(cell.text) for cell in table.rows[0].cells] == [squeezed(h) for h in HEADINGS]
    assert squeezed(SERVICE_POINT) in docx_text(document)
    assert squeezed("ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่") in [squeezed(row.cells[0].text) for row in table.rows]


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
    assert first[5] == "๓๐ มี.ค.๖๖"  # the cell as written, and beside it the date it means
    assert first[8] == date(2023, 3, 30) or first[8].date() == date(2023, 3, 30)
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
    assert first["due"] == "๓๐ มี.ค.๖๖"  # the cell as the plan writes it
    assert first["monitoring"] == "ทุก ๑ เดือน"
    assert first["departments"] == "ฝ่ายทะเบียน ฝ่ายปกครอง"  # in the plan's order and words
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
    with django_assert_max_num_queries(7):  # + the agency's Word font
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
def test_the_monthly_report_pdf_is_a_memo_to_the_director_with_the_tables_attached(world, login, march):
    response = login(world.director).get(monthly_url("2023-03"))

    assert_download(response, "application/pdf", "รายงานผลมาตรการ-pathumwan-2566-03.pdf")
    pages = PdfReader(io.BytesIO(response.content)).pages
    memo, attachment = pages[0], pages[1]
    assert float(memo.mediabox.width) < float(memo.mediabox.height)  # the memo: portrait A4
    assert float(attachment.mediabox.width) > float(attachment.mediabox.height)  # the tables: landscape
    memo_text = squeezed(memo.extract_text())
    for part in ("บันทึกข้อความ", "ส่วนราชการสำนักงานเขตปทุมวัน", "ที่", "วันที่๑๐เมษายน๒๕๖๖", "เรื่องรายงานผล"):
        assert squeezed(part) in memo_text
    assert squeezed("เรียน ผู้อำนวยการเขตปทุมวัน") in memo_text
    assert squeezed("ข้อมูล ณ วันที่ ๓๑ มีนาคม ๒๕๖๖") in memo_text
    total = march.activities.current().count()
    assert squeezed(f"กิจกรรมทั้งหมด {exports.to_thai_digits(total)} กิจกรรม") in memo_text
    assert squeezed("ดำเนินการแล้วเสร็จ ๑ กิจกรรม") in memo_text
    # One rule: only the accepted March report counts (the waiting and the returned ones do not).
    owed = f"ยังไม่มีรายงานที่รับรองของเดือนนี้ {exports.to_thai_digits(total - 1)} กิจกรรม"
    assert squeezed(owed) in memo_text
    assert squeezed("หลักการนับ") in memo_text
    assert squeezed("ผู้ประสานงานมาตรการส่งเสริมคุณธรรมและความโปร่งใส") in memo_text
    text = pdf_text(response.content)
    assert squeezed("สิ่งที่ส่งมาด้วย") in text and squeezed("ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่") in text
    assert squeezed("อบรมเจ้าหน้าที่ประจำจุดบริการครบทุกคนแล้ว") in text
    assert "ไม่ทราบตัวชี้วัด" not in text


@pytest.mark.time_machine("2023-04-10 10:00 +0700", tick=False)
def test_the_monthly_report_counts_each_report_once_by_one_rule(world, march):
    report = exports.monthly_report(march, date(2023, 3, 1))

    rows = [row for row in report.activity_table.rows if isinstance(row, dict)]
    done, waiting, returned, earlier, untouched = rows[:5]
    assert (done["status"], done["percent"]) == ("ดำเนินการแล้วเสร็จ", 100)
    assert done["narrative"] == "อบรมเจ้าหน้าที่ประจำจุดบริการครบทุกคนแล้ว"
    # A report not accepted is named, but its figures are not counted: the row is what was accepted.
    assert waiting["status"] == "ยังไม่เริ่ม · รายงานเดือนนี้รอตรวจ · เลยกำหนด" and waiting["percent"] == 0
    assert waiting["narrative"] == "ไม่มีรายงาน"
    assert "รายงานเดือนนี้ส่งกลับแก้ไข" in returned["status"] and returned["percent"] == 0
    # No March report: February's accepted one gives status and percent, and the month says so.
    assert earlier["status"].startswith("อยู่ระหว่างดำเนินการ (รายงานเดือน ก.พ. ๖๖)") and earlier["percent"] == 30
    assert earlier["narrative"] == "ไม่มีรายงาน"
    assert (untouched["status"], untouched["percent"], untouched["narrative"]) == (
        "ยังไม่เริ่ม · เลยกำหนด",
        0,
        "ไม่มีรายงาน",
    )  # due 30 March 2566, not done by the 31st
    assert report.total.done == 1 and report.total.percent == round((100 + 30) / len(rows))
    # The memo's figure, the rows and the attachment's total row are the same number.
    assert report.missing_this_month == len(rows) - 1 == sum(r["narrative"] == "ไม่มีรายงาน" for r in rows)
    assert report.rollup_table.total["owed"] == report.missing_this_month
    assert sum(r["owed"] for r in report.rollup_table.rows) == report.missing_this_month
    html = exports.monthly_report_html(report).replace("\u200b", "")
    assert '<tr class="group"><td colspan="7">ตัวชี้วัดที่ ๑ การ' in html
    assert '<tr class="total">' in html


@pytest.mark.time_machine("2023-04-10 10:00 +0700", tick=False)
def test_the_monthly_report_docx_is_the_same_memo_for_the_coordinator_to_edit(world, login, march):
    response = login(world.coordinator).get(monthly_url("2023-03", "docx"))

    assert_download(response, "application/vnd.openxmlformats", "รายงานผลมาตรการ-pathumwan-2566-03.docx")
    document = Document(io.BytesIO(response.content))
    memo, attachment = document.sections
    assert memo.orientation == WD_ORIENT.PORTRAIT and memo.page_width < memo.page_height
    assert attachment.orientation == WD_ORIENT.LANDSCAPE
    rollup, activities = document.tables
    assert (
        squeezed(rollup.rows[0].cells[0].text) == "ตัวชี้วัด" and squeezed(rollup.rows[-1].cells[0].text) == "รวม"
    )
    assert [squeezed(c.text) for c in activities.rows[0].cells][:2] == ["ที่", "กิจกรรม"]
    text = docx_text(document)
    assert text.startswith(squeezed("บันทึกข้อความ ส่วนราชการ สำนักงานเขตปทุมวัน ที่"))
    assert squeezed("ประจำเดือน มีนาคม ๒๕๖๖") in text
    assert squeezed("เรียน ผู้อำนวยการเขตปทุมวัน") in text
    assert squeezed("๓. ดำเนินการแล้วเสร็จ ๑ กิจกรรม") in text
    assert squeezed("หลักการนับ") in text and squeezed("สิ่งที่ส่งมาด้วย") in text
    fonts = document.styles["Normal"].element.find(qn("w:rPr") + "/" + qn("w:rFonts"))
    assert fonts.get(qn("w:cs")) == "TH Sarabun New"


@pytest.mark.time_machine("2023-04-10 10:00 +0700", tick=False)
def test_the_monthly_report_takes_a_constant_number_of_queries(
    world, login, march, django_assert_max_num_queries
):
    client = login(world.director)
    with django_assert_max_num_queries(14):  # + the memo settings, read for the heading and the font
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

    publish_seed(world)
    data = client.get("/pathumwan/plan/2566/plan.json")
    assert data.status_code == 200
    rows = json_module.loads(b"".join(data.streaming_content) if data.streaming else data.content)["rows"]
    assert len(rows) == 55
    raw = client.get("/pathumwan/plan/2566/plan.csv")
    body = b"".join(raw.streaming_content) if raw.streaming else raw.content
    assert body.startswith("\ufeff".encode())
    table = list(csv_module.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert len(table) == 56 and any("ฝ่ายปกครอง" in cell for row in table for cell in row)


def test_the_public_plan_page_links_its_files_in_every_format(world, client, plan):
    html = client.get("/pathumwan/plan/2566/").content.decode()
    for fmt in ("pdf", "docx", "xlsx", "csv", "json"):
        assert f'href="/pathumwan/plan/2566/plan.{fmt}"' in html
        assert client.get(f"/pathumwan/plan/2566/plan.{fmt}").status_code == 200
