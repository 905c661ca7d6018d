import datetime
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from prongsai.disclosure import providers
from prongsai.disclosure import services as disclosure_services
from prongsai.disclosure.models import Catalogue, CatalogueItem
from prongsai.finance.models import Budget, Method, Procurement

from .helpers import SEED_ROWS, procurement, seed_budget

pytestmark = pytest.mark.django_db

STAFF = "/staff/pathumwan/finance/"


def _report_file() -> SimpleUploadedFile:
    book = Workbook()
    book.active.append(["หมวดรายจ่าย", "งบประมาณหลังปรับโอน", "เบิกจ่ายทั้งสิ้น", "งบประมาณคงเหลือ", "ร้อยละการเบิกจ่าย"])
    for row in SEED_ROWS:
        book.active.append(list(row))
    book.active.append(["ข้อมูล ณ วันที่ 10 พ.ค.66"])
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("report.xlsx", out.getvalue())


# --- who may do what -----------------------------------------------------------------------------------


def test_every_role_but_the_complaint_handler_reads_the_back_office(fin, login):
    seed_budget(fin, publish=False)
    for user in (fin.officer, fin.finance_officer, fin.coordinator, fin.director, fin.auditor):
        client = login(user)
        assert client.get(STAFF).status_code == 200
        assert client.get(STAFF + "budget/2566/").status_code == 200
        assert client.get(STAFF + "procurement/2566/").status_code == 200
    assert login(fin.complaint_handler).get(STAFF).status_code == 403
    assert login(fin.outsider).get(STAFF + "budget/2566/").status_code == 404


def test_anonymous_people_are_sent_to_sign_in(client):
    response = client.get(STAFF)
    assert response.status_code == 302 and "login" in response["Location"]


def test_only_the_finance_department_and_the_coordinator_import_the_budget(fin, login):
    for user, status in ((fin.officer, 403), (fin.director, 403), (fin.auditor, 403), (fin.complaint_handler, 403),
                         (fin.outsider, 404)):  # fmt: skip
        response = login(user).post(STAFF + "budget/import/", {"fiscal_year": 2566, "file": _report_file()})
        assert response.status_code == status, user
    assert not Budget.objects.exists()

    response = login(fin.finance_officer).post(
        STAFF + "budget/import/", {"fiscal_year": 2566, "file": _report_file()}
    )

    assert response.status_code == 200
    assert "งบลงทุน" in response.content.decode() and "43,979,471.00" in response.content.decode()
    assert Budget.objects.get().lines.count() == 5


def test_only_the_coordinator_publishes_the_budget(fin, login):
    seed_budget(fin, publish=False)
    for user in (fin.finance_officer, fin.director, fin.auditor):
        assert login(user).post(STAFF + "budget/2566/publish/", {"publish": "1"}).status_code == 403
    assert not Budget.objects.get().is_published

    login(fin.coordinator).post(STAFF + "budget/2566/publish/", {"publish": "1"})

    assert Budget.objects.get().is_published


def _procurement_form(world, **overrides):
    data = {
        "title": "จัดซื้อหมึกพิมพ์",
        "department": str(world.administration.pk),
        "budget_amount": "12,500.00",
        "reference_price": "12,500.00",
        "method": Method.SPECIFIC,
        "bids": "ร้านรุ่งเรืองพาณิชย์ | 12,000.00",
        "winner": "ร้านรุ่งเรืองพาณิชย์",
        "agreed_price": "12,000.00",
        "reason": "ราคาต่ำสุด",
        "contract_number": "ปท.31/2566",
        "contract_date": "๒๐ ม.ค. ๒๕๖๖",
        "egp_number": "66019123456",
        "decided_on": "18 ม.ค. 66",
        "status": Procurement.Status.CONTRACTED,
    }
    return {**data, **overrides}


def test_an_officer_records_a_procurement_of_their_own_department_only(fin, login):
    client = login(fin.officer)

    assert client.post(STAFF + "procurement/new/", _procurement_form(fin)).status_code == 302
    p = Procurement.objects.get()
    assert p.decided_on == datetime.date(2023, 1, 18) and p.fiscal_year == 2566
    assert [(b.bidder, str(b.price)) for b in p.bids.all()] == [("ร้านรุ่งเรืองพาณิชย์", "12000.00")]

    other = _procurement_form(fin, department=str(fin.public_works.pk), title="งานของฝ่ายโยธา")
    assert client.post(STAFF + "procurement/new/", other).status_code in (403, 422)
    assert (
        login(fin.works_officer)
        .post(STAFF + f"procurement/item/{p.code}/", _procurement_form(fin))
        .status_code
        == 403
    )
    assert (
        login(fin.auditor).post(STAFF + f"procurement/item/{p.code}/", _procurement_form(fin)).status_code
        == 403
    )
    assert login(fin.outsider).get(STAFF + f"procurement/item/{p.code}/").status_code == 404
    assert Procurement.objects.count() == 1


def test_bad_input_is_a_clear_thai_error_and_nothing_is_saved(fin, login):
    bad = _procurement_form(fin, budget_amount="สองหมื่น", egp_number="123", bids="ไม่มีราคา")

    response = login(fin.coordinator).post(STAFF + "procurement/new/", bad)

    assert response.status_code == 422
    text = response.content.decode()
    assert "อ่านจำนวนเงินไม่ได้" in text and "๑๑ หลัก" in text and "ชื่อ | ราคา" in text
    assert not Procurement.objects.exists()


def test_an_html_file_posing_as_an_ordinance_pdf_is_refused(fin, login, media):
    seed_budget(fin, publish=False)
    fake = SimpleUploadedFile("ordinance.pdf", b"<html><script>alert(1)</script></html>")

    response = login(fin.finance_officer).post(STAFF + "budget/2566/ordinance/", {"file": fake})

    assert response.status_code == 422
    assert not Budget.objects.get().ordinance
    assert not list(media.rglob("*.pdf"))


# --- public pages --------------------------------------------------------------------------------------


def test_the_public_budget_page_labels_both_percentages_and_shows_the_differences(fin, client):
    seed_budget(fin)

    text = client.get("/pathumwan/budget/2566/").content.decode()

    assert "ร้อยละการเบิกจ่ายของหมวด" in text and "ร้อยละของงบประมาณทั้งหมด" in text
    assert "160,369,130.50" in text and "๑๖๐" not in text  # the agency's web pages use Arabic digits
    assert "ปีงบประมาณ พ.ศ. 2566" in text
    assert "ตัวเลขที่ต่างจากเอกสารที่พิมพ์เผยแพร่" in text and "1,539,803.40" in text


def test_an_agency_that_chose_thai_digits_gets_them_on_the_budget_page(fin, client):
    from prongsai.agencies.services import agency_settings_update

    seed_budget(fin)
    agency_settings_update(actor=fin.coordinator, agency=fin.agency, web_digits="thai")
    text = client.get("/pathumwan/budget/2566/").content.decode()
    assert "๑๖๐,๓๖๙,๑๓๐.๕๐" in text and "ปีงบประมาณ พ.ศ. ๒๕๖๖" in text  # the table and the heading


def test_the_budget_table_downloads_as_csv_xlsx_and_json(fin, client):
    seed_budget(fin)

    csv = client.get("/pathumwan/budget/2566/report.csv")
    data = json.loads(client.get("/pathumwan/budget/2566/report.json").content)

    assert "attachment" in csv["Content-Disposition"]
    assert "งบลงทุน,45519320.00,1539849.00,43979471.00,3.38,0.39" in csv.content.decode("utf-8-sig")
    assert client.get("/pathumwan/budget/2566/report.xlsx").status_code == 200
    assert "งบบุคลากร" in json.dumps(data, ensure_ascii=False)


def test_an_unpublished_budget_and_another_agencys_address_are_not_found(fin, client):
    seed_budget(fin, publish=False)

    assert client.get("/pathumwan/budget/2566/").status_code == 404
    assert client.get("/nongchok/budget/2566/").status_code == 404


def _adopt(world, scheme):
    disclosure_services.catalogues_load_shipped()
    catalogue = Catalogue.objects.get(scheme=scheme, year=2566)
    disclosure_services.catalogue_adopt(actor=world.coordinator, agency=world.agency, catalogue=catalogue)
    return {i.code: i for i in CatalogueItem.objects.filter(catalogue=catalogue).select_related("catalogue")}


def test_every_finance_topic_the_catalogues_name_exists():
    disclosure_services.catalogues_load_shipped()
    names = {
        n for item in CatalogueItem.objects.all() for n in item.providers or () if n.startswith("finance.")
    }

    assert names and providers.check_names(names) == []


def test_items_17_to_20_and_the_naccs_are_generated_from_the_records(fin, time_machine):
    time_machine.move_to(datetime.datetime(2023, 4, 20, 10, 0, tzinfo=datetime.UTC))
    seed_budget(fin)
    procurement(fin)
    items = _adopt(fin, "bangkok-district")

    o17, o18, o19, o20 = (
        providers.generated_entries(fin.agency, items[c]) for c in ("o17", "o18", "o19", "o20")
    )

    assert any(e.url == "/pathumwan/budget/2566/" for e in o17)
    assert {e.url for e in o18} >= {"/pathumwan/budget/2566/report.pdf"}
    assert o19[0].url.startswith("/pathumwan/procurement/2566/")
    months = sorted({e.period_start for e in o20})
    assert months == [datetime.date(2022, m, 1) for m in (10, 11, 12)] + [
        datetime.date(2023, m, 1) for m in (1, 2, 3)
    ]  # every month before April, the empty ones too
    nacc = _adopt(fin, "nacc")
    assert providers.generated_entries(fin.agency, nacc["o21"]) and providers.generated_entries(
        fin.agency, nacc["o22"]
    )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _more(world, n, start=0):
    for i in range(start, start + n):
        procurement(world, title=f"จัดซื้อวัสดุ รายการที่ {i}", day=datetime.date(2022, 10 + i % 3, 1 + i % 27),
                    bids=(("ร้านเอ", "100.00"), ("ร้านบี", "120.00")))  # fmt: skip


@pytest.mark.parametrize(
    "url",
    [
        "/pathumwan/procurement/2566/",
        "/pathumwan/procurement/2566/report.csv",
        "/pathumwan/procurement/skr1/2565-11.xlsx",
        "/pathumwan/procurement/2566/ocds.json",
        "/pathumwan/budget/2566/",
        "/pathumwan/budget/2566/report.json",
        "/api/v1/agencies/pathumwan/procurements/2566",
        "/api/v1/agencies/pathumwan/budget/2566",
    ],
)
def test_public_lists_cost_the_same_queries_for_3_and_12_procurements(fin, client, url):
    seed_budget(fin)
    _more(fin, 3)
    few = _queries(client, url)
    _more(fin, 9, start=3)

    assert _queries(client, url) == few


@pytest.mark.parametrize("path", ["", "procurement/2566/", "budget/2566/"])
def test_back_office_lists_cost_the_same_queries_for_3_and_12_procurements(fin, login, path):
    seed_budget(fin)
    client = login(fin.coordinator)
    _more(fin, 3)
    few = _queries(client, STAFF + path)
    _more(fin, 9, start=3)

    assert _queries(client, STAFF + path) == few


# --- API --------------------------------------------------------------------------------------------


def test_the_api_gives_the_report_with_both_percentages_and_the_differences(fin, client):
    seed_budget(fin)

    data = client.get("/api/v1/agencies/pathumwan/budget/2566").json()

    assert data["disbursed"] == "160369130.50"
    personnel = data["rows"][0]
    assert (personnel["share_of_budget"], personnel["rate_within_category"]) == ("28.10", "58.15")
    assert [d["column"] for d in data["differences"]] == ["remaining", "disbursed"]
    assert client.get("/api/v1/agencies/nongchok/budget/2566").status_code == 404


def test_drafts_are_in_the_staff_api_only(fin, client):
    procurement(fin, title="งานร่าง", status=Procurement.Status.DRAFT)
    procurement(fin, title="งานประกาศแล้ว")

    public = client.get("/api/v1/agencies/pathumwan/procurements/2566").json()

    assert [p["title"] for p in public["items"]] == ["งานประกาศแล้ว"]
    assert client.get("/api/v1/agencies/pathumwan/procurements/2566/all").status_code == 401


def test_the_public_menu_search_and_open_data_point_at_the_published_records(fin):
    from prongsai.finance import public

    seed_budget(fin)
    p = procurement(fin, title="จ้างซ่อมแซมทางเท้าถนนบรรทัดทอง")
    procurement(fin, title="งานร่างไม่เผยแพร่", status=Procurement.Status.DRAFT)

    links = {link.label: link.url for link in public.public_links(fin.agency)}
    documents = list(public.search_documents(fin.agency))
    datasets = public.dcat_datasets(fin.agency, lambda path: "https://example.org" + path)

    assert links == {"งบประมาณ": "/pathumwan/budget/2566/", "จัดซื้อจัดจ้าง": "/pathumwan/procurement/2566/"}
    assert any(d.url == f"/pathumwan/procurement/2566/#p-{p.code}" for d in documents)
    assert not any("งานร่าง" in d.title for d in documents)
    assert {d.format for d in datasets[0].distributions} == {"csv", "xlsx", "json", "pdf"}


def test_the_finance_department_records_a_snapshot_line_and_subsidy_from_the_budget_page(fin, login):
    seed_budget(fin, publish=False)
    budget = Budget.objects.get()
    line = budget.lines.get(category="investment")
    client = login(fin.finance_officer)

    assert (
        client.post(
            STAFF + "budget/2566/snapshots/", {"as_of": "31 พ.ค. 66", f"line_{line.pk}": "2,000,000.00"}
        ).status_code
        == 302
    )
    assert client.post(STAFF + "budget/2566/subsidies/", {"community": "ชุมชนบ่อนไก่", "purpose": "กีฬาชุมชน",
                                                          "amount": "12,000.00"}).status_code == 302  # fmt: skip
    assert client.post(STAFF + "budget/2566/lines/", {"category": "investment", "name": "ค่าครุภัณฑ์",
                                                      "amount": "1,000.00", "parent": ""}).status_code == 302  # fmt: skip
    assert client.post(STAFF + "budget/2566/snapshots/", {"as_of": "วันไหนก็ได้"}).status_code == 422
    assert login(fin.officer).post(STAFF + "budget/2566/subsidies/", {"community": "x", "purpose": "y",
                                                                      "amount": "1.00"}).status_code == 403  # fmt: skip
    assert budget.snapshots.count() == 2 and budget.subsidies.count() == 1 and budget.lines.count() == 6
