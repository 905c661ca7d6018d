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

RESULT_LIMIT = 50
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


def _tsquery(query: Query) -> str:
    def lexeme(word: str) -> str:
        return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"

    return " | ".join("(" + " & ".join(lexeme(c.word) for c in reading) + ")" for reading in query.readings)


def _fts5_query(query: Query) -> str:
    def phrase(word: str) -> str:
        return '"' + word.replace('"', '""') + '"'

    return " OR ".join(
        "(" + " AND ".join(phrase(c.word) for c in reading) + ")" for reading in query.readings
    )


def _filters(agency, kind, year, now) -> tuple[str, list]:
    where = ["a.is_active = %s", "(d.published_at IS NULL OR d.published_at <= %s)"]
    params: list = [True, now]
    if agency is not None:
        where.append("d.agency_id = %s")
        params.append(agency.pk)
    if kind:
        where.append("d.kind = %s")
        params.append(kind)
    if year:
        where.append("d.year = %s")
        params.append(year)
    return " AND ".join(where), params


def _matches(query: Query, agency, kind, year, now, limit: int) -> tuple[list[int], int]:
    """The ids of the first ``limit`` matching documents in order, and how many match in all."""
    where, params = _filters(agency, kind, year, now)
    table, agencies = SearchDocument._meta.db_table, Agency._meta.db_table
    if connection.vendor == "postgresql":
        tsquery = _tsquery(query)
        base = (
            f"FROM {table} d JOIN {agencies} a ON a.id = d.agency_id "
            f"WHERE d.vector @@ %s::tsquery AND {where}"
        )
        count_sql, count_params = f"SELECT count(*) {base}", [tsquery, *params]
        page_sql = (
            f"SELECT d.id {base} ORDER BY (d.title_vector @@ %s::tsquery) DESC, "
            "d.published_at DESC NULLS LAST, d.id DESC LIMIT %s"
        )
        page_params = [tsquery, *params, tsquery, limit]
    else:
        match = _fts5_query(query)
        base = (
            f"FROM {table}_fts f JOIN {table} d ON d.id = f.rowid JOIN {agencies} a ON a.id = d.agency_id "
            f"WHERE {table}_fts MATCH %s AND {where}"
        )
        count_sql, count_params = f"SELECT count(*) {base}", [match, *params]
        page_sql = (
            f"SELECT d.id {base} ORDER BY bm25({table}_fts, 10.0, 1.0), "
            "d.published_at IS NULL, d.published_at DESC, d.id DESC LIMIT %s"
        )
        page_params = [match, *params, limit]
    with connection.cursor() as cursor:
        cursor.execute(count_sql, count_params)
        count = cursor.fetchone()[0]
        if not count:
            return [], 0
        cursor.execute(page_sql, page_params)
        ids = [row[0] for row in cursor.fetchall()]
    return ids, count


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
    count: int  # all that match, of which ``hits`` are the first


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
    ids, count = _matches(query, agency, kind, year, now or timezone.now(), limit)
    if not ids:
        return Results((), count)
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
    return Results(tuple(hits), count)


def years(agency: Agency | None = None) -> list[int]:
    """The fiscal years the index holds documents of, newest first (for the year filter)."""
    found = SearchDocument.objects.exclude(year=None)
    if agency is not None:
        found = found.filter(agency=agency)
    return sorted(set(found.values_list("year", flat=True).distinct()), reverse=True)
