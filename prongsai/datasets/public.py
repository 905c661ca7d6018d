"""What the datasets app gives the public read side (the provider interface, ``disclosure/providers.py``).

``datasets.attached``: entries of the item that datasets are attached to (their ``disclosure_item_code``).

A dataset attached to an item (its ``disclosure_item_code``) gives, when published, one page entry per run
of consecutive periods it holds, so that readiness sees exactly the months covered, and one entry per
download (PDF, XLSX, CSV, JSON) for the formats check.
"""

from __future__ import annotations

import datetime

from django.db.models import Max, Min
from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.disclosure.providers import (
    DcatDataset,
    Distribution,
    GeneratedEntry,
    PublicLink,
    SearchDocument,
)
from prongsai.thai.fiscal import fiscal_year_bounds

from .models import Dataset, DatasetRow, Frequency
from .values import next_period, period_end, period_label

FORMATS = ("pdf", "xlsx", "csv", "json")


def covered_runs(dataset: Dataset, periods: list[datetime.date]) -> list[tuple[datetime.date, datetime.date]]:
    """Consecutive periods merged: [(first day, last day)] of each run."""
    runs: list[list[datetime.date]] = []
    for start in sorted(periods):
        if runs and next_period(dataset.frequency, runs[-1][-1]) == start:
            runs[-1].append(start)
        else:
            runs.append([start])
    return [(run[0], period_end(dataset.frequency, run[-1])) for run in runs]


def attached_entries(agency, item) -> list[GeneratedEntry]:
    datasets = list(
        Dataset.objects.for_agency(agency)
        .published()
        .filter(disclosure_item_code=item.code)
        .select_related("department")
        .order_by("title")
    )
    if not datasets:
        return []
    year_start, year_end = fiscal_year_bounds(item.catalogue.year)
    periods: dict[int, list[datetime.date]] = {}
    for dataset_id, period in (
        DatasetRow.objects.filter(dataset__in=datasets).values_list("dataset_id", "period").distinct()
    ):
        periods.setdefault(dataset_id, []).append(period)
    out = []
    for dataset in datasets:
        source = _("ชุดข้อมูลสถิติของ%(department)s") % {"department": dataset.department.name}
        kwargs = {"agency": agency.slug, "slug": dataset.slug}
        page = reverse("datasets_public:detail", kwargs=kwargs)
        # Periods of the item's fiscal year only: another year's months do not count for this one.
        runs = [
            (start, end)
            for start, end in covered_runs(dataset, periods.get(dataset.pk, []))
            if start <= year_end and end >= year_start
        ]
        for start, end in runs:
            first, last = (
                period_label(dataset.frequency, start),
                period_label(dataset.frequency, end.replace(day=1)),
            )
            span = first if first == last else f"{first} – {last}"
            out.append(
                GeneratedEntry(
                    f"{dataset.title} ({span})",
                    page,
                    frozenset({"page"}),
                    max(start, year_start),
                    min(end, year_end),
                    dataset.published_at,
                    source,
                )
            )
        if runs:
            for fmt in FORMATS:
                out.append(
                    GeneratedEntry(
                        f"{dataset.title} ({fmt.upper()})",
                        reverse("datasets_public:download", kwargs={**kwargs, "fmt": fmt}),
                        frozenset({fmt}),
                        None,
                        None,
                        dataset.published_at,
                        source,
                    )
                )
    return out


ITEMS = {"attached": attached_entries}


def public_links(agency) -> list[PublicLink]:
    if not Dataset.objects.for_agency(agency).published().exists():
        return []
    return [PublicLink(reverse("datasets_public:list", kwargs={"agency": agency.slug}), _("ข้อมูลสถิติ"))]


DOWNLOADS = ("csv", "xlsx", "json", "pdf")
FREQUENCY_UNITS = {Frequency.MONTHLY: "เดือน", Frequency.QUARTERLY: "ไตรมาส", Frequency.YEARLY: "ปี"}


def dcat_datasets(agency, absolute) -> list[DcatDataset]:
    """One query for the datasets and one for their periods, however many there are."""
    datasets = (
        Dataset.objects.for_agency(agency)
        .published()
        .select_related("department")
        .annotate(
            first_period=Min("rows__period"),
            last_period=Max("rows__period"),
            modified=Max("rows__created_at"),
        )
        .order_by("title")
    )
    out = []
    for dataset in datasets:
        kwargs = {"agency": agency.slug, "slug": dataset.slug}
        landing = absolute(reverse("datasets_public:detail", kwargs=kwargs))
        distributions = [Distribution(landing, f"{dataset.title} (หน้าเว็บ)", "html", download=False)]
        for fmt in DOWNLOADS:
            url = absolute(reverse("datasets_public:download", kwargs={**kwargs, "fmt": fmt}))
            distributions.append(Distribution(url, f"{dataset.title} ({fmt.upper()})", fmt))
        temporal = None
        if dataset.first_period:
            temporal = (dataset.first_period, period_end(dataset.frequency, dataset.last_period))
        keywords = ["สถิติ", dataset.department.name]
        if dataset.disclosure_item_code:
            keywords.append(dataset.disclosure_item_code.upper())
        out.append(
            DcatDataset(
                identifier=f"{agency.slug}-dataset-{dataset.slug}",
                title=dataset.title,
                description=dataset.description or f"{dataset.title} ({dataset.get_frequency_display()})",
                landing=landing,
                keywords=keywords,
                distributions=distributions,
                data_type="ข้อมูลสถิติ",
                frequency=FREQUENCY_UNITS.get(dataset.frequency, "ไม่ทราบ"),
                issued=dataset.published_at,
                modified=dataset.modified or dataset.updated_at,
                temporal=temporal,
            )
        )
    return out


def search_documents(agency):
    """Published datasets, found by their title, description, department and column names."""
    datasets = (
        Dataset.objects.for_agency(agency)
        .published()
        .select_related("department")
        .prefetch_related("columns")
        .order_by("pk")
    )
    for dataset in datasets:
        yield SearchDocument(
            key=f"dataset:{dataset.pk}",
            kind="dataset",
            title=dataset.title,
            text="\n".join(filter(None, [dataset.description, dataset.department.name, dataset.unit_note])),
            url=reverse("datasets_public:detail", kwargs={"agency": agency.slug, "slug": dataset.slug}),
            published_at=dataset.published_at,
            also=" ".join(column.label for column in dataset.columns.all()),
        )
