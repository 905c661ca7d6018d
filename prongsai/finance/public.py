"""What the finance module gives the public read side (the provider interface, ``disclosure/providers.py``).

``finance.spending_plan`` (seed o17, NACC o11) and ``finance.budget`` (seed o18, NACC o12): the year's
spending report computed from the records, with its downloads, the ordinance and the community subsidies.
``finance.procurement_plan`` (NACC o19): the procurement plan documents. ``finance.procurement_notices``
(seed o19, NACC o20): the year's procurements with their announcements. ``finance.procurement_summary``
(seed o20, NACC o21): the SKR-1 of every month so far, a month without procurement included.
``finance.procurement_report`` (NACC o22): the year's procurement report. The budget infographic (kind
``budget``) is drawn from the records, with every difference from the printed document.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

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
from prongsai.thai.fiscal import fiscal_year_bounds, fiscal_year_months, month_end

from . import selectors
from .models import Budget, Procurement, ProcurementDocument

BANGKOK = ZoneInfo("Asia/Bangkok")
SOURCE_LABEL = "ระบบงบประมาณและการจัดซื้อจัดจ้างของหน่วยงาน"


def _url(name: str, agency, **kwargs) -> str:
    return reverse(f"finance_public:{name}", kwargs={"agency": agency.slug, **kwargs})


def _midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=BANGKOK)


def published_budget(agency, year: int) -> Budget | None:
    cache = agency.__dict__.setdefault("_finance_budgets", {})
    if year not in cache:
        cache[year] = selectors.budget_with_lines(Budget.objects.published(), agency=agency, fiscal_year=year)
    return cache[year]


def _budget_entries(agency, item, *, with_ordinance: bool) -> list[GeneratedEntry]:
    year = item.catalogue.year
    budget = published_budget(agency, year)
    if budget is None:
        return []
    report = selectors.spending_report(budget)
    start, end = fiscal_year_bounds(year)
    title = _("รายงานสรุปการใช้จ่ายงบประมาณ ปีงบประมาณ %(year)s") % {"year": year}
    period_end = report.as_of or end
    entries = [
        GeneratedEntry(
            title,
            _url("budget", agency, year=year),
            frozenset({"page"}),
            start,
            period_end,
            budget.published_at,
            SOURCE_LABEL,
        )
    ]
    for fmt in ("pdf", "xlsx"):
        entries.append(
            GeneratedEntry(
                f"{title} ({fmt.upper()})",
                _url("budget_download", agency, year=year, fmt=fmt),
                frozenset({fmt}),
                start,
                period_end,
                budget.published_at,
                SOURCE_LABEL,
            )
        )
    if with_ordinance:
        if budget.ordinance:
            entries.append(
                GeneratedEntry(
                    _("ข้อบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ %(year)s") % {"year": year},
                    _url("ordinance", agency, year=year, token=budget.ordinance_token),
                    frozenset({"pdf"}),
                    start,
                    end,
                    budget.published_at,
                    SOURCE_LABEL,
                )
            )
        if budget.subsidies.exists():
            for fmt in ("pdf", "xlsx"):
                entries.append(
                    GeneratedEntry(
                        _("ข้อมูลเงินอุดหนุนชุมชน ปีงบประมาณ %(year)s (%(fmt)s)")
                        % {"year": year, "fmt": fmt.upper()},
                        _url("subsidies_download", agency, year=year, fmt=fmt),
                        frozenset({fmt}),
                        start,
                        end,
                        budget.published_at,
                        SOURCE_LABEL,
                    )
                )
    return entries


def spending_plan_entries(agency, item) -> list[GeneratedEntry]:
    return _budget_entries(agency, item, with_ordinance=False)


def budget_entries(agency, item) -> list[GeneratedEntry]:
    return _budget_entries(agency, item, with_ordinance=True)


def _has_procurement(agency, year: int) -> bool:
    cache = agency.__dict__.setdefault("_finance_procurement_years", {})
    if year not in cache:
        start, end = fiscal_year_bounds(year)
        cache[year] = (
            Procurement.objects.public().filter(agency=agency, decided_on__range=(start, end)).exists()
        )
    return cache[year]


def procurement_notice_entries(agency, item) -> list[GeneratedEntry]:
    year = item.catalogue.year
    if not _has_procurement(agency, year):
        return []
    start, end = fiscal_year_bounds(year)
    return [
        GeneratedEntry(
            _("ประกาศต่าง ๆ เกี่ยวกับการจัดซื้อจัดจ้าง ปีงบประมาณ %(year)s") % {"year": year},
            _url("procurement", agency, year=year) + "#notices",
            frozenset({"page", "pdf"}),
            start,
            end,
            _midnight(start),
            SOURCE_LABEL,
        )
    ]


def procurement_plan_entries(agency, item) -> list[GeneratedEntry]:
    year = item.catalogue.year
    start, end = fiscal_year_bounds(year)
    documents = ProcurementDocument.objects.filter(
        procurement__agency=agency, procurement__fiscal_year=year, kind=ProcurementDocument.Kind.PLAN
    ).exclude(procurement__status=Procurement.Status.DRAFT)
    first = documents.order_by("dated").first()
    if first is None:
        return []
    return [
        GeneratedEntry(
            _("แผนการจัดซื้อจัดจ้าง ปีงบประมาณ %(year)s") % {"year": year},
            _url("procurement", agency, year=year) + "#plans",
            frozenset({"page", "pdf"}),
            start,
            end,
            _midnight(first.dated),
            SOURCE_LABEL,
        )
    ]


def procurement_summary_entries(agency, item) -> list[GeneratedEntry]:
    """One SKR-1 per month of the year up to the month before today (an empty month is published too, saying
    so): the platform had the records, so each month is public from the first day of the next."""
    year = item.catalogue.year
    if not _has_procurement(agency, year):
        return []
    today = timezone.localdate()
    entries = []
    for month in fiscal_year_months(year):
        if month_end(month) >= today:
            break
        be = f"{month.year + 543}-{month.month:02d}"
        for fmt in ("pdf", "xlsx"):
            entries.append(
                GeneratedEntry(
                    _("สรุปผลการจัดซื้อจัดจ้าง (สขร.๑) เดือน %(month)s (%(fmt)s)")
                    % {"month": be, "fmt": fmt.upper()},
                    _url("skr1", agency, month=be, fmt=fmt),
                    frozenset({fmt}),
                    month,
                    month_end(month),
                    _midnight(month_end(month) + datetime.timedelta(days=1)),
                    SOURCE_LABEL,
                )
            )
    return entries


def procurement_report_entries(agency, item) -> list[GeneratedEntry]:
    year = item.catalogue.year
    if not _has_procurement(agency, year):
        return []
    start, end = fiscal_year_bounds(year)
    return [
        GeneratedEntry(
            _("รายงานผลการจัดซื้อจัดจ้างประจำปีงบประมาณ %(year)s (%(fmt)s)") % {"year": year, "fmt": fmt.upper()},
            _url("procurement_download", agency, year=year, fmt=fmt),
            frozenset({fmt}),
            start,
            end,
            _midnight(start),
            SOURCE_LABEL,
        )
        for fmt in ("pdf", "xlsx")
    ]


ITEMS = {
    "spending_plan": spending_plan_entries,
    "budget": budget_entries,
    "procurement_plan": procurement_plan_entries,
    "procurement_notices": procurement_notice_entries,
    "procurement_summary": procurement_summary_entries,
    "procurement_report": procurement_report_entries,
}


def _budget_infographic(agency, item) -> dict | None:
    """The figures of the budget sheet from the records; the differences from the printed document travel
    with them so that the sheet shows and explains each one."""
    budget = published_budget(agency, item.catalogue.year)
    if budget is None:
        return None
    report = selectors.spending_report(budget)
    if not report.categories:
        return None
    return {
        "title": budget.title,
        "fiscal_year": budget.fiscal_year,
        "as_of": report.as_of,
        "rows": [
            {"category": row.label, "allocated": row.allocated, "disbursed": row.disbursed}
            for row in report.categories
        ],
        "differences": [
            d["message"] + (f" {d['explanation']}" if d["explanation"] else "") for d in report.differences
        ],
    }


INFOGRAPHICS = {"budget": _budget_infographic}


def public_links(agency) -> list[PublicLink]:
    links = []
    latest = Budget.objects.published().filter(agency=agency).order_by("-fiscal_year").first()
    if latest is not None:
        links.append(PublicLink(_url("budget", agency, year=latest.fiscal_year), _("งบประมาณ")))
    # The latest year with published procurement, not today's year, which may have none yet.
    latest_year = (
        Procurement.objects.public()
        .filter(agency=agency)
        .order_by("-fiscal_year")
        .values_list("fiscal_year", flat=True)
        .first()
    )
    if latest_year is not None:
        links.append(PublicLink(_url("procurement", agency, year=latest_year), _("จัดซื้อจัดจ้าง")))
    return links


def search_documents(agency):
    for budget in Budget.objects.published().filter(agency=agency):
        yield SearchDocument(
            key=f"budget:{budget.fiscal_year}",
            kind="dataset",  # the portal's kinds (portal/search.py KINDS): a statistical table
            title=_("รายงานสรุปการใช้จ่ายงบประมาณ ปีงบประมาณ %(year)s") % {"year": budget.fiscal_year},
            text=_("งบประมาณ เบิกจ่าย งบบุคลากร งบดำเนินงาน งบลงทุน งบเงินอุดหนุน งบรายจ่ายอื่น เงินอุดหนุนชุมชน"),
            url=_url("budget", agency, year=budget.fiscal_year),
            year=budget.fiscal_year,
            published_at=budget.published_at,
        )
    for p in (
        Procurement.objects.public()
        .filter(agency=agency)
        .only("pk", "code", "title", "winner", "fiscal_year")
    ):
        yield SearchDocument(
            key=f"procurement:{p.pk}",
            kind="oit",  # a record of the disclosures of items 19-20
            title=p.title[:300],
            text=f"{p.title} {p.winner}",
            url=_url("procurement", agency, year=p.fiscal_year) + f"#p-{p.code}",
            year=p.fiscal_year,
        )


def dcat_datasets(agency, absolute) -> list[DcatDataset]:
    out = []
    for budget in Budget.objects.published().filter(agency=agency):
        year = budget.fiscal_year
        out.append(
            DcatDataset(
                identifier=f"{agency.slug}-budget-{year}",
                title=_("รายงานสรุปการใช้จ่ายงบประมาณ ปีงบประมาณ %(year)s") % {"year": year},
                description=_("งบประมาณหลังปรับโอน เบิกจ่าย และคงเหลือ รายหมวดรายจ่าย คำนวณจากรายการที่บันทึกไว้"),
                landing=absolute(_url("budget", agency, year=year)),
                keywords=["งบประมาณ", "เบิกจ่าย"],
                distributions=[
                    Distribution(
                        absolute(_url("budget_download", agency, year=year, fmt=fmt)), fmt.upper(), fmt
                    )
                    for fmt in ("csv", "xlsx", "json", "pdf")
                ],
                data_type="ข้อมูลสถิติ",
                frequency="เดือน",
                issued=budget.published_at,
                modified=budget.updated_at,
                temporal=fiscal_year_bounds(year),
            )
        )
    return out
