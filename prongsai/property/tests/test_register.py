"""The asset register: who may add and change what, the XLSX import (every bad row reported, nothing half
saved), the asset page, the QR label sheet, and the list's query count."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from prongsai.agencies.models import AuditEntry
from prongsai.property.models import Asset, AssetStatus

from .helpers import make_asset

pytestmark = pytest.mark.django_db

BASE = "/staff/pathumwan/property"


def _asset_post(world, **extra):
    data = {
        "number": "7110-001-0009/66",
        "name": "โต๊ะทำงานเหล็ก ขนาด ๕ ฟุต",
        "category": "office",
        "description": "",
        "acquired_on": "๑๕ มี.ค. ๒๕๖๖",
        "price": "5,900.00",
        "source": "budget",
        "location": "ชั้น ๒",
        "department": world.administration.pk,
        "custodian_name": "",
        "condition": "good",
    }
    data.update(extra)
    return data


def test_an_officer_registers_an_asset_of_their_own_department_with_a_be_date_and_baht(world, login):
    client = login(world.officer)
    response = client.post(f"{BASE}/assets/new/", _asset_post(world))
    asset = Asset.objects.get(number="7110-001-0009/66")
    assert response.status_code == 302 and response["Location"] == f"{BASE}/assets/{asset.pk}/"
    assert str(asset.acquired_on) == "2023-03-15" and str(asset.price) == "5900.00"
    assert asset.status == AssetStatus.AVAILABLE
    assert AuditEntry.objects.filter(
        model="property.asset", object_id=str(asset.pk), action="create"
    ).exists()


def test_an_officer_cannot_register_or_edit_an_asset_of_another_department(world, login):
    client = login(world.officer)
    response = client.post(f"{BASE}/assets/new/", _asset_post(world, department=world.public_works.pk))
    assert response.status_code == 422  # not a choice the form offers
    assert not Asset.objects.exists()
    theirs = make_asset(world, department=world.public_works)
    assert client.get(f"{BASE}/assets/{theirs.pk}/edit/").status_code == 403
    assert client.post(f"{BASE}/assets/{theirs.pk}/status/", {"status": "disposed"}).status_code == 403
    theirs.refresh_from_db()
    assert theirs.status == AssetStatus.AVAILABLE


def test_an_officer_cannot_move_their_asset_into_another_department(world, login):
    mine = make_asset(world)
    client = login(world.officer)
    response = client.post(
        f"{BASE}/assets/{mine.pk}/edit/",
        _asset_post(world, number=mine.number, department=world.public_works.pk),
    )
    assert response.status_code == 422
    mine.refresh_from_db()
    assert mine.department == world.administration


def test_a_duplicate_number_is_refused_with_a_thai_message(world, login):
    make_asset(world, number="7110-001-0009/66")
    response = login(world.coordinator).post(f"{BASE}/assets/new/", _asset_post(world))
    assert response.status_code == 422
    assert "เลขที่ครุภัณฑ์นี้มีอยู่ในทะเบียนแล้ว" in response.content.decode()
    assert Asset.objects.count() == 1


@pytest.mark.parametrize("persona", ["director", "auditor", "officer", "coordinator", "works_officer"])
def test_every_staff_role_but_the_complaint_handler_reads_the_register(world, login, persona):
    asset = make_asset(world)
    client = login(getattr(world, persona))
    assert client.get(f"{BASE}/").status_code == 200
    assert client.get(f"{BASE}/assets/{asset.pk}/").status_code == 200


def test_the_complaint_handler_gets_forbidden_another_agency_not_found_and_anonymous_the_login(
    world, login, client
):
    asset = make_asset(world)
    assert client.get(f"{BASE}/assets/{asset.pk}/").status_code == 302
    assert login(world.complaint_handler).get(f"{BASE}/").status_code == 403
    assert login(world.outsider).get(f"{BASE}/assets/{asset.pk}/").status_code == 404
    # the positive control: the outsider reads their own agency's register
    assert login(world.outsider).get("/staff/nongchok/property/").status_code == 200


def test_an_asset_of_another_agency_is_not_found_from_this_agencys_pages(world, login):
    from prongsai.property import services

    theirs = services.asset_create(
        actor=world.outsider,
        agency=world.other,
        number="X-1",
        category="office",
        name="โต๊ะ",
        description="",
        acquired_on=None,
        price=None,
        source="budget",
        location="",
        department=world.other_department,
        custodian_name="",
        condition="good",
        lendable_to_public=False,
    )
    assert login(world.coordinator).get(f"{BASE}/assets/{theirs.pk}/").status_code == 404


@pytest.mark.parametrize("persona", ["director", "auditor"])
def test_director_and_auditor_change_nothing(world, login, persona):
    asset = make_asset(world)
    client = login(getattr(world, persona))
    assert client.get(f"{BASE}/assets/new/").status_code == 403
    assert (
        client.post(f"{BASE}/assets/{asset.pk}/edit/", _asset_post(world, number=asset.number)).status_code
        == 403
    )
    assert client.post(f"{BASE}/assets/{asset.pk}/status/", {"status": "disposed"}).status_code == 403


def _xlsx(rows) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    return SimpleUploadedFile("ทะเบียน.xlsx", data.getvalue())


HEADER = ["เลขที่ครุภัณฑ์", "ชื่อทรัพย์สิน", "ประเภท", "วันที่ได้มา", "ราคา", "ฝ่าย", "สถานที่"]


def test_an_xlsx_register_is_imported_and_a_second_import_updates_in_place(world, login):
    client = login(world.officer)
    upload = _xlsx(
        [
            HEADER,
            [
                "7440-001-0001/66",
                "เครื่องคอมพิวเตอร์",
                "ครุภัณฑ์คอมพิวเตอร์",
                "1 พ.ย. 2565",
                "22,000",
                "ฝ่ายปกครอง",
                "ชั้น ๒",
            ],
            ["7440-003-0001/66", "เครื่องพิมพ์เลเซอร์", "คอมพิวเตอร์", "๒ ธ.ค. ๒๕๖๕", 2600, "ฝ่ายปกครอง", ""],
        ]
    )
    response = client.post(f"{BASE}/assets/import/", {"file": upload})
    assert response.status_code == 302
    assert Asset.objects.count() == 2
    printer = Asset.objects.get(number="7440-003-0001/66")
    assert (
        printer.category == "computer"
        and str(printer.price) == "2600.00"
        and str(printer.acquired_on) == "2022-12-02"
    )
    again = _xlsx(
        [
            HEADER,
            ["7440-003-0001/66", "เครื่องพิมพ์เลเซอร์ ขาวดำ", "คอมพิวเตอร์", "", "2600", "ฝ่ายปกครอง", "ห้อง ๒๐๑"],
        ]
    )
    assert client.post(f"{BASE}/assets/import/", {"file": again}).status_code == 302
    printer.refresh_from_db()
    assert (
        printer.name == "เครื่องพิมพ์เลเซอร์ ขาวดำ"
        and printer.location == "ห้อง ๒๐๑"
        and Asset.objects.count() == 2
    )


def test_an_import_with_bad_rows_reports_each_row_and_saves_nothing(world, login):
    upload = _xlsx(
        [
            HEADER,
            ["7440-001-0001/66", "เครื่องคอมพิวเตอร์", "", "", "22000", "ฝ่ายปกครอง", ""],
            ["7440-001-0002/66", "", "ยานอวกาศ", "31 ก.พ. 2566", "หนึ่งพัน", "ฝ่ายปกครอง", ""],
            ["7440-001-0003/66", "โต๊ะ", "", "", "", "ฝ่ายโยธา", ""],
            ["7440-001-0001/66", "ซ้ำ", "", "", "", "ฝ่ายปกครอง", ""],
        ]
    )
    response = login(world.officer).post(f"{BASE}/assets/import/", {"file": upload})
    page = response.content.decode()
    assert response.status_code == 422
    assert "แถวที่ 3" in page and "ไม่มีชื่อทรัพย์สิน" in page and "อ่านราคา" in page and "อ่านวันที่ได้มา" in page
    assert "แถวที่ 4" in page and "ไม่ใช่ฝ่ายที่ท่านดูแล" in page
    assert "แถวที่ 5" in page and "ซ้ำในไฟล์" in page
    assert not Asset.objects.exists()


def test_a_file_without_the_required_columns_or_not_a_spreadsheet_is_refused(world, login):
    client = login(world.coordinator)
    response = client.post(f"{BASE}/assets/import/", {"file": _xlsx([["ชื่อ"], ["x"]])})
    assert response.status_code == 422 and "ไม่พบคอลัมน์" in response.content.decode()
    html = SimpleUploadedFile("ทะเบียน.xlsx", b"<html><script>alert(1)</script></html>")
    assert client.post(f"{BASE}/assets/import/", {"file": html}).status_code == 422
    assert not Asset.objects.exists()


def test_the_label_sheet_is_a_pdf_whose_qr_codes_open_the_assets_staff_page(world, login, settings):
    settings.PRONGSAI_SITE_URL = "https://prongsai.example"
    asset = make_asset(world)
    response = login(world.auditor).get(f"{BASE}/assets/labels.pdf?asset={asset.pk}")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    from django.urls import reverse

    from prongsai.property.exports import qr_data_uri, site_url

    url = site_url(reverse("property:asset", kwargs={"agency": "pathumwan", "pk": asset.pk}))
    assert url == f"https://prongsai.example/staff/pathumwan/property/assets/{asset.pk}/"
    assert qr_data_uri(url).startswith("data:image/svg+xml;base64,")
    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert asset.number in text


def test_a_disposed_asset_cannot_change_status_again_and_every_change_is_a_status_event(world, login):
    asset = make_asset(world)
    client = login(world.officer)
    client.post(f"{BASE}/assets/{asset.pk}/status/", {"status": "disposed", "note": "ขายทอดตลาด"})
    asset.refresh_from_db()
    assert asset.status == AssetStatus.DISPOSED
    client.post(f"{BASE}/assets/{asset.pk}/status/", {"status": "available"})
    asset.refresh_from_db()
    assert asset.status == AssetStatus.DISPOSED
    assert [e.to_state for e in asset.events.order_by("pk")] == ["available", "disposed"]


def test_the_register_list_costs_the_same_queries_for_5_and_40_assets(
    world, login, django_assert_num_queries
):
    client = login(world.officer)
    for n in range(5):
        make_asset(world, number=f"A-{n}")
    client.get(f"{BASE}/")
    with django_assert_num_queries(11) as small:
        assert client.get(f"{BASE}/").status_code == 200
    small = len(small)  # now: the connection's log is a bounded deque
    for n in range(5, 40):
        make_asset(world, number=f"A-{n}", department=world.public_works)
    client.get(f"{BASE}/")
    with django_assert_num_queries(small):
        assert client.get(f"{BASE}/?department=&status=").status_code == 200
