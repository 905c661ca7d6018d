import io
import struct
import unicodedata
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from prongsai.agencies.services import department_create
from prongsai.disclosure import services
from prongsai.disclosure.models import Catalogue, CatalogueItem
from prongsai.finance import services as finance_services
from prongsai.finance.models import Budget
from prongsai.plans.services import plan_import
from prongsai.portal import infographics

PLAN_TEXT = Path(__file__).resolve().parents[2] / "plans" / "fixtures" / "pathumwan-2566.txt"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def district(world):
    services.catalogues_load_shipped()
    catalogue = Catalogue.objects.get(scheme="bangkok-district", year=2566)
    services.catalogue_adopt(actor=world.coordinator, agency=world.agency, catalogue=catalogue)
    return catalogue


@pytest.fixture
def plan(world, district):
    from prongsai.plans.demo import resolve_seed_warnings

    plan = plan_import(
        actor=world.coordinator, agency=world.agency, fiscal_year=2566, text=PLAN_TEXT.read_text()
    ).plan
    resolve_seed_warnings(plan, actor=world.coordinator)  # reviewed, so published
    # The plan's budget table became the finance module's records; the coordinator publishes them.
    finance_services.budget_publish(
        actor=world.coordinator, budget=Budget.objects.get(agency=world.agency, fiscal_year=2566)
    )
    return plan


def url(code, fmt="pdf", agency="pathumwan", year=2566):
    return f"/{agency}/oit/{year}/{code}/infographic.{fmt}"


def text_of(pdf: bytes) -> str:
    """The page's text as pypdf reads it, NFKC (our PDFs give ำ back as ํ + า) and without any spaces, so that
    a line break inside a name does not hide it."""
    text = unicodedata.normalize("NFKC", PdfReader(io.BytesIO(pdf)).pages[0].extract_text())
    return "".join(text.replace("\u200b", "").split())


def squeezed(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def publish(world, catalogue, code, **kwargs):
    publication = services.publication_create(
        actor=world.coordinator, agency=world.agency, item=catalogue.items.get(code=code), **kwargs
    )
    return services.publication_review(actor=world.director, publication=publication, approve=True)


# --- organisation structure ---------------------------------------------------------------------------


def test_the_structure_infographic_is_one_a4_page_in_sarabun_naming_every_department(world, district, client):
    response = client.get(url("o01"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 portrait
    fonts = {}
    for ref in reader.pages[0]["/Resources"]["/Font"].values():
        font = ref.get_object()
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        fonts[str(font["/BaseFont"]).split("+")[-1]] = "/FontFile2" in descriptor
    assert fonts and all(name.startswith("Sarabun") for name in fonts) and all(fonts.values()), fonts
    text = text_of(response.content)
    for name in ("ผู้อำนวยการเขต", "สำนักงานเขตปทุมวัน", "ฝ่ายปกครอง", "ฝ่ายทะเบียน", "ฝ่ายโยธา", "ปีงบประมาณพ.ศ.๒๕๖๖"):
        assert squeezed(name) in text, name
    assert squeezed("ประกอบด้วย ๓ ฝ่าย") in text
    assert "http://testserver/pathumwan/oit/2566/o01/" in text  # the public address of the item


def test_a_new_department_is_on_the_chart_at_the_next_request(world, district, client):
    first = client.get(url("o01"))
    assert squeezed("ฝ่ายการคลัง") not in text_of(first.content)

    department_create(actor=world.coordinator, agency=world.agency, code="finance", name="ฝ่ายการคลัง")
    second = client.get(url("o01"))

    assert squeezed("ฝ่ายการคลัง") in text_of(second.content)
    assert squeezed("ประกอบด้วย ๔ ฝ่าย") in text_of(second.content)
    assert second["ETag"] != first["ETag"]


def test_a_department_switched_off_leaves_the_chart(world, district, client):
    world.public_works.is_active = False
    world.public_works.save()

    text = text_of(client.get(url("o01")).content)

    assert squeezed("ฝ่ายโยธา") not in text and squeezed("ฝ่ายทะเบียน") in text


def test_many_departments_still_fit_one_page(world, district, client):
    for number in range(30):
        department_create(
            actor=world.coordinator,
            agency=world.agency,
            code=f"unit-{number}",
            name=f"ฝ่ายงานทดลองหมายเลข {number}",
        )

    response = client.get(url("o01"))

    assert len(PdfReader(io.BytesIO(response.content)).pages) == 1
    assert squeezed("ประกอบด้วย ๓๓ ฝ่าย") in text_of(response.content)


def test_the_chart_lists_the_documents_published_for_the_item(world, district, client):
    publish(
        world,
        district,
        "o01",
        kind="file",
        title="อัตรากำลังสำนักงานเขตปทุมวัน",
        upload=SimpleUploadedFile("staff.pdf", PDF),
    )

    text = text_of(client.get(url("o01")).content)

    assert squeezed("อัตรากำลังสำนักงานเขตปทุมวัน") in text
    assert "http://testserver/pathumwan/oit/2566/o01/files/" in text


# --- budget summary -----------------------------------------------------------------------------------


def test_the_budget_infographic_computes_its_totals_from_the_rows_not_the_typed_total(world, plan, client):
    # The seed's total row says 160,369,084.90 disbursed; its five rows add up to 160,369,130.50.
    response = client.get(url("o17"))

    assert response.status_code == 200
    text = text_of(response.content)
    assert "๑๖๐,๓๖๙,๑๓๐.๕๐" in text
    # The typed total is only in the note that shows where the printed document differs.
    assert "๑๖๐,๓๖๙,๐๘๔.๙๐" not in text.split(squeezed("ต่างจากเอกสารที่พิมพ์เผยแพร่"))[0]
    assert "๓๙๑,๒๓๕,๖๘๐.๐๐" in text  # allocated, all five categories
    assert "๒๓๐,๘๖๖,๕๔๙.๕๐" in text  # remaining = allocated − disbursed, not the typed 230,866,595.10
    assert "๔๓,๙๗๙,๔๗๑.๐๐" in text  # งบลงทุน remaining computed (the seed typed 43,979,516.60)
    assert "๔๐.๙๙" in text
    for category in ("งบบุคลากร", "งบดำเนินงาน", "งบลงทุน", "งบเงินอุดหนุน", "งบรายจ่ายอื่น"):
        assert squeezed(category) in text
    assert squeezed("ข้อมูล ณ วันที่ ๑๐ พฤษภาคม ๒๕๖๖") in text
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 1


def test_item_18_shows_the_same_budget_summary(world, plan, client):
    assert "๑๖๐,๓๖๙,๑๓๐.๕๐" in text_of(client.get(url("o18")).content)


def test_without_a_budget_report_there_is_no_budget_infographic(world, district, client):
    assert client.get(url("o17")).status_code == 404


def test_an_unpublished_budget_gives_no_budget_infographic(world, plan, client):
    budget = Budget.objects.get(agency=world.agency, fiscal_year=2566)
    finance_services.budget_publish(actor=world.coordinator, budget=budget, publish=False)

    assert client.get(url("o17")).status_code == 404


def test_the_budget_infographic_shows_and_explains_where_the_printed_document_differs(world, plan, client):
    text = text_of(client.get(url("o17")).content)

    assert squeezed("ต่างจากเอกสารที่พิมพ์เผยแพร่") in text
    assert "43,979,516.60" in text or "๔๓,๙๗๙,๕๑๖.๖๐" in text  # the printed remaining of งบลงทุน
    assert "๑,๕๓๙,๘๐๓.๔๐" in text or "1,539,803.40" in text  # what the printed figures imply


# --- plan progress ------------------------------------------------------------------------------------


def test_the_plan_progress_infographic_shows_the_overall_percent_and_each_indicator(world, plan, client):
    response = client.get(url("o30"))

    assert response.status_code == 200
    text = text_of(response.content)
    assert squeezed("ความก้าวหน้าเฉลี่ย") in text and "๐%" in text
    for label in ("๑) การปฏิบัติหน้าที่", "๒) การใช้งบประมาณ", "๑๐) การป้องกันการทุจริต"):
        assert squeezed(label) in text, label
    assert squeezed("ไม่ทราบตัวชี้วัด") not in text  # said as "กิจกรรมอื่นตามแผน" on a public sheet
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 1


# --- notices: no-gift policy, complaint channels, e-service --------------------------------------------


def test_the_complaint_channels_sheet_lists_what_is_published_with_its_addresses(world, district, client):
    publish(
        world,
        district,
        "o22",
        kind="page",
        title="ช่องทางร้องเรียนการทุจริต",
        body="โทรศัพท์ ๐ ๒๒๑๔ ๑๒๓๔\n<script>alert(1)</script>",
    )
    publish(
        world, district, "o22", kind="link", title="แจ้งผ่าน Traffy Fondue", url="https://www.traffy.in.th/"
    )
    services.publication_create(
        actor=world.officer,
        agency=world.agency,
        item=district.items.get(code="o22"),
        kind="link",
        title="ร่างที่ยังไม่อนุมัติ",
        url="https://example.org/draft",
    )

    response = client.get(url("o22"))

    text = text_of(response.content)
    assert squeezed("แจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ") in text
    assert squeezed("โทรศัพท์ ๐ ๒๒๑๔ ๑๒๓๔") in text
    assert "<script>alert(๑)</script>" in text  # printed as text: the markup was escaped
    assert "https://www.traffy.in.th/" in text
    assert squeezed("ร่างที่ยังไม่อนุมัติ") not in text and "example.org" not in text
    assert "http://testserver/pathumwan/oit/2566/o22/" in text


def test_the_no_gift_sheet_names_the_agency_and_leaves_out_the_request_for_itself(world, district, client):
    text = text_of(client.get(url("o23")).content)

    assert squeezed("ไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่") in text
    assert squeezed("สำนักงานเขตปทุมวัน") in text
    assert squeezed("ลงนามโดยผู้บริหารของหน่วยงาน") in text
    assert "infographic" not in text.lower()  # the requirement "Info graphic ๑ ชิ้นงาน" says nothing here


def test_the_e_service_sheet_shows_the_service_address_from_the_requirements(world, district, client):
    text = text_of(client.get(url("o11")).content)

    assert "https://eservice.bangkok.go.th" in text
    assert squeezed("ประชาชนติดต่อราชการได้ทุกที่ทุกเวลา") in text


# --- PNG, caching, addresses --------------------------------------------------------------------------


def test_the_png_is_the_page_drawn_portrait_and_shown_inline(world, district, client):
    response = client.get(url("o01", "png"))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", response.content[16:24])  # the IHDR chunk
    assert width >= 800 and abs(height / width - 297 / 210) < 0.01


def test_the_same_data_is_drawn_once_and_a_browser_that_has_it_gets_304(world, district, client, monkeypatch):
    drawn = []
    real = infographics.html_to_pdf
    monkeypatch.setattr(infographics, "html_to_pdf", lambda html: drawn.append(1) or real(html))

    first = client.get(url("o01"))
    client.get(url("o01", "png"))
    again = client.get(url("o01"), headers={"If-None-Match": first["ETag"]})

    assert len(drawn) == 1  # the PNG is drawn from the cached PDF
    assert again.status_code == 304
    assert "no-cache" in first["Cache-Control"] and "public" in first["Cache-Control"]


@pytest.mark.parametrize(
    "address",
    [
        url("o01", "svg"),
        url("o01", "html"),
        url("o01", "PDF"),
        url("o04"),  # กฎหมายที่เกี่ยวข้อง: no infographic in the catalogue and no generator
        url("o99"),
        url("o01", year=2567),
        url("o01", agency="nowhere"),
    ],
)
def test_other_formats_items_without_an_infographic_and_unknown_items_are_404(
    world, district, client, address
):
    assert client.get(address).status_code == 404


def test_posting_is_not_allowed(world, district, client):
    assert client.post(url("o01")).status_code == 405


def test_another_agency_with_the_same_item_gets_its_own_data_only(world, plan, client):
    services.catalogue_adopt(actor=world.outsider, agency=world.other, catalogue=plan_catalogue())

    structure = text_of(client.get(url("o01", agency="nongchok")).content)
    budget = client.get(url("o17", agency="nongchok"))

    assert squeezed("สำนักงานเขตหนองจอก") in structure and squeezed("ฝ่ายปกครอง") in structure
    assert squeezed("ปทุมวัน") not in structure
    assert squeezed("ฝ่ายทะเบียน") not in structure and squeezed("ฝ่ายโยธา") not in structure
    assert "http://testserver/nongchok/oit/2566/o01/" in structure
    assert budget.status_code == 404  # Nong Chok has no plan: Pathum Wan's budget never shows under its name


def test_an_agency_that_has_not_adopted_the_catalogue_has_no_infographic(world, district, client):
    assert client.get(url("o01", agency="nongchok")).status_code == 404


def plan_catalogue():
    return Catalogue.objects.get(scheme="bangkok-district", year=2566)


# --- which item gets which sheet ---------------------------------------------------------------------


def test_the_generator_of_each_item_is_named_in_the_catalogue_data(world, district):
    kinds = {item.code: infographics.kind_for(item) for item in district.items.select_related("catalogue")}

    assert kinds["o01"] == infographics.STRUCTURE
    assert kinds["o17"] == kinds["o18"] == infographics.BUDGET
    assert kinds["o30"] == kinds["o28"] == kinds["o26"] == infographics.PLAN_PROGRESS
    assert kinds["o23"] == infographics.NO_GIFT and kinds["o22"] == infographics.COMPLAINT_CHANNELS
    assert kinds["o11"] == kinds["o14"] == infographics.ESERVICE
    assert kinds["o02"] == kinds["o29"] == infographics.NOTICE  # the catalogue asks for one
    assert kinds["o04"] is None and kinds["o12"] is None
    nacc = {i.code: infographics.kind_for(i) for i in CatalogueItem.objects.filter(catalogue__scheme="nacc")}
    assert nacc["o1"] == infographics.STRUCTURE and nacc["o31"] == infographics.NO_GIFT


def test_an_item_that_wants_an_infographic_but_whose_plan_is_missing_gets_the_plain_sheet(
    world, district, client
):
    # o26 draws the service-efficiency plan, which this agency has not imported; the catalogue wants a sheet.
    response = client.get(url("o26"))

    assert response.status_code == 200
    assert squeezed("แผนพัฒนาประสิทธิภาพการให้บริการ") in text_of(response.content)


def test_available_tells_the_public_page_whether_to_show_the_picture(world, plan):
    items = {i.code: i for i in plan_catalogue().items.select_related("catalogue")}

    assert infographics.available(world.agency, items["o01"])
    assert infographics.available(world.agency, items["o17"])
    assert not infographics.available(world.agency, items["o04"])
    assert not infographics.available(world.other, items["o17"])


def test_the_sheet_is_in_thai_whatever_the_readers_language(world, plan, client):
    client.cookies["django_language"] = "en"

    text = text_of(client.get(url("o30")).content)

    assert squeezed("ความก้าวหน้ารายตัวชี้วัด") in text and squeezed("ภาคผนวก") in text


def test_the_structure_sheet_names_the_director_and_heads_from_the_content_module(world, district, client):
    from prongsai.content.models import Executive

    Executive.objects.create(
        agency=world.agency, kind="director", name="นายสมชาย ทดสอบ", position="ผู้อำนวยการเขต"
    )
    Executive.objects.create(
        agency=world.agency,
        kind="head",
        department=world.public_works,
        name="นางสมหญิง ตัวอย่าง",
        position="หัวหน้าฝ่ายโยธา",
    )
    response = client.get(url("o01"))
    text = text_of(b"".join(response.streaming_content) if response.streaming else response.content)
    assert squeezed("นายสมชาย ทดสอบ") in text and squeezed("นางสมหญิง ตัวอย่าง") in text
    # a department without a named head shows its Thai name only (no English name on a Thai official sheet)
    assert "Administration" not in text and "Registration" not in text
