"""The Sarabun font: where its files are, and how wide its text is.

The widths serve the formats that do not lay out text themselves when they open.

Word keeps the column widths it is given and Excel keeps row heights: neither makes room for a long
amount or a wrapped header. So DOCX widens columns of figures to fit them and XLSX sets row heights,
both from the font's own advance widths.
"""

import math
from functools import cache

import fontpkg_sarabun
from fontTools.ttLib import TTFont

FAMILY = "Sarabun"
# From the Python package: every machine renders with the same files, and nothing is downloaded.
FONT_DIR = fontpkg_sarabun.ROOT / "files"
# Excel sizes a row by the font's Windows ascent + descent (1.853 em for Sarabun).
LINE_HEIGHT_EM = 1.853


@cache
def _advances(bold: bool) -> tuple[dict[int, float], float]:
    font = TTFont(FONT_DIR / ("Sarabun-Bold.ttf" if bold else "Sarabun-Regular.ttf"), lazy=True)
    units = font["head"].unitsPerEm
    metrics = font["hmtx"]
    widths = {codepoint: metrics[name][0] / units for codepoint, name in font.getBestCmap().items()}
    return widths, 0.6  # for characters the font lacks


def text_width(text: str, size_pt: float, *, bold: bool = False) -> float:
    """Width of ``text`` on one line, in points (marks above and below Thai letters take no room)."""
    widths, fallback = _advances(bold)
    return size_pt * sum(widths.get(ord(ch), fallback) for ch in text)


def line_count(text: str, size_pt: float, width_pt: float, *, bold: bool = False) -> int:
    """About how many lines ``text`` takes in a box ``width_pt`` wide; wrapping at word boundaries
    wastes some of each line, hence the margin."""
    if not text:
        return 1
    return sum(
        max(1, math.ceil(text_width(paragraph, size_pt, bold=bold) * 1.1 / max(width_pt, 1)))
        for paragraph in text.split("\n")
    )


def fit_widths(table, total_pt: float, size_pt: float, padding_pt: float) -> list[float]:
    """Column widths in points that add up to ``total_pt``, in the table's proportions, except that no
    column is narrower than what must stay on one line: each word of its header, each figure of a
    money, number or date column, and each number or code in a text column ("๑๒/๒๕๖๖"). A wrapped amount
    is misread, Excel shows ``####`` instead, and Word cuts a Thai word that does not fit. The room comes
    from the columns that have some to spare."""
    columns = table.columns
    relative = sum(c.width for c in columns) or 1
    widths = [total_pt * c.width / relative for c in columns]
    needed = [_narrowest(table, column, size_pt) + padding_pt for column in columns]
    grow = sum(max(0.0, n - w) for n, w in zip(needed, widths, strict=True))
    spare = sum(max(0.0, w - n) for n, w in zip(needed, widths, strict=True))
    if grow == 0 or spare < grow:
        return widths  # nothing to do, or no room to take it from
    return [n if n >= w else w - (w - n) * grow / spare for n, w in zip(needed, widths, strict=True)]


def _narrowest(table, column, size_pt: float) -> float:
    from .tables import GroupRow, cell_text  # tables needs Django's Thai helpers; fonts does not
    from .wrapping import _THAI_LETTER, thai_words_of

    rows = [r for r in table.rows if not isinstance(r, GroupRow)] + ([table.total] if table.total else [])
    texts = [cell_text(row.get(column.key), column, table.digits) for row in rows]
    if column.kind == "text":  # words without Thai letters: numbers, codes, Latin words
        texts = [
            word
            for text in texts
            for word in text.split()
            if not _THAI_LETTER.search(word) and len(word) <= 20
        ]
    label_words = [word for word in thai_words_of(column.label) if not word.isspace()]
    return max(text_width(text, size_pt, bold=True) for text in [*texts, *label_words, ""])
