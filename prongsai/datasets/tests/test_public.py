"""Public pages and downloads of datasets."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from prongsai.datasets import services

from .helpers import NOV, OCT, make_dataset

pytestmark = pytest.mark.django_db


def _fill(world, dataset):
    services.rows_replace(
        actor=world.coordinator,
        dataset=dataset,
        period=OCT,
        rows=[
            {"kind": "ภาษีป้าย", "count": 10, "amount": "1000.00", "paid_on": "2022-10-05"},
            {"kind": "<script>alert(1)</script>", "count": 2, "amount": "250.50", "paid_on": None},
        ],
    )
    services.rows_replace(
        actor=world.coordinator, dataset=dataset, period=NOV, rows=[{"kind": "ภาษีป้าย", "amount": "2000.00"}]
    )


def test_the_dataset_page_shows_the_table_by_period_with_totals_and_an_escaped_svg_chart(world, client):
    dataset = make_dataset(world, title='รายได้ <b>"ทดลอง"</b>')
    _fill(world, dataset)
    response = client.get(f"/pathumwan/datasets/{dataset.slug}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "<svg" in text and 'role="img"' in text and "<rect" in text
    assert "<script>alert(1)</script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<b>" not in text
    assert "ต.ค. 2565" in text and "พ.ย. 2565" in text
    assert "1,250.50" in text  # the October total, computed
    assert "ต.ค. 2565: 1,250.50 บาท" in text  # the chart's text alternative
    assert "5 ต.ค. 2565" in text


def test_downloads_csv_with_bom_xlsx_with_numbers_and_json(world, client):
    dataset = make_dataset(world)
    _fill(world, dataset)
    base = f"/pathumwan/datasets/{dataset.slug}"
    response = client.get(f"{base}.csv")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["ช่วงเวลา", "วันเริ่มต้น", "ประเภทรายได้", "จำนวนราย (ราย)", "จำนวนเงิน (บาท)", "วันที่รับเงิน"]
    assert rows[1][:5] == ["ต.ค. 2565", "2022-10-01", "ภาษีป้าย", "10", "1000.00"]
    response = client.get(f"{base}.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert 1000 in values and 10 in values and 250.5 in values
    data = json.loads(client.get(f"{base}.json").content)
    assert data["rows"][0]["amount"] == "1000.00" and data["rows"][0]["count"] == 10
    assert client.get(f"{base}.pdf").content.startswith(b"%PDF")
    assert client.get(f"{base}.exe").status_code == 404


def test_an_unpublished_dataset_is_not_found_publicly(world, client):
    dataset = make_dataset(world, published=False)
    assert client.get(f"/pathumwan/datasets/{dataset.slug}/").status_code == 404
    assert client.get(f"/pathumwan/datasets/{dataset.slug}.csv").status_code == 404
    assert dataset.title not in client.get("/pathumwan/datasets/").content.decode()


def test_another_agency_does_not_show_the_dataset(world, client):
    dataset = make_dataset(world)
    assert client.get(f"/nongchok/datasets/{dataset.slug}/").status_code == 404


def test_the_public_list_takes_the_same_queries_for_one_dataset_or_many(world, client):
    _fill(world, make_dataset(world, title="ชุดที่ 1"))
    client.get("/pathumwan/datasets/")
    with CaptureQueriesContext(connection) as one:
        assert client.get("/pathumwan/datasets/").status_code == 200
    for n in range(2, 6):
        _fill(world, make_dataset(world, title=f"ชุดที่ {n}", department=world.registration))
    client.get("/pathumwan/datasets/")  # the public menu, cached again after the change
    with CaptureQueriesContext(connection) as many:
        response = client.get("/pathumwan/datasets/")
    assert "ชุดที่ 5" in response.content.decode()
    assert len(many) == len(one) <= 10  # the agency, the nav links of each app, the list


def test_the_agency_nav_links_to_the_datasets_once_one_is_published(world, client):
    assert "/pathumwan/datasets/" not in client.get("/pathumwan/").content.decode()
    make_dataset(world)
    assert "/pathumwan/datasets/" in client.get("/pathumwan/").content.decode()
