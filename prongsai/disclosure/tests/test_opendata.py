import csv
import io
import json
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from prongsai.disclosure import services
from prongsai.disclosure.models import Catalogue

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
BASE = "http://testserver"
# What a harvester into the Thai GD Catalog (ckanext-thai_gdc) needs of every dataset.
GDC_FIELDS = (
    "thgdc:name",
    "thgdc:data_type",
    "thgdc:objective",
    "thgdc:update_frequency_unit",
    "thgdc:geo_coverage",
    "thgdc:data_source",
    "thgdc:data_format",
    "thgdc:data_category",
    "thgdc:license_id",
    "thgdc:maintainer",
    "thgdc:tag_string",
    "thgdc:data_language",
    "thgdc:accessible_condition",
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def district(world):
    services.catalogues_load_shipped()
    catalogue = Catalogue.objects.get(scheme="bangkok-district", year=2566)
    services.catalogue_adopt(actor=world.coordinator, agency=world.agency, catalogue=catalogue)
    services.catalogue_adopt(actor=world.outsider, agency=world.other, catalogue=catalogue)
    return catalogue


def xlsx_bytes(*rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def publish(world, catalogue, code, *, agency=None, approve=True, **kwargs):
    agency = agency or world.agency
    actor = world.officer if agency == world.agency else world.outsider
    kwargs.setdefault("kind", "file")
    kwargs.setdefault("title", "เอกสาร")
    if kwargs["kind"] == "file":
        kwargs.setdefault("upload", SimpleUploadedFile("x.pdf", PDF))
    publication = services.publication_create(
        actor=actor, agency=agency, item=catalogue.items.get(code=code), **kwargs
    )
    if approve:
        reviewer = world.coordinator if agency == world.agency else world.other_director
        services.publication_review(actor=reviewer, publication=publication, approve=True)
    return publication


@pytest.fixture
def published(world, district):
    """Entries of every kind and state in pathumwan, and one in the other agency."""
    return {
        "pdf": publish(world, district, "o04", title="กฎหมายที่เกี่ยวข้อง"),
        "xlsx": publish(
            world,
            district,
            "o12",
            title="สถิติการให้บริการ ๒๕๖๖",
            upload=SimpleUploadedFile("สถิติ.xlsx", xlsx_bytes(["เดือน", "จำนวน"], ["ต.ค.", 10])),
        ),
        "link": publish(
            world, district, "o11", kind="link", title="E-Service", url="https://eservice.example.org/"
        ),
        "page": publish(world, district, "o06", kind="page", title="ติดต่อเรา", body="โทร ๐ ๒๒๑๔ ๑๒๓๔"),
        "waiting": publish(world, district, "o04", title="ยังไม่อนุมัติ", approve=False),
        "future": publish(
            world, district, "o07", title="ข่าวล่วงหน้า", publish_at=timezone.now() + timedelta(days=2)
        ),
        "other": publish(world, district, "o04", title="ของหนองจอก", agency=world.other),
    }


def rows_by_code(csv_bytes: bytes) -> dict[str, dict]:
    reader = csv.DictReader(io.StringIO(csv_bytes.decode("utf-8-sig")))
    return {row["code"]: row for row in reader}


def test_the_oit_index_downloads_as_csv_with_a_bom_and_one_row_per_item(world, published, client):
    response = client.get("/pathumwan/oit/2566/index.csv")
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment")
    assert response.content.startswith("\ufeff".encode())
    rows = rows_by_code(response.content)
    assert len(rows) == 30
    assert list(next(iter(rows.values()))) == [
        "code",
        "sub_indicator_code",
        "sub_indicator",
        "title",
        "public_entries",
        "item_url",
        "urls",
    ]
    o04 = rows["O04"]
    assert o04["public_entries"] == "1"  # not the one waiting for approval, not the other agency's
    assert o04["item_url"] == f"{BASE}/pathumwan/oit/2566/o04/"
    assert o04["urls"] == f"{BASE}/pathumwan/oit/2566/o04/files/{published['pdf'].token}/"
    assert rows["O11"]["urls"] == "https://eservice.example.org/"
    assert rows["O06"]["urls"] == f"{BASE}/pathumwan/oit/2566/o06/#page-{published['page'].token}"
    assert rows["O07"]["public_entries"] == "0" and rows["O07"]["urls"] == ""  # scheduled, not yet public


def test_the_oit_index_downloads_as_json_with_the_same_rows(world, published, client):
    response = client.get("/pathumwan/oit/2566/index.json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["agency"]["slug"] == "pathumwan" and data["catalogue"]["year"] == 2566
    items = {i["code"]: i for i in data["items"]}
    assert len(items) == 30
    assert items["O12"]["public_entries"] == 1 and items["O12"]["urls"][0].startswith(f"{BASE}/pathumwan/")
    assert items["O04"]["urls"] == [f"{BASE}/pathumwan/oit/2566/o04/files/{published['pdf'].token}/"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_the_oit_index_downloads_as_xlsx_with_numbers_that_add_up(world, published, client):
    response = client.get("/pathumwan/oit/2566/index.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    o04 = next(row for row in rows if row[0] == "O04")
    assert o04[3] == 1 and isinstance(o04[3], int)
    assert o04[4] == f"{BASE}/pathumwan/oit/2566/o04/"
    assert sum(1 for row in rows if row[0] and str(row[0]).startswith("O") and len(str(row[0])) == 3) == 30


@pytest.mark.parametrize(
    "path",
    [
        "/pathumwan/oit/2566/index.pdf",
        "/pathumwan/oit/2570/index.csv",
        "/nobody/oit/2566/index.csv",
        "/pathumwan/oit/2566/index.CSV",
    ],
)
def test_an_unknown_format_year_or_agency_is_not_found(world, district, client, path):
    assert client.get(path).status_code == 404


def test_a_year_the_agency_has_not_adopted_is_not_found(world, client):
    services.catalogues_load_shipped()
    assert client.get("/pathumwan/oit/2566/index.csv").status_code == 404


def test_the_index_download_takes_a_fixed_number_of_queries(
    world, published, client, django_assert_max_num_queries
):
    # fixed: the catalogue, items and entries, plus one query per item generated from another module (~15,
    # the e-service's seven items o10-o16 and the integrity register's o23-o25 and o27)
    with django_assert_max_num_queries(12 + 15 + 7 + 4):
        assert client.get("/pathumwan/oit/2566/index.csv").status_code == 200


# --- DCAT -----------------------------------------------------------------------------------------------


def catalog_of(client, slug="pathumwan") -> dict:
    response = client.get(f"/{slug}/data/catalog.jsonld")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    return json.loads(response.content)


def walk(node):
    """Every dict inside a JSON-LD document."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


def test_the_dcat_catalogue_is_json_ld_with_the_expected_types_and_absolute_addresses(
    world, published, client
):
    from prongsai.plans.tests.helpers import publish_seed as import_seed  # published: reviewed

    import_seed(world)
    catalog = catalog_of(client)
    context = catalog["@context"]
    assert context["dcat"] == "http://www.w3.org/ns/dcat#"
    assert context["dct"] == "http://purl.org/dc/terms/" and context["foaf"] == "http://xmlns.com/foaf/0.1/"
    assert catalog["@type"] == "dcat:Catalog" and catalog["@id"] == f"{BASE}/pathumwan/data/catalog.jsonld"
    assert catalog["dct:publisher"]["@type"] == "foaf:Organization"
    assert catalog["dct:publisher"]["foaf:name"]["@value"] == "สำนักงานเขตปทุมวัน"
    for node in walk(catalog):
        for key in node:
            if not key.startswith("@"):
                assert key.split(":")[0] in context, key  # every term's prefix is declared
        if "@id" in node:
            assert node["@id"].startswith(("http://", "https://")), node["@id"]
    datasets = {d["dct:identifier"]: d for d in catalog["dcat:dataset"]}
    assert {d["@type"] for d in datasets.values()} == {"dcat:Dataset"}
    assert set(datasets) == {
        "pathumwan-plan-2566",
        "pathumwan-oit-2566",
        f"pathumwan-oit-2566-o12-{published['xlsx'].token}".lower(),  # a table; the PDF is not one
    }
    plan = datasets["pathumwan-plan-2566"]
    urls = {d["dcat:accessURL"]["@id"] for d in plan["dcat:distribution"]}
    assert urls == {f"{BASE}/pathumwan/plan/2566/"} | {
        f"{BASE}/pathumwan/plan/2566/plan.{f}" for f in ("pdf", "docx", "xlsx", "csv", "json")
    }
    assert {d["@type"] for d in plan["dcat:distribution"]} == {"dcat:Distribution"}
    index = datasets["pathumwan-oit-2566"]
    assert {d["dct:format"] for d in index["dcat:distribution"]} == {"CSV", "XLS", "JSON", "HTML"}
    assert index["dct:modified"]["@type"] == "xsd:dateTime"
    table = datasets[f"pathumwan-oit-2566-o12-{published['xlsx'].token}".lower()]
    (file,) = table["dcat:distribution"]
    assert (
        file["dcat:downloadURL"]["@id"] == f"{BASE}/pathumwan/oit/2566/o12/files/{published['xlsx'].token}/"
    )
    assert int(file["dcat:byteSize"]["@value"]) > 0
    assert table["dct:title"] == {"@value": "สถิติการให้บริการ ๒๕๖๖", "@language": "th"}
    assert catalog["dct:modified"]["@value"]


def test_every_dataset_carries_the_fields_the_thai_gd_catalog_asks_for(world, published, client):
    from prongsai.plans.tests.helpers import publish_seed as import_seed  # published: reviewed

    import_seed(world)
    catalog = catalog_of(client)
    assert catalog["@context"]["thgdc"].endswith("ckan_dataset.json#")
    for dataset in catalog["dcat:dataset"]:
        for field in GDC_FIELDS:
            assert dataset.get(field), (dataset["dct:identifier"], field)
        assert dataset["thgdc:license_id"] == "Open Data Common"
        assert dataset["thgdc:data_category"] == "ข้อมูลสาธารณะ"
        assert dataset["thgdc:data_source"] == dataset["thgdc:maintainer"] == "สำนักงานเขตปทุมวัน"
        assert dataset["thgdc:geo_coverage"] == "อำเภอ"  # a district office
        assert dataset["thgdc:data_language"] == ["ไทย"]
        assert dataset["dct:spatial"]["skos:prefLabel"]["@value"] == "สำนักงานเขตปทุมวัน"
        assert dataset["dct:license"]["@id"] == "https://creativecommons.org/licenses/by/4.0/"
        assert dataset["dct:language"]["@id"].endswith("/th")
    plan = next(d for d in catalog["dcat:dataset"] if d["dct:identifier"] == "pathumwan-plan-2566")
    assert plan["thgdc:update_frequency_unit"] == "ปี" and plan["thgdc:update_frequency_interval"] == "1"
    assert (
        plan["thgdc:data_format"] == ["CSV", "HTML", "JSON", "PDF", "XLS", "อื่นๆ"]
        and plan["thgdc:data_format_other"] == "DOCX"
    )


def test_the_catalogue_holds_only_this_agencys_public_data(world, published, client):
    body = json.dumps(catalog_of(client), ensure_ascii=False)
    assert published["other"].token not in body and published["waiting"].token not in body
    other = catalog_of(client, "nongchok")
    assert [d["dct:identifier"] for d in other["dcat:dataset"]] == ["nongchok-oit-2566"]
    assert client.get("/nobody/data/catalog.jsonld").status_code == 404


def test_an_agency_with_nothing_published_has_an_empty_catalogue(world, client):
    catalog = catalog_of(client)
    assert catalog["@type"] == "dcat:Catalog" and catalog["dcat:dataset"] == []
    assert "dct:modified" not in catalog


def test_no_personal_data_in_any_open_data_output(world, published, client):
    from prongsai.plans.tests.helpers import publish_seed as import_seed  # published: reviewed

    import_seed(world)
    outputs = [
        client.get(path).content.decode("utf-8-sig")
        for path in (
            "/pathumwan/oit/2566/index.csv",
            "/pathumwan/oit/2566/index.json",
            "/pathumwan/data/catalog.jsonld",
        )
    ]
    sheet = load_workbook(io.BytesIO(client.get("/pathumwan/oit/2566/index.xlsx").content)).active
    outputs.append(" ".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row if v))
    for user in (world.officer, world.coordinator, world.director, world.outsider):
        for output in outputs:
            assert user.username not in output
            assert not user.email or user.email not in output
    assert all("สถิติ.xlsx" not in output for output in outputs)  # the uploaded file's own name


def test_the_catalogue_takes_a_fixed_number_of_queries(
    world, published, client, django_assert_max_num_queries
):
    # One query per module that offers datasets (the e-service's span, finance's budgets, property's "in use").
    with django_assert_max_num_queries(14):
        catalog_of(client)
