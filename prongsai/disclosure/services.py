"""Writes of the disclosure app: loading catalogues, adopting and assigning them, publishing entries."""

from __future__ import annotations

import json
import logging
import secrets
from datetime import date, datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.agencies.access import members_with
from prongsai.agencies.models import Agency, AuditEntry, Department
from prongsai.agencies.notify import Message, staff_notify
from prongsai.agencies.services import audit_record, record_change, snapshot, status_event_record
from prongsai.agencies.signals import announce_public_change
from prongsai.agencies.uploads import CSV, DOCX, JPEG, PDF, PNG, XLSX, random_name, validate_upload
from prongsai.documents.extract import extract_text
from prongsai.thai.text import clean

from .models import (
    Adoption,
    Assignment,
    Catalogue,
    CatalogueItem,
    Publication,
    PublicationVersion,
    SubIndicator,
)

CATALOGUE_DIR = Path(__file__).resolve().parent / "catalogues"
logger = logging.getLogger(__name__)

FILE_FORMATS = {PDF: "pdf", DOCX: "docx", XLSX: "xlsx", CSV: "csv", JPEG: "image", PNG: "image"}
EXTRACTED_FORMATS = frozenset({"pdf", "docx", "xlsx", "csv"})


# --- catalogues ---------------------------------------------------------------------------------------


@transaction.atomic
def catalogue_load(data: dict) -> tuple[Catalogue, int, int]:
    """Create or update a catalogue from its data file; returns it with the numbers of items created and
    updated. Items are matched by code, so loading the same file again changes nothing. A provider name
    that an installed app does not define is refused with the item's code (a typo would leave it empty)."""
    from .providers import check_names

    for raw in data["items"]:
        bad = check_names(raw.get("providers") or [])
        if bad:
            raise ValidationError(f"item {raw['code']}: unknown provider {', '.join(bad)}")
    catalogue, _created = Catalogue.objects.update_or_create(
        scheme=data["scheme"],
        year=data["year"],
        defaults={"title": data["title"], "title_en": data.get("title_en", "")},
    )
    subs = {}
    for order, sub in enumerate(data["sub_indicators"], start=1):
        subs[sub["code"]], _c = SubIndicator.objects.update_or_create(
            catalogue=catalogue,
            code=sub["code"],
            defaults={"title": sub["title"], "title_en": sub.get("title_en", ""), "order": order},
        )
    created = updated = 0
    for raw in data["items"]:
        if raw["sub_indicator"] not in subs:
            raise ValidationError(f"item {raw['code']}: unknown sub-indicator {raw['sub_indicator']}")
        _item, was_created = CatalogueItem.objects.update_or_create(
            catalogue=catalogue,
            code=raw["code"].lower(),
            defaults={
                "sub_indicator": subs[raw["sub_indicator"]],
                "number": raw["number"],
                "title": raw["title"],
                "title_en": raw.get("title_en", ""),
                "requirements": raw.get("requirements", []),
                "formats": raw.get("formats", []),
                "period": raw["period"],
                "department_names": raw.get("departments", []),
                "deadline": date.fromisoformat(raw["deadline"]) if raw.get("deadline") else None,
                "infographic": raw.get("infographic") or "",
                "providers": list(raw.get("providers") or []),
                "note": raw.get("note", ""),
            },
        )
        created += was_created
        updated += not was_created
    return catalogue, created, updated


@transaction.atomic
def crosswalk_load(data: dict) -> int:
    source = Catalogue.objects.get(scheme=data["from"]["scheme"], year=data["from"]["year"])
    target = Catalogue.objects.get(scheme=data["to"]["scheme"], year=data["to"]["year"])
    targets = {i.code: i for i in target.items.all()}
    count = 0
    for link in data["links"]:
        item = source.items.get(code=link["from"])
        item.linked.add(*[targets[code] for code in link["to"]])
        count += len(link["to"])
    return count


def catalogues_load_shipped(directory: Path = CATALOGUE_DIR) -> list[str]:
    """Load every catalogue file, then every crosswalk (whose name has "--"), from the data folder."""
    lines = []
    files = sorted(directory.glob("*.json"))
    for path in [p for p in files if "--" not in p.name]:
        catalogue, created, updated = catalogue_load(json.loads(path.read_text(encoding="utf-8")))
        lines.append(f"{path.name}: {catalogue.scheme} {catalogue.year}, {created} created, {updated} kept")
    for path in [p for p in files if "--" in p.name]:
        lines.append(f"{path.name}: {crosswalk_load(json.loads(path.read_text(encoding='utf-8')))} links")
    return lines


@transaction.atomic
def catalogue_adopt(*, actor, agency: Agency, catalogue: Catalogue) -> Adoption:
    """The agency answers to this catalogue: each item is assigned to the departments the catalogue names
    (by name; "*" means every department). Existing assignments are kept."""
    adoption, created = Adoption.objects.get_or_create(agency=agency, catalogue=catalogue)
    departments = {d.name: d for d in agency.departments.filter(is_active=True)}
    for item in catalogue.items.all():
        assignment, new = Assignment.objects.get_or_create(agency=agency, item=item)
        if new:
            assignment.all_departments = "*" in item.department_names
            assignment.save()
            assignment.departments.set([departments[n] for n in item.department_names if n in departments])
    # A plan imported before the catalogue was adopted already says who answers for each item.
    assignments_from_providers(actor=actor, agency=agency, year=catalogue.year)
    if created:
        audit_record(
            actor=actor,
            agency=agency,
            action=AuditEntry.Action.CREATE,
            instance=adoption,
            after=snapshot(adoption),
        )
        # The public side follows the adopted catalogues (its years, the OIT link on every page).
        announce_public_change(agency=agency, source="disclosure")
    return adoption


@transaction.atomic
def assignments_from_providers(*, actor, agency: Agency, year: int) -> int:
    """The modules say who answers for the items of a year (the integrity plan lists the OIT items with
    their responsible departments, indicators 9-10): those become the assignments of the items with the same
    code in the catalogues the agency adopted for that year. Returns how many assignments changed."""
    from .providers import item_assignments

    by_code = item_assignments(agency, year)
    changed = 0
    assignments = (
        Assignment.objects.filter(agency=agency, item__catalogue__year=year, item__code__in=by_code)
        .select_related("item")
        .prefetch_related("departments")
    )
    for assignment in assignments:
        wanted_assignment = by_code[assignment.item.code]
        wanted = set(wanted_assignment.departments)
        if (
            wanted == set(assignment.departments.all())
            and wanted_assignment.all_departments == assignment.all_departments
        ):
            continue
        if not wanted and not wanted_assignment.all_departments:
            continue  # the module names nobody: keep what the catalogue said
        assignment_set(
            actor=actor,
            assignment=assignment,
            departments=list(wanted),
            all_departments=wanted_assignment.all_departments,
        )
        changed += 1
    return changed


@transaction.atomic
def assignment_set(
    *, actor, assignment: Assignment, departments: list[Department], all_departments: bool
) -> Assignment:
    if any(d.agency_id != assignment.agency_id for d in departments):
        raise ValidationError(_("มอบหมายได้เฉพาะฝ่ายของหน่วยงานนี้"))
    before = snapshot(assignment)
    assignment.all_departments = all_departments
    assignment.departments.set(departments)
    record_change(actor=actor, agency=assignment.agency, instance=assignment, before=before)
    return assignment


@transaction.atomic
def catalogue_copy_to_year(*, actor, agency: Agency, catalogue: Catalogue, year: int) -> Catalogue:
    """Start a new year from last year's: the catalogue's items (unless that year exists already) and this
    agency's assignments, in one action."""
    target, created = Catalogue.objects.get_or_create(
        scheme=catalogue.scheme,
        year=year,
        defaults={"title": catalogue.title, "title_en": catalogue.title_en},
    )
    if created:
        subs = {}
        for sub in catalogue.sub_indicators.all():
            subs[sub.pk] = SubIndicator.objects.create(
                catalogue=target, code=sub.code, title=sub.title, title_en=sub.title_en, order=sub.order
            )
        for item in catalogue.items.all():
            CatalogueItem.objects.create(
                catalogue=target,
                sub_indicator=subs[item.sub_indicator_id],
                code=item.code,
                number=item.number,
                title=item.title,
                title_en=item.title_en,
                requirements=item.requirements,
                formats=item.formats,
                period=item.period,
                department_names=item.department_names,
                deadline=item.deadline.replace(year=item.deadline.year + (year - catalogue.year))
                if item.deadline
                else None,
                infographic=item.infographic,
                providers=item.providers,
                note=item.note,
            )
    Adoption.objects.get_or_create(agency=agency, catalogue=target)
    new_items = {i.code: i for i in target.items.all()}
    for old in Assignment.objects.filter(agency=agency, item__catalogue=catalogue).prefetch_related(
        "departments"
    ):
        item = new_items.get(old.item.code)
        if item is None:
            continue
        assignment, new = Assignment.objects.get_or_create(agency=agency, item=item)
        if new:
            assignment.all_departments = old.all_departments
            assignment.save()
            assignment.departments.set(old.departments.all())
    audit_record(
        actor=actor,
        agency=agency,
        action=AuditEntry.Action.CREATE,
        model="disclosure.catalogue",
        object_id=str(target.pk),
        object_repr=f"copy {catalogue} -> {year}",
        after={"from": catalogue.pk, "to": target.pk, "year": year},
    )
    announce_public_change(agency=agency, source="disclosure")  # a new year on the public side
    return target


# --- publishing ---------------------------------------------------------------------------------------


def _event(publication: Publication, *, actor, from_state: str, comment: str = "") -> None:
    status_event_record(
        actor=actor,
        agency=publication.agency,
        instance=publication,
        from_state=from_state,
        to_state=publication.state,
        note=comment,
    )


def _version_add(
    *, actor, publication: Publication, upload: UploadedFile | None, url: str, body: str
) -> PublicationVersion:
    number = (publication.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = PublicationVersion(
        publication=publication, number=number, created_by=actor, created_at=timezone.now()
    )
    if publication.kind == Publication.Kind.FILE:
        if upload is None:
            raise ValidationError({"file": _("ต้องแนบไฟล์")})
        kind = validate_upload(upload)
        version.file_format = FILE_FORMATS[kind]
        version.original_name = upload.name[:255]
        version.content_type = kind.content_type
        version.size = upload.size
        version.file.save(random_name(kind), upload, save=False)
    elif publication.kind == Publication.Kind.LINK:
        if not url:
            raise ValidationError({"url": _("ต้องระบุลิงก์")})
        version.url = url
    else:
        if not body.strip():
            raise ValidationError({"body": _("ต้องมีเนื้อหา")})
        version.body = body
    if version.file_format in EXTRACTED_FORMATS:
        version.file_text_state = "pending"
    try:
        version.full_clean(exclude=["publication", "file"])
        version.save()
    except Exception:
        if version.file:
            version.file.storage.delete(version.file.name)
        raise
    if version.file_text_state == "pending":
        # Reading the text of a file takes time and memory: the worker does it, not the upload request. The
        # task row is part of this transaction, so a failed upload leaves no task behind.
        from .tasks import file_text_extract

        file_text_extract.enqueue(version.pk)
    return version


@transaction.atomic
def publication_create(
    *,
    actor,
    agency: Agency,
    item: CatalogueItem,
    kind: str,
    title: str,
    period_start: date | None = None,
    period_end: date | None = None,
    publish_at: datetime | None = None,
    department: Department | None = None,
    upload: UploadedFile | None = None,
    url: str = "",
    body: str = "",
) -> Publication:
    """A department's entry for an item, submitted for the coordinator's approval."""
    if not Assignment.objects.filter(agency=agency, item=item).exists():
        raise ValidationError(_("หน่วยงานนี้ไม่ได้ใช้รายการตรวจนี้"))
    if department is not None and department.agency_id != agency.pk:
        raise ValidationError(_("ฝ่ายไม่อยู่ในหน่วยงานนี้"))
    if period_start and period_end and period_end < period_start:
        raise ValidationError({"period_end": _("วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น")})
    publication = Publication(
        agency=agency,
        item=item,
        token=secrets.token_urlsafe(12),
        kind=kind,
        title=title.strip()[:300],
        period_start=period_start,
        period_end=period_end,
        publish_at=publish_at,
        department=department,
        state=Publication.State.SUBMITTED,
        created_by=actor,
        created_at=timezone.now(),
    )
    publication.full_clean(exclude=["item", "agency", "live_version", "department"])
    publication.save()
    _version_add(actor=actor, publication=publication, upload=upload, url=url, body=body)
    _event(publication, actor=actor, from_state="")
    audit_record(
        actor=actor,
        agency=agency,
        action=AuditEntry.Action.CREATE,
        instance=publication,
        after=snapshot(publication),
    )
    _tell_approvers(publication, submitter=actor)
    return publication


@transaction.atomic
def publication_revise(
    *,
    actor,
    publication: Publication,
    upload: UploadedFile | None = None,
    url: str = "",
    body: str = "",
    title: str | None = None,
) -> PublicationVersion:
    """A new version; it waits for approval while the public keeps seeing the approved one."""
    if publication.state == Publication.State.WITHDRAWN:
        raise ValidationError(_("รายการนี้ถูกถอนแล้ว"))
    before = snapshot(publication)
    if title:
        publication.title = title.strip()[:300]
    version = _version_add(actor=actor, publication=publication, upload=upload, url=url, body=body)
    from_state = publication.state
    publication.state = Publication.State.SUBMITTED
    _event(publication, actor=actor, from_state=from_state, comment=f"v{version.number}")
    record_change(actor=actor, agency=publication.agency, instance=publication, before=before)
    _tell_approvers(publication, submitter=actor)
    return version


def _item_link(publication: Publication) -> str:
    item = publication.item
    return reverse(
        "disclosure:item",
        kwargs={"agency": publication.agency.slug, "year": item.catalogue.year, "code": item.code},
    )


def _tell_approvers(publication: Publication, *, submitter) -> None:
    """Everyone who may approve, except who submitted (four eyes), hears that an entry waits for them."""
    approvers = members_with(publication.agency, "disclosure.approve").exclude(
        pk=getattr(submitter, "pk", None)
    )
    values = {"code": publication.item.code.upper(), "title": publication.title}
    message = Message(
        subject=_("[โปร่งใส] รายการ OIT รออนุมัติ: %(code)s %(title)s") % values,
        body=_("มีรายการ %(code)s %(title)s รอให้คุณพิจารณาอนุมัติก่อนเผยแพร่") % values
        + f"\n\n{_item_link(publication)}",
    )
    staff_notify(users=list(approvers), message=message)


@transaction.atomic
def publication_review(*, actor, publication: Publication, approve: bool, comment: str = "") -> Publication:
    if publication.state != Publication.State.SUBMITTED:
        raise ValidationError(_("อนุมัติได้เฉพาะรายการที่รออนุมัติ"))
    if actor is not None and publication.submitter_id == getattr(actor, "pk", None):
        raise ValidationError(
            _("ผู้ส่งรายการพิจารณารายการของตนเองไม่ได้ ต้องให้ผู้อื่น (ผู้ประสานงานอีกคนหรือผู้อำนวยการ) พิจารณา"),
            code="four_eyes",
        )
    if not approve and not comment.strip():
        raise ValidationError({"comment": _("โปรดระบุเหตุผลที่ส่งกลับ")})
    before_submitter = publication.submitter_id
    before = snapshot(publication)
    now = timezone.now()
    if approve:
        publication.state = Publication.State.APPROVED
        publication.live_version = publication.latest_version
        publication.publish_at = publication.publish_at or now
        publication.first_published_at = publication.first_published_at or max(publication.publish_at, now)
    else:
        publication.state = (
            Publication.State.RETURNED if publication.live_version_id is None else Publication.State.APPROVED
        )
    publication.review_comment = comment.strip()
    _event(publication, actor=actor, from_state=before["state"], comment=publication.review_comment)
    record_change(actor=actor, agency=publication.agency, instance=publication, before=before)
    if approve:
        announce_public_change(agency=publication.agency, source="disclosure")
    values = {
        "code": publication.item.code.upper(),
        "title": publication.title,
        "comment": publication.review_comment,
    }
    if approve:
        subject = _("[โปร่งใส] รายการ OIT อนุมัติแล้ว: %(code)s %(title)s") % values
        body = _("รายการ %(code)s %(title)s ได้รับอนุมัติและเผยแพร่ตามกำหนดแล้ว") % values
    else:
        subject = _("[โปร่งใส] รายการ OIT ถูกส่งกลับ: %(code)s %(title)s") % values
        body = _("รายการ %(code)s %(title)s ถูกส่งกลับให้แก้ไข\nเหตุผล: %(comment)s") % values
    staff_notify(
        users=[before_submitter],
        message=Message(subject=subject, body=f"{body}\n\n{_item_link(publication)}"),
    )
    return publication


@transaction.atomic
def publication_withdraw(*, actor, publication: Publication, reason: str) -> Publication:
    if not reason.strip():
        raise ValidationError({"reason": _("โปรดระบุเหตุผลที่ถอน")})
    before = snapshot(publication)
    publication.state = Publication.State.WITHDRAWN
    _event(publication, actor=actor, from_state=before["state"], comment=reason.strip())
    record_change(
        actor=actor,
        agency=publication.agency,
        instance=publication,
        before=before,
        action=AuditEntry.Action.WITHDRAW,
    )
    announce_public_change(agency=publication.agency, source="disclosure")
    return publication


def file_text_read(version: PublicationVersion) -> PublicationVersion:
    """Read the text inside a version's file (the worker's job after an upload), within the limits of
    ``documents.extract``; a file it cannot read, or that would expand too far, stays published but is
    marked unreadable and is found by its title only."""
    version.file.open("rb")
    try:
        data = version.file.read()
    finally:
        version.file.close()
    try:
        text, state = clean(extract_text(data, version.file_format)), "done"
    except Exception:  # any reader's failure: the entry keeps its file, only its text is not searchable
        logger.warning("could not read the text of OIT file version %s", version.pk, exc_info=True)
        text, state = "", "unreadable"
    PublicationVersion.objects.filter(pk=version.pk).update(file_text=text, file_text_state=state)
    version.file_text, version.file_text_state = text, state
    announce_public_change(agency=version.publication.agency, source="disclosure")
    return version
