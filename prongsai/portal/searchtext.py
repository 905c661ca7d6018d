"""The Thai side of search: what people type and what documents hold, cut into the same words.

Thai has no spaces between words, so text is cut into words when it is indexed (pythainlp with our dictionary,
in which "ปทุมวัน" is one word) and the query is cut the same way. A query word matches a whole word of the
text, never a piece of one: "วัน" (day) does not find every document that names เขตปทุมวัน.

What people type differs from what documents hold, so both sides are normalised first (NFKC, ำ written as
one character as keyboards do and not as ํ + า as PDF text layers do, Thai digits as Arabic ones, lower case,
no invisible characters, no thousands separators). Compound words are also indexed by their parts, so that
"จัดซื้อ" finds "การจัดซื้อจัดจ้าง" and "กรุงเทพ" finds "กรุงเทพมหานคร"; place names are not split. Two
neighbouring words that together are a dictionary word are also indexed joined, so that a query word is
found where the segmenter cut the document's text differently around it; and a query typed with spaces
between Thai words ("ปทุม วัน") is also read without them.

The indexed text (``SearchDocument.terms``) is the body's words, a newline, then the other words the document
is found by (parts of compounds, neighbours joined, words given to be found but not shown). Words are
separated by one space, and by two where the document had white space, so that a snippet can be put back
together for the results page. The database's own full-text index is built over these words
(``prongsai/portal/search.py``): it never cuts Thai itself.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise

from pythainlp.corpus import thai_words

from prongsai.documents.wrapping import EXTRA_WORDS, thai_dictionary, thai_words_of
from prongsai.thai.text import clean, without_controls

MAX_TEXT = 500_000  # characters of a file kept for search; a longer file is cut, not refused
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 8  # nobody types more into a search box; each is one more term of the index query
MIN_QUERY_CHARS = 2  # "ก" alone finds nothing useful
RESULT_LIMIT = 50

EXTRAS = "\n"

# Unit names from the shared dictionary whose parts are words people type on their own ("กรุงเทพ", "สำนักงาน");
# every other entry there is a place name and stays whole.
_SPLIT_NAMES = frozenset({"กรุงเทพมหานคร", "สำนักงานเขต"})
KEEP_WHOLE = EXTRA_WORDS - _SPLIT_NAMES

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_THAI = re.compile("[\u0e00-\u0e7f]")
_BETWEEN_THAI = re.compile(r"(?<=[\u0e00-\u0e7f])\s+(?=[\u0e00-\u0e7f])")
_REPEAT_MARKS = re.compile("([ๆฯ])")  # ต่างๆ, กรุงเทพฯ: the mark is not part of the word
_EDGE = re.compile(r"^([^\w\u0e00-\u0e7f]*)(.*?)([^\w\u0e00-\u0e7f]*)$", re.DOTALL)
_LATIN_JOINERS = re.compile(r"[-./_:]")


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


def index_of(title: list[list[str]], body: list[list[str]], also: tuple[str, ...] = ()) -> tuple[str, str]:
    """The indexed form of a title and a body already cut into phrases (see the module's docstring): the
    title's words, and the body's words with the extra words; ``also`` are words to be found that are not
    shown in snippets."""
    words = {w for phrases in (title, body) for phrase in phrases for w in phrase}
    extras = {e for w in words if is_word(w) for e in extras_of(w)} | set(also)
    extras |= {j for phrases in (title, body) for phrase in phrases for j in _joins(phrase)}
    extras = sorted(extras - words)
    return f" {_joined(title)} ", f" {_joined(body)} {EXTRAS} {' '.join(extras)} "


def index_words(title: str, body: str, also: str = "") -> tuple[str, str]:
    also_words = tuple(w for phrase in phrases_of(also) for w in phrase if is_word(w))
    return index_of(phrases_of(title), phrases_of(body[:MAX_TEXT]), also_words)


def terms_of(indexed: str) -> list[str]:
    """The distinct searchable words of an indexed text, as the full-text index holds them."""
    return list(dict.fromkeys(w for w in indexed.split() if is_word(w)))


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
    text = without_controls(text).strip()[:MAX_QUERY_CHARS]
    if len("".join(normalise(text).split())) < MIN_QUERY_CHARS:
        return Query(text, too_short=bool(text))
    readings = [_clauses(text)]
    joined = _BETWEEN_THAI.sub("", normalise(text))
    if joined != normalise(text):
        readings.append(_clauses(joined))
    readings = [r for r in dict.fromkeys(readings) if r]
    return Query(text, tuple(readings), too_short=not readings)


def matches(title: str, terms: str, query: Query) -> bool:
    """Whether an indexed document (as ``index_of`` writes it) matches: the same rule as the database's."""
    return any(all(c.pattern in title or c.pattern in terms for c in reading) for reading in query.readings)


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
    window = body[0]
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
