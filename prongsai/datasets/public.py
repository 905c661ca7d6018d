"""What the datasets app gives the public read side (the provider interface, ``disclosure/providers.py``).

``datasets.attached``: entries of the item that datasets are attached to (their ``disclosure_item_code``).

A dataset attached to an item (its ``disclosure_item_code``) gives, when published, one page entry per run
of consecutive periods it holds, so that readiness sees exactly the months covered, and one entry per
download (PDF, XLSX, CSV, JSON) for the formats check.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.disclosure.providers import GeneratedEntry, PublicLink
from prongsai.thai.fiscal import fiscal_year_bounds

from .models import Dataset, DatasetRow
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
