"""Items whose data the platform already holds are generated, not uploaded: they stay current by themselves.

A catalogue item names its source in `generated_from` ("plans:integrity", "finance", ...). Each source that
exists gives entries here; a source whose module is not built yet gives none, and the item is then
published by hand like any other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from importlib import import_module

from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.thai.fiscal import fiscal_year_bounds


@dataclass(frozen=True)
class GeneratedEntry:
    title: str
    url: str
    formats: frozenset[str]
    period_start: date | None
    period_end: date | None
    published_at: datetime | None
    source: str  # where the data comes from, said on the public page


def _plan_entries(agency, item, year: int, kind: str) -> list[GeneratedEntry]:
    from prongsai.plans.models import Plan

    plan = Plan.objects.filter(agency=agency, fiscal_year=year, kind=kind, is_published=True).first()
    if plan is None:
        return []
    start, end = fiscal_year_bounds(year)
    kwargs = {"agency": agency.slug, "year": plan.ref}
    source = _("ระบบติดตามแผน (%(plan)s)") % {"plan": plan.get_kind_display()}
    entries = [
        GeneratedEntry(
            plan.title,
            reverse("plans_public:plan", kwargs=kwargs),
            frozenset({"page", "link"}),
            start,
            end,
            plan.created_at,
            source,
        ),
    ]
    for fmt in ("pdf", "docx", "xlsx"):
        entries.append(
            GeneratedEntry(
                f"{plan.title} ({fmt.upper()})",
                reverse("plans_public:export", kwargs={**kwargs, "fmt": fmt}),
                frozenset({fmt}),
                start,
                end,
                plan.created_at,
                source,
            )
        )
    return entries


# Other apps give their entries through a module `<app>.disclosure` with `entries(agency, item)`.
APP_SOURCES = {
    "agencies": "prongsai.content.disclosure",
    "content": "prongsai.content.disclosure",
    "datasets": "prongsai.datasets.disclosure",
}


def generated_entries(agency, item) -> list[GeneratedEntry]:
    source = item.generated_from or ""
    if source.startswith("plans:"):
        return _plan_entries(agency, item, item.catalogue.year, source.split(":", 1)[1])
    module_name = APP_SOURCES.get(source.split(":", 1)[0])
    if module_name:
        try:
            module = import_module(module_name)
        except ModuleNotFoundError:
            return []
        return module.entries(agency, item)
    return []
