"""The published datasets as DCAT datasets, for the agency's catalogue (prongsai.disclosure.opendata).

``dcat_datasets(agency, absolute)`` returns disclosure's ``_Dataset`` records; disclosure's ``dcat_catalog``
turns each into a node with its ``_dataset_node``, as it does for its own. One query for the datasets and one
for their periods, however many there are.
"""

from __future__ import annotations

from django.db.models import Max, Min
from django.urls import reverse

from prongsai.agencies.models import Agency

from .models import Dataset, Frequency
from .values import period_end

DOWNLOADS = ("csv", "xlsx", "json", "pdf")
FREQUENCY_UNITS = {Frequency.MONTHLY: "เดือน", Frequency.QUARTERLY: "ไตรมาส", Frequency.YEARLY: "ปี"}


def dcat_datasets(agency: Agency, absolute) -> list:
    from prongsai.disclosure.opendata import _Dataset, _distribution

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
        distributions = [_distribution(landing, f"{dataset.title} (หน้าเว็บ)", "html", download=False)]
        for fmt in DOWNLOADS:
            url = absolute(reverse("datasets_public:download", kwargs={**kwargs, "fmt": fmt}))
            distributions.append(_distribution(url, f"{dataset.title} ({fmt.upper()})", fmt))
        temporal = None
        if dataset.first_period:
            temporal = (dataset.first_period, period_end(dataset.frequency, dataset.last_period))
        keywords = ["สถิติ", dataset.department.name]
        if dataset.disclosure_item_code:
            keywords.append(dataset.disclosure_item_code.upper())
        out.append(
            _Dataset(
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
