import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.datasets import services
from prongsai.datasets.services import ColumnSpec

OCT = datetime.date(2022, 10, 1)
NOV = datetime.date(2022, 11, 1)

COLUMNS = [
    ColumnSpec("kind", "ประเภทรายได้", "text", required=True),
    ColumnSpec("count", "จำนวนราย", "integer", "ราย"),
    ColumnSpec("amount", "จำนวนเงิน", "money", "บาท", required=True),
    ColumnSpec("paid_on", "วันที่รับเงิน", "date"),
]


def make_dataset(world, *, department=None, published=True, title="รายได้ ค่าธรรมเนียม", code="o12"):
    dataset = services.dataset_create(
        actor=world.coordinator,
        agency=world.agency,
        department=department or world.administration,
        title=title,
        columns=COLUMNS,
        disclosure_item_code=code,
        chart_column="amount",
        slug_base="revenue",
    )
    if published:
        services.dataset_publish(actor=world.coordinator, dataset=dataset, publish=True)
    return dataset


def csv_upload(text: str, name="data.csv", bom=True) -> SimpleUploadedFile:
    data = ("\ufeff" if bom else "") + text
    return SimpleUploadedFile(name, data.encode("utf-8"), content_type="text/csv")


def xlsx_upload(rows: list[list], name="data.xlsx") -> SimpleUploadedFile:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile(name, out.getvalue())
