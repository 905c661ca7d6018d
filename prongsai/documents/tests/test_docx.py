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
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def test_the_docx_is_a4_landscape():
    document = docx.Document(io.BytesIO(table_docx(plan_table())))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert abs(section.page_width - Mm(297)) < Mm(1) and abs(section.page_height - Mm(210)) < Mm(1)


def test_every_run_is_sarabun_for_latin_and_thai_with_a_thai_size(skr1):
    runs = skr1.element.body.iter(qn("w:r"))
    for run in runs:
        fonts = run.find(qn("w:rPr") + "/" + qn("w:rFonts"))
        assert fonts is not None
        assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "cs")} == {"Sarabun"}
        assert run.find(qn("w:rPr") + "/" + qn("w:szCs")) is not None  # Word sizes Thai by szCs
    normal = skr1.styles["Normal"].element.find(qn("w:rPr") + "/" + qn("w:rFonts"))
    assert normal.get(qn("w:cs")) == "Sarabun"


def test_bold_is_bold_for_thai_too(skr1):
    title = next(p for p in skr1.paragraphs if p.text.startswith("สรุปผลการดำเนินการจัดซื้อจัดจ้าง"))
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
    text = "\n".join(cell.text for row in skr1.tables[0].rows for cell in row.cells)
    assert "๑,๒๓๔,๕๖๗.๕๐" in text and "๓ มี.ค. ๖๖" in text and "๑,๒๔๗,๐๖๗.๕๐" in text


def test_a_group_row_is_one_cell_across_the_table():
    document = docx.Document(io.BytesIO(table_docx(plan_table())))
    group = next(row for row in _table_rows(document) if "ตัวชี้วัดที่ ๒" in _text(row))
    cells = group.findall(qn("w:tc"))
    assert len(cells) == 1
    assert cells[0].find(qn("w:tcPr") + "/" + qn("w:gridSpan")).get(qn("w:val")) == "8"


def test_markup_in_a_cell_is_kept_as_text(skr1):
    assert "จัดซื้อวัสดุสำนักงาน <b>กระดาษ</b> & หมึกพิมพ์" in [c.text for c in skr1.tables[0].rows[2].cells]


def test_a_month_without_procurement_says_so_in_word_too():
    document = docx.Document(io.BytesIO(table_docx(skr1_table(rows=[]))))
    assert document.tables[0].rows[2].cells[0].text == "ไม่มีการจัดซื้อจัดจ้าง"
