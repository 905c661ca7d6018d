"""PDF from HTML with WeasyPrint, in Sarabun, with Thai text that can be copied and searched."""

import io
import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import weasyprint
from django.template.loader import render_to_string
from fontTools import agl
from fontTools.ttLib import TTFont
from pypdf import PdfReader, PdfWriter
from weasyprint.text.fonts import FontConfiguration

from .fonts import FONT_DIR
from .tables import Table

# The weights our templates use. Fonts come from the Python package as file:// URLs: rendering never
# touches the network, and every PDF embeds (a subset of) exactly these files.
_FACES = [
    ("Sarabun-Regular.ttf", "normal", 400),
    ("Sarabun-Italic.ttf", "italic", 400),
    ("Sarabun-Bold.ttf", "normal", 700),
    ("Sarabun-BoldItalic.ttf", "italic", 700),
]


@cache
def _base_css() -> str:
    faces = "\n".join(
        f"@font-face {{ font-family: Sarabun; src: url({(FONT_DIR / name).as_uri()}); "
        f"font-style: {style}; font-weight: {weight}; }}"
        for name, style, weight in _FACES
    )
    return (
        faces
        + """
html { font-family: Sarabun, sans-serif; }
/* thai_wrap_html() puts each Thai word in this class: lines break between words, never inside one. */
.nobr { white-space: nowrap; }
"""
    )


class _LocalFetcher(weasyprint.URLFetcher):
    """Fetch only data: URLs and files under the font folder or the caller's base folder.

    A PDF is often made from data that people typed; whatever slips into the HTML must not make the
    server read the internet (SSRF) or a local file of its own choosing.
    """

    def __init__(self, allowed_dirs: list[Path]):
        super().__init__(allowed_protocols=("data", "file"))
        self._allowed = [d.resolve() for d in allowed_dirs]

    def fetch(self, url, headers=None):
        if url.startswith("file:"):
            path = Path(unquote(urlsplit(url).path)).resolve()
            if not any(path.is_relative_to(d) for d in self._allowed):
                raise ValueError(f"file outside the allowed folders: {url}")
        return super().fetch(url, headers)


def html_to_pdf(html: str, *, base_url: str | Path | None = None) -> bytes:
    """Render ``html`` to PDF bytes, with Sarabun embedded and a Thai text layer that can be searched.

    ``base_url`` is a local folder (or file:// URL) that relative links (images, stylesheets) may use;
    nothing outside it and the font folder is read.
    """
    allowed = [FONT_DIR]
    if base_url is not None:
        folder = (
            Path(unquote(urlsplit(str(base_url)).path))
            if str(base_url).startswith("file:")
            else Path(base_url)
        )
        allowed.append(folder)
        base_url = folder.resolve().as_uri() + "/"
    font_config = FontConfiguration()
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=_LocalFetcher(allowed))
    pdf = document.write_pdf(
        stylesheets=[weasyprint.CSS(string=_base_css(), font_config=font_config)],
        font_config=font_config,
    )
    return repair_text_layer(pdf)


def table_pdf(table: Table) -> bytes:
    """The table on A4 (landscape if asked), header repeated on every page, numbered "หน้า ๑/๓"."""
    html = render_to_string("documents/table.html", table_context(table))
    return html_to_pdf(html)


def table_context(table: Table) -> dict:
    """What the table template needs; public so that a module can put a table inside its own page."""
    total_width = sum(c.width for c in table.columns) or 1
    classes = [c.alignment + ("" if c.kind == "text" else " figure") for c in table.columns]
    return {
        "table": table,
        "column_percents": [f"{100 * c.width / total_width:.3f}" for c in table.columns],
        "header_rows": table.header_rows(),
        "body": [
            {**vars(row), "cells": list(zip(row.cells, classes, strict=True)) if row.cells else []}
            for row in table.body()
        ],
        "page_counter_style": "thai" if table.digits == "thai" else "decimal",
    }


# --- The text layer -------------------------------------------------------------------------------
#
# A PDF maps each glyph, once for the whole file, to the text it stands for (the ToUnicode map).
# WeasyPrint takes that text from the first cluster in which it meets the glyph. Thai breaks this: HarfBuzz
# draws SARA AM (ำ) as two glyphs, NIKHAHIT + SARA AA, the very glyph of า, and WeasyPrint then maps
# NIKHAHIT to nothing and SARA AA to "ำ" or "า", whichever came first. Copied text read "สำนักงำน" or
# "สานักงาน", and น้ำ came out as นำ. So after rendering we map every glyph that the font assigns to a
# character back to that character, and the Thai mark ligatures (NIKHAHIT with a tone mark) to their marks.
# Text copied from our PDFs then has ำ as ํ + า, its Unicode compatibility form: NFKC-normalised, it
# equals the source text.

_BFCHAR = re.compile(rb"<([0-9a-fA-F]{4})> <([0-9a-fA-F]*)>")
_NIKHAHIT = "\u0e4d"
_TONE_MARKS = "\u0e48\u0e49\u0e4a\u0e4b"


@cache
def _glyph_texts(font_file: str) -> tuple[dict[int, str], dict[int, str]]:
    """For one of our font files: glyph id -> its character(s) from the cmap, and glyph id -> the Thai
    text its name spells (ligatures and positional forms such as uni0E4D0E49 or uni0E49.small)."""
    font = TTFont(FONT_DIR / font_file, lazy=True)
    order = font.getGlyphOrder()
    gid = {name: i for i, name in enumerate(order)}
    nominal: dict[int, str] = {}
    for codepoint, name in sorted(font.getBestCmap().items()):
        nominal.setdefault(gid[name], chr(codepoint))
    named: dict[int, str] = {}
    for i, name in enumerate(order):
        text = agl.toUnicode(name)
        if i not in nominal and text and all("\u0e00" <= ch <= "\u0e7f" for ch in text):
            if text[0] == _NIKHAHIT and text[1:] and all(ch in _TONE_MARKS for ch in text[1:]):
                # Logical order is tone mark then NIKHAHIT (น + ้ + ำ), as in the NFKC form of the source.
                text = text[1:] + _NIKHAHIT
            named[i] = text
    return nominal, named


def _our_font_file(font_program: bytes) -> str | None:
    """The file in FONT_DIR that an embedded subset came from, if any (WeasyPrint keeps glyph ids)."""
    name = TTFont(io.BytesIO(font_program), lazy=True)["name"].getDebugName(6)  # PostScript name
    return f"{name}.ttf" if name and (FONT_DIR / f"{name}.ttf").is_file() else None


def repair_text_layer(pdf: bytes) -> bytes:
    """Correct the glyph-to-text maps of the Sarabun fonts embedded in ``pdf`` (see above)."""
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    writer.pdf_header = reader.pdf_header  # keep WeasyPrint's version, pypdf would write 1.3
    done = set()
    for page in writer.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            if id(font) in done or font.get("/Subtype") != "/Type0" or "/ToUnicode" not in font:
                continue
            done.add(id(font))
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            program = descriptor.get("/FontFile2")
            font_file = program and _our_font_file(program.get_object().get_data())
            if not font_file:
                continue
            nominal, named = _glyph_texts(font_file)

            def fixed(match, nominal=nominal, named=named):
                gid = int(match[1], 16)
                text = bytes.fromhex(match[2].decode()).decode("utf-16-be")
                better = nominal.get(gid) or named.get(gid)
                if better is None or text == better:
                    return match[0]
                return b"<%s> <%s>" % (match[1], better.encode("utf-16-be").hex().encode())

            stream = font["/ToUnicode"].get_object()
            stream.set_data(_BFCHAR.sub(fixed, stream.get_data()))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
