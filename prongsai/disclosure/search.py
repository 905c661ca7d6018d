"""Search across what agencies publish: titles, written pages and the text inside uploaded files, and the
activities of published plans.

Thai has no spaces between words, so text is cut into words when it is stored (pythainlp with our dictionary,
in which "ปทุมวัน" is one word) and the query is cut the same way. A query word matches a whole word of the
text, never a piece of one: "วัน" (day) does not find every document that names เขตปทุมวัน.

What people type differs from what documents hold, so both sides are normalised first (NFKC, ำ written as
one character as keyboards do and not as ํ + า as PDF text layers do, Thai digits as Arabic ones, lower case,
no invisible characters, no thousands separators). Compound words are also stored by their parts, so that
"จัดซื้อ" finds "การจัดซื้อจัดจ้าง" and "กรุงเทพ" finds "กรุงเทพมหานคร"; place names are not split. Two
neighbouring words that together are a dictionary word are also stored joined, so that a query word is
found where the segmenter cut the document's text differently around it; and a query typed with spaces
between Thai words ("ปทุม วัน") is also read without them.

The stored text (``PublicationVersion.search_text``) is: the title's words, a tab, the body's words, a
newline, then the other words the entry is found by (parts of compounds, neighbours joined, the item's code).
Words are separated by one space, and by two where the document had white space, so that a snippet can be
put back together for the results page. A query word matches where " word " occurs: one scan of the text
per word, which is fast enough for a city's year of documents (see ``bench_search`` in prongsai/bench.py).
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from functools import cache, lru_cache, reduce
from itertools import pairwise
from operator import and_, or_

from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import Greatest, StrIndex, Substr
from django.urls import reverse
from django.utils import timezone
from pythainlp.corpus import thai_words

from prongsai.documents.wrapping import EXTRA_WORDS, thai_dictionary, thai_words_of
from prongsai.plans.models import Activity

from .models import Publication

MAX_TEXT = 500_000  # characters of a file kept for search; a longer file is cut, not refused
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 8  # each word is one more scan of the text; nobody types more into a search box
MIN_QUERY_CHARS = 2  # "ก" alone finds nothing useful
RESULT_LIMIT = 50
ACTIVITY_CANDIDATES = 300  # plan activities checked word by word for one query (see plan_activities)

TITLE_END = "\t"
EXTRAS = "\n"

# Unit names from the shared dictionary whose parts are words people type on their own ("กรุงเทพ", "สำนักงาน");
# every other entry there is a place name and stays whole.
_SPLIT_NAMES = frozenset({"กรุงเทพมหานคร", "สำนักงานเขต"})
KEEP_WHOLE = EXTRA_WORDS - _SPLIT_NAMES

_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # PostgreSQL refuses NUL in text; none is a letter
# NFKC turns ำ into ํ + า, and so do PDF text layers; a tone mark may sit between the two.
_SARA_AM = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_THAI = re.compile("[\u0e00-\u0e7f]")
_BETWEEN_THAI = re.compile(r"(?<=[\u0e00-\u0e7f])\s+(?=[\u0e00-\u0e7f])")
_REPEAT_MARKS = re.compile("([ๆฯ])")  # ต่างๆ, กรุงเทพฯ: the mark is not part of the word
_EDGE = re.compile(r"^([^\w\u0e00-\u0e7f]*)(.*?)([^\w\u0e00-\u0e7f]*)$", re.DOTALL)
_LATIN_JOINERS = re.compile(r"[-./_:]")


def clean(text: str) -> str:
    """``text`` as it looks, with the invisible differences gone: NFKC, ำ as one character, no zero-width
    characters."""
    text = _CONTROL.sub(" ", unicodedata.normalize("NFKC", text or ""))
    return _SARA_AM.sub("\\1\u0e33", _INVISIBLE.sub("", text))


def normalise(text: str) -> str:
    """``text`` as it is compared: cleaned, Arabic digits, lower case, no thousands separators."""
    return _THOUSANDS.sub("", clean(text).translate(_THAI_DIGITS).lower())


def _pieces(token: str) -> list[str]:
    """A token cut from its leading and trailing punctuation and from ๆ and ฯ ("ข้อมูล," -> ข้อมูล + ,)."""
    lead, core, trail = _EDGE.match(token).groups()
    return [p for p in (lead, *_REPEAT_MARKS.split(core), trail) if p]


def phrases_of(text: str) -> list[list[str]]:
    """The normalised words of ``text``; a phrase is a run of words written without white space between them."""
    phrases: list[list[str]] = [[]]
    for token in thai_words_of(normalise(text)):
        # pythainlp keeps some spaces inside a token ("ต่าง ๆ"): they separate phrases like any other.
        if token[:1].isspace() and phrases[-1]:
            phrases.append([])
        for i, part in enumerate(token.split()):
            if i and phrases[-1]:
                phrases.append([])
            phrases[-1].extend(_pieces(part))
        if token[-1:].isspace() and phrases[-1]:
            phrases.append([])
    return [phrase for phrase in phrases if phrase]


def is_word(token: str) -> bool:
    """Whether a token can be searched for: not punctuation, and not ๆ or ฯ on their own."""
    return token not in ("ๆ", "ฯ") and any(ch.isalnum() for ch in token)


@cache
def _word_counts() -> dict[str, int]:
    """How often each word occurs in the Thai National Corpus (shipped with pythainlp), to choose between
    two ways of cutting a compound: ประจำ|ปี rather than ประ|จำปี."""
    from pythainlp.corpus import tnc

    return dict(tnc.word_freqs())


@lru_cache(maxsize=100_000)
def parts_of(word: str) -> tuple[str, ...]:
    """The fewest dictionary words (two characters or more) that ``word`` is made of, the more common ones
    when there is a choice, or () when it is not a compound: "จัดซื้อจัดจ้าง" -> ("จัดซื้อ", "จัดจ้าง"),
    "e-service" -> ("e", "service")."""
    if not _THAI.search(word):
        parts = tuple(p for p in _LATIN_JOINERS.split(word) if p)
        return parts if len(parts) > 1 else ()
    if len(word) < 4:
        return ()
    trie, counts = thai_dictionary(), _word_counts()
    n = len(word)
    # best[i]: how to cut word[i:] as (number of parts, minus how common they are, parts); None if it cannot be
    best: list[tuple[int, float, tuple[str, ...]] | None] = [None] * n + [(0, 0.0, ())]
    for i in range(n - 1, -1, -1):
        for prefix in trie.prefixes(word[i:]):
            j = i + len(prefix)
            rest = best[j]
            if len(prefix) < 2 or (i == 0 and j == n) or rest is None:
                continue
            if j < n and unicodedata.category(word[j]) == "Mn":  # a vowel or tone mark starts no word
                continue
            candidate = (rest[0] + 1, rest[1] - math.log(counts.get(prefix, 0) + 1), (prefix, *rest[2]))
            if best[i] is None or candidate[:2] < best[i][:2]:
                best[i] = candidate
    return best[0][2] if best[0] else ()


def extras_of(word: str) -> tuple[str, ...]:
    """The words stored besides a compound: its parts (one level: สำนักงาน gives สำนัก and งาน, not the
    pieces of those); none for place names."""
    return () if word in KEEP_WHOLE else parts_of(word)


def _joined(phrases: list[list[str]]) -> str:
    return "  ".join(" ".join(phrase) for phrase in phrases)


@cache
def _dictionary() -> frozenset[str]:
    return frozenset(thai_words()) | EXTRA_WORDS


def _joins(phrase: list[str]) -> set[str]:
    """Neighbours that make a dictionary word together ("ปทุม", "วัน" -> "ปทุมวัน")."""
    dictionary = _dictionary()
    return {a + b for a, b in pairwise(phrase) if a + b in dictionary}


def index_of(title: list[list[str]], body: list[list[str]], also: tuple[str, ...] = ()) -> str:
    """The stored form of a title and a body already cut into phrases (see the module's docstring); ``also``
    are words to be found that are not shown in snippets."""
    words = {w for phrases in (title, body) for phrase in phrases for w in phrase}
    extras = {e for w in words if is_word(w) for e in extras_of(w)} | set(also)
    extras |= {j for phrases in (title, body) for phrase in phrases for j in _joins(phrase)}
    extras = sorted(extras - words)
    return f" {_joined(title)} {TITLE_END} {_joined(body)} {EXTRAS} {' '.join(extras)} "


def index_words(title: str, body: str, also: str = "") -> str:
    also_words = tuple(w for phrase in phrases_of(also) for w in phrase if is_word(w))
    return index_of(phrases_of(title), phrases_of(body[:MAX_TEXT]), also_words)


def file_text(version) -> str:
    """The text inside an uploaded PDF, DOCX, XLSX or CSV ("" for images and unreadable files)."""
    if not version.file:
        return ""
    version.file.open("rb")
    try:
        data = version.file.read()
    finally:
        version.file.close()
    try:
        if version.file_format == "pdf":
            from pypdf import PdfReader

            return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
        if version.file_format == "docx":
            from docx import Document

            document = Document(io.BytesIO(data))
            cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
            return "\n".join([p.text for p in document.paragraphs] + cells)
        if version.file_format == "xlsx":
            from openpyxl import load_workbook

            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            return "\n".join(
                " ".join(str(v) for v in row if v is not None)
                for sheet in book.worksheets
                for row in sheet.iter_rows(values_only=True)
            )
        if version.file_format == "csv":
            return data.decode("utf-8-sig", errors="replace")
    except Exception:  # a file we cannot read is still published; it is only not searchable
        return ""
    return ""


def index_text(title: str, version) -> str:
    """What ``PublicationVersion.search_text`` holds for an entry: its title, the written page, the link and
    the text of the file, and the item's code ("o12") to be found but not shown."""
    publication = getattr(version, "publication", None)
    item = getattr(publication, "item", None) if publication is not None else None
    body = " ".join([version.body, version.url, file_text(version)])
    return index_words(title, body, also=item.code if item is not None else "")


# --- the query ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Clause:
    """One word of the query, which the text must hold."""

    word: str

    @property
    def pattern(self) -> str:
        return f" {self.word} "  # words are stored between spaces


@dataclass(frozen=True)
class Query:
    text: str  # as typed, trimmed
    readings: tuple[
        tuple[Clause, ...], ...
    ] = ()  # a text matches when it matches every clause of one reading
    too_short: bool = False

    @property
    def usable(self) -> bool:
        return bool(self.readings)

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.word for reading in self.readings for c in reading))


def _clauses(text: str) -> tuple[Clause, ...]:
    words = dict.fromkeys(w for phrase in phrases_of(text) for w in phrase if is_word(w))
    # Longest first: usually the rarest, so the database gives up on most texts after one look.
    return tuple(Clause(w) for w in sorted(list(words)[:MAX_QUERY_WORDS], key=len, reverse=True))


def parse(text: str) -> Query:
    text = _CONTROL.sub(" ", text or "").strip()[:MAX_QUERY_CHARS]
    if len("".join(normalise(text).split())) < MIN_QUERY_CHARS:
        return Query(text, too_short=bool(text))
    readings = [_clauses(text)]
    joined = _BETWEEN_THAI.sub("", normalise(text))
    if joined != normalise(text):
        readings.append(_clauses(joined))
    readings = [r for r in dict.fromkeys(readings) if r]
    return Query(text, tuple(readings), too_short=not readings)


def _q(query: Query, field: str) -> Q:
    readings = [
        reduce(and_, [Q(**{f"{field}__contains": c.pattern}) for c in reading]) for reading in query.readings
    ]
    return reduce(or_, readings)


def matches(index: str, query: Query) -> bool:
    """Whether a stored text (as ``index_of`` writes it) matches: the same rule as the database query."""
    return any(all(c.pattern in index for c in reading) for reading in query.readings)


def search(queryset, query: str | Query, field: str = "search_text"):
    """The rows of ``queryset`` (PublicationVersion by default) whose stored words match the query."""
    query = query if isinstance(query, Query) else parse(query)
    return queryset.filter(_q(query, field)) if query.usable else queryset.none()


# --- snippets -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    text: str
    hit: bool = False


def _is_hit(token: str, words: set[str]) -> bool:
    return token in words or not words.isdisjoint(extras_of(token))


def snippet_of(window: str, words: set[str], *, at_start: bool, at_end: bool) -> tuple[Segment, ...]:
    """Readable text from a window of the stored words, with the query's words marked."""
    body = window.split(EXTRAS, 1)
    at_end = at_end or len(body) > 1
    window = body[0].replace(TITLE_END, "  ")
    if not at_start:  # the window may begin inside a word
        window = window[window.find(" ") + 1 :] if " " in window else ""
    if not at_end:
        window = window[: window.rfind(" ")] if " " in window else ""
    segments: list[Segment] = [Segment("…")] if not at_start else []
    for n, phrase in enumerate(p for p in re.split(" {2,}", window.strip()) if p):
        if n:
            segments.append(Segment(" "))
        tokens = phrase.split(" ")
        hits = [_is_hit(token, words) for token in tokens]
        for i in range(len(tokens) - 1):  # a query word the text holds in two pieces
            if tokens[i] + tokens[i + 1] in words:
                hits[i] = hits[i + 1] = True
        segments += [Segment(token, hit) for token, hit in zip(tokens, hits, strict=True)]
    if not at_end:
        segments.append(Segment("…"))
    merged: list[Segment] = []
    for segment in segments:  # fewer, longer pieces for the template
        if merged and segment.hit == merged[-1].hit:
            merged[-1] = Segment(merged[-1].text + segment.text, segment.hit)
        else:
            merged.append(segment)
    return tuple(merged)


# --- what the public may find ---------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryHit:
    publication: object  # Publication, with agency, item and catalogue loaded
    url: str
    snippet: tuple[Segment, ...]

    @property
    def agency(self):
        return self.publication.agency

    @property
    def item(self):
        return self.publication.item

    @property
    def year(self) -> int:
        return self.publication.item.catalogue.year


@dataclass(frozen=True)
class ActivityHit:
    activity: object  # Activity, with plan and agency loaded
    url: str
    title: tuple[Segment, ...]  # what is done (or the issue, when the plan names no activity)
    snippet: tuple[Segment, ...]  # the rest: the issue, the output

    @property
    def plan(self):
        return self.activity.plan

    @property
    def agency(self):
        return self.activity.plan.agency


@dataclass(frozen=True)
class Results:
    hits: tuple
    count: int  # all that match, of which ``hits`` are the first
    capped: bool = False  # True when ``count`` is a lower bound


_WINDOW_BEFORE, _WINDOW = 120, 420


def public_entries(
    query: Query, *, agency=None, now: datetime | None = None, limit: int = RESULT_LIMIT
) -> Results:
    """Entries the public sees (approved, due, not withdrawn: their live version) whose words match.

    Entries whose title matches come first, then the newest. One scan of the stored text finds and orders
    them; the page of results is then loaded with a window of text around the first match."""
    if not query.usable:
        return Results((), 0)
    field = "live_version__search_text"
    found = Publication.objects.public(now or timezone.now()).filter(
        live_version__isnull=False, agency__is_active=True
    )
    if agency is not None:
        found = found.filter(agency=agency)
    found = found.filter(_q(query, field)).annotate(head=Substr(field, 1, StrIndex(field, Value(TITLE_END))))
    found = found.annotate(
        title_hit=Case(When(_q(query, "head"), then=1), default=0, output_field=IntegerField())
    )
    ids = list(found.order_by("-title_hit", "-first_published_at", "-pk").values_list("pk", flat=True))
    page = ids[:limit]
    # Snippets come from the body (the title is shown anyway), around the first query word's first match.
    first = query.readings[0][0]
    body = Substr(field, StrIndex(field, Value(TITLE_END)) + 1)
    at_word, at_any = StrIndex(body, Value(first.pattern)), StrIndex(body, Value(first.word))

    def near(at):
        return Substr(body, Greatest(Value(1), at - _WINDOW_BEFORE), _WINDOW)

    rows = (
        Publication.objects.filter(pk__in=page)
        .select_related("agency", "item__catalogue", "live_version")
        .defer("live_version__search_text")
        .annotate(at_word=at_word, at_any=at_any, at_extras=StrIndex(body, Value(EXTRAS)))
        .annotate(near_word=near(at_word), near_any=near(at_any), opening=Substr(body, 1, _WINDOW))
    )
    by_id = {row.pk: row for row in rows}
    words = set(query.words)
    hits = []
    for pk in page:
        row = by_id[pk]
        extras_at = row.at_extras or float("inf")
        if 0 < row.at_word < extras_at:
            start, window = row.at_word, row.near_word
        elif 0 < row.at_any < extras_at:  # inside a longer word of the text
            start, window = row.at_any, row.near_any
        else:  # in the title only (or the item's code): the beginning of the body
            start, window = 1, row.opening
        snippet = snippet_of(window, words, at_start=start <= _WINDOW_BEFORE + 1, at_end=False)
        hits.append(EntryHit(row, _entry_url(row), snippet))
    return Results(tuple(hits), len(ids))


def _entry_url(publication) -> str:
    url = reverse(
        "disclosure_public:item",
        kwargs={
            "agency": publication.agency.slug,
            "year": publication.item.catalogue.year,
            "code": publication.item.code,
        },
    )
    return f"{url}#page-{publication.token}" if publication.kind == "page" else url


# --- plan activities ------------------------------------------------------------------------------------


def _digit_variants(text: str) -> set[str]:
    thai = text.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    return {text, thai}


def _word_spans(text: str, word: str) -> list[tuple[int, int]]:
    """Where ``word`` stands as a whole word (or as a part of a compound) in ``text`` (normalised, not cut).

    Only a little text around each occurrence is cut into words: cutting whole activity texts for every
    query would take seconds, and the neighbourhood decides where the words of an occurrence begin and end."""
    spans = []
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        lo, hi = max(0, start - 30), min(len(text), end + 30)
        position, bounds, inside = lo, {lo}, False
        for token in thai_words_of(text[lo:hi]):
            token_end = position + len(token)
            if position <= start and end <= token_end and word in extras_of(token.strip()):
                inside = True
            position = token_end
            bounds.add(position)
        if inside or (start in bounds and end in bounds):
            spans.append((start, end))
        start = text.find(word, start + 1)
    return spans


def _activity_spans(text: str, query: Query) -> list[tuple[int, int]] | None:
    """The spans of the query's words in ``text`` when it matches, else None."""
    for reading in query.readings:
        spans: list[tuple[int, int]] = []
        for clause in reading:
            found = _word_spans(text, clause.word)
            if not found:
                break
            spans += found
        else:
            return spans
    return None


def _marked(display: str, spans: list[tuple[int, int]], offset: int = 0) -> tuple[Segment, ...]:
    """``display`` in pieces, the spans (positions in a text that ``display`` starts at ``offset`` of) marked."""
    out, at = [], 0
    for start, end in sorted({(s - offset, e - offset) for s, e in spans}):
        start, end = max(start, 0), min(end, len(display))
        if start < at or start >= end:
            continue
        if start > at:
            out.append(Segment(display[at:start]))
        out.append(Segment(display[start:end], True))
        at = end
    if at < len(display):
        out.append(Segment(display[at:]))
    return tuple(out)


_BULLET = re.compile(r"^[\s\-–•·▪*]+")


def _field(text: str) -> str:
    return _BULLET.sub("", clean(text).strip())


def plan_activities(query: Query, *, agency=None, limit: int = RESULT_LIMIT) -> Results:
    """Activities of published plans whose issue, activity or output text matches the query.

    The plans app stores no segmented text, so the database finds the activities that contain the query's
    words anywhere, newest plans first, and at most ``ACTIVITY_CANDIDATES`` of them are checked for whole
    words here."""
    if not query.usable:
        return Results((), 0)
    readings = []
    for reading in query.readings:
        clauses = []
        for clause in reading:
            variants = _digit_variants(clause.word)
            clauses.append(
                reduce(
                    or_,
                    [Q(focus__icontains=v) | Q(name__icontains=v) | Q(output__icontains=v) for v in variants],
                )
            )
        readings.append(reduce(and_, clauses))
    found = Activity.objects.current().filter(plan__is_published=True, plan__agency__is_active=True)
    if agency is not None:
        found = found.filter(plan__agency=agency)
    candidates = list(
        found.filter(reduce(or_, readings))
        .select_related("plan__agency")
        .order_by("-plan__fiscal_year", "plan__agency__name", "plan_id", "order", "pk")[
            : ACTIVITY_CANDIDATES + 1
        ]
    )
    capped = len(candidates) > ACTIVITY_CANDIDATES
    hits = []
    for activity in candidates[:ACTIVITY_CANDIDATES]:
        title = _field(activity.name or activity.focus)
        rest = " · ".join(
            _field(t) for t in ((activity.focus,) if activity.name else ()) + (activity.output,)
        )
        rest = rest.strip(" ·")
        display = f"{title} · {rest}"
        spans = _activity_spans(display.translate(_THAI_DIGITS).lower(), query)
        if spans is None:
            continue
        url = reverse(
            "plans_public:plan", kwargs={"agency": activity.plan.agency.slug, "year": activity.plan.ref}
        )
        hits.append(ActivityHit(activity, url, _marked(title, spans), _marked(rest, spans, len(title) + 3)))
    return Results(tuple(hits[:limit]), len(hits), capped)
