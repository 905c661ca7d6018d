import io
import re
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from prongsai.disclosure import services
from prongsai.disclosure.models import Catalogue
from prongsai.documents.pdf import html_to_pdf
from prongsai.portal import search, searchtext


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


def entry(world, catalogue, *, code="o08", approve=True, agency=None, title="รายงานประจำปี", **kwargs):
    agency = agency or world.agency
    actor = world.officer if agency == world.agency else world.outsider
    publication = services.publication_create(
        actor=actor, agency=agency, item=catalogue.items.get(code=code), title=title, **kwargs
    )
    if approve:
        reviewer = world.coordinator if agency == world.agency else world.other_director
        services.publication_review(actor=reviewer, publication=publication, approve=True)
    return publication


def page(world, catalogue, body, **kwargs):
    return entry(world, catalogue, kind="page", body=body, **kwargs)


def pdf_upload(html_body: str) -> SimpleUploadedFile:
    pdf = html_to_pdf(f"<html><body><p>{html_body}</p></body></html>")
    return SimpleUploadedFile("x.pdf", pdf)


def hits(client, q, agency=None, **filters):
    """(kind, title, address) of what the search page lists for ``q``, in order."""
    url = f"/{agency}/search/" if agency else "/search/"
    response = client.get(url, {"q": q, **filters})
    assert response.status_code == 200
    html = response.content.decode()
    section = (
        html.split('id="results-heading"', 1)[1].split("</section>", 1)[0]
        if "results-heading" in html
        else ""
    )
    return re.findall(r'<li data-kind="([^"]+)">\s*<h3><a href="([^"]+)">([^<]+)</a></h3>', section)


def find(client, q, agency=None):
    """The titles of the published OIT entries the search page lists for ``q``."""
    return [title for kind, _url, title in hits(client, q, agency) if kind == "oit"]


def test_thai_search_finds_a_word_inside_an_uploaded_pdf(world, district, client):
    publication = entry(
        world,
        district,
        title="รายงานผลการดำเนินงาน",
        kind="file",
        upload=pdf_upload("การซ่อมแซมท่อน้ำประปาในพื้นที่สำนักงานเขตปทุมวัน ประจำปีงบประมาณ ๒๕๖๖"),
    )
    response = client.get("/search/", {"q": "ท่อน้ำประปา"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "รายงานผลการดำเนินงาน" in html
    assert 'href="/pathumwan/oit/2566/o08/"' in html and "เอกสารเปิดเผยข้อมูล (OIT)" in html
    assert (
        "<mark>" in html and "สำนักงานเขต" in html
    )  # a snippet, with ำ as typed although the PDF writes ํ + า
    assert find(client, "สำนักงาน ประปา") == [publication.title]


def test_words_in_word_and_excel_files_are_found(world, district, client):
    from docx import Document
    from openpyxl import Workbook

    document = Document()
    document.add_paragraph("คู่มือการให้บริการประชาชน")
    document.add_table(rows=1, cols=1).cell(0, 0).text = "ขั้นตอนการขออนุญาตก่อสร้างอาคาร"
    docx = io.BytesIO()
    document.save(docx)
    entry(
        world,
        district,
        code="o10",
        title="คู่มือบริการ",
        kind="file",
        upload=SimpleUploadedFile("x.docx", docx.getvalue()),
    )
    workbook = Workbook()
    workbook.active.append(["สถิติการให้บริการ", "ทะเบียนราษฎร", 1520])
    xlsx = io.BytesIO()
    workbook.save(xlsx)
    entry(
        world,
        district,
        code="o12",
        title="สถิติ",
        kind="file",
        upload=SimpleUploadedFile("x.xlsx", xlsx.getvalue()),
    )
    assert find(client, "ก่อสร้างอาคาร") == ["คู่มือบริการ"]
    assert find(client, "ทะเบียนราษฎร 1520") == ["สถิติ"]


def test_written_pages_are_found_and_linked_at_their_place_on_the_item_page(world, district, client):
    publication = page(
        world, district, "ช่องทางการร้องเรียนการทุจริตและประพฤติมิชอบ", code="o22", title="ช่องทางร้องเรียน"
    )
    html = client.get("/search/", {"q": "ประพฤติมิชอบ"}).content.decode()
    assert f'href="/pathumwan/oit/2566/o22/#page-{publication.token}"' in html


def test_pathumwan_is_one_word_so_searching_for_day_does_not_find_it(world, district, client):
    page(world, district, "สำนักงานเขตปทุมวันเปิดให้บริการ", title="เวลาทำการ")
    page(world, district, "วันที่ ๓๐ มีนาคม", title="กำหนดการ", code="o07")
    assert find(client, "ปทุมวัน") == ["เวลาทำการ"]
    assert find(client, "เขตปทุมวัน") == ["เวลาทำการ"]
    assert find(client, "ปทุม วัน") == ["เวลาทำการ"]  # typed with a space: read as one word too
    # วัน finds the day in "วันที่" (a compound of วัน and ที่), never the name of the district
    assert find(client, "วัน") == ["กำหนดการ"]
    assert find(client, "ปทุม") == []  # place names are matched whole


def test_parts_of_compound_words_are_found(world, district, client):
    page(world, district, "ประกาศผลการจัดซื้อจัดจ้าง กรุงเทพมหานคร", title="ประกาศ", code="o19")
    for q in ("จัดซื้อ", "จัดจ้าง", "จัดซื้อจัดจ้าง", "กรุงเทพ", "กรุงเทพฯ", "การจัดซื้อ"):
        assert find(client, q) == ["ประกาศ"], q


def test_thai_digits_in_the_query_match_arabic_digits_in_the_text_and_back(world, district, client):
    page(world, district, "งบประมาณปี 2566 จำนวน 1,234,500 บาท", title="งบประมาณ")
    page(world, district, "แผนปี ๒๕๖๗", title="แผน", code="o07")
    assert find(client, "๒๕๖๖") == ["งบประมาณ"]
    assert find(client, "2567") == ["แผน"]
    assert find(client, "1234500") == find(client, "๑,๒๓๔,๕๐๐") == ["งบประมาณ"]


def test_case_width_and_invisible_characters_do_not_matter(world, district, client):
    page(world, district, "มาตรการ No Gift Policy ของสำนักงาน\u200bเขต", title="นโยบาย")
    assert find(client, "no gift") == ["นโยบาย"]
    assert find(client, "ＮＯ ＧＩＦＴ ＰＯＬＩＣＹ") == ["นโยบาย"]  # full-width letters (NFKC)
    assert find(client, "สำนักงานเขต") == ["นโยบาย"]


def test_a_query_of_several_words_needs_all_of_them(world, district, client):
    page(world, district, "ท่อน้ำประปาแตก", title="ประปา")
    page(world, district, "ไฟฟ้าดับ", title="ไฟฟ้า", code="o07")
    page(world, district, "ไฟฟ้าและประปา", title="ทั้งสอง", code="o06")
    assert sorted(find(client, "ประปา")) == ["ทั้งสอง", "ประปา"]
    assert find(client, "ประปา ไฟฟ้า") == ["ทั้งสอง"]


def test_only_what_the_public_may_see_is_found(world, district, client):
    page(world, district, "คำลับเฉพาะอนุมัติแล้ว", title="เผยแพร่")
    page(world, district, "คำลับเฉพาะยังไม่อนุมัติ", title="รออนุมัติ", code="o07", approve=False)
    returned = page(world, district, "คำลับเฉพาะส่งกลับ", title="ส่งกลับ", code="o06", approve=False)
    services.publication_review(actor=world.coordinator, publication=returned, approve=False, comment="แก้")
    page(
        world,
        district,
        "คำลับเฉพาะล่วงหน้า",
        title="ตั้งเวลา",
        code="o05",
        publish_at=timezone.now() + timedelta(days=3),
    )
    page(world, district, "คำลับเฉพาะหนองจอก", title="หน่วยงานอื่น", agency=world.other)
    assert sorted(find(client, "คำลับเฉพาะ")) == ["หน่วยงานอื่น", "เผยแพร่"]
    assert find(client, "คำลับเฉพาะ", agency="pathumwan") == ["เผยแพร่"]
    assert find(client, "คำลับเฉพาะ", agency="nongchok") == ["หน่วยงานอื่น"]
    world.other.is_active = False
    world.other.save()
    assert find(client, "คำลับเฉพาะ") == ["เผยแพร่"]
    assert client.get("/nongchok/search/", {"q": "คำลับเฉพาะ"}).status_code == 404


def test_a_withdrawn_entrys_text_disappears(world, district, client):
    publication = page(world, district, "ข้อมูลที่จะถอนออก", title="จะถอน")
    assert find(client, "ถอนออก") == ["จะถอน"]
    services.publication_withdraw(actor=world.coordinator, publication=publication, reason="ผิดพลาด")
    assert find(client, "ถอนออก") == []


def test_an_approved_revision_replaces_the_old_words(world, district, client):
    publication = page(world, district, "ฉบับเดิมเรื่องถนน", title="ประกาศถนน")
    services.publication_revise(actor=world.officer, publication=publication, body="ฉบับใหม่เรื่องคลอง")
    assert find(client, "ฉบับเดิม") == ["ประกาศถนน"] and find(client, "คลอง") == []  # awaiting approval
    services.publication_review(actor=world.coordinator, publication=publication, approve=True)
    assert find(client, "คลอง") == ["ประกาศถนน"]
    assert find(client, "ถนน") == ["ประกาศถนน"]  # still in the title
    assert find(client, "ฉบับเดิม") == []


@pytest.mark.parametrize("q", ["", "   ", "ก", "!!", "?"])
def test_an_empty_or_too_short_query_finds_nothing_and_says_why(world, district, client, q):
    page(world, district, "ก ข ค", title="ตัวอักษร")
    response = client.get("/search/", {"q": q})
    html = response.content.decode()
    assert response.status_code == 200 and find(client, q) == []
    assert 'role="status"' in html
    assert ("สั้นเกินไป" in html) if q.strip() else ("พิมพ์คำที่ต้องการค้น" in html)


def test_odd_queries_never_fail(world, district, client):
    page(world, district, "ข้อความทดสอบ", title="ทดสอบ")
    for q in ("%", "_", "' OR 1=1 --", "\\", "ทดสอบ" * 200, "<script>alert(1)</script>", "\x00ทดสอบ"):
        response = client.get("/search/", {"q": q})
        assert response.status_code == 200, q
        assert "<script>alert" not in response.content.decode()


def test_results_are_limited_and_counted_and_title_matches_come_first(world, district, client, monkeypatch):
    monkeypatch.setattr(search, "RESULT_LIMIT", 2)
    page(world, district, "เรื่องสวนสาธารณะ", title="ข่าวทั่วไป", code="o07")
    page(world, district, "เรื่องสวนสาธารณะ", title="ข่าวทั่วไปอีก", code="o06")
    page(world, district, "เนื้อหา", title="สวนสาธารณะในเขต", code="o05")
    response = client.get("/search/", {"q": "สวนสาธารณะ"})
    html = response.content.decode()
    titles = find(client, "สวนสาธารณะ")
    assert len(titles) == 2 and titles[0] == "สวนสาธารณะในเขต"
    assert "พบ 3 รายการ" in html and "แสดง 2 รายการแรกจาก 3 รายการ" in html


def test_the_page_has_a_labelled_search_box_and_announces_the_count(world, district, client):
    page(world, district, "ข้อมูลสวนสาธารณะ", title="สวน")
    html = client.get("/pathumwan/search/", {"q": "สวนสาธารณะ"}).content.decode()
    assert '<html lang="th">' in html and 'role="search"' in html
    assert '<label for="search-q">' in html and 'id="search-q" name="q" value="สวนสาธารณะ"' in html
    assert re.search(r'role="status" aria-live="polite">\s*<p><strong>พบ 1 รายการ', html)
    assert "สำนักงานเขตปทุมวัน" in html  # the agency's own layout


def test_activities_of_published_plans_are_found_at_their_row_of_the_plan(world, district, client):
    from prongsai.plans.tests.helpers import publish_seed as import_seed  # published: reviewed

    plan = import_seed(world).plan
    found = [(url, title) for kind, url, title in hits(client, "กลุ่มเปราะบาง") if kind == "activity"]
    activity = plan.activities.get(focus__contains="กลุ่มเปราะบาง")
    assert f"/pathumwan/plan/2566/#activity-{activity.pk}" in [url for url, _title in found]
    html = client.get("/search/", {"q": "กลุ่มเปราะบาง"}).content.decode()
    assert "<mark>เปราะบาง</mark>" in html or "<mark>กลุ่มเปราะบาง</mark>" in html
    page_html = client.get("/pathumwan/plan/2566/").content.decode()
    assert f'id="activity-{activity.pk}"' in page_html  # the anchor the hit links to exists
    plan.is_published = False
    plan.save()
    from prongsai.portal.search import index_refresh

    index_refresh(world.agency, "plans")
    assert [k for k, _u, _t in hits(client, "กลุ่มเปราะบาง") if k == "activity"] == []


def test_activity_words_are_matched_whole_too(world, district, client):
    from prongsai.plans.tests.helpers import publish_seed as import_seed  # published: reviewed

    import_seed(world)
    assert search.search("ปทุมวัน", kind="activity").count > 0
    assert search.search("ทุมวั", kind="activity").count == 0  # a piece of a word is not a word
    assert search.search("ปทุมวัน", agency=world.other).count == 0


def test_no_names_of_staff_appear_on_the_results_page(world, district, client):
    page(world, district, "ประกาศรับสมัคร", title="ประกาศ")
    html = client.get("/search/", {"q": "รับสมัคร"}).content.decode()
    assert "ประกาศ" in html
    for user in (world.officer, world.coordinator):
        assert user.username not in html


def test_searching_takes_the_same_queries_for_few_and_many_hits(world, district, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(codes, start):
        for n, code in enumerate(codes, start=start):
            page(world, district, f"เรื่องที่ {n} ของโครงการคลองสวย", title=f"โครงการ {n}", code=code)

    def count(path):
        client.get(path, {"q": "คลองสวย"})  # the menu and the year filter are cached once seen
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path, {"q": "คลองสวย"}).status_code == 200
        return len(queries)

    add(("o05", "o06"), 0)
    few = (count("/search/"), count("/pathumwan/search/"))
    add(("o07", "o08", "o09", "o10", "o13", "o15", "o16", "o19", "o21", "o24"), 2)
    many = (count("/search/"), count("/pathumwan/search/"))
    assert len(find(client, "คลองสวย")) == 12
    assert few == many and max(many) <= 8  # agency, count, title page, body page, rows; no per-hit query


def test_a_thai_query_reaches_the_page_through_the_address_bar(world, district, client):
    page(world, district, "ข้อมูลจราจร", title="จราจร")
    response = client.get(f"/search/?q={quote('จราจร')}")
    assert "จราจร" in response.content.decode() and response.status_code == 200


# --- the words themselves ----------------------------------------------------------------------------


def test_stored_words_keep_whole_place_names_and_add_the_parts_of_compounds():
    title, terms = searchtext.index_words("ประกาศ", "การจัดซื้อจัดจ้างของสำนักงานเขตปทุมวัน")
    words, extras = terms.split(searchtext.EXTRAS)
    assert " จัดซื้อจัดจ้าง " in words and " ปทุมวัน " in words
    assert " จัดซื้อ " in extras and " จัดจ้าง " in extras and " สำนักงาน " in extras
    assert " ปทุม " not in terms and " วัน " not in terms and title == " ประกาศ "


def test_a_snippet_is_the_text_as_written_with_the_words_marked():
    _title, terms = searchtext.index_words("ชื่อ", "ท่อน้ำประปาแตก ที่ถนนพระราม ๑ (ใกล้สะพาน)")
    query = searchtext.parse("ประปา")
    snippet = searchtext.snippet_of(terms, set(query.words), at_start=True, at_end=False)
    text = "".join(s.text for s in snippet)
    assert text.startswith("ท่อน้ำประปาแตก ที่ถนนพระราม 1 (ใกล้สะพาน)")
    assert [s.text for s in snippet if s.hit] == ["น้ำประปา"]


def test_a_word_the_text_holds_in_two_pieces_is_still_found():
    # The segmenter may cut a document's text differently from the query: neighbours that make a
    # dictionary word together are stored joined as well.
    title, terms = searchtext.index_of([], [["สำนัก", "งาน", "เขต"], ["ปทุม", "วัน"]])
    assert searchtext.matches(title, terms, searchtext.parse("ปทุมวัน"))
    assert searchtext.matches(title, terms, searchtext.parse("สำนักงาน"))
    snippet = searchtext.snippet_of(terms, {"ปทุมวัน"}, at_start=True, at_end=True)
    assert [s.text for s in snippet if s.hit] == ["ปทุมวัน"]


# --- every kind of public thing, through the providers ---------------------------------------------------


@pytest.fixture
def public_things(world):
    from prongsai.content import services as content
    from prongsai.content.models import Executive, NewsPost
    from prongsai.datasets import services as datasets
    from prongsai.datasets.services import ColumnSpec

    laws = [
        "พระราชบัญญัติควบคุมอาคาร พ.ศ. ๒๕๒๒",
        "พระราชบัญญัติการทะเบียนราษฎร พ.ศ. ๒๕๓๔",
        "พระราชบัญญัติการสาธารณสุข พ.ศ. ๒๕๓๕",
    ]
    law_rows = [
        content.law_save(
            actor=world.coordinator,
            agency=world.agency,
            department=world.registration,
            category="กฎหมายส่วนบริหารการทะเบียน",
            title=title,
            url="https://www.krisdika.go.th/",
        )
        for title in laws
    ]
    dataset = datasets.dataset_create(
        actor=world.coordinator,
        agency=world.agency,
        department=world.administration,
        title="การออกบัตรแรงงานต่างด้าว",
        description="จำนวนบัตรที่ออกให้แรงงานต่างด้าวรายเดือน",
        columns=[
            ColumnSpec("nationality", "สัญชาติ", "text", required=True),
            ColumnSpec("cards", "จำนวนบัตร", "integer"),
        ],
        slug_base="foreign-workers",
    )
    datasets.dataset_publish(actor=world.coordinator, dataset=dataset, publish=True)
    news = content.news_save(
        actor=world.coordinator,
        agency=world.agency,
        title="เขตปทุมวันจัดกิจกรรมวันต่อต้านคอร์รัปชัน",
        summary="ผู้อำนวยการเขตนำข้าราชการร่วมกิจกรรม",
        body="กิจกรรม Zero Corruption ที่ลานหน้าสำนักงานเขต",
        status=NewsPost.Status.PUBLISHED,
        publish_at=timezone.now() - timedelta(days=2),
    )
    school = content.school_save(
        actor=world.coordinator, agency=world.agency, name="โรงเรียนวัดปทุมวนาราม", address="ถนนพระรามที่ ๑"
    )
    director = content.executive_save(
        actor=world.coordinator,
        agency=world.agency,
        kind=Executive.Kind.DIRECTOR,
        name="นายสมชาย ใจดี",
        position="ผู้อำนวยการเขตปทุมวัน",
    )
    return {"laws": law_rows, "dataset": dataset, "news": news, "school": school, "director": director}


def test_laws_news_datasets_schools_and_executives_are_found_each_at_its_place(world, public_things, client):
    laws = [(u, t) for k, u, t in hits(client, "พระราชบัญญัติ") if k == "law"]
    assert len(laws) == 3
    assert {u for u, _t in laws} == {f"/pathumwan/laws/#law-{law.pk}" for law in public_things["laws"]}
    dataset = [(k, u) for k, u, _t in hits(client, "แรงงานต่างด้าว")]
    assert ("dataset", f"/pathumwan/datasets/{public_things['dataset'].slug}/") in dataset
    assert [k for k, _u, _t in hits(client, "จำนวนบัตร")] == ["dataset"]  # a column name
    news = public_things["news"]
    assert ("news", f"/pathumwan/news/{news.slug}/") in [(k, u) for k, u, _t in hits(client, "คอร์รัปชัน")]
    school = public_things["school"]
    assert ("school", f"/pathumwan/schools/#school-{school.pk}") in [
        (k, u) for k, u, _t in hits(client, "ปทุมวนาราม")
    ]
    director = public_things["director"]
    assert ("executive", f"/pathumwan/about/#person-{director.pk}") in [
        (k, u) for k, u, _t in hits(client, "สมชาย")
    ]
    # the anchors the hits link to are on the pages
    assert f'id="law-{public_things["laws"][0].pk}"' in client.get("/pathumwan/laws/").content.decode()
    assert f'id="person-{director.pk}"' in client.get("/pathumwan/about/").content.decode()


def test_english_words_and_queries_with_or_without_spaces_find_the_same(world, public_things, client):
    news = f"/pathumwan/news/{public_things['news'].slug}/"
    assert news in [u for _k, u, _t in hits(client, "zero corruption")]
    assert news in [u for _k, u, _t in hits(client, "ZERO Corruption")]
    together = [u for _k, u, _t in hits(client, "แรงงานต่างด้าว")]
    apart = [u for _k, u, _t in hits(client, "แรงงาน ต่างด้าว")]
    assert together == apart and f"/pathumwan/datasets/{public_things['dataset'].slug}/" in together


def test_results_can_be_filtered_by_kind_and_year(world, public_things, district, client):
    page(world, district, "พระราชบัญญัติข้อมูลข่าวสารของราชการ", title="ข้อมูลข่าวสาร", code="o04")
    kinds = {k for k, _u, _t in hits(client, "พระราชบัญญัติ")}
    assert kinds == {"law", "oit"}
    assert {k for k, _u, _t in hits(client, "พระราชบัญญัติ", kind="law")} == {"law"}
    assert [t for _k, _u, t in hits(client, "พระราชบัญญัติ", year="2566")] == ["ข้อมูลข่าวสาร"]
    assert hits(client, "พระราชบัญญัติ", year="2560") == []
    html = client.get("/search/", {"q": "พระราชบัญญัติ", "kind": "law"}).content.decode()
    assert '<option value="law" selected>' in html and '<option value="2566">' in html
    # an unknown kind or a year that is not one is ignored, never an error
    assert client.get("/search/", {"q": "พระราชบัญญัติ", "kind": "x", "year": "abc"}).status_code == 200


def test_a_new_module_becomes_searchable_and_answers_an_item_without_touching_the_core(
    world, district, client, monkeypatch
):
    """A provider declared the way every app declares one: its topic is named in the catalogue data."""
    import types

    from prongsai.disclosure import providers
    from prongsai.disclosure.providers import GeneratedEntry, SearchDocument

    module = types.ModuleType("prongsai.tests_fake_provider")
    module.ITEMS = {
        "permits": lambda agency, item: [
            GeneratedEntry(
                "ทะเบียนใบอนุญาต", f"/{agency.slug}/permits/", frozenset({"page"}), None, None, None, "x"
            )
        ]
    }
    module.search_documents = lambda agency: [
        SearchDocument(key="p1", kind="service", title="ใบอนุญาตจำหน่ายอาหาร", text="", url="/x/#p1")
    ]
    monkeypatch.setitem(providers.modules(), "permitsdemo", module)
    item = district.items.get(code="o09")
    item.providers = ["permitsdemo.permits"]
    item.save()
    assert [e.title for e in providers.generated_entries(world.agency, item)] == ["ทะเบียนใบอนุญาต"]
    assert "ทะเบียนใบอนุญาต" in client.get("/pathumwan/oit/2566/o09/").content.decode()
    search.index_refresh(world.agency, "permitsdemo")
    assert [(k, t) for k, _u, t in hits(client, "จำหน่ายอาหาร")] == [("service", "ใบอนุญาตจำหน่ายอาหาร")]


def test_a_provider_that_fails_to_import_stops_the_start_up(monkeypatch):
    from django.apps import apps

    from prongsai.disclosure import providers

    config = apps.get_app_config("content")
    monkeypatch.setattr(config, "provider", "prongsai.content.no_such_module", raising=False)
    with pytest.raises(ModuleNotFoundError):
        providers.load()
    monkeypatch.undo()
    providers.load()


def test_a_catalogue_naming_an_unknown_topic_of_an_installed_app_is_refused(db):
    from django.core.exceptions import ValidationError

    data = {
        "scheme": "x",
        "year": 2566,
        "title": "x",
        "sub_indicators": [{"code": "1", "title": "x"}],
        "items": [
            {
                "code": "a1",
                "number": 1,
                "sub_indicator": "1",
                "title": "x",
                "period": "current",
                "providers": ["content.no_such_topic"],
            }
        ],
    }
    with pytest.raises(ValidationError, match=r"content\.no_such_topic"):
        services.catalogue_load(data)


def test_an_upload_does_not_read_its_file_the_worker_does(world, district, settings):
    from prongsai.disclosure.models import PublicationVersion
    from prongsai.disclosure.tasks import file_text_extract

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    publication = entry(world, district, title="รายงาน", kind="file", upload=pdf_upload("ถนนสายใหม่ในเขต"))
    version = PublicationVersion.objects.get(publication=publication)
    assert version.file_text_state == "pending" and version.file_text == ""
    assert search.search("ถนนสายใหม่").count == 0  # not read yet: found by its title only
    file_text_extract.call(version.pk)
    version.refresh_from_db()
    assert version.file_text_state == "done" and "ถนนสายใหม่" in version.file_text.replace(" ", "")
    search.index_refresh(world.agency, "disclosure")
    assert search.search("ถนนสายใหม่").count == 1
