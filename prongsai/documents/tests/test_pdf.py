import io
import re
import subprocess

import pytest
from django.template.loader import render_to_string
from pypdf import PdfReader

from prongsai.documents.images import pdf_to_png
from prongsai.documents.pdf import html_to_pdf, table_context, table_pdf
from prongsai.documents.wrapping import _THAI_LETTER, thai_words_of, thai_wrap_html

from .samples import PLAN_ROWS, comparable, pdf_text, plan_table, skr1_table


@pytest.fixture(scope="module")
def plan_pdf():
    return table_pdf(plan_table())


@pytest.fixture(scope="module")
def long_plan_pdf():
    return table_pdf(plan_table(rows=PLAN_ROWS * 6))


def _fonts(pdf: bytes) -> dict[str, bool]:
    """Base font name -> whether the font program is embedded."""
    fonts = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = "/FontFile2" in descriptor
    return fonts


def test_a_plan_table_is_an_a4_landscape_pdf_with_sarabun_embedded(plan_pdf):
    reader = PdfReader(io.BytesIO(plan_pdf))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    fonts = _fonts(plan_pdf)
    assert fonts and all(name.split("+")[-1].startswith("Sarabun") for name in fonts), fonts
    assert all(fonts.values())  # embedded, not left to the reader's machine


def test_a_portrait_table_is_a4_portrait():
    pdf = table_pdf(plan_table(rows=PLAN_ROWS[:1], landscape=False))
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_the_thai_text_can_be_copied_out_of_the_pdf(plan_pdf):
    text = comparable(pdf_text(plan_pdf))
    for expected in [
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานของสำนักงานเขตปทุมวัน",
        "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
        "ระยะเวลากำกับติดตาม",  # split over lines in its header cell
        "ฝ่ายทะเบียน",
        "๓๐ มี.ค. ๖๖",
        "ตัวชี้วัดที่ ๒ การใช้งบประมาณ",
    ]:
        assert comparable(expected).replace(" ", "") in text.replace("\n", "").replace(" ", "")


def test_sara_am_and_tone_marks_survive_copying_whatever_comes_first():
    # WeasyPrint alone maps glyphs by first use: these came out as "สำนักงำน" and "นำ" (water lost its tone).
    for text in ["สำนักงานเขต ราชการ น้ำท่วม ทำ", "ราชการ น้ำท่วม สำนักงานเขต ทำ"]:
        pdf = html_to_pdf(f"<p>{text}</p>")
        assert comparable(pdf_text(pdf)).split() == comparable(text).split()


def test_the_header_is_repeated_on_every_page_of_a_long_table(long_plan_pdf):
    pages = len(PdfReader(io.BytesIO(long_plan_pdf)).pages)
    assert pages >= 3
    for page in (2, pages):
        text = comparable(pdf_text(long_plan_pdf, page))
        assert "ตัวชี้วัด" in text and "ผู้รับผิดชอบ" in text and "ผลผลิต" in text
    last = pdf_text(long_plan_pdf, pages)
    thai = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
    assert f"หน้า {str(pages).translate(thai)}/{str(pages).translate(thai)}" in last


def test_arabic_digits_give_arabic_page_numbers_and_dates():
    pdf = table_pdf(plan_table(rows=PLAN_ROWS[:1], digits="arabic"))
    text = pdf_text(pdf)
    assert "หน้า 1/1" in text
    assert "30 มี.ค. 66" in text


def test_the_form_code_is_printed_at_the_top_right():
    pdf = table_pdf(skr1_table())
    bbox = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    words = re.findall(rb'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', bbox)
    positions = {text.decode(): (float(x), float(y)) for x, y, text in words}
    x, y = positions["สขร.๑"]
    assert x > 842 * 0.8 and y < 595 * 0.1
    assert positions["ณ"][1] > positions["รวม"][1]  # the notes come under the table


def test_a_month_without_procurement_is_still_a_document_that_says_so():
    text = comparable(pdf_text(table_pdf(skr1_table(rows=[]))))
    assert comparable("สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือนมีนาคม ๒๕๖๖") in text
    assert "ไม่มีการจัดซื้อจัดจ้าง" in text
    assert "รวม" not in text  # no total of nothing


def test_html_in_a_cell_value_is_shown_as_text_not_rendered():
    table = skr1_table()
    html = render_to_string("documents/table.html", table_context(table))
    assert "&lt;b&gt;" in html and "<b>กระดาษ" not in html
    assert "<b>" in pdf_text(table_pdf(table))


# --- Line breaking ------------------------------------------------------------------------------

PARAGRAPHS = [
    "ป้ายสัญลักษณ์ติดตามจุดต่างๆ ของสำนักงานเขตปทุมวันและสำนักงานเขตหนองจอก",
    "สื่อสารสร้างการรับรู้ ความใส่ใจ การให้บริการต่อกลุ่มดังกล่าวผ่าน fb ผ่าน line group ต่าง ๆ",
    "จัดทำ info graphic สรุปข้อมูลการใช้งบประมาณของสำนักงานเขตปทุมวัน เบิกจ่ายทั้งสิ้น",
    "อบรมให้ความรู้การปฏิบัติงานแก่เจ้าหน้าที่เพื่อให้เกิดความชำนาญ รวมถึงการเพิ่มประสิทธิภาพในการให้บริการ",
    "สื่อสารโดยสื่อประชาสัมพันธ์ info graphic ณ จุดบริการ ช่องทางการร้องเรียนน้ำท่วมขังในหน่วยงาน",
]
WIDTHS = [60, 75, 95, 130]


def _break_errors(text: str, lines: list[str]) -> tuple[list[str], int]:
    """Line breaks that fall inside a Thai word (by our dictionary), and how many breaks there were."""
    target = comparable(text)
    boundaries, at = set(), 0
    for word in thai_words_of(text):
        at += len(comparable(word))
        boundaries.add(at)
    errors, at = [], 0
    lines = [comparable(line).strip() for line in lines if line.strip()]
    for line in lines:
        assert target.startswith(line, at), (target[at:], line)
        at += len(line)
        if at < len(target) and _THAI_LETTER.match(target[at - 1]) and _THAI_LETTER.match(target[at]):
            if at not in boundaries:
                errors.append(f"{target[max(0, at - 10) : at]}|{target[at : at + 10]}")
        while at < len(target) and target[at] == " ":
            at += 1
    assert at == len(target)
    return errors, len(lines) - 1


def test_thai_lines_break_between_words_never_inside_one():
    pages = [(text, width) for text in PARAGRAPHS for width in WIDTHS]
    html = "".join(
        f'<div style="width: {width}px; break-after: page; font-size: 16px">{thai_wrap_html(text)}</div>'
        for text, width in pages
    )
    pdf = html_to_pdf(f'<html lang="th"><body>{html}</body></html>')
    errors, breaks = [], 0
    for number, (text, _width) in enumerate(pages, start=1):
        lines = pdf_text(pdf, number).replace("\f", "").splitlines()
        page_errors, page_breaks = _break_errors(text, lines)
        errors += page_errors
        breaks += page_breaks
        if _width == 60:
            assert "ปทุม" not in "".join(line[-4:] for line in lines)  # the name never ends a line half-way
    assert breaks > 50  # the columns are narrow enough to break a lot
    assert errors == []


def test_a_pdf_page_can_be_seen_as_a_png(plan_pdf):
    png = pdf_to_png(plan_pdf, page=1, dpi=72)
    assert png.startswith(b"\x89PNG")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert abs(width - 842) <= 1 and abs(height - 595) <= 1  # A4 landscape at 72 dpi, give or take rounding


# --- What a PDF may load --------------------------------------------------------------------------


def _image_count(pdf: bytes) -> int:
    reader = PdfReader(io.BytesIO(pdf))
    count = 0
    for page in reader.pages:
        objects = page["/Resources"].get("/XObject", {})
        count += sum(1 for ref in objects.values() if ref.get_object().get("/Subtype") == "/Image")
    return count


def test_images_load_only_from_the_given_folder_never_from_the_network(tmp_path, plan_pdf):
    allowed, elsewhere = tmp_path / "allowed", tmp_path / "elsewhere"
    allowed.mkdir()
    elsewhere.mkdir()
    png = pdf_to_png(plan_pdf, dpi=10)
    (allowed / "seal.png").write_bytes(png)
    (elsewhere / "secret.png").write_bytes(png)

    assert _image_count(html_to_pdf('<img src="seal.png">', base_url=allowed)) == 1
    assert (
        _image_count(html_to_pdf(f'<img src="{(elsewhere / "secret.png").as_uri()}">', base_url=allowed)) == 0
    )
    assert _image_count(html_to_pdf('<img src="../elsewhere/secret.png">', base_url=allowed)) == 0
    assert _image_count(html_to_pdf('<img src="http://127.0.0.1:9/seal.png">')) == 0
