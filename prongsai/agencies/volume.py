"""Synthetic volume for benchmarks (`prongsai loadtest-data`): the city, its districts and their departments.

Every module adds its own rows through its AppConfig's ``load_volume`` (a dotted path to a function called as
``load(agencies, fiscal_years, counts, progress)``), the way ``load-demo`` calls ``load_demo``: the command
lives here and imports no module. Loadtest agencies are recognised by their slug prefix, so their rows are
never mixed with a real agency's.
"""

from __future__ import annotations

from django.db import transaction

from .demo import DEPARTMENTS
from .models import Agency, Department

PREFIX = "loadtest-"
PARENT_SLUG = f"{PREFIX}bangkok"
PARENT_NAME = "กรุงเทพมหานคร"

# Full scale, as issue 17 asks: 50 districts, 5 fiscal years, 1,000,000 e-service requests, 100,000
# complaints, 20,000 published documents, 200,000 property records (assets and their loans).
FULL = {
    "agencies": 50,
    "years": 5,
    "requests": 1_000_000,
    "complaints": 100_000,
    "documents": 20_000,
    "assets": 150_000,
    "loans": 50_000,
}
# What --scale does not shrink: the number of agencies and years shape the city, not its volume.
SHAPE = ("agencies", "years")


def counts_for(scale: float = 1.0, **overrides: int | None) -> dict[str, int]:
    counts = {k: (v if k in SHAPE else max(1, round(v * scale))) for k, v in FULL.items()}
    counts.update({k: v for k, v in overrides.items() if v is not None})
    return counts


def share(total: int, agencies: list, index: int) -> int:
    """Agency ``index``'s part of ``total`` rows (the first ones take the remainder)."""
    base, extra = divmod(total, len(agencies))
    return base + (1 if index < extra else 0)


def is_loadtest(agency: Agency) -> bool:
    return agency.slug.startswith(PREFIX)


def real_agencies():
    return Agency.objects.exclude(slug__startswith=PREFIX)


@transaction.atomic
def load(count: int) -> list[Agency]:
    """The parent (the city) and ``count`` district offices, each with the demo's ten departments."""
    parent = Agency.objects.create(
        slug=PARENT_SLUG, name=PARENT_NAME, name_en="Bangkok (load test)", kind=Agency.Kind.OTHER
    )
    agencies = Agency.objects.bulk_create(
        [
            Agency(
                slug=f"{PREFIX}{n:02d}",
                name=f"สำนักงานเขตทดสอบที่ {n}",
                name_en=f"Load-test district {n}",
                kind=Agency.Kind.DISTRICT_OFFICE,
                parent=parent,
                parent_name=PARENT_NAME,
            )
            for n in range(1, count + 1)
        ]
    )
    Department.objects.bulk_create(
        [
            Department(agency=agency, code=code, name=name, name_en=name_en, order=order)
            for agency in agencies
            for order, (code, name, name_en) in enumerate(DEPARTMENTS, start=1)
        ]
    )
    return agencies


def insert(model, objects: list, *, batch_size: int = 2000) -> list:
    """Insert many new rows of ``model``; afterwards each object has its primary key (as with bulk_create).

    On PostgreSQL through COPY, with the keys taken from the table's sequence first: measured on the
    e-service requests, bulk_create spent more time building and binding its INSERT than the database spent
    storing the rows (about 700 requests with their events a second, 1,000,000 in 25 minutes); COPY stores
    them several times faster. Elsewhere (SQLite in tests) it is bulk_create."""
    from django.db import connection

    if not objects:
        return objects
    if connection.vendor != "postgresql":
        return model.objects.bulk_create(objects, batch_size=batch_size)
    from django.db import connections
    from django.db.models import DateField, JSONField
    from psycopg.types.json import Jsonb

    real = connections["default"]  # not the proxy: it is asked once per value otherwise
    meta = model._meta
    pk = meta.pk
    fields = list(meta.concrete_fields)

    def reader(field):
        # What bulk_create would bind, without its per-value machinery: the attribute as psycopg adapts it,
        # the stamp of auto_now(_add) fields, JSON wrapped for jsonb.
        if isinstance(field, DateField) and (field.auto_now or field.auto_now_add):
            return lambda obj: field.pre_save(obj, True)
        if isinstance(field, JSONField):
            return lambda obj: None if (v := getattr(obj, field.attname)) is None else Jsonb(v)
        name = field.attname
        return lambda obj: getattr(obj, name)

    readers = [reader(f) for f in fields]
    with real.cursor() as cursor:
        new = [o for o in objects if o.pk is None]
        if new:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, pk.column, len(new)],
            )
            for obj, (value,) in zip(new, cursor.fetchall(), strict=True):
                setattr(obj, pk.attname, value)
        columns = ", ".join(real.ops.quote_name(f.column) for f in fields)
        table = real.ops.quote_name(meta.db_table)
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for obj in objects:
                copy.write_row([read(obj) for read in readers])
        for obj in objects:
            obj._state.adding = False
            obj._state.db = "default"
    return objects
