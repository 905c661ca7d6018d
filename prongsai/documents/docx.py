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
from docx.enum.section import WD_ORIENT, WD_SECTION
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
    "justify": WD_ALIGN_PARAGRAPH.THAI_JUSTIFY,
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


def table_into(document, table: Table, *, look: Look, section=None, page: bool = True) -> None:
    """Write ``table`` with its title at the end of ``document``, in ``section`` (default: the first);
    ``page`` sets that section's page (size, margins, page numbers), once per section."""
    _set_default_font(document, look)
    section = section or document.sections[0]
    if page:
        width, height = Mm(210), Mm(297)
        section.orientation = WD_ORIENT.LANDSCAPE if table.landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (height, width) if table.landscape else (width, height)
        section.left_margin = section.right_margin = Mm(12)
        section.top_margin, section.bottom_margin = Mm(14), Mm(16)
        _page_numbers(section, look, thai=table.digits == "thai")
    document.core_properties.title = document.core_properties.title or table.title
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


# --- the internal memo (บันทึกข้อความ) ------------------------------------------------------------------


@dataclass(frozen=True)
class Memo:
    """An internal memo in the layout of the ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ."""

    office: str  # ส่วนราชการ
    number: str  # "ที่ กท ๑๔๐๑/..."
    date: str  # วันที่, written out
    subject: str  # เรื่อง
    to: str  # เรียน
    paragraphs: list[str]  # the body; the first one and the closing are indented like the others
    signer_name: str = ""
    signer_position: str = ""
    emblem: bytes | None = None  # the Garuda (ตราครุฑ) the agency uploaded; its place is kept without it


MEMO_HEADING_PT = 29  # "บันทึกข้อความ", as the ระเบียบ has it
MEMO_LABEL_PT = 20  # ส่วนราชการ, ที่, วันที่, เรื่อง
EMBLEM_HEIGHT = Mm(15)


def memo_docx(memo: Memo, *, attachments: list[Table] = (), font: str | None = None) -> bytes:
    """The memo on portrait A4 (margins 3 cm left, 2 cm right), its tables as attachments on landscape
    pages after it (สิ่งที่ส่งมาด้วย)."""
    document = Document()
    look = look_of(font)
    _set_default_font(document, look)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(20)
    section.top_margin, section.bottom_margin = Mm(15), Mm(20)
    ratio = 0.75 if look.font == SARABUN else 1.0  # the ระเบียบ's sizes are for TH Sarabun, smaller
    document.core_properties.title = memo.subject
    document.core_properties.language = "th-TH"

    heading = document.add_paragraph()
    heading.paragraph_format.space_after = Pt(0)
    if memo.emblem:
        heading.add_run().add_picture(io.BytesIO(memo.emblem), height=EMBLEM_HEIGHT)
    else:
        # The emblem's place, kept: a line as tall as the emblem.
        heading.paragraph_format.line_spacing = EMBLEM_HEIGHT
    heading.add_run("\t")
    _run(heading, "บันทึกข้อความ", bold=True, size=MEMO_HEADING_PT * ratio, look=look)
    heading.paragraph_format.tab_stops.add_tab_stop(Mm(55))

    def labelled(*parts: tuple[str, str], tab: Mm | None = None):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        for i, (label, text) in enumerate(parts):
            if i:
                paragraph.add_run("\t")
            _run(paragraph, label, bold=True, size=MEMO_LABEL_PT * ratio, look=look)
            _run(paragraph, f" {text}", size=look.body, look=look)
        if tab is not None:
            paragraph.paragraph_format.tab_stops.add_tab_stop(tab)
        return paragraph

    labelled(("ส่วนราชการ", memo.office))
    labelled(
        ("ที่", memo.number.removeprefix("ที่").strip() or "...................."), ("วันที่", memo.date), tab=Mm(80)
    )
    labelled(("เรื่อง", memo.subject))
    rule = _paragraph(document, "", look=look)
    _bottom_border(rule)
    to = _paragraph(document, f"เรียน {memo.to}", look=look)
    to.paragraph_format.space_before = Pt(6)
    for text in memo.paragraphs:
        body = _paragraph(document, text, look=look, align="justify")
        body.paragraph_format.first_line_indent = Mm(25)
        body.paragraph_format.space_before = Pt(3)
    signature = [
        "",
        "",
        f"({memo.signer_name})" if memo.signer_name else "(........................................)",
        memo.signer_position,
    ]
    for text in signature:
        line = _paragraph(document, text, look=look, align="center")
        line.paragraph_format.left_indent = Mm(70)

    if attachments:
        # One section for the attachments, on pages of their own, numbered (the memo itself is not).
        attachment = document.add_section(WD_SECTION.NEW_PAGE)
        attachment.footer.is_linked_to_previous = False
        _paragraph(document, "สิ่งที่ส่งมาด้วย", bold=True, look=look, align="right")
        for i, table in enumerate(attachments):
            if i:
                _paragraph(document, "", look=look)
            table_into(document, table, look=look, section=attachment, page=i == 0)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _bottom_border(paragraph) -> None:
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("w:val", "dotted"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(name), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)
