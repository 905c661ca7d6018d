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
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.agencies.models import Agency, AuditEntry
from prongsai.agencies.notify import Message, staff_notify
from prongsai.agencies.services import (
    audit_record,
    record_change,
    record_create,
    snapshot,
    status_change,
    status_event_record,
)
from prongsai.agencies.signals import announce_public_change, budget_table_printed
from prongsai.agencies.uploads import JPEG, PNG, random_name, validate_upload
from prongsai.disclosure.providers import assignments_refresh
from prongsai.thai.dates import be_year, format_be_date, thai_month_name
from prongsai.thai.fiscal import add_months, month_end

from .lint import lint_plan
from .models import (
    Activity,
    Evidence,
    ImportWarning,
    Indicator,
    MemoSettings,
    Plan,
    ProgressReport,
    ProgressStatus,
    ReviewState,
)
from .parser import (
    COLUMNS,
    ParsedActivity,
    ParsedOitItem,
    ParsedPlan,
    ParseWarning,
    PlanTextError,
    parse_plan,
)

# An import that would withdraw more than this share of the plan's current activities is refused unless
# confirmed: a corrected file changes a few rows, a wrong or cut-off file most of them.
WITHDRAWAL_SHARE = 0.25


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
    # Why the import needs confirming ("" when it does not), and the activities it would withdraw.
    refusal: str = ""
    withdrawals: list[str] = field(default_factory=list)
    confirmed: bool = False

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
            "refusal": self.refusal,
            "withdrawals": self.withdrawals,
            "warnings": [
                {"line": w.line, "text": w.text, "reason": w.reason, "kind": w.kind} for w in self.warnings
            ],
        }


class PlanImportError(ValueError):
    """The document could not be read as a plan at all."""


class PlanImportRefused(PlanImportError):
    """The import would lose data (a cut-off file, or most activities withdrawn): nothing was saved. It
    goes through when confirmed (confirm_withdrawals=True)."""

    def __init__(self, result: ImportResult):
        self.result = result
        listed = "\n".join(f"- {title}" for title in result.withdrawals)
        super().__init__(f"{result.refusal}\n{listed}" if listed else result.refusal)


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
        "cells": {key: row.cells.get(key, "") for key in COLUMNS},
    }


def _signature(warning: ParseWarning) -> str:
    return _key(warning.kind, warning.text, warning.reason, warning.subject)


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


def _printed_row(row) -> dict:
    return {
        "line": row.line,
        "category": row.category,
        "allocated": str(row.allocated),
        "disbursed": str(row.disbursed),
        "remaining": str(row.remaining),
        "rate": str(row.rate) if row.rate is not None else None,
    }


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
    confirm_withdrawals: bool = False,
) -> ImportResult:
    """Create or update the plan of that year from a document. A corrected file updates activities in
    place (their progress reports stay); activities no longer in the file are withdrawn, not deleted.

    A file that ends inside a table, or that would withdraw more than a quarter of the plan's current
    activities, is refused (PlanImportRefused, nothing saved) unless ``confirm_withdrawals``; a dry run
    reports the refusal in the result instead. The warnings are stored with the plan for review
    (ImportWarning); a warning resolved after an earlier import of the same text stays resolved."""
    if kind not in Plan.Kind.values:
        raise PlanImportError(_("ไม่รู้จักประเภทแผน “%(kind)s”") % {"kind": kind})
    departments = {d.name: d for d in agency.departments.filter(is_active=True)}
    try:
        parsed = parse_plan(text, department_names=list(departments) or None, fiscal_year=fiscal_year)
    except PlanTextError as exc:
        raise PlanImportError(str(exc)) from exc
    if not parsed.activities and not parsed.oit_items:
        raise PlanImportError(_("ไม่พบตารางแผนในเอกสารนี้ (ต้องมีแถวหัวตาราง ตัวชี้วัด ... ผู้รับผิดชอบ)"))
    warnings = list(parsed.warnings) + lint_plan(parsed, agency_name=agency.name, fiscal_year=fiscal_year)
    warnings.sort(key=lambda w: w.line)

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
            "rows": [_printed_row(r) for r in budget.rows],
            "total": _printed_row(budget.total) if budget.total else None,
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
    current_before = sum(1 for a in existing.values() if a.withdrawn_at is None)
    carried = _resolved_warnings(plan, warnings)
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

    by_line: dict[int, Activity] = {}
    for order, row in enumerate(rows, start=1):
        indicator = indicator_of(row)
        values = _activity_fields(row, indicator)
        # Names the agency does not have were already reported by the parser, which reads against its list.
        wanted_departments = [departments[name] for name in row.departments if name in departments]
        # What the coordinator decided about this row after an earlier import of the same text.
        for warning in carried.get(row.line, ()):
            wanted_departments = _reapply(warning, values, wanted_departments, plan, indicators)
        activity = matched.get(order - 1)
        if activity is None:
            activity = Activity(plan=plan, key=key_of(row), order=order, **values)
            activity.save()
            by_line[row.line] = activity
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
        by_line[row.line] = activity
        if {d.pk for d in activity.departments.all()} != {d.pk for d in wanted_departments}:
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
    going = [a for a in sorted(existing.values(), key=lambda a: a.order) if a.withdrawn_at is None]
    result.withdrawals = [str(a) for a in going]
    if parsed.truncated is not None:
        result.refusal = _("ไฟล์นี้จบกลางตาราง (บรรทัดที่ %(line)d) อาจเป็นไฟล์ที่ถูกตัด") % {
            "line": parsed.truncated.line
        }
    if current_before and len(going) > current_before * WITHDRAWAL_SHARE:
        reason = _("การนำเข้านี้จะถอนกิจกรรม %(n)d จาก %(total)d กิจกรรมของแผน (เกินหนึ่งในสี่)") % {
            "n": len(going),
            "total": current_before,
        }
        result.refusal = f"{result.refusal} {reason}".strip() if result.refusal else reason
    if result.refusal:
        result.refusal += " " + _("ต้องยืนยันก่อนจึงจะนำเข้าได้")
        result.confirmed = confirm_withdrawals
        if not confirm_withdrawals and not dry_run:
            raise PlanImportRefused(result)
    for activity in going:
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
    _warnings_store(
        actor=actor,
        plan=plan,
        warnings=warnings,
        carried=carried,
        by_line=by_line,
        confirmed=confirm_withdrawals,
    )
    if kind == Plan.Kind.INTEGRITY:
        # The OIT items of indicators 9-10 belong to the disclosure catalogue of that year: the plan's
        # responsible departments become the items' assignments there.
        assignments_refresh(actor=actor, agency=agency, year=plan.fiscal_year)
        if plan.budget_report and parsed.budget:
            # The finance module keeps the table as records beside the printed figures (in this transaction:
            # a dry run or a refused import hands over nothing).
            budget_table_printed.send(
                sender="plans", actor=actor, agency=agency, fiscal_year=fiscal_year, table=plan.budget_report
            )
    announce_public_change(agency=agency, source="plans")
    if dry_run:
        transaction.set_rollback(True)
    return result


# --- import review ---------------------------------------------------------------------------------------


def _resolved_warnings(plan: Plan, warnings: list[ParseWarning]) -> dict[int, list[ImportWarning]]:
    """Warnings of this import already resolved after an earlier one, by the line they are on now."""
    signatures = {_signature(w): w.line for w in warnings}
    done = plan.import_warnings.exclude(state=ImportWarning.State.OPEN).filter(signature__in=signatures)
    carried: dict[int, list[ImportWarning]] = {}
    for warning in done.order_by("resolved_at", "pk"):
        carried.setdefault(signatures[warning.signature], []).append(warning)
    return carried


def _reapply(warning: ImportWarning, values: dict, departments: list, plan: Plan, indicators: dict) -> list:
    """Do again to a re-imported row what the coordinator's resolution did; returns its departments."""
    data = warning.data or {}
    if number := data.get("indicator"):
        values["indicator"] = indicators.get(number) or plan.indicators.filter(number=number).first()
    if "departments" in data:
        chosen = list(plan.agency.departments.filter(pk__in=data["departments"]))
        departments = list({d.pk: d for d in [*departments, *chosen]}.values())
    if replace := data.get("replace"):
        _replace_text(values, *replace)
    if due := data.get("due_date"):
        values["due_date"] = date.fromisoformat(due)
    return departments


def _replace_text(values: dict, old: str, new: str) -> None:
    for name in ("focus", "name", "output", "due_text"):
        values[name] = (values.get(name) or "").replace(old, new)
    values["cells"] = {key: text.replace(old, new) for key, text in (values.get("cells") or {}).items()}


def _warnings_store(*, actor, plan: Plan, warnings, carried, by_line, confirmed: bool) -> None:
    """Replace the plan's open warnings by this import's; the ones resolved before stay resolved."""
    plan.import_warnings.filter(state=ImportWarning.State.OPEN).delete()
    kept = {w.pk for ws in carried.values() for w in ws}
    seen: set[str] = set()
    for warning in warnings:
        signature = _signature(warning)
        if signature in seen:
            continue
        seen.add(signature)
        earlier = next((w for w in carried.get(warning.line, ()) if w.signature == signature), None)
        if earlier is not None and earlier.pk in kept:
            earlier.line, earlier.activity = warning.line, by_line.get(warning.line)
            earlier.save(update_fields=["line", "activity"])
            continue
        stored = ImportWarning.objects.create(
            plan=plan,
            activity=by_line.get(warning.line),
            signature=signature,
            line=warning.line,
            kind=warning.kind if warning.kind in ImportWarning.Kind.values else ImportWarning.Kind.OTHER,
            text=warning.text,
            reason=warning.reason,
            subject=warning.subject[:300],
        )
        if confirmed and warning.kind == ImportWarning.Kind.TRUNCATED:
            # The person who imported saw this one and confirmed the import.
            _warning_close(
                actor=actor,
                warning=stored,
                state=ImportWarning.State.ACCEPTED,
                resolution=_("ยืนยันการนำเข้าแล้ว"),
            )


_WARNING_STEPS = {ImportWarning.State.OPEN: {ImportWarning.State.RESOLVED, ImportWarning.State.ACCEPTED}}


def _warning_close(*, actor, warning: ImportWarning, state: str, resolution: str, data=None) -> None:
    warning.resolution = resolution
    warning.data = data or {}
    warning.resolved_by = actor if getattr(actor, "is_authenticated", False) else None
    warning.resolved_at = timezone.now()
    status_change(
        actor=actor,
        agency=warning.plan.agency,
        instance=warning,
        to_state=state,
        allowed=_WARNING_STEPS,
        note=resolution,
        data=warning.data,
    )


RESOLUTIONS = {
    # kind: the actions that close it ("accept" keeps the document's text and says why)
    ImportWarning.Kind.ORPHAN: ("assign_indicator",),
    ImportWarning.Kind.DEPARTMENT: ("set_departments", "accept"),
    ImportWarning.Kind.AGENCY: ("correct_agency", "accept"),
    ImportWarning.Kind.BUDGET: ("accept",),
    ImportWarning.Kind.DATE: ("set_due_date", "accept"),
    ImportWarning.Kind.TRUNCATED: ("accept",),
    ImportWarning.Kind.OTHER: ("accept",),
}


@transaction.atomic
def warning_resolve(
    *,
    actor,
    warning: ImportWarning,
    action: str,
    note: str = "",
    indicator_number: str = "",
    indicator_title: str = "",
    departments=(),
    replacement: str = "",
    due_date: date | None = None,
) -> ImportWarning:
    """Close one warning of an import: do what the coordinator chose to the row it is about, or accept the
    document as written with a note. The same choice is applied again when the same file is re-imported."""
    warning = ImportWarning.objects.select_for_update().select_related("plan__agency").get(pk=warning.pk)
    plan = warning.plan
    if warning.state != ImportWarning.State.OPEN:
        raise ValidationError(_("ข้อสังเกตนี้ได้รับการแก้ไขแล้ว"))
    if action not in RESOLUTIONS.get(warning.kind, ("accept",)):
        raise ValidationError(_("ข้อสังเกตประเภทนี้แก้ไขด้วยวิธีนี้ไม่ได้"))
    note = note.strip()
    activity = warning.activity
    needs_activity = action in ("assign_indicator", "set_departments", "set_due_date") or (
        action == "correct_agency" and warning.line != 0 and activity is not None
    )
    if needs_activity and activity is None:
        raise ValidationError(_("ไม่พบกิจกรรมของข้อสังเกตนี้ (อาจถูกถอนออกแล้ว) โปรดยืนยันตามเอกสาร"))
    data: dict = {}
    if action == "accept":
        if not note:
            raise ValidationError({"note": _("โปรดระบุเหตุผลที่ยืนยันตามเอกสาร")})
        resolution, state = note, ImportWarning.State.ACCEPTED
    elif action == "assign_indicator":
        number = indicator_number.strip()
        indicator = plan.indicators.filter(number=number).first()
        if indicator is None:
            if not number or not indicator_title.strip():
                raise ValidationError({"indicator_number": _("โปรดเลือกตัวชี้วัด หรือระบุเลขและชื่อตัวชี้วัดใหม่")})
            last = plan.indicators.filter(parent=None).order_by("-order").values_list("order", flat=True)
            indicator = Indicator(plan=plan, number=number, title=indicator_title.strip())
            # In number order among the plan's indicators, so that the outputs list it in its place.
            after = plan.indicators.filter(parent=None).order_by("order")
            earlier = [
                i.order
                for i in after
                if i.number.isdigit() and number.isdigit() and int(i.number) < int(number)
            ]
            indicator.order = (max(earlier) + 50) if earlier else max(0, (last.first() or 100) - 50)
            record_create(actor=actor, agency=plan.agency, instance=indicator)
        _activity_update(actor=actor, activity=activity, indicator=indicator)
        data = {"indicator": indicator.number}
        resolution = _("จัดไว้ในตัวชี้วัดที่ %(n)s %(t)s") % {"n": indicator.number, "t": indicator.title}
        state = ImportWarning.State.RESOLVED
    elif action == "set_departments":
        chosen = list(departments)
        if not chosen or any(d.agency_id != plan.agency_id for d in chosen):
            raise ValidationError({"departments": _("โปรดเลือกฝ่ายของหน่วยงานนี้อย่างน้อยหนึ่งฝ่าย")})
        for department in chosen:
            activity.departments.add(department)
        data = {"departments": [d.pk for d in chosen]}
        resolution = _("มอบหมาย %(names)s") % {"names": " ".join(d.name for d in chosen)}
        state = ImportWarning.State.RESOLVED
    elif action == "correct_agency":
        old = warning.subject
        new = replacement.strip() or plan.agency.name
        if not old:
            raise ValidationError(_("ข้อสังเกตนี้ไม่ได้ระบุชื่อที่จะแก้"))
        if activity is not None:
            values = {name: getattr(activity, name) for name in ("focus", "name", "output", "due_text")}
            values["cells"] = dict(activity.cells)
            _replace_text(values, old, new)
            _activity_update(actor=actor, activity=activity, **values)
        else:
            before = snapshot(plan)
            plan.title = plan.title.replace(old, new)
            record_change(actor=actor, agency=plan.agency, instance=plan, before=before)
        data = {"replace": [old, new]}
        resolution = _("แก้ “%(old)s” เป็น “%(new)s”") % {"old": old, "new": new}
        state = ImportWarning.State.RESOLVED
    elif action == "set_due_date":
        if due_date is None:
            raise ValidationError({"due_date": _("โปรดระบุวันที่แล้วเสร็จ")})
        _activity_update(actor=actor, activity=activity, due_date=due_date)
        data = {"due_date": due_date.isoformat()}
        resolution = _("กำหนดแล้วเสร็จ %(d)s") % {"d": format_be_date(due_date, "long", digits="thai")}
        state = ImportWarning.State.RESOLVED
    if note and action != "accept":
        resolution = f"{resolution} ({note})"
    _warning_close(actor=actor, warning=warning, state=state, resolution=resolution, data=data)
    announce_public_change(agency=plan.agency, source="plans")
    return warning


def _activity_update(*, actor, activity: Activity, **values) -> None:
    before = snapshot(activity)
    for name, value in values.items():
        setattr(activity, name, value)
    record_change(actor=actor, agency=activity.plan.agency, instance=activity, before=before)


@transaction.atomic
def plan_publish(*, actor, plan: Plan, published: bool) -> Plan:
    """Mark the plan published (or not). The public sees it once its import review is finished too."""
    before = snapshot(plan)
    plan.is_published = published
    record_change(actor=actor, agency=plan.agency, instance=plan, before=before)
    announce_public_change(agency=plan.agency, source="plans")
    return plan


# --- next year's plan ------------------------------------------------------------------------------------


def _moved(day: date | None, years: int) -> date | None:
    if day is None:
        return None
    target = add_months(day, 12 * years)
    # The same day of the month, or the month's last day (29 Feb, or a due date at a month's end).
    last = month_end(target)
    return last if day == month_end(day) else target.replace(day=min(day.day, last.day))


@transaction.atomic
def plan_start_from(*, actor, source: Plan, fiscal_year: int) -> Plan:
    """Start the plan of ``fiscal_year`` from ``source`` (an earlier year's plan of the same kind): its
    indicators and current activities, with due dates moved by the years between, owners and channels kept,
    for the coordinator to edit. The new plan is not published until the coordinator publishes it."""
    years = fiscal_year - source.fiscal_year
    if years <= 0:
        raise ValidationError({"fiscal_year": _("ปีงบประมาณของแผนใหม่ต้องอยู่หลังปีของแผนต้นแบบ")})
    if Plan.objects.filter(agency=source.agency, kind=source.kind, fiscal_year=fiscal_year).exists():
        raise ValidationError({"fiscal_year": _("หน่วยงานมีแผนประเภทนี้ของปี %(y)s แล้ว") % {"y": fiscal_year}})
    agency = source.agency
    plan = Plan(
        agency=agency,
        kind=source.kind,
        fiscal_year=fiscal_year,
        title=source.title,
        source_name=source.source_name,
        is_published=False,
        started_from=source,
    )
    record_create(actor=actor, agency=agency, instance=plan)
    copies: dict[int, Indicator] = {}
    for indicator in source.indicators.order_by("parent_id", "order"):
        copy = Indicator(
            plan=plan,
            number=indicator.number,
            title=indicator.title,
            order=indicator.order,
            parent=copies.get(indicator.parent_id),
        )
        copy.save()
        copies[indicator.pk] = copy
    activities = source.activities.current().prefetch_related("departments").order_by("order")
    for activity in activities:
        due = _moved(activity.due_date, years)
        cells = dict(activity.cells)
        if due is not None and cells.get("due"):
            # The old cell names the old year's date: the copy says the new one, for the coordinator to edit.
            cells["due"] = format_be_date(due, "medium", digits="thai")
        copy = Activity(
            plan=plan,
            indicator=copies.get(activity.indicator_id),
            key=activity.key,
            oit_code=activity.oit_code,
            focus=activity.focus,
            name=activity.name,
            output=activity.output,
            target_count=activity.target_count,
            target_unit=activity.target_unit,
            target_per=activity.target_per,
            channels=list(activity.channels),
            due_date=due,
            due_text=cells.get("due", activity.due_text)[:300] if due else activity.due_text,
            all_departments=activity.all_departments,
            monitoring_months=activity.monitoring_months,
            monitoring_text=activity.monitoring_text,
            cells=cells,
            appendix=activity.appendix,
            order=activity.order,
        )
        copy.save()
        copy.departments.set(activity.departments.all())
    audit_record(
        actor=actor,
        agency=agency,
        action=AuditEntry.Action.CREATE,
        instance=plan,
        after={"started_from": source.pk, "activities": len(activities), "indicators": len(copies)},
    )
    return plan


@transaction.atomic
def memo_settings_save(*, actor, agency: Agency, emblem=None, **fields) -> MemoSettings:
    """The agency's memo heading, signer and Word font; the emblem (ตราครุฑ) is a PNG or JPEG it uploads."""
    settings_, created = MemoSettings.objects.get_or_create(agency=agency)
    before = None if created else snapshot(settings_)
    kind = validate_upload(emblem, (JPEG, PNG)) if emblem else None
    for name, value in fields.items():
        setattr(settings_, name, value)
    if kind is not None:
        settings_.emblem.save(random_name(kind), emblem, save=False)
    record_change(actor=actor, agency=agency, instance=settings_, before=before)
    return settings_


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
    _tell_reporter(report)
    return report


def _tell_reporter(report: ProgressReport) -> None:
    """The officer who sent a report hears that it was accepted, or returned and why (the e-mail is a task
    row committed with the review, so a review that fails sends nothing)."""
    activity, plan = report.activity, report.activity.plan
    month = f"{thai_month_name(report.period.month, abbreviated=True)} {be_year(report.period)}"
    link = (
        reverse(
            "plans:activity",
            kwargs={"agency": plan.agency.slug, "year": plan.ref, "activity_id": activity.pk},
        )
        + f"?period={report.period:%Y-%m}"
    )
    values = {"month": month, "activity": activity.focus or activity.name, "comment": report.review_comment}
    if report.review_state == ReviewState.RETURNED:
        subject = _("[โปร่งใส] รายงานเดือน %(month)s ถูกส่งกลับให้แก้ไข") % values
        body = _("รายงานของกิจกรรม %(activity)s ถูกส่งกลับให้แก้ไข\nความเห็นผู้ตรวจ: %(comment)s") % values
    else:
        subject = _("[โปร่งใส] รายงานเดือน %(month)s ได้รับการรับรองแล้ว") % values
        body = _("รายงานของกิจกรรม %(activity)s ได้รับการรับรองแล้ว") % values
        if report.review_comment:
            body += "\n" + _("ความเห็นผู้ตรวจ: %(comment)s") % values
    staff_notify(users=[report.submitted_by_id], message=Message(subject=subject, body=f"{body}\n\n{link}"))


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
    changed = {name for name, value in fields.items() if getattr(activity, name, None) != value}
    if not created and list(activity.channels) != list(channels):
        changed.add("channels")
    if not created and {d.pk for d in activity.departments.all()} != {d.pk for d in departments}:
        changed.add("departments")
    for name, value in fields.items():
        setattr(activity, name, value)
    activity.channels = channels
    if activity.cells:
        # An imported activity prints its cells as written: a cell the coordinator changed here prints
        # the new value instead, the others stay as the document wrote them.
        cells = dict(activity.cells)
        for name in changed & {"focus", "name", "output"}:
            cells[name] = getattr(activity, name)
        if "channels" in changed:
            cells["channel"] = "\n".join(channels)
        if "due_date" in changed:
            cells["due"] = (
                format_be_date(activity.due_date, "short", digits="thai") if activity.due_date else ""
            )
        if changed & {"departments", "all_departments"}:
            cells["departments"] = (
                "ทุกฝ่าย" if activity.all_departments else "\n".join(d.name for d in departments)
            )
        if "monitoring_months" in changed:
            cells["monitoring"] = (
                f"ทุก {activity.monitoring_months} เดือน" if activity.monitoring_months else ""
            )
        activity.cells = cells
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
