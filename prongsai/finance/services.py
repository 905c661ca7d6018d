"""Writes of the finance module: the budget (lines, transfers, disbursement snapshots, subsidies, the
ordinance), imports of printed spending reports, procurements with their bids and documents.

Every write is audited (``agencies.services``); what the public sees changes only through here, followed by
``announce_public_change``.
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.agencies.codes import new_code
from prongsai.agencies.models import Agency, AuditEntry
from prongsai.agencies.services import (
    audit_record,
    record_change,
    record_create,
    snapshot,
    status_event_record,
)
from prongsai.agencies.signals import announce_public_change
from prongsai.agencies.uploads import PDF, random_name, validate_upload
from prongsai.documents.tabular import TabularError, read_rows
from prongsai.thai.dates import find_be_date
from prongsai.thai.money import MoneyError, parse_baht

from .checks import Mismatch, PrintedRow, category_of, check_report
from .models import (
    Bid,
    Budget,
    BudgetLine,
    BudgetTransfer,
    Category,
    Disbursement,
    DisbursementSnapshot,
    PlannedSpending,
    Procurement,
    ProcurementDocument,
    Subsidy,
)

SOURCE = "finance"


class BudgetImportError(ValueError):
    """The table could not be taken as records; ``problems`` lists every row that stopped it."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass
class BudgetImport:
    budget: Budget
    mismatches: list[Mismatch] = field(default_factory=list)
    rate_base: str = ""
    lines_created: int = 0
    lines_updated: int = 0


def _amount(text, where: str, problems: list[str], *, optional: bool = False) -> Decimal | None:
    if text in (None, "") and optional:
        return None
    try:
        return parse_baht(text)
    except MoneyError:
        problems.append(_("%(where)s: อ่านตัวเลข “%(text)s” ไม่ได้") % {"where": where, "text": text})
        return None


def printed_rows(table: dict) -> tuple[list[PrintedRow], PrintedRow | None, list[str]]:
    """The printed rows (strings as typed) as Decimals, with every row that cannot be read."""
    problems: list[str] = []

    def one(raw: dict) -> PrintedRow | None:
        where = _("บรรทัด %(line)s %(category)s") % {
            "line": raw.get("line", "?"),
            "category": raw.get("category"),
        }
        before = len(problems)
        allocated = _amount(raw.get("allocated"), where, problems)
        disbursed = _amount(raw.get("disbursed"), where, problems)
        remaining = _amount(raw.get("remaining"), where, problems, optional=True)
        rate = raw.get("rate")
        try:
            rate = Decimal(str(rate).replace(",", "").strip()) if rate not in (None, "") else None
        except ArithmeticError:
            problems.append(_("%(where)s: อ่านร้อยละ “%(text)s” ไม่ได้") % {"where": where, "text": rate})
        if len(problems) > before:
            return None
        return PrintedRow(
            int(raw.get("line") or 0), raw.get("category") or "", allocated, disbursed, remaining, rate
        )

    rows = [row for raw in table.get("rows") or () if (row := one(raw)) is not None]
    total = one(table["total"]) if table.get("total") else None
    return rows, total, problems


def _budget_for(*, actor, agency: Agency, fiscal_year: int) -> Budget:
    budget = Budget.objects.filter(agency=agency, fiscal_year=fiscal_year).first()
    if budget is None:
        budget = Budget(agency=agency, fiscal_year=fiscal_year)
        record_create(actor=actor, agency=agency, instance=budget)
    return budget


@transaction.atomic
def budget_import_printed(
    *, actor, agency: Agency, fiscal_year: int, table: dict, source: str = Budget.Source.IMPORT
) -> BudgetImport:
    """Take a printed spending report as the year's records: one line per category (its allocated amount)
    and a disbursement snapshot at the report's date. Every printed figure is checked (``checks``) and every
    mismatch kept with the printed table and returned; no figure is corrected and no row dropped: a row that
    cannot be read, or names no expense category, refuses the whole table (``BudgetImportError``)."""
    rows, total, problems = printed_rows(table)
    categories: dict[str, PrintedRow] = {}
    for row in rows:
        category = category_of(row.category)
        if category is None:
            problems.append(
                _(
                    "บรรทัด %(line)s: “%(text)s” ไม่ใช่หมวดรายจ่าย (งบบุคลากร งบดำเนินงาน งบลงทุน งบเงินอุดหนุน งบรายจ่ายอื่น)"
                )
                % {"line": row.line, "text": row.category}
            )
        elif category in categories:
            problems.append(
                _("บรรทัด %(line)s: หมวด “%(text)s” ซ้ำ") % {"line": row.line, "text": row.category}
            )
        else:
            categories[category] = row
    as_of = datetime.date.fromisoformat(table["as_of"]) if table.get("as_of") else None
    if as_of is None:
        problems.append(_("ไม่พบวันที่ของข้อมูล (ข้อมูล ณ วันที่ ...)"))
    if not rows and not problems:
        problems.append(_("ไม่พบแถวของหมวดรายจ่าย"))
    budget = _budget_for(actor=actor, agency=agency, fiscal_year=fiscal_year)
    existing = {line.category: line for line in budget.lines.filter(parent=None)}
    for category in categories:
        if budget.lines.filter(category=category).exclude(parent=None).exists():
            problems.append(
                _("หมวด “%(c)s” มีรายการย่อยอยู่แล้ว ยอดรวมของหมวดจากตารางจึงแบ่งลงรายการย่อยไม่ได้")
                % {"c": Category(category).label}
            )
    if problems:
        raise BudgetImportError(problems)

    check = check_report(rows, total)
    before = snapshot(budget)
    budget.title = (table.get("title") or budget.title or "")[:300]
    budget.source = source
    budget.printed = {
        **{k: table.get(k) for k in ("title", "fiscal_year", "as_of", "rows", "total")},
        "rate_base": check.rate_base,
        "mismatches": [m.as_json() for m in check.mismatches],
    }
    record_change(actor=actor, agency=agency, instance=budget, before=before)
    result = BudgetImport(budget, check.mismatches, check.rate_base)
    day = budget.snapshots.filter(as_of=as_of).first() or DisbursementSnapshot(budget=budget, as_of=as_of)
    if day.pk is None:
        record_create(actor=actor, agency=agency, instance=day)
    for position, (category, row) in enumerate(
        sorted(categories.items(), key=lambda kv: Category.values.index(kv[0]))
    ):
        line = existing.get(category)
        if line is None:
            line = BudgetLine(
                budget=budget,
                category=category,
                name=Category(category).label,
                amount=row.allocated,
                position=position,
            )
            record_create(actor=actor, agency=agency, instance=line)
            result.lines_created += 1
        else:
            # The report states the amount after transfers: what the ordinance gave is that less the transfers.
            amount = row.allocated - _net_transfers(line)
            if line.amount != amount:
                line_before = snapshot(line)
                line.amount = amount
                record_change(actor=actor, agency=agency, instance=line, before=line_before)
                result.lines_updated += 1
        _disbursement_set(actor=actor, agency=agency, snapshot_=day, line=line, amount=row.disbursed)
    if budget.is_published:
        announce_public_change(agency=agency, source=SOURCE)
    return result


def _net_transfers(line: BudgetLine) -> Decimal:
    incoming = sum((t.amount for t in line.transfers_in.all()), Decimal("0.00"))
    outgoing = sum((t.amount for t in line.transfers_out.all()), Decimal("0.00"))
    return incoming - outgoing


def _disbursement_set(*, actor, agency, snapshot_: DisbursementSnapshot, line: BudgetLine, amount: Decimal):
    row = Disbursement.objects.filter(snapshot=snapshot_, line=line).first()
    if row is None:
        record_create(
            actor=actor, agency=agency, instance=Disbursement(snapshot=snapshot_, line=line, amount=amount)
        )
    elif row.amount != amount:
        before = snapshot(row)
        row.amount = amount
        record_change(actor=actor, agency=agency, instance=row, before=before)


# --- a report table from a file -------------------------------------------------------------------------

_HEADER_WORDS = (
    ("rate", "ร้อยละ"),
    ("remaining", "คงเหลือ"),
    ("disbursed", "เบิกจ่าย"),
    ("category", "หมวด"),
    ("allocated", "งบประมาณ"),
)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value).strip()


def report_table_from_file(upload, fmt: str) -> dict:
    """A spending report saved as XLSX or CSV (the seed's table, for one) as the printed table: the header
    row is found by its words, rows run until the total row (รวม); a line "ข้อมูล ณ วันที่ ..." anywhere gives
    the date. Raises ``BudgetImportError`` for a file without such a table."""
    try:
        rows = read_rows(upload, fmt, max_rows=500, header=False)
    except TabularError as exc:
        raise BudgetImportError([str(exc)]) from None
    columns: dict[str, int] | None = None
    table: dict = {"title": "", "as_of": None, "rows": [], "total": None}
    for number, cells in rows:
        texts = [_cell(c) for c in cells]
        joined = " ".join(t for t in texts if t)
        if "ณ วันที่" in joined and table["as_of"] is None:
            found = find_be_date(joined.split("ณ วันที่", 1)[1])
            table["as_of"] = found.isoformat() if found else None
            continue
        if columns is None:
            mapped = {}
            for index, text in enumerate(texts):
                for key, word in _HEADER_WORDS:
                    if word in text and key not in mapped:
                        mapped[key] = index
                        break
            if {"category", "allocated", "disbursed"} <= mapped.keys():
                columns = mapped
            elif joined and not table["title"]:
                table["title"] = joined[:300]
            continue
        values = {key: texts[i] if i < len(texts) else "" for key, i in columns.items()}
        row = {"line": number, **values}
        if "".join(values.get("category", "").split()) == "รวม":
            table["total"] = row
            columns = None
        elif values.get("category"):
            table["rows"].append(row)
    if not table["rows"]:
        raise BudgetImportError(
            [_("ไม่พบตารางรายงานการใช้จ่ายงบประมาณ (ต้องมีหัวตาราง หมวดรายจ่าย งบประมาณ เบิกจ่าย)")]
        )
    return table


# --- the budget kept by hand --------------------------------------------------------------------------


@transaction.atomic
def budget_create(*, actor, agency: Agency, fiscal_year: int, title: str = "") -> Budget:
    if Budget.objects.filter(agency=agency, fiscal_year=fiscal_year).exists():
        raise ValidationError(_("มีงบประมาณปี %(year)s อยู่แล้ว") % {"year": fiscal_year})
    budget = Budget(agency=agency, fiscal_year=fiscal_year, title=title)
    record_create(actor=actor, agency=agency, instance=budget)
    return budget


@transaction.atomic
def budget_line_create(
    *, actor, budget: Budget, category: str, name: str, amount: Decimal, parent: BudgetLine | None = None
) -> BudgetLine:
    if parent is not None and (parent.budget_id != budget.pk or parent.category != category):
        raise ValidationError(_("รายการย่อยต้องอยู่ในหมวดเดียวกับรายการหลัก"))
    if parent is not None and parent.disbursements.exists():
        raise ValidationError(_("รายการนี้มีการเบิกจ่ายบันทึกไว้แล้ว จึงแบ่งเป็นรายการย่อยไม่ได้"))
    line = BudgetLine(
        budget=budget,
        category=category,
        name=name,
        amount=amount,
        parent=parent,
        position=budget.lines.count(),
    )
    record_create(actor=actor, agency=budget.agency, instance=line)
    _announce(budget)
    return line


@transaction.atomic
def transfer_create(
    *,
    actor,
    budget: Budget,
    from_line,
    to_line,
    amount: Decimal,
    transferred_on: datetime.date,
    note: str = "",
) -> BudgetTransfer:
    for line in (from_line, to_line):
        if line is not None and (line.budget_id != budget.pk or line.children.exists()):
            raise ValidationError(_("โอนได้เฉพาะรายการของงบประมาณปีนี้ที่ไม่มีรายการย่อย"))
    if from_line is None and to_line is None:
        raise ValidationError(_("ระบุรายการที่โอนออกหรือรับโอนอย่างน้อยหนึ่งรายการ"))
    transfer = BudgetTransfer(
        budget=budget,
        from_line=from_line,
        to_line=to_line,
        amount=amount,
        transferred_on=transferred_on,
        note=note,
    )
    record_create(actor=actor, agency=budget.agency, instance=transfer)
    _announce(budget)
    return transfer


@transaction.atomic
def snapshot_record(
    *, actor, budget: Budget, as_of: datetime.date, amounts: dict[int, Decimal], note: str = ""
):
    """What had been disbursed on each (leaf) line by ``as_of``; a second record of the same day replaces
    its figures (each change audited)."""
    lines = {line.pk: line for line in budget.lines.filter(children=None)}
    unknown = set(amounts) - set(lines)
    if unknown:
        raise ValidationError(_("รายการที่ระบุไม่ใช่รายการของงบประมาณปีนี้"))
    day = budget.snapshots.filter(as_of=as_of).first()
    if day is None:
        day = DisbursementSnapshot(budget=budget, as_of=as_of, note=note)
        record_create(actor=actor, agency=budget.agency, instance=day)
    for pk, amount in amounts.items():
        _disbursement_set(actor=actor, agency=budget.agency, snapshot_=day, line=lines[pk], amount=amount)
    _announce(budget)
    return day


@transaction.atomic
def subsidy_create(
    *,
    actor,
    budget: Budget,
    community: str,
    purpose: str,
    amount: Decimal,
    paid_on: datetime.date | None = None,
) -> Subsidy:
    subsidy = Subsidy(
        budget=budget,
        community=community,
        purpose=purpose,
        amount=amount,
        paid_on=paid_on,
        position=budget.subsidies.count(),
    )
    record_create(actor=actor, agency=budget.agency, instance=subsidy)
    _announce(budget)
    return subsidy


@transaction.atomic
def ordinance_upload(*, actor, budget: Budget, upload) -> Budget:
    kind = validate_upload(upload, (PDF,))
    before = snapshot(budget)
    budget.ordinance.save(random_name(kind), upload, save=False)
    budget.ordinance_token = secrets.token_urlsafe(16)
    record_change(actor=actor, agency=budget.agency, instance=budget, before=before)
    _announce(budget)
    return budget


@transaction.atomic
def budget_publish(*, actor, budget: Budget, publish: bool = True) -> Budget:
    if publish and not budget.lines.exists():
        raise ValidationError(_("ยังไม่มีรายการงบประมาณให้เผยแพร่"))
    before = snapshot(budget)
    budget.is_published = publish
    budget.published_at = timezone.now() if publish else None
    record_change(
        actor=actor,
        agency=budget.agency,
        instance=budget,
        before=before,
        action=AuditEntry.Action.CHANGE if publish else AuditEntry.Action.WITHDRAW,
    )
    announce_public_change(agency=budget.agency, source=SOURCE)
    return budget


def _announce(budget: Budget) -> None:
    if budget.is_published:
        announce_public_change(agency=budget.agency, source=SOURCE)


# --- procurement ---------------------------------------------------------------------------------------

PROCUREMENT_FIELDS = (
    "department",
    "title",
    "budget_amount",
    "reference_price",
    "method",
    "winner",
    "agreed_price",
    "reason",
    "contract_number",
    "contract_date",
    "egp_number",
    "decided_on",
    "status",
    "ocid",
)


@transaction.atomic
def procurement_save(
    *,
    actor,
    agency: Agency,
    values: dict,
    bids: list[tuple[str, Decimal]] | None = None,
    procurement: Procurement | None = None,
) -> Procurement:
    """Create or change a procurement; ``bids`` (bidder, price), when given, replace the list of bids."""
    from prongsai.thai.fiscal import fiscal_year

    created = procurement is None
    if created:
        procurement = Procurement(agency=agency, code=new_code(12))
        before = None
        old_status = ""
    else:
        before = snapshot(procurement)
        old_status = procurement.status
    for name in PROCUREMENT_FIELDS:
        if name in values:
            setattr(procurement, name, values[name])
    procurement.fiscal_year = fiscal_year(procurement.decided_on)
    if procurement.department_id and procurement.department.agency_id != agency.pk:
        raise ValidationError(_("ฝ่ายนี้ไม่ใช่ของหน่วยงาน"))
    if created:
        record_create(actor=actor, agency=agency, instance=procurement)
    else:
        procurement.full_clean()
        record_change(actor=actor, agency=agency, instance=procurement, before=before)
    if procurement.status != old_status:
        # The procurement's timeline (announced, awarded, contracted, ...) is the platform's status events.
        status_event_record(
            actor=actor,
            agency=agency,
            instance=procurement,
            from_state=old_status,
            to_state=procurement.status,
        )
    if bids is not None:
        old = [(b.bidder, b.price) for b in procurement.bids.all()]
        if old != list(bids):
            procurement.bids.all().delete()  # the list as a whole is the record; its history is the audit entry
            Bid.objects.bulk_create(
                [Bid(procurement=procurement, bidder=b, price=p, position=i) for i, (b, p) in enumerate(bids)]
            )
            audit_record(
                actor=actor,
                agency=agency,
                action=AuditEntry.Action.CHANGE,
                model="finance.bid",
                object_id=str(procurement.pk),
                object_repr=procurement.title[:200],
                before={"bids": [[b, str(p)] for b, p in old]},
                after={"bids": [[b, str(p)] for b, p in bids]},
            )
    announce_public_change(agency=agency, source=SOURCE)
    return procurement


@transaction.atomic
def procurement_document_add(
    *, actor, procurement: Procurement, kind: str, title: str, dated: datetime.date, upload=None
) -> ProcurementDocument:
    document = ProcurementDocument(
        procurement=procurement,
        kind=kind,
        title=title,
        dated=dated,
        token=secrets.token_urlsafe(16),
        created_by=actor,
    )
    if upload is not None:
        file_kind = validate_upload(upload, (PDF,))
        document.file.save(random_name(file_kind), upload, save=False)
    record_create(actor=actor, agency=procurement.agency, instance=document)
    announce_public_change(agency=procurement.agency, source=SOURCE)
    return document


@dataclass
class ProcurementImport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@transaction.atomic
def ocds_import(*, actor, agency: Agency, package: dict) -> ProcurementImport:
    """Load an OCDS release package (validated against the official schema, ``ocds.procurements_from``):
    a procurement is matched by its ocid, so loading the same package twice changes nothing."""
    from .ocds import procurements_from

    result = ProcurementImport()
    for values, bids in procurements_from(package):
        existing = Procurement.objects.filter(agency=agency, ocid=values["ocid"]).first()
        if existing is not None:
            same = (
                all(getattr(existing, k) == v for k, v in values.items())
                and [(b.bidder, b.price) for b in existing.bids.all()] == bids
            )
            if same:
                result.unchanged += 1
                continue
            result.updated += 1
        else:
            result.created += 1
        procurement_save(actor=actor, agency=agency, values=values, bids=bids, procurement=existing)
    return result


@transaction.atomic
def skr1_import(*, actor, agency: Agency, department, upload, fmt: str) -> ProcurementImport:
    """Load an SKR-1 sheet (XLSX or CSV in the standard layout) as procurements of ``department``; a row
    already recorded (same month, title and contract number) is not loaded twice. Any unreadable row refuses
    the whole sheet (``skr1_import.Skr1Error`` listing every one)."""
    from .skr1_import import procurements_from_sheet

    result = ProcurementImport()
    for values, bids in procurements_from_sheet(upload, fmt):
        month = values["decided_on"].replace(day=1)
        same = Procurement.objects.filter(
            agency=agency,
            title=values["title"],
            contract_number=values["contract_number"],
            decided_on__gte=month,
            decided_on__lte=values["decided_on"].replace(day=28) + datetime.timedelta(days=4),
        )
        if same.exists():
            result.unchanged += 1
            continue
        procurement_save(actor=actor, agency=agency, values={**values, "department": department}, bids=bids)
        result.created += 1
    return result


@transaction.atomic
def spending_plan_set(*, actor, budget: Budget, category: str, amounts: dict[datetime.date, Decimal]) -> int:
    """The planned disbursement of one category month by month (the first day of each month of the fiscal
    year); a month already planned is changed in place, with its audit entry. Returns how many changed."""
    from prongsai.thai.fiscal import fiscal_year_months

    months = set(fiscal_year_months(budget.fiscal_year))
    if set(amounts) - months:
        raise ValidationError(_("เดือนที่ระบุไม่อยู่ในปีงบประมาณนี้"))
    existing = {p.month: p for p in budget.planned.filter(category=category)}
    changed = 0
    for month, amount in sorted(amounts.items()):
        row = existing.get(month)
        if row is None:
            record_create(
                actor=actor, agency=budget.agency,
                instance=PlannedSpending(budget=budget, category=category, month=month, amount=amount),
            )  # fmt: skip
            changed += 1
        elif row.amount != amount:
            before = snapshot(row)
            row.amount = amount
            record_change(actor=actor, agency=budget.agency, instance=row, before=before)
            changed += 1
    _announce(budget)
    return changed
