"""The agency's public site: structure with its chart, laws, schools, contact, news; roles and refusals."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from prongsai.agencies.models import AuditEntry
from prongsai.content import services
from prongsai.content.models import Executive, Law, NewsPost, School, SchoolYear

from .helpers import png, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def _head(world, name, department=None):
    return services.executive_save(
        actor=world.coordinator,
        agency=world.agency,
        kind=Executive.Kind.HEAD,
        department=department or world.administration,
        name=name,
        position="หัวหน้าฝ่ายปกครอง",
    )


def _post(world, title="ข่าวทดสอบ", publish_at=None, status=NewsPost.Status.PUBLISHED, **kwargs):
    return services.news_save(
        actor=world.officer,
        agency=world.agency,
        title=title,
        body="เนื้อหา",
        status=status,
        publish_at=publish_at or timezone.now() - timedelta(hours=1),
        **kwargs,
    )


# --- structure and the chart --------------------------------------------------------------------------


def test_the_org_chart_follows_a_change_of_head_on_the_next_page_load(world, client):
    services.executive_save(
        actor=world.coordinator,
        agency=world.agency,
        kind=Executive.Kind.DIRECTOR,
        name="ผอ. ทดสอบ",
        position="ผู้อำนวยการเขต",
    )
    _head(world, "นายเดิม ทดสอบ")
    page = client.get("/pathumwan/about/").content.decode()
    assert "<svg" in page and "นายเดิม ทดสอบ" in page
    services.head_change(
        actor=world.coordinator,
        agency=world.agency,
        department=world.administration,
        name="นางใหม่ ทดสอบ",
        position="หัวหน้าฝ่ายปกครอง",
    )
    page = client.get("/pathumwan/about/").content.decode()
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert "นางใหม่ ทดสอบ" in svg and "นายเดิม ทดสอบ" not in svg
    old = Executive.objects.get(name="นายเดิม ทดสอบ")
    assert old.is_active is False  # kept, not deleted
    assert AuditEntry.objects.filter(model="content.executive", action="withdraw").exists()


def test_a_department_cannot_have_two_heads_in_office(world):
    _head(world, "คนที่หนึ่ง")
    with pytest.raises(ValidationError):
        _head(world, "คนที่สอง")


def test_staffing_cannot_fill_more_than_the_framework(world):
    with pytest.raises(ValidationError):
        services.staffing_set(
            actor=world.coordinator,
            agency=world.agency,
            department=world.administration,
            positions=5,
            filled=6,
        )


def test_executive_photo_is_stored_under_a_random_name_and_served_with_alt_text(world, client):
    executive = services.executive_save(
        actor=world.coordinator,
        agency=world.agency,
        kind=Executive.Kind.DIRECTOR,
        name="ผอ. ภาพ",
        position="ผู้อำนวยการเขต",
        photo_upload=png("my-face.png"),
    )
    assert "my-face" not in executive.photo.name and executive.photo.name.endswith(".png")
    page = client.get("/pathumwan/about/").content.decode()
    assert 'alt="ภาพของ ผอ. ภาพ"' in page
    response = client.get(f"/pathumwan/about/photos/{executive.photo_name}")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert client.get("/nongchok/about/photos/" + executive.photo_name).status_code == 404


def test_a_photo_that_is_not_jpeg_or_png_is_refused_and_nothing_is_saved(world, login):
    client = login(world.coordinator)
    fake = SimpleUploadedFile("face.png", b"%PDF-1.4 not an image")
    response = client.post(
        "/staff/pathumwan/content/executives/",
        {
            "kind": "director",
            "name": "ผอ.",
            "position": "ผู้อำนวยการ",
            "order": 0,
            "is_active": "on",
            "photo_upload": fake,
        },
    )
    assert response.status_code == 422
    assert "ไม่ใช่ชนิดที่รับได้" in response.content.decode()
    assert not Executive.objects.exists()


# --- roles ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona, status",
    [
        ("coordinator", 200),
        ("officer", 200),
        ("director", 200),
        ("auditor", 200),
        ("complaint_handler", 403),
        ("outsider", 404),
    ],
)
def test_who_may_open_the_back_office_pages(world, login, persona, status):
    client = login(getattr(world, persona))
    for page in ("", "executives/", "staffing/", "area/", "contact/", "laws/", "schools/", "news/"):
        assert client.get(f"/staff/pathumwan/content/{page}").status_code == status, page


def test_anonymous_is_sent_to_the_login_page(world, client):
    response = client.get("/staff/pathumwan/content/news/")
    assert response.status_code == 302 and "/staff/login/" in response["Location"]


@pytest.mark.parametrize("persona", ["director", "auditor", "officer"])
def test_only_the_coordinator_changes_executives_and_contacts(world, login, persona):
    client = login(getattr(world, persona))
    response = client.post("/staff/pathumwan/content/contact/", {"address": "ที่อยู่", "phone": "02"})
    assert response.status_code == 403
    response = client.post(
        "/staff/pathumwan/content/executives/", {"kind": "director", "name": "x", "position": "y", "order": 0}
    )
    assert response.status_code == 403
    assert not Executive.objects.exists()


@pytest.mark.parametrize("persona", ["director", "auditor"])
def test_readers_cannot_write_news_laws_or_schools(world, login, persona):
    client = login(getattr(world, persona))
    assert (
        client.post(
            "/staff/pathumwan/content/news/", {"form": "news", "title": "x", "body": "y", "status": "draft"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            "/staff/pathumwan/content/laws/", {"category": "x", "title": "y", "url": "https://a.b/"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            "/staff/pathumwan/content/schools/", {"form": "school", "name": "x", "order": 0}
        ).status_code
        == 403
    )
    assert not NewsPost.objects.exists() and not Law.objects.exists() and not School.objects.exists()


def test_the_coordinator_saves_the_contact_and_it_is_public_and_audited(world, login, client):
    staff = login(world.coordinator)
    response = staff.post(
        "/staff/pathumwan/content/contact/",
        {
            "address": "100 ถนนพระรามที่ 1",
            "phone": "02 214 1000",
            "email": "pw@example.org",
            "qa_url": "https://example.org/qa",
        },
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(model="content.agencyprofile", action="create").exists()
    staff.logout()
    page = client.get("/pathumwan/contact/").content.decode()
    assert "100 ถนนพระรามที่ 1" in page and "https://example.org/qa" in page


def test_an_officer_adds_a_law_of_their_department_but_not_of_another(world, login, client):
    staff = login(world.officer)
    data = {
        "category": "กฎหมายส่วนการปกครอง",
        "title": "พ.ร.บ. ทดสอบ",
        "issued_on": "1 ม.ค. 2566",
        "url": "https://example.org/law",
        "order": 0,
        "is_active": "on",
    }
    assert (
        staff.post(
            "/staff/pathumwan/content/laws/", {**data, "department": world.administration.pk}
        ).status_code
        == 302
    )
    response = staff.post(
        "/staff/pathumwan/content/laws/", {**data, "title": "ของฝ่ายโยธา", "department": world.public_works.pk}
    )
    assert response.status_code == 422
    law = Law.objects.get()
    assert law.issued_on == date(2023, 1, 1)
    page = client.get("/pathumwan/laws/").content.decode()
    assert "กฎหมายส่วนการปกครอง" in page and "พ.ร.บ. ทดสอบ" in page


def test_an_officer_can_neither_edit_nor_hide_another_departments_law(world, login):
    law = services.law_save(
        actor=world.coordinator,
        agency=world.agency,
        department=world.public_works,
        category="กฎหมายการโยธา",
        title="พระราชบัญญัติควบคุมอาคาร",
        url="https://example.org/building",
    )
    staff = login(world.officer)  # of ฝ่ายปกครอง
    data = {
        "category": "กฎหมายการโยธา",
        "title": "แก้โดยฝ่ายอื่น",
        "url": "https://example.org/building",
        "order": 0,
        "department": world.administration.pk,  # even moving it into their own department
    }
    assert staff.post(f"/staff/pathumwan/content/laws/{law.pk}/", data).status_code == 403
    assert (
        staff.post(f"/staff/pathumwan/content/laws/{law.pk}/", {**data, "is_active": ""}).status_code == 403
    )
    law.refresh_from_db()
    assert (law.title, law.department, law.is_active) == ("พระราชบัญญัติควบคุมอาคาร", world.public_works, True)
    works = login(world.works_officer)
    assert (
        works.post(
            f"/staff/pathumwan/content/laws/{law.pk}/",
            {**data, "department": world.public_works.pk, "is_active": "on"},
        ).status_code
        == 302
    )
    law.refresh_from_db()
    assert law.title == "แก้โดยฝ่ายอื่น"


def test_a_law_needs_a_link_or_a_file(world):
    with pytest.raises(ValidationError):
        services.law_save(actor=world.coordinator, agency=world.agency, category="x", title="ไม่มีไฟล์")


def test_a_department_of_another_agency_is_refused(world):
    with pytest.raises(ValidationError):
        services.law_save(
            actor=world.coordinator,
            agency=world.agency,
            department=world.other_department,
            category="x",
            title="y",
            url="https://example.org/",
        )


# --- schools ---------------------------------------------------------------------------------------------


HEADER = ["โรงเรียน", "ปี", "ครู", "นักเรียน", "เงินอุดหนุน"]


def test_a_good_xlsx_imports_every_row(world, login, client):
    staff = login(world.officer)
    upload = xlsx(
        [HEADER, ["โรงเรียน ก", 2566, 20, 300, 1000000], ["โรงเรียน ข", "๒๕๖๖", "๑๕", "250", "750,000.50"]]
    )
    response = staff.post("/staff/pathumwan/content/schools/import/", {"file": upload})
    assert response.status_code == 302
    assert SchoolYear.objects.count() == 2
    assert SchoolYear.objects.get(school__name="โรงเรียน ข").subsidy == Decimal("750000.50")
    page = client.get("/pathumwan/schools/").content.decode()
    assert "โรงเรียน ก" in page


def test_a_bad_xlsx_saves_nothing_and_reports_every_bad_row_with_its_number(world, login):
    staff = login(world.officer)
    upload = xlsx(
        [
            HEADER,
            ["โรงเรียน ก", 2566, 20, 300, 1000000],
            ["", 2566, 20, 300, 100],
            ["โรงเรียน ค", 2566, "ยี่สิบ", 300, 100],
            ["โรงเรียน ง", 66, 20, 300, -5],
            ["โรงเรียน ก", 2566, 21, 301, 1],
        ]
    )
    response = staff.post("/staff/pathumwan/content/schools/import/", {"file": upload})
    assert response.status_code == 422
    body = response.content.decode()
    for row in ("<td>3</td>", "<td>4</td>", "<td>5</td>", "<td>6</td>"):
        assert row in body
    assert "ไม่มีชื่อโรงเรียน" in body and "ซ้ำกับแถวที่ 2" in body
    assert not School.objects.exists() and not SchoolYear.objects.exists()


def test_a_file_that_is_not_xlsx_is_refused(world, login):
    staff = login(world.officer)
    response = staff.post("/staff/pathumwan/content/schools/import/", {"file": png("schools.xlsx")})
    assert response.status_code == 422 and not School.objects.exists()


def _schools(world):
    school = services.school_save(actor=world.officer, agency=world.agency, name="โรงเรียนตัวอย่าง")
    services.school_year_set(
        actor=world.officer,
        agency=world.agency,
        school=school,
        year=2566,
        teachers=10,
        students=120,
        subsidy=Decimal("5000.00"),
    )


@pytest.mark.parametrize(
    "fmt, start", [("pdf", b"%PDF"), ("xlsx", b"PK"), ("csv", "\ufeff".encode()), ("json", b"{")]
)
def test_the_schools_table_downloads(world, client, fmt, start):
    _schools(world)
    response = client.get(f"/pathumwan/schools.{fmt}?year=2566")
    assert response.status_code == 200 and response.content.startswith(start)
    assert "attachment" in response["Content-Disposition"]


def test_an_unknown_download_format_is_not_found(world, client):
    assert client.get("/pathumwan/schools.html").status_code == 404


# --- news ------------------------------------------------------------------------------------------------


def test_news_scheduled_for_tomorrow_is_not_visible_today(world, client):
    with time_machine.travel("2023-04-10 09:00 +07:00", tick=False):
        post = _post(world, "ข่าวพรุ่งนี้", publish_at=timezone.now() + timedelta(days=1))
        assert post.state() == "scheduled"
        assert "ข่าวพรุ่งนี้" not in client.get("/pathumwan/news/").content.decode()
        assert client.get(f"/pathumwan/news/{post.slug}/").status_code == 404
        assert "ข่าวพรุ่งนี้" not in client.get("/pathumwan/news/feed/").content.decode()
    with time_machine.travel("2023-04-11 09:01 +07:00", tick=False):
        assert "ข่าวพรุ่งนี้" in client.get("/pathumwan/news/").content.decode()
        assert client.get(f"/pathumwan/news/{post.slug}/").status_code == 200


def test_a_draft_is_never_public(world, client):
    post = _post(world, "ร่างข่าว", status=NewsPost.Status.DRAFT)
    assert client.get(f"/pathumwan/news/{post.slug}/").status_code == 404
    assert "ร่างข่าว" not in client.get("/pathumwan/news/").content.decode()


def test_news_slugs_are_random_not_ids(world):
    first, second = _post(world, "Same title"), _post(world, "Same title")
    assert first.slug != second.slug and str(first.pk) != first.slug and len(first.slug) >= 8


def test_the_feed_lists_published_news_with_links(world, client):
    post = _post(world, "ข่าวในฟีด")
    _post(world, "ร่างในฟีด", status=NewsPost.Status.DRAFT)
    response = client.get("/pathumwan/news/feed/")
    body = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
    assert "ข่าวในฟีด" in body and f"/pathumwan/news/{post.slug}/" in body and "ร่างในฟีด" not in body
    assert client.get("/nosuch/news/feed/").status_code == 404


def test_news_links_to_a_plan_activity_of_the_same_agency_only(world, client):
    from prongsai.plans.tests.helpers import import_seed

    plan = import_seed(world).plan
    activity = plan.activities.first()
    post = _post(world, "ข่าวกิจกรรม", activity_ref=f"plans.activity:{activity.pk}")
    page = client.get(f"/pathumwan/news/{post.slug}/").content.decode()
    assert "รายงานผลกิจกรรมตามแผน" in page and f"/pathumwan/plan/{plan.ref}/#activity-{activity.pk}" in page
    with pytest.raises(ValidationError):
        services.news_save(
            actor=world.outsider,
            agency=world.other,
            title="x",
            body="y",
            activity_ref=f"plans.activity:{activity.pk}",
        )


def test_an_officer_writes_a_scheduled_news_post_with_a_photo_and_attachment(world, login, client):
    staff = login(world.officer)
    response = staff.post(
        "/staff/pathumwan/content/news/",
        {
            "form": "news",
            "title": "ข่าวจากฟอร์ม",
            "body": "เนื้อหา",
            "status": "published",
            "publish_date": "1 ม.ค. 2600",
            "publish_time": "09:00",
        },
    )
    assert response.status_code == 302
    post = NewsPost.objects.get()
    assert post.state() == "scheduled"
    url = f"/staff/pathumwan/content/news/{post.pk}/"
    assert staff.post(url, {"form": "photo", "photo": png(), "alt": "ภาพกิจกรรม"}).status_code == 302
    bad = staff.post(
        url, {"form": "photo", "photo": SimpleUploadedFile("x.png", b"<html><script>"), "alt": "x"}
    )
    assert bad.status_code == 422 and post.photos.count() == 1
    pdf = SimpleUploadedFile("report.pdf", b"%PDF-1.4\n%test\n")
    assert staff.post(url, {"form": "attachment", "attachment": pdf, "title": "รายงาน"}).status_code == 302
    # Not yet public: neither the post nor its photo.
    staff.logout()
    assert client.get(f"/pathumwan/news/{post.slug}/").status_code == 404
    assert client.get(f"/pathumwan/about/photos/{post.photos.get().photo_name}").status_code == 404


def test_the_news_list_makes_the_same_number_of_queries_for_3_or_12_posts(world, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(n):
        for i in range(n):
            post = _post(world, f"ข่าว {i}")
            services.news_photo_add(
                actor=world.officer, agency=world.agency, post=post, upload=png(), alt=f"ภาพ {i}"
            )

    def count():
        client.get("/pathumwan/news/")  # the public menu is cached once the page has been seen
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/pathumwan/news/").status_code == 200
        return len(queries)

    add(3)
    client.get("/pathumwan/news/")
    few = count()
    add(9)
    many = count()
    # Our own reads are agency, count, posts, photos; the rest is the navigation of other modules.
    assert few == many and many <= 12


# --- generated disclosure entries -------------------------------------------------------------------------


def test_items_01_to_07_are_generated_from_data(world, client):
    from io import StringIO

    from prongsai.content.demo import load_demo
    from prongsai.disclosure import services as ds
    from prongsai.disclosure.models import Catalogue
    from prongsai.disclosure.providers import generated_entries

    ds.catalogues_load_shipped()
    catalogue = Catalogue.objects.get(scheme="bangkok-district", year=2566)
    ds.catalogue_adopt(actor=world.coordinator, agency=world.agency, catalogue=catalogue)
    assert generated_entries(world.agency, catalogue.items.get(code="o04")) == []
    load_demo(world.agency, stdout=StringIO())
    expected = {
        "o01": "/pathumwan/about/#structure",
        "o02": "/pathumwan/about/#powers",
        "o03": "/pathumwan/about/#plans",
        "o04": "/pathumwan/laws/",
        "o05": "/pathumwan/schools.pdf",
        "o06": "/pathumwan/contact/",
        "o07": "/pathumwan/news/",
    }
    for code, url in expected.items():
        found = generated_entries(world.agency, catalogue.items.get(code=code))
        assert url in [e.url for e in found], code
        for entry in found:
            assert client.get(entry.url.split("#")[0]).status_code == 200, entry.url
    schools = {e.url: e.formats for e in generated_entries(world.agency, catalogue.items.get(code="o05"))}
    assert schools["/pathumwan/schools.xlsx"] == frozenset({"xlsx"})
    page = client.get("/pathumwan/oit/2566/o01/").content.decode()
    assert "/pathumwan/about/#structure" in page


def test_the_demo_loads_twice_without_duplicates(world):
    from io import StringIO

    from prongsai.content.demo import load_demo

    load_demo(world.agency, stdout=StringIO())
    counts = (Executive.objects.count(), NewsPost.objects.count(), SchoolYear.objects.count())
    load_demo(world.agency, stdout=StringIO())
    assert counts == (Executive.objects.count(), NewsPost.objects.count(), SchoolYear.objects.count())
    assert all("ข้อมูลตัวอย่าง" not in e.name for e in Executive.objects.all())  # one banner says it is a demo


def test_a_public_photo_keeps_no_exif_and_no_gps_position(world, settings, tmp_path, client):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    settings.MEDIA_ROOT = str(tmp_path)
    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "กล้องของเจ้าหน้าที่"  # Make
    exif[0x8825] = {1: "N", 2: (13.0, 44.0, 30.0), 3: "E", 4: (100.0, 31.0, 0.0)}  # GPS
    raw = io.BytesIO()
    image.save(raw, "JPEG", exif=exif)
    assert Image.open(io.BytesIO(raw.getvalue())).getexif()  # the upload carries it
    person = services.executive_save(
        actor=world.coordinator,
        agency=world.agency,
        kind="director",
        name="นายทดสอบ ภาพถ่าย",
        position="ผู้อำนวยการเขต",
        photo_upload=SimpleUploadedFile("ภาพ.jpg", raw.getvalue()),
    )
    stored = person.photo.open("rb").read()
    cleaned = Image.open(io.BytesIO(stored))
    assert cleaned.size == (40, 30) and not cleaned.getexif()
    assert b"Exif" not in stored[:200]


def test_malformed_school_files_are_answered_422_with_the_reason(world, login):
    staff = login(world.officer)
    for rows, reason in (
        ([HEADER, ["โรงเรียน ก", 2566, 20, 300, "NaN"]], "เงินอุดหนุนต้องเป็นตัวเลข"),
        ([HEADER, ["โรงเรียน ก", 2566, 20, 300, "inf"]], "เงินอุดหนุนต้องเป็นตัวเลข"),
    ):
        response = staff.post("/staff/pathumwan/content/schools/import/", {"file": xlsx(rows)})
        assert response.status_code == 422 and reason in response.content.decode()
    import io
    import zipfile

    from django.core.files.uploadedfile import SimpleUploadedFile

    empty = io.BytesIO()
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    response = staff.post(
        "/staff/pathumwan/content/schools/import/", {"file": SimpleUploadedFile("s.xlsx", empty.getvalue())}
    )
    assert response.status_code == 422 and "Excel" in response.content.decode()


def test_the_feed_escapes_text_once_so_a_reader_shows_it_as_written(world, client):
    from datetime import timedelta

    from django.utils import timezone

    services.news_save(
        actor=world.coordinator,
        agency=world.agency,
        title="ถนน & สะพาน <ใหม่>",
        summary="ค่าธรรมเนียม 100 บาท & ค่าปรับ",
        body="x",
        status=NewsPost.Status.PUBLISHED,
        publish_at=timezone.now() - timedelta(days=1),
    )
    feed = client.get("/pathumwan/news/feed/").content.decode()
    assert "<title>ถนน &amp; สะพาน &lt;ใหม่&gt;</title>" in feed
    assert "&amp;amp;" not in feed and "&amp;lt;" not in feed
    from xml.etree import ElementTree

    item = ElementTree.fromstring(feed).find("channel/item")  # noqa: S314 (our own feed, in a test)
    assert item.findtext("title") == "ถนน & สะพาน <ใหม่>"
    assert item.findtext("description") == "ค่าธรรมเนียม 100 บาท & ค่าปรับ"
