"""Reads of the datasets app: what the public sees, the tables and the sums a chart draws."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Max, Min, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from prongsai.agencies.models import Agency
from prongsai.documents.tables import Column, GroupRow, Table
from prongsai.thai.dates import format_be_date

from .models import ColumnKind, Dataset, DatasetColumn, DatasetRow
from .values import TABLE_KINDS, display, period_key, period_label, typed


def published_datasets(agency: Agency) -> QuerySet[Dataset]:
    """The public list: one query, with each dataset's department, first and last period and row count."""
    return (
        Dataset.objects.for_agency(agency)
        .published()
        .select_related("department")
        .annotate(first_period=Min("rows__period"), last_period=Max("rows__period"), row_count=Count("rows"))
        .order_by("title")
    )


def public_dataset(agency: Agency, slug: str) -> Dataset:
    dataset = (
        Dataset.objects.for_agency(agency)
        .published()
        .select_related("department", "agency")
        .prefetch_related(Prefetch("columns", queryset=DatasetColumn.objects.order_by("order", "pk")))
        .filter(slug=slug)
        .first()
    )
    if dataset is None:
        raise Http404
    return dataset


def columns_of(dataset: Dataset) -> list[DatasetColumn]:
    return list(dataset.columns.all())


def periods_of(dataset: Dataset) -> list[datetime.date]:
    return list(
        DatasetRow.objects.filter(dataset=dataset)
        .values_list("period", flat=True)
        .distinct()
        .order_by("period")
    )


def rows_of(dataset: Dataset, period: datetime.date | None = None) -> list[DatasetRow]:
    rows = DatasetRow.objects.filter(dataset=dataset)
    if period is not None:
        rows = rows.filter(period=period)
    return list(rows.order_by("period", "order", "pk"))


def numeric_columns(columns: list[DatasetColumn]) -> list[DatasetColumn]:
    return [c for c in columns if c.is_numeric]


def chart_column(
    dataset: Dataset, columns: list[DatasetColumn], key: str | None = None
) -> DatasetColumn | None:
    numeric = numeric_columns(columns)
    for wanted in (key, dataset.chart_column):
        for column in numeric:
            if wanted and column.key == wanted:
                return column
    return numeric[0] if numeric else None


def sums_by_period(rows: list[DatasetRow], column: DatasetColumn) -> list[tuple[datetime.date, Decimal]]:
    """The column summed per period (totals are computed, never typed in)."""
    sums: dict[datetime.date, Decimal] = defaultdict(Decimal)
    for row in rows:
        value = typed(column.kind, row.values.get(column.key))
        sums[row.period] += Decimal(value) if value is not None else Decimal(0)
    return sorted(sums.items())


def _total(column: DatasetColumn, rows: list[DatasetRow]) -> str:
    total = sum((typed(column.kind, r.values.get(column.key)) or 0 for r in rows), Decimal(0))
    return display(column.kind, int(total) if column.kind == ColumnKind.INTEGER else format(total, "f"))


@dataclass(frozen=True)
class Cell:
    text: str
    numeric: bool


@dataclass(frozen=True)
class PeriodTable:
    period: datetime.date
    label: str
    rows: list[list[Cell]]
    totals: list[Cell] | None

    @property
    def period_key(self) -> str:
        return period_key(self.period)


def period_tables(
    dataset: Dataset, columns: list[DatasetColumn], rows: list[DatasetRow]
) -> list[PeriodTable]:
    """The rows grouped by period, newest first, each cell as the public reads it, with computed totals."""
    grouped: dict[datetime.date, list[DatasetRow]] = defaultdict(list)
    for row in rows:
        grouped[row.period].append(row)
    tables = []
    for period in sorted(grouped, reverse=True):
        these = grouped[period]
        cells = [[Cell(display(c.kind, r.values.get(c.key)), c.is_numeric) for c in columns] for r in these]
        totals = None
        if len(these) > 1 and any(c.is_numeric for c in columns):
            totals = [Cell(_total(c, these) if c.is_numeric else "", c.is_numeric) for c in columns]
        tables.append(PeriodTable(period, period_label(dataset.frequency, period), cells, totals))
    return tables


def download_table(dataset: Dataset, columns: list[DatasetColumn], rows: list[DatasetRow]) -> Table:
    """The whole dataset as one documents.Table: a period column first, then the dataset's columns, with
    typed values (numbers stay numbers in XLSX and JSON)."""
    table_columns = [Column("period", "ช่วงเวลา", 1), Column("period_start", "วันเริ่มต้น", 1, kind="date")]
    table_columns += [
        Column(c.key, c.heading, 2 if c.kind == ColumnKind.TEXT else 1, kind=TABLE_KINDS[c.kind])
        for c in columns
    ]
    body: list[dict | GroupRow] = []
    for row in rows:
        data = {"period": period_label(dataset.frequency, row.period), "period_start": row.period}
        data.update({c.key: typed(c.kind, row.values.get(c.key)) for c in columns})
        body.append(data)
    notes = [f"ที่มา: {dataset.department.name} {dataset.agency.name}"]
    if dataset.unit_note:
        notes.append(dataset.unit_note)
    notes.append(f"ข้อมูล ณ วันที่ {format_be_date(timezone.localdate(), 'long')}")
    return Table(
        title=dataset.title,
        subtitle=[dataset.agency.name],
        columns=table_columns,
        rows=body,
        notes=notes,
        landscape=len(columns) > 4,
        digits="arabic",
    )
