"""Writes of the plans app: importing a plan document, monthly progress reports, review, evidence."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.agencies.models import Agency, AuditEntry
from prongsai.agencies.services import (
    audit_record,
    record_change,
    record_create,
    snapshot,
    status_event_record,
)
from prongsai.agencies.signals import announce_public_change
from prongsai.agencies.uploads import random_name, validate_upload
from prongsai.disclosure.providers import assignments_refresh

from .lint import lint_plan
from .models import (
    Activity,
    Evidence,
    Indicator,
    Plan,
    ProgressReport,
    ProgressStatus,
    ReviewState,
)
from .parser import ParsedActivity, ParsedOitItem, ParsedPlan, ParseWarning, parse_plan


@dataclass
class ImportResult:
    plan: Plan | None
    indicators: int
    activities: int
    oit_items: int
    budget_rows: int
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    withdrawn: int = 0
    warnings: list[ParseWarning] = field(default_factory=list)
    dry_run: bool = False

    def as_dict(self) -> dict:
        return {
            "plan": self.plan.pk if self.plan and not self.dry_run else None,
            "indicators": self.indicators,
            "activities": self.activities,
            "oit_items": self.oit_items,
            "budget_rows": self.budget_rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "withdrawn": self.withdrawn,
            "dry_run": self.dry_run,
            "warnings": [{"line": w.line, "text": w.text, "reason": w.reason} for w in self.warnings],
        }


class PlanImportError(ValueError):
    """The document could not be read as a plan at all."""


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(_normalise(p) for p in parts).encode()).hexdigest()


def _activity_fields(row: ParsedActivity | ParsedOitItem, indicator: Indicator | None) -> dict:
    if isinstance(row, ParsedOitItem):
        focus, name, oit_code, appendix = row.title, row.activity, row.code, False
    else:
        focus, name, oit_code, appendix = row.focus, row.name, "", row.appendix
    target = row.target
    return {
        "indicator": indicator,
        "oit_code": oit_code,
        "focus": focus,
        "name": name,
        "output": row.output,
        "target_count": target.count if target else None,
        "target_unit": target.unit if target else "",
        "target_per": (target.per or "") if target else "",
        "channels": list(row.channels),
        "due_date": row.due_date,
        "due_text": row.due_text[:300],
        "all_departments": row.all_departments,
        "monitoring_months": row.monitoring_months,
        "monitoring_text": row.monitoring_text[:100],
        "appendix": appendix,
        "source_line": row.line,
    }


def _indicators_save(plan: Plan, parsed: ParsedPlan) -> dict[str, Indicator]:
    by_number = {i.number: i for i in plan.indicators.all()}
    order = 0
    for parsed_indicator in parsed.indicators:
        order += 1
        indicator = by_number.get(parsed_indicator.number) or Indicator(
            plan=plan, number=parsed_indicator.number
        )
        indicator.title = parsed_indicator.title or indicator.title or ""
        indicator.order = order * 100
        indicator.parent = None
        indicator.save()
        by_number[indicator.number] = indicator
        for sub_order, sub in enumerate(parsed_indicator.sub_indicators, start=1):
            child = by_number.get(sub.code) or Indicator(plan=plan, number=sub.code)
            child.title, child.parent, child.order = sub.title, indicator, order * 100 + sub_order
            child.save()
            by_number[sub.code] = child
    return by_number


@transaction.atomic
def plan_import(
    *,
    actor,
    agency: Agency,
    fiscal_year: int,
    text: str,
    source_name: str = "",
    kind: str = Plan.Kind.INTEGRITY,
    dry_run: bool = False,
) -> ImportResult:
    """Create or update the plan of that year from a document. A corrected file updates activities in
    place (their progress reports stay); activities no longer in the file are withdrawn, not deleted."""
    departments = {d.name: d for d in agency.departments.filter(is_active=True)}
    parsed = parse_plan(text, department_names=list(departments) or None)
    if not parsed.activities and not parsed.oit_items:
        raise PlanImportError(_("ไม่พบตารางแผนในเอกสารนี้ (ต้องมีแถวหัวตาราง ตัวชี้วัด ... ผู้รับผิดชอบ)"))
    warnings = list(parsed.warnings) + lint_plan(parsed, agency_name=agency.name, fiscal_year=fiscal_year)

    plan, plan_created = Plan.objects.get_or_create(
        agency=agency,
        kind=kind,
        fiscal_year=fiscal_year,
        defaults={"title": parsed.title or Plan.Kind(kind).label},
    )
    before_plan = None if plan_created else snapshot(plan)
    plan.title = parsed.title or plan.title
    plan.source_name = source_name[:255]
    if parsed.budget:
        budget = parsed.budget
        plan.budget_report = {
            "title": budget.title,
            "fiscal_year": budget.fiscal_year,
            "as_of": budget.as_of.isoformat() if budget.as_of else None,
            "rows": [
                {
                    "line": r.line,
                    "category": r.category,
                    "allocated": str(r.allocated),
                    "disbursed": str(r.disbursed),
                    "remaining": str(r.remaining),
                    "rate": str(r.rate) if r.rate is not None else None,
                }
                for r in budget.rows
            ],
        }
    plan.save()
    audit_record(
        actor=actor,
        agency=agency,
        action=AuditEntry.Action.CREATE if plan_created else AuditEntry.Action.CHANGE,
        instance=plan,
        before=before_plan,
        after=snapshot(plan),
    )

    indicators = _indicators_save(plan, parsed)
    rows: list[ParsedActivity | ParsedOitItem] = [*parsed.activities, *parsed.oit_items]
    rows.sort(key=lambda r: r.line)
    existing = {a.key: a for a in plan.activities.prefetch_related("departments")}
    result = ImportResult(
        plan=plan,
        indicators=len(parsed.indicators),
        activities=len(parsed.activities),
        oit_items=len(parsed.oit_items),
        budget_rows=len(parsed.budget.rows) if parsed.budget else 0,
        warnings=warnings,
        dry_run=dry_run,
    )

    def indicator_of(row) -> Indicator | None:
        number = row.sub_indicator or row.indicator
        return indicators.get(number) if number else None

    def key_of(row) -> str:
        if isinstance(row, ParsedOitItem):
            return _key("oit", row.code)
        return _key(row.indicator or "", "appendix" if row.appendix else "", row.focus, row.name)

    # First the rows whose text is unchanged; then a changed text takes the place of the unmatched activity
    # at the same position under the same indicator (a corrected file), so its progress reports stay.
    matched: dict[int, Activity] = {}
    for index, row in enumerate(rows):
        if key_of(row) in existing:
            matched[index] = existing.pop(key_of(row))
    leftovers: dict[str, list[Activity]] = {}
    for activity in sorted(existing.values(), key=lambda a: a.order):
        if not activity.oit_code and activity.withdrawn_at is None:
            leftovers.setdefault(str(activity.indicator_id), []).append(activity)
    for index, row in enumerate(rows):
        if index not in matched and not isinstance(row, ParsedOitItem):
            candidates = leftovers.get(str(indicator_of(row).pk if indicator_of(row) else None), [])
            if candidates:
                matched[index] = candidates.pop(0)
                existing.pop(matched[index].key)

    for order, row in enumerate(rows, start=1):
        indicator = indicator_of(row)
        values = _activity_fields(row, indicator)
        # Names the agency does not have were already reported by the parser, which reads against its list.
        wanted_departments = [departments[name] for name in row.departments if name in departments]
        activity = matched.get(order - 1)
        if activity is None:
            activity = Activity(plan=plan, key=key_of(row), order=order, **values)
            activity.save()
            activity.departments.set(wanted_departments)
            result.created += 1
            audit_record(
                actor=actor,
                agency=agency,
                action=AuditEntry.Action.CREATE,
                instance=activity,
                after=snapshot(activity),
            )
            continue
        before = snapshot(activity)
        for name, value in values.items():
            setattr(activity, name, value)
        activity.key, activity.order, activity.withdrawn_at = key_of(row), order, None
        activity.save()
        activity.departments.set(wanted_departments)
        after = snapshot(activity)
        if {k: v for k, v in before.items() if k not in ("order", "source_line")} == {
            k: v for k, v in after.items() if k not in ("order", "source_line")
        }:
            result.unchanged += 1
        else:
            result.updated += 1
            audit_record(
                actor=actor,
                agency=agency,
                action=AuditEntry.Action.CHANGE,
                instance=activity,
                before=before,
                after=after,
            )
    for activity in existing.values():
        if activity.withdrawn_at is None:
            before = snapshot(activity)
            activity.withdrawn_at = timezone.now()
            activity.save(update_fields=["withdrawn_at"])
            result.withdrawn += 1
            audit_record(
                actor=actor,
                agency=agency,
                action=AuditEntry.Action.WITHDRAW,
                instance=activity,
                before=before,
                after=snapshot(activity),
            )
    if kind == Plan.Kind.INTEGRITY:
        # The OIT items of indicators 9-10 belong to the disclosure catalogue of that year: the plan's
        # responsible departments become the items' assignments there.
        assignments_refresh(actor=actor, agency=agency, year=plan.fiscal_year)
    announce_public_change(agency=agency, source="plans")
    if dry_run:
        transaction.set_rollback(True)
    return result


def _event(report: ProgressReport, *, actor, from_state: str, comment: str = "") -> None:
    status_event_record(
        actor=actor,
        agency=report.activity.plan.agency,
        instance=report,
        from_state=from_state,
        to_state=report.review_state,
        note=comment,
        data={"status": report.status, "percent": report.percent},
    )


@transaction.atomic
def report_submit(
    *,
    actor,
    activity: Activity,
    period: date,
    status: str,
    percent: int,
    narrative: str = "",
    files: list[UploadedFile] = (),
    links: list[tuple[str, str]] = (),
) -> ProgressReport:
    """Submit (or re-submit after a return) the report of one month. Accepted reports are final."""
    period = period.replace(day=1)
    if status not in ProgressStatus.values:
        raise ValidationError({"status": _("สถานะไม่ถูกต้อง")})
    if not 0 <= percent <= 100:
        raise ValidationError({"percent": _("ร้อยละต้องอยู่ระหว่าง 0 ถึง 100")})
    if status == ProgressStatus.DONE and percent != 100:
        raise ValidationError({"percent": _("กิจกรรมที่แล้วเสร็จต้องมีความคืบหน้าร้อยละ 100")})
    kinds = [validate_upload(f) for f in files]  # every file is checked before anything is written
    report = ProgressReport.objects.select_for_update().filter(activity=activity, period=period).first()
    before = None
    from_state = ""
    if report is not None:
        if report.review_state == ReviewState.ACCEPTED:
            raise ValidationError(_("รายงานเดือนนี้ได้รับการรับรองแล้ว แก้ไขไม่ได้"))
        before, from_state = snapshot(report), report.review_state
    else:
        report = ProgressReport(activity=activity, period=period)
    report.status, report.percent, report.narrative = status, percent, narrative
    report.review_state, report.review_comment = ReviewState.SUBMITTED, ""
    report.submitted_by, report.submitted_at = actor, timezone.now()
    report.reviewed_by, report.reviewed_at = None, None
    report.full_clean(exclude=["activity"])
    report.save()
    _event(report, actor=actor, from_state=from_state)
    written: list[Evidence] = []
    try:
        for upload, kind in zip(files, kinds, strict=True):
            written.append(evidence_add(actor=actor, report=report, upload=upload, kind=kind))
    except Exception:
        for evidence in written:
            evidence.file.storage.delete(evidence.file.name)
        raise
    for title, url in links:
        evidence_link_add(actor=actor, report=report, title=title, url=url)
    audit_record(
        actor=actor,
        agency=activity.plan.agency,
        action=AuditEntry.Action.CHANGE if before else AuditEntry.Action.CREATE,
        instance=report,
        before=before,
        after=snapshot(report),
    )
    return report


@transaction.atomic
def report_review(*, actor, report: ProgressReport, accept: bool, comment: str = "") -> ProgressReport:
    if report.review_state != ReviewState.SUBMITTED:
        raise ValidationError(_("ตรวจได้เฉพาะรายงานที่รอตรวจ"))
    if not accept and not comment.strip():
        raise ValidationError({"comment": _("โปรดระบุเหตุผลที่ส่งกลับ เพื่อให้ฝ่ายแก้ไขได้ถูกต้อง")})
    before = snapshot(report)
    report.review_state = ReviewState.ACCEPTED if accept else ReviewState.RETURNED
    report.review_comment = comment.strip()
    report.reviewed_by, report.reviewed_at = actor, timezone.now()
    report.save()
    _event(report, actor=actor, from_state=before["review_state"], comment=report.review_comment)
    audit_record(
        actor=actor,
        agency=report.activity.plan.agency,
        action=AuditEntry.Action.CHANGE,
        instance=report,
        before=before,
        after=snapshot(report),
    )
    return report


def evidence_add(*, actor, report: ProgressReport, upload: UploadedFile, kind=None) -> Evidence:
    """Store one evidence file. If anything fails after the file was written, the file is removed again,
    so a failed upload leaves neither a record nor a stray file."""
    kind = kind or validate_upload(upload)
    evidence = Evidence(
        report=report,
        kind=Evidence.Kind.FILE,
        title=upload.name[:300],
        original_name=upload.name[:255],
        content_type=kind.content_type,
        size=upload.size,
        uploaded_by=actor,
        uploaded_at=timezone.now(),
    )
    evidence.file.save(random_name(kind), upload, save=False)
    try:
        with transaction.atomic():
            evidence.save()
            audit_record(
                actor=actor,
                agency=report.activity.plan.agency,
                action=AuditEntry.Action.CREATE,
                instance=evidence,
                after=snapshot(evidence),
            )
    except Exception:
        evidence.file.storage.delete(evidence.file.name)
        raise
    return evidence


def evidence_link_add(*, actor, report: ProgressReport, title: str, url: str) -> Evidence:
    evidence = Evidence(
        report=report,
        kind=Evidence.Kind.LINK,
        title=title[:300] or url[:300],
        url=url,
        uploaded_by=actor,
        uploaded_at=timezone.now(),
    )
    evidence.full_clean(exclude=["report", "file"])
    evidence.save()
    audit_record(
        actor=actor,
        agency=report.activity.plan.agency,
        action=AuditEntry.Action.CREATE,
        instance=evidence,
        after=snapshot(evidence),
    )
    return evidence


@transaction.atomic
def plan_create(*, actor, agency: Agency, kind: str, fiscal_year: int, title: str) -> Plan:
    if Plan.objects.filter(agency=agency, kind=kind, fiscal_year=fiscal_year).exists():
        raise ValidationError({"kind": _("หน่วยงานมีแผนประเภทนี้ของปีนี้แล้ว")})
    plan = Plan(agency=agency, kind=kind, fiscal_year=fiscal_year, title=title.strip())
    record_create(actor=actor, agency=agency, instance=plan)
    announce_public_change(agency=agency, source="plans")
    return plan


@transaction.atomic
def activity_save(
    *, actor, plan: Plan, activity: Activity | None, departments, channels, **fields
) -> Activity:
    """Create an activity written in the back office, or change one (assignment, due date, texts)."""
    if any(d.agency_id != plan.agency_id for d in departments):
        raise ValidationError(_("มอบหมายได้เฉพาะฝ่ายของหน่วยงานนี้"))
    indicator = fields.get("indicator")
    if indicator is not None and indicator.plan_id != plan.pk:
        raise ValidationError(_("ตัวชี้วัดไม่อยู่ในแผนนี้"))
    created = activity is None
    if created:
        last = plan.activities.order_by("-order").values_list("order", flat=True).first() or 0
        activity = Activity(plan=plan, key=secrets.token_hex(16), order=last + 1)
        before = None
    else:
        before = snapshot(activity)
    for name, value in fields.items():
        setattr(activity, name, value)
    activity.channels = channels
    activity.save()
    activity.departments.set(departments)
    audit_record(
        actor=actor,
        agency=plan.agency,
        action=AuditEntry.Action.CREATE if created else AuditEntry.Action.CHANGE,
        instance=activity,
        before=before,
        after=snapshot(activity),
    )
    announce_public_change(agency=plan.agency, source="plans")
    return activity


@transaction.atomic
def activity_withdraw(*, actor, activity: Activity) -> Activity:
    before = snapshot(activity)
    activity.withdrawn_at = timezone.now()
    record_change(
        actor=actor,
        agency=activity.plan.agency,
        instance=activity,
        before=before,
        action=AuditEntry.Action.WITHDRAW,
        update_fields=["withdrawn_at"],
    )
    announce_public_change(agency=activity.plan.agency, source="plans")
    return activity
