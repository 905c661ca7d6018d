import csv
import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from prongsai.disclosure import readiness, selectors, services
from prongsai.disclosure.models import Catalogue, CatalogueItem
from prongsai.plans.models import Plan

BANGKOK = ZoneInfo("Asia/Bangkok")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
BOARD = "/staff/pathumwan/oit/2566/readiness/"

# Before the 20 April 2566 deadline of the Bangkok district list.
pytestmark = pytest.mark.time_machine(datetime(2023, 4, 10, 10, 0, tzinfo=BANGKOK), tick=False)


def xlsx_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["เดือน", "จำนวน"])
    workbook.active.append(["ต.ค. 2565", 12])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def district(world):
    services.catalogues_load_shipped()
    catalogue = Catalogue.objects.get(scheme="bangkok-district", year=2566)
    services.catalogue_adopt(actor=world.coordinator, agency=world.agency, catalogue=catalogue)
    return catalogue


def publish(
    world,
    catalogue,
    code,
    *,
    kind="file",
    fmt="pdf",
    title="เอกสาร",
    start=None,
    end=None,
    publish_at=None,
    approve=True,
):
    upload = None
    if kind == "file":
        upload = (
            SimpleUploadedFile("x.xlsx", xlsx_bytes()) if fmt == "xlsx" else SimpleUploadedFile("x.pdf", PDF)
        )
    publication = services.publication_create(
        actor=world.coordinator,
        agency=world.agency,
        item=catalogue.items.get(code=code),
        kind=kind,
        title=title,
        period_start=start,
        period_end=end,
        publish_at=publish_at,
        upload=upload,
        url="https://bangkok.example.org/eservice" if kind == "link" else "",
        body="ข้อมูลการติดต่อ" if kind == "page" else "",
    )
    if approve:
        services.publication_review(actor=world.director, publication=publication, approve=True)
    return publication


def readiness_of(world, catalogue, code) -> readiness.ItemReadiness:
    view = selectors.item_views(
        world.agency, catalogue, items=catalogue.items.filter(code=code), public_only=False
    )[0]
    return readiness.item_readiness(world.agency, view, now=timezone.now())


def failed(result) -> dict[str, str]:
    return {c.code: c.message for c in result.checks if not c.passed}


# --- the rules ------------------------------------------------------------------------------------------


def test_an_item_with_nothing_published_is_not_ready_and_an_entry_awaiting_approval_does_not_count(
    world, district
):
    result = readiness_of(world, district, "o04")
    assert not result.ready and failed(result)["published"] == "ยังไม่มีข้อมูลเผยแพร่"

    publication = publish(world, district, "o04", approve=False)
    assert failed(readiness_of(world, district, "o04"))["published"] == "ยังไม่มีข้อมูลเผยแพร่ (รออนุมัติ 1 รายการ)"

    services.publication_review(actor=world.director, publication=publication, approve=True)
    result = readiness_of(world, district, "o04")
    assert result.ready and failed(result) == {}


def test_o12_with_its_pdf_but_no_excel_or_word_file_misses_a_format_until_the_excel_file_comes(
    world, district
):
    six_months = {"start": date(2022, 10, 1), "end": date(2023, 3, 31)}
    publish(world, district, "o12", title="สถิติการให้บริการ ต.ค. 65 - มี.ค. 66", **six_months)
    assert failed(readiness_of(world, district, "o12")) == {
        "formats": "ยังไม่มีไฟล์หรือข้อมูลรูปแบบ Excel (XLSX) หรือ Word (DOCX)"
    }

    publish(world, district, "o12", fmt="xlsx", title="สถิติการให้บริการ (Excel)", **six_months)
    assert readiness_of(world, district, "o12").ready


def test_six_months_of_monthly_procurement_summaries_with_january_missing_fail_the_period_check(
    world, district
):
    assert failed(readiness_of(world, district, "o20"))["period"] == (
        "ข้อมูลยังไม่ครอบคลุมเดือน ต.ค. 2565 – มี.ค. 2566"
    )
    for month in (
        date(2022, 10, 1),
        date(2022, 11, 1),
        date(2022, 12, 1),
        date(2023, 2, 1),
        date(2023, 3, 1),
    ):
        publish(world, district, "o20", title=f"สขร.๑ {month:%m/%Y}", start=month)  # one date: that month
    assert failed(readiness_of(world, district, "o20")) == {"period": "ข้อมูลยังไม่ครอบคลุมเดือน ม.ค. 2566"}

    publish(world, district, "o20", title="สขร.๑ มกราคม", start=date(2023, 1, 1), end=date(2023, 1, 31))
    assert readiness_of(world, district, "o20").ready


def test_an_entry_without_a_period_counts_for_a_current_item_but_not_for_a_fiscal_year_item(world, district):
    publish(world, district, "o04")  # current
    publish(world, district, "o08")  # fiscal_year, no dates given
    assert readiness_of(world, district, "o04").ready
    assert failed(readiness_of(world, district, "o08")) == {
        "period": "ข้อมูลยังไม่ครอบคลุมเดือน ต.ค. 2565 – ก.ย. 2566"
    }


def test_calendar_year_multi_year_and_monthly_items_each_ask_for_their_own_period(world, district):
    for fmt in ("pdf", "xlsx"):  # o16: the calendar year 2566, January to December 2023
        publish(world, district, "o16", fmt=fmt, start=date(2023, 1, 1), end=date(2023, 6, 30))
    assert failed(readiness_of(world, district, "o16")) == {
        "period": "ข้อมูลยังไม่ครอบคลุมเดือน ก.ค. 2566 – ธ.ค. 2566"
    }

    publish(world, district, "o03", start=date(2023, 1, 1), end=date(2027, 12, 31))  # o03: a multi-year plan
    assert failed(readiness_of(world, district, "o03")) == {
        "period": "ยังไม่มีแผนหรือข้อมูลที่ครอบคลุมปีงบประมาณ 2566 ทั้งปี"
    }
    publish(world, district, "o03", start=date(2022, 10, 1), end=date(2027, 9, 30))
    assert readiness_of(world, district, "o03").ready

    CatalogueItem.objects.filter(catalogue=district, code="o07").update(period="monthly")
    publish(world, district, "o07", start=date(2022, 10, 1), end=date(2023, 2, 28))
    # On 10 April the months that have ended are October to March; April is not over yet.
    assert failed(readiness_of(world, district, "o07")) == {"period": "ข้อมูลยังไม่ครอบคลุมเดือน มี.ค. 2566"}
    publish(world, district, "o07", start=date(2023, 3, 1))
    assert readiness_of(world, district, "o07").ready


def test_an_item_first_published_after_the_20_april_deadline_fails_the_deadline_check(world, district):
    with time_machine.travel(datetime(2023, 4, 20, 23, 30, tzinfo=BANGKOK), tick=False):
        publish(world, district, "o04")  # the last evening still counts, in Bangkok time
        assert readiness_of(world, district, "o04").ready
    with time_machine.travel(datetime(2023, 4, 21, 0, 10, tzinfo=BANGKOK), tick=False):
        assert failed(readiness_of(world, district, "o06"))["deadline"] == (
            "เลยกำหนด 20 เม.ย. 2566 แล้ว ยังไม่ได้เผยแพร่"
        )
    with time_machine.travel(datetime(2023, 4, 25, 9, 0, tzinfo=BANGKOK), tick=False):
        publish(world, district, "o06", kind="page", title="ข้อมูลการติดต่อ")
        assert failed(readiness_of(world, district, "o06")) == {
            "deadline": "เผยแพร่ครั้งแรกเมื่อ 25 เม.ย. 2566 หลังกำหนด 20 เม.ย. 2566"
        }


def test_a_withdrawn_entry_no_longer_counts(world, district):
    publication = publish(world, district, "o04")
    assert readiness_of(world, district, "o04").ready
    services.publication_withdraw(actor=world.coordinator, publication=publication, reason="ผิดฉบับ")
    assert "published" in failed(readiness_of(world, district, "o04"))


def test_a_new_version_awaiting_approval_leaves_the_approved_one_counting(world, district):
    publication = publish(world, district, "o04")
    services.publication_revise(
        actor=world.coordinator, publication=publication, upload=SimpleUploadedFile("x.pdf", PDF)
    )
    assert readiness_of(world, district, "o04").ready


def test_a_scheduled_entry_does_not_count_before_its_publication_date(world, district):
    publish(world, district, "o04", publish_at=datetime(2023, 4, 15, 0, 0, tzinfo=BANGKOK))
    assert failed(readiness_of(world, district, "o04"))["published"] == (
        "ยังไม่มีข้อมูลเผยแพร่ (กำหนดเผยแพร่ 15 เม.ย. 2566)"
    )
    with time_machine.travel(datetime(2023, 4, 15, 0, 1, tzinfo=BANGKOK), tick=False):
        assert readiness_of(world, district, "o04").ready


def test_o30_is_generated_and_ready_once_the_integrity_plan_of_2566_is_published(world, district):
    assert "published" in failed(readiness_of(world, district, "o30"))
    plan = Plan.objects.create(
        agency=world.agency, fiscal_year=2566, title="มาตรการส่งเสริมคุณธรรม ปี 2566", is_published=False
    )
    assert "published" in failed(readiness_of(world, district, "o30"))

    plan.is_published = True
    plan.save()
    cache.clear()  # published here without the plans service, which announces it
    result = readiness_of(world, district, "o30")
    assert result.ready and result.generated and not result.publications
    Plan.objects.create(agency=world.other, fiscal_year=2566, title="ของเขตอื่น")
    assert readiness_of(world, district, "o30").ready


def test_a_file_whose_content_is_gone_from_storage_fails_the_address_check_until_a_new_version_is_approved(
    world, district
):
    publication = publish(world, district, "o04", title="กฎหมายที่เกี่ยวข้อง")
    assert readiness_of(world, district, "o04").check("address").passed
    file = publication.live_version.file
    file.storage.delete(file.name)
    assert failed(readiness_of(world, district, "o04")) == {"address": "ไฟล์ «กฎหมายที่เกี่ยวข้อง» เปิดไม่ได้"}

    services.publication_revise(
        actor=world.coordinator, publication=publication, upload=SimpleUploadedFile("x.pdf", PDF)
    )
    services.publication_review(actor=world.director, publication=publication, approve=True)
    assert readiness_of(world, district, "o04").ready


def test_an_item_whose_public_address_shows_another_catalogues_item_fails_the_address_check(world, district):
    custom = services.catalogue_load(
        {
            "scheme": "district-extra",
            "year": 2566,
            "title": "รายการเพิ่มเติมของเขต",
            "sub_indicators": [{"code": "1", "title": "ข้อมูลพื้นฐาน"}],
            "items": [
                {
                    "code": "o04",
                    "number": 4,
                    "sub_indicator": "1",
                    "title": "ระเบียบของเขต",
                    "period": "current",
                }
            ],
        }
    )[0]
    services.catalogue_adopt(actor=world.coordinator, agency=world.agency, catalogue=custom)
    publish(world, custom, "o04")
    assert failed(readiness_of(world, custom, "o04")) == {
        "address": "ที่อยู่ /pathumwan/oit/2566/o04/ แสดงรายการของชุดเกณฑ์อื่นที่ใช้รหัสเดียวกัน"
    }


# --- the agency, its departments, the board ---------------------------------------------------------------


def test_each_department_owes_the_items_assigned_to_it_or_to_every_department_that_are_not_ready(
    world, district
):
    result = readiness.agency_readiness(world.agency, 2566, now=timezone.now())
    registration = next(d for d in result.departments if d.department == world.registration)
    assert [r.item.code for r in registration.items] == ["o09", "o10", "o12"]  # o09 and o10 are everyone's
    assert [r.item.code for r in registration.owed] == ["o09", "o10", "o12"]
    assert "o05" in [r.item.code for r in result.unassigned_owed]  # ฝ่ายการศึกษา is not in this agency

    publish(world, district, "o09", title="คู่มือปฏิบัติงาน")
    result = readiness.agency_readiness(world.agency, 2566, now=timezone.now())
    registration = next(d for d in result.departments if d.department == world.registration)
    administration = next(d for d in result.departments if d.department == world.administration)
    assert [r.item.code for r in registration.owed] == ["o10", "o12"] and registration.percent == 33
    assert "o09" not in [r.item.code for r in administration.owed]
    assert (result.ready, result.total, result.percent) == (1, 30, 3)


def test_the_director_sees_the_overall_percentage_what_is_missing_and_who_owes_it(world, district, login):
    publish(world, district, "o09", title="คู่มือปฏิบัติงาน")
    publish(world, district, "o12", title="สถิติ", start=date(2022, 10, 1), end=date(2023, 3, 31))
    page = login(world.director).get(BOARD).content.decode()
    assert "พร้อม 1 จาก 30 รายการ (3%)" in page
    assert "ฝ่ายทะเบียน" in page and "ยังไม่มอบหมายฝ่าย" in page
    assert 'href="/staff/pathumwan/oit/2566/o12/"' in page
    assert "ยังไม่มีไฟล์หรือข้อมูลรูปแบบ Excel (XLSX) หรือ Word (DOCX)" in page
    assert 'href="/staff/pathumwan/oit/2566/itas.xlsx"' in page


def test_the_board_reads_a_bounded_number_of_queries_however_many_entries_there_are(
    world, district, login, django_assert_max_num_queries
):
    Plan.objects.create(agency=world.agency, fiscal_year=2566, title="มาตรการส่งเสริมคุณธรรม ปี 2566")
    for code in ("o04", "o09", "o12"):
        for n in range(3):
            publish(
                world, district, code, title=f"{code} {n}", start=date(2022, 10, 1), end=date(2023, 3, 31)
            )
    client = login(world.coordinator)
    # A fixed part, then about ten per item with something public: its public page is rendered in-process
    # to prove the address answers (four items here: o04, o09, o12 and the generated o30).
    # 20 fixed, 10 per item with content, and one or two per item generated from another module's data (~20,
    # and one per e-service item of the two catalogues: 10, and one for the integrity channels' facts)
    with django_assert_max_num_queries(20 + 4 * 10 + 20 + 10 + 1) as first:
        assert client.get(BOARD).status_code == 200
    for code in ("o04", "o09", "o12"):
        for n in range(3, 6):
            publish(world, district, code, title=f"{code} {n}")
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.get(BOARD).status_code == 200


# --- the ITAS sheet ---------------------------------------------------------------------------------------


def test_the_itas_excel_sheet_gives_each_item_its_answer_its_absolute_public_addresses_and_a_note(
    world, district, login
):
    law = publish(world, district, "o04", title="กฎหมายที่เกี่ยวข้อง")
    publish(world, district, "o11", kind="link", title="E-Service")
    Plan.objects.create(agency=world.agency, fiscal_year=2566, title="มาตรการส่งเสริมคุณธรรม ปี 2566")
    response = login(world.coordinator).get("/staff/pathumwan/oit/2566/itas.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="itas-pathumwan-2566.xlsx"' in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["bangkok-district-2566"]
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0] == ("รหัส", "รายการ", "มี/ไม่มี", "URL", "หมายเหตุ")
    by_code = {row[0]: row for row in rows[1:]}
    assert len(by_code) == 30

    _code, title, answer, urls, note = by_code["O04"]
    assert (title, answer) == ("กฎหมายที่เกี่ยวข้อง", "มี")
    assert note == district.items.get(code="o04").note  # nothing missing: the catalogue's own note
    assert urls.split("\n") == [
        "http://testserver/pathumwan/oit/2566/o04/",
        f"http://testserver/pathumwan/oit/2566/o04/files/{law.token}/",
    ]
    assert by_code["O11"][3].split("\n") == [
        "http://testserver/pathumwan/oit/2566/o11/",
        "https://bangkok.example.org/eservice",
    ]
    assert by_code["O30"][2] == "มี"
    assert by_code["O30"][3].split("\n") == [
        "http://testserver/pathumwan/oit/2566/o30/",
        "http://testserver/pathumwan/plan/2566/",
        "http://testserver/pathumwan/plan/2566/plan.pdf",
        "http://testserver/pathumwan/plan/2566/plan.docx",
        "http://testserver/pathumwan/plan/2566/plan.xlsx",
    ]
    assert by_code["O05"][2] == "ไม่มี" and by_code["O05"][3] == "http://testserver/pathumwan/oit/2566/o05/"
    assert by_code["O05"][4].startswith("ยังไม่มีข้อมูลเผยแพร่; ")


def test_the_itas_csv_has_a_bom_for_excel_and_names_the_catalogue_of_each_row(world, district, login):
    services.catalogue_adopt(
        actor=world.coordinator,
        agency=world.agency,
        catalogue=Catalogue.objects.get(scheme="nacc", year=2566),
    )
    publish(world, district, "o04")
    response = login(world.director).get("/staff/pathumwan/oit/2566/itas.csv")
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["ชุดเกณฑ์", "รหัส", "รายการ", "มี/ไม่มี", "URL", "หมายเหตุ"]
    assert [r[0] for r in rows[1:]].count("bangkok-district") == 30 and [r[0] for r in rows[1:]].count(
        "nacc"
    ) == 43
    o04 = next(r for r in rows if r[:2] == ["bangkok-district", "O04"])
    assert o04[3] == "มี" and o04[4].split("\n")[0] == "http://testserver/pathumwan/oit/2566/o04/"
    o1 = next(r for r in rows if r[:2] == ["nacc", "O1"])
    assert o1[3] == "ไม่มี" and o1[4] == "http://testserver/pathumwan/oit/2566/o1/"


# --- who may read it ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["coordinator", "director", "auditor", "officer"])
@pytest.mark.parametrize(
    "path", [BOARD, "/staff/pathumwan/oit/2566/itas.xlsx", "/staff/pathumwan/oit/2566/itas.csv"]
)
def test_staff_with_disclosure_view_read_the_board_and_the_sheet(world, district, login, persona, path):
    assert login(getattr(world, persona)).get(path).status_code == 200


@pytest.mark.parametrize("path", [BOARD, "/staff/pathumwan/oit/2566/itas.xlsx"])
def test_the_complaint_handler_is_refused_the_outsider_sees_nothing_and_a_visitor_must_log_in(
    world, district, login, client, path
):
    assert client.get(path).status_code == 302 and "/login/" in client.get(path)["Location"]
    assert login(world.complaint_handler).get(path).status_code == 403
    assert login(world.outsider).get(path).status_code == 404
    assert login(world.nobody).get(path).status_code == 404


def test_an_unknown_sheet_format_or_a_year_without_a_catalogue_is_not_found(world, district, login):
    client = login(world.coordinator)
    assert client.get("/staff/pathumwan/oit/2566/itas.pdf").status_code == 404
    assert client.get("/staff/pathumwan/oit/2565/readiness/").status_code == 404
    assert client.get("/staff/pathumwan/oit/2565/itas.csv").status_code == 404


def test_a_generated_link_to_a_part_of_a_page_passes_the_address_check(world, district):
    # o01's entries point at "/pathumwan/about/#structure" (the org chart on the about page): the page exists,
    # so the readiness board must not report the link as broken (it did: the fragment was resolved too).
    from prongsai.content import services as content
    from prongsai.content.models import Executive

    content.executive_save(
        actor=world.coordinator,
        agency=world.agency,
        kind=Executive.Kind.DIRECTOR,
        name="นายประเสริฐ วงศ์สุวรรณ",
        position="ผู้อำนวยการเขตปทุมวัน",
    )
    result = readiness_of(world, district, "o01")
    assert "address" not in failed(result), failed(result)
    assert readiness._resolves("/pathumwan/about/#structure")
    assert not readiness._resolves("/pathumwan/no-such-page/#x")
