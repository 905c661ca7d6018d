"""The provider interface: how a module of the platform feeds the OIT items, the open-data catalogue, search
and the public menu, without the OIT core (or the portal) importing it.

An app declares its provider module in its AppConfig::

    class EserviceConfig(AppConfig):
        name = "prongsai.eservice"
        provider = "prongsai.eservice.providers"

and that module defines any of:

``ITEMS``
    ``{"manuals": entries_fn, ...}``: a catalogue item whose data names ``"providers": ["eservice.manuals"]``
    gets its generated entries from ``entries_fn(agency, item) -> list[GeneratedEntry]``. Which item a topic
    answers is written in the catalogue file, so a new year or another scheme needs no code.
``search_documents(agency) -> Iterable[SearchDocument]``
    everything public of the module, for the search index (the portal refreshes an agency's documents of a
    source when ``announce_public_change`` says that source changed).
``dcat_datasets(agency, absolute) -> Iterable[DcatDataset]``
    the module's open data for the agency's DCAT catalogue; ``absolute(path)`` makes a full address.
``public_links(agency) -> list[PublicLink]``
    entries of the agency's public menu.
``item_assignments(agency, year) -> dict[str, ItemAssignment]``
    who answers for which item code of that year, as the module knows it (the integrity plan's rows of
    indicators 9-10 name the departments of each OIT item). The module calls ``assignments_refresh`` when
    that changes; the OIT core reads it when a catalogue is adopted.
``REFERENCES``
    ``{"activity": fn(agency) -> list[Reference]}``: records of the module that another module's record may
    point at by key (a news post reports a plan activity), resolved with ``reference(agency, key)``.
``LINKS``
    ``{"eit_survey": fn(agency) -> PublicLink | None}``: a public page of a kind another module may point its
    users at without importing the module that serves it (the e-service receipt links the agency's open
    service-user survey), read with ``linked_page(agency, kind)``.
``RESOLVE``
    ``{"activity": fn(agency, keys) -> dict[str, ReferenceDetail]}``: several stored keys of that kind at once,
    with the record's monthly status where the module keeps one (a corruption risk shows the monthly
    reports of the plan activities that treat it), read with ``resolve(agency, keys)``.
``INFOGRAPHICS``
    ``{"kind": data_fn}``: ``data_fn(agency, item) -> dict | None``, the figures an infographic of that kind
    ("structure", "budget", "plan_progress") draws for the item (see ``prongsai.portal.infographics``).

Every declared provider module is imported when Django starts (``DisclosureConfig.ready``): one that fails
to import stops the start-up with its error, never silently giving no entries. A catalogue that names a
topic its app does not define is refused when it is loaded; a topic of an app that this deployment does not
install gives no entries (the item is then published by hand, like any other).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from importlib import import_module
from types import ModuleType

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class GeneratedEntry:
    """One entry of an OIT item built from the platform's own data (it stays current by itself)."""

    title: str
    url: str
    formats: frozenset[str]
    period_start: date | None
    period_end: date | None
    published_at: datetime | None
    source: str  # where the data comes from, said on the public page


@dataclass(frozen=True)
class SearchDocument:
    """One public thing a citizen can find. ``key`` is stable within its source (``"news:12"``)."""

    key: str
    kind: str  # "oit", "news", "law", "dataset", "school", "executive", "activity", "service", "qa", ...
    title: str
    text: str
    url: str  # the exact place: an anchor for a part of a page
    year: int | None = None  # Buddhist-era fiscal year the document belongs to, when it has one
    # From when the public may see it (a scheduled post is given before and found from then); None: now.
    published_at: datetime | None = None
    also: str = ""  # words it is found by that are not shown (an item's code "o12", a column name)


@dataclass(frozen=True)
class Distribution:
    url: str
    title: str
    format: str  # "html", "pdf", "csv", "xlsx", "json", ...
    download: bool = True
    size: int | None = None


@dataclass(frozen=True)
class DcatDataset:
    """One dataset of the agency's open-data catalogue (DCAT with the Thai GDC fields, portal/opendata.py)."""

    identifier: str
    title: str
    description: str
    landing: str  # full address of the dataset's page
    keywords: list[str]
    distributions: list[Distribution]
    data_type: str  # thgdc:data_type ("ข้อมูลสถิติ", "ข้อมูลระเบียน", ...)
    frequency: str  # thgdc:update_frequency_unit ("เดือน", "ไตรมาส", "ปี", "ไม่ทราบ")
    issued: date | datetime | None
    modified: date | datetime | None
    temporal: tuple[date, date] | None


@dataclass(frozen=True)
class PublicLink:
    url: str
    label: str


@dataclass(frozen=True)
class ItemAssignment:
    departments: tuple  # Department objects of the agency
    all_departments: bool = False


@dataclass(frozen=True)
class Reference:
    """A record one module may point at from another's, by ``key`` ("plans.activity:12")."""

    key: str
    label: str
    url: str


@dataclass(frozen=True)
class MonthStatus:
    """One month's report of a referenced record, as its module judged it."""

    period: date  # the first day of the month
    status: str  # the report's status, as a label ("อยู่ระหว่างดำเนินการ")
    percent: int | None
    accepted: bool  # reviewed and accepted (a report still awaiting review is shown as such)


@dataclass(frozen=True)
class ReferenceDetail:
    key: str
    label: str
    url: str
    months: tuple[MonthStatus, ...] = ()  # oldest first


EntriesFn = Callable[..., list[GeneratedEntry]]


def _registry() -> dict[str, ModuleType]:
    found: dict[str, ModuleType] = {}
    for config in apps.get_app_configs():
        path = getattr(config, "provider", None)
        if path:
            # No try/except: a provider that cannot be imported is a broken deployment, said at start-up.
            found[config.label] = import_module(path)
    return found


_modules: dict[str, ModuleType] | None = None


def modules() -> dict[str, ModuleType]:
    """App label -> provider module, for every installed app that declares one."""
    global _modules
    if _modules is None:
        _modules = _registry()
    return _modules


def load() -> None:
    """Import every provider now (called from ``DisclosureConfig.ready``)."""
    global _modules
    _modules = _registry()


def topic_function(name: str) -> EntriesFn | None:
    """The entries function of ``"app.topic"``; None when the app is not installed here.

    An installed app without that topic is a mistake in the catalogue data, and raises.
    """
    label, _, topic = name.partition(".")
    if not apps.is_installed(f"prongsai.{label}") and label not in modules():
        return None
    module = modules().get(label)
    items = getattr(module, "ITEMS", {}) if module else {}
    if topic not in items:
        raise ImproperlyConfigured(f"the catalogue names provider {name!r}, which {label} does not define")
    return items[topic]


def check_names(names: Iterable[str]) -> list[str]:
    """The provider names of a catalogue that an installed app does not define (for the loader's refusal)."""
    bad = []
    for name in names:
        try:
            topic_function(name)
        except ImproperlyConfigured:
            bad.append(name)
    return bad


def generated_entries(agency, item) -> list[GeneratedEntry]:
    """The entries the platform's data gives an item, from every provider its catalogue names."""
    entries: list[GeneratedEntry] = []
    for name in item.providers or ():
        fn = topic_function(name)
        if fn is not None:
            entries.extend(fn(agency, item))
    return entries


def _each(hook: str):
    for label, module in modules().items():
        fn = getattr(module, hook, None)
        if fn is not None:
            yield label, fn


def search_documents(agency, source: str | None = None) -> Iterable[tuple[str, SearchDocument]]:
    """(source app label, document) for every public document of the agency, or of one source."""
    for label, fn in _each("search_documents"):
        if source is None or source == label:
            for document in fn(agency):
                yield label, document


def search_sources() -> list[str]:
    return [label for label, _fn in _each("search_documents")]


def dcat_datasets(agency, absolute: Callable[[str], str]) -> list[DcatDataset]:
    out: list[DcatDataset] = []
    for _label, fn in _each("dcat_datasets"):
        out.extend(fn(agency, absolute))
    return out


def public_links(agency) -> list[PublicLink]:
    out: list[PublicLink] = []
    for _label, fn in _each("public_links"):
        out.extend(fn(agency))
    return out


def infographic_data(kind: str, agency, item) -> dict | None:
    """The figures of an infographic of ``kind`` ("structure", "budget", "plan_progress") for ``item``:
    the first provider whose ``INFOGRAPHICS[kind]`` has data for it."""
    for _label, module in modules().items():
        fn = getattr(module, "INFOGRAPHICS", {}).get(kind)
        data = fn(agency, item) if fn else None
        if data is not None:
            return data
    return None


def item_assignments(agency, year: int) -> dict[str, ItemAssignment]:
    found: dict[str, ItemAssignment] = {}
    for _label, fn in _each("item_assignments"):
        found.update(fn(agency, year))
    return found


def assignments_refresh(*, actor, agency, year: int) -> int:
    """A module says who answers for the items of ``year`` changed; the OIT core updates its assignments.
    Returns how many changed."""
    from .services import assignments_from_providers

    return assignments_from_providers(actor=actor, agency=agency, year=year)


def references(agency, kind: str) -> list[Reference]:
    """The records of ``kind`` ("plans.activity") another module may point at; [] when not installed."""
    label, _, name = kind.partition(".")
    module = modules().get(label)
    fn = getattr(module, "REFERENCES", {}).get(name) if module else None
    return list(fn(agency)) if fn else []


def reference(agency, key: str) -> Reference | None:
    """The record a stored key points at, or None when it is gone (the pointing record keeps its key)."""
    kind = key.rsplit(":", 1)[0]
    return next((ref for ref in references(agency, kind) if ref.key == key), None)


def linked_page(agency, kind: str) -> PublicLink | None:
    """The public page of ``kind`` ("eit_survey") that an installed module offers for the agency, or None
    (the module is not installed, or has nothing open)."""
    for _label, module in modules().items():
        fn = getattr(module, "LINKS", {}).get(kind)
        link = fn(agency) if fn else None
        if link is not None:
            return link
    return None


@dataclass(frozen=True)
class ItemPass:
    code: str  # "o12", lower-case
    title: str
    sub_indicator: str  # "9.2", as the catalogue files it
    passed: bool  # every readiness check passed
    problems: tuple[str, ...] = ()


def readiness_summary(agency, year: int, scheme: str) -> list[ItemPass] | None:
    """Whether each item of the agency's catalogue ``scheme`` of ``year`` passes the readiness checks now, with
    the sub-indicator it belongs to (the self-assessment scores indicators 9 and 10 from it). None when the
    agency has not adopted that catalogue."""
    from django.utils import timezone

    from .readiness import agency_readiness

    result = agency_readiness(agency, year, now=timezone.now())
    for catalogue in result.catalogues:
        if catalogue.catalogue.scheme == scheme:
            return [
                ItemPass(
                    code=r.item.code,
                    title=r.item.title,
                    sub_indicator=r.item.sub_indicator.code,
                    passed=r.ready,
                    problems=tuple(r.problems),
                )
                for r in catalogue.items
            ]
    return None


def resolve(agency, keys: Iterable[str]) -> dict[str, ReferenceDetail]:
    """The records stored keys point at, with their monthly status: one call per kind, so a page of many
    keys costs the same few queries. A key that is gone (or of an app not installed) is absent."""
    by_kind: dict[str, list[str]] = {}
    for key in keys:
        by_kind.setdefault(key.rsplit(":", 1)[0], []).append(key)
    found: dict[str, ReferenceDetail] = {}
    for kind, kind_keys in by_kind.items():
        label, _, name = kind.partition(".")
        module = modules().get(label)
        fn = getattr(module, "RESOLVE", {}).get(name) if module else None
        if fn is not None:
            found.update(fn(agency, kind_keys))
    return found


# --- figures for a parent agency (the city dashboard) ------------------------------------------------------
#
# An app declares ``figures = "prongsai.plans.figures"`` in its AppConfig; that module defines
# ``agency_figures(agency_ids, year) -> AgencyFigures`` (aggregate queries, GROUP BY agency: the cost must not
# grow with the number of agencies) and may define ``agency_detail(agency, year) -> [DetailSection]`` (one
# agency's drill-down). Figures are counts only: never a complaint's contents or anyone's personal data.


@dataclass(frozen=True)
class FigureColumn:
    key: str
    label: str
    percent: bool = False  # a 0-100 share, written with "%"


@dataclass
class AgencyFigures:
    title: str
    columns: tuple[FigureColumn, ...]
    values: dict[int, dict[str, int | None]]  # agency id -> column key -> value (None: no data)


@dataclass(frozen=True)
class DetailSection:
    title: str
    lines: tuple[str, ...]  # e.g. the overdue activities' names
    empty: str = ""  # what to say when there are no lines


def _figure_modules() -> list[ModuleType]:
    return [import_module(c.figures) for c in apps.get_app_configs() if getattr(c, "figures", None)]


def agency_figures(agency_ids: Iterable[int], year: int) -> list[AgencyFigures]:
    """Every installed module's figures of fiscal year ``year`` for these agencies, in INSTALLED_APPS order."""
    ids = list(agency_ids)
    return [m.agency_figures(ids, year) for m in _figure_modules()]


def agency_detail(agency, year: int) -> list[DetailSection]:
    """One agency's drill-down sections from every module that offers one."""
    out: list[DetailSection] = []
    for module in _figure_modules():
        fn = getattr(module, "agency_detail", None)
        if fn is not None:
            out.extend(fn(agency, year))
    return out
