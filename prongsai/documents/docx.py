"""Word (DOCX) in the Thai official style, for documents that people edit before they sign them."""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt

from .fonts import FAMILY as FONT
from .fonts import fit_widths
from .tables import Table

# Word measures Thai in the complex-script size (w:szCs), which it must be told separately.
BODY_PT = 12  # Sarabun 12 pt looks like TH Sarabun New 16 pt, the size of official letters
TABLE_PT = 11
TITLE_PT = 14
HEADER_FILL = "E8E8E8"
GROUP_FILL = "F3F3F3"

_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
}


def table_docx(table: Table) -> bytes:
    """The table as a Word document: A4, Sarabun, header rows repeated on every page."""
    document = Document()
    _set_default_font(document)
    section = document.sections[0]
    width, height = Mm(210), Mm(297)
    section.orientation = WD_ORIENT.LANDSCAPE if table.landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if table.landscape else (width, height)
    section.left_margin = section.right_margin = Mm(12)
    section.top_margin, section.bottom_margin = Mm(14), Mm(16)
    _page_numbers(section)

    document.core_properties.title = table.title
    document.core_properties.language = "th-TH"
    if table.form_code:
        _paragraph(document, table.form_code, align="right")
    heading = _paragraph(document, table.title, align="center", bold=True, size=TITLE_PT)
    for line in table.subtitle:
        heading = _paragraph(document, line, align="center")
    heading.paragraph_format.space_after = Pt(8)

    columns = table.columns
    header_rows = table.header_rows()
    body = table.body()
    grid = document.add_table(rows=len(header_rows) + len(body), cols=len(columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    usable = Emu(section.page_width - section.left_margin - section.right_margin)
    widths = [Pt(w) for w in fit_widths(table, usable.pt, TABLE_PT, padding_pt=12)]  # Word's cell margins
    for i, column_width in enumerate(widths):
        grid.columns[i].width = column_width
        for cell in grid.columns[i].cells:
            cell.width = column_width

    for r, header_row in enumerate(header_rows):
        row = grid.rows[r]
        _repeat_as_header(row)
        for header in header_row:
            cell = row.cells[header.first]
            end_row, end_col = r + header.rowspan - 1, header.first + header.colspan - 1
            if (end_row, end_col) != (r, header.first):
                cell = cell.merge(grid.cell(end_row, end_col))
            _fill(cell, header.text, align="center", bold=True, shade=HEADER_FILL)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER

    for offset, body_row in enumerate(body):
        row = grid.rows[len(header_rows) + offset]
        _keep_row_on_one_page(row)
        if body_row.group is not None:
            cell = row.cells[0].merge(row.cells[-1])
            if body_row.empty:
                _fill(cell, body_row.group, align="center")
            else:
                _fill(cell, body_row.group, bold=True, shade=GROUP_FILL)
            continue
        for i, text in enumerate(body_row.cells):
            _fill(row.cells[i], text, align=columns[i].alignment, bold=body_row.total)

    for i, line in enumerate(table.notes):
        note = _paragraph(document, line)
        if i == 0:
            note.paragraph_format.space_before = Pt(6)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _set_default_font(document) -> None:
    """Sarabun and Thai for every run, through the Normal style and the document defaults."""
    for style in (document.styles["Normal"], document.styles["Table Grid"]):
        _thai_run_properties(style.element.get_or_add_rPr(), BODY_PT)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        r_pr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if r_pr is not None:
            _thai_run_properties(r_pr, BODY_PT)


def _thai_run_properties(r_pr, size_pt: float, bold: bool = False) -> None:
    """Set the font for all four scripts Word knows, the complex-script size and bold, and Thai as the
    complex-script language: Word draws Thai with the cs settings, and ignores w:b and w:sz for it."""
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(theme), None)  # a theme font would win over the name
    if bold:
        for tag in ("w:b", "w:bCs"):
            if r_pr.find(qn(tag)) is None:
                r_pr.append(OxmlElement(tag))
    for tag in ("w:sz", "w:szCs"):
        element = r_pr.find(qn(tag))
        if element is None:
            element = OxmlElement(tag)
            r_pr.append(element)
        element.set(qn("w:val"), str(round(size_pt * 2)))  # half-points
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:bidi"), "th-TH")
    # python-docx writes rPr children in whatever order we add them; Word wants the schema order.
    _sort_children(r_pr, _RPR_ORDER)


_RPR_ORDER = [
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
]


def _sort_children(element, order: list[str]) -> None:
    rank = {qn(f"w:{name}"): i for i, name in enumerate(order)}
    children = sorted(element, key=lambda child: rank.get(child.tag, len(order)))
    for child in children:
        element.remove(child)
    element.extend(children)


def _paragraph(document, text: str, *, align: str = "left", bold: bool = False, size: float = BODY_PT):
    paragraph = document.add_paragraph()
    paragraph.alignment = _ALIGN[align]
    paragraph.paragraph_format.space_after = Pt(0)
    if text:
        _run(paragraph, text, bold=bold, size=size)
    return paragraph


def _run(paragraph, text: str, *, bold: bool = False, size: float = TABLE_PT):
    run = paragraph.add_run(text)
    _thai_run_properties(run._r.get_or_add_rPr(), size, bold=bold)
    return run


def _fill(cell, text: str, *, align: str = "left", bold: bool = False, shade: str | None = None) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = _ALIGN[align]
    paragraph.paragraph_format.space_after = Pt(0)
    if text:
        _run(paragraph, text, bold=bold)
    if shade:
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), shade)
        cell._tc.get_or_add_tcPr().append(shading)


def _repeat_as_header(row) -> None:
    """Mark a row as a header row, which Word repeats at the top of every page."""
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _keep_row_on_one_page(row) -> None:
    flag = OxmlElement("w:cantSplit")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().insert(0, flag)


def _page_numbers(section) -> None:
    """ "หน้า 1/3" in the footer, right. In Arabic digits even for Thai-digit tables: Word's switch for
    Thai digits (\\* ThaiArabic) comes out as Thai letters (ก/ค) in LibreOffice, which misleads."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(paragraph, "หน้า ", size=10)
    _field(paragraph, "PAGE")
    _run(paragraph, "/", size=10)
    _field(paragraph, "NUMPAGES")


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) with a placeholder result; Word and LibreOffice compute the real one
    when they lay out the page. Each part is a run of its own, as Word writes them."""
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    placeholder = OxmlElement("w:t")
    placeholder.text = "1"
    for element in (_field_char("begin"), code, _field_char("separate"), placeholder, _field_char("end")):
        _run(paragraph, "", size=10)._r.append(element)


def _field_char(kind: str):
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element
