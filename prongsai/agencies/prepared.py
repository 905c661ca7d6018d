"""A model query compiled to SQL once per process and database, then run again with other values.

Why by hand: Django compiles a QuerySet to SQL on every evaluation, and builds its WHERE clause before that.
For the tracking page, the module's most visited, that took more than half of each of its two reads (on
PostgreSQL over the loopback: 356 µs for the request row through the ORM, 167 µs for the same SQL sent
again and the row turned into the same model instance; issue 17). Neither Django nor a maintained library
keeps the compiled text of a query that differs only by its values (psycopg's prepared statements save the
server's planning, not Django's compiling).

So a ``PreparedQuery`` is written as an ordinary QuerySet, built once with marker values in place of the real
ones; the SQL Django made for it is kept, and each call sends that SQL with the real values in the markers'
places, through Django's own cursor (so query logging, the test suite's query counts and connection health
checks all see it), turns the rows with Django's own converters (JSON, encrypted and date fields) and makes
the instances with ``Model.from_db`` as Django's own iterator does. Only a plain query of one model's
columns is kept (no select_related, annotations, deferred fields or values()): anything else, or a marker
that the SQL does not carry exactly once, is refused when the query is first used, so a query the helper
cannot keep never silently gives different rows.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import connections, router
from django.db.models import Model, QuerySet
from django.db.models.query import ModelIterable


class PreparedQuery:
    def __init__(self, build: Callable[..., QuerySet], *markers: object):
        """``build(*values)`` returns the QuerySet; ``markers`` are values of the right types that occur
        nowhere else in the query (they stand for the values of each call while it is compiled). Each call's
        values are given as the fields' own Python values (a string, an int), as the database takes them."""
        self.build = build
        self.markers = markers
        self._compiled: dict[str, tuple] = {}  # by database alias: its SQL, where the values go, how to read
        self._model: type[Model] | None = None

    def __call__(self, *values: object) -> list[Model]:
        if len(values) != len(self.markers):
            raise TypeError(f"expected {len(self.markers)} values, got {len(values)}")
        if any(value is None for value in values):  # the ORM writes IS NULL there: other SQL
            raise TypeError("a prepared query's values cannot be None")
        model = self._model or self._first_model()
        alias = router.db_for_read(model)  # the read replica's, when the router sends reads there
        compiled = self._compiled.get(alias)
        if compiled is None:
            compiled = self._compiled[alias] = self._compile(alias)
        sql, params, slots, names, converters = compiled
        params = list(params)
        for slot, value in zip(slots, values, strict=True):
            kind = type(params[slot])  # the value as the backend wrapped the marker
            params[slot] = value if type(value) is kind else kind(value)
        connection = connections[alias]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if converters:  # as Django's SQLCompiler.apply_converters, with this thread's connection
            rows = [list(row) for row in rows]
            for row in rows:
                for position, functions, expression in converters:
                    value = row[position]
                    for function in functions:
                        value = function(value, expression, connection)
                    row[position] = value
        return [model.from_db(alias, names, tuple(row)) for row in rows]

    def _first_model(self) -> type[Model]:
        self._model = self.build(*self.markers).model
        return self._model

    def _compile(self, alias: str) -> tuple:
        queryset = self.build(*self.markers).using(alias)
        query = queryset.query
        if (
            queryset._iterable_class is not ModelIterable
            or query.select_related
            or query.annotations
            or query.extra
            or query.deferred_loading != (frozenset(), True)
            or query.combinator
        ):
            raise ValueError("a prepared query keeps only a plain query of one model's own columns")
        compiler = query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        slots = []
        for marker in self.markers:
            # The backend may wrap a value (psycopg's Int8 for a big integer): a subclass of the marker's type.
            found = [
                i for i, param in enumerate(params) if isinstance(param, type(marker)) and param == marker
            ]
            if len(found) != 1:
                raise ValueError(f"the marker {marker!r} is not one value of the compiled query")
            slots.append(found[0])
        columns = [column for column, _sql, _alias in compiler.select]
        names = [column.target.attname for column in columns]
        if names != [field.attname for field in query.get_meta().concrete_fields]:
            raise ValueError("a prepared query keeps only a plain query of one model's own columns")
        converters = [
            (i, functions, column) for i, (functions, column) in compiler.get_converters(columns).items()
        ]
        return sql, tuple(params), slots, names, converters
