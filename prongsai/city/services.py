"""Writes of the city: loading children under a parent, the readiness snapshots, and pushing a catalogue to
the children. The city changes nothing else inside a district."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.agencies.models import Agency, AuditEntry
from prongsai.agencies.services import agency_create, audit_record, record_change, record_create, snapshot
from prongsai.disclosure.models import Adoption, Assignment, Catalogue
from prongsai.disclosure.providers import readiness_summary
from prongsai.disclosure.services import catalogue_adopt
from prongsai.documents.tabular import read_rows
from prongsai.thai.fiscal import fiscal_year

from .models import ReadinessSnapshot

# --- loading children from a file ----------------------------------------------------------------------

HEADER = ("slug", "name", "name_en")


@dataclass
class LoadResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)  # (row number as the file shows it, why)


def _text(value) -> str:
    return "" if value is None else str(value).strip()


@transaction.atomic
def agencies_load(*, actor, parent: Agency, data: bytes, fmt: str = "csv") -> LoadResult:
    """Children of ``parent`` from a CSV/XLSX of slug, Thai name, English name (header row first).

    Idempotent: a known slug under this parent with the same names is left alone, one with other names or no
    parent yet is updated (with its audit entry), one under another parent is refused. Every row that cannot
    be used is reported with its number; the good rows are loaded."""
    result = LoadResult()
    rows = read_rows(data, fmt)  # TabularError: the file itself cannot be read
    header = [_text(c).lower() for c in rows[0][1]]
    if tuple(header[:3]) != HEADER:
        raise ValidationError(_("แถวแรกต้องเป็นหัวตาราง slug, name, name_en"))
    existing = {a.slug: a for a in Agency.objects.filter(slug__in=[_text(r[1][0]) for r in rows[1:] if r[1]])}
    seen: set[str] = set()
    for number, cells in rows[1:]:
        cells = list(cells) + [None] * (3 - len(cells))
        slug, name, name_en = (_text(c) for c in cells[:3])
        if not slug or not name:
            result.problems.append((number, _("ต้องมีทั้งชื่อย่อ (slug) และชื่อภาษาไทย")))
            continue
        if slug in seen:
            result.problems.append((number, _("ชื่อย่อ %(slug)s ซ้ำกับแถวก่อนหน้า") % {"slug": slug}))
            continue
        seen.add(slug)
        if slug == parent.slug:
            result.problems.append((number, _("หน่วยงานต้นสังกัดเป็นหน่วยงานในสังกัดของตัวเองไม่ได้")))
            continue
        agency = existing.get(slug)
        try:
            if agency is None:
                with transaction.atomic():  # a refused row leaves nothing behind, the others go on
                    agency = Agency(
                        slug=slug,
                        name=name,
                        name_en=name_en,
                        kind=Agency.Kind.DISTRICT_OFFICE,
                        parent=parent,
                        parent_name=parent.name,
                    )
                    record_create(actor=actor, agency=agency, instance=agency)
                result.created.append(slug)
                continue
            if agency.parent_id not in (None, parent.pk):
                result.problems.append((number, _("หน่วยงาน %(slug)s อยู่ในสังกัดอื่นแล้ว") % {"slug": slug}))
                continue
            if agency.parent_id == parent.pk and agency.name == name and agency.name_en == name_en:
                result.unchanged.append(slug)
                continue
            before = snapshot(agency)
            agency.parent, agency.name, agency.name_en = parent, name, name_en
            agency.parent_name = parent.name
            agency.full_clean()
            record_change(actor=actor, agency=agency, instance=agency, before=before)
            result.updated.append(slug)
        except ValidationError as exc:
            messages = (
                [m for ms in exc.message_dict.values() for m in ms]
                if hasattr(exc, "error_dict")
                else exc.messages
            )
            result.problems.append((number, f"{slug}: " + "; ".join(messages)))
    return result


def parent_ensure(*, actor, slug: str, name: str, name_en: str = "") -> tuple[Agency, bool]:
    agency = Agency.objects.filter(slug=slug).first()
    if agency is not None:
        return agency, False
    return agency_create(actor=actor, slug=slug, name=name, name_en=name_en, kind=Agency.Kind.OTHER), True


# --- readiness snapshots ---------------------------------------------------------------------------------


@transaction.atomic
def readiness_snapshot_refresh(*, agency: Agency, year: int, scheme: str) -> ReadinessSnapshot | None:
    """The OIT core's readiness of the agency's catalogue ``scheme`` of ``year`` now, kept for the city.
    None (and any old snapshot removed) when the agency has not adopted that catalogue."""
    summary = readiness_summary(agency, year, scheme)
    if summary is None:
        ReadinessSnapshot.objects.filter(agency=agency, year=year, scheme=scheme).delete()
        return None
    items = [
        {
            "code": p.code,
            "title": p.title,
            "sub_indicator": p.sub_indicator,
            "passed": p.passed,
            "problems": list(p.problems),
        }
        for p in summary
    ]
    snapshot_row, _created = ReadinessSnapshot.objects.update_or_create(
        agency=agency,
        year=year,
        scheme=scheme,
        defaults={
            "items": items,
            "ready": sum(p.passed for p in summary),
            "total": len(summary),
            "computed_at": timezone.now(),
        },
    )
    return snapshot_row


def readiness_refresh_enqueue(*, parent: Agency, year: int | None = None, children=None) -> int:
    """One worker task per child and adopted catalogue of ``year`` (the current fiscal year by default)."""
    from .tasks import readiness_refresh

    year = year or fiscal_year(timezone.localdate())
    children = children if children is not None else parent.children.filter(is_active=True)
    pairs = Adoption.objects.filter(agency__in=children, catalogue__year=year).values_list(
        "agency_id", "catalogue__scheme"
    )
    count = 0
    for agency_id, scheme in pairs:
        readiness_refresh.enqueue(agency_id, year, scheme)
        count += 1
    return count


# --- pushing a catalogue to the children -----------------------------------------------------------------


@dataclass
class ChildChange:
    """What a push would do to one child, read before anything is written."""

    agency: Agency
    adopts: bool  # not yet answering to the catalogue
    new_items: list[str]  # item codes that get an assignment
    own_assignments: list[tuple[str, str, str]]  # (code, the district's departments, the catalogue's): kept
    unmatched: list[str]  # codes whose catalogue departments the district does not have (left unassigned)

    @property
    def changes(self) -> bool:
        return self.adopts or bool(self.new_items)


def _names(departments) -> str:
    return ", ".join(sorted(departments)) or "—"


def push_preview(*, parent: Agency, catalogue: Catalogue, children: list[Agency]) -> list[ChildChange]:
    """For each child, what pushing ``catalogue`` changes and which of its own assignments differ from the
    catalogue's (those are the district's later edits: the push keeps them and says so). A fixed number of
    queries for any number of children."""
    items = list(catalogue.items.order_by("number"))
    adopted = set(
        Adoption.objects.filter(agency__in=children, catalogue=catalogue).values_list("agency_id", flat=True)
    )
    assignments: dict[int, dict[int, Assignment]] = {c.pk: {} for c in children}
    for a in Assignment.objects.filter(agency__in=children, item__catalogue=catalogue).prefetch_related(
        "departments"
    ):
        assignments[a.agency_id][a.item_id] = a
    department_names: dict[int, set[str]] = {c.pk: set() for c in children}
    from prongsai.agencies.models import Department

    for agency_id, name in Department.objects.filter(agency__in=children, is_active=True).values_list(
        "agency_id", "name"
    ):
        department_names[agency_id].add(name)
    out = []
    for child in children:
        own, new, unmatched = [], [], []
        names = department_names[child.pk]
        for item in items:
            wanted_all = "*" in item.department_names
            wanted = {n for n in item.department_names if n in names}
            current = assignments[child.pk].get(item.pk)
            if current is None:
                new.append(item.code)
                if not wanted_all and not wanted:
                    unmatched.append(item.code)
                continue
            have = {d.name for d in current.departments.all()}
            if current.all_departments != wanted_all or have != wanted:
                own.append(
                    (
                        item.code,
                        _("ทุกฝ่าย") if current.all_departments else _names(have),
                        _("ทุกฝ่าย") if wanted_all else _names(wanted),
                    )
                )
        out.append(
            ChildChange(
                agency=child,
                adopts=child.pk not in adopted,
                new_items=new,
                own_assignments=own,
                unmatched=unmatched,
            )
        )
    return out


def preview_fingerprint(changes: list[ChildChange]) -> str:
    """What the confirmation page showed: a push whose preview no longer matches is refused, so that a
    district's edit made between the preview and the confirmation is never overwritten unseen."""
    data = [(c.agency.pk, c.adopts, c.new_items, c.own_assignments) for c in changes]
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, default=str).encode()).hexdigest()[:32]


@transaction.atomic
def push_apply(
    *, actor, parent: Agency, catalogue: Catalogue, children: list[Agency], fingerprint: str
) -> list[ChildChange]:
    """Every chosen child answers to ``catalogue`` (its items and their deadlines), in one transaction, with
    an audit entry in each child's log. Assignments a child already has are kept as they are (its own
    choice); only missing ones are created, from the departments the catalogue names."""
    if any(c.parent_id != parent.pk for c in children):
        raise ValidationError(_("ส่งได้เฉพาะหน่วยงานในสังกัด"))
    # Lock the children's rows: two coordinators pushing at once wait for each other.
    list(Agency.objects.select_for_update().filter(pk__in=[c.pk for c in children]))
    changes = push_preview(parent=parent, catalogue=catalogue, children=children)
    if preview_fingerprint(changes) != fingerprint:
        raise ValidationError(_("ข้อมูลของหน่วยงานในสังกัดเปลี่ยนไปหลังจากที่แสดงรายการ โปรดตรวจดูอีกครั้ง"))
    for change in changes:
        if not change.changes:
            continue
        catalogue_adopt(actor=actor, agency=change.agency, catalogue=catalogue)
        audit_record(
            actor=actor,
            agency=change.agency,
            action=AuditEntry.Action.OTHER,
            model="disclosure.catalogue",
            object_id=str(catalogue.pk),
            object_repr=f"{parent.slug} → {catalogue}"[:300],
            after={
                "pushed_by": parent.slug,
                "catalogue": f"{catalogue.scheme} {catalogue.year}",
                "adopted": change.adopts,
                "new_items": change.new_items,
                "kept_own_assignments": [code for code, _have, _want in change.own_assignments],
            },
        )
    return changes
