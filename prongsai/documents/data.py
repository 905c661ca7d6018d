"""Tables as data files: CSV that Excel opens in Thai, and JSON with the values, not their printed form."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from .tables import GroupRow, Table


def inert(value) -> str:
    """A cell starting with = + - @ is a formula to a spreadsheet; ours hold words, numbers and addresses."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([inert(cell) for cell in row])
    # With the byte-order mark Excel reads the file as UTF-8 and shows the Thai.
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _data_rows(table: Table):
    """Data rows only; a group heading row becomes the value of a "group" column of the rows under it."""
    group = ""
    for row in table.rows:
        if isinstance(row, GroupRow):
            group = row.label
            continue
        yield group, row


def table_csv(table: Table) -> bytes:
    grouped = any(isinstance(r, GroupRow) for r in table.rows)
    header = (["group"] if grouped else []) + [c.label for c in table.columns]
    rows = (
        ([g] if grouped else []) + [_plain(row.get(c.key)) for c in table.columns]
        for g, row in _data_rows(table)
    )
    return csv_bytes(header, rows)


def table_json(table: Table) -> bytes:
    grouped = any(isinstance(r, GroupRow) for r in table.rows)
    data = {
        "title": table.title,
        "columns": [{"key": c.key, "label": c.label, "kind": c.kind} for c in table.columns],
        "rows": [
            ({"group": g} if grouped else {}) | {c.key: _plain(row.get(c.key)) for c in table.columns}
            for g, row in _data_rows(table)
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
