"""What the e-service gives the public read side (the provider interface, ``disclosure/providers.py``).

Topics (named by the catalogues, ``"providers": ["eservice.manuals"]``):
``manuals`` (o10) page and PDF of each published service's manual; ``online`` (o11) the online application
pages; ``statistics`` (o12) the monthly statistics of the item's fiscal year as page, PDF and XLSX, with the
months they cover; ``checklists`` (o13) each checklist as Word and PDF; ``tracking`` (o14) the tracking page;
``building_permits`` (o15) and ``signboards`` (o16) the registers of what was issued, page, PDF and XLSX.
An entry exists only when there is data behind it.
"""

from __future__ import annotations

import datetime

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.disclosure.providers import (
    DcatDataset,
    Distribution,
    GeneratedEntry,
    PublicLink,
    SearchDocument,
)
from prongsai.thai.fiscal import fiscal_year, fiscal_year_bounds

from .models import ReportGroup, Request, Service
from .timing import local_date
from .views import register_span

ONE_DAY = datetime.timedelta(days=1)


def _source() -> str:
    return _("ระบบงานบริการประชาชน (E-Service) ของหน่วยงาน")


def _services(agency):
    return (
        Service.objects.for_agency(agency)
        .published()
        .select_related("department")
        .order_by("department__order", "order", "name")
    )


def _file_url(agency, service, name, fmt) -> str:
    return reverse(
        "eservice_public:file", kwargs={"agency": agency.slug, "slug": service.slug, "name": name, "fmt": fmt}
    )


def _detail_url(agency, service, fragment="") -> str:
    return reverse("eservice_public:detail", kwargs={"agency": agency.slug, "slug": service.slug}) + fragment


def manuals(agency, item) -> list[GeneratedEntry]:
    out = []
    for service in _services(agency):
        title = _("คู่มือสำหรับประชาชน: %(service)s (%(department)s)") % {
            "service": service.name,
            "department": service.department.name,
        }
        out.append(
            GeneratedEntry(
                title,
                _detail_url(agency, service),
                frozenset({"page"}),
                None,
                None,
                service.updated_at,
                _source(),
            )
        )
        out.append(
            GeneratedEntry(
                f"{title} (PDF)",
                _file_url(agency, service, "manual", "pdf"),
                frozenset({"pdf"}),
                None,
                None,
                service.updated_at,
                _source(),
            )
        )
    return out


def online(agency, item) -> list[GeneratedEntry]:
    services = [s for s in _services(agency) if s.accepts_online]
    if not services:
        return []
    out = [
        GeneratedEntry(
            _("งานบริการประชาชนและการยื่นคำขอออนไลน์"),
            reverse("eservice_public:list", kwargs={"agency": agency.slug}),
            frozenset({"page", "link"}),
            None,
            None,
            max(s.updated_at for s in services),
            _source(),
        )
    ]
    for service in services:
        out.append(
            GeneratedEntry(
                _("ยื่นคำขอออนไลน์: %(service)s") % {"service": service.name},
                reverse("eservice_public:apply", kwargs={"agency": agency.slug, "slug": service.slug}),
                frozenset({"page", "link"}),
                None,
                None,
                service.updated_at,
                _source(),
            )
        )
    return out


def checklists(agency, item) -> list[GeneratedEntry]:
    out = []
    for service in _services(agency).filter(checklist__isnull=False).distinct():
        title = _("รายการตรวจ (checklist): %(service)s") % {"service": service.name}
        for fmt in ("docx", "pdf"):
            out.append(
                GeneratedEntry(
                    f"{title} ({'Word' if fmt == 'docx' else 'PDF'})",
                    _file_url(agency, service, "checklist", fmt),
                    frozenset({fmt}),
                    None,
                    None,
                    service.updated_at,
                    _source(),
                )
            )
    return out


def tracking(agency, item) -> list[GeneratedEntry]:
    if not _services(agency).exists():
        return []
    return [
        GeneratedEntry(
            _("ระบบติดตามสถานะคำขอ (Tracking System) ด้วยรหัสติดตามในใบรับคำขอ"),
            reverse("eservice_track:lookup"),
            frozenset({"page", "link"}),
            None,
            None,
            None,
            _source(),
        )
    ]


def _month_end(d: datetime.date) -> datetime.date:
    return (d.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - ONE_DAY


def _covered(
    agency, start: datetime.date, end: datetime.date, *, group: str = ""
) -> tuple[datetime.date, datetime.date] | None:
    """The days the system's records cover within [start, end]: from the month of the first request of the
    span (the system in use) to the end of the last month that has ended (a running month is incomplete)."""
    tz = timezone.get_current_timezone()
    requests = Request.objects.for_agency(agency).filter(
        received_at__gte=datetime.datetime.combine(start, datetime.time.min, tzinfo=tz),
        received_at__lt=datetime.datetime.combine(end + ONE_DAY, datetime.time.min, tzinfo=tz),
    )
    if group:
        requests = requests.filter(service__report_group=group)
    first = requests.order_by("received_at").values_list("received_at", flat=True).first()
    if first is None:
        return None
    today = timezone.localdate()
    last_ended = today.replace(day=1) - ONE_DAY
    covered_end = min(end, last_ended)
    covered_start = max(start, local_date(first).replace(day=1))
    if covered_end < covered_start:
        return None
    return covered_start, covered_end


def statistics(agency, item) -> list[GeneratedEntry]:
    year = item.catalogue.year
    start, end = fiscal_year_bounds(year)
    span = _covered(agency, start, end)
    if span is None:
        return []
    title = _("สถิติการให้บริการประชาชนรายเดือน ปีงบประมาณ %(year)s") % {"year": year}
    page = reverse("eservice_public:statistics", kwargs={"agency": agency.slug, "year": year})
    out = [GeneratedEntry(title, page, frozenset({"page"}), span[0], span[1], None, _source())]
    for fmt in ("pdf", "xlsx"):
        url = reverse(
            "eservice_public:statistics_download", kwargs={"agency": agency.slug, "year": year, "fmt": fmt}
        )
        out.append(
            GeneratedEntry(
                f"{title} ({fmt.upper()})", url, frozenset({fmt}), span[0], span[1], None, _source()
            )
        )
    return out


def _register_entries(agency, item, kind: str, group: str, title: str) -> list[GeneratedEntry]:
    year = item.catalogue.year
    start, end, label = register_span(kind, year)
    span = _covered(agency, start, end, group=group)  # None too when no service keeps this register
    if span is None:
        return []
    heading = f"{title} {label}"
    kwargs = {"agency": agency.slug, "kind": kind, "year": year}
    out = [
        GeneratedEntry(
            heading,
            reverse("eservice_public:register", kwargs=kwargs),
            frozenset({"page"}),
            span[0],
            span[1],
            None,
            _source(),
        )
    ]
    for fmt in ("pdf", "xlsx"):
        out.append(
            GeneratedEntry(
                f"{heading} ({fmt.upper()})",
                reverse("eservice_public:register_download", kwargs={**kwargs, "fmt": fmt}),
                frozenset({fmt}),
                span[0],
                span[1],
                None,
                _source(),
            )
        )
    return out


def building_permits(agency, item) -> list[GeneratedEntry]:
    return _register_entries(
        agency, item, "building-permits", ReportGroup.BUILDING_PERMIT, _("การออกใบอนุญาตก่อสร้างอาคาร")
    )


def signboards(agency, item) -> list[GeneratedEntry]:
    return _register_entries(
        agency, item, "signboards", ReportGroup.SIGNBOARD, _("การติดตั้งป้ายและการจัดเก็บภาษีป้าย")
    )


ITEMS = {
    "manuals": manuals,
    "online": online,
    "statistics": statistics,
    "checklists": checklists,
    "tracking": tracking,
    "building_permits": building_permits,
    "signboards": signboards,
}


def search_documents(agency):
    for service in _services(agency).prefetch_related("steps", "documents"):
        yield SearchDocument(
            key=f"service:{service.pk}",
            kind="service",
            title=service.name,
            text=" ".join(
                filter(
                    None,
                    [
                        service.name,
                        service.department.name,
                        service.summary,
                        service.legal_basis,
                        " ".join(s.title for s in service.steps.all()),
                        " ".join(d.name for d in service.documents.all()),
                    ],
                )
            ),
            url=_detail_url(agency, service),
            published_at=service.updated_at,
        )


def dcat_datasets(agency, absolute) -> list[DcatDataset]:
    year = fiscal_year(timezone.localdate())
    start, end = fiscal_year_bounds(year)
    span = _covered(agency, start, end)
    if span is None:
        return []
    landing = absolute(reverse("eservice_public:statistics", kwargs={"agency": agency.slug, "year": year}))
    distributions = [Distribution(landing, _("หน้าเว็บ"), "html", download=False)]
    for fmt in ("csv", "xlsx", "json", "pdf"):
        url = absolute(
            reverse(
                "eservice_public:statistics_download",
                kwargs={"agency": agency.slug, "year": year, "fmt": fmt},
            )
        )
        distributions.append(Distribution(url, fmt.upper(), fmt))
    latest = Request.objects.for_agency(agency).aggregate(latest=Max("received_at"))["latest"]
    return [
        DcatDataset(
            identifier=f"{agency.slug}-eservice-statistics-{year}",
            title=_("สถิติการให้บริการประชาชน ปีงบประมาณ %(year)s") % {"year": year},
            description=_(
                "จำนวนคำขอที่รับ แล้วเสร็จ ทันและเกินมาตรฐาน ระยะเวลาเฉลี่ยและเปอร์เซ็นไทล์ที่ ๙๐ และความพึงพอใจ "
                "รายเดือน แยกตามงานบริการและฝ่าย"
            ),
            landing=landing,
            keywords=["สถิติ", "งานบริการ", "E-Service", "O12"],
            distributions=distributions,
            data_type="ข้อมูลสถิติ",
            frequency="เดือน",
            issued=span[0],
            modified=latest,
            temporal=span,
        )
    ]


def public_links(agency) -> list[PublicLink]:
    if not _services(agency).exists():
        return []
    return [PublicLink(reverse("eservice_public:list", kwargs={"agency": agency.slug}), _("งานบริการ"))]
