"""Reads of the finance module: the spending report computed from the records, month by month, the SKR-1
rows of a month, the red flags."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Sum

from prongsai.thai.fiscal import fiscal_year_bounds, fiscal_year_months, month_end

from .checks import percent
from .models import (
    Budget,
    BudgetLine,
    Category,
    Disbursement,
    DisbursementSnapshot,
    Method,
    Procurement,
)

ZERO = Decimal("0.00")


@dataclass
class ReportRow:
    key: str  # category value, or the line's pk for a sub-line
    label: str
    allocated: Decimal
    disbursed: Decimal
    depth: int = 0  # 0 category, 1 a line under it, 2 a sub-line

    @property
    def remaining(self) -> Decimal:
        return self.allocated - self.disbursed


@dataclass
class SpendingReport:
    budget: Budget
    as_of: datetime.date | None
    rows: list[ReportRow]  # categories (depth 0) with their lines beneath when there are several
    allocated: Decimal = ZERO
    disbursed: Decimal = ZERO
    differences: list[dict] = field(default_factory=list)  # printed vs records, from Budget.printed

    @property
    def remaining(self) -> Decimal:
        return self.allocated - self.disbursed

    @property
    def rate(self) -> Decimal:
        return percent(self.disbursed, self.allocated)

    def share(self, row: ReportRow) -> Decimal:
        """The row's disbursement as a share of the whole budget (what the seed prints as ร้อยละการเบิกจ่าย)."""
        return percent(row.disbursed, self.allocated)

    def rate_of(self, row: ReportRow) -> Decimal:
        """The row's own disbursement rate (disbursed of its allocated)."""
        return percent(row.disbursed, row.allocated)

    @property
    def categories(self) -> list[ReportRow]:
        return [r for r in self.rows if r.depth == 0]


def budget_with_lines(queryset, **filters) -> Budget | None:
    return (
        queryset.filter(**filters)
        .prefetch_related(
            Prefetch(
                "lines",
                queryset=BudgetLine.objects.prefetch_related("transfers_in", "transfers_out", "children"),
            ),
            Prefetch("snapshots", queryset=DisbursementSnapshot.objects.order_by("as_of")),
        )
        .select_related("agency")
        .first()
    )


def _allocated(line: BudgetLine) -> Decimal:
    incoming = sum((t.amount for t in line.transfers_in.all()), ZERO)
    outgoing = sum((t.amount for t in line.transfers_out.all()), ZERO)
    return line.amount + incoming - outgoing


def disbursed_by_line(budget: Budget, snapshot: DisbursementSnapshot | None) -> dict[int, Decimal]:
    if snapshot is None:
        return {}
    return dict(Disbursement.objects.filter(snapshot=snapshot).values_list("line_id", "amount"))


def spending_report(budget: Budget, as_of: datetime.date | None = None) -> SpendingReport:
    """The report like the seed's table, computed from the records: the latest snapshot on or before
    ``as_of`` (the latest of all without it); lines with children are the sum of their leaves."""
    snapshots = [s for s in budget.snapshots.all() if as_of is None or s.as_of <= as_of]
    snapshot = snapshots[-1] if snapshots else None
    paid = disbursed_by_line(budget, snapshot)
    lines = list(budget.lines.all())
    children: dict[int | None, list[BudgetLine]] = defaultdict(list)
    for line in lines:
        children[line.parent_id].append(line)

    def figures(line: BudgetLine) -> tuple[Decimal, Decimal]:
        kids = children.get(line.pk)
        if not kids:
            return _allocated(line), paid.get(line.pk, ZERO)
        pairs = [figures(k) for k in kids]
        return sum((a for a, _d in pairs), ZERO), sum((d for _a, d in pairs), ZERO)

    rows: list[ReportRow] = []
    report = SpendingReport(budget, snapshot.as_of if snapshot else None, rows)
    for category in Category:
        tops = [line for line in children.get(None, []) if line.category == category]
        if not tops:
            continue
        pairs = [figures(line) for line in tops]
        head = ReportRow(
            category.value,
            str(category.label),
            sum((a for a, _ in pairs), ZERO),
            sum((d for _, d in pairs), ZERO),
        )
        rows.append(head)
        report.allocated += head.allocated
        report.disbursed += head.disbursed
        detailed = len(tops) > 1 or any(children.get(line.pk) for line in tops)
        if detailed:
            for line, (allocated, disbursed) in zip(tops, pairs, strict=True):
                rows.append(ReportRow(str(line.pk), line.name, allocated, disbursed, depth=1))
                for kid in children.get(line.pk, []):
                    a, d = figures(kid)
                    rows.append(ReportRow(str(kid.pk), kid.name, a, d, depth=2))
    report.differences = differences(budget, report)
    return report


def differences(budget: Budget, report: SpendingReport) -> list[dict]:
    """Every printed figure that differs from the records' (by category and total), with the check's
    explanation: what the public pages show beside the records' figures."""
    printed = budget.printed or {}
    out = []
    for mismatch in printed.get("mismatches") or ():
        out.append(
            {
                "subject": mismatch["subject"],
                "column": mismatch["column"],
                "printed": Decimal(mismatch["printed"]),
                "expected": Decimal(mismatch["expected"]),
                "message": mismatch["message"],
                "explanation": mismatch.get("explanation", ""),
            }
        )
    return out


def monthly_plan_actual(budget: Budget) -> list[dict]:
    """Month by month of the fiscal year: the disbursed total at the last snapshot of each month (cumulative)
    and, when planned amounts exist, the plan (a straight line of the allocated budget otherwise)."""
    report = spending_report(budget)
    months = fiscal_year_months(budget.fiscal_year)
    snapshots = list(budget.snapshots.all())
    totals = dict(
        Disbursement.objects.filter(snapshot__budget=budget)
        .values("snapshot_id")
        .annotate(total=Sum("amount"))
        .values_list("snapshot_id", "total")
    )
    plan = dict(budget.planned.values("month").annotate(total=Sum("amount")).values_list("month", "total"))
    out = []
    cumulative = ZERO
    for index, month in enumerate(months, start=1):
        last = [s for s in snapshots if s.as_of <= month_end(month)]
        in_month = [s for s in last if s.as_of >= month]
        if plan:
            cumulative += plan.get(month, ZERO)
            planned = cumulative
        else:  # no spending plan recorded: an even spread of the allocation, and the page says so
            planned = (report.allocated * index / 12).quantize(Decimal("0.01"))
        out.append(
            {
                "month": month,
                "planned": planned,
                "from_plan": bool(plan),
                "disbursed": totals[last[-1].pk] if in_month else None,
                "as_of": last[-1].as_of if in_month else None,
            }
        )
    return out


# --- procurement ---------------------------------------------------------------------------------------


def procurements_of_month(agency, month: datetime.date):
    return (
        Procurement.objects.public()
        .filter(agency=agency, decided_on__gte=month, decided_on__lte=month_end(month))
        .prefetch_related("bids")
        .order_by("decided_on", "pk")
    )


def procurements_of_year(agency, year: int):
    start, end = fiscal_year_bounds(year)
    return (
        Procurement.objects.public()
        .filter(agency=agency, decided_on__gte=start, decided_on__lte=end)
        .select_related("department")
        .prefetch_related("bids", "documents")
        .order_by("decided_on", "pk")
    )


# Thresholds of the Public Procurement Act's ministerial regulation (2560): the specific method is for
# up to 500,000 baht; e-market/e-bidding above.
SPECIFIC_LIMIT = Decimal("500000.00")


@dataclass(frozen=True)
class RedFlag:
    kind: str  # "single_bidder", "near_reference", "split", "dominant_winner"
    procurement: Procurement | None
    message: str


def red_flags(agency, year: int) -> list[RedFlag]:
    from django.utils.translation import gettext as _

    from prongsai.thai.money import format_baht

    items = list(procurements_of_year(agency, year).exclude(status=Procurement.Status.CANCELLED))
    flags: list[RedFlag] = []
    for p in items:
        bids = list(p.bids.all())
        if p.method != Method.SPECIFIC and len(bids) == 1:
            flags.append(RedFlag("single_bidder", p, _("มีผู้เสนอราคารายเดียว")))
        if p.reference_price and p.agreed_price is not None:
            gap = abs(p.reference_price - p.agreed_price)
            if gap <= p.reference_price / 100:
                flags.append(
                    RedFlag(
                        "near_reference",
                        p,
                        _("ราคาที่ตกลง %(agreed)s ห่างจากราคากลาง %(ref)s ไม่ถึงร้อยละ ๑")
                        % {"agreed": format_baht(p.agreed_price), "ref": format_baht(p.reference_price)},
                    )
                )
    # Splitting: the same department and winner within 30 days, each under the specific method's limit,
    # together above it.
    groups: dict[tuple, list[Procurement]] = defaultdict(list)
    for p in items:
        if p.method == Method.SPECIFIC and p.winner and p.budget_amount <= SPECIFIC_LIMIT:
            groups[(p.department_id, p.winner.strip())].append(p)
    for group in groups.values():
        group.sort(key=lambda p: p.decided_on)
        for i, first in enumerate(group):
            window = [p for p in group[i:] if (p.decided_on - first.decided_on).days <= 30]
            total = sum((p.budget_amount for p in window), ZERO)
            if len(window) >= 2 and total > SPECIFIC_LIMIT:
                for p in window:
                    flags.append(
                        RedFlag(
                            "split",
                            p,
                            _(
                                "อาจแบ่งซื้อแบ่งจ้าง: %(n)s รายการกับผู้ชนะเดียวกันภายใน ๓๐ วัน รวม %(total)s บาท "
                                "เกินวงเงินวิธีเฉพาะเจาะจง %(limit)s บาท"
                            )
                            % {
                                "n": len(window),
                                "total": format_baht(total),
                                "limit": format_baht(SPECIFIC_LIMIT),
                            },
                        )
                    )
                break
    # A winner who wins most of one department's contracts (at least four contracts in the department).
    by_department: dict[int | None, list[Procurement]] = defaultdict(list)
    for p in items:
        if p.winner:
            by_department[p.department_id].append(p)
    for group in by_department.values():
        if len(group) < 4:
            continue
        counts: dict[str, int] = defaultdict(int)
        for p in group:
            counts[p.winner.strip()] += 1
        winner, count = max(counts.items(), key=lambda kv: kv[1])
        if count * 2 > len(group):
            department = group[0].department
            flags.append(
                RedFlag(
                    "dominant_winner",
                    None,
                    _("%(winner)s ได้งาน %(count)s จาก %(total)s รายการของ%(department)s")
                    % {
                        "winner": winner,
                        "count": count,
                        "total": len(group),
                        "department": department.name if department else _("หน่วยงาน"),
                    },
                )
            )
    seen = set()
    unique = []
    for flag in flags:
        key = (flag.kind, flag.procurement.pk if flag.procurement else flag.message)
        if key not in seen:
            seen.add(key)
            unique.append(flag)
    return unique
