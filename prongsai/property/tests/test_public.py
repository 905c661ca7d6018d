"""The public side: the lending form for people outside (no account, bounded, throttled, a random tracking
code), the booking calendar with dates only, the donation list and the seized-goods statistics without
personal data, every table as CSV/XLSX/JSON/PDF, and item 29 generated through the provider interface."""

import datetime
import json
from decimal import Decimal

import pytest

from prongsai.property import services
from prongsai.property.models import Donation, Loan, LoanState

from .helpers import freeze_time, make_asset, make_city_law, make_item

pytestmark = pytest.mark.django_db

PUB = "/pathumwan/property"


def _form(**extra):
    data = {
        "borrower_name": "นางสมศรี มีสุข",
        "borrower_phone": "0812345678",
        "borrower_email": "",
        "purpose": "งานทำบุญชุมชนบ่อนไก่",
        "starts_on": "10 เม.ย. 2566",
        "ends_on": "11 เม.ย. 2566",
        "consent": "on",
        "website": "",
    }
    data.update(extra)
    return data


@freeze_time("2023-03-15")
def test_a_person_asks_to_borrow_a_tent_without_an_account_and_follows_it_by_code(world, client):
    tent = make_asset(world, lendable=True)
    response = client.post(f"{PUB}/lend/{tent.public_code}/", _form())
    loan = Loan.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{PUB}/lend/track/{loan.code}/"
    assert loan.borrower_kind == "public" and loan.requested_by is None and loan.state == LoanState.REQUESTED
    page = client.get(response["Location"]).content.decode()
    assert loan.code in page and "รออนุมัติ" in page
    assert "สมศรี" not in page and "0812345678" not in page
    # typed in lower case without dashes, as people do
    typed = client.get(f"{PUB}/lend/track/?code={loan.code.replace('-', '').lower()}")
    assert typed.status_code == 302


@freeze_time("2023-03-15")
def test_the_booking_calendar_shows_booked_days_but_never_who(world, client):
    tent = make_asset(world, lendable=True)
    loan = client.post(f"{PUB}/lend/{tent.public_code}/", _form()) and Loan.objects.get()
    services.loan_approve(actor=world.coordinator, loan=loan)
    page = client.get(f"{PUB}/lend/{tent.public_code}/").content.decode()
    assert 'class="booked"' in page and "10 เม.ย. 2566" in page
    assert "สมศรี" not in page and "บ่อนไก่" not in page and "0812345678" not in page
    refused = client.post(f"{PUB}/lend/{tent.public_code}/", _form(borrower_name="นายวิชัย ใจดี"))
    assert refused.status_code == 422 and "ทับกับการจองที่มีอยู่แล้ว" in refused.content.decode()
    assert Loan.objects.count() == 1


@freeze_time("2023-03-15")
def test_an_asset_not_lendable_to_the_public_has_no_public_page(world, client):
    computer = make_asset(world)
    assert client.get(f"{PUB}/lend/{computer.public_code}/").status_code == 404
    assert client.post(f"{PUB}/lend/{computer.public_code}/", _form()).status_code == 404
    assert client.get(f"{PUB}/lend/{computer.pk}/").status_code == 404
    assert not Loan.objects.exists()


@freeze_time("2023-03-15")
@pytest.mark.parametrize(
    "bad",
    [
        {"consent": ""},
        {"borrower_phone": ""},
        {"starts_on": "10 เม.ย. 2566", "ends_on": "9 เม.ย. 2566"},
        {"starts_on": "1 มี.ค. 2566", "ends_on": "2 มี.ค. 2566"},
        {"starts_on": "1 เม.ย. 2566", "ends_on": "30 มิ.ย. 2566"},
        {"starts_on": "สงกรานต์"},
        {"purpose": "ก" * 2001},
        {"website": "http://spam.example"},
    ],
)
def test_a_bad_public_request_is_refused_with_the_form_again_and_nothing_saved(world, client, bad):
    tent = make_asset(world, lendable=True)
    response = client.post(f"{PUB}/lend/{tent.public_code}/", _form(**bad))
    assert response.status_code == 422
    assert not Loan.objects.exists()


@freeze_time("2023-03-15")
def test_the_public_form_is_throttled(world, client):
    tent = make_asset(world, lendable=True)
    codes = []
    for day in range(1, 7):
        response = client.post(
            f"{PUB}/lend/{tent.public_code}/", _form(starts_on=f"{day} พ.ค. 2566", ends_on=f"{day} พ.ค. 2566")
        )
        codes.append(response.status_code)
    assert codes == [302] * 5 + [429]
    assert Loan.objects.count() == 5


def test_wrong_tracking_codes_are_answered_alike_and_throttled(world, client):
    assert client.get(f"{PUB}/lend/track/ABCD-EFGH-JK/").status_code == 404
    assert client.get(f"{PUB}/lend/track/not-a-code/").status_code == 404
    for _n in range(20):
        client.get(f"{PUB}/lend/track/ABCD-EFGH-JK/")
    assert client.get(f"{PUB}/lend/track/").status_code == 429


def _donations(world):
    common = {
        "purpose": "ช่วยเหลือผู้ประสบอัคคีภัย",
        "department": world.administration,
        "quantity": 10,
        "unit": "ถุง",
        "donor_contact": "0899999999 ซอยพระเจน",
    }
    services.donation_record(
        actor=world.coordinator,
        agency=world.agency,
        received_on=datetime.date(2023, 1, 5),
        donor_kind="person",
        donor_name="นายสุรชัย เรืองศรี",
        anonymous=False,
        description="ถุงยังชีพ",
        value=Decimal("4500.00"),
        **common,
    )
    services.donation_record(
        actor=world.coordinator,
        agency=world.agency,
        received_on=datetime.date(2023, 2, 5),
        donor_kind="organisation",
        donor_name="มูลนิธิเพื่อนชุมชนปทุมวัน",
        anonymous=False,
        description="เครื่องวัดความดัน",
        value=Decimal("18500.00"),
        **common,
    )
    services.donation_record(
        actor=world.coordinator,
        agency=world.agency,
        received_on=datetime.date(2023, 3, 5),
        donor_kind="organisation",
        donor_name="บริษัท ไม่ออกนาม จำกัด",
        anonymous=True,
        description="น้ำดื่ม",
        value=Decimal("1200.50"),
        **common,
    )


def test_the_donation_list_names_organisations_but_no_private_donor_and_adds_up(world, client):
    _donations(world)
    page = client.get(f"{PUB}/donations/2566/").content.decode()
    assert "มูลนิธิเพื่อนชุมชนปทุมวัน" in page and "บุคคลทั่วไป" in page and "ผู้บริจาคไม่ประสงค์ออกนาม" in page
    assert "สุรชัย" not in page and "ไม่ออกนาม จำกัด" not in page and "0899999999" not in page
    assert "๒๔,๒๐๐.๕๐" in page  # the total, computed
    for fmt in ("csv", "xlsx", "json", "pdf"):
        response = client.get(f"{PUB}/donations/2566.{fmt}")
        assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
        assert "สุรชัย".encode() not in response.content and b"0899999999" not in response.content
    rows = json.loads(client.get(f"{PUB}/donations/2566.json").content)["rows"]
    assert [r["donor"] for r in rows] == ["บุคคลทั่วไป", "มูลนิธิเพื่อนชุมชนปทุมวัน", "ผู้บริจาคไม่ประสงค์ออกนาม"]


def test_a_donation_registered_as_an_asset_must_name_it(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.donation_record(
            actor=world.coordinator,
            agency=world.agency,
            received_on=datetime.date(2023, 1, 5),
            donor_kind="person",
            donor_name="x",
            description="เต็นท์",
            quantity=1,
            unit="หลัง",
            value=Decimal("100"),
            purpose="x",
            department=world.administration,
            disposition=Donation.Disposition.ASSET,
        )
    assert not Donation.objects.exists()


@freeze_time("2023-03-20")
def test_the_seized_goods_statistics_count_by_month_without_names_or_cases(world, client):
    make_city_law(world)
    returned = make_item(world, seized_on=datetime.date(2023, 2, 3), owner="นายเจ้าของ คืนแล้ว")
    make_item(world, seized_on=datetime.date(2023, 3, 1))
    event = services.custody_record(
        actor=world.city_officer,
        item=returned,
        kind="returned_owner",
        to_holder="เจ้าของ",
        occurred_on=datetime.date(2023, 2, 10),
    )
    services.custody_sign(actor=world.city_officer2, event=event)
    stats = __import__("prongsai.property.selectors", fromlist=["x"]).seized_statistics(
        world.agency, 2566, datetime.date(2023, 3, 20)
    )
    by_month = {m.month.month: (m.received, m.returned, m.in_store) for m in stats.months}
    assert by_month[2] == (1, 1, 0) and by_month[3] == (1, 0, 1) and by_month[10] == (0, 0, 0)
    page = client.get(f"{PUB}/seized/2566/").content.decode()
    assert "เจ้าของ คืนแล้ว" not in page and "12/2566" not in page and "ทก.1234" not in page
    for fmt in ("csv", "xlsx", "json", "pdf"):
        response = client.get(f"{PUB}/seized/2566.{fmt}")
        assert response.status_code == 200
        assert "เจ้าของ คืนแล้ว".encode() not in response.content


@freeze_time("2023-03-20")
def test_every_public_page_answers_and_none_shows_personal_data(world, client):
    make_city_law(world)
    tent = make_asset(world, lendable=True)
    _donations(world)
    make_item(world, owner="นายเจ้าของ ของกลาง")
    services.loan_request(
        agency=world.agency,
        asset=tent,
        borrower_name="นางสมศรี มีสุข",
        borrower_phone="0812345678",
        purpose="งาน",
        starts_on=datetime.date(2023, 4, 1),
        ends_on=datetime.date(2023, 4, 1),
    )
    for path in [
        "/",
        "/rules/",
        "/donations/2566/",
        "/seized/2566/",
        "/lend/",
        f"/lend/{tent.public_code}/",
        "/lend/track/",
        "/measures.pdf",
        "/lend/assets.csv",
        "/lend/assets.json",
        "/lend/assets.xlsx",
        "/lend/assets.pdf",
    ]:
        response = client.get(PUB + path)
        assert response.status_code == 200, path
        for secret in ("สมศรี", "0812345678", "สุรชัย", "เจ้าของ ของกลาง", "0899999999"):
            assert secret.encode() not in response.content, (path, secret)


def test_a_year_out_of_range_and_an_unknown_format_are_not_found(world, client):
    assert client.get(f"{PUB}/donations/1999/").status_code == 404
    assert client.get(f"{PUB}/donations/2566.exe").status_code == 404
    assert client.get("/nobody-here/property/").status_code == 404


@freeze_time("2023-03-20")
def test_item_29_is_generated_from_the_records_as_page_and_pdf(world, client):
    from prongsai.disclosure import services as oit
    from prongsai.disclosure.models import Catalogue
    from prongsai.disclosure.providers import generated_entries

    oit.catalogues_load_shipped()
    catalogue = Catalogue.objects.get(scheme="bangkok-district", year=2566)
    item = catalogue.items.get(code="o29")
    assert generated_entries(world.agency, item) == []  # nothing kept here yet: nothing generated
    make_city_law(world)
    make_item(world)
    _donations(world)
    entries = generated_entries(world.agency, item)
    urls = [e.url for e in entries]
    assert urls == [
        f"{PUB}/",
        f"{PUB}/measures.pdf",
        f"{PUB}/rules/",
        f"{PUB}/donations/2566/",
        f"{PUB}/seized/2566/",
    ]
    pdf = client.get(f"{PUB}/measures.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    from io import BytesIO

    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(BytesIO(pdf.content)).pages)
    assert "ของบริจาค" in text and "สถิติของกลาง" in text


def test_the_provider_names_its_topic_and_a_public_link(world):
    from prongsai.disclosure.providers import modules, public_links

    assert "measures" in modules()["property"].ITEMS
    assert public_links(world.agency) == [] or all(
        "property" not in link.url for link in public_links(world.agency)
    )
    make_asset(world)
    assert any(link.url == f"{PUB}/" for link in public_links(world.agency))


@freeze_time("2023-03-20")
def test_public_pages_cost_the_same_queries_for_small_and_large_data(
    world, client, django_assert_num_queries
):
    make_city_law(world)
    for n in range(2):
        make_asset(world, number=f"T-{n}", lendable=True)
        make_item(world)
    _donations(world)
    from django.core.cache import cache

    from prongsai.agencies.public_stamp import forget_remembered

    paths = ["/", "/donations/2566/", "/seized/2566/", "/lend/", "/lend/assets.csv"]
    counts = {}
    for path in paths:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        cache.clear()  # the public side caches pages: measure the page's own work
        forget_remembered()  # and what this process keeps of them
        with CaptureQueriesContext(connection) as small:
            client.get(PUB + path)
        counts[path] = len(small)
    for n in range(2, 14):
        make_asset(world, number=f"T-{n}", lendable=True)
        make_item(world)
    _donations(world)
    for path in paths:
        cache.clear()
        forget_remembered()
        with django_assert_num_queries(counts[path], info=path):
            assert client.get(PUB + path).status_code == 200


def test_the_public_pages_read_in_english(world, client):
    make_asset(world, lendable=True)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(f"{PUB}/").content.decode()
    assert "Management of public property, donations and the custody of seized goods" in page
    assert "How to borrow and return, and how to use public property" in page


def test_the_search_index_finds_the_measures_and_the_lendable_assets(world):
    from prongsai.disclosure.providers import search_documents

    tent = make_asset(world, lendable=True)
    make_asset(world, number="X-2")
    documents = [d for source, d in search_documents(world.agency, "property")]
    assert {d.key for d in documents} == {"measures", "rules", f"asset:{tent.pk}"}
    assert all(d.kind in ("oit", "service") for d in documents)
