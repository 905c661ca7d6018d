"""Read an integrity plan (มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน) from the text of its Word/PDF file.

Pure: text in, frozen dataclasses out; no Django, no database. A later step maps the result to models.

The text is what a Word/PDF conversion gives: tab-separated table rows whose 8-column header repeats after
every page break, rows cut in two by a page break, HTML fragments inside cells, headings in several forms,
a budget report embedded in indicator 2, and an appendix. The parser never drops what it cannot place:
every such row, cell or paragraph becomes a ParseWarning with its line number, text and a reason in Thai.

It works in two passes. ``_lex`` turns lines into records (blank, separator, table header, budget header,
budget row, table row, paragraph), mapping each row's cells to column names through the last header seen.
``_PlanParser`` then walks the records keeping the current indicator, sub-indicator and previous row, and
merges page-break continuations; cell texts are read (dates, departments, targets) only at the end, once
every continuation has been merged in.
"""

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser
from typing import NamedTuple

from prongsai.documents.wrapping import thai_dictionary, thai_words_of
from prongsai.thai.dates import BE_OFFSET, ThaiDateError, find_be_dates, format_be_date, parse_be_date
from prongsai.thai.digits import to_arabic_digits, to_thai_digits
from prongsai.thai.fiscal import fiscal_quarter_bounds, fiscal_year_bounds
from prongsai.thai.money import MoneyError, format_baht, parse_baht
from prongsai.thai.text import clean

# A plan is a few hundred rows (the seed is 60 KB); a file many times that is not a plan, and reading it
# would hold the worker for nothing.
MAX_PLAN_BYTES = 5 * 1024 * 1024

# The ten departments (ฝ่าย) of a Bangkok district office, as GLOSSARY.md names them.
DEFAULT_DEPARTMENTS = (
    "ฝ่ายปกครอง",
    "ฝ่ายทะเบียน",
    "ฝ่ายการคลัง",
    "ฝ่ายโยธา",
    "ฝ่ายสิ่งแวดล้อมและสุขาภิบาล",
    "ฝ่ายรายได้",
    "ฝ่ายเทศกิจ",
    "ฝ่ายการศึกษา",
    "ฝ่ายพัฒนาชุมชนและสวัสดิการสังคม",
    "ฝ่ายรักษาความสะอาดและสวนสาธารณะ",
)
ALL_DEPARTMENTS = "ทุกฝ่าย"
DEPARTMENT_WORD = "ฝ่าย"

# In the NACC's ITA, indicators 9 (การเปิดเผยข้อมูล) and 10 (การป้องกันการทุจริต) are the OIT part: their rows
# are numbered disclosure items, not activities.
OIT_INDICATORS = frozenset({"9", "10"})


# --- Results -------------------------------------------------------------------------------------------


class PlanTextError(ValueError):
    """The file cannot be read as the text of a plan at all (encoding, size); the message is in Thai."""


# What a warning is about, which decides how a coordinator resolves it (services.warning_resolve).
ORPHAN = "orphan"  # a row without indicator: assign it to one
DEPARTMENT = "department"  # an unknown name in the responsible cell, or none at all: choose the department
AGENCY = "agency"  # another agency named in the plan: correct the name or accept it
BUDGET = "budget"  # the budget table does not add up: accept with a note
DATE = "date"  # a due date missing, unreadable or far from the plan's year: set it or accept
TRUNCATED = "truncated"  # the file ends inside a table
OTHER = "other"
WARNING_KINDS = (ORPHAN, DEPARTMENT, AGENCY, BUDGET, DATE, TRUNCATED, OTHER)


@dataclass(frozen=True)
class ParseWarning:
    line: int  # 1-based line of the file; 0 when the problem is not tied to a line
    text: str  # the text concerned, as found
    reason: str  # in Thai, short
    kind: str = OTHER
    subject: str = ""  # the part concerned: the unknown department name, the other district named


class ParsedSubIndicator(NamedTuple):
    code: str  # "9.1"
    title: str  # "ข้อมูลพื้นฐาน"


@dataclass(frozen=True)
class ParsedIndicator:
    number: str  # "1".."10"
    title: str  # "การปฏิบัติหน้าที่"; "" when only a sub-indicator heading named it
    sub_indicators: list[ParsedSubIndicator]
    line: int


@dataclass(frozen=True)
class ParsedTarget:
    count: int
    unit: str
    per: str | None = None  # "เดือน" in "๑ ครั้ง/เดือน"


@dataclass(frozen=True)
class ParsedActivity:
    line: int
    indicator: str | None  # None in the appendix and where the indicator heading is missing
    sub_indicator: str | None
    focus: str  # ประเด็นที่ต้องเตรียมความพร้อม/ยกระดับ
    name: str  # กิจกรรมที่จะดำเนินการ
    output: str  # ผลผลิต
    target: ParsedTarget | None
    channels: list[str]
    due_date: datetime.date | None
    due_text: str
    departments: list[str]
    all_departments: bool
    monitoring_text: str
    monitoring_months: int | None
    appendix: bool
    channel_text: str = ""  # the วิธีการสร้างการรับรู้ cell as written; channels are split from it
    departments_text: str = ""  # the ผู้รับผิดชอบ cell as written
    # Every cell of the row as written (the eight column names of COLUMNS), continuations joined in:
    # what the official outputs print. The fields above are what the system reads from them.
    cells: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ParsedOitItem:
    line: int
    number: int
    code: str  # "o01"
    sub_indicator: str  # "9.1"
    indicator: str  # "9"
    title: str
    activity: str
    output: str
    channels: list[str]
    due_date: datetime.date | None
    due_text: str
    departments: list[str]
    all_departments: bool
    monitoring_months: int | None
    monitoring_text: str = ""
    target: ParsedTarget | None = None
    channel_text: str = ""
    departments_text: str = ""
    cells: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ParsedBudgetRow:
    line: int
    category: str
    allocated: Decimal  # งบประมาณหลังปรับโอน
    disbursed: Decimal  # เบิกจ่ายทั้งสิ้น
    remaining: Decimal  # งบประมาณคงเหลือ
    rate: Decimal | None  # ร้อยละการเบิกจ่าย, as written; its base is not checked


@dataclass(frozen=True)
class ParsedBudget:
    title: str
    fiscal_year: int | None  # BE
    as_of: datetime.date | None
    rows: list[ParsedBudgetRow]
    total: ParsedBudgetRow | None
    line: int = 0  # line of the table header


@dataclass(frozen=True)
class ParsedPlan:
    title: str
    agency_name: str
    indicators: list[ParsedIndicator]
    activities: list[ParsedActivity]
    oit_items: list[ParsedOitItem]
    budget: ParsedBudget | None
    warnings: list[ParseWarning]
    title_line: int = 0
    truncated: ParseWarning | None = None  # set when the file ends inside a table (a cut-off copy)


# --- The file ------------------------------------------------------------------------------------------


def decode_plan_file(raw: bytes) -> str:
    """The text of an uploaded plan file: UTF-8 (with or without BOM), UTF-16 (with BOM, or without one
    when its NUL bytes show it) or Windows-874 (what Thai Windows writes as "ANSI"), told apart by their
    bytes. A file over MAX_PLAN_BYTES is refused before it is read."""
    if len(raw) > MAX_PLAN_BYTES:
        raise PlanTextError(
            f"ไฟล์ใหญ่ {len(raw) / 1024 / 1024:.1f} MB เกินขนาดที่รับได้ "
            f"({MAX_PLAN_BYTES // 1024 // 1024} MB) แผนหนึ่งฉบับมีขนาดไม่เกินไม่กี่ร้อย KB"
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")
    head = raw[:4096]
    # UTF-16 without BOM: the high byte of ASCII and of Thai (U+0Exx) is 0x00 or 0x0E, every other byte.
    high = {"utf-16-le": head[1::2], "utf-16-be": head[0::2]}
    for encoding, bytes_ in high.items():
        if len(bytes_) >= 8 and bytes_.count(b"\x00") + bytes_.count(b"\x0e") >= 0.9 * len(bytes_):
            return raw.decode(encoding, errors="replace")
    if b"\x00" in head:
        raise PlanTextError("อ่านไฟล์นี้ไม่ได้ ต้องเป็นไฟล์ข้อความ (UTF-8, UTF-16 หรือ Windows-874)")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # cp874 maps nearly every byte, so it comes last: only bytes that are not UTF-8 get here.
        return raw.decode("cp874")
    except UnicodeDecodeError:
        raise PlanTextError("อ่านไฟล์นี้ไม่ได้ ต้องเป็นไฟล์ข้อความ (UTF-8, UTF-16 หรือ Windows-874)") from None


# --- Cell text -----------------------------------------------------------------------------------------

_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_SPACES = re.compile(r"[\s\u200b\u200c\u200d\ufeff]+")
_BLOCK_TAGS = frozenset(
    {"p", "li", "ul", "ol", "div", "br", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6"}
)


class _HtmlToText(HTMLParser):
    """Block elements (<p>, <li>, <br>, ...) become line breaks; a link keeps its URL in the text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._links: list[tuple[str, int]] = []

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if tag == "a":
            self._links.append((dict(attrs).get("href") or "", len(self.parts)))

    def handle_endtag(self, tag):
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if tag == "a" and self._links:
            href, start = self._links.pop()
            label = "".join(self.parts[start:]).strip()
            if href and href not in label:
                self.parts.append(f" ({href})" if label else href)

    def handle_data(self, data):
        self.parts.append(data)


def cell_text(raw: str) -> str:
    """Plain text of a cell: HTML removed (list items and paragraphs on their own lines), markdown bold
    markers removed, whitespace collapsed."""
    text = raw.replace("**", "")
    if _TAG.search(text):
        converter = _HtmlToText()
        converter.feed(text)
        converter.close()
        text = "".join(converter.parts)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


_THAI_END = re.compile("[\u0e01-\u0e4e]+$")
_THAI_START = re.compile("^[\u0e01-\u0e4e]+")
_CUT_LOOK = 24  # characters on each side looked at: a Thai word is rarely longer


def _separator(before: str, after: str) -> str:
    """What goes between the two parts of a cell cut by a page break: a line break before a list, nothing
    where the break fell inside a Thai word ("โปร่งใ" + "ส"), else a space.

    A break inside a word is told by the dictionary: the joined text has a dictionary word across the
    joint, and one side alone ends or starts with a piece that is not a word."""
    if "\n" in after:
        return "\n"
    tail = _THAI_END.search(before[-_CUT_LOOK:])
    head = _THAI_START.match(after[:_CUT_LOOK])
    if tail and head and _word_across(tail.group(), head.group()):
        return ""
    return " "


def _word_across(tail: str, head: str) -> bool:
    words = thai_dictionary()
    left = thai_words_of(tail)[-1]
    right = thai_words_of(head)[0]
    if left in words and right in words:
        return False  # two whole words: the break fell between them
    position = 0
    for word in thai_words_of(tail + head):
        if position < len(tail) < position + len(word):
            return word in words
        position += len(word)
    return False


def _thai(number: int | str) -> str:
    return to_thai_digits(number)


# --- Headings, item numbers, targets, channels, monitoring ---------------------------------------------

_D = "[0-9๐-๙]"
_SUB_HEADING = re.compile(rf"^(?:ตัวชี้วัดย่อยที่\s*)?({_D}{{1,2}})\s*\.\s*({_D}{{1,2}})(?!{_D})\.?\s*(.*)$", re.S)
# "ตัวชี้วัดที่ ๖", "๖) ...", and "6. ..." / "๖. ..." (a number, a dot and a title, not a decimal "6.5").
_INDICATOR_HEADING = re.compile(
    rf"^(?:ตัวชี้วัดที่\s*({_D}{{1,2}})(?!{_D})\s*[).:]?|({_D}{{1,2}})\s*\)|({_D}{{1,2}})\s*\.(?!\s*{_D}))\s*(.*)$",
    re.S,
)
# An OIT item number: Thai or Arabic digits, maybe a Latin letter O typed for the "O" of the item code or
# for a zero, maybe leading zeros ("๐๑๐" is item 10).
_ITEM_NUMBER = re.compile(rf"^[Oo]?({_D}{{1,3}})(?!{_D})\.?\s*(.*)$", re.S)


class _Heading(NamedTuple):
    kind: str  # "indicator" or "sub"
    number: str  # "9" or "9.1"
    title: str


def _heading(text: str) -> _Heading | None:
    text = text.lstrip("#").strip()
    if match := _SUB_HEADING.match(text):
        major, minor = (str(int(to_arabic_digits(g))) for g in match.group(1, 2))
        return _Heading("sub", f"{major}.{minor}", match.group(3).strip())
    if match := _INDICATOR_HEADING.match(text):
        number = str(int(to_arabic_digits(match.group(1) or match.group(2) or match.group(3))))
        if match.group(3) and not match.group(4).strip():
            return None  # "6." alone is a list number, not a heading
        return _Heading("indicator", number, match.group(4).strip())
    return None


def _item_number(text: str) -> tuple[int, str] | None:
    if match := _ITEM_NUMBER.match(text):
        return int(to_arabic_digits(match.group(1))), match.group(2).strip()
    return None


_THAI_WORD = "[\u0e01-\u0e2e\u0e30-\u0e4e]+"  # Thai letters and marks, without ฯ and without digits
_TARGET = re.compile(rf"(?<![\w.])(\d+)\s*({_THAI_WORD})(?:\s*(?:/|ต่อ)\s*({_THAI_WORD}))?")
# "รอบ ๖ เดือนแรก", "๕๐ ปี": a number followed by a time word is a period, not a quantity of output.
_TIME_WORDS = ("เดือน", "ปี", "วัน", "สัปดาห์", "ไตรมาส", "ชั่วโมง", "นาที")


def parse_target(text: str) -> ParsedTarget | None:
    """The first quantity in an output text: "๑ ครั้ง/เดือน" -> (1, "ครั้ง", "เดือน"),
    "info graphic ๑ แผ่น" -> (1, "แผ่น", None)."""
    for match in _TARGET.finditer(to_arabic_digits(text)):
        count, unit, per = match.groups()
        if unit.startswith(_TIME_WORDS):
            continue
        return ParsedTarget(int(count), unit, per)
    return None


_CHANNEL_SEPARATORS = re.compile(
    r"\s+/\s+|,"
)  # "Website / FB / Line"; a bare "/" is kept (URLs, "ตาราง/ไฟล์")
_BULLET = re.compile(r"(?:^|\s)[-•]\s*")  # "- FB - Line"; "E-service" has no space before its dash
_VIA = re.compile(r"\s*ผ่าน\s*")


def split_channels(text: str) -> list[str]:
    """Publicity channels as listed in the cell, in the document's words.

    Items are separated by line breaks (HTML lists), " / ", commas and "- " bullets. Within an item,
    "ผ่าน X ผ่าน Y" names the channels X and Y; the words before the first "ผ่าน" describe the method
    ("ประชาสัมพันธ์ผ่าน Line group" -> ["Line group"]) and stay only in the cell text (channel_text).
    """
    items: list[str] = []
    for line in text.split("\n"):
        for part in _CHANNEL_SEPARATORS.split(line):
            for piece in _BULLET.split(part):
                piece = piece.strip()
                if not piece:
                    continue
                if "ผ่าน" in piece:
                    vias = [v.strip() for v in _VIA.split(piece)[1:] if v.strip()]
                    if vias:
                        items.extend(vias)
                        continue
                items.append(piece)
    return list(dict.fromkeys(items))


_MONITORING = re.compile(r"(?:ทุก\s*(?:ๆ\s*)?(\d+)?|ราย)\s*(เดือน|ไตรมาส|ปี|สัปดาห์)")
_MONTHS_PER_UNIT = {"เดือน": 1, "ไตรมาส": 3, "ปี": 12}


def parse_monitoring_months(text: str) -> int | None:
    """Months between two follow-ups: "ทุก ๑ เดือน" -> 1, "รายไตรมาส" -> 3; None if not a number of months."""
    match = _MONITORING.search(to_arabic_digits(text))
    if not match or match.group(2) not in _MONTHS_PER_UNIT:
        return None
    return int(match.group(1) or 1) * _MONTHS_PER_UNIT[match.group(2)]


# --- Departments ---------------------------------------------------------------------------------------


class _Departments(NamedTuple):
    names: list[str]
    all_departments: bool
    unknown: list[str]  # pieces starting with ฝ่าย that match no known department (kept in names too)
    leftovers: list[str]  # other text that is not a department (not kept in names)


_CONNECTORS = re.compile(r"^(?:และ|,|/|-|ๆ|ฯ)+|(?:และ|,|/|-|ฯ)+$")


def _compact(text: str) -> str:
    return _SPACES.sub("", text)


class _DepartmentMatcher:
    """Canonical department names from a responsible-department cell.

    Spaces are removed before matching, since real cells break names ("ฝ่าย สิ่งแวดล้อมฯ"); Thai department
    names have no spaces of their own. An abbreviation ending in "ฯ" matches the one known name it begins
    ("ฝ่ายพัฒนาฯ" -> "ฝ่ายพัฒนาชุมชนและสวัสดิการสังคม"); an ambiguous one matches nothing.
    """

    def __init__(self, names: Sequence[str]):
        self._by_compact = {_compact(name): name for name in names}
        self._longest_first = sorted(self._by_compact, key=len, reverse=True)

    def _match_at(self, text: str, start: int) -> tuple[str, int] | None:
        for compact in self._longest_first:
            if text.startswith(compact, start):
                return self._by_compact[compact], len(compact)
        mark = text.find("ฯ", start, start + 60)  # an abbreviation is short: never scan the whole cell
        if mark > start:
            abbreviation = text[start:mark]
            candidates = [c for c in self._longest_first if c.startswith(abbreviation) and c != abbreviation]
            if len(candidates) == 1:
                return self._by_compact[candidates[0]], mark + 1 - start
        return None

    def parse(self, text: str) -> _Departments:
        compact = _compact(text)
        all_departments = ALL_DEPARTMENTS in compact
        compact = compact.replace(ALL_DEPARTMENTS, " ")
        names: list[str] = []
        unknown: list[str] = []
        leftovers: list[str] = []
        pending_start = 0

        def flush(pending: str):
            # Unmatched text: a piece starting with ฝ่าย is an unknown department (kept, and reported);
            # anything else ("โรงเรียนในสังกัดเขต") is reported only.
            for piece in re.split(f"(?={DEPARTMENT_WORD})|\\s+", pending):
                piece = _CONNECTORS.sub("", piece)
                if not piece:
                    continue
                if piece.startswith(DEPARTMENT_WORD) and piece != DEPARTMENT_WORD:
                    names.append(piece)
                    unknown.append(piece)
                else:
                    leftovers.append(piece)

        position = 0
        while position < len(compact):
            match = self._match_at(compact, position)
            if match:
                flush(compact[pending_start:position])
                names.append(match[0])
                position += match[1]
                pending_start = position
            else:
                position += 1
        flush(compact[pending_start:])
        return _Departments(list(dict.fromkeys(names)), all_departments, unknown, leftovers)


# --- Agency --------------------------------------------------------------------------------------------

_PLAN_TITLE_PREFIX = re.compile(
    r"^มาตรการส่งเสริมคุณธรรมและความโปร่งใส\s*(?:ภายใน\s*)?(?:หน่วยงาน)?\s*(?:ของ)?\s*"
)
_TITLE_YEAR_SUFFIX = re.compile(r"\s*(?:ประจำปี|ปีงบประมาณ|พ\.\s*ศ\.).*$", re.S)
_DISTRICT_OFFICE = re.compile(r"สำนักงานเขต\s*\S+")


def agency_from_title(title: str) -> str:
    """ "มาตรการ...ภายในหน่วยงานของสำนักงานเขตปทุมวัน" -> "สำนักงานเขตปทุมวัน"."""
    match = _PLAN_TITLE_PREFIX.match(title)
    if match:
        return _TITLE_YEAR_SUFFIX.sub("", title[match.end() :]).strip()
    found = _DISTRICT_OFFICE.search(title)
    return found.group().replace(" ", "") if found else ""


# --- Pass 1: records -----------------------------------------------------------------------------------

COLUMNS = ("indicator", "focus", "name", "output", "channel", "due", "departments", "monitoring")
# Header words that identify each column; tolerant of typos elsewhere in the cell ("ยกกระดับ").
_COLUMN_WORDS = (
    ("focus", "ประเด็น"),
    ("name", "กิจกรรม"),
    ("output", "ผลผลิต"),
    ("channel", "การรับรู้"),
    ("due", "แล้วเสร็จ"),
    ("departments", "ผู้รับผิดชอบ"),
    ("monitoring", "กำกับ"),
    ("indicator", "ตัวชี้วัด"),
)
BUDGET_COLUMNS = ("category", "allocated", "disbursed", "remaining", "rate")
_BUDGET_COLUMN_WORDS = (
    ("rate", "ร้อยละ"),
    ("remaining", "คงเหลือ"),
    ("disbursed", "เบิกจ่าย"),
    ("category", "หมวด"),
    ("allocated", "งบประมาณ"),
)
_SEPARATOR_CELL = re.compile(r"[-:|=\s]+")
_NUMBERISH = re.compile(r"[\d๐-๙,.\s%]+")


@dataclass
class _Record:
    kind: str  # blank, separator, header, budget_header, budget_row, row, text
    line: int
    cells: dict[str, str] = field(default_factory=dict)
    text: str = ""
    after_header: bool = False  # first row of a page: the row before it was a repeated table header
    short: bool = False  # a table row with fewer cells than its header: the line was cut
    parts: list[str] = field(default_factory=list)  # a paragraph's lines, joined once at the end


def _column_map(cells: list[str], words, default) -> list[str] | None:
    mapping = []
    for cell in cells:
        key = next((key for key, word in words if word in cell), "")
        mapping.append(key)
    named = [key for key in mapping if key]
    if len(set(named)) != len(named) or not set(default) <= set(named):
        return None
    return mapping


def _lex(text: str, warnings: list[ParseWarning]) -> list[_Record]:
    records: list[_Record] = []
    columns: list[str] = list(COLUMNS)
    budget_columns: list[str] | None = None
    previous_blank = True
    header_width = len(COLUMNS)
    for number, raw in enumerate(text.removeprefix("\ufeff").split("\n"), start=1):
        raw = raw.rstrip("\r")
        if not raw.strip():
            records.append(_Record("blank", number))
            previous_blank = True
            continue
        if "\t" not in raw:
            line_text = cell_text(raw)
            if _SEPARATOR_CELL.fullmatch(line_text):
                records.append(_Record("separator", number))
            elif records and records[-1].kind == "text" and not previous_blank and not raw.startswith("#"):
                # A paragraph over several lines; joined at the end, so a long paragraph costs its length.
                paragraph = records[-1].parts
                if line_text:
                    if paragraph:
                        paragraph.append(_separator(paragraph[-1], line_text))
                    paragraph.append(line_text)
            else:
                records.append(_Record("text", number, parts=[line_text.lstrip("#").strip()]))
            previous_blank = False
            continue
        previous_blank = False
        cells = [cell_text(c) for c in raw.split("\t")]
        filled = [c for c in cells if c]
        if not filled:
            records.append(_Record("blank", number))
            continue
        if all(_SEPARATOR_CELL.fullmatch(c) for c in filled):
            records.append(_Record("separator", number))
            continue
        if cells[0] == "ตัวชี้วัด":
            mapping = _column_map(cells, _COLUMN_WORDS, COLUMNS)
            if mapping is None:
                warnings.append(
                    ParseWarning(number, raw.strip(), "หัวตารางไม่ครบ 8 คอลัมน์ตามแบบ จึงใช้ลำดับคอลัมน์ตามแบบ")
                )
                mapping = list(COLUMNS)
            columns = mapping
            header_width = len(cells)
            budget_columns = None
            records.append(_Record("header", number))
            continue
        if "หมวดรายจ่าย" in cells[0]:
            budget_columns = _column_map(cells, _BUDGET_COLUMN_WORDS, BUDGET_COLUMNS) or list(BUDGET_COLUMNS)
            records.append(_Record("budget_header", number))
            continue
        if budget_columns is not None:
            mapped = dict(zip(budget_columns, cells, strict=False))
            if mapped.get("category") and _NUMBERISH.fullmatch(mapped.get("allocated") or "x"):
                records.append(_Record("budget_row", number, cells=mapped))
                continue
            budget_columns = None  # the budget table has ended
        mapped = {key: "" for key in COLUMNS}
        for index, cell in enumerate(cells):
            key = columns[index] if index < len(columns) else ""
            if key:
                mapped[key] = cell
            elif cell:
                warnings.append(ParseWarning(number, cell, "ข้อความอยู่นอกคอลัมน์ของตาราง"))
        after_header = bool(records) and _last_significant(records).kind == "header"
        short = len(cells) < header_width
        records.append(_Record("row", number, cells=mapped, after_header=after_header, short=short))
    for record in records:
        if record.kind == "text":
            record.text = "".join(record.parts)
    return records


def _last_significant(records: list[_Record]) -> _Record:
    for record in reversed(records):
        if record.kind not in ("blank", "separator"):
            return record
    return records[-1]


def _is_fragment(cells: dict[str, str]) -> bool:
    """A row without responsible department and monitoring interval cannot stand alone: it is the rest
    of a row cut by a page break, or text that belongs to the row above."""
    return not cells["departments"] and not cells["monitoring"] and any(cells.values())


# --- Pass 2: structure ---------------------------------------------------------------------------------


@dataclass
class _Row:
    line: int
    indicator: str | None
    sub_indicator: str | None
    appendix: bool
    cells: dict[str, str]
    number: int | None = None  # OIT item number; None for an activity
    # Continuations are collected and joined once at the end, so that a cell continued many times costs
    # its length, not its length squared.
    parts: dict[str, list[str]] = field(default_factory=dict)
    heading: str = ""  # the indicator cell as written, when the row's first line carried it

    def __post_init__(self):
        self.parts = {key: [value] for key, value in self.cells.items() if value}

    def has(self, key: str) -> bool:
        return bool(self.parts.get(key))

    def add(self, key: str, value: str) -> None:
        parts = self.parts.setdefault(key, [])
        if parts:
            parts.append(_separator(parts[-1], value))
        parts.append(value)

    def finish(self) -> None:
        self.cells = {key: "".join(self.parts.get(key, ())) for key in COLUMNS if key != "indicator"}


@dataclass
class _IndicatorDraft:
    number: str
    title: str
    line: int
    subs: list[ParsedSubIndicator] = field(default_factory=list)


@dataclass
class _BudgetDraft:
    title: str
    line: int
    fiscal_year: int | None = None
    as_of: datetime.date | None = None
    rows: list[ParsedBudgetRow] = field(default_factory=list)
    total: ParsedBudgetRow | None = None
    headers: dict[str, str] = field(default_factory=dict)


_AS_OF = re.compile(r"^ข้อมูล\s*ณ\s*วันที่")
_FISCAL_YEAR = re.compile(r"ปีงบประมาณ\s*(?:พ\.\s*ศ\.)?\s*(\d{4})")
_BUDGET_HEADER_NAMES = {
    "allocated": "งบประมาณหลังปรับโอน",
    "disbursed": "เบิกจ่ายทั้งสิ้น",
    "remaining": "งบประมาณคงเหลือ",
}


class _PlanParser:
    def __init__(self, text: str, department_names: Sequence[str] | None, fiscal_year: int | None = None):
        self.warnings: list[ParseWarning] = []
        self.fiscal_year = fiscal_year
        self.final_newline = text.endswith("\n")
        self.records = _lex(text, self.warnings)
        self._index_ahead()
        self.departments = _DepartmentMatcher(
            DEFAULT_DEPARTMENTS if department_names is None else tuple(department_names)
        )
        self.title = ""
        self.title_line = 0
        self.indicators: dict[str, _IndicatorDraft] = {}
        self.rows: list[_Row] = []
        self.budget: _BudgetDraft | None = None
        self.skipping_budget = False
        self.indicator: str | None = None
        self.sub_indicator: str | None = None
        self.highest_indicator = 0
        self.reported_missing: set[int] = set()
        self.appendix = False
        self.previous: _Row | None = None  # the row a continuation would be appended to
        self.orphan: _Row | None = None  # the last row kept without indicator, continuations go to it
        self.focus = ""  # the focus an empty focus cell repeats
        self.last_item = 0
        # A row without its last cells, waiting for them on the next page; the warning goes if they come.
        self.incomplete: tuple[_Row, ParseWarning] | None = None

    def warn(self, line: int, text: str, reason: str, kind: str = OTHER, subject: str = "") -> ParseWarning:
        warning = ParseWarning(line, text, reason, kind, subject)
        self.warnings.append(warning)
        return warning

    def _index_ahead(self) -> None:
        """For each record, what comes next, computed once backwards: walking forward from every record
        would make a long file cost its length squared."""
        count = len(self.records)
        self.next_significant: list[int | None] = [None] * count
        self.next_heading: list[int | None] = [None] * count  # see missing_before_next_heading
        following: int | None = None
        heading: int | None = None
        for index in range(count - 1, -1, -1):
            self.next_significant[index] = following
            self.next_heading[index] = heading
            record = self.records[index]
            if record.kind in ("blank", "separator", "header"):
                continue
            following = index
            found = None
            if record.kind == "text":
                found = _heading(record.text)
            elif record.kind == "row":
                found = _heading(record.cells["indicator"]) if record.cells["indicator"] else None
                if found is None and _is_fragment(record.cells):
                    continue
            heading = int(found.number) if found is not None and found.kind == "indicator" else None

    # --- headings

    def _missing_between(self, number: int) -> list[int]:
        # Only numbers missing between two headings found: a plan may cover only some indicators (those
        # the agency must improve), or start at the OIT part, but a hole in its sequence is a lost page.
        if not self.highest_indicator:
            return []
        return [n for n in range(self.highest_indicator + 1, number) if n not in self.reported_missing]

    def enter_indicator(self, number: str, title: str, line: int, text: str) -> None:
        value = int(number)
        if missing := self._missing_between(value):
            self.reported_missing.update(missing)
            listed = ", ".join(_thai(n) for n in missing)
            self.warn(line, text, f"ไม่พบหัวข้อตัวชี้วัดที่ {listed} ในเอกสาร")
        elif value <= self.highest_indicator:
            self.warn(line, text, f"หัวข้อตัวชี้วัดที่ {_thai(value)} ซ้ำหรือไม่เรียงลำดับ")
        self.highest_indicator = max(self.highest_indicator, value)
        draft = self.indicators.get(number)
        if draft is None:
            self.indicators[number] = _IndicatorDraft(number, title, line)
        elif not draft.title:
            draft.title = title
        self.indicator = number
        self.sub_indicator = None
        self.previous = self.orphan = None
        self.focus = ""

    def enter_sub_indicator(self, code: str, title: str, line: int, text: str) -> None:
        major = code.split(".")[0]
        if major not in self.indicators:
            # The sub-heading names its indicator: rows under it can be placed, the title stays unknown.
            self.warn(line, text, f"ไม่พบหัวข้อตัวชี้วัดที่ {_thai(major)} ในเอกสาร (พบเพียงตัวชี้วัดย่อย {_thai(code)})")
            self.reported_missing.add(int(major))
            self.enter_indicator(major, "", line, text)
        elif major != self.indicator:
            self.warn(line, text, f"ตัวชี้วัดย่อย {_thai(code)} อยู่นอกตัวชี้วัดที่ {_thai(major)}")
            self.indicator = major
        draft = self.indicators[major]
        known = next((index for index, sub in enumerate(draft.subs) if sub.code == code), None)
        if known is None:
            draft.subs.append(ParsedSubIndicator(code, title))
        elif not draft.subs[known].title:
            draft.subs[known] = ParsedSubIndicator(code, title)  # inferred earlier, now named
        else:
            self.warn(line, text, f"หัวข้อตัวชี้วัดย่อย {_thai(code)} ซ้ำ")
        self.sub_indicator = code
        self.previous = self.orphan = None

    def enter_appendix(self) -> None:
        self.appendix = True
        self.indicator = self.sub_indicator = None
        self.previous = self.orphan = None
        self.focus = ""

    def enter_heading(self, heading: _Heading, line: int, text: str) -> None:
        if heading.kind == "sub":
            self.enter_sub_indicator(heading.number, heading.title, line, text)
        else:
            self.enter_indicator(heading.number, heading.title, line, text)

    # --- records

    def parse(self) -> ParsedPlan:
        for index, record in enumerate(self.records):
            if record.kind == "text":
                self.on_text(index, record)
            elif record.kind == "budget_header":
                self.on_budget_header(index, record)
            elif record.kind == "budget_row":
                self.on_budget_row(record)
            elif record.kind == "row":
                self.on_row(index, record)
        return self.result()

    def _next_significant(self, index: int) -> _Record | None:
        following = self.next_significant[index]
        return None if following is None else self.records[following]

    def on_text(self, index: int, record: _Record) -> None:
        text = record.text
        if not self.title and text.startswith("มาตรการ"):
            self.title, self.title_line = text, record.line
        elif heading := _heading(text):
            self.enter_heading(heading, record.line, text)
        elif text.startswith("ภาคผนวก"):
            self.enter_appendix()
        elif _AS_OF.match(text):
            if self.budget is None or self.budget.as_of is not None:
                self.warn(record.line, text, "พบวันที่ของข้อมูลแต่ไม่มีตารางงบประมาณที่ยังไม่มีวันที่")
                return
            try:
                self.budget.as_of = parse_be_date(text)
            except ThaiDateError as error:
                self.warn(record.line, text, f"อ่านวันที่ของข้อมูลงบประมาณไม่ได้ ({error.reason or 'รูปแบบไม่รู้จัก'})")
        elif not ((following := self._next_significant(index)) and following.kind == "budget_header"):
            # (A paragraph just before the budget header is that table's title, read by on_budget_header.)
            self.warn(record.line, text, "ข้อความนอกตารางที่ไม่ใช่ชื่อมาตรการ หัวข้อ หรือส่วนของรายงานงบประมาณ")

    def on_budget_header(self, index: int, record: _Record) -> None:
        self.previous = self.orphan = None
        if self.budget is not None:
            self.warn(record.line, "หมวดรายจ่าย", "พบตารางงบประมาณมากกว่าหนึ่งตาราง แถวของตารางนี้ไม่ถูกนำเข้า")
            self.skipping_budget = True
            return
        title, title_line = "", record.line
        for position in range(index - 1, -1, -1):
            earlier = self.records[position]
            if earlier.kind == "blank":
                continue
            if earlier.kind == "text":
                title, title_line = earlier.text, earlier.line
            break
        if not title:
            self.warn(record.line, "หมวดรายจ่าย", "ตารางงบประมาณไม่มีชื่อรายงาน", BUDGET)
        self.budget = _BudgetDraft(title, record.line)
        if year := _FISCAL_YEAR.search(to_arabic_digits(title)):
            self.budget.fiscal_year = int(year.group(1))
        elif title:
            self.warn(title_line, title, "ไม่พบปีงบประมาณในชื่อรายงานงบประมาณ")

    def on_budget_row(self, record: _Record) -> None:
        cells = record.cells
        summary = " | ".join(v for v in cells.values() if v)
        if self.budget is None or self.skipping_budget:
            self.warn(record.line, summary, "แถวของตารางงบประมาณที่ไม่ถูกนำเข้า")
            return
        if self.budget.total is not None and record.line > self.budget.total.line:
            self.warn(record.line, summary, "แถวงบประมาณอยู่หลังแถวรวม")
        try:
            amounts = [parse_baht(cells.get(key, "")) for key in ("allocated", "disbursed", "remaining")]
        except MoneyError as error:
            self.warn(record.line, summary, f"อ่านจำนวนเงินไม่ได้ ({error.text}) แถวนี้ไม่ถูกนำเข้า")
            return
        rate = None
        if rate_text := cells.get("rate", ""):
            try:
                rate = Decimal(to_arabic_digits(rate_text).replace(",", "").rstrip("%").strip())
            except InvalidOperation:
                self.warn(record.line, rate_text, "อ่านร้อยละการเบิกจ่ายไม่ได้")
        row = ParsedBudgetRow(record.line, cells["category"], *amounts, rate)
        if cells["category"] == "รวม":
            self.budget.total = row
        else:
            self.budget.rows.append(row)

    def on_row(self, index: int, record: _Record) -> None:
        cells = record.cells
        if first := cells["indicator"]:
            heading = _heading(first)
            if first.startswith("ภาคผนวก"):
                self.enter_appendix()
            elif heading is None:
                self.warn(record.line, first, "ช่องตัวชี้วัดมีข้อความที่ไม่ใช่หัวข้อตัวชี้วัด")
            else:
                self.enter_heading(heading, record.line, first)
        content = {key: value for key, value in cells.items() if key != "indicator"}
        if not any(content.values()):
            return  # a heading row
        in_oit = self.indicator in OIT_INDICATORS and not self.appendix
        item = _item_number(content["focus"]) if in_oit else None
        if item is None and _is_fragment(cells):
            self.on_fragment(index, record, content, in_oit)
        elif item is None and self.completes(record, content):
            pass
        else:
            self.new_row(record, content, item)
        if self.rows and first and not self.rows[-1].heading and self.rows[-1].line == record.line:
            self.rows[-1].heading = first

    def completes(self, record: _Record, content: dict[str, str]) -> bool:
        """The last cells of a row, on the page after it (the row above had no responsible department and
        no monitoring interval yet): they join that row instead of making an activity of their own."""
        if self.incomplete is None or not record.after_header:
            return False
        row, warning = self.incomplete
        # An empty focus would otherwise repeat the one above; after a row still waiting for its last
        # cells, it is that row going on.
        if row is not self.previous or not (not content["focus"] or _fills_only_empty_cells(row, content)):
            return False
        self.append(row, content)
        self.warnings.remove(warning)
        self.incomplete = None
        return True

    def new_row(self, record: _Record, content: dict[str, str], item: tuple[int, str] | None) -> _Row:
        sub = self.sub_indicator
        if item is not None:
            number, title = item
            content = {**content, "focus": title}
            if sub is None:
                # No sub-heading since the indicator heading (the seed starts indicator 10 with item 23 and
                # names only 10.2 later): the items belong to the indicator's first sub-indicator. It is
                # listed with an empty title, so that every code an item uses is a sub-indicator of the plan.
                sub = self.sub_indicator = f"{self.indicator}.1"
                self.indicators[self.indicator].subs.append(ParsedSubIndicator(sub, ""))
                self.warn(
                    record.line,
                    content["focus"],
                    f"ไม่มีหัวข้อตัวชี้วัดย่อยก่อนรายการที่ {_thai(number)} จึงถือว่าอยู่ในตัวชี้วัดย่อย {_thai(sub)}",
                )
            self.check_item_number(record.line, number, content["focus"])
        else:
            if not content["focus"]:
                content = {**content, "focus": self.focus}  # an empty focus cell repeats the one above
            if self.indicator is None and not self.appendix:
                self.warn(record.line, _summary(content), "ไม่พบหัวข้อตัวชี้วัดก่อนแถวนี้", ORPHAN)
            elif self.indicator in OIT_INDICATORS and not self.appendix:
                self.warn(
                    record.line,
                    _summary(content),
                    f"แถวในตัวชี้วัดที่ {_thai(self.indicator)} ไม่มีเลขรายการ OIT จึงบันทึกเป็นกิจกรรม",
                )
            self.focus = content["focus"]
        row = _Row(record.line, self.indicator, sub, self.appendix, content, item[0] if item else None)
        self.rows.append(row)
        self.previous = row
        self.orphan = None
        self.incomplete = None
        return row

    def check_item_number(self, line: int, number: int, title: str) -> None:
        # The first item may be any number, as the first indicator may; the next one follows it.
        if not self.last_item or number == self.last_item + 1:
            self.last_item = number
            return
        if number <= self.last_item:
            self.warn(line, title, f"เลขรายการที่ {_thai(number)} ซ้ำหรือไม่เรียงลำดับ")
        else:
            missing = ", ".join(_thai(n) for n in range(self.last_item + 1, number))
            self.warn(line, title, f"ไม่พบรายการที่ {missing} ในเอกสาร")
        self.last_item = max(self.last_item, number)

    def on_fragment(self, index: int, record: _Record, content: dict[str, str], in_oit: bool) -> None:
        summary = _summary(content)
        if self.orphan is not None:
            self.append(self.orphan, content)
            return
        missing = self.missing_before_next_heading(index)
        if missing:
            # Text between the last row of an indicator and a heading that skips a number: its own
            # heading was lost (in the seed, indicator 3 between 2 and 4). It is not the rest of the row
            # above, so it is kept as an activity with no indicator, for a person to place.
            self.reported_missing.update(missing)
            listed = ", ".join(_thai(n) for n in missing)
            self.keep_orphan(record, content, f"ไม่พบหัวข้อตัวชี้วัดที่ {listed} ในเอกสาร จึงไม่ทราบว่าแถวนี้อยู่ในตัวชี้วัดใด")
        elif self.previous is None and self.indicator is None and not self.appendix:
            self.keep_orphan(record, content, "แถวนี้ไม่มีผู้รับผิดชอบ และไม่มีแถวก่อนหน้าให้ต่อท้าย")
        elif self.previous is None:
            # The first row under a heading, without its last cells: they may come on the next page.
            row = self.new_row(record, content, None)
            warning = self.warn(record.line, summary, "แถวนี้ไม่มีผู้รับผิดชอบและระยะเวลากำกับติดตาม", DEPARTMENT)
            self.incomplete = (row, warning)
        elif record.after_header or in_oit or _fills_only_empty_cells(self.previous, content):
            # The rest of a row cut by a page break (first row after a repeated header), text without an
            # item number under an OIT item, or cells the row above left empty: all continue the row above.
            self.append(self.previous, content)
        else:
            # Mid-page, adding to cells the row above already has: more likely an incomplete new row.
            row = self.new_row(record, content, None)
            warning = self.warn(
                record.line,
                summary,
                "แถวนี้ไม่มีผู้รับผิดชอบและระยะเวลากำกับติดตาม และไม่ได้อยู่ต่อจากหัวตาราง จึงบันทึกเป็นกิจกรรมใหม่",
                DEPARTMENT,
            )
            self.incomplete = (row, warning)

    def keep_orphan(self, record: _Record, content: dict[str, str], reason: str) -> None:
        row = _Row(record.line, None, None, self.appendix, dict(content))
        self.rows.append(row)
        self.warn(record.line, _summary(content), reason, ORPHAN)
        self.orphan = row

    def append(self, row: _Row, content: dict[str, str]) -> None:
        for key, value in content.items():
            if value:
                row.add(key, value)

    def missing_before_next_heading(self, index: int) -> list[int]:
        """Indicator numbers skipped by the next indicator heading, if only fragments come before it."""
        heading = self.next_heading[index]
        return [] if heading is None else self._missing_between(heading)

    # --- result

    def truncation(self) -> ParseWarning | None:
        """A file that ends inside a table: its last row is cut (fewer cells than the header) or has no
        responsible department and no monitoring interval, which a whole plan's last row has."""
        last = next((r for r in reversed(self.records) if r.kind not in ("blank", "separator")), None)
        if last is None or last.kind != "row":
            return None
        # (A fragment just after a repeated header is the rest of the row above, which a whole file may end
        # with, and converters often drop its empty last cells; unless the file stops in the middle of it.)
        cut_line = last.short and not self.final_newline  # a download or copy that stopped mid-line
        fragment = _is_fragment(last.cells)
        if not (cut_line or (last.short and not fragment) or (fragment and not last.after_header)):
            return None
        return self.warn(
            last.line,
            _summary(last.cells),
            f"ไฟล์จบกลางตาราง: แถวสุดท้าย (บรรทัดที่ {_thai(last.line)}) ไม่ครบทุกช่อง "
            "ไฟล์อาจถูกตัด โปรดตรวจว่าเป็นไฟล์ฉบับเต็ม",
            TRUNCATED,
        )

    def result(self) -> ParsedPlan:
        truncated = self.truncation()
        for row in self.rows:
            row.finish()
        if not self.title:
            self.warn(0, "", "ไม่พบชื่อมาตรการ (บรรทัดที่ขึ้นต้นด้วย “มาตรการ”)")
        agency = agency_from_title(self.title) if self.title else ""
        if self.title and not agency:
            self.warn(self.title_line, self.title, "ไม่พบชื่อหน่วยงานในชื่อมาตรการ")
        activities: list[ParsedActivity] = []
        items: list[ParsedOitItem] = []
        for row in self.rows:
            if row.number is None:
                activities.append(self.build_activity(row))
            else:
                items.append(self.build_item(row))
        budget = self.build_budget()
        indicators = [
            ParsedIndicator(draft.number, draft.title, list(draft.subs), draft.line)
            for draft in self.indicators.values()
        ]
        warnings = sorted(self.warnings, key=lambda w: w.line)
        return ParsedPlan(
            self.title, agency, indicators, activities, items, budget, warnings, self.title_line, truncated
        )

    def read_common(self, row: _Row) -> dict:
        cells = row.cells
        due_date = self.read_due(row.line, cells["due"]) if cells["due"] else None
        departments = self.departments.parse(cells["departments"])
        for name in departments.unknown:
            self.warn(row.line, cells["departments"], f"ไม่รู้จักหน่วยงานผู้รับผิดชอบ “{name}”", DEPARTMENT, name)
        for leftover in departments.leftovers:
            self.warn(
                row.line,
                cells["departments"],
                f"ข้อความ “{leftover}” ในช่องผู้รับผิดชอบไม่ใช่ชื่อฝ่ายที่รู้จัก",
                DEPARTMENT,
                leftover,
            )
        monitoring_months = parse_monitoring_months(cells["monitoring"])
        if cells["monitoring"] and monitoring_months is None:
            self.warn(row.line, cells["monitoring"], "อ่านระยะเวลากำกับติดตามเป็นจำนวนเดือนไม่ได้")
        return {
            "output": cells["output"],
            "target": parse_target(cells["output"]),
            "channels": split_channels(cells["channel"]),
            "channel_text": cells["channel"],
            "due_date": due_date,
            "due_text": cells["due"],
            "departments": departments.names,
            "all_departments": departments.all_departments,
            "departments_text": cells["departments"],
            "monitoring_text": cells["monitoring"],
            "monitoring_months": monitoring_months,
            "cells": {"indicator": row.heading, **cells},
        }

    def read_due(self, line: int, text: str) -> datetime.date | None:
        """The due date of a ระยะเวลาแล้วเสร็จ cell: see due_date_of. Every doubt is a warning naming the text."""
        try:
            due = due_date_of(text, self.fiscal_year)
        except ThaiDateError as error:
            self.warn(line, text, f"อ่านวันที่แล้วเสร็จ “{error.text}” ไม่ได้ ({error.reason or 'รูปแบบไม่รู้จัก'})", DATE)
            return None
        if due is None:
            self.warn(line, text, "ไม่พบวันที่ในช่องระยะเวลาแล้วเสร็จ", DATE)
            return None
        if self.fiscal_year is not None:
            start, end = fiscal_year_bounds(self.fiscal_year)
            if not start.replace(year=start.year - 1) <= due <= end.replace(year=end.year + 1):
                self.warn(
                    line,
                    text,
                    f"วันที่แล้วเสร็จ {format_be_date(due, 'medium', digits='thai')} ห่างจากปีงบประมาณ "
                    f"{_thai(self.fiscal_year)} เกินหนึ่งปี จึงไม่ได้ใช้เป็นกำหนดแล้วเสร็จ",
                    DATE,
                )
                return None
        return due

    def build_activity(self, row: _Row) -> ParsedActivity:
        return ParsedActivity(
            line=row.line,
            indicator=row.indicator,
            sub_indicator=row.sub_indicator,
            focus=row.cells["focus"],
            name=row.cells["name"],
            appendix=row.appendix,
            **self.read_common(row),
        )

    def build_item(self, row: _Row) -> ParsedOitItem:
        assert row.number is not None and row.indicator is not None and row.sub_indicator is not None
        return ParsedOitItem(
            line=row.line,
            number=row.number,
            code=f"o{row.number:02d}",
            sub_indicator=row.sub_indicator,
            indicator=row.indicator,
            title=row.cells["focus"],
            activity=row.cells["name"],
            **self.read_common(row),
        )

    def build_budget(self) -> ParsedBudget | None:
        draft = self.budget
        if draft is None:
            return None
        if draft.as_of is None:
            self.warn(draft.line, draft.title, "ไม่พบวันที่ของข้อมูลงบประมาณ (ข้อมูล ณ วันที่ ...)", BUDGET)
        for row in [*draft.rows, *([draft.total] if draft.total else [])]:
            expected = row.allocated - row.disbursed
            if expected != row.remaining:
                self.warn(
                    row.line,
                    row.category,
                    f"{row.category}: งบประมาณคงเหลือ {format_baht(row.remaining)} ไม่เท่ากับ "
                    f"งบประมาณหลังปรับโอน − เบิกจ่ายทั้งสิ้น = {format_baht(row.allocated)} − "
                    f"{format_baht(row.disbursed)} = {format_baht(expected)} (ต่าง {format_baht(row.remaining - expected)})",
                    BUDGET,
                )
        if draft.total is None:
            self.warn(draft.line, draft.title, "ตารางงบประมาณไม่มีแถวรวม", BUDGET)
        else:
            for key, header in _BUDGET_HEADER_NAMES.items():
                computed = sum((getattr(row, key) for row in draft.rows), Decimal("0.00"))
                stated = getattr(draft.total, key)
                if computed != stated:
                    self.warn(
                        draft.total.line,
                        "รวม",
                        f"ผลรวม{header}ของทุกหมวด = {format_baht(computed)} ไม่ตรงกับแถวรวม "
                        f"{format_baht(stated)} (ต่าง {format_baht(stated - computed)})",
                        BUDGET,
                    )
        return ParsedBudget(
            draft.title, draft.fiscal_year, draft.as_of, list(draft.rows), draft.total, draft.line
        )


def _summary(content: dict[str, str]) -> str:
    return " | ".join(value for value in content.values() if value)


def _fills_only_empty_cells(row: _Row, content: dict[str, str]) -> bool:
    return all(not row.has(key) for key, value in content.items() if value)


_QUARTER = re.compile(
    r"ไตรมาส\s*(?:ที่\s*)?([1-4])(?!\d)(?:\s*(?:/|ปี\s*(?:งบประมาณ)?)\s*(?:พ\.?\s*ศ\.?)?\s*(\d{4}|\d{2})(?!\d))?"
)


def due_date_of(text: str, fiscal_year: int | None = None) -> datetime.date | None:
    """The due date a ระยะเวลาแล้วเสร็จ cell means: the last date it names, since a range ("15 ม.ค. 67 -
    30 ก.ย. 67") and "เริ่ม ... แล้วเสร็จ ..." end there; a month without a day ("ภายใน มี.ค. 66") is its last
    day, and a quarter ("ไตรมาส 2", of the plan's fiscal year unless the cell names one) its last day.

    Two-digit years are read near the plan's fiscal year ("30 มี.ค. 23" in FY2566 is 2023, not 1980).
    None if the cell names no date; ThaiDateError, naming the part, if a date-looking part is unreadable."""
    normalised = to_arabic_digits(text)
    near = fiscal_year - BE_OFFSET if fiscal_year is not None else None
    found = [(f.start, f.date) for f in find_be_dates(text, near=near)]
    for match in _QUARTER.finditer(normalised):
        year = fiscal_year
        if match.group(2):
            year = int(match.group(2)) if len(match.group(2)) == 4 else 2500 + int(match.group(2))
        if year is None:
            raise ThaiDateError(match.group(), "ไม่ทราบปีงบประมาณของไตรมาส")
        if not 2400 <= year < 2700:
            raise ThaiDateError(match.group(), f"ปี {year} ไม่ใช่ปีงบประมาณ พ.ศ.")
        found.append((match.start(), fiscal_quarter_bounds(year, int(match.group(1)))[1]))
    return max(found)[1] if found else None


def parse_plan(
    text: str, *, department_names: Sequence[str] | None = None, fiscal_year: int | None = None
) -> ParsedPlan:
    """Parse the text of an integrity plan; ``department_names`` are the agency's canonical department names
    (default: the ten departments of a Bangkok district office); ``fiscal_year`` (BE) decides two-digit
    years and which due dates are too far from the plan's year to be meant.

    The text is normalised first (PDF text layers write ำ as ํ + า and carry zero-width and no-break
    spaces), so a copy extracted from the PDF reads as the typed one. A text over MAX_PLAN_BYTES is refused
    (PlanTextError): reading costs time in proportion to the text, and no plan is that long."""
    if len(text) > MAX_PLAN_BYTES:
        raise PlanTextError(f"ข้อความยาวเกิน {MAX_PLAN_BYTES // 1024 // 1024} MB จึงไม่ใช่แผนที่อ่านได้")
    return _PlanParser(clean(text), department_names, fiscal_year).parse()
