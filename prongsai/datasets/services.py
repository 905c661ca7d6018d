"""Writes of the datasets app. Each is one transaction with its audit entries."""

from __future__ import annotations

import datetime
import secrets
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from prongsai.agencies.models import Agency, AuditEntry, Department
from prongsai.agencies.services import audit_record, record_change, record_create, snapshot
from prongsai.agencies.signals import announce_public_change
from prongsai.agencies.uploads import CSV, XLSX, validate_upload

from . import importing
from .models import Dataset, DatasetColumn, DatasetRow
from .values import RowProblem


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    label: str
    kind: str
    unit: str = ""
    required: bool = False


def _new_slug(base: str) -> str:
    start = slugify(base)[:40].strip("-") or "data"
    return f"{start}-{secrets.token_hex(3)}"


def _columns_set(*, dataset: Dataset, columns: list[ColumnSpec]) -> None:
    """Make the dataset's columns those given (in that order); a column's kind is fixed once it holds data."""
    if not columns:
        raise ValidationError("ชุดข้อมูลต้องมีอย่างน้อยหนึ่งคอลัมน์")
    keys = [c.key for c in columns]
    if len(set(keys)) != len(keys):
        raise ValidationError("รหัสคอลัมน์ซ้ำกัน")
    existing = {c.key: c for c in dataset.columns.all()}
    has_rows = dataset.rows.exists()
    for order, spec in enumerate(columns):
        column = existing.pop(spec.key, None)
        if column is None:
            column = DatasetColumn(dataset=dataset, key=spec.key)
        elif has_rows and column.kind != spec.kind:
            raise ValidationError(f"คอลัมน์ {spec.label} มีข้อมูลแล้ว เปลี่ยนชนิดไม่ได้")
        column.label, column.kind, column.unit = spec.label, spec.kind, spec.unit
        column.required, column.order = spec.required, order
        column.full_clean(validate_constraints=False)
        column.save()
    for column in existing.values():  # values already stored stay in the rows' JSON, unshown
        column.delete()


@transaction.atomic
def dataset_create(
    *,
    actor,
    agency: Agency,
    department: Department,
    title: str,
    columns: list[ColumnSpec],
    frequency: str = "monthly",
    description: str = "",
    unit_note: str = "",
    disclosure_item_code: str = "",
    chart_column: str = "",
    slug_base: str = "",
) -> Dataset:
    if department.agency_id != agency.pk:
        raise ValidationError("ฝ่ายนี้ไม่ได้อยู่ในหน่วยงานนี้")
    dataset = Dataset(
        agency=agency,
        department=department,
        slug=_new_slug(slug_base),
        title=title,
        description=description,
        frequency=frequency,
        unit_note=unit_note,
        disclosure_item_code=disclosure_item_code.strip().lower(),
        chart_column=chart_column,
    )
    record_create(actor=actor, agency=agency, instance=dataset)
    _columns_set(dataset=dataset, columns=columns)
    audit_record(
        actor=actor,
        agency=agency,
        action=AuditEntry.Action.CHANGE,
        instance=dataset,
        model="datasets.datasetcolumn",
        after={"columns": [c.__dict__ for c in columns]},
    )
    return dataset


@transaction.atomic
def dataset_update(
    *,
    actor,
    dataset: Dataset,
    department: Department,
    title: str,
    columns: list[ColumnSpec],
    frequency: str,
    description: str = "",
    unit_note: str = "",
    disclosure_item_code: str = "",
    chart_column: str = "",
) -> Dataset:
    if department.agency_id != dataset.agency_id:
        raise ValidationError("ฝ่ายนี้ไม่ได้อยู่ในหน่วยงานนี้")
    if frequency != dataset.frequency and dataset.rows.exists():
        raise ValidationError("ชุดข้อมูลมีข้อมูลแล้ว เปลี่ยนรอบของข้อมูลไม่ได้")
    before = snapshot(dataset)
    before_columns = list(dataset.columns.values("key", "label", "kind", "unit", "required"))
    dataset.department, dataset.title, dataset.frequency = department, title, frequency
    dataset.description, dataset.unit_note, dataset.chart_column = description, unit_note, chart_column
    dataset.disclosure_item_code = disclosure_item_code.strip().lower()
    dataset.full_clean()
    record_change(actor=actor, agency=dataset.agency, instance=dataset, before=before)
    announce_public_change(agency=dataset.agency, source="datasets")
    _columns_set(dataset=dataset, columns=columns)
    after_columns = list(dataset.columns.values("key", "label", "kind", "unit", "required"))
    if after_columns != before_columns:
        audit_record(
            actor=actor,
            agency=dataset.agency,
            action=AuditEntry.Action.CHANGE,
            instance=dataset,
            model="datasets.datasetcolumn",
            before={"columns": before_columns},
            after={"columns": after_columns},
        )
    return dataset


@transaction.atomic
def dataset_publish(*, actor, dataset: Dataset, publish: bool) -> Dataset:
    before = snapshot(dataset)
    dataset.is_published = publish
    if publish and dataset.published_at is None:
        dataset.published_at = timezone.now()
    record_change(actor=actor, agency=dataset.agency, instance=dataset, before=before)
    announce_public_change(agency=dataset.agency, source="datasets")
    return dataset


def _rows_replace(*, actor, dataset: Dataset, period: datetime.date, rows: list[dict]) -> int:
    """Replace the rows of one period (the natural way to correct a month); the old rows are in the audit."""
    old = list(DatasetRow.objects.filter(dataset=dataset, period=period).values_list("values", flat=True))
    DatasetRow.objects.filter(dataset=dataset, period=period).delete()
    DatasetRow.objects.bulk_create(
        DatasetRow(dataset=dataset, period=period, values=values, order=i, created_by=actor)
        for i, values in enumerate(rows)
    )
    audit_record(
        actor=actor,
        agency=dataset.agency,
        action=AuditEntry.Action.CHANGE if old else AuditEntry.Action.CREATE,
        instance=dataset,
        model="datasets.datasetrow",
        object_id=f"{dataset.pk}:{period.isoformat()}",
        before={"period": period, "rows": old} if old else None,
        after={"period": period, "rows": rows},
    )
    return len(old)


@transaction.atomic
def rows_replace(*, actor, dataset: Dataset, period: datetime.date, rows: list[dict]) -> int:
    """The rows of one period, as entered in the back office (values already validated); returns how many
    rows were there before."""
    return _rows_replace(actor=actor, dataset=dataset, period=period, rows=rows)


@dataclass
class ImportResult:
    problems: list[RowProblem] = field(default_factory=list)
    periods: dict[datetime.date, int] = field(default_factory=dict)  # rows saved per period
    replaced: dict[datetime.date, int] = field(default_factory=dict)  # rows there were before, per period
    file_error: str = ""

    @property
    def saved(self) -> bool:
        return not self.problems and not self.file_error and bool(self.periods)

    @property
    def rows(self) -> int:
        return sum(self.periods.values())


def dataset_import(*, actor, dataset: Dataset, upload, period: datetime.date | None = None) -> ImportResult:
    """Import a whole file, or nothing: one bad row and no row of the file is saved, every problem reported.

    Each period in the file replaces the rows that period had."""
    result = ImportResult()
    try:
        kind = validate_upload(upload, (XLSX, CSV))
        parsed = importing.read_file(upload, kind, dataset, list(dataset.columns.all()), period)
    except ValidationError as exc:
        result.file_error = " ".join(exc.messages)
        return result
    except importing.UnreadableFile as exc:
        result.file_error = str(exc)
        return result
    if parsed.problems:
        result.problems = parsed.problems
        return result
    if not parsed.rows:
        result.file_error = "ไฟล์มีแต่หัวคอลัมน์ ไม่มีแถวข้อมูล"
        return result
    by_period: dict[datetime.date, list[dict]] = defaultdict(list)
    for row in parsed.rows:
        by_period[row.period].append(row.values)
    with transaction.atomic():
        for when in sorted(by_period):
            result.replaced[when] = _rows_replace(
                actor=actor, dataset=dataset, period=when, rows=by_period[when]
            )
            result.periods[when] = len(by_period[when])
        audit_record(
            actor=actor,
            agency=dataset.agency,
            action=AuditEntry.Action.OTHER,
            instance=dataset,
            model="datasets.import",
            after={"file": upload.name, "rows": result.rows, "periods": sorted(by_period)},
        )
    return result
