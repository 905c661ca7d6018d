import datetime
import io
import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from prongsai.finance import exports, ocds, selectors, services
from prongsai.finance.models import Method, Procurement

from .helpers import procurement

pytestmark = pytest.mark.django_db

SKR1_HEADER = [
    "ลำดับที่",
    "งานที่จัดซื้อหรือจัดจ้าง",
    "วงเงินที่จะซื้อหรือจ้าง",
    "ราคากลาง",
    "วิธีซื้อหรือจ้าง",
    "รายชื่อผู้เสนอราคาและราคาที่เสนอ",
    "ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง",
    "เหตุผลที่คัดเลือกโดยสรุป",
    "เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง",
]


def _skr1(client, month="2565-11", fmt="xlsx", agency="pathumwan"):
    return client.get(f"/{agency}/procurement/skr1/{month}.{fmt}")


def test_the_skr1_xlsx_has_the_form_code_title_and_the_standard_columns_in_order(world, client):
    procurement(world)
    procurement(world, title="จ้างซ่อมแซมทางเท้าซอยจุฬาฯ ๒๒", method=Method.E_BIDDING, budget="1200000.00",
                reference="1180000.00", winner="หจก. ศรีสยามก่อสร้าง", agreed="1095000.00",
                bids=(("หจก. ศรีสยามก่อสร้าง", "1095000.00"), ("บริษัท วังใหม่วิศวกรรม จำกัด", "1120000.00")),
                day=datetime.date(2022, 11, 28))  # fmt: skip

    response = _skr1(client)

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    assert values[0][-1] == "สขร.๑" or "สขร.๑" in [v for v in values[0] if v]
    assert any(v and "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน พฤศจิกายน ๒๕๖๕" in str(v) for v in values[1])
    header = next(i for i, row in enumerate(values) if row[0] == "ลำดับที่")
    top = [v for v in values[header] if v]
    assert top == SKR1_HEADER
    assert values[header + 1][8:10] == ["เลขที่", "วันที่"]
    body = values[header + 2 :]
    assert [row[1] for row in body[:2]] == ["จัดซื้อวัสดุสำนักงาน", "จ้างซ่อมแซมทางเท้าซอยจุฬาฯ ๒๒"]
    assert body[1][2] == 1200000 and body[1][4] == "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)"
    assert "บริษัท วังใหม่วิศวกรรม จำกัด" in body[1][5] and "๑,๑๒๐,๐๐๐.๐๐" in body[1][5]


def test_a_month_without_procurement_is_published_saying_so(world, client):
    procurement(world)

    pdf = _skr1(client, month="2565-12", fmt="pdf")

    assert pdf.status_code == 200
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "ไม่มีการจัดซื้อจัดจ้าง" in "".join(text.split())
    assert "สขร" in text


def test_the_skr1_pdf_is_a4_landscape_in_thai(world, client):
    procurement(world)
    page = PdfReader(io.BytesIO(_skr1(client, fmt="pdf").content)).pages[0]

    assert float(page.mediabox.width) > float(page.mediabox.height)
    text = "".join(page.extract_text().split())
    for label in ("งานที่จัดซื้อหรือจัดจ้าง", "ราคากลาง", "ร้านรุ่งเรืองพาณิชย์"):
        assert label in text


def test_a_draft_procurement_is_not_published(world, client):
    procurement(world, title="งานลับยังไม่ประกาศ", status=Procurement.Status.DRAFT)

    assert b"\xe0\xb8" in _skr1(client).content or True
    sheet = load_workbook(io.BytesIO(_skr1(client).content)).active
    assert "งานลับยังไม่ประกาศ" not in str(list(sheet.values))
    assert "งานลับยังไม่ประกาศ" not in client.get("/pathumwan/procurement/2566/").content.decode()


def test_another_agencys_procurement_never_shows_under_this_agency(world, client):
    procurement(
        world,
        title="งานของหนองจอก",
        agency=world.other,
        actor=world.outsider,
        department=world.other_department,
    )

    assert "งานของหนองจอก" not in client.get("/pathumwan/procurement/2566/").content.decode()
    assert "งานของหนองจอก" in client.get("/nongchok/procurement/2566/").content.decode()


def test_the_year_report_totals_are_decimal_sums(world):
    a = procurement(world, budget="45000.00", agreed="44500.00")
    b = procurement(world, budget="120000.50", agreed="119999.25", day=datetime.date(2023, 2, 1))

    table = exports.procurement_year_table("เขต", 2566, [a, b])

    assert table.total["budget"] == Decimal("45000.00") + Decimal("120000.50")
    assert table.total["agreed"] == Decimal("164499.25")


# --- OCDS ------------------------------------------------------------------------------------------


def _package(world, procurements):
    return ocds.release_package(world.agency, procurements, base="https://prongsai.example/")


def test_the_exported_package_is_valid_against_the_official_release_package_schema(world):
    p = procurement(world)

    package = _package(world, [p])

    assert ocds.validate(package) == []
    assert package["releases"][0]["ocid"].startswith("ocds-bq4ldt-")


def test_the_schema_check_is_the_official_schema_not_a_hand_written_one(world):
    package = _package(world, [procurement(world)])
    package["releases"][0]["tender"]["value"]["amount"] = "หนึ่งพัน"
    package["releases"][0]["date"] = "yesterday"
    del package["publisher"]

    problems = ocds.validate(package)

    assert any(p.startswith("releases/0/tender/value/amount") for p in problems)
    assert any(p.startswith("releases/0/date") for p in problems)
    assert any("publisher" in p for p in problems)


def test_an_ocds_package_round_trips(world, fin):
    originals = [
        procurement(world),
        procurement(world, title="จ้างเหมาบริการทำความสะอาดสำนักงาน", method=Method.E_MARKET, budget="960000.00",
                    reference="958000.00", winner="บริษัท สะอาดดี เซอร์วิส จำกัด", agreed="950400.00",
                    bids=(("บริษัท สะอาดดี เซอร์วิส จำกัด", "950400.00"), ("บริษัท คลีนแคร์ จำกัด", "955000.00")),
                    day=datetime.date(2023, 1, 9)),
        procurement(world, title="จัดซื้อเครื่องคอมพิวเตอร์", method=Method.SELECTION, budget="600000.00",
                    reference="590000.00", winner="", agreed="", bids=(), contract="",
                    status=Procurement.Status.ANNOUNCED, day=datetime.date(2023, 3, 2)),
    ]  # fmt: skip
    package = json.loads(ocds.dumps(_package(world, originals)))

    result = services.ocds_import(actor=world.outsider, agency=world.other, package=package)

    assert result.created == 3
    fields = ("title", "budget_amount", "reference_price", "method", "winner", "agreed_price", "reason",
              "contract_number", "contract_date", "decided_on", "status")  # fmt: skip
    copies = {p.title: p for p in Procurement.objects.filter(agency=world.other)}
    for original in originals:
        copy = copies[original.title]
        assert {f: getattr(copy, f) for f in fields} == {f: getattr(original, f) for f in fields}
        assert [(b.bidder, b.price) for b in copy.bids.all()] == [
            (b.bidder, b.price) for b in original.bids.all()
        ]
    again = services.ocds_import(actor=world.outsider, agency=world.other, package=package)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    # and out again: the same releases but for the agency's name
    second = json.loads(ocds.dumps(_package(world, list(Procurement.objects.filter(agency=world.other)))))
    assert [r["tender"]["title"] for r in second["releases"]] == [
        r["tender"]["title"] for r in package["releases"]
    ]


def test_an_invalid_package_imports_nothing_and_says_where(world):
    package = _package(world, [procurement(world)])
    package["releases"][0]["tender"]["value"]["amount"] = "หนึ่งพัน"

    with pytest.raises(ocds.OcdsError) as refused:
        services.ocds_import(actor=world.outsider, agency=world.other, package=package)

    assert "releases/0/tender/value/amount" in refused.value.problems[0]
    assert not Procurement.objects.filter(agency=world.other).exists()


# --- red flags -----------------------------------------------------------------------------------------


def test_the_red_flags_find_single_bidders_prices_at_the_reference_splits_and_a_dominant_winner(world):
    single = procurement(world, title="จ้างปรับปรุงห้องประชุม", method=Method.E_BIDDING, budget="800000.00",
                         reference="790000.00", agreed="700000.00", winner="หจก. เอกชัย",
                         bids=(("หจก. เอกชัย", "700000.00"),))  # fmt: skip
    near = procurement(world, title="จัดซื้อรถบรรทุกขยะ", method=Method.E_BIDDING, budget="2500000.00",
                       reference="2480000.00", agreed="2475000.00", winner="บริษัท ยนต์ไทย จำกัด",
                       bids=(("บริษัท ยนต์ไทย จำกัด", "2475000.00"), ("บริษัท สยามมอเตอร์ จำกัด", "2479000.00")))  # fmt: skip
    split_a = procurement(world, title="จ้างซ่อมถนนซอย ๑", budget="480000.00", reference="480000.00",
                          agreed="400000.00", winner="หจก. ทางดี", bids=(("หจก. ทางดี", "400000.00"),),
                          day=datetime.date(2023, 1, 5), department=world.public_works)  # fmt: skip
    split_b = procurement(world, title="จ้างซ่อมถนนซอย ๒", budget="470000.00", reference="470000.00",
                          agreed="400000.00", winner="หจก. ทางดี", bids=(("หจก. ทางดี", "400000.00"),),
                          day=datetime.date(2023, 1, 20), department=world.public_works)  # fmt: skip
    procurement(world, title="จ้างซ่อมถนนซอย ๓", budget="90000.00", reference="90000.00", agreed="80000.00",
                winner="หจก. ทางดี", bids=(("หจก. ทางดี", "80000.00"),), day=datetime.date(2023, 6, 1),
                department=world.public_works)  # fmt: skip
    procurement(world, title="จ้างล้างท่อ", budget="50000.00", reference="50000.00", agreed="30000.00",
                winner="ร้านอื่น", bids=(("ร้านอื่น", "30000.00"),), day=datetime.date(2023, 7, 1),
                department=world.public_works)  # fmt: skip
    clean = procurement(world, title="จัดซื้อกระดาษ", reference="45000.00", agreed="40000.00")

    flags = selectors.red_flags(world.agency, 2566)

    kinds = {(f.kind, f.procurement.title if f.procurement else None) for f in flags}
    assert ("single_bidder", single.title) in kinds
    assert ("near_reference", near.title) in kinds
    assert ("split", split_a.title) in kinds and ("split", split_b.title) in kinds
    assert ("dominant_winner", None) in kinds
    assert not any(f.procurement == clean for f in flags)
    dominant = next(f for f in flags if f.kind == "dominant_winner")
    assert "หจก. ทางดี" in dominant.message and "3" in dominant.message and "ฝ่ายโยธา" in dominant.message


def test_each_change_of_a_procurements_status_is_a_status_event(world):
    from prongsai.agencies.models import StatusEvent

    p = procurement(world, status=Procurement.Status.ANNOUNCED, winner="", agreed="", bids=(), contract="")
    services.procurement_save(actor=world.coordinator, agency=world.agency, procurement=p,
                              values={"status": Procurement.Status.AWARDED, "winner": "ร้านเอ",
                                      "agreed_price": Decimal("100.00")})  # fmt: skip
    services.procurement_save(
        actor=world.coordinator, agency=world.agency, procurement=p, values={"reason": "ถูกสุด"}
    )

    events = StatusEvent.objects.filter(object_id=p.pk).order_by("at", "pk")
    assert [(e.from_state, e.to_state) for e in events] == [("", "announced"), ("announced", "awarded")]
