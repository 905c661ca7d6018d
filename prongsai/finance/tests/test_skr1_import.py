import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from prongsai.finance import services
from prongsai.finance.models import Method, Procurement
from prongsai.finance.skr1_import import Skr1Error

from .helpers import procurement

pytestmark = pytest.mark.django_db


def test_an_skr1_sheet_the_platform_made_loads_back_as_the_same_records(world, client):
    originals = [
        procurement(world),
        procurement(world, title="จ้างซ่อมแซมทางเท้าซอยจุฬาฯ ๒๒", method=Method.E_BIDDING, budget="1200000.00",
                    reference="1180000.00", winner="หจก. ศรีสยามก่อสร้าง", agreed="1095000.00",
                    bids=(("หจก. ศรีสยามก่อสร้าง", "1095000.00"), ("บริษัท วังใหม่วิศวกรรม จำกัด", "1120000.00")),
                    day=datetime.date(2022, 11, 20)),
    ]  # fmt: skip
    sheet = client.get("/pathumwan/procurement/skr1/2565-11.xlsx").content

    result = services.skr1_import(
        actor=world.outsider, agency=world.other, department=world.other_department, upload=sheet, fmt="xlsx"
    )

    assert result.created == 2
    fields = ("title", "budget_amount", "reference_price", "method", "winner", "agreed_price", "reason",
              "contract_number", "contract_date")  # fmt: skip
    copies = {p.title: p for p in Procurement.objects.filter(agency=world.other)}
    for original in originals:
        copy = copies[original.title]
        assert {f: getattr(copy, f) for f in fields} == {f: getattr(original, f) for f in fields}
        assert copy.decided_on.replace(day=1) == datetime.date(2022, 11, 1)
        assert [(b.bidder, b.price) for b in copy.bids.all()] == [
            (b.bidder, b.price) for b in original.bids.all()
        ]
    again = services.skr1_import(
        actor=world.outsider, agency=world.other, department=world.other_department, upload=sheet, fmt="xlsx"
    )
    assert (again.created, again.unchanged) == (0, 2)


def _sheet(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_every_unreadable_row_is_reported_and_nothing_is_loaded(world):
    data = _sheet(
        [
            ["สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน มกราคม ๒๕๖๖"],
            ["ลำดับที่", "งานที่จัดซื้อหรือจัดจ้าง", "วงเงินที่จะซื้อหรือจ้าง", "ราคากลาง", "วิธีซื้อหรือจ้าง",
             "รายชื่อผู้เสนอราคาและราคาที่เสนอ", "ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง",
             "เหตุผลที่คัดเลือกโดยสรุป", "เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง", None],
            [1, "จัดซื้อน้ำดื่ม", 5000, 5000, "เฉพาะเจาะจง", "ร้านน้ำใส ราคา 4,800.00 บาท",
             "ร้านน้ำใส ราคา 4,800.00 บาท", "ราคาต่ำสุด", "ปท.1/2566", "12 ม.ค. 66"],
            [2, "จ้างพิมพ์เอกสาร", "ห้าพัน", 5000, "เฉพาะเจาะจง", "", "", "", "", ""],
            [3, "จ้างเหมารถ", 9000, 9000, "ประมูลพิเศษ", "", "", "", "", ""],
        ]
    )  # fmt: skip

    with pytest.raises(Skr1Error) as refused:
        services.skr1_import(actor=world.coordinator, agency=world.agency, department=world.administration,
                             upload=data, fmt="xlsx")  # fmt: skip

    assert [p.split(":")[0] for p in refused.value.problems] == ["แถวที่ 4", "แถวที่ 5"]
    assert "ห้าพัน" in refused.value.problems[0] and "ประมูลพิเศษ" in refused.value.problems[1]
    assert not Procurement.objects.exists()


def test_the_skr1_import_page_is_for_those_who_record_procurement(world, login):
    data = SimpleUploadedFile("skr1.xlsx", _sheet([["x"]]))
    assert (
        login(world.auditor)
        .post("/staff/pathumwan/finance/procurement/import/skr1/", {"file": data})
        .status_code
        == 403
    )
    assert login(world.outsider).get("/staff/pathumwan/finance/procurement/import/skr1/").status_code == 404
    assert login(world.officer).get("/staff/pathumwan/finance/procurement/import/skr1/").status_code == 200
