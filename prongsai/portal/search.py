"""Search over everything public of every agency, on the database's own full-text index.

The providers (``prongsai.disclosure.providers``) give the documents: OIT entries with the text of their
files, news, laws, datasets, schools, executives, plan activities, services... ``index_refresh`` cuts them
into Thai words (``searchtext``) and keeps one ``SearchDocument`` row each. The index over those words is
the engine's own, made in the migrations:

- PostgreSQL: ``vector`` and ``title_vector``, tsvectors generated from the words (``array_to_tsvector``:
  the words are taken as they are, PostgreSQL's parser never cuts Thai), with a GIN index; a query is a
  ``tsquery`` of the same words.
- SQLite: an FTS5 table over ``title_terms`` and ``terms``, kept by triggers; ranked with bm25, the title
  counting ten times the body.

A query finds documents that hold every word of one of its readings (see ``searchtext.parse``); documents
whose title matches come first, then the newest. ``search`` takes three queries whatever the data: the
count, the page of ids in order, the page's rows with a window of text around the first match.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from django.db import connection, transaction
from django.db.models import Value
from django.db.models.functions import Greatest, StrIndex, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency
from prongsai.disclosure import providers

from . import searchtext
from .models import SearchDocument
from .searchtext import EXTRAS, Query, Segment, parse, snippet_of

RESULT_LIMIT = 20  # a page of results: each hit costs a snippet; narrower words or a filter find the rest
_WINDOW_BEFORE, _WINDOW = 120, 420

# What a hit is, said on the results page and offered as a filter.
KINDS = {
    "oit": _("เอกสารเปิดเผยข้อมูล (OIT)"),
    "news": _("ข่าวประชาสัมพันธ์"),
    "law": _("กฎหมาย"),
    "dataset": _("ข้อมูลสถิติ"),
    "school": _("โรงเรียน"),
    "executive": _("ผู้บริหาร"),
    "activity": _("กิจกรรมในแผน"),
    "service": _("งานบริการ"),
    "qa": _("ถาม-ตอบ"),
}


# --- keeping the index --------------------------------------------------------------------------------------


def _digest(document: providers.SearchDocument) -> str:
    payload = [
        document.kind,
        document.title,
        document.text,
        document.also,
        document.url,
        document.year,
        document.published_at.isoformat() if document.published_at else None,
    ]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()


@dataclass
class RefreshResult:
    added: int = 0
    changed: int = 0
    kept: int = 0
    removed: int = 0


def index_refresh(agency: Agency, source: str | None = None, *, progress=None) -> RefreshResult:
    """Make the index hold what the providers give now for ``agency`` (one source, or all): new and changed
    documents are cut into words, unchanged ones are left alone, and those no longer given are removed."""
    result = RefreshResult()
    sources = [source] if source else providers.search_sources()
    now = timezone.now()
    with transaction.atomic():
        existing = {
            (row.source, row.key): row
            for row in SearchDocument.objects.filter(agency=agency, source__in=sources).only(
                "pk", "source", "key", "digest"
            )
        }
        seen = set()
        for label, document in providers.search_documents(agency, source):
            if progress is not None:
                progress()
            key = (label, document.key)
            if key in seen:
                continue  # a provider that gives a key twice: the first counts
            seen.add(key)
            digest = _digest(document)
            row = existing.get(key)
            if row is not None and row.digest == digest:
                result.kept += 1
                continue
            title_terms, terms = searchtext.index_words(document.title, document.text, also=document.also)
            values = {
                "kind": document.kind,
                "title": document.title[:500],
                "text": document.text[: searchtext.MAX_TEXT],
                "url": document.url[:500],
                "year": document.year,
                "published_at": document.published_at,
                "title_terms": title_terms,
                "terms": terms,
                "digest": digest,
                "scope": scope_of(agency.pk, document.kind, document.year),
                "indexed_at": now,
            }
            if row is None:
                SearchDocument.objects.create(agency=agency, source=label, key=document.key, **values)
                result.added += 1
            else:
                SearchDocument.objects.filter(pk=row.pk).update(**values)
                result.changed += 1
        gone = [row.pk for key, row in existing.items() if key not in seen]
        if gone:
            SearchDocument.objects.filter(pk__in=gone).delete()
        result.removed = len(gone)
    return result


# --- the query ---------------------------------------------------------------------------------------------


def scope_of(agency_id: int, kind: str, year: int | None) -> str:
    return f"a{agency_id} k{kind} y{year or 0}"


def _tsquery(query: Query, scope: list[str]) -> str:
    def lexeme(word: str) -> str:
        return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"

    words = " | ".join("(" + " & ".join(lexeme(c.word) for c in reading) + ")" for reading in query.readings)
    return " & ".join([f"({words})", *(lexeme(token) for token in scope)])


def _fts5_query(query: Query, scope: list[str], columns: str) -> str:
    def phrase(word: str) -> str:
        return '"' + word.replace('"', '""') + '"'

    words = " OR ".join(
        "(" + " AND ".join(phrase(c.word) for c in reading) + ")" for reading in query.readings
    )
    return " AND ".join([f"{{{columns}}} : ({words})", *(f"scope : {phrase(token)}" for token in scope)])


def _scope_tokens(agency, kind, year) -> list[str]:
    tokens = []
    if agency is not None:
        tokens.append(f"a{agency.pk}")
    if kind:
        tokens.append(f"k{kind}")
    if year:
        tokens.append(f"y{year}")
    return tokens


COUNT_CAP = 1000  # past this, "more than 1,000": counting every match of a common word costs every match


def _matches(query: Query, agency, kind, year, now, limit: int) -> tuple[list[int], int, bool]:
    """The ids of the first ``limit`` matching documents (title matches first, then the others, each the
    most recently indexed first), how many match (up to COUNT_CAP) and whether there are more.

    Agency, kind and year are words of the index (``scope``), so the engine intersects them with the
    query's words; documents come in id order, which both engines read straight from their index and stop
    after ``limit``: a common word costs no more than a rare one."""
    scope = _scope_tokens(agency, kind, year)
    table, agencies = SearchDocument._meta.db_table, Agency._meta.db_table
    visible = "a.is_active = %s AND (d.published_at IS NULL OR d.published_at <= %s)"
    if connection.vendor == "postgresql":
        q = _tsquery(query, scope)
        base = f"FROM {table} d JOIN {agencies} a ON a.id = d.agency_id WHERE d.vector @@ %s::tsquery AND {visible}"
        title = f"{base} AND d.title_vector @@ %s::tsquery"
        body = f"{base} AND NOT d.title_vector @@ %s::tsquery"
        title_params = body_params = [q, True, now, q]
        count_params = [q, True, now]
        order = "ORDER BY d.id DESC LIMIT %s"
    else:
        fts = f"{table}_fts"
        both, in_title = (
            _fts5_query(query, scope, "title_terms terms"),
            _fts5_query(query, scope, "title_terms"),
        )
        base = (
            f"FROM {fts} f JOIN {table} d ON d.id = f.rowid JOIN {agencies} a ON a.id = d.agency_id "
            f"WHERE {fts} MATCH %s AND {visible}"
        )
        title, body = base, base
        title_params, body_params = [in_title, True, now], [both, True, now]
        count_params = [both, True, now]
        order = "ORDER BY f.rowid DESC LIMIT %s"
    # Only the models' own table names are written into the SQL; every value is a parameter.
    with connection.cursor() as cursor:
        count_sql = f"SELECT count(*) FROM (SELECT 1 {base} LIMIT %s) found"  # noqa: S608
        cursor.execute(count_sql, [*count_params, COUNT_CAP + 1])
        count = cursor.fetchone()[0]
        if not count:
            return [], 0, False
        cursor.execute(f"SELECT d.id {title} {order}", [*title_params, limit])
        ids = [row[0] for row in cursor.fetchall()]
        if len(ids) < limit:
            # The newest matches; those already listed as title matches (at most ``limit``) are skipped here
            # rather than excluded in SQL, which would make the engine collect every title match first.
            cursor.execute(f"SELECT d.id {body} {order}", [*body_params, limit + len(ids)])
            listed = set(ids)
            ids += [row[0] for row in cursor.fetchall() if row[0] not in listed][: limit - len(ids)]
    return ids, min(count, COUNT_CAP), count > COUNT_CAP


@dataclass(frozen=True)
class Hit:
    document: SearchDocument  # with its agency
    snippet: tuple[Segment, ...]

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.document.kind, self.document.kind)


@dataclass(frozen=True)
class Results:
    hits: tuple[Hit, ...]
    count: int  # all that match (at most COUNT_CAP), of which ``hits`` are the first
    more: bool = False  # more than COUNT_CAP match


def search(
    query: str | Query,
    *,
    agency: Agency | None = None,
    kind: str = "",
    year: int | None = None,
    now: datetime | None = None,
    limit: int | None = None,
) -> Results:
    """What the public may find for ``query`` (within one agency, one kind, one year when given)."""
    query = query if isinstance(query, Query) else parse(query)
    if not query.usable:
        return Results((), 0)
    limit = RESULT_LIMIT if limit is None else limit
    ids, count, more = _matches(query, agency, kind, year, now or timezone.now(), limit)
    if not ids:
        return Results((), count, more)
    # Snippets around the first query word's first match in the body (the title is shown anyway).
    first = query.readings[0][0]
    at_word, at_any = StrIndex("terms", Value(first.pattern)), StrIndex("terms", Value(first.word))

    def near(at):
        return Substr("terms", Greatest(Value(1), at - _WINDOW_BEFORE), _WINDOW)

    rows = (
        SearchDocument.objects.filter(pk__in=ids)
        .select_related("agency")
        .defer("text", "terms", "title_terms")
        .annotate(at_word=at_word, at_any=at_any, at_extras=StrIndex("terms", Value(EXTRAS)))
        .annotate(near_word=near(at_word), near_any=near(at_any), opening=Substr("terms", 1, _WINDOW))
    )
    by_id = {row.pk: row for row in rows}
    words = set(query.words)
    hits = []
    for pk in ids:
        row = by_id[pk]
        extras_at = row.at_extras or float("inf")
        if 0 < row.at_word < extras_at:
            start, window = row.at_word, row.near_word
        elif 0 < row.at_any < extras_at:  # inside a longer word of the text
            start, window = row.at_any, row.near_any
        else:  # in the title only (or a word given to be found): the beginning of the body
            start, window = 1, row.opening
        snippet = snippet_of(window, words, at_start=start <= _WINDOW_BEFORE + 1, at_end=False)
        hits.append(Hit(row, snippet))
    return Results(tuple(hits), count, more)


def years(agency: Agency | None = None) -> list[int]:
    """The fiscal years the index holds documents of, newest first (for the year filter). Read on every
    search page, so kept in the cache: per agency until its public data changes, across agencies for five
    minutes (a new year appears once a year)."""
    from django.core.cache import cache

    from .public_cache import cached

    def read():
        found = SearchDocument.objects.exclude(year=None)
        if agency is not None:
            found = found.filter(agency=agency)
        return sorted(set(found.values_list("year", flat=True).distinct()), reverse=True)

    if agency is not None:
        return cached(agency, "search-years", read)
    return cache.get_or_set("search-years:all", read, timeout=300)
