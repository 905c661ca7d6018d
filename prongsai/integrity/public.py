"""What the integrity channels give the public read side (the provider interface, ``disclosure/providers.py``).

``integrity.complaint_channels``: the page of channels to report corruption, the online form and the
follow-up page (seed o22, NACC o28). ``integrity.complaint_statistics``: the year's statistics as a page, PDF
and XLSX, dated with the days they cover so that readiness reads the months (o22, NACC o29).
``integrity.questions``: the public Q&A list, once something is published (o06, NACC o8).
``integrity.risk_assessment`` / ``integrity.risk_handling``: the year's published corruption-risk assessment
and the report of how the risks were handled, PDF and DOCX (o25, NACC O34 / O35).
``integrity.no_gift``, ``anti_bribery``, ``director_participation``, ``discretion_guidelines``: the published
announcements of the year, each with its signer and signed PDF (o23, o24, o27; NACC O31, O32, O42).
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.db.models import Count, Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.agencies.models import Agency
from prongsai.disclosure.providers import (
    DcatDataset,
    Distribution,
    GeneratedEntry,
    PublicLink,
    SearchDocument,
)
from prongsai.thai.dates import format_be_date
from prongsai.thai.fiscal import fiscal_year, fiscal_year_bounds

from . import selectors, statistics
from .models import Announcement, ChannelSettings, Complaint, Question, RiskReport

BANGKOK = ZoneInfo("Asia/Bangkok")
SOURCE_LABEL = "ระบบรับเรื่องร้องเรียนของหน่วยงาน"
SIGNED_SOURCE = "ประกาศที่ผู้บริหารลงนาม เผยแพร่เมื่อผ่านการอนุมัติของผู้อำนวยการ"


def _url(name: str, agency, **kwargs) -> str:
    return reverse(f"integrity_public:{name}", kwargs={"agency": agency.slug, **kwargs})


def _midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=BANGKOK)


def _facts(agency) -> dict:
    """What the OIT entries depend on, in one query, remembered on the agency object (a readiness board
    asks for several items of one agency in one request): whether the channels are in service, and when
    the first Q&A answer was published."""
    cache = agency.__dict__.setdefault("_integrity_facts", {})
    if not cache:
        published = Question.objects.filter(agency=OuterRef("pk"), state=Question.State.PUBLISHED)
        cache.update(
            Agency.objects.filter(pk=agency.pk)
            .annotate(
                in_service=Exists(ChannelSettings.objects.filter(agency=OuterRef("pk"))),
                first_answer=Subquery(published.order_by("published_at").values("published_at")[:1]),
            )
            .values("in_service", "first_answer")
            .get()
        )
    return cache


def _in_service(agency) -> bool:
    """The agency has put its channels in service: it said where else people can report (the channels
    page needs it), which is also when the form and the statistics become its disclosure. Before that the
    module offers nothing, so an unprepared agency is never shown as ready."""
    return _facts(agency)["in_service"]


def channel_entries(agency, item) -> list[GeneratedEntry]:
    if not _in_service(agency):
        return []
    # The channels are the platform's own pages: open from the first day of the year.
    published = _midnight(fiscal_year_bounds(item.catalogue.year)[0])
    return [
        GeneratedEntry(
            _("ช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ"),
            _url("complaints", agency),
            frozenset({"page"}),
            None,
            None,
            published,
            SOURCE_LABEL,
        ),
        GeneratedEntry(
            _("แจ้งเรื่องร้องเรียนการทุจริตออนไลน์ (ไม่ต้องเปิดเผยตัวตน)"),
            _url("complaint_new", agency),
            frozenset({"page", "link"}),
            None,
            None,
            published,
            SOURCE_LABEL,
        ),
        GeneratedEntry(
            _("ติดตามเรื่องร้องเรียนด้วยรหัสรับเรื่อง"),
            reverse("integrity_report:report"),
            frozenset({"link"}),
            None,
            None,
            published,
            SOURCE_LABEL,
        ),
    ]


def statistics_entries(agency, item) -> list[GeneratedEntry]:
    if not _in_service(agency):
        return []
    year = item.catalogue.year
    stats = statistics.year_statistics(agency, year)
    if stats is None:
        return []
    start, end = stats.period_start, stats.period_end
    # Computed from the records at every request, so the page has been public, and current, since the
    # year began; the months it covers are its period.
    published = _midnight(start)
    title = _("สถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ ปีงบประมาณ %(year)s") % {"year": year}
    entries = [
        GeneratedEntry(
            title,
            _url("statistics", agency, year=year),
            frozenset({"page"}),
            start,
            end,
            published,
            SOURCE_LABEL,
        )
    ]
    for fmt in ("pdf", "xlsx"):
        entries.append(
            GeneratedEntry(
                f"{title} ({fmt.upper()})",
                _url("statistics_download", agency, year=year, fmt=fmt),
                frozenset({fmt}),
                start,
                end,
                published,
                SOURCE_LABEL,
            )
        )
    return entries


def question_entries(agency, item) -> list[GeneratedEntry]:
    # The page became a disclosure when its first answer was published.
    first = _facts(agency)["first_answer"]
    if first is None:
        return []
    return [
        GeneratedEntry(
            _("ถาม-ตอบ (Q&A) ถามคำถามและอ่านคำตอบของหน่วยงาน"),
            _url("questions", agency),
            frozenset({"page"}),
            None,
            None,
            first,
            SOURCE_LABEL,
        )
    ]


def _reports(agency, year: int) -> dict:
    """The newest published report of each kind of the year, remembered on the agency object (the items of
    one request ask for it several times): one query."""
    cache = agency.__dict__.setdefault("_integrity_reports", {})
    if year not in cache:
        found: dict = {}
        for report in (
            RiskReport.objects.for_agency(agency).filter(fiscal_year=year).order_by("-published_at", "-pk")
        ):
            found.setdefault(report.kind, report)
        cache[year] = found
    return cache[year]


def _announcements(agency, year: int) -> list:
    """The year's published announcements, remembered on the agency object like ``_reports``."""
    cache = agency.__dict__.setdefault("_integrity_announcements", {})
    if year not in cache:
        cache[year] = list(
            Announcement.objects.for_agency(agency)
            .filter(state=Announcement.State.PUBLISHED, fiscal_year=year)
            .annotate(photo_count=Count("photos"))
            .order_by("kind", "signed_on", "pk")
        )
    return cache[year]


def _report_entries(kind: str):
    """The year's published report of the risk register (its newest publication), as PDF and DOCX."""

    def entries(agency, item) -> list[GeneratedEntry]:
        year = item.catalogue.year
        report = _reports(agency, year).get(kind)
        if report is None:
            return []
        start, end = fiscal_year_bounds(year)
        title = f"{report.get_kind_display()} ประจำปีงบประมาณ พ.ศ. {year}"
        return [
            GeneratedEntry(
                f"{title} ({fmt.upper()})",
                _url("risk_report", agency, code=report.code, fmt=fmt),
                frozenset({fmt}),
                start,
                end,
                report.published_at,
                _("ทะเบียนความเสี่ยงการทุจริตของหน่วยงาน"),
            )
            for fmt in ("pdf", "docx")
        ]

    return entries


def _announcement_entries(*kinds: str):
    """The published announcements of these kinds of the item's fiscal year: the page (text, signer, photos)
    and the signed PDF, each titled with who signed it and when."""

    def entries(agency, item) -> list[GeneratedEntry]:
        out = []
        for a in _announcements(agency, item.catalogue.year):
            if a.kind not in kinds:
                continue
            signed = _("ลงนามโดย %(name)s %(position)s เมื่อ %(date)s") % {
                "name": a.signer_name,
                "position": a.signer_position,
                "date": format_be_date(a.signed_on, "long"),
            }
            page_formats = {"page", "image"} if a.photo_count else {"page"}
            out.append(
                GeneratedEntry(
                    f"{a.title} ({signed})",
                    _url("announcement", agency, code=a.code),
                    frozenset(page_formats),
                    None,
                    None,
                    a.published_at,
                    SIGNED_SOURCE,
                )
            )
            if a.signed_pdf:
                out.append(
                    GeneratedEntry(
                        f"{a.title} ฉบับลงนาม (PDF)",
                        _url("announcement_signed", agency, code=a.code),
                        frozenset({"pdf"}),
                        None,
                        None,
                        a.published_at,
                        SIGNED_SOURCE,
                    )
                )
        return out

    return entries


K = Announcement.Kind

ITEMS = {
    "complaint_channels": channel_entries,
    "complaint_statistics": statistics_entries,
    "questions": question_entries,
    # The risk register: seed item 25 takes both, the NACC list has O34 (assessment) and O35 (handling).
    "risk_assessment": _report_entries(RiskReport.Kind.ASSESSMENT),
    "risk_handling": _report_entries(RiskReport.Kind.HANDLING),
    # Policy announcements: seed o23 (both policies), o24, o27; NACC O31 (no gift), O32, O42.
    "no_gift": _announcement_entries(K.NO_GIFT),
    "anti_bribery": _announcement_entries(K.ANTI_BRIBERY),
    "director_participation": _announcement_entries(K.DIRECTOR_PARTICIPATION),
    "discretion_guidelines": _announcement_entries(K.DISCRETION_GUIDELINES),
}


def search_documents(agency):
    for question in selectors.published_questions(agency):
        yield SearchDocument(
            key=f"question:{question.pk}",
            kind="qa",
            title=(question.public_text or question.text)[:300],
            text=f"{question.public_text or question.text} {question.answer}",
            url=_url("questions", agency) + f"#q-{question.code}",
            year=fiscal_year(timezone.localdate(question.published_at)),
            published_at=question.published_at,
        )
    for item in selectors.public_feedback_answers(agency):
        yield SearchDocument(
            key=f"feedback:{item.pk}",
            kind="feedback",
            title=item.public_summary[:300],
            text=f"{item.public_summary} {item.answer}",
            url=_url("feedback", agency) + f"#f-{item.code}",
            year=fiscal_year(timezone.localdate(item.answered_at)) if item.answered_at else None,
            published_at=item.answered_at,
        )
    for a in Announcement.objects.for_agency(agency).filter(state=Announcement.State.PUBLISHED):
        yield SearchDocument(
            key=f"announcement:{a.pk}",
            kind="page",
            title=a.title[:300],
            text=f"{a.title} {a.text} {a.signer_name} {a.signer_position}",
            url=_url("announcement", agency, code=a.code),
            year=a.fiscal_year,
            published_at=a.published_at,
        )
    yield SearchDocument(
        key="complaint-channels",
        kind="page",
        title=_("ช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ"),
        text=_("ร้องเรียนการทุจริต แจ้งเบาะแส เรียกรับสินบน ไม่ต้องเปิดเผยตัวตน สถิติเรื่องร้องเรียน"),
        url=_url("complaints", agency),
    )


def dcat_datasets(agency, absolute) -> list[DcatDataset]:
    first = (
        Complaint.objects.for_agency(agency)
        .order_by("received_at")
        .values_list("received_at", flat=True)
        .first()
    )
    if first is None:
        return []  # no complaint yet: no statistics to offer as open data
    today = timezone.localdate()
    start_year = fiscal_year(timezone.localdate(first))
    out = []
    for year in range(fiscal_year(today), start_year - 1, -1):
        stats = statistics.year_statistics(agency, year)
        if stats is None or stats.values[(statistics.TOTAL, statistics.TOTAL)] == 0:
            continue  # a year without a single complaint is no dataset
        landing = absolute(_url("statistics", agency, year=year))
        title = _("สถิติเรื่องร้องเรียนการทุจริต ปีงบประมาณ %(year)s") % {"year": year}
        distributions = [Distribution(landing, f"{title} (หน้าเว็บ)", "html", download=False)]
        for fmt in ("csv", "xlsx", "json", "pdf"):
            url = absolute(_url("statistics_download", agency, year=year, fmt=fmt))
            distributions.append(Distribution(url, f"{title} ({fmt.upper()})", fmt))
        out.append(
            DcatDataset(
                identifier=f"{agency.slug}-complaint-statistics-{year}",
                title=title,
                description=_(
                    "จำนวนเรื่องร้องเรียนการทุจริตและประพฤติมิชอบรายเดือน จำแนกตามช่องทาง ประเภท และสถานะ "
                    "จำนวนที่น้อยกว่า ๓ ไม่แสดงเพื่อคุ้มครองผู้ร้องเรียน"
                ),
                landing=landing,
                keywords=["ร้องเรียน", "ทุจริต", "สถิติ", "O29"],
                distributions=distributions,
                data_type="ข้อมูลสถิติ",
                frequency="เดือน",
                issued=stats.period_start,
                modified=today,
                temporal=(stats.period_start, stats.period_end),
            )
        )
    return out


def public_links(agency) -> list[PublicLink]:
    return [
        PublicLink(_url("complaints", agency), _("ร้องเรียนการทุจริต")),
        PublicLink(_url("feedback", agency), _("ร้องเรียน/ติชม")),
        PublicLink(_url("questions", agency), _("ถาม-ตอบ")),
    ]
