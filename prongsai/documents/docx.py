"""Word (DOCX) in the Thai official style, for documents that people edit before they sign them.

The font is named TH Sarabun New by default, the font government PCs have (settings.DOCX_FONT, or the
``font`` argument: TH SarabunPSK, TH SarabunIT๙), at the official sizes (16 pt text). Thai words are
separated by zero-width spaces and their letters joined by word joiners (wrapping.thai_glue_words), so
that Word and LibreOffice break lines between words only (both would otherwise cut where their own
dictionaries see a word: การรับ|รู้, ขั้น|ตอน), and never before ๆ.
"""

import io
from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt

from .fonts import FAMILY as SARABUN
from .fonts import fit_widths
from .tables import Table
from .wrapping import thai_glue_words

DEFAULT_FONT = "TH Sarabun New"
OFFICIAL_FONTS = ("TH Sarabun New", "TH SarabunPSK", "TH SarabunIT๙")


@dataclass(frozen=True)
class Look:
    """A font and its sizes. Word measures Thai in the complex-script size (w:szCs), told separately."""

    font: str
    body: float  # points
    table: float
    title: float
    small: float
    # How wide this font's text is against Sarabun's at the same size (column widths are measured with
    # Sarabun's metrics, the font we ship): the TH Sarabun family is drawn at three quarters of it.
    scale: float = 1.0


def look_of(font: str | None = None) -> Look:
    """The look for ``font`` (default: settings.DOCX_FONT, else TH Sarabun New). The TH Sarabun family at
    the sizes of the ระเบียบงานสารบรรณ (16 pt text); Sarabun, whose letters are larger, at 12 pt."""
    if font is None:
        from django.conf import settings

        font = getattr(settings, "DOCX_FONT", "") or DEFAULT_FONT
    if font == SARABUN:
        return Look(font, body=12, table=11, title=14, small=10)
    return Look(font, body=16, table=14, title=18, small=14, scale=0.75)


# Kept for callers that size their own runs (the Sarabun sizes).
BODY_PT = 12
TABLE_PT = 11
TITLE_PT = 14
HEADER_FILL = "E8E8E8"
GROUP_FILL = "F3F3F3"

_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
}


def table_docx(table: Table, *, font: str | None = None) -> bytes:
    """The table as a Word document: A4, TH Sarabun New (see look_of), header rows repeated on every page."""
    document = Document()
    look = look_of(font)
    table_into(document, table, look=look)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def table_into(document, table: Table, *, look: Look, section=None) -> None:
    """Write ``table`` with its title into ``document`` (a new one, or the section given)."""
    _set_default_font(document, look)
    section = section or document.sections[0]
    width, height = Mm(210), Mm(297)
    section.orientation = WD_ORIENT.LANDSCAPE if table.landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if table.landscape else (width, height)
    section.left_margin = section.right_margin = Mm(12)
    section.top_margin, section.bottom_margin = Mm(14), Mm(16)
    _page_numbers(section, look, thai=table.digits == "thai")

    document.core_properties.title = table.title
    document.core_properties.language = "th-TH"
    if table.form_code:
        _paragraph(document, table.form_code, align="right", look=look)
    heading = _paragraph(document, table.title, align="center", bold=True, size=look.title, look=look)
    for line in table.subtitle:
        heading = _paragraph(document, line, align="center", look=look)
    heading.paragraph_format.space_after = Pt(8)

    columns = table.columns
    header_rows = table.header_rows()
    body = table.body()
    grid = document.add_table(rows=len(header_rows) + len(body), cols=len(columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    usable = Emu(section.page_width - section.left_margin - section.right_margin)
    widths = [Pt(w) for w in fit_widths(table, usable.pt, look.table * look.scale, padding_pt=12)]
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
            _fill(cell, header.text, align="center", bold=True, shade=HEADER_FILL, look=look)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER

    for offset, body_row in enumerate(body):
        row = grid.rows[len(header_rows) + offset]
        _keep_row_on_one_page(row)
        if body_row.group is not None:
            cell = row.cells[0].merge(row.cells[-1])
            if body_row.empty:
                _fill(cell, body_row.group, align="center", look=look)
            else:
                _fill(cell, body_row.group, bold=True, shade=GROUP_FILL, look=look)
            continue
        for i, text in enumerate(body_row.cells):
            _fill(row.cells[i], text, align=columns[i].alignment, bold=body_row.total, look=look)

    for i, line in enumerate(table.notes):
        note = _paragraph(document, line, look=look)
        if i == 0:
            note.paragraph_format.space_before = Pt(6)


def _set_default_font(document, look: Look) -> None:
    """The font and Thai for every run, through the Normal style and the document defaults."""
    for style in (document.styles["Normal"], document.styles["Table Grid"]):
        _thai_run_properties(style.element.get_or_add_rPr(), look.body, font=look.font)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        r_pr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if r_pr is not None:
            _thai_run_properties(r_pr, look.body, font=look.font)


def _thai_run_properties(r_pr, size_pt: float, bold: bool = False, font: str = DEFAULT_FONT) -> None:
    """Set the font for all four scripts Word knows, the complex-script size and bold, and Thai as the
    complex-script language: Word draws Thai with the cs settings, and ignores w:b and w:sz for it."""
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), font)
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


def _paragraph(
    document, text: str, *, align: str = "left", bold: bool = False, size: float | None = None, look: Look
):
    paragraph = document.add_paragraph()
    paragraph.alignment = _ALIGN[align]
    paragraph.paragraph_format.space_after = Pt(0)
    if text:
        _run(paragraph, text, bold=bold, size=size or look.body, look=look)
    return paragraph


def _run(paragraph, text: str, *, bold: bool = False, size: float | None = None, look: Look):
    """A run of ``text`` with its Thai words glued and their boundaries marked (see the module's docstring)."""
    run = paragraph.add_run(thai_glue_words(text))
    _thai_run_properties(run._r.get_or_add_rPr(), size or look.table, bold=bold, font=look.font)
    return run


def _fill(
    cell, text: str, *, align: str = "left", bold: bool = False, shade: str | None = None, look: Look
) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = _ALIGN[align]
    paragraph.paragraph_format.space_after = Pt(0)
    if text:
        _run(paragraph, text, bold=bold, look=look)
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


def _page_numbers(section, look: Look, *, thai: bool = False) -> None:
    """ "หน้า 1/3" in the footer, right; "หน้า ๑" for a document in Thai digits.

    Thai digits come from the section's page-number format (w:pgNumType thaiNumbers), which Word and
    LibreOffice both apply to the PAGE field. Word's field switch for them (\\* ThaiArabic) would come out
    as Thai letters (ก/ค) in LibreOffice, and NUMPAGES follows no section format, so a Thai-digit
    document numbers its pages without the total."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(paragraph, "หน้า ", size=look.small, look=look)
    _field(paragraph, "PAGE", look)
    if thai:
        number_type = section._sectPr.find(qn("w:pgNumType"))
        if number_type is None:
            number_type = OxmlElement("w:pgNumType")
            section._sectPr.append(number_type)
            _sort_children(section._sectPr, _SECT_PR_ORDER)
        number_type.set(qn("w:fmt"), "thaiNumbers")
        return
    _run(paragraph, "/", size=look.small, look=look)
    _field(paragraph, "NUMPAGES", look)


_SECT_PR_ORDER = [
    "headerReference",
    "footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
    "sectPrChange",
]


def _field(paragraph, instruction: str, look: Look) -> None:
    """A Word field (PAGE, NUMPAGES) with a placeholder result; Word and LibreOffice compute the real one
    when they lay out the page. Each part is a run of its own, as Word writes them."""
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    placeholder = OxmlElement("w:t")
    placeholder.text = "1"
    for element in (_field_char("begin"), code, _field_char("separate"), placeholder, _field_char("end")):
        _run(paragraph, "", size=look.small, look=look)._r.append(element)


def _field_char(kind: str):
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element
