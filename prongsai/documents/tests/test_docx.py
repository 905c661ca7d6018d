import io

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm

from prongsai.documents.docx import table_docx

from .samples import plan_table, skr1_table


@pytest.fixture(scope="module")
def skr1():
    return docx.Document(io.BytesIO(table_docx(skr1_table())))


def _table_rows(document):
    return document.tables[0]._tbl.findall(qn("w:tr"))


def _text(element) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t"))).replace("\u200b", "").replace("\u2060", "")


def _cell_text(cell) -> str:
    return cell.text.replace("\u200b", "").replace("\u2060", "")


def test_the_docx_is_a4_landscape():
    document = docx.Document(io.BytesIO(table_docx(plan_table())))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert abs(section.page_width - Mm(297)) < Mm(1) and abs(section.page_height - Mm(210)) < Mm(1)


def test_every_run_is_th_sarabun_new_for_latin_and_thai_at_the_official_size(skr1):
    runs = skr1.element.body.iter(qn("w:r"))
    for run in runs:
        fonts = run.find(qn("w:rPr") + "/" + qn("w:rFonts"))
        assert fonts is not None
        assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "cs")} == {"TH Sarabun New"}
        assert run.find(qn("w:rPr") + "/" + qn("w:szCs")) is not None  # Word sizes Thai by szCs
    normal = skr1.styles["Normal"].element.find(qn("w:rPr") + "/" + qn("w:rFonts"))
    assert normal.get(qn("w:cs")) == "TH Sarabun New"
    assert skr1.styles["Normal"].element.find(qn("w:rPr") + "/" + qn("w:szCs")).get(qn("w:val")) == "32"


@pytest.mark.parametrize("font", ["TH SarabunPSK", "TH SarabunIT๙"])
def test_the_font_is_configurable_by_argument_and_setting(font, settings):
    document = docx.Document(io.BytesIO(table_docx(skr1_table(), font=font)))
    fonts = next(document.element.body.iter(qn("w:r"))).find(qn("w:rPr") + "/" + qn("w:rFonts"))
    assert fonts.get(qn("w:cs")) == font
    settings.DOCX_FONT = font
    document = docx.Document(io.BytesIO(table_docx(skr1_table())))
    assert document.styles["Normal"].element.find(qn("w:rPr") + "/" + qn("w:rFonts")).get(qn("w:cs")) == font


def test_thai_words_are_separated_by_zero_width_spaces_and_never_before_mai_yamok():
    document = docx.Document(io.BytesIO(table_docx(plan_table())))
    texts = [t.text or "" for t in document.element.body.iter(qn("w:t"))]
    assert any("\u200b" in text for text in texts)
    assert not any("\u200bๆ" in text or " ๆ" in text for text in texts)


def test_a_thai_digit_document_numbers_its_pages_in_thai_digits():
    document = docx.Document(io.BytesIO(table_docx(skr1_table())))
    number_type = document.sections[0]._sectPr.find(qn("w:pgNumType"))
    assert number_type is not None and number_type.get(qn("w:fmt")) == "thaiNumbers"


def test_bold_is_bold_for_thai_too(skr1):
    title = next(
        p
        for p in skr1.paragraphs
        if p.text.replace("\u200b", "").replace("\u2060", "").startswith("สรุปผลการดำเนินการจัดซื้อจัดจ้าง")
    )
    r_pr = title.runs[0]._r.find(qn("w:rPr"))
    assert r_pr.find(qn("w:b")) is not None and r_pr.find(qn("w:bCs")) is not None


def test_both_header_rows_repeat_on_every_page_and_the_group_header_is_merged(skr1):
    rows = _table_rows(skr1)
    flags = [row.find(qn("w:trPr") + "/" + qn("w:tblHeader")) is not None for row in rows]
    assert flags[:2] == [True, True] and not any(flags[2:])
    top_cells = rows[0].findall(qn("w:tc"))
    group = top_cells[-1]
    assert group.find(qn("w:tcPr") + "/" + qn("w:gridSpan")).get(qn("w:val")) == "2"
    assert _text(group) == "เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง"
    # ลำดับที่ spans both header rows: merged downwards.
    first = top_cells[0].find(qn("w:tcPr") + "/" + qn("w:vMerge"))
    assert first is not None and first.get(qn("w:val")) == "restart"


def test_figures_dates_and_a_total_are_written_in_thai_digits(skr1):
    text = "\n".join(_cell_text(cell) for row in skr1.tables[0].rows for cell in row.cells)
    assert "๑,๒๓๔,๕๖๗.๕๐" in text and "๓ มี.ค. ๖๖" in text and "๑,๒๔๗,๐๖๗.๕๐" in text


def test_a_group_row_is_one_cell_across_the_table():
    document = docx.Document(io.BytesIO(table_docx(plan_table())))
    group = next(row for row in _table_rows(document) if "ตัวชี้วัดที่ ๒" in _text(row))
    cells = group.findall(qn("w:tc"))
    assert len(cells) == 1
    assert cells[0].find(qn("w:tcPr") + "/" + qn("w:gridSpan")).get(qn("w:val")) == "8"


def test_markup_in_a_cell_is_kept_as_text(skr1):
    assert "จัดซื้อวัสดุสำนักงาน <b>กระดาษ</b> & หมึกพิมพ์" in [_cell_text(c) for c in skr1.tables[0].rows[2].cells]


def test_a_month_without_procurement_says_so_in_word_too():
    document = docx.Document(io.BytesIO(table_docx(skr1_table(rows=[]))))
    assert _cell_text(document.tables[0].rows[2].cells[0]) == "ไม่มีการจัดซื้อจัดจ้าง"
