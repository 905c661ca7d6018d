"""One-page A4 infographics of OIT items, drawn from the agency's own data (PDF, and a PNG of that page).

The plan asks for "info graphic ๑ แผ่น" for several items (the organisation structure, the budget summary, the
No Gift Policy, the complaint channels, e-service). Drawn by hand they go stale the day a department is added or
a month's disbursement comes in; drawn from the records they are current at every request.

Which generator draws an item is data (``ITEM_KINDS``, then the item's ``generated_from``, then its
``infographic`` flag). Each generator gathers plain data (``Sheet.context``); the JSON of that data and of the
templates is the cache key, so a change of data gives a new picture at once and an unchanged one costs no
rendering. Everything on the sheet is in Thai with Thai digits, whatever the reader's interface language:
it is an official document.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.core.cache import cache
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader, PdfWriter

from prongsai.agencies.models import Agency
from prongsai.disclosure import providers, selectors
from prongsai.disclosure.models import CatalogueItem, Publication
from prongsai.documents.images import pdf_to_png
from prongsai.documents.pdf import html_to_pdf
from prongsai.thai.dates import format_be_date
from prongsai.thai.digits import to_thai_digits
from prongsai.thai.money import format_baht

FORMATS = ("pdf", "png")
PNG_DPI = 110  # an A4 page about 910 pixels wide: readable on a phone, sharp enough on a screen
CACHE_SECONDS = 7 * 24 * 3600  # the key changes with the data; this only bounds the space an old key takes

STRUCTURE = "structure"
BUDGET = "budget"
PLAN_PROGRESS = "plan_progress"
NO_GIFT = "no_gift"
COMPLAINT_CHANNELS = "complaint_channels"
ESERVICE = "eservice"
NOTICE = "notice"  # any other item the catalogue wants an infographic for: its requirements and entries

# Every template a sheet may use: their text is part of the cache key, so a new design is drawn at once.
TEMPLATES = tuple(
    f"portal/infographics/{name}.html"
    for name in ("base", "_department", "_icon", "structure", "budget", "plan_progress", "notice")
)


@dataclass(frozen=True)
class KindInfo:
    template: str
    eyebrow: str  # the small line above the title
    entries_heading: str = "เอกสารและข้อมูลที่เผยแพร่"
    hero: str = ""  # the one line a passer-by reads; said in the plan or the item's own title, never invented


KINDS: dict[str, KindInfo] = {
    STRUCTURE: KindInfo("portal/infographics/structure.html", "โครงสร้างหน่วยงาน"),
    BUDGET: KindInfo("portal/infographics/budget.html", "สรุปการใช้จ่ายงบประมาณ"),
    PLAN_PROGRESS: KindInfo("portal/infographics/plan_progress.html", "ความก้าวหน้าตามแผน"),
    NO_GIFT: KindInfo(
        "portal/infographics/notice.html",
        "No Gift Policy · Anti-Bribery Policy",
        hero="ไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่",
    ),
    COMPLAINT_CHANNELS: KindInfo(
        "portal/infographics/notice.html",
        "ช่องทางร้องเรียนการทุจริต",
        "ช่องทางแจ้งเรื่องร้องเรียน",
        hero="แจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
    ),
    ESERVICE: KindInfo(
        "portal/infographics/notice.html",
        "บริการออนไลน์",
        "เข้าใช้บริการได้ที่",
        hero="ประชาชนติดต่อราชการได้ทุกที่ทุกเวลา",
    ),
    NOTICE: KindInfo(
        "portal/infographics/notice.html",
        "การเปิดเผยข้อมูลสาธารณะ (OIT)",
        hero="บริการดี มีมาตรฐาน สุจริต โปร่งใส เป็นธรรม",  # the plan's own words (indicator 7)
    ),
}

# Requirements that ask for the infographic itself say nothing on it.
_ASKS_FOR_INFOGRAPHIC = re.compile(r"info\s*-?\s*graphic", re.IGNORECASE)
_URL = re.compile(r"https?://[^\s<>\"'()]+[^\s<>\"'().,;:]")

# What the sheet may hold before it no longer fits one page; the rest is on the item's public page.
_MAX_REQUIREMENTS = 6
_MAX_REQUIREMENT_CHARS = 220
_MAX_ENTRIES = 8
_MAX_PAGES = 2
_MAX_PAGE_CHARS = 600
_MAX_PAGE_LINES = 12
_MAX_TITLE_CHARS = 160
_MAX_STRUCTURE_ENTRIES = 4
_MIN_ROW_MM = 11
# Tried in turn until the sheet fits one A4 page.
DENSITIES = ("normal", "compact", "tight")

_HEAD_TITLES = {
    Agency.Kind.DISTRICT_OFFICE: "ผู้อำนวยการเขต",
    Agency.Kind.BUREAU: "ผู้อำนวยการสำนัก",
}


def kind_for(item: CatalogueItem) -> str | None:
    """The generator of ``item`` (named in the catalogue data), or None when it has no infographic."""
    return item.infographic if item.infographic in KINDS else None


@dataclass
class Sheet:
    kind: str
    template: str
    filename: str  # without extension
    # Plain data only (str, int, lists, dicts): its JSON is the cache key.
    context: dict = field(default_factory=dict)

    @cached_property
    def digest(self) -> str:
        sources = [get_template(name).template.source for name in TEMPLATES]
        payload = json.dumps([self.template, sources, self.context], sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(payload.encode()).hexdigest()


def sheet_for(agency: Agency, item: CatalogueItem, *, site: str, today: date | None = None) -> Sheet | None:
    """The infographic of ``item`` for ``agency``, or None if it has none or its data is not there yet.

    ``site`` is the scheme and host the public addresses printed on the sheet start with ("https://x.go.th").
    """
    kind = kind_for(item)
    if kind is None:
        return None
    today = today or timezone.localdate()
    item_url = site + reverse(
        "disclosure_public:item",
        kwargs={"agency": agency.slug, "year": item.catalogue.year, "code": item.code},
    )
    base = _base_context(agency, item, kind, item_url, today)
    with translation.override("th"):  # an official sheet: Thai whatever the reader's language
        context = _BUILDERS[kind](agency, item, base, site)
        if context is None and kind != NOTICE and _asks_for_infographic(item):
            # The catalogue wants an infographic but the data behind this one is missing: show what there is.
            kind, context = NOTICE, _notice(agency, item, {**base, **_kind_context(NOTICE)}, site)
    if context is None:
        return None
    filename = f"infographic-{agency.slug}-{item.catalogue.year}-{item.code}"
    return Sheet(kind=kind, template=KINDS[kind].template, filename=filename, context=context)


def _asks_for_infographic(item: CatalogueItem) -> bool:
    return any(_ASKS_FOR_INFOGRAPHIC.search(text) for text in item.requirements or ())


def available(agency: Agency, item: CatalogueItem) -> bool:
    """Whether ``item`` has an infographic now (for the public page to show it); no rendering."""
    return kind_for(item) is not None and sheet_for(agency, item, site="") is not None


# --- rendering -------------------------------------------------------------------------------------------


def render(sheet: Sheet, fmt: str) -> bytes:
    """The sheet as PDF or PNG bytes, from the cache when this very content was drawn before."""
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {FORMATS}, not {fmt!r}")
    key = f"disclosure.infographic.{sheet.digest}.{fmt}"
    content = cache.get(key)
    if content is None:
        content = _pdf(sheet) if fmt == "pdf" else pdf_to_png(render(sheet, "pdf"), page=1, dpi=PNG_DPI)
        cache.set(key, content, CACHE_SECONDS)
    return content


def _pdf(sheet: Sheet) -> bytes:
    """One A4 page: the sheet is drawn tighter until it fits; what still does not fit is cut (the sheet
    points to the item's public page, which has everything)."""
    pdf = b""
    for density in DENSITIES:
        overrides = sheet.context.get("by_density", {}).get(density, {})
        html = render_to_string(sheet.template, {**sheet.context, **overrides, "density": density})
        pdf = html_to_pdf(html)
        if len(PdfReader(io.BytesIO(pdf)).pages) == 1:
            return pdf
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    while len(writer.pages) > 1:
        writer.remove_page(len(writer.pages) - 1)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --- the data of each kind -------------------------------------------------------------------------------


def _thai(text: str) -> str:
    """``text`` with Thai digits, except inside web addresses (which must stay typeable)."""
    text = str(text)
    parts, at = [], 0
    for match in _URL.finditer(text):
        parts += [to_thai_digits(text[at : match.start()]), match[0]]
        at = match.end()
    parts.append(to_thai_digits(text[at:]))
    return "".join(parts)


def _clip(text: str, limit: int, *, keep_lines: bool = False) -> str:
    """``text`` with its runs of spaces made one (and its lines joined, unless ``keep_lines``), cut to
    ``limit`` characters with an ellipsis."""
    lines = (
        [" ".join(line.split()) for line in str(text).splitlines()]
        if keep_lines
        else [" ".join(str(text).split())]
    )
    text = "\n".join(line for line in lines if line)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _long_date(d: date) -> str:
    return format_be_date(d, "long", digits="thai")


def _percent(part: Decimal, whole: Decimal) -> Decimal:
    if not whole:
        return Decimal("0.00")
    return (Decimal(100) * part / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _kind_context(kind: str) -> dict:
    info = KINDS[kind]
    return {"kind": kind, "eyebrow": info.eyebrow, "entries_heading": info.entries_heading, "hero": info.hero}


def _base_context(agency: Agency, item: CatalogueItem, kind: str, item_url: str, today: date) -> dict:
    code = item.code.upper()
    return {
        **_kind_context(kind),
        "agency": agency.name,
        "parent": agency.parent_name,
        "fiscal_year": to_thai_digits(item.catalogue.year),
        "code": code,  # an identifier, as the ITA system writes it (O01), like the addresses
        "item_title": _thai(_clip(item.title, _MAX_TITLE_CHARS)),
        "item_url": item_url,
        "made_on": _long_date(today),
    }


def _structure(agency: Agency, item: CatalogueItem, base: dict, site: str) -> dict | None:
    # The people come from a provider (the content module's executives and heads), so the sheet follows a
    # change of head.
    people = providers.infographic_data(STRUCTURE, agency, item)
    if people is None:
        return None
    departments = [
        {"name": _thai(d["name"]), "head": _thai(d.get("head") or "")} for d in people["departments"]
    ]
    published = _published(agency, item, base["item_url"], site, limit=_MAX_STRUCTURE_ENTRIES)
    sizes = (departments, len(published["entries"]), len(item.title))
    return {
        **base,
        **published,
        **_chart(*sizes),
        "by_density": {"compact": _chart(*sizes, squeeze=20), "tight": _chart(*sizes, squeeze=45)},
        "head_title": _HEAD_TITLES.get(agency.kind, "หัวหน้าหน่วยงาน"),
        "head_name": _thai(people.get("director") or ""),
        "agency_en": agency.name_en,
        "departments": departments,
        "department_count": to_thai_digits(len(departments)),
    }


def _chart(departments: list[dict], entries: int, title_chars: int, squeeze: float = 0) -> dict:
    chart = _chart_layout(len(departments), entries, title_chars, squeeze)
    # Two columns on either side of a spine from the head of the agency (or a grid of three); a short last
    # row is filled with None.
    n = chart["columns"]
    rows = [
        departments[i : i + n] + [None] * (n - len(departments[i : i + n]))
        for i in range(0, len(departments), n)
    ]
    return {"chart": chart, "rows": rows}


def _chart_layout(departments: int, entries: int, title_chars: int, squeeze: float = 0) -> dict:
    """Millimetres of the organisation chart: few departments get big boxes, many get small ones, so that the
    chart fills what the page has left once the heading, the head's box and the documents are placed (an
    estimate; ``squeeze`` takes more off for the tighter densities). Past what branches can hold, the
    departments go in a grid of three columns."""
    title_lines = max(1, math.ceil(title_chars / 52))
    room = 172 - 11.5 * title_lines - (16 + 13 * entries if entries else 0) - squeeze
    rows = math.ceil(departments / 2)
    if not rows or rows * _MIN_ROW_MM > room:
        grid_rows = max(1, math.ceil(departments / 3))
        return {"grid": True, "columns": 3, "cell": f"{min(max(room / grid_rows - 2.5, 7), 16):.2f}"}
    row = min(max(room / rows, _MIN_ROW_MM), 36)
    gap = min(3.5, row * 0.18)
    return {
        "grid": False,
        "columns": 2,
        "row": f"{row:.2f}",
        "box": f"{row - gap:.2f}",
        "box_top": f"{gap / 2:.2f}",
        "stub_top": f"{row / 2 - 0.35:.2f}",
        "height": f"{row * rows:.2f}",
        "spine": f"{row * (rows - 1) + row / 2:.2f}",
        "name_size": "20" if row >= 24 else "17" if row >= 16 else "15",
    }


def _budget(agency: Agency, item: CatalogueItem, base: dict, site: str) -> dict | None:
    """The budget a provider holds for the year (the finance module's records). Allocated and disbursed
    are read from it; what remains, the rates and every total are computed here, never taken from a
    typed-in total row."""
    report = providers.infographic_data(BUDGET, agency, item)
    if not report or not report.get("rows"):
        return None
    amounts = [(row["category"], row["allocated"], row["disbursed"]) for row in report["rows"]]
    total_allocated = sum((a for _c, a, _d in amounts), Decimal("0.00"))
    total_disbursed = sum((d for _c, _a, d in amounts), Decimal("0.00"))
    total_remaining = total_allocated - total_disbursed
    rows = []
    for category, allocated, disbursed in amounts:
        rate = _percent(disbursed, allocated)
        rows.append(
            {
                "category": _thai(category),
                "allocated": format_baht(allocated, "thai"),
                "disbursed": format_baht(disbursed, "thai"),
                "remaining": format_baht(allocated - disbursed, "thai"),
                "rate": to_thai_digits(f"{rate:.2f}"),
                "share": to_thai_digits(f"{_percent(disbursed, total_allocated):.2f}"),
                "bar": f"{min(max(rate, Decimal(0)), Decimal(100)):.2f}",  # CSS: Arabic digits
            }
        )
    rate = _percent(total_disbursed, total_allocated)
    as_of = report.get("as_of")
    return {
        **base,
        "fiscal_year": to_thai_digits(report.get("fiscal_year") or item.catalogue.year),
        "budget_title": _thai(report.get("title") or ""),
        "rows": rows,
        "total": {
            "allocated": format_baht(total_allocated, "thai"),
            "disbursed": format_baht(total_disbursed, "thai"),
            "remaining": format_baht(total_remaining, "thai"),
            "rate": to_thai_digits(f"{rate:.2f}"),
        },
        "donut": _donut(rate),
        "data_as_of": _long_date(as_of) if as_of else "",
        # Where the printed document differs from the records the figures come from, said on the sheet.
        "differences": [_thai(text) for text in report.get("differences") or ()],
    }


_DONUT_RADIUS = 42


def _donut(percent) -> dict:
    """Stroke lengths of an SVG ring filled to ``percent`` (Arabic digits: they go into SVG attributes)."""
    circumference = 2 * math.pi * _DONUT_RADIUS
    filled = circumference * min(max(float(percent), 0.0), 100.0) / 100
    return {"r": _DONUT_RADIUS, "filled": f"{filled:.2f}", "rest": f"{circumference - filled:.2f}"}


def _plan_progress(agency: Agency, item: CatalogueItem, base: dict, site: str) -> dict | None:
    """The progress of the plan the item names (its provider), as the plans module computes it."""
    progress = providers.infographic_data(PLAN_PROGRESS, agency, item)
    if progress is None:
        return None
    indicators = [
        {
            "label": _thai(_clip(row["label"], 90)),
            "percent": row["percent"],  # CSS width
            "percent_label": to_thai_digits(row["percent"]),
            "done": to_thai_digits(row["done"]),
            "count": to_thai_digits(row["count"]),
        }
        for row in progress["indicators"]
    ]
    return {
        **base,
        "plan_title": _thai(_clip(progress["title"], _MAX_TITLE_CHARS)),
        "plan_url": site + progress["url"],
        "overall": to_thai_digits(progress["overall"]),
        "donut": _donut(progress["overall"]),
        "activity_count": to_thai_digits(progress["activity_count"]),
        "done": to_thai_digits(progress["done"]),
        "overdue": to_thai_digits(progress["overdue"]),
        "in_progress": to_thai_digits(progress["in_progress"]),
        "indicators": indicators,
        "data_as_of": _long_date(progress["as_of"]),
    }


_ENTRY_LABELS = {Publication.Kind.FILE: "ไฟล์", Publication.Kind.LINK: "ลิงก์", Publication.Kind.PAGE: "หน้าเว็บ"}


def _notice(agency: Agency, item: CatalogueItem, base: dict, site: str) -> dict:
    """The item's requirements and what the agency has published for it, with their public addresses."""
    requirements = [r for r in item.requirements if not _ASKS_FOR_INFOGRAPHIC.search(r)]
    highlights = []  # web addresses the requirements name (the BMA's e-service centre): shown large
    for text in requirements:
        for match in _URL.finditer(text):
            if match[0] not in highlights:
                highlights.append(match[0])
    return {
        **base,
        **_published(agency, item, base["item_url"], site),
        "requirements": [_thai(_clip(r, _MAX_REQUIREMENT_CHARS)) for r in requirements[:_MAX_REQUIREMENTS]],
        "highlights": highlights[:3],
    }


def _published(
    agency: Agency, item: CatalogueItem, item_url: str, site: str, limit: int = _MAX_ENTRIES
) -> dict:
    """What the public page of the item lists (approved entries and generated ones), with absolute addresses;
    the text of written pages too, since that is often the substance (a list of complaint channels)."""

    view = selectors.public_item_view(agency, item)
    kwargs = {"agency": agency.slug, "year": item.catalogue.year, "code": item.code}
    entries, pages = [], []
    for publication in view.publications:
        version = publication.live_version
        if version is None:
            continue
        label = _ENTRY_LABELS.get(publication.kind, "")
        if publication.kind == Publication.Kind.FILE:
            url = site + reverse("disclosure_public:file", kwargs={**kwargs, "token": publication.token})
            label = f"{label} {version.file_format.upper()}".strip()
        elif publication.kind == Publication.Kind.LINK:
            url = version.url
        else:
            url = f"{item_url}#page-{publication.token}"
            body = _thai(_clip(version.body, _MAX_PAGE_CHARS, keep_lines=True))
            pages.append(
                {"title": _thai(_clip(publication.title, 120)), "lines": body.split("\n")[:_MAX_PAGE_LINES]}
            )
        entries.append(_entry(label, publication.title, url))
    for generated in view.generated:
        entries.append(_entry("ข้อมูลจากระบบ", generated.title, site + generated.url))
    more = max(0, len(entries) - limit)
    return {
        "entries": entries[:limit],
        "more_entries": more,
        "more_entries_label": to_thai_digits(more),
        "pages": pages[:_MAX_PAGES],
    }


def _entry(label: str, title: str, url: str) -> dict:
    # Only web addresses become links in the PDF; anything else is printed as text.
    href = url if url.startswith(("https://", "http://")) else ""
    return {"label": label, "title": _thai(_clip(title, 120)), "url": url, "href": href}


_BUILDERS = {
    STRUCTURE: _structure,
    BUDGET: _budget,
    PLAN_PROGRESS: _plan_progress,
    NO_GIFT: _notice,
    COMPLAINT_CHANNELS: _notice,
    ESERVICE: _notice,
    NOTICE: _notice,
}
