"""Writes and reads of the coordinator's instruments: the corruption-risk register (criteria, risks, what
raised them, the published annual reports) and the policy announcements.

A risk's treatment is carried by plan activities, stored as provider keys (``plans.activity:<id>``) and
read back through ``prongsai.disclosure.providers.resolve``: this module never imports the plans app. A
complaint that raised a risk is linked by its record; only its number is ever shown, and only to those who
may know it (``access.can_see_complaint_links``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.agencies.codes import new_code
from prongsai.agencies.models import Agency
from prongsai.agencies.services import (
    record_change,
    record_create,
    snapshot,
    status_change,
    status_event_record,
)
from prongsai.agencies.signals import announce_public_change
from prongsai.agencies.uploads import JPEG, PDF, PNG, validate_upload
from prongsai.disclosure.providers import ReferenceDetail, reference, resolve
from prongsai.documents.images import ImageRefused, clean_image
from prongsai.thai.dates import be_year, thai_month_name

from . import risks as rules
from .models import (
    Announcement,
    AnnouncementPhoto,
    AuditFinding,
    Complaint,
    Risk,
    RiskCriterion,
    RiskReport,
    RiskSource,
)

SOURCE = "integrity"
ACTIVITY_KIND = "plans.activity"

RISK_STEPS = {
    Risk.State.IDENTIFIED: (Risk.State.TREATING, Risk.State.CONTROLLED, Risk.State.WITHDRAWN),
    Risk.State.TREATING: (Risk.State.CONTROLLED, Risk.State.IDENTIFIED, Risk.State.WITHDRAWN),
    Risk.State.CONTROLLED: (Risk.State.TREATING,),
    Risk.State.WITHDRAWN: (Risk.State.IDENTIFIED,),
}


# --- criteria ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Criterion:
    dimension: str
    level: int
    label: str
    description: str
    is_default: bool


def criteria_for(agency: Agency) -> dict[str, list[Criterion]]:
    """The five written levels of each dimension: the agency's own where it wrote them, the defaults else."""
    stored = {(c.dimension, c.level): c for c in RiskCriterion.objects.for_agency(agency)}
    out: dict[str, list[Criterion]] = {}
    for dimension, defaults in rules.DEFAULT_CRITERIA.items():
        rows = []
        for level, label, description in defaults:
            own = stored.get((dimension, level))
            rows.append(
                Criterion(dimension, level, own.label, own.description, False)
                if own
                else Criterion(dimension, level, str(label), str(description), True)
            )
        out[dimension] = rows
    return out


@transaction.atomic
def criterion_set(*, actor, agency: Agency, dimension: str, level: int, label: str, description: str):
    label, description = label.strip(), description.strip()
    if not label or not description:
        raise ValidationError(_("โปรดระบุชื่อระดับและเกณฑ์ของระดับ %(level)s") % {"level": level})
    own = RiskCriterion.objects.for_agency(agency).filter(dimension=dimension, level=level).first()
    if own is None:
        own = RiskCriterion(
            agency=agency, dimension=dimension, level=level, label=label, description=description
        )
        record_create(actor=actor, agency=agency, instance=own)
    elif (own.label, own.description) != (label, description):
        before = snapshot(own)
        own.label, own.description = label, description
        own.full_clean()
        record_change(actor=actor, agency=agency, instance=own, before=before)
    return own


@transaction.atomic
def criteria_save(*, actor, agency: Agency, dimension: str, rows: dict[int, tuple[str, str]]) -> None:
    """The five levels of one dimension at once: all saved, or (one of them empty) none."""
    if dimension not in RiskCriterion.Dimension.values:
        raise ValidationError(_("ไม่มีมิตินี้"))
    for level in range(1, 6):
        label, description = rows.get(level, ("", ""))
        criterion_set(
            actor=actor, agency=agency, dimension=dimension, level=level, label=label, description=description
        )


# --- risks -------------------------------------------------------------------------------------------------

RISK_FIELDS = (
    "fiscal_year", "department", "process", "kind", "title", "cause", "likelihood", "impact", "controls",
    "residual_likelihood", "residual_impact", "owner", "treatment",
)  # fmt: skip


def _check_activities(agency: Agency, keys) -> list[str]:
    keys = list(dict.fromkeys(k for k in keys or () if k))
    for key in keys:
        if not key.startswith(ACTIVITY_KIND + ":") or reference(agency, key) is None:
            raise ValidationError({"activity_refs": _("ไม่พบกิจกรรมตามแผนที่เลือก")})
    return keys


def _check_scores(risk: Risk) -> None:
    if risk.residual_score > risk.score:
        raise ValidationError(
            {"residual_impact": _("คะแนนหลังควบคุมต้องไม่สูงกว่าคะแนนก่อนควบคุม (%(score)s)") % {"score": risk.score}}
        )


@transaction.atomic
def risk_create(*, actor, agency: Agency, data: dict, activity_refs=()) -> Risk:
    if data["department"].agency_id != agency.pk:
        raise ValidationError(_("ข้อมูลนี้ไม่ใช่ของหน่วยงานนี้"))
    risk = Risk(agency=agency, code=new_code(), **{k: data[k] for k in RISK_FIELDS if k in data})
    risk.activity_refs = _check_activities(agency, activity_refs)
    _check_scores(risk)
    record_create(actor=actor, agency=agency, instance=risk)
    status_event_record(actor=actor, agency=agency, instance=risk, from_state="", to_state=risk.state)
    return risk


@transaction.atomic
def risk_update(*, actor, risk: Risk, data: dict, activity_refs=()) -> Risk:
    if data.get("department") is not None and data["department"].agency_id != risk.agency_id:
        raise ValidationError(_("ข้อมูลนี้ไม่ใช่ของหน่วยงานนี้"))
    before = snapshot(risk)
    for name in RISK_FIELDS:
        if name in data:
            setattr(risk, name, data[name])
    risk.activity_refs = _check_activities(risk.agency, activity_refs)
    _check_scores(risk)
    risk.full_clean()
    record_change(actor=actor, agency=risk.agency, instance=risk, before=before)
    return risk


def risk_move(*, actor, risk: Risk, to_state: str, note: str = "") -> Risk:
    status_change(
        actor=actor, agency=risk.agency, instance=risk, to_state=to_state, allowed=RISK_STEPS, note=note
    )
    return risk


@transaction.atomic
def finding_create(
    *, actor, agency: Agency, source: str, found_on: date, text: str, document=None
) -> AuditFinding:
    finding = AuditFinding(
        agency=agency,
        code=new_code(),
        source=source.strip(),
        found_on=found_on,
        text=text.strip(),
        created_by=actor,
    )
    if document is not None:
        kind = validate_upload(document, (PDF, JPEG, PNG))
        finding.original_name = (document.name or "")[:255]
        finding.content_type = kind.content_type
        finding.document.save(new_code() + kind.extensions[0], document, save=False)
    record_create(actor=actor, agency=agency, instance=finding)
    return finding


@transaction.atomic
def risk_source_add(
    *, actor, risk: Risk, complaint_ref: str = "", finding: AuditFinding | None = None
) -> RiskSource:
    """Link what raised the risk: a corruption complaint by its record number, or an audit finding."""
    complaint = None
    if complaint_ref:
        complaint = (
            Complaint.objects.for_agency(risk.agency).filter(ref=complaint_ref.strip().upper()).first()
        )
        if complaint is None:
            raise ValidationError({"complaint_ref": _("ไม่พบเรื่องร้องเรียนเลขที่นี้ในหน่วยงาน")})
    elif finding is None or finding.agency_id != risk.agency_id:
        raise ValidationError(_("โปรดระบุเลขที่เรื่องร้องเรียนหรือข้อตรวจพบ"))
    if (
        RiskSource.objects.filter(risk=risk)
        .filter(Q(complaint=complaint) if complaint else Q(finding=finding))
        .exists()
    ):
        raise ValidationError(_("ความเสี่ยงนี้เชื่อมกับที่มานี้แล้ว"))
    source = RiskSource(
        risk=risk, complaint=complaint, finding=None if complaint else finding, added_by=actor
    )
    record_create(actor=actor, agency=risk.agency, instance=source)
    return source


@dataclass
class RiskRow:
    """A risk with what its page and the reports show: its levels, its activities' monthly status."""

    risk: Risk
    activities: list[ReferenceDetail]
    missing_activities: int  # keys whose activity is gone (withdrawn plans keep the key, not the record)

    @property
    def level(self):
        return rules.level_of(self.risk.score)

    @property
    def residual_level(self):
        return rules.level_of(self.risk.residual_score)

    @property
    def latest_status(self) -> str:
        """The newest monthly report of each activity, in one line ("ก.ค. ๖๖ ดำเนินการแล้วเสร็จ ๑๐๐%")."""
        parts = []
        for activity in self.activities:
            if activity.months:
                month = activity.months[-1]
                text = f"{thai_month_name(month.period.month, True)} {be_year(month.period)} {month.status}"
                if month.percent is not None:
                    text += f" {month.percent}%"
                if not month.accepted:
                    text += " " + _("(รอตรวจ)")
                parts.append(text)
            else:
                parts.append(_("ยังไม่มีรายงาน"))
        return "; ".join(parts)


def register_rows(risks) -> list[RiskRow]:
    """The rows of a list of risks, their activities resolved in one call per kind."""
    risks = list(risks)
    if not risks:
        return []
    details = resolve(risks[0].agency, {k for r in risks for k in r.activity_refs})
    rows = []
    for risk in risks:
        found = [details[k] for k in risk.activity_refs if k in details]
        rows.append(RiskRow(risk, found, len(risk.activity_refs) - len(found)))
    return rows


def year_risks(qs, year: int):
    return (
        qs.filter(fiscal_year=year)
        .exclude(state=Risk.State.WITHDRAWN)
        .select_related("agency", "department")
        .annotate(source_count=Count("sources"))
    )


def risk_years(agency: Agency) -> list[int]:
    return sorted(
        set(Risk.objects.for_agency(agency).values_list("fiscal_year", flat=True).distinct()), reverse=True
    )


@transaction.atomic
def risk_report_publish(*, actor, agency: Agency, year: int, kind: str) -> RiskReport:
    """Freeze the year's assessment (or handling report) as PDF and DOCX and give it to its OIT item."""
    from .risk_reports import report_files

    qs = year_risks(Risk.objects.for_agency(agency), year)
    rows = register_rows(qs)
    if not rows:
        raise ValidationError(_("ยังไม่มีความเสี่ยงของปีงบประมาณ %(year)s") % {"year": year})
    pdf, docx = report_files(agency, year, kind, rows)
    report = RiskReport(
        agency=agency, code=new_code(), fiscal_year=year, kind=kind, risk_count=len(rows),
        published_by=actor, published_at=timezone.now(),
    )  # fmt: skip
    report.pdf.save(f"{report.code}.pdf", ContentFile(pdf), save=False)
    report.docx.save(f"{report.code}.docx", ContentFile(docx), save=False)
    record_create(actor=actor, agency=agency, instance=report)
    transaction.on_commit(lambda: announce_public_change(agency=agency, source=SOURCE))
    return report


def latest_reports(agency: Agency, year: int) -> dict[str, RiskReport]:
    found: dict[str, RiskReport] = {}
    for report in (
        RiskReport.objects.for_agency(agency).filter(fiscal_year=year).order_by("-published_at", "-pk")
    ):
        found.setdefault(report.kind, report)
    return found


# --- announcements -----------------------------------------------------------------------------------------

ANNOUNCEMENT_FIELDS = ("kind", "fiscal_year", "title", "text", "signer_name", "signer_position", "signed_on")
ANNOUNCEMENT_STEPS = {
    Announcement.State.DRAFT: (Announcement.State.SUBMITTED,),
    Announcement.State.SUBMITTED: (Announcement.State.PUBLISHED, Announcement.State.DRAFT),
    Announcement.State.PUBLISHED: (Announcement.State.WITHDRAWN,),
    Announcement.State.WITHDRAWN: (),
}
# The kinds a new fiscal year must see signed again (an activity with photos is of its year anyway, and
# the director takes part in new ones every year).
RENEWED_KINDS = (
    Announcement.Kind.NO_GIFT,
    Announcement.Kind.ANTI_BRIBERY,
    Announcement.Kind.DIRECTOR_PARTICIPATION,
    Announcement.Kind.DISCRETION_GUIDELINES,
)


def _signed_pdf(announcement: Announcement, upload) -> None:
    kind = validate_upload(upload, (PDF,))
    announcement.signed_pdf_name = (upload.name or "")[:255]
    announcement.signed_pdf.save(new_code() + kind.extensions[0], upload, save=False)


@transaction.atomic
def announcement_save(
    *, actor, agency: Agency, data: dict, signed_pdf=None, announcement=None
) -> Announcement:
    """Create a draft, or change one (a published announcement is withdrawn and renewed, not edited)."""
    if announcement is not None and announcement.state not in (Announcement.State.DRAFT,):
        raise ValidationError(_("แก้ไขได้เฉพาะร่าง ประกาศที่ส่งหรือเผยแพร่แล้วแก้ไขไม่ได้"))
    creating = announcement is None
    if creating:
        announcement = Announcement(agency=agency, code=new_code())
        before = None
    else:
        before = snapshot(announcement)
    renews = data.get("renews")
    if renews is not None and renews.agency_id != agency.pk:
        raise ValidationError(_("ข้อมูลนี้ไม่ใช่ของหน่วยงานนี้"))
    for name in ANNOUNCEMENT_FIELDS:
        if name in data:
            setattr(announcement, name, data[name])
    announcement.renews = renews
    if signed_pdf is not None:
        _signed_pdf(announcement, signed_pdf)
    if creating:
        record_create(actor=actor, agency=agency, instance=announcement)
        status_event_record(
            actor=actor, agency=agency, instance=announcement, from_state="", to_state="draft"
        )
    else:
        announcement.full_clean()
        record_change(actor=actor, agency=agency, instance=announcement, before=before)
    return announcement


@transaction.atomic
def announcement_photo_add(*, actor, announcement: Announcement, upload, caption: str) -> AnnouncementPhoto:
    if announcement.state != Announcement.State.DRAFT:
        raise ValidationError(_("เพิ่มภาพได้เฉพาะร่าง"))
    if not caption.strip():
        raise ValidationError({"caption": _("โปรดระบุคำบรรยายภาพ")})
    kind = validate_upload(upload, (JPEG, PNG))
    upload.seek(0)
    try:
        clean = clean_image(upload.read(), "png" if kind == PNG else "jpeg")
    except ImageRefused as exc:
        raise ValidationError({"photo": str(exc)}) from None
    photo = AnnouncementPhoto(
        announcement=announcement, code=new_code(), content_type=kind.content_type, caption=caption.strip(),
        order=announcement.photos.count(),
    )  # fmt: skip
    photo.image.save(new_code() + kind.extensions[0], ContentFile(clean), save=False)
    record_create(actor=actor, agency=announcement.agency, instance=photo)
    return photo


def announcement_submit(*, actor, announcement: Announcement) -> Announcement:
    if not announcement.signed_pdf:
        raise ValidationError(_("โปรดแนบฉบับที่ผู้บริหารลงนามแล้ว (PDF) ก่อนส่งอนุมัติ"))
    if announcement.kind == Announcement.Kind.DIRECTOR_PARTICIPATION and not announcement.photos.exists():
        raise ValidationError(_("กิจกรรมการมีส่วนร่วมของผู้บริหารต้องมีภาพกิจกรรมอย่างน้อย ๑ ภาพ"))
    with transaction.atomic():
        announcement.submitted_by = actor
        announcement.submitted_at = timezone.now()
        status_change(
            actor=actor, agency=announcement.agency, instance=announcement, to_state=Announcement.State.SUBMITTED,
            allowed=ANNOUNCEMENT_STEPS,
        )  # fmt: skip
    return announcement


def announcement_review(
    *, actor, announcement: Announcement, approve: bool, comment: str = ""
) -> Announcement:
    """Publish (or send back) a submitted announcement. Who submitted it may not: two people publish."""
    if announcement.state != Announcement.State.SUBMITTED:
        raise ValidationError(_("อนุมัติได้เฉพาะรายการที่รออนุมัติ"))
    if announcement.submitted_by_id == getattr(actor, "pk", None):
        raise ValidationError(
            _("ผู้ส่งรายการพิจารณารายการของตนเองไม่ได้ ต้องให้ผู้อื่น (ผู้อำนวยการหรือผู้ประสานงานอีกคน) พิจารณา"),
            code="four_eyes",
        )
    if not approve and not comment.strip():
        raise ValidationError({"comment": _("โปรดระบุเหตุผลที่ส่งกลับ")})
    with transaction.atomic():
        if approve:
            announcement.approved_by = actor
            announcement.published_at = timezone.now()
        status_change(
            actor=actor, agency=announcement.agency, instance=announcement,
            to_state=Announcement.State.PUBLISHED if approve else Announcement.State.DRAFT,
            allowed=ANNOUNCEMENT_STEPS, note=comment.strip(),
        )  # fmt: skip
        if approve:
            transaction.on_commit(lambda: announce_public_change(agency=announcement.agency, source=SOURCE))
    return announcement


def announcement_withdraw(*, actor, announcement: Announcement, reason: str) -> Announcement:
    if not reason.strip():
        raise ValidationError({"reason": _("โปรดระบุเหตุผลที่ถอน")})
    with transaction.atomic():
        status_change(
            actor=actor, agency=announcement.agency, instance=announcement, to_state=Announcement.State.WITHDRAWN,
            allowed=ANNOUNCEMENT_STEPS, note=reason.strip(),
        )  # fmt: skip
        transaction.on_commit(lambda: announce_public_change(agency=announcement.agency, source=SOURCE))
    return announcement


def published_announcements(agency: Agency, *, kinds=None, year: int | None = None):
    qs = Announcement.objects.for_agency(agency).filter(state=Announcement.State.PUBLISHED)
    if kinds is not None:
        qs = qs.filter(kind__in=kinds)
    if year is not None:
        qs = qs.filter(fiscal_year=year)
    return qs


@dataclass(frozen=True)
class Renewal:
    kind: str
    label: str
    previous: Announcement  # last year's, published


def renewals_due(agency: Agency, year: int) -> list[Renewal]:
    """The kinds published for ``year - 1`` that have nothing published or on its way for ``year``."""
    rows = (
        Announcement.objects.for_agency(agency)
        .filter(fiscal_year__in=(year - 1, year), kind__in=RENEWED_KINDS)
        .exclude(state=Announcement.State.WITHDRAWN)
        .order_by("kind", "-signed_on", "-pk")
    )
    previous: dict[str, Announcement] = {}
    current: set[str] = set()
    for a in rows:
        if a.fiscal_year == year:
            current.add(a.kind)
        elif a.state == Announcement.State.PUBLISHED:
            previous.setdefault(a.kind, a)
    labels = dict(Announcement.Kind.choices)
    return [
        Renewal(k, str(labels[k]), previous[k]) for k in RENEWED_KINDS if k in previous and k not in current
    ]
