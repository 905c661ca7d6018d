"""Buddhist-era (พ.ศ.) dates: read them the way real documents write them, and write them the official way.

Real cells look like "๓๐ มี.ค.๖๖", "๒๐ เม.ย ๖๖", "10 พ.ค.66" or "๓๐ มีนาคม ๒๕๖๖". pythainlp's thai_strptime
wants one exact format, so reading is done here by hand with a tolerant pattern; the month names and the
formatting come from pythainlp. The parser never guesses: anything doubtful raises ThaiDateError.
"""

import calendar
import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

from pythainlp.util import thai_strftime
from pythainlp.util.date import thai_abbr_months, thai_full_month_lists, thai_full_months

from prongsai.thai.digits import _for_parsing

BE_OFFSET = 543  # BE year = Gregorian year + 543 (true since Thailand moved New Year to 1 January in 1941).
STYLES = ("short", "medium", "long")
DIGITS = ("arabic", "thai")

# 4-digit years: BE years we accept, and years that look Gregorian (refused instead of silently read as BE).
_BE_YEARS = range(2400, 2700)
_GREGORIAN_LOOKING = range(1800, 2400)


class ThaiDateError(ValueError):
    """A text that should hold a date could not be read; ``text`` is that text, ``reason`` says why."""

    def __init__(self, text: str, reason: str = ""):
        self.text = text
        self.reason = reason
        message = f'อ่านวันที่ไม่ได้: "{text}"'
        super().__init__(f"{message} ({reason})" if reason else message)

    def __reduce__(self):
        # Rebuild from text and reason, not from the message, so the error survives pickling (task queues).
        return type(self), (self.text, self.reason)


def _month_pattern(spelling: str) -> str:
    """Regex for one month spelling; abbreviations may drop their dots or put spaces around them."""
    if "." not in spelling:
        return re.escape(spelling)
    parts = [re.escape(part) for part in spelling.split(".") if part]
    return r"\.?\s*".join(parts) + r"\.?"


# Spelling -> month number, from pythainlp's lists (full, colloquial, abbreviated; digit entries left out).
_MONTHS: dict[str, int] = {
    spelling: number
    for number, spellings in enumerate(thai_full_month_lists, start=1)
    for spelling in spellings
    if not spelling.isdigit()
}
_MONTHS["กรกฏาคม"] = 7  # a common misspelling (ฏ for ฎ) in real documents; pythainlp does not list it.
_MONTHS["กรกฎา"] = 7  # the colloquial short form, missing from pythainlp's list.
_MONTH_KEYS = {spelling.replace(".", ""): number for spelling, number in _MONTHS.items()}
# Longest first, so "มีนาคม" wins over "มีนา".
_MONTH_ALTERNATION = "|".join(_month_pattern(s) for s in sorted(_MONTHS, key=len, reverse=True))

_THAI_MONTH_DATE = re.compile(
    r"(?<!\d)(?P<day>\d{1,2})\s*"
    rf"(?P<month>{_MONTH_ALTERNATION})"
    # The month word must end there (after a dot, or before a non-Thai-letter), so "5 สคบ." is no date.
    r"(?:(?<=\.)|(?![\u0e01-\u0e4e]))"
    r"(?:\s*(?:พ\.?\s*ศ\.?)?\s*(?P<year>\d+))?"
)
# A month and year without a day ("ภายใน มี.ค. 66", "ต.ค. 65 - ก.ย. 66"): the month as a whole, read as its
# last day where a due date is wanted. Only in find_be_dates: a whole text must give its day.
_THAI_MONTH_YEAR = re.compile(
    rf"(?P<month>{_MONTH_ALTERNATION})"
    r"(?:(?<=\.)|(?![\u0e01-\u0e4e]))"
    r"\s*(?:พ\.?\s*ศ\.?)?\s*(?P<year>\d{4}|\d{2})(?!\d)"
)
_SLASH_DATE = re.compile(r"(?<![\d/])(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d+)(?![\d/])")
_ISO_DATE = re.compile(r"(?<![\d-])(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?![\d-])")
_PATTERNS = (_THAI_MONTH_DATE, _SLASH_DATE, _ISO_DATE)
_LEADING_WORDS = re.compile(r"^(?:ข้อมูล\s*)?(?:ณ\s*)?(?:วันที่\s*)?")


def _gregorian_year(year_text: str, original: str, near: int | None = None) -> int:
    """Gregorian year from a BE year written with 2 digits (25xx) or 4 digits.

    With ``near`` (a Gregorian year, e.g. the middle of the document's fiscal year) a 2-digit year is read
    as whichever of BE 25xx and CE 20xx is closer to it: in a FY2566 plan "66" is BE 2566 and "23" is CE
    2023, where without it "23" would be BE 2523 (1980)."""
    year = int(year_text)
    if len(year_text) == 2:
        as_be = 2500 + year - BE_OFFSET
        if near is not None and abs(2000 + year - near) < abs(as_be - near):
            return 2000 + year
        return as_be
    if len(year_text) == 4 and year in _BE_YEARS:
        return year - BE_OFFSET
    if len(year_text) == 4 and year in _GREGORIAN_LOOKING:
        raise ThaiDateError(original, f"ปี {year} ดูเป็น ค.ศ. ต้องเขียนเป็น พ.ศ.")
    raise ThaiDateError(original, f"ปี {year_text} ไม่ใช่ปี พ.ศ. ที่อ่านได้")


def _to_date(match: re.Match, original: str, near: int | None = None) -> datetime.date:
    """Turn a match of one of _PATTERNS into a date, refusing anything doubtful."""
    if match["year"] is None:
        raise ThaiDateError(original, "ไม่มีปี")
    if match.re is _ISO_DATE:
        year = int(match["year"])
        if year not in _GREGORIAN_LOOKING:
            raise ThaiDateError(original, f"รูปแบบ ISO ใช้ปี ค.ศ. แต่ {year} ไม่ใช่ปี ค.ศ. ที่อ่านได้")
    else:
        year = _gregorian_year(match["year"], original, near)
    if match.re in (_THAI_MONTH_DATE, _THAI_MONTH_YEAR):
        month = _MONTH_KEYS[re.sub(r"[.\s]", "", match["month"])]
    else:
        month = int(match["month"])
    if match.re is _THAI_MONTH_YEAR:
        return datetime.date(year, month, calendar.monthrange(year, month)[1])
    try:
        return datetime.date(year, month, int(match["day"]))
    except ValueError as exc:
        raise ThaiDateError(original, "ไม่มีวันที่นี้ในปฏิทิน") from exc


def parse_be_date(text: str) -> datetime.date:
    """Read a whole text as one BE date, e.g. "๓๐ มี.ค.๖๖", "ณ วันที่ 10 พ.ค.66", "30 มีนาคม 2566",
    "30/3/2566"; ISO "2023-03-30" (Gregorian by definition) is accepted too."""
    cleaned = _LEADING_WORDS.sub("", _for_parsing(text).strip(), count=1).strip()
    for pattern in _PATTERNS:
        match = pattern.fullmatch(cleaned)
        if match:
            return _to_date(match, text)
    raise ThaiDateError(text)


def find_be_date(text: str) -> datetime.date | None:
    """The first date written inside a longer text, or None if there is none.

    Raises ThaiDateError if the first date-looking part cannot be read (no year, no such day, ...).
    """
    normalised = _for_parsing(text)  # same length as text, so match positions point into the original
    matches = [m for pattern in _PATTERNS if (m := pattern.search(normalised))]
    if not matches:
        return None
    first = min(matches, key=lambda m: m.start())
    return _to_date(first, text[first.start() : first.end()].strip())


@dataclass(frozen=True)
class FoundDate:
    date: datetime.date  # a month written without its day is its last day
    text: str  # as written
    start: int  # position in the text
    whole_month: bool = False


def find_be_dates(text: str, *, near: int | None = None) -> list[FoundDate]:
    """Every date written inside a longer text, in order: "เริ่ม 1 ต.ค. 65 แล้วเสร็จ 30 มี.ค. 66",
    "15 ม.ค. 67 - 30 ก.ย. 67", "ต.ค. 65 - ก.ย. 66" (months without a day are their last day).

    ``near`` is a Gregorian year that decides 2-digit years (see _gregorian_year). Raises ThaiDateError,
    naming the part, if a date-looking part cannot be read."""
    normalised = _for_parsing(text)
    matches = [m for pattern in (*_PATTERNS, _THAI_MONTH_YEAR) for m in pattern.finditer(normalised)]
    # Where two readings overlap, the one that starts first and is longest wins ("30 มี.ค. 66" over
    # "มี.ค. 66").
    matches.sort(key=lambda m: (m.start(), -(m.end() - m.start())))
    found, end = [], -1
    for match in matches:
        if match.start() < end:
            continue
        end = match.end()
        written = text[match.start() : match.end()].strip()
        found.append(
            FoundDate(_to_date(match, written, near), written, match.start(), match.re is _THAI_MONTH_YEAR)
        )
    return found


def be_year(d: datetime.date) -> int:
    """The Buddhist-era year of a date."""
    return d.year + BE_OFFSET


def thai_month_name(month: int, abbreviated: bool = False) -> str:
    """Thai name of month 1–12: "มีนาคม", or "มี.ค." when abbreviated."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1..12, not {month!r}")
    return (thai_abbr_months if abbreviated else thai_full_months)[month - 1]


_FORMATS = {"short": "%-d %b %y", "medium": "%-d %b %Y", "long": "%-d %B %Y"}


def format_be_date(d: datetime.date, style: str = "short", digits: str = "arabic") -> str:
    """Write a date in BE: short "30 มี.ค. 66", medium "30 มี.ค. 2566", long "30 มีนาคม 2566";
    digits "thai" gives "๓๐ มีนาคม ๒๕๖๖".

    A 2-digit year means 25xx, so outside BE 2500–2599 the short style writes all 4 digits rather than
    produce a date that reads back wrong.
    """
    if style not in STYLES:
        raise ValueError(f"style must be one of {STYLES}, not {style!r}")
    if digits not in DIGITS:
        raise ValueError(f"digits must be one of {DIGITS}, not {digits!r}")
    if style == "short" and not 2500 <= be_year(d) <= 2599:
        style = "medium"
    return _formatted(d.year, d.month, d.day, style, digits)


# Kept by calendar day, not by the value given: two aware datetimes of the same instant in different zones are
# equal (and hash alike) but fall on different days. Pages write the same few dates over and over.
@lru_cache(maxsize=8192)
def _formatted(year: int, month: int, day: int, style: str, digits: str) -> str:
    return thai_strftime(datetime.date(year, month, day), _FORMATS[style], thaidigit=digits == "thai")
