"""Readiness for the assessment: does each OIT item hold what the assessors will look for?

Every check reads what the public sees at ``now`` (approved, due, not withdrawn) and the entries generated
from the platform's own data. Nothing is stored: the board and the ITAS sheet recompute on every read, so
they follow any change (a new entry, a withdrawal, a new assignment) without a signal or a cache to go stale.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.http import Http404
from django.test import RequestFactory
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.agencies.models import Agency, Department
from prongsai.thai.dates import be_year, format_be_date, thai_month_name
from prongsai.thai.fiscal import fiscal_year_bounds, month_end, months_between

from . import selectors
from .models import Catalogue, CatalogueItem, Period, Publication
from .providers import GeneratedEntry

logger = logging.getLogger(__name__)
BANGKOK = ZoneInfo("Asia/Bangkok")  # deadlines are days in Thailand, whatever the server's zone
ONE_DAY = datetime.timedelta(days=1)

# The checks in the order the board shows them, with their column headings.
CHECKS = {
    "published": gettext_lazy("มีข้อมูล"),
    "formats": gettext_lazy("รูปแบบ"),
    "period": gettext_lazy("ช่วงเวลา"),
    "deadline": gettext_lazy("ทันกำหนด"),
    "address": gettext_lazy("ที่อยู่เปิดได้"),
}
FORMAT_NAMES = {
    "pdf": "PDF",
    "docx": "Word (DOCX)",
    "xlsx": "Excel (XLSX)",
    "csv": "CSV",
    "image": gettext_lazy("รูปภาพ"),
    "link": gettext_lazy("ลิงก์"),
    "page": gettext_lazy("หน้าเว็บ"),
}


@dataclass(frozen=True)
class Check:
    code: str  # a key of CHECKS
    passed: bool
    message: str = ""  # what is missing, in Thai; empty when passed


@dataclass
class ItemReadiness:
    item: CatalogueItem
    assignment: object | None  # Assignment, with its departments prefetched
    checks: list[Check]
    publications: list[Publication]  # the public entries the checks counted
    generated: list[GeneratedEntry]
    waiting: list[Publication] = field(default_factory=list)  # submitted, or approved but not yet due

    @property
    def ready(self) -> bool:
        return all(c.passed for c in self.checks)

    @property
    def has_content(self) -> bool:
        return bool(self.publications or self.generated)

    @property
    def problems(self) -> list[str]:
        return [c.message for c in self.checks if not c.passed and c.message]

    def check(self, code: str) -> Check:
        return next(c for c in self.checks if c.code == code)

    @property
    def unassigned(self) -> bool:
        a = self.assignment
        return a is None or (not a.all_departments and not a.departments.all())


def _percent(ready: int, total: int) -> int:
    # Rounded down: 100 % only when every item is ready.
    return ready * 100 // total if total else 0


@dataclass
class CatalogueReadiness:
    catalogue: Catalogue
    items: list[ItemReadiness]

    @property
    def ready(self) -> int:
        return sum(r.ready for r in self.items)

    @property
    def percent(self) -> int:
        return _percent(self.ready, len(self.items))


@dataclass
class DepartmentReadiness:
    department: Department
    items: list[ItemReadiness]  # the items assigned to it, or to every department

    @property
    def owed(self) -> list[ItemReadiness]:
        return [r for r in self.items if not r.ready]

    @property
    def ready(self) -> int:
        return len(self.items) - len(self.owed)

    @property
    def percent(self) -> int:
        return _percent(self.ready, len(self.items))


@dataclass
class AgencyReadiness:
    agency: Agency
    year: int
    now: datetime.datetime  # the moment the checks describe
    catalogues: list[CatalogueReadiness]
    departments: list[DepartmentReadiness]

    @property
    def items(self) -> list[ItemReadiness]:
        return [r for c in self.catalogues for r in c.items]

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def ready(self) -> int:
        return sum(r.ready for r in self.items)

    @property
    def percent(self) -> int:
        return _percent(self.ready, self.total)

    @property
    def unassigned_owed(self) -> list[ItemReadiness]:
        """Items that are not ready and that no department answers for: the coordinator's to assign."""
        return [r for r in self.items if not r.ready and r.unassigned]


# --- the checks ------------------------------------------------------------------------------------------


def _is_public(publication: Publication, now: datetime.datetime) -> bool:
    # The rule of PublicationQuerySet.public(), applied at `now` to entries already loaded: an approved
    # version, due, not withdrawn (a newer version may be awaiting approval meanwhile).
    return (
        publication.live_version_id is not None
        and publication.publish_at is not None
        and publication.publish_at <= now
        and publication.state != Publication.State.WITHDRAWN
    )


def _entry_formats(publication: Publication) -> set[str]:
    if publication.kind == Publication.Kind.FILE:
        version = publication.live_version
        return {version.file_format} if version and version.file_format else set()
    return {publication.kind}  # "link" or "page"


def _span(
    start: datetime.date | None, end: datetime.date | None
) -> tuple[datetime.date, datetime.date] | None:
    """The days an entry covers. With one date only, the entry is taken to cover that date's month (a monthly
    report dated by its first or last day); without dates it covers no period and counts only for "current"."""
    if start is None and end is None:
        return None
    if end is None:
        end = month_end(start)
    if start is None:
        start = end.replace(day=1)
    return start, end


def _merged(
    spans: Iterable[tuple[datetime.date, datetime.date]],
) -> list[tuple[datetime.date, datetime.date]]:
    out: list[tuple[datetime.date, datetime.date]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1] + ONE_DAY:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _covered(merged, start: datetime.date, end: datetime.date) -> bool:
    return any(s <= start and e >= end for s, e in merged)


def _missing_months(merged, first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """Months between first and last (clipped to them) that the entries do not cover entirely."""
    return [
        m for m in months_between(first, last) if not _covered(merged, max(m, first), min(month_end(m), last))
    ]


def _month_label(month: datetime.date) -> str:
    return f"{thai_month_name(month.month, abbreviated=True)} {be_year(month)}"


def _month_ranges(months: list[datetime.date]) -> str:
    """ต.ค. 2565 – ธ.ค. 2565, ก.พ. 2566: consecutive months written as one range."""
    runs: list[list[datetime.date]] = []
    for month in months:
        if runs and month_end(runs[-1][-1]) + ONE_DAY == month:
            runs[-1].append(month)
        else:
            runs.append([month])
    return ", ".join(
        _month_label(r[0]) if len(r) == 1 else f"{_month_label(r[0])} – {_month_label(r[-1])}" for r in runs
    )


def _published_check(has_content: bool, waiting: list[Publication], now) -> Check:
    if has_content:
        return Check("published", True)
    message = _("ยังไม่มีข้อมูลเผยแพร่")
    submitted = sum(p.state == Publication.State.SUBMITTED for p in waiting)
    scheduled = [p.publish_at for p in waiting if p.state == Publication.State.APPROVED]
    if submitted:
        message += " " + _("(รออนุมัติ %(n)s รายการ)") % {"n": submitted}
    if scheduled:
        day = format_be_date(min(scheduled).astimezone(BANGKOK).date(), "medium")
        message += " " + _("(กำหนดเผยแพร่ %(day)s)") % {"day": day}
    return Check("published", False, message)


def _formats_check(item: CatalogueItem, formats: set[str], has_content: bool) -> Check:
    missing = [group for group in item.formats if not formats.intersection(group)]
    if not missing:
        return Check("formats", True)
    if not has_content and set.intersection(*(set(g) for g in item.formats)):
        # One entry of the right kind will do: "ยังไม่มีข้อมูลเผยแพร่" says it all.
        return Check("formats", False)
    # [["pdf"], ["xlsx", "docx"]] -> "PDF และรูปแบบ Excel (XLSX) หรือ Word (DOCX)"
    wanted = _(" และรูปแบบ ").join(
        _(" หรือ ").join(str(FORMAT_NAMES.get(f, f)) for f in group) for group in missing
    )
    return Check("formats", False, _("ยังไม่มีไฟล์หรือข้อมูลรูปแบบ %(formats)s") % {"formats": wanted})


def _required_range(
    item: CatalogueItem, now: datetime.datetime
) -> tuple[datetime.date, datetime.date] | None:
    year = item.catalogue.year
    fy_start, fy_end = fiscal_year_bounds(year)
    if item.period == Period.FIRST_SIX_MONTHS:
        return fy_start, datetime.date(fy_start.year + 1, 3, 31)
    if item.period == Period.FISCAL_YEAR:
        return fy_start, fy_end
    if item.period == Period.CALENDAR_YEAR:
        return datetime.date(year - 543, 1, 1), datetime.date(year - 543, 12, 31)
    if item.period == Period.MONTHLY:
        # Months that have ended: this month's data cannot be complete yet.
        last_ended = now.astimezone(BANGKOK).date().replace(day=1) - ONE_DAY
        return fy_start, min(last_ended, fy_end)
    return None


def _period_check(item: CatalogueItem, spans, has_content: bool, now) -> Check:
    if item.period == Period.CURRENT:
        return Check("period", has_content)  # with nothing published, the "published" check says so
    merged = _merged(spans)
    if item.period == Period.MULTI_YEAR:
        fy_start, fy_end = fiscal_year_bounds(item.catalogue.year)
        if any(s <= fy_start and e >= fy_end for s, e in spans):
            return Check("period", True)
        return Check(
            "period",
            False,
            _("ยังไม่มีแผนหรือข้อมูลที่ครอบคลุมปีงบประมาณ %(year)s ทั้งปี") % {"year": item.catalogue.year},
        )
    required = _required_range(item, now)
    if required is None or required[1] < required[0]:  # unknown period, or no month has ended yet
        return Check("period", True)
    missing = _missing_months(merged, *required)
    if not missing:
        return Check("period", True)
    return Check("period", False, _("ข้อมูลยังไม่ครอบคลุมเดือน %(months)s") % {"months": _month_ranges(missing)})


def _deadline_check(item: CatalogueItem, first_published: list[datetime.datetime], now) -> Check:
    if item.deadline is None:
        return Check("deadline", True)
    due = format_be_date(item.deadline, "medium")
    end_of_day = datetime.datetime.combine(item.deadline + ONE_DAY, datetime.time.min, tzinfo=BANGKOK)
    if first_published:
        earliest = min(first_published)
        if earliest < end_of_day:
            return Check("deadline", True)
        day = format_be_date(earliest.astimezone(BANGKOK).date(), "medium")
        return Check(
            "deadline", False, _("เผยแพร่ครั้งแรกเมื่อ %(day)s หลังกำหนด %(due)s") % {"day": day, "due": due}
        )
    if now < end_of_day:
        return Check("deadline", True)
    return Check("deadline", False, _("เลยกำหนด %(due)s แล้ว ยังไม่ได้เผยแพร่") % {"due": due})


def _public_request(path: str):
    """A GET for a public page made in-process: no network, no middleware, an anonymous visitor."""
    host = next((h.lstrip(".") for h in settings.ALLOWED_HOSTS if h != "*"), "localhost")
    request = RequestFactory().get(path, SERVER_NAME=host, HTTP_HOST=host)
    request.user = AnonymousUser()
    return request


def _resolves(path: str, url_name: str | None = None) -> bool:
    # An address may point at a part of a page ("/pathumwan/about/#structure") or carry a query: the page is
    # what must exist.
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return False
    return url_name is None or match.view_name == url_name


def _address_check(
    agency: Agency, item: CatalogueItem, publications, generated, has_content: bool, shown_item_id: int | None
) -> Check:
    """The item's public address answers with its page, and the addresses on that page lead somewhere.

    The item page is fetched only when there is something on it: an empty item fails anyway, and fetching
    costs a handful of queries. Links to other sites are not fetched (no network from here)."""
    year, code = item.catalogue.year, item.code
    path = reverse("disclosure_public:item", kwargs={"agency": agency.slug, "year": year, "code": code})
    if not _resolves(path, "disclosure_public:item"):
        return Check("address", False, _("ที่อยู่ %(path)s ไม่ได้ชี้มาที่รายการนี้") % {"path": path})
    problems = []
    if has_content:
        if shown_item_id is None:
            shown = selectors.item_for(agency, year, code)
            shown_item_id = shown.pk if shown else None
        if shown_item_id != item.pk:
            problems.append(_("ที่อยู่ %(path)s แสดงรายการของชุดเกณฑ์อื่นที่ใช้รหัสเดียวกัน") % {"path": path})
        status = _fetch_status(path)
        if status != 200:
            problems.append(_("หน้า %(path)s ตอบกลับด้วยรหัส %(status)s") % {"path": path, "status": status})
    for p in publications:
        if p.kind != Publication.Kind.FILE:
            continue
        file_path = reverse(
            "disclosure_public:file",
            kwargs={"agency": agency.slug, "year": year, "code": code, "token": p.token},
        )
        file = p.live_version.file
        if (
            not _resolves(file_path, "disclosure_public:file")
            or not file
            or not file.storage.exists(file.name)
        ):
            problems.append(_("ไฟล์ «%(title)s» เปิดไม่ได้") % {"title": p.title})
    problems += [_("ลิงก์ «%(title)s» เปิดไม่ได้") % {"title": g.title} for g in generated if not _resolves(g.url)]
    return Check("address", not problems, "; ".join(problems))


def _fetch_status(path: str) -> int:
    try:
        match = resolve(path)
        # A savepoint: a failing page must not spoil the transaction of the request that asked.
        with transaction.atomic():
            response = match.func(_public_request(path), *match.args, **match.kwargs)
        return response.status_code
    except Http404:
        return 404
    except (
        Exception
    ):  # a page that crashes is a page that does not answer: the board says so, the log says why
        logger.exception("public OIT page %s failed while checking readiness", path)
        return 500


# --- per item, per agency --------------------------------------------------------------------------------


def item_readiness(
    agency: Agency, view: selectors.ItemView, *, now: datetime.datetime, shown_item_id: int | None = None
) -> ItemReadiness:
    """Every check for one item. ``view`` may hold the public entries only (item_views' default) or all
    entries (public_only=False): what is not public at ``now`` is kept aside to say what is on its way.
    ``shown_item_id``: the item the public address of this code shows, when the caller knows it already."""
    item = view.item
    public = [p for p in view.publications if _is_public(p, now)]
    waiting = [
        p
        for p in view.publications
        if not _is_public(p, now) and p.state in (Publication.State.SUBMITTED, Publication.State.APPROVED)
    ]
    generated = list(view.generated)
    has_content = bool(public or generated)
    formats = set().union(*(_entry_formats(p) for p in public), *(g.formats for g in generated))
    spans = [
        s
        for s in [_span(p.period_start, p.period_end) for p in public]
        + [_span(g.period_start, g.period_end) for g in generated]
        if s
    ]
    first_published = [p.first_published_at or p.publish_at for p in public] + [
        g.published_at for g in generated if g.published_at
    ]
    checks = [
        _published_check(has_content, waiting, now),
        _formats_check(item, formats, has_content),
        _period_check(item, spans, has_content, now),
        _deadline_check(item, first_published, now),
        _address_check(agency, item, public, generated, has_content, shown_item_id),
    ]
    return ItemReadiness(
        item=item,
        assignment=view.assignment,
        checks=checks,
        publications=public,
        generated=generated,
        waiting=waiting,
    )


def agency_readiness(agency: Agency, year: int, *, now: datetime.datetime) -> AgencyReadiness:
    """Every item of every catalogue the agency adopted for ``year``, and what each department owes."""
    loaded = [
        (c, selectors.item_views(agency, c, public_only=False))
        for c in selectors.adopted_catalogues(agency, year).order_by("pk")
    ]
    # A code used by two catalogues of the year: its public address shows the first catalogue's item.
    shown: dict[str, int] = {}
    for _catalogue, views in loaded:
        for v in views:
            shown.setdefault(v.item.code, v.item.pk)
    catalogues = [
        CatalogueReadiness(
            c, [item_readiness(agency, v, now=now, shown_item_id=shown[v.item.code]) for v in views]
        )
        for c, views in loaded
    ]
    departments = []
    for department in agency.departments.filter(is_active=True):
        assigned = [
            r
            for c in catalogues
            for r in c.items
            if r.assignment is not None
            and (
                r.assignment.all_departments
                or any(d.pk == department.pk for d in r.assignment.departments.all())
            )
        ]
        departments.append(DepartmentReadiness(department, assigned))
    return AgencyReadiness(agency=agency, year=year, now=now, catalogues=catalogues, departments=departments)


# --- the ITAS sheet -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItasRow:
    code: str  # "O01", as the assessors write it
    title: str
    answer: str  # "มี" or "ไม่มี"
    urls: list[str]
    note: str


def itas_rows(agency: Agency, catalogue: CatalogueReadiness, absolute: Callable[[str], str]) -> list[ItasRow]:
    """One row per item as the NACC's ITAS asks for it. "มี" says the public has something at the address;
    whether it is complete is the note's business (the checks that fail), so the coordinator sees it before
    pasting. ``absolute`` turns a path into a full address (request.build_absolute_uri)."""
    rows = []
    year = catalogue.catalogue.year
    for r in catalogue.items:
        item = r.item
        kwargs = {"agency": agency.slug, "year": year, "code": item.code}
        urls = [absolute(reverse("disclosure_public:item", kwargs=kwargs))]
        for p in r.publications:
            if p.kind == Publication.Kind.FILE:
                urls.append(absolute(reverse("disclosure_public:file", kwargs={**kwargs, "token": p.token})))
            elif p.kind == Publication.Kind.LINK:
                urls.append(p.live_version.url)  # evidence held elsewhere, e.g. an e-service
        urls += [absolute(g.url) for g in r.generated]
        rows.append(
            ItasRow(
                code=item.code.upper(),
                title=item.title,
                answer="มี" if r.has_content else "ไม่มี",
                urls=list(dict.fromkeys(urls)),
                note="; ".join(r.problems) if r.problems else item.note,
            )
        )
    return rows
