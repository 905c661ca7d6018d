from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse, set_script_prefix
from django.utils import timezone

from prongsai.agencies.models import AuditEntry
from prongsai.disclosure import services
from prongsai.disclosure.models import Adoption, Assignment, Catalogue, CatalogueItem, Publication
from prongsai.portal.http_cache import forget_local

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def district(world):
    services.catalogues_load_shipped()
    catalogue = Catalogue.objects.get(scheme="bangkok-district", year=2566)
    services.catalogue_adopt(actor=world.coordinator, agency=world.agency, catalogue=catalogue)
    return catalogue


def publish(world, catalogue, code="o04", **kwargs):
    defaults = {"kind": "file", "title": "กฎหมายที่เกี่ยวข้อง", "upload": SimpleUploadedFile("กฎหมาย.pdf", PDF)}
    defaults.update(kwargs)
    publication = services.publication_create(
        actor=world.officer, agency=world.agency, item=catalogue.items.get(code=code), **defaults
    )
    return publication


def test_both_catalogues_and_the_crosswalk_load_from_data_files_and_reloading_changes_nothing(db, capsys):
    call_command("load-catalogues")
    assert Catalogue.objects.get(scheme="bangkok-district", year=2566).items.count() == 30
    nacc = Catalogue.objects.get(scheme="nacc", year=2566)
    assert nacc.items.count() == 43
    o01 = CatalogueItem.objects.get(catalogue__scheme="bangkok-district", code="o01")
    assert sorted(o01.linked.values_list("code", flat=True)) == ["o1", "o2"]
    o12 = CatalogueItem.objects.get(catalogue__scheme="bangkok-district", code="o12")
    assert o12.formats == [["pdf"], ["xlsx", "docx"]] and o12.period == "first_six_months"
    call_command("load-catalogues")
    assert "0 created, 30 kept" in capsys.readouterr().out
    assert CatalogueItem.objects.count() == 73


def test_adopting_a_catalogue_assigns_every_item_as_the_seed_says(world, district):
    assert Assignment.objects.filter(agency=world.agency).count() == 30
    o01 = Assignment.objects.get(agency=world.agency, item__code="o01")
    assert [d.name for d in o01.departments.all()] == ["ฝ่ายปกครอง"]  # ฝ่ายการศึกษา is not in the test agency
    assert Assignment.objects.get(agency=world.agency, item__code="o09").all_departments


def test_copying_last_year_into_a_new_year_is_one_action(world, district, login):
    response = login(world.coordinator).post(
        "/staff/pathumwan/oit/", {"copy": "1", "catalogue": district.pk, "year": "2567"}
    )
    assert response.status_code == 302 and response["Location"] == "/staff/pathumwan/oit/2567/"
    new = Catalogue.objects.get(scheme="bangkok-district", year=2567)
    assert new.items.count() == 30 and new.items.get(code="o12").deadline == date(2024, 4, 20)
    assert Assignment.objects.filter(agency=world.agency, item__catalogue=new).count() == 30
    assert Adoption.objects.filter(agency=world.agency, catalogue=new).exists()


def test_an_officer_submits_an_entry_that_stays_private_until_the_coordinator_approves(
    world, district, client, login
):
    item_url = "/staff/pathumwan/oit/2566/o04/"
    response = login(world.officer).post(
        item_url,
        {"kind": "file", "title": "กฎหมายฝ่ายปกครอง", "file": SimpleUploadedFile("กฎหมายปกครอง.pdf", PDF)},
    )
    assert response.status_code == 302
    publication = Publication.objects.get()
    assert publication.state == "submitted"
    anonymous = client.__class__()
    assert "กฎหมายฝ่ายปกครอง" not in anonymous.get("/pathumwan/oit/2566/o04/").content.decode()

    login(world.coordinator).post(
        f"/staff/pathumwan/oit/publications/{publication.pk}/review/", {"decision": "approve"}
    )
    page = anonymous.get("/pathumwan/oit/2566/o04/").content.decode()
    assert "กฎหมายฝ่ายปกครอง" in page
    file_url = f"/pathumwan/oit/2566/o04/files/{publication.token}/"
    download = anonymous.get(file_url)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert (
        download["Content-Disposition"].startswith("attachment")
        and "filename*=utf-8''" in download["Content-Disposition"]
    )
    assert b"".join(download.streaming_content) == PDF


def test_a_file_pretending_to_be_a_pdf_but_holding_html_is_refused(
    world, district, login, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    response = login(world.officer).post(
        "/staff/pathumwan/oit/2566/o04/",
        {
            "kind": "file",
            "title": "x",
            "file": SimpleUploadedFile(
                "x.pdf", b"<!doctype html><script>alert(1)</script>", content_type="application/pdf"
            ),
        },
    )
    assert response.status_code == 422 and "ไม่ใช่ชนิดที่รับได้" in response.content.decode()
    assert not Publication.objects.exists() and not any(tmp_path.rglob("*"))


def test_an_svg_or_html_upload_is_refused_whatever_its_name(world, district):
    for name, content in (
        ("x.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        ("x.html", b"<html></html>"),
        ("x.csv", b"<script>alert(1)</script>"),
    ):
        with pytest.raises(ValidationError):
            publish(world, district, upload=SimpleUploadedFile(name, content))
    assert not Publication.objects.exists()


def test_an_officer_cannot_publish_for_an_item_of_another_department(world, district, login):
    # o26 belongs to ฝ่ายโยธา and ฝ่ายสิ่งแวดล้อมฯ; alice is in ฝ่ายปกครอง
    response = login(world.officer).post(
        "/staff/pathumwan/oit/2566/o26/", {"kind": "link", "title": "x", "url": "https://example.org"}
    )
    assert response.status_code == 403 and not Publication.objects.exists()
    response = login(world.works_officer).post(
        "/staff/pathumwan/oit/2566/o26/",
        {"kind": "link", "title": "แผนพัฒนาประสิทธิภาพ", "url": "https://example.org/plan"},
    )
    assert response.status_code == 302


@pytest.mark.parametrize("persona", ["officer", "auditor"])
def test_only_the_coordinator_and_the_director_approve_and_only_the_coordinator_withdraws(
    world, district, login, persona
):
    publication = publish(world, district)
    client = login(getattr(world, persona))
    client.post(f"/staff/pathumwan/oit/publications/{publication.pk}/review/", {"decision": "approve"})
    client.post(f"/staff/pathumwan/oit/publications/{publication.pk}/withdraw/", {"reason": "x"})
    publication.refresh_from_db()
    assert publication.state == "submitted"


def test_the_director_approves_but_does_not_withdraw(world, district, login):
    publication = publish(world, district)
    client = login(world.director)
    client.post(f"/staff/pathumwan/oit/publications/{publication.pk}/withdraw/", {"reason": "x"})
    publication.refresh_from_db()
    assert publication.state == "submitted"
    client.post(f"/staff/pathumwan/oit/publications/{publication.pk}/review/", {"decision": "approve"})
    publication.refresh_from_db()
    assert publication.state == "approved"


def test_the_complaint_handler_has_no_access_to_disclosure(world, district, login):
    assert login(world.complaint_handler).get("/staff/pathumwan/oit/2566/o04/").status_code == 403


def test_a_new_version_waits_for_approval_while_the_public_keeps_the_approved_one(world, district, client):
    publication = publish(
        world, district, kind="page", title="ข้อมูลการติดต่อ", body="โทร ๐ ๒๒๑๔ ๑๒๗๕", upload=None, code="o06"
    )
    services.publication_review(actor=world.coordinator, publication=publication, approve=True)
    services.publication_revise(actor=world.officer, publication=publication, body="โทร ๐ ๒๒๑๔ ๐๐๐๐")
    page = client.get("/pathumwan/oit/2566/o06/").content.decode()
    assert "๑๒๗๕" in page and "๐๐๐๐" not in page
    services.publication_review(actor=world.coordinator, publication=publication, approve=True)
    page = client.get("/pathumwan/oit/2566/o06/").content.decode()
    assert "๐๐๐๐" in page and "๑๒๗๕" not in page
    assert list(publication.versions.values_list("number", flat=True)) == [1, 2]


def test_withdrawing_keeps_the_history_and_removes_it_from_the_public(world, district, client):
    publication = publish(world, district)
    services.publication_review(actor=world.coordinator, publication=publication, approve=True)
    with pytest.raises(ValidationError):
        services.publication_withdraw(actor=world.coordinator, publication=publication, reason="")
    services.publication_withdraw(actor=world.coordinator, publication=publication, reason="ข้อมูลเก่า")
    assert client.get(f"/pathumwan/oit/2566/o04/files/{publication.token}/").status_code == 404
    assert "กฎหมายที่เกี่ยวข้อง" not in client.get("/pathumwan/oit/2566/o04/").content.decode().split("<h2>")[-1]
    assert list(publication.events.values_list("to_state", flat=True)) == [
        "submitted",
        "approved",
        "withdrawn",
    ]
    assert AuditEntry.objects.filter(model="disclosure.publication", action="withdraw").exists()
    assert publication.versions.count() == 1  # nothing deleted


def test_a_scheduled_publication_is_not_public_before_its_date(world, district, client):
    tomorrow = timezone.now() + timedelta(days=1)
    publication = publish(world, district, publish_at=tomorrow)
    services.publication_review(actor=world.coordinator, publication=publication, approve=True)
    assert client.get(f"/pathumwan/oit/2566/o04/files/{publication.token}/").status_code == 404
    import time_machine

    with time_machine.travel(tomorrow + timedelta(minutes=1)):
        assert client.get(f"/pathumwan/oit/2566/o04/files/{publication.token}/").status_code == 200


def test_a_returned_entry_needs_a_reason(world, district):
    publication = publish(world, district)
    with pytest.raises(ValidationError):
        services.publication_review(actor=world.coordinator, publication=publication, approve=False)
    services.publication_review(
        actor=world.coordinator, publication=publication, approve=False, comment="ไฟล์ไม่ครบ"
    )
    publication.refresh_from_db()
    assert publication.state == "returned"


def test_the_item_addresses_are_stable_and_list_items_by_sub_indicator(world, district, client):
    index = client.get("/pathumwan/oit/2566/").content.decode()
    assert (
        "9.1 ข้อมูลพื้นฐาน" in index
        and "/pathumwan/oit/2566/o01/" in index
        and "/pathumwan/oit/2566/o30/" in index
    )
    assert client.get("/pathumwan/oit/2566/O12/").status_code == 200  # the code as assessors type it
    assert client.get("/pathumwan/oit/2566/o99/").status_code == 404
    assert client.get("/pathumwan/oit/2565/").status_code == 404
    assert client.get("/nongchok/oit/2566/o01/").status_code == 404  # not adopted by that agency


@pytest.mark.parametrize("prefix", ["", "/prongsai"])
def test_every_address_the_index_its_items_and_the_api_write_is_the_one_the_routes_give(
    world, district, client, prefix
):
    # The addresses are appended to the index's own (selectors.item_address): they must be what reverse()
    # gives, under a script prefix too (a deployment mounted below the host's root; Django's handler sets it
    # from SCRIPT_NAME, which the test client does not).
    publication = publish(world, district)
    services.publication_review(actor=world.coordinator, publication=publication, approve=True)
    kwargs = {"agency": "pathumwan", "year": 2566}
    set_script_prefix(prefix + "/")
    try:
        item = reverse("disclosure_public:item", kwargs={**kwargs, "code": "o04"})
        file = reverse("disclosure_public:file", kwargs={**kwargs, "code": "o04", "token": publication.token})
        o01 = reverse("disclosure_public:item", kwargs={**kwargs, "code": "o01"})
        assert item.startswith(f"{prefix}/pathumwan/")
        index = client.get("/pathumwan/oit/2566/").content.decode()
        assert f'href="{item}"' in index and f'href="{o01}"' in index and f'href="{file}"' in index
        assert f'href="{file}"' in client.get("/pathumwan/oit/2566/o04/").content.decode()
        api = {row["code"]: row for row in client.get("/api/v1/agencies/pathumwan/oit/2566").json()}
        assert api["o04"]["url"] == item and api["o04"]["entries"][0]["url"] == file
    finally:
        set_script_prefix("/")
    assert client.get(file.removeprefix(prefix)).status_code == 200


def test_the_plan_items_are_generated_from_the_plan(world, district, client):
    from prongsai.plans.models import Plan

    assert "/pathumwan/plan/2566/" not in client.get("/pathumwan/oit/2566/o30/").content.decode()
    Plan.objects.create(agency=world.agency, fiscal_year=2566, title="มาตรการส่งเสริมคุณธรรมฯ")
    cache.clear()  # made here without the plan import, which announces the change
    forget_local()  # and each process's own copies of the pages
    page = client.get("/pathumwan/oit/2566/o30/").content.decode()
    assert "/pathumwan/plan/2566/" in page and "/pathumwan/plan/2566/plan.pdf" in page
    assert "ระบบติดตามแผน" in page


def test_another_agency_cannot_publish_into_this_agencys_items(world, district):
    with pytest.raises(ValidationError):
        services.publication_create(
            actor=world.outsider,
            agency=world.other,
            item=district.items.get(code="o04"),
            kind="link",
            title="x",
            url="https://example.org",
        )


def test_the_public_item_page_shows_its_generated_infographic(world, district, client):
    page = client.get("/pathumwan/oit/2566/o01/").content.decode()
    assert (
        'src="/pathumwan/oit/2566/o01/infographic.png"' in page
        and "/pathumwan/oit/2566/o01/infographic.pdf" in page
    )
    assert "infographic.png" not in client.get("/pathumwan/oit/2566/o04/").content.decode()


def test_reindex_search_rebuilds_stale_words(world, district, capsys):
    from prongsai.portal.models import SearchDocument

    publication = publish(world, district, kind="page", upload=None, body="ข้อมูลการติดต่อสำนักงานเขต", code="o06")
    services.publication_review(actor=world.coordinator, publication=publication, approve=True)
    SearchDocument.objects.filter(key=f"entry:{publication.pk}").update(terms=" ", digest="stale")
    call_command("reindex-search", verbosity=0)
    assert "1 changed" in capsys.readouterr().out
    assert " สำนักงานเขต " in SearchDocument.objects.get(key=f"entry:{publication.pk}").terms


def test_the_plans_oit_rows_assign_the_items_of_that_years_catalogue(world, district):
    from prongsai.plans.tests.helpers import import_seed

    o12 = Assignment.objects.get(agency=world.agency, item__code="o12")
    o12.departments.clear()
    import_seed(world)
    names = set(
        Assignment.objects.get(agency=world.agency, item__code="o12").departments.values_list(
            "name", flat=True
        )
    )
    assert names == {
        "ฝ่ายรายได้",
        "ฝ่ายเทศกิจ",
        "ฝ่ายทะเบียน",
        "ฝ่ายสิ่งแวดล้อมและสุขาภิบาล",
        "ฝ่ายพัฒนาชุมชนและสวัสดิการสังคม",
    }
    assert Assignment.objects.get(agency=world.agency, item__code="o09").all_departments


def test_adopting_after_the_plan_was_imported_takes_the_plans_departments(world):
    from prongsai.plans.tests.helpers import import_seed

    import_seed(world)
    services.catalogues_load_shipped()
    catalogue = Catalogue.objects.get(scheme="bangkok-district", year=2566)
    services.catalogue_adopt(actor=world.coordinator, agency=world.agency, catalogue=catalogue)
    o20 = Assignment.objects.get(agency=world.agency, item__code="o20")
    assert list(o20.departments.values_list("name", flat=True)) == ["ฝ่ายปกครอง"]


def test_a_reader_who_chose_english_sees_the_catalogue_in_english(world, district, client):
    client.cookies["django_language"] = "en"
    page = client.get("/pathumwan/oit/2566/").content.decode()
    item = district.items.get(code="o04")
    assert item.title_en and item.title_en in page and "9.1 Basic information" in page
    client.cookies["django_language"] = "th"
    assert item.title in client.get("/pathumwan/oit/2566/").content.decode()


def test_who_submits_an_entry_cannot_approve_it_and_the_director_is_the_second_approver(
    world, district, login
):
    from django.core.exceptions import ValidationError

    publication = services.publication_create(
        actor=world.coordinator,
        agency=world.agency,
        item=district.items.get(code="o07"),
        kind="page",
        title="ข่าวของผู้ประสานงาน",
        body="เนื้อหา",
    )
    with pytest.raises(ValidationError, match="ของตนเอง"):
        services.publication_review(actor=world.coordinator, publication=publication, approve=True)
    page = login(world.coordinator).get("/staff/pathumwan/oit/2566/o07/").content.decode()
    assert "พิจารณาเองไม่ได้" in page and "อนุมัติเผยแพร่" not in page
    url = f"/staff/pathumwan/oit/publications/{publication.pk}/review/"
    assert login(world.coordinator).post(url, {"decision": "approve", "comment": ""}).status_code in (
        302,
        422,
    )
    publication.refresh_from_db()
    assert publication.state == "submitted"
    director = login(world.director)
    assert "อนุมัติเผยแพร่" in director.get("/staff/pathumwan/oit/2566/o07/").content.decode()
    director.post(url, {"decision": "approve", "comment": ""})
    publication.refresh_from_db()
    assert publication.state == "approved"
    assert list(publication.events.values_list("actor_name", flat=True)) == [
        "bob.coordinator",
        "dao.director",
    ]


def test_a_catalogue_adopted_or_copied_to_a_new_year_shows_on_the_public_pages_at_once(
    world, district, client
):
    # The public side keeps the agency's years and catalogues (and whole pages) under its public stamp:
    # adopting and copying announce themselves, so nothing waits for the next publication.
    home = client.get("/pathumwan/").content.decode()
    assert "/pathumwan/oit/2566/" in home and client.get("/pathumwan/oit/2567/").status_code == 404
    services.catalogue_copy_to_year(
        actor=world.coordinator, agency=world.agency, catalogue=district, year=2567
    )
    assert "/pathumwan/oit/2567/" in client.get("/pathumwan/").content.decode()
    assert client.get("/pathumwan/oit/2567/").status_code == 200
    assert client.get("/pathumwan/oit/2567/o01/").status_code == 200
    assert client.get("/nongchok/oit/2567/").status_code == 404  # another agency adopted nothing
    assert "/oit/" not in client.get("/nongchok/").content.decode()
    services.catalogue_adopt(actor=world.coordinator, agency=world.other, catalogue=district)
    assert "/nongchok/oit/2566/" in client.get("/nongchok/").content.decode()
    assert client.get("/nongchok/oit/2566/").status_code == 200


def test_the_index_and_item_pages_write_every_kind_of_entry_escaped_and_linked(world, district, client):
    # The entries' lists are Jinja2 fragments (portal/fragments.py): what people typed is escaped there too,
    # and a page entry on the index leads to its section on the item's page (not to an anchor the index lacks).
    page = publish(
        world,
        district,
        kind="page",
        title="ติดต่อ <script>alert(1)</script>",
        body="โทร",
        upload=None,
        code="o06",
    )
    link = publish(
        world, district, kind="link", title='ผังเว็บ "หลัก" & อื่น', url="https://example.org/?a=1&b=2", upload=None,
        code="o06", period_start=date(2022, 10, 1), period_end=date(2023, 9, 30),
    )  # fmt: skip
    for publication in (page, link):
        services.publication_review(actor=world.coordinator, publication=publication, approve=True)
    index = client.get("/pathumwan/oit/2566/").content.decode()
    item = client.get("/pathumwan/oit/2566/o06/").content.decode()
    for html in (index, item):
        assert (
            "<script>alert(1)</script>" not in html and "ติดต่อ &lt;script&gt;alert(1)&lt;/script&gt;" in html
        )
        assert 'href="https://example.org/?a=1&amp;b=2" rel="noopener noreferrer external"' in html
        assert 'ผังเว็บ &#34;หลัก&#34; &amp; อื่น</a> <span class="badge">ลิงก์</span>' in html
        assert "(1 ต.ค. 2565 – 30 ก.ย. 2566)" in html
        assert f'href="/pathumwan/oit/2566/o06/#page-{page.token}"' in html
    assert f'id="page-{page.token}"' in item
    assert "ยังไม่มีข้อมูลเผยแพร่" in index  # the words the page passes in for an empty item
    english = client.get("/pathumwan/oit/2566/", headers={"cookie": "django_language=en"}).content.decode()
    assert "1 Oct 2022 (BE 2565)" in english


def test_the_kept_index_follows_a_new_publication_the_language_and_the_digit_style_at_once(
    world, district, client, login
):
    # The index's sections are kept under the agency's public stamp (selectors.public_index_groups), per
    # language and digit style: each of these shows on the next answer.
    first = publish(
        world, district, kind="link", title="ผังเว็บไซต์", url="https://example.org/", upload=None, code="o06",
        period_start=date(2022, 10, 1), period_end=date(2023, 9, 30),
    )  # fmt: skip
    services.publication_review(actor=world.coordinator, publication=first, approve=True)
    assert "(1 ต.ค. 2565 – 30 ก.ย. 2566)" in client.get("/pathumwan/oit/2566/").content.decode()
    second = publish(world, district, kind="page", title="ช่องทางติดต่อ", body="โทร", upload=None, code="o06")
    services.publication_review(actor=world.coordinator, publication=second, approve=True)
    assert "ช่องทางติดต่อ" in client.get("/pathumwan/oit/2566/").content.decode()
    english = client.get("/pathumwan/oit/2566/", headers={"cookie": "django_language=en"}).content.decode()
    assert "1 Oct 2022 (BE 2565)" in english and "ลิงก์" not in english
    assert (
        login(world.coordinator).post("/staff/pathumwan/settings/", {"web_digits": "thai"}).status_code == 302
    )
    client.logout()
    thai = client.get("/pathumwan/oit/2566/").content.decode()
    assert "(๑ ต.ค. ๒๕๖๕ – ๓๐ ก.ย. ๒๕๖๖)" in thai and 'href="/pathumwan/oit/2566/o06/' in thai


def test_a_fragment_given_too_few_values_fails_instead_of_writing_nothing(db):
    import jinja2

    from prongsai.portal.fragments import render_fragment

    with pytest.raises(jinja2.UndefinedError):
        item = {"href": "/x/", "code": "O1", "title": "x", "entries": []}  # shows none_yet, not given
        render_fragment(
            "disclosure/index_items.html", {"groups": [{"code": "1", "title": "x", "items": [item]}]}
        )
    with pytest.raises(jinja2.UndefinedError):
        render_fragment("disclosure/index_items.html", {"none_yet": "-"})


def test_the_public_index_reads_as_many_queries_with_three_times_the_entries(
    world, district, client, settings, django_assert_max_num_queries
):
    # The index page built from nothing kept (page cache off, the derived values forgotten) at two sizes: its
    # queries do not grow with the entries it writes.
    from prongsai.agencies.public_stamp import forget_remembered

    settings.PRONGSAI_PAGE_CACHE = False

    def add(n):
        for i in range(n):
            p = publish(world, district, kind="link", title=f"ลิงก์ {i}", url=f"https://example.org/{i}", upload=None,
                        code=("o04", "o06", "o08")[i % 3])  # fmt: skip
            services.publication_review(actor=world.coordinator, publication=p, approve=True)

    def fresh_count():
        cache.clear()
        forget_remembered()
        forget_local()
        with django_assert_max_num_queries(200) as queries:
            page = client.get("/pathumwan/oit/2566/")
        assert page.status_code == 200
        return len(queries.captured_queries), page.content.decode().count(
            'rel="noopener noreferrer external"'
        )

    add(3)
    small, shown = fresh_count()
    add(6)
    large, shown_more = fresh_count()
    assert (shown, shown_more) == (3, 9)
    assert large == small
