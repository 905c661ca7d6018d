"""Back-office pages: who may read, who may change, and the entry grid."""

import pytest
from django.urls import reverse

from prongsai.datasets.models import Dataset, DatasetRow

from .helpers import OCT, csv_upload, make_dataset

pytestmark = pytest.mark.django_db


def _url(name, dataset, **kwargs):
    return reverse(f"datasets:{name}", kwargs={"agency": "pathumwan", "slug": dataset.slug, **kwargs})


def test_readers_see_the_list_and_the_dataset_but_cannot_change_it(world, login):
    dataset = make_dataset(world)
    for user in (world.director, world.auditor):
        client = login(user)
        assert client.get(reverse("datasets:list", kwargs={"agency": "pathumwan"})).status_code == 200
        page = client.get(_url("detail", dataset))
        assert page.status_code == 200 and _url("edit", dataset).encode() not in page.content
        assert client.get(_url("edit", dataset)).status_code == 403
        assert client.get(_url("import", dataset)).status_code == 403
        assert client.post(_url("publish", dataset), {"publish": "0"}).status_code == 403
    assert Dataset.objects.get().is_published


def test_a_complaint_handler_has_no_access_and_an_outsider_gets_not_found(world, login):
    dataset = make_dataset(world)
    client = login(world.complaint_handler)
    assert client.get(reverse("datasets:list", kwargs={"agency": "pathumwan"})).status_code == 403
    assert client.get(_url("detail", dataset)).status_code == 403
    client = login(world.outsider)
    assert client.get(_url("detail", dataset)).status_code == 404
    assert client.post(_url("publish", dataset), {"publish": "0"}).status_code == 404


def test_an_officer_of_another_department_cannot_change_the_dataset(world, login):
    dataset = make_dataset(world)  # of ฝ่ายปกครอง
    client = login(world.works_officer)
    assert client.get(_url("detail", dataset)).status_code == 200
    assert client.get(_url("rows", dataset, period="2565-10")).status_code == 403
    response = client.post(_url("import", dataset), {"file": csv_upload("ประเภทรายได้,จำนวนเงิน\nก,1\n")})
    assert response.status_code == 403
    assert not DatasetRow.objects.exists()


def test_an_officer_creates_a_dataset_only_for_their_own_department(world, login):
    client = login(world.officer)
    url = reverse("datasets:create", kwargs={"agency": "pathumwan"})
    data = {
        "title": "ใบอนุญาตหาบเร่แผงลอย",
        "frequency": "monthly",
        "col-TOTAL_FORMS": "3",
        "col-INITIAL_FORMS": "0",
        "col-0-label": "จุดผ่อนผัน",
        "col-0-kind": "text",
        "col-1-label": "จำนวนผู้ค้า",
        "col-1-key": "vendors",
        "col-1-kind": "integer",
        "col-1-unit": "ราย",
        "col-1-required": "on",
        "col-2-kind": "text",
    }
    refused = client.post(url, {**data, "department": world.public_works.pk})
    assert refused.status_code == 422 and not Dataset.objects.exists()
    response = client.post(url, {**data, "department": world.administration.pk})
    assert response.status_code == 302
    dataset = Dataset.objects.get()
    assert [(c.key, c.kind, c.required) for c in dataset.columns.all()] == [
        ("col1", "text", False),
        ("vendors", "integer", True),
    ]
    assert not dataset.is_published and dataset.slug.startswith("data-")


def test_entering_a_period_in_the_grid_replaces_its_rows_and_reports_bad_cells(world, login):
    dataset = make_dataset(world)
    client = login(world.officer)
    url = _url("rows", dataset, period="2565-10")
    assert client.get(url).status_code == 200
    bad = client.post(url, {"rows": "2", "r0-kind": "ภาษีป้าย", "r0-amount": "สิบ", "r1-amount": "5"})
    assert bad.status_code == 422
    assert "ไม่ใช่จำนวนเงินที่อ่านได้" in bad.content.decode() and not DatasetRow.objects.exists()
    good = client.post(
        url, {"rows": "3", "r0-kind": "ภาษีป้าย", "r0-amount": "๑,๐๐๐", "r0-paid_on": "5 ต.ค. 65"}
    )
    assert good.status_code == 302
    row = DatasetRow.objects.get()
    assert row.period == OCT and row.values["amount"] == "1000.00" and row.values["paid_on"] == "2022-10-05"
    again = client.post(url, {"rows": "1", "r0-kind": "ค่าปรับ", "r0-amount": "5"})
    assert again.status_code == 302
    assert [r.values["kind"] for r in DatasetRow.objects.all()] == ["ค่าปรับ"]


def test_the_import_page_lists_every_bad_row(world, login):
    dataset = make_dataset(world)
    client = login(world.officer)
    upload = csv_upload("ประเภทรายได้,จำนวนเงิน\nก,x\n,1\n")
    response = client.post(_url("import", dataset), {"file": upload, "period": "ต.ค. 2565"})
    assert response.status_code == 422
    text = response.content.decode()
    assert "พบปัญหา 2 จุด" in text and "ต้องกรอก" in text and "ไม่ใช่จำนวนเงินที่อ่านได้" in text
    ok = client.post(
        _url("import", dataset), {"file": csv_upload("ประเภทรายได้,จำนวนเงิน\nก,1\n"), "period": "2565-10"}
    )
    assert ok.status_code == 302 and DatasetRow.objects.count() == 1


def test_the_coordinator_publishes_and_withdraws(world, login):
    dataset = make_dataset(world, published=False)
    client = login(world.coordinator)
    client.post(_url("publish", dataset), {"publish": "1"})
    assert Dataset.objects.get().is_published
    client.post(_url("publish", dataset), {"publish": "0"})
    assert not Dataset.objects.get().is_published


def _no_sheet_xlsx():
    import io
    import zipfile

    from django.core.files.uploadedfile import SimpleUploadedFile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return SimpleUploadedFile("ว่าง.xlsx", out.getvalue())


def test_malformed_files_are_answered_422_with_the_reason_and_nothing_saved(world, login):
    dataset = make_dataset(world)
    client = login(world.officer)
    for upload, reason in (
        (_no_sheet_xlsx(), "Excel"),
        (csv_upload("ประเภทรายได้,จำนวนเงิน\nก," + "9" * 200_000 + "\n"), "ยาวเกิน"),
        (csv_upload("ประเภทรายได้,จำนวนเงิน\nก,NaN\n"), "ไม่ใช่จำนวนเงิน"),
    ):
        response = client.post(_url("import", dataset), {"file": upload, "period": "ต.ค. 2565"})
        assert response.status_code == 422 and reason in response.content.decode(), reason
    assert DatasetRow.objects.count() == 0
