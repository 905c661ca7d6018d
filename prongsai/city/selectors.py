"""Reads of the city: every child's figures for a fiscal year, side by side, and one child's drill-down.

The modules give their figures through ``providers.agency_figures`` (aggregate queries over all the
children at once); the OIT readiness comes from the snapshots (models.py says why). The number of queries
is the same for 3 districts and for 50."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from prongsai.agencies.models import Agency
from prongsai.disclosure.models import Adoption, Catalogue
from prongsai.disclosure.providers import AgencyFigures, DetailSection, agency_detail, agency_figures
from prongsai.thai.fiscal import fiscal_year

from .models import ReadinessSnapshot


def children_of(parent: Agency):
    return parent.children.filter(is_active=True).order_by("name")


def default_year(parent: Agency) -> int:
    """The newest year any child answers a catalogue for, else the current fiscal year."""
    latest = (
        Adoption.objects.filter(agency__parent=parent)
        .order_by("-catalogue__year")
        .values_list("catalogue__year", flat=True)
        .first()
    )
    return latest or fiscal_year(timezone.localdate())


def years(parent: Agency) -> list[int]:
    found = set(Catalogue.objects.values_list("year", flat=True).distinct())
    found.add(fiscal_year(timezone.localdate()))
    return sorted(found, reverse=True)


def schemes(year: int) -> list[Catalogue]:
    return list(Catalogue.objects.filter(year=year).order_by("pk"))


def is_stale(snapshot: ReadinessSnapshot, agency: Agency, today) -> bool:
    """Older than the district's last public change, or computed on an earlier day (deadlines move)."""
    if agency.public_changed_at and agency.public_changed_at > snapshot.computed_at:
        return True
    return timezone.localtime(snapshot.computed_at).date() < today


@dataclass
class DistrictRow:
    agency: Agency
    readiness: ReadinessSnapshot | None
    stale: bool
    cells: list[int | None]  # the modules' columns, in Dashboard.columns order
    percents: list[bool] = field(default_factory=list)  # which of them are percentages

    @property
    def shown(self) -> list[tuple[int | None, bool]]:
        return list(zip(self.cells, self.percents, strict=True))


@dataclass
class ItemRow:
    code: str
    title: str
    ready: int = 0
    checked: int = 0  # districts with a snapshot holding this item
    not_ready: list[Agency] = field(default_factory=list)


@dataclass
class Dashboard:
    parent: Agency
    year: int
    scheme: str
    modules: list[AgencyFigures]
    rows: list[DistrictRow]
    items: list[ItemRow]
    counted_at: datetime | None = None

    @property
    def recount_minutes(self) -> int:
        return max(1, settings.PRONGSAI_PAGE_CACHE_SECONDS // 60)

    @property
    def columns(self):
        return [(m, c) for m in self.modules for c in m.columns]

    @property
    def totals(self) -> list[tuple[int | None, bool]]:
        """Each column's sum over the districts; a percentage's mean over those that have one."""
        out = []
        for i, (_module, column) in enumerate(self.columns):
            values = [r.cells[i] for r in self.rows if r.cells[i] is not None]
            if column.percent:
                out.append((round(sum(values) / len(values)) if values else None, True))
            else:
                out.append((sum(values), False))
        return out


def _kept_figures(ids: list[int], year: int) -> tuple[list[AgencyFigures], datetime]:
    """The modules' figures of every child and when they were counted. Counting them runs the modules'
    aggregates over every child's rows (a million requests in a city: about a second), so a count is kept
    for ``PRONGSAI_PAGE_CACHE_SECONDS`` and the page says when it was made."""
    digest = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:16]
    key = f"city-figures:{year}:{get_language()}:{digest}"
    kept = cache.get(key)
    if kept is None:
        kept = (agency_figures(ids, year), timezone.now())
        cache.set(key, kept, settings.PRONGSAI_PAGE_CACHE_SECONDS)
    return kept


def dashboard(parent: Agency, year: int, scheme: str) -> Dashboard:
    children = list(children_of(parent))
    ids = [c.pk for c in children]
    modules, counted_at = _kept_figures(ids, year)
    snapshots = {
        s.agency_id: s for s in ReadinessSnapshot.objects.filter(agency_id__in=ids, year=year, scheme=scheme)
    }
    today = timezone.localdate()
    rows = []
    items: dict[str, ItemRow] = {}
    for child in children:
        snap = snapshots.get(child.pk)
        cells = [m.values.get(child.pk, {}).get(c.key) for m in modules for c in m.columns]
        percents = [c.percent for m in modules for c in m.columns]
        rows.append(DistrictRow(child, snap, bool(snap and is_stale(snap, child, today)), cells, percents))
        for item in snap.items if snap else ():
            row = items.setdefault(item["code"], ItemRow(item["code"], item["title"]))
            row.checked += 1
            if item["passed"]:
                row.ready += 1
            else:
                row.not_ready.append(child)
    return Dashboard(parent, year, scheme, modules, rows, list(items.values()), counted_at)


@dataclass
class DistrictDetail:
    agency: Agency
    readiness: ReadinessSnapshot | None
    stale: bool
    not_ready: list[dict]
    sections: list[DetailSection]
    figures: list[tuple[AgencyFigures, list[tuple[str, int | None]]]]


def district_detail(child: Agency, year: int, scheme: str) -> DistrictDetail:
    snap = ReadinessSnapshot.objects.filter(agency=child, year=year, scheme=scheme).first()
    modules = agency_figures([child.pk], year)
    return DistrictDetail(
        agency=child,
        readiness=snap,
        stale=bool(snap and is_stale(snap, child, timezone.localdate())),
        not_ready=[i for i in (snap.items if snap else []) if not i["passed"]],
        sections=agency_detail(child, year),
        figures=[(m, [(c, m.values.get(child.pk, {}).get(c.key)) for c in m.columns]) for m in modules],
    )
