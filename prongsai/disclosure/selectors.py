"""Reads of the disclosure app."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache, partial
from urllib.parse import quote

from django.db.models import Prefetch
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.agencies.models import Agency
from prongsai.agencies.public_stamp import cached_many
from prongsai.thai.style import agency_digits
from prongsai.thai.templatetags.thai import be_date

from .models import Adoption, Assignment, Catalogue, CatalogueItem, Publication
from .providers import GeneratedEntry, generated_entries

# --- the public addresses ---------------------------------------------------------------------------
# The OIT addresses nest and never change (public_urls.py: agencies paste them into the NACC's ITAS): an item's
# is its code under its year's index, a file's is its token under its item's. So one reverse per agency,
# year and script prefix is kept, and the rest is appended: a reverse costs some 15 µs, and the index and
# its API write a hundred addresses each (tests/test_publishing.py checks them against reverse()).


@lru_cache(maxsize=4096)
def _index_address(agency_slug: str, year: int, _prefix: str) -> str:
    return reverse("disclosure_public:index", kwargs={"agency": agency_slug, "year": year})


def index_address(agency_slug: str, year: int) -> str:
    return _index_address(agency_slug, year, get_script_prefix())


def item_address(agency_slug: str, year: int, code: str) -> str:
    return f"{index_address(agency_slug, year)}{quote(code, safe='')}/"


def file_address(agency_slug: str, year: int, code: str, token: str) -> str:
    return f"{item_address(agency_slug, year, code)}files/{quote(token, safe='')}/"


def adopted_catalogues(agency: Agency, year: int | None = None):
    catalogues = Catalogue.objects.filter(adoptions__agency=agency)
    return catalogues.filter(year=year) if year else catalogues


def public_years(agency: Agency) -> list[int]:
    """The years of the agency's adopted catalogues, newest first; kept under its public stamp, like the
    two lookups below (adopting a catalogue or copying one to a new year announces itself)."""
    build = lambda: sorted(set(adopted_catalogues(agency).values_list("year", flat=True)), reverse=True)  # noqa: E731
    return cached_many(agency, {"public-years": build})["public-years"]


def public_oit_links(agency: Agency) -> list[dict]:
    years = public_years(agency)
    if not years:
        return []
    return [
        {
            "url": reverse("disclosure_public:index", kwargs={"agency": agency.slug, "year": years[0]}),
            "label": _("การเปิดเผยข้อมูล (OIT) ปี %(year)s") % {"year": years[0]},
        }
    ]


def primary_catalogue(agency: Agency, year: int) -> Catalogue | None:
    """The catalogue the public pages of a year follow: the agency's first adopted one (by scheme)."""
    key = f"primary-catalogue:{year}"
    return cached_many(agency, {key: lambda: adopted_catalogues(agency, year).order_by("pk").first()})[key]


@dataclass
class ItemView:
    item: CatalogueItem
    assignment: Assignment | None
    publications: list[Publication] = field(default_factory=list)  # the public ones
    generated: list[GeneratedEntry] = field(default_factory=list)

    @property
    def has_content(self) -> bool:
        return bool(self.publications or self.generated)


def item_views(
    agency: Agency, catalogue: Catalogue, *, items=None, public_only: bool = True
) -> list[ItemView]:
    now = timezone.now()
    publications = Publication.objects.filter(agency=agency).select_related("live_version", "department")
    publications = (
        publications.public(now) if public_only else publications.exclude(state=Publication.State.WITHDRAWN)
    )
    items = (items if items is not None else catalogue.items.all()).select_related(
        "sub_indicator", "catalogue"
    )
    items = items.prefetch_related(
        Prefetch("publications", queryset=publications.order_by("created_at"), to_attr="agency_publications"),
        Prefetch(
            "assignments",
            queryset=Assignment.objects.filter(agency=agency).prefetch_related("departments"),
            to_attr="agency_assignments",
        ),
    )
    items = list(items)
    # What the modules give each item is kept until the agency's next public change: built afresh it costs
    # the index a query or two per item and provider (portal/http_cache.py keeps whole pages the same way).
    generated = cached_many(
        agency, {f"generated:{item.pk}": partial(generated_entries, agency, item) for item in items}
    )
    return [
        ItemView(
            item=item,
            assignment=item.agency_assignments[0] if item.agency_assignments else None,
            publications=item.agency_publications,
            generated=generated[f"generated:{item.pk}"],
        )
        for item in items
    ]


def public_item_views(agency: Agency, catalogue: Catalogue) -> list[ItemView]:
    """What the public side shows of a catalogue (the index, an item's page and its infographic, the API,
    open data): kept until the agency's next public change, or one page-cache period at most, so that a
    publication scheduled for a time shows within the period, as on the kept pages."""
    key = f"public-item-views:{catalogue.pk}"
    return cached_many(agency, {key: partial(item_views, agency, catalogue)})[key]


def public_item_view(agency: Agency, item: CatalogueItem) -> ItemView:
    """One item's part of ``public_item_views``, kept on its own: an item's page would otherwise read back
    (and unpickle) the whole catalogue's views to show one."""
    key = f"public-item-view:{item.pk}"
    items = CatalogueItem.objects.filter(pk=item.pk)
    return cached_many(agency, {key: lambda: item_views(agency, item.catalogue, items=items)[0]})[key]


# --- what the public pages show, as plain values ---------------------------------------------------------
# The index shows every item's entries: some 500 values a page. Django's template engine pays for each lookup
# on a model (a failed dict lookup first, then the attribute, a property's own work), each filter and each
# {% if %}; on plain dicts of finished strings it pays about half (issue 17 measured the index at 0.06 of the
# bare floor with the models in the template). So the entries are worked out here, once, in the reader's
# language and the agency's digits, and the templates only write them.


def public_entries(view: ItemView, item_url: str, words: dict | None = None) -> list[dict]:
    """The lines of an item's list: a publication's file, link or page, then what the modules give it.
    ``words`` are the labels in the reader's language (looked up once for a whole index)."""
    words = words or _entry_words()
    entries = []
    for p in view.publications:
        v = p.live_version
        entry = {
            "title": p.title,
            "href": f"{item_url}#page-{p.token}",
            "badge": "",
            "note": "",
            "external": False,
        }
        if p.kind == Publication.Kind.FILE:
            entry.update(
                href=f"{item_url}files/{quote(p.token, safe='')}/", badge=(v.file_format or "").upper()
            )
        elif p.kind == Publication.Kind.LINK:
            entry.update(href=v.url, badge=words["link"], external=True)
        if p.period_start:
            entry["note"] = f"({be_date(p.period_start)} – {be_date(p.period_end)})"
        entries.append(entry)
    entries.extend(
        {
            "title": g.title,
            "href": g.url,
            "badge": "",
            "note": f"· {words['source']} {g.source}",
            "external": False,
        }
        for g in view.generated
    )
    return entries


def _entry_words() -> dict:
    return {"link": _("ลิงก์"), "source": _("ข้อมูลจาก")}


def public_index_groups(agency: Agency, catalogue: Catalogue, year: int) -> list[dict]:
    """The OIT index: each sub-indicator with its items, each item with its address and its entries. Kept
    like the views they come from (``public_item_views``), per language (the cache's own key), digit style
    and script prefix (the texts and addresses in them): building them was a sixth of the page."""
    key = f"public-index-groups:{catalogue.pk}:{year}:{agency_digits()}:{get_script_prefix()}"
    return cached_many(agency, {key: partial(_index_groups, agency, catalogue, year)})[key]


def _index_groups(agency: Agency, catalogue: Catalogue, year: int) -> list[dict]:
    words = _entry_words()
    groups: dict[int, dict] = {}
    for view in public_item_views(agency, catalogue):
        item = view.item
        group = groups.get(item.sub_indicator_id)
        if group is None:
            sub = item.sub_indicator
            group = groups[item.sub_indicator_id] = {
                "code": sub.code,
                "title": sub.display_title,
                "items": [],
            }
        href = item_address(agency.slug, year, item.code)
        entries = public_entries(view, href, words)
        group["items"].append(
            {"href": href, "code": item.code.upper(), "title": item.display_title, "entries": entries}
        )
    return list(groups.values())


def item_for(agency: Agency, year: int, code: str) -> CatalogueItem | None:
    code = code.lower()
    if len(code) > CatalogueItem._meta.get_field("code").max_length:  # nothing to look up (nor to keep)
        return None
    build = lambda: (  # noqa: E731
        CatalogueItem.objects.filter(catalogue__adoptions__agency=agency, catalogue__year=year, code=code)
        .select_related("catalogue", "sub_indicator")
        .order_by("catalogue_id")
        .first()
    )
    key = f"item:{year}:{code}"
    return cached_many(agency, {key: build})[key]


def public_publication(agency: Agency, token: str) -> Publication | None:
    return (
        Publication.objects.filter(agency=agency, token=token)
        .public(timezone.now())
        .select_related("live_version", "item")
        .first()
    )


def publications_awaiting(agency: Agency):
    return Publication.objects.filter(agency=agency, state=Publication.State.SUBMITTED).select_related(
        "item", "created_by"
    )


def adoption_exists(agency: Agency, catalogue: Catalogue) -> bool:
    return Adoption.objects.filter(agency=agency, catalogue=catalogue).exists()
