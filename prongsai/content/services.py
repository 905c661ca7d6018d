"""Writes of the content app. Every write is audited, in a transaction; files are validated by content."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from prongsai.agencies.models import Agency, AuditEntry, Department
from prongsai.agencies.services import audit_record, record_change, record_create, snapshot
from prongsai.agencies.signals import announce_public_change
from prongsai.agencies.uploads import DOCX, JPEG, PDF, PNG, XLSX, FileKind, random_name, validate_upload
from prongsai.disclosure.providers import reference
from prongsai.documents.images import ImageRefused, clean_image
from prongsai.documents.tabular import TabularError, read_rows
from prongsai.thai.digits import to_arabic_digits
from prongsai.thai.money import MoneyError, parse_baht

from .models import (
    AgencyProfile,
    Executive,
    Law,
    NewsAttachment,
    NewsPhoto,
    NewsPost,
    PolicyLink,
    School,
    SchoolYear,
    Staffing,
    SubDistrict,
)

PHOTO_KINDS = (JPEG, PNG)
DOCUMENT_KINDS = (PDF, DOCX, XLSX, JPEG, PNG)


def _stored(upload, allowed: tuple[FileKind, ...]) -> tuple[File, FileKind]:
    kind = validate_upload(upload, allowed)
    if kind in (JPEG, PNG):
        # Photos go to the public: drawn again without their metadata (a phone's photo carries its GPS).
        upload.seek(0)
        try:
            clean = clean_image(upload.read(), "png" if kind == PNG else "jpeg")
        except ImageRefused as exc:
            raise ValidationError({"photo": str(exc)}) from None
        return ContentFile(clean, name=random_name(kind)), kind
    return File(upload, name=random_name(kind)), kind


def _check_agency(agency: Agency, *objects) -> None:
    for obj in objects:
        if obj is not None and getattr(obj, "agency_id", agency.pk) != agency.pk:
            raise ValidationError(_("ข้อมูลนี้ไม่ใช่ของหน่วยงานนี้"))


def _apply(instance, data: dict[str, Any]) -> None:
    for name, value in data.items():
        setattr(instance, name, value)


def _save(*, actor, agency: Agency, instance, data: dict[str, Any]):
    """Create or change a record from cleaned form data, with its audit entry. Everything of this app is
    public (or becomes so when published), so the public read side is told of every save."""
    if instance.pk is None:
        _apply(instance, data)
        record_create(actor=actor, agency=agency, instance=instance)
    else:
        # From the database: a bound ModelForm may already have changed the instance in memory.
        before = snapshot(type(instance)._default_manager.get(pk=instance.pk))
        _apply(instance, data)
        instance.full_clean()
        record_change(actor=actor, agency=agency, instance=instance, before=before)
    announce_public_change(agency=agency, source="content")
    return instance


# --- profile: powers, area, contact ---------------------------------------------------------------------


def profile_of(agency: Agency) -> AgencyProfile:
    return AgencyProfile.objects.filter(agency=agency).first() or AgencyProfile(agency=agency)


@transaction.atomic
def profile_update(*, actor, agency: Agency, area_plan_upload=None, **data) -> AgencyProfile:
    profile = AgencyProfile.objects.select_for_update().filter(agency=agency).first() or AgencyProfile(
        agency=agency
    )
    if area_plan_upload is not None:
        data["area_plan_file"], _kind = _stored(area_plan_upload, (PDF,))
    return _save(actor=actor, agency=agency, instance=profile, data=data)


# --- executives and staffing ----------------------------------------------------------------------------


@transaction.atomic
def executive_save(
    *, actor, agency: Agency, executive: Executive | None = None, photo_upload=None, **data
) -> Executive:
    executive = executive or Executive(agency=agency)
    _check_agency(agency, executive, data.get("department"))
    if data.get("kind") == Executive.Kind.HEAD and data.get("department") is None:
        raise ValidationError({"department": _("หัวหน้าฝ่ายต้องระบุฝ่าย")})
    if photo_upload is not None:
        data["photo"], _kind = _stored(photo_upload, PHOTO_KINDS)
    return _save(actor=actor, agency=agency, instance=executive, data=data)


@transaction.atomic
def head_change(
    *, actor, agency: Agency, department: Department, name: str, position: str, **data
) -> Executive:
    """A new head of a department: the previous one leaves office (kept, not deleted)."""
    _check_agency(agency, department)
    for previous in Executive.objects.filter(
        agency=agency, department=department, kind=Executive.Kind.HEAD, is_active=True
    ):
        before = snapshot(previous)
        previous.is_active = False
        record_change(
            actor=actor, agency=agency, instance=previous, before=before, action=AuditEntry.Action.WITHDRAW
        )
    return executive_save(
        actor=actor,
        agency=agency,
        kind=Executive.Kind.HEAD,
        department=department,
        name=name,
        position=position,
        **data,
    )


@transaction.atomic
def staffing_set(
    *, actor, agency: Agency, department: Department, positions: int, filled: int, as_of=None
) -> Staffing:
    _check_agency(agency, department)
    if filled > positions:
        raise ValidationError({"filled": _("จำนวนที่มีคนครองต้องไม่เกินอัตรากำลังตามกรอบ")})
    staffing = Staffing.objects.filter(agency=agency, department=department).first() or Staffing(
        agency=agency, department=department
    )
    return _save(
        actor=actor,
        agency=agency,
        instance=staffing,
        data={"positions": positions, "filled": filled, "as_of": as_of},
    )


@transaction.atomic
def subdistrict_save(*, actor, agency: Agency, subdistrict: SubDistrict | None = None, **data) -> SubDistrict:
    subdistrict = subdistrict or SubDistrict(agency=agency)
    _check_agency(agency, subdistrict)
    return _save(actor=actor, agency=agency, instance=subdistrict, data=data)


@transaction.atomic
def policy_link_save(*, actor, agency: Agency, link: PolicyLink | None = None, **data) -> PolicyLink:
    link = link or PolicyLink(agency=agency)
    _check_agency(agency, link)
    return _save(actor=actor, agency=agency, instance=link, data=data)


# --- laws -----------------------------------------------------------------------------------------------


@transaction.atomic
def law_save(*, actor, agency: Agency, law: Law | None = None, file_upload=None, **data) -> Law:
    law = law or Law(agency=agency)
    _check_agency(agency, law, data.get("department"))
    if file_upload is not None:
        data["file"], _kind = _stored(file_upload, (PDF, DOCX))
        data["original_name"] = file_upload.name[:255]
    if not (data.get("url", law.url) or data.get("file", law.file)):
        raise ValidationError({"url": _("ใส่ลิงก์หรือแนบไฟล์อย่างใดอย่างหนึ่ง")})
    return _save(actor=actor, agency=agency, instance=law, data=data)


# --- schools --------------------------------------------------------------------------------------------


@transaction.atomic
def school_save(*, actor, agency: Agency, school: School | None = None, **data) -> School:
    school = school or School(agency=agency)
    _check_agency(agency, school)
    return _save(actor=actor, agency=agency, instance=school, data=data)


@transaction.atomic
def school_year_set(
    *, actor, agency: Agency, school: School, year: int, teachers: int, students: int, subsidy: Decimal
) -> SchoolYear:
    _check_agency(agency, school)
    record = SchoolYear.objects.filter(school=school, year=year).first() or SchoolYear(
        school=school, year=year
    )
    return _save(
        actor=actor,
        agency=agency,
        instance=record,
        data={"teachers": teachers, "students": students, "subsidy": subsidy},
    )


SCHOOL_COLUMNS = ("โรงเรียน", "ปี", "ครู", "นักเรียน", "เงินอุดหนุน")


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row number in the sheet, message)

    @property
    def ok(self) -> bool:
        return not self.errors


def _count(value, label: str) -> int:
    text = to_arabic_digits(str(value if value is not None else "")).replace(",", "").strip()
    if text.endswith(".0"):
        text = text[:-2]
    if not text.isdigit():
        raise ValueError(
            _("%(label)s ต้องเป็นจำนวนเต็มไม่ติดลบ (ได้ “%(value)s”)") % {"label": label, "value": value}
        )
    return int(text)


def _money(value) -> Decimal:
    try:
        amount = parse_baht(value if value is not None else "")
    except MoneyError:  # also NaN and infinities, which Decimal would take
        raise ValueError(_("เงินอุดหนุนต้องเป็นตัวเลข (ได้ “%(value)s”)") % {"value": value}) from None
    if amount < 0:
        raise ValueError(_("เงินอุดหนุนต้องไม่ติดลบ"))
    return amount


MAX_SCHOOL_ROWS = 2_000  # a district has a few dozen schools over a few years


def _school_rows(upload) -> tuple[list[tuple[int, dict]], list[tuple[int, str]]]:
    validate_upload(upload, (XLSX,))
    try:
        table = read_rows(upload, "xlsx", max_rows=MAX_SCHOOL_ROWS)
    except TabularError as exc:
        return [], [(0, str(exc))]
    rows, errors, header_seen = [], [], False
    for number, values in table:
        cells = ["" if v is None else v for v in values]
        if not header_seen:
            header = [str(c).strip() for c in cells[: len(SCHOOL_COLUMNS)]]
            if header != list(SCHOOL_COLUMNS):
                return [], [(number, _("แถวหัวตารางต้องเป็น: %(cols)s") % {"cols": " | ".join(SCHOOL_COLUMNS)})]
            header_seen = True
            continue
        cells = (cells + [""] * len(SCHOOL_COLUMNS))[: len(SCHOOL_COLUMNS)]
        problems, parsed = [], {}
        name = str(cells[0]).strip()
        if not name:
            problems.append(_("ไม่มีชื่อโรงเรียน"))
        parsed["name"] = name
        for key, label, index in (
            ("year", _("ปี"), 1),
            ("teachers", _("จำนวนครู"), 2),
            ("students", _("จำนวนนักเรียน"), 3),
        ):
            try:
                parsed[key] = _count(cells[index], label)
            except ValueError as exc:
                problems.append(str(exc))
        if "year" in parsed and not 2500 <= parsed["year"] <= 2700:
            problems.append(_("ปีต้องเป็นปี พ.ศ. เช่น 2566"))
        try:
            parsed["subsidy"] = _money(cells[4])
        except ValueError as exc:
            problems.append(str(exc))
        if problems:
            errors.append((number, "; ".join(problems)))
        else:
            rows.append((number, parsed))
    if not header_seen:
        errors.append((0, _("ไม่พบข้อมูลในไฟล์")))
    seen: dict[tuple[str, int], int] = {}
    for number, row in rows:
        key = (row["name"], row["year"])
        if key in seen:
            errors.append((number, _("ซ้ำกับแถวที่ %(row)s") % {"row": seen[key]}))
        seen[key] = number
    return rows, sorted(errors)


@transaction.atomic
def schools_import(*, actor, agency: Agency, upload) -> ImportResult:
    """Direct import: every row is checked first; any bad row rejects the whole file and nothing is saved."""
    rows, errors = _school_rows(upload)
    result = ImportResult(errors=errors)
    if errors:
        return result
    schools = {s.name: s for s in School.objects.filter(agency=agency)}
    for _number, row in rows:
        school = schools.get(row["name"])
        if school is None:
            school = school_save(actor=actor, agency=agency, name=row["name"], order=len(schools) + 1)
            schools[school.name] = school
        exists = SchoolYear.objects.filter(school=school, year=row["year"]).exists()
        school_year_set(
            actor=actor,
            agency=agency,
            school=school,
            year=row["year"],
            teachers=row["teachers"],
            students=row["students"],
            subsidy=row["subsidy"],
        )
        if exists:
            result.updated += 1
        else:
            result.created += 1
    return result


# --- news -----------------------------------------------------------------------------------------------


def _news_slug(title: str) -> str:
    # Latin words of the title help a reader; the random part makes it unguessable and unique.
    stem = slugify(title)[:24].strip("-")
    suffix = secrets.token_hex(4)
    return f"{stem}-{suffix}" if stem else suffix


@transaction.atomic
def news_save(
    *,
    actor,
    agency: Agency,
    post: NewsPost | None = None,
    title: str,
    body: str,
    summary: str = "",
    status: str = NewsPost.Status.DRAFT,
    publish_at: datetime | None = None,
    activity_ref: str = "",
) -> NewsPost:
    # Only an activity of this agency's own plans can be named (the reference resolves within the agency).
    if activity_ref and reference(agency, activity_ref) is None:
        raise ValidationError({"activity": _("กิจกรรมนี้ไม่ใช่ของหน่วยงานนี้")})
    if status == NewsPost.Status.PUBLISHED and publish_at is None:
        raise ValidationError({"publish_at": _("ข่าวที่เผยแพร่ต้องมีวันเวลาเผยแพร่")})
    post = post or NewsPost(agency=agency, slug=_news_slug(title))
    _check_agency(agency, post)
    data = {
        "title": title,
        "body": body,
        "summary": summary,
        "status": status,
        "publish_at": publish_at,
        "activity_ref": activity_ref,
    }
    return _save(actor=actor, agency=agency, instance=post, data=data)


@transaction.atomic
def news_photo_add(*, actor, agency: Agency, post: NewsPost, upload, alt: str) -> NewsPhoto:
    _check_agency(agency, post)
    stored, _kind = _stored(upload, PHOTO_KINDS)
    photo = NewsPhoto(post=post, file=stored, alt=alt, order=post.photos.count())
    record_create(actor=actor, agency=agency, instance=photo)
    return photo


@transaction.atomic
def news_attachment_add(*, actor, agency: Agency, post: NewsPost, upload, title: str) -> NewsAttachment:
    _check_agency(agency, post)
    stored, kind = _stored(upload, DOCUMENT_KINDS)
    attachment = NewsAttachment(
        post=post, file=stored, title=title, original_name=upload.name[:255], kind=kind.name
    )
    record_create(actor=actor, agency=agency, instance=attachment)
    return attachment


@transaction.atomic
def news_photo_remove(*, actor, agency: Agency, photo: NewsPhoto) -> None:
    _check_agency(agency, photo.post)
    audit_record(
        actor=actor, agency=agency, action=AuditEntry.Action.WITHDRAW, instance=photo, before=snapshot(photo)
    )
    photo.delete()
