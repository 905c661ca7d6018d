"""Where Thai text may break across lines.

Thai is written without spaces between words, so a renderer has to find word boundaries itself. Pango
(under WeasyPrint) asks libthai, whose dictionary is finer than ours: it breaks compounds and names at the
end of a line (ปทุม|วัน, หน่วย|งาน, ช่อง|ทาง). We segment with pythainlp and a dictionary that knows our
place names, and decide the break opportunities ourselves.
"""

import re
import unicodedata
from functools import cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from pythainlp.corpus import thai_words
from pythainlp.tokenize import word_tokenize
from pythainlp.util import Trie

ZWSP = "\u200b"
# Longer "words" are usually runs pythainlp could not cut (names, typing errors); keeping them whole
# could make a column wider than the page.
_LONGEST_KEPT = 20

# Names that pythainlp's dictionary splits (ปทุม|วัน, หนอง|จอก) and that must never be broken across lines:
# Bangkok's fifty districts and the word for their offices. Add to this list when a document shows a name cut
# in two; keep it to names, since a long entry cannot wrap in a narrow column.
EXTRA_WORDS = frozenset(
    {
        "กรุงเทพมหานคร",
        "สำนักงานเขต",
        "ปทุมวัน",
        "หนองจอก",
        "บางรัก",
        "สัมพันธวงศ์",
        "ป้อมปราบศัตรูพ่าย",
        "ราชเทวี",
        "พญาไท",
        "ดุสิต",
        "ลาดกระบัง",
        "มีนบุรี",
        "คลองสามวา",
        "บางกะปิ",
        "ห้วยขวาง",
        "ดินแดง",
        "จตุจักร",
        "หลักสี่",
        "ดอนเมือง",
        "บางเขน",
        "สายไหม",
        "ลาดพร้าว",
        "บึงกุ่ม",
        "คันนายาว",
        "สะพานสูง",
        "วังทองหลาง",
        "วัฒนา",
        "คลองเตย",
        "พระโขนง",
        "บางนา",
        "ประเวศ",
        "สวนหลวง",
        "ยานนาวา",
        "สาทร",
        "บางคอแหลม",
        "ราษฎร์บูรณะ",
        "ทุ่งครุ",
        "ธนบุรี",
        "คลองสาน",
        "บางกอกใหญ่",
        "บางกอกน้อย",
        "บางพลัด",
        "ตลิ่งชัน",
        "ทวีวัฒนา",
        "ภาษีเจริญ",
        "หนองแขม",
        "บางแค",
        "บางบอน",
        "บางขุนเทียน",
        "จอมทอง",
        "พระนคร",
        "บางซื่อ",
    }
)

# A Thai character that a line may start or end with: letters and vowels, not digits (๐-๙, which belong to
# a number), not ฯ ๆ ฿ and the rare signs ๏ ๚ ๛ (they stick to the word before them).
_THAI_LETTER = re.compile(r"[\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e4e]")
# Latin letters are allowed on one side of a boundary: "E-serviceกระบวนการ" may break before กระบวนการ.
_LETTER = re.compile(r"[A-Za-z\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e4e]")
# ๆ and ฯ written after a space ("ต่าง ๆ") must not start a line: the space becomes a no-break space.
_SPACE_BEFORE_REPEAT = re.compile(r" +(?=[ๆฯ])")
_HYPHENATED = re.compile(r"\w-\w")
_NUMBER = re.compile(r"[0-9๐-๙]+(?:[,./:-][0-9๐-๙]+)+")
_LONE_CONSONANT = re.compile(r"[\u0e01-\u0e2e][\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]*\.?")


@cache
def thai_dictionary() -> Trie:
    """pythainlp's Thai word list plus our place and unit names, built once per process.

    Search uses the same dictionary, so what a reader types finds what a document shows."""
    return Trie(set(thai_words()) | EXTRA_WORDS)


def thai_words_of(text: str) -> list[str]:
    """``text`` cut into words with our dictionary; whitespace is kept, so the parts join back to ``text``."""
    return word_tokenize(text, custom_dict=thai_dictionary(), engine="newmm", keep_whitespace=True)


def _breakable(before: str, after: str) -> bool:
    # A boundary between two Thai words, or between a Thai and a Latin word written without a space.
    # Never next to digits or punctuation: "๓๐ มี.ค.๖๖" and "ผอ.เขต" stay whole.
    return bool(
        _LETTER.match(before)
        and _LETTER.match(after)
        and (_THAI_LETTER.match(before) or _THAI_LETTER.match(after))
        and unicodedata.category(after) != "Mn"
        and after not in "ๆฯ"  # ๆ and ฯ belong to the word before them: no line starts with them
    )


def _pieces(text: str) -> list[tuple[str, bool]]:
    """The words of ``text``, each with whether a line may break just before it.

    Numbers with separators ("๑๒/๒๕๖๖", "๐-๒๒๑๔-๑๒๓๔") are one piece: pythainlp cuts them at the
    separator. A lone Thai consonant is never a word of its own, so there is no break before it either
    (pythainlp reads โทร. as โท + ร.)."""
    text = _SPACE_BEFORE_REPEAT.sub("\u00a0", text)
    parts: list[str] = []
    at = 0
    for number in _NUMBER.finditer(text):
        parts += thai_words_of(text[at : number.start()]) if number.start() > at else []
        parts.append(number[0])
        at = number.end()
    parts += thai_words_of(text[at:]) if at < len(text) else []
    parts = [part for part in parts if part]
    return [
        (
            part,
            i > 0 and _breakable(parts[i - 1][-1], part[0]) and not _LONE_CONSONANT.fullmatch(part),
        )
        for i, part in enumerate(parts)
    ]


def thai_wrap_points(text: str) -> str:
    """``text`` with U+200B at every Thai word boundary, so that a renderer may break lines there.

    Text without Thai is returned unchanged (quickly). The marks are invisible in PDF and Word, but they
    are characters: use this for rendering only, never for text that is stored, compared or exported.
    """
    if not text or not _THAI_LETTER.search(text):
        return text
    return "".join(ZWSP + part if breakable else part for part, breakable in _pieces(text))


def thai_wrap_html(text: str) -> SafeString:
    """``text`` escaped for HTML, with line breaks allowed between its Thai words and nowhere inside them.

    A break opportunity (U+200B) alone is not enough under WeasyPrint: Pango also breaks where libthai's
    dictionary sees a word, which cuts compounds and names (ปทุม|วัน, หน่วย|งาน) at the end of a line.
    Worse, WeasyPrint lays out a line from a prefix of the remaining text that often ends inside a word,
    and libthai then cuts that word wherever a shorter word fits (ทั้ง|สิ้น, ประชา|สัมพันธ์). Asking
    Pango in advance which words it might cut flags nearly all of them, so every Thai word (and every
    hyphenated one, "e-service") goes in a ``<span class="nobr">`` that may not wrap; the style
    comes with ``html_to_pdf``. The price is layout about twice as slow. Words of up to three characters
    (ที่, การ, และ) are single syllables that nothing cuts; a word longer than ``_LONGEST_KEPT``
    characters is left to libthai rather than allowed to push a column wider than the page.
    """
    if isinstance(text, SafeString):
        return text  # already HTML, written by us: nothing to escape, and cutting it could split a tag
    text = str(text)
    if not _THAI_LETTER.search(text) and not _NUMBER.search(text):
        return escape(text)
    out = []
    for part, breakable in _pieces(text):
        if breakable:
            out.append(ZWSP)
        if _keep_whole(part):
            out.append(f'<span class="nobr">{escape(part)}</span>')
        else:
            out.append(escape(part))
    return mark_safe("".join(out))  # every piece is escaped above


def _keep_whole(word: str) -> bool:
    if not 3 < len(word) <= _LONGEST_KEPT or " " in word:
        return False
    return bool(_THAI_LETTER.search(word) or _HYPHENATED.search(word) or _NUMBER.fullmatch(word))


WORD_JOINER = "\u2060"
_CLUSTER = re.compile(r".[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]*", re.S)


def thai_glue_words(text: str) -> str:
    """``text`` for a word processor: U+200B at every Thai word boundary and U+2060 (word joiner) between
    the letters of each Thai word.

    A zero-width space alone is not enough: LibreOffice (ICU) and Word still cut where their own
    dictionaries see a word (ขั้น|ตอน, การรับ|รู้). The word joiner forbids a break, so each word stays whole
    and lines break at our boundaries only. Words longer than ``_LONGEST_KEPT`` are left breakable, as in
    thai_wrap_html. Invisible, but characters: for rendering only."""
    if not text or not _THAI_LETTER.search(text):
        return text
    out = []
    for part, breakable in _pieces(text):
        if breakable:
            out.append(ZWSP)
        if _THAI_LETTER.search(part) and len(part) <= _LONGEST_KEPT and " " not in part:
            out.append(WORD_JOINER.join(_CLUSTER.findall(part)))
        else:
            out.append(part)
    return "".join(out)
