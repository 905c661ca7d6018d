"""Writes of the integrity channels. Decryption happens here too, and only here: a handler's view calls
``complaint_open`` (which writes the access log) and receives the plain text; nothing else opens a sealed field.

None of these functions takes the request: what a complainant sends arrives as plain values, so no address,
browser or referer can reach a model by accident.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.agencies.codes import new_code
from prongsai.agencies.models import Agency, AuditEntry, Department
from prongsai.agencies.services import (
    audit_record,
    record_change,
    record_create,
    snapshot,
    status_event_record,
)
from prongsai.agencies.signals import announce_public_change

from . import crypto, receipts, scrub, workflow
from .models import (
    Channel,
    ChannelSettings,
    Complaint,
    ComplaintAccess,
    ComplaintContent,
    ComplaintEvidence,
    ComplaintMessage,
    Feedback,
    Party,
    Question,
    Referral,
)

SOURCE = "integrity"
MAX_TEXT = 10_000
MAX_MESSAGE = 5_000


# --- helpers ----------------------------------------------------------------------------------------------


def _move(*, actor, agency: Agency, instance, to_state: str, allowed, note: str = "", data=None, **changes):
    """A state change with other fields changed in the same save (an outcome, an answer): checked against
    ``allowed`` like ``status_change``, saved with its audit entry, and written as a status event."""
    from_state = instance.state
    if to_state not in allowed.get(from_state, ()):
        labels = dict(instance._meta.get_field("state").choices)
        raise ValidationError(
            _("เปลี่ยนสถานะจาก “%(from)s” เป็น “%(to)s” ไม่ได้")
            % {"from": labels.get(from_state, from_state), "to": labels.get(to_state, to_state)},
            code="illegal_transition",
        )
    with transaction.atomic():
        before = snapshot(instance)
        instance.state = to_state
        for name, value in changes.items():
            setattr(instance, name, value)
        instance.full_clean(validate_unique=False, validate_constraints=True)
        record_change(actor=actor, agency=agency, instance=instance, before=before)
        return status_event_record(
            actor=actor,
            agency=agency,
            instance=instance,
            from_state=from_state,
            to_state=to_state,
            note=note,
            data=data,
        )


def _unique_code(model, field_name: str, length: int = 10) -> str:
    while True:
        code = new_code(length)
        if not model.objects.filter(**{field_name: code}).exists():
            return code


def _clean_text(value: str, limit: int, label: str) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise ValidationError(
            _("%(label)s ยาวเกิน %(limit)s ตัวอักษร") % {"label": label, "limit": f"{limit:,}"}
        )
    return value


def _department_of(agency: Agency, department: Department | None) -> Department | None:
    if department is not None and department.agency_id != agency.pk:
        raise ValidationError(_("ฝ่ายนี้ไม่ใช่ฝ่ายของหน่วยงาน"))
    return department


# --- corruption complaints: filing ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CleanFile:
    name: str
    kind: str
    extension: str
    data: bytes


def evidence_prepare(files) -> list[CleanFile]:
    """Check and clean every file before anything is saved: one bad file refuses the whole submission."""
    files = [f for f in files or [] if f]
    if len(files) > scrub.MAX_FILES:
        raise ValidationError(_("แนบไฟล์ได้ไม่เกิน %(n)d ไฟล์") % {"n": scrub.MAX_FILES}, code="too_many")
    prepared = []
    for upload in files:
        kind, data = scrub.clean_upload(upload)
        name = (upload.name or "evidence").replace("/", "_").replace("\\", "_")[-120:]
        prepared.append(CleanFile(name, kind.name, kind.extensions[0], data))
    return prepared


def _store_evidence(complaint: Complaint, files: list[CleanFile], party: str, now: datetime) -> list[str]:
    saved = []
    for clean in files:
        token = secrets.token_urlsafe(18)
        blob = crypto.seal_bytes(clean.data, f"complaint:{complaint.ref}:evidence:{token}")
        evidence = ComplaintEvidence(
            complaint=complaint,
            token=token,
            sealed_name=crypto.seal(clean.name, f"complaint:{complaint.ref}:evidence-name:{token}"),
            kind=clean.kind,
            size=len(clean.data),
            added_by=party,
            created_at=now,
        )
        # The stored file is ciphertext under a random name: neither the name nor the type says anything.
        evidence.file.save(f"{token}.bin", ContentFile(blob), save=False)
        saved.append(evidence.file.name)
        evidence.save()
    return saved


def _discard(names: list[str]) -> None:
    from django.core.files.storage import default_storage

    for name in names:
        default_storage.delete(name)


def complaint_submit(
    *,
    agency: Agency,
    category: str,
    department: Department | None,
    what: str,
    who: str = "",
    when: str = "",
    where: str = "",
    identity: dict | None = None,
    files=(),
    channel: str = Channel.WEB,
    actor=None,
    received_at: datetime | None = None,
    with_receipt: bool = True,
) -> tuple[Complaint, str | None, str | None]:
    """File a corruption complaint; returns (complaint, receipt code, passphrase). The passphrase exists only
    in this return value: it is hashed before the transaction ends and cannot be shown again."""
    what = _clean_text(what, MAX_TEXT, _("รายละเอียด"))
    if not what:
        raise ValidationError({"what": _("โปรดเล่าว่าเกิดอะไรขึ้น")})
    if category not in Complaint.Category.values:
        raise ValidationError({"category": _("โปรดเลือกประเภทเรื่อง")})
    department = _department_of(agency, department)
    identity = {k: v.strip()[:300] for k, v in (identity or {}).items() if v and v.strip()}
    prepared = evidence_prepare(files)
    now = received_at or timezone.now()
    ref = _unique_code(Complaint, "ref")
    code = _unique_code(Complaint, "receipt_code") if with_receipt else None
    passphrase = receipts.new_passphrase() if with_receipt else None
    stored: list[str] = []
    try:
        with transaction.atomic():
            complaint = Complaint(
                agency=agency,
                ref=ref,
                receipt_code=code,
                channel=channel,
                category=category,
                department=department,
                received_at=now,
                has_identity=bool(identity),
            )
            complaint.full_clean()
            complaint.save()
            report = {
                "what": what,
                "who": who.strip()[:500],
                "when": when.strip()[:200],
                "where": where.strip()[:500],
            }
            ComplaintContent.objects.create(
                complaint=complaint,
                passphrase_hash=receipts.hash_passphrase(passphrase) if passphrase else "",
                sealed_report=crypto.seal(report, f"complaint:{ref}:report"),
                sealed_identity=crypto.seal(identity, f"complaint:{ref}:identity"),
            )
            stored = _store_evidence(complaint, prepared, Party.COMPLAINANT, now)
            event = status_event_record(
                actor=actor,
                agency=agency,
                instance=complaint,
                from_state="",
                to_state=Complaint.State.RECEIVED,
                data={"channel": channel},
            )
            if received_at is not None:
                event.at = received_at
                event.save(update_fields=["at"])
            if actor is not None:
                # Recorded by staff from a letter or a call: the audit entry names the case, never its content.
                audit_record(
                    actor=actor,
                    agency=agency,
                    action=AuditEntry.Action.CREATE,
                    instance=complaint,
                    after={"ref": ref, "channel": channel, "category": category},
                )
            announce_public_change(agency=agency, source=SOURCE)
    except Exception:
        _discard(stored)
        raise
    return complaint, code, passphrase


# --- corruption complaints: the handler's reads (each one logged) -------------------------------------------


@dataclass
class Message:
    sender: str
    author: str
    body: str
    at: datetime


@dataclass
class Evidence:
    token: str
    name: str
    kind: str
    size: int
    added_by: str
    at: datetime


@dataclass
class CaseView:
    complaint: Complaint
    what: str
    who: str
    when: str
    where: str
    messages: list[Message] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


def _log_access(actor, complaint: Complaint, action: str) -> None:
    ComplaintAccess.objects.create(
        agency=complaint.agency,
        complaint=complaint,
        user=actor,
        user_name=actor.get_username(),
        at=timezone.now(),
        action=action,
    )


def _messages(complaint: Complaint) -> list[Message]:
    out = []
    for m in complaint.messages.select_related("author"):
        body = crypto.unseal(m.sealed_body, f"complaint:{complaint.ref}:message")
        out.append(Message(m.sender, m.author.get_username() if m.author else "", body, m.created_at))
    return out


def _evidence(complaint: Complaint) -> list[Evidence]:
    return [
        Evidence(
            e.token,
            crypto.unseal(e.sealed_name, f"complaint:{complaint.ref}:evidence-name:{e.token}"),
            e.kind,
            e.size,
            e.added_by,
            e.created_at,
        )
        for e in complaint.evidence.all()
    ]


def _case(complaint: Complaint) -> CaseView:
    report = crypto.unseal(complaint.content.sealed_report, f"complaint:{complaint.ref}:report") or {}
    return CaseView(
        complaint=complaint,
        what=report.get("what", ""),
        who=report.get("who", ""),
        when=report.get("when", ""),
        where=report.get("where", ""),
        messages=_messages(complaint),
        evidence=_evidence(complaint),
    )


@transaction.atomic
def complaint_open(*, actor, complaint: Complaint) -> CaseView:
    """The case as the handler reads it; the opening is written to the access log first."""
    _log_access(actor, complaint, ComplaintAccess.Action.OPEN)
    return _case(complaint)


@transaction.atomic
def complaint_identity(*, actor, complaint: Complaint) -> dict:
    """Who the complainant said they are (an empty dict when anonymous), logged as its own access."""
    _log_access(actor, complaint, ComplaintAccess.Action.IDENTITY)
    return crypto.unseal(complaint.content.sealed_identity, f"complaint:{complaint.ref}:identity") or {}


@transaction.atomic
def complaint_evidence_read(*, actor, complaint: Complaint, token: str) -> tuple[str, str, bytes]:
    """(original name, kind, cleaned bytes) of one evidence file, logged."""
    evidence = complaint.evidence.filter(token=token).first()
    if evidence is None:
        raise ComplaintEvidence.DoesNotExist
    _log_access(actor, complaint, ComplaintAccess.Action.EVIDENCE)
    with evidence.file.open("rb") as handle:
        blob = handle.read()
    data = crypto.open_bytes(blob, f"complaint:{complaint.ref}:evidence:{token}")
    name = crypto.unseal(evidence.sealed_name, f"complaint:{complaint.ref}:evidence-name:{token}")
    return name, evidence.kind, data


def complaint_referral_case(*, actor, complaint: Complaint) -> CaseView:
    """The case for the referral letter (exports.py), logged as an export."""
    with transaction.atomic():
        _log_access(actor, complaint, ComplaintAccess.Action.EXPORT)
        return _case(complaint)


# --- corruption complaints: the handler's writes -----------------------------------------------------------


def complaint_move(*, actor, complaint: Complaint, to_state: str, outcome: str = "", note: str = ""):
    """Move a case along the workflow. Concluding needs an outcome (referral has its own function)."""
    changes = {}
    if to_state == Complaint.State.CONCLUDED:
        if outcome not in (Complaint.Outcome.SUBSTANTIATED, Complaint.Outcome.UNSUBSTANTIATED):
            raise ValidationError({"outcome": _("โปรดระบุผลการพิจารณา (มีมูล หรือ ไม่มีมูล)")})
        changes["outcome"] = outcome
    event = _move(
        actor=actor,
        agency=complaint.agency,
        instance=complaint,
        to_state=to_state,
        allowed=workflow.COMPLAINT_ALLOWED,
        note=_clean_text(note, 2000, _("บันทึก")),
        data={"outcome": outcome} if outcome else None,
        **changes,
    )
    announce_public_change(agency=complaint.agency, source=SOURCE)
    return event


@transaction.atomic
def complaint_refer(
    *, actor, complaint: Complaint, body: str, letter_no: str, sent_on: date, note: str = ""
) -> Referral:
    """Record that the case was sent to a higher body; the case is then concluded as "referred"."""
    if body not in Referral.Body.values:
        raise ValidationError({"body": _("โปรดเลือกหน่วยงานที่ส่งเรื่องไป")})
    letter_no = (letter_no or "").strip()
    if not letter_no:
        raise ValidationError({"letter_no": _("โปรดระบุเลขที่หนังสือนำส่ง")})
    referral = Referral(
        complaint=complaint, body=body, letter_no=letter_no[:100], sent_on=sent_on, created_by=actor
    )
    record_create(actor=actor, agency=complaint.agency, instance=referral)
    _move(
        actor=actor,
        agency=complaint.agency,
        instance=complaint,
        to_state=Complaint.State.CONCLUDED,
        allowed=workflow.COMPLAINT_ALLOWED,
        note=_clean_text(note, 2000, _("บันทึก")),
        data={"outcome": Complaint.Outcome.REFERRED, "referral": referral.pk, "body": body},
        outcome=Complaint.Outcome.REFERRED,
    )
    announce_public_change(agency=complaint.agency, source=SOURCE)
    return referral


def _message(complaint: Complaint, body: str, sender: str, author=None) -> ComplaintMessage:
    body = _clean_text(body, MAX_MESSAGE, _("ข้อความ"))
    if not body:
        raise ValidationError({"body": _("โปรดพิมพ์ข้อความ")})
    return ComplaintMessage.objects.create(
        complaint=complaint,
        sender=sender,
        author=author,
        sealed_body=crypto.seal(body, f"complaint:{complaint.ref}:message"),
        created_at=timezone.now(),
    )


@transaction.atomic
def complaint_reply(*, actor, complaint: Complaint, body: str) -> ComplaintMessage:
    """A handler's message to the complainant, read at /report/."""
    if complaint.state == Complaint.State.CLOSED:
        raise ValidationError(_("เรื่องนี้ปิดแล้ว ส่งข้อความเพิ่มไม่ได้"))
    message = _message(complaint, body, Party.HANDLER, actor)
    audit_record(
        actor=actor,
        agency=complaint.agency,
        action=AuditEntry.Action.CREATE,
        model="integrity.complaintmessage",
        object_id=str(message.pk),
        object_repr=f"{complaint.ref}: ข้อความถึงผู้ร้องเรียน",
    )
    return message


# --- corruption complaints: the complainant's side (/report/) ----------------------------------------------


def report_login(*, code: str, passphrase: str) -> Complaint | None:
    """The complaint of a receipt, or None; an unknown code costs the same time as a wrong passphrase."""
    from prongsai.agencies.codes import normalise

    canonical = normalise(code)
    complaint = (
        Complaint.objects.select_related("content", "agency").filter(receipt_code=canonical).first()
        if canonical
        else None
    )
    stored = complaint.content.passphrase_hash if complaint else None
    if not receipts.passphrase_matches(passphrase, stored):
        return None
    return complaint


@dataclass
class ReportView:
    complaint: Complaint
    steps: list  # (state label, when)
    messages: list[Message]
    evidence: list[Evidence]


def report_view(complaint: Complaint) -> ReportView:
    """What the complainant sees: the steps so far (without the handlers' notes), messages, their files."""
    labels = dict(Complaint.State.choices)
    steps = [(labels.get(e.to_state, e.to_state), e.at) for e in complaint.events.order_by("at", "pk")]
    return ReportView(complaint, steps, _messages(complaint), _evidence(complaint))


@transaction.atomic
def report_message(*, complaint: Complaint, body: str) -> ComplaintMessage:
    if complaint.state == Complaint.State.CLOSED:
        raise ValidationError(_("เรื่องนี้ปิดแล้ว ส่งข้อความเพิ่มไม่ได้"))
    return _message(complaint, body, Party.COMPLAINANT)


def report_evidence_add(*, complaint: Complaint, files) -> int:
    if complaint.state == Complaint.State.CLOSED:
        raise ValidationError(_("เรื่องนี้ปิดแล้ว ส่งหลักฐานเพิ่มไม่ได้"))
    prepared = evidence_prepare(files)
    if len(prepared) + complaint.evidence.count() > scrub.MAX_FILES * 4:
        raise ValidationError(_("เรื่องนี้มีไฟล์หลักฐานครบจำนวนที่รับได้แล้ว"))
    stored: list[str] = []
    try:
        with transaction.atomic():
            stored = _store_evidence(complaint, prepared, Party.COMPLAINANT, timezone.now())
    except Exception:
        _discard(stored)
        raise
    return len(prepared)


# --- general complaints, suggestions, compliments -------------------------------------------------------------


def feedback_submit(
    *,
    agency: Agency,
    kind: str,
    subject: str,
    body: str,
    department: Department | None = None,
    about_staff: bool = False,
    contact: dict | None = None,
    created_at: datetime | None = None,
) -> Feedback:
    subject = _clean_text(subject, 200, _("เรื่อง"))
    body = _clean_text(body, MAX_TEXT, _("รายละเอียด"))
    if not subject or not body:
        raise ValidationError(_("โปรดระบุเรื่องและรายละเอียด"))
    if kind not in Feedback.Kind.values:
        raise ValidationError({"kind": _("โปรดเลือกประเภท")})
    department = _department_of(agency, department)
    contact = {k: v.strip()[:300] for k, v in (contact or {}).items() if v and v.strip()}
    now = created_at or timezone.now()
    with transaction.atomic():
        code = _unique_code(Feedback, "code")
        item = Feedback(
            agency=agency,
            code=code,
            kind=kind,
            department=department,
            about_staff=about_staff and kind == Feedback.Kind.COMPLAINT,
            sealed_body=crypto.seal({"subject": subject, "body": body}, f"feedback:{code}:body"),
            sealed_contact=crypto.seal(contact, f"feedback:{code}:contact"),
            created_at=now,
        )
        item.full_clean()
        item.save()
        event = status_event_record(
            actor=None, agency=agency, instance=item, from_state="", to_state=Feedback.State.RECEIVED
        )
        if created_at is not None:
            event.at = created_at
            event.save(update_fields=["at"])
    return item


@dataclass
class FeedbackView:
    item: Feedback
    subject: str
    body: str
    contact: dict


def feedback_text(item: Feedback) -> tuple[str, str]:
    body = crypto.unseal(item.sealed_body, f"feedback:{item.code}:body") or {}
    return body.get("subject", ""), body.get("body", "")


def feedback_open(*, actor, item: Feedback) -> FeedbackView:
    subject, body = feedback_text(item)
    contact = crypto.unseal(item.sealed_contact, f"feedback:{item.code}:contact") or {}
    return FeedbackView(item, subject, body, contact)


@transaction.atomic
def feedback_route(*, actor, item: Feedback, department: Department | None, about_staff: bool) -> Feedback:
    before = snapshot(item)
    item.department = _department_of(item.agency, department)
    item.about_staff = about_staff
    record_change(actor=actor, agency=item.agency, instance=item, before=before)
    return item


def feedback_start(*, actor, item: Feedback, note: str = ""):
    return _move(
        actor=actor, agency=item.agency, instance=item, to_state=Feedback.State.IN_PROGRESS,
        allowed=workflow.FEEDBACK_ALLOWED, note=note,
    )  # fmt: skip


def feedback_answer(*, actor, item: Feedback, answer: str, public: bool, public_summary: str = ""):
    answer = _clean_text(answer, MAX_TEXT, _("คำตอบ"))
    if not answer:
        raise ValidationError({"answer": _("โปรดพิมพ์คำตอบ")})
    public_summary = _clean_text(public_summary, 300, _("สรุปเรื่อง"))
    if public and not public_summary:
        raise ValidationError({"public_summary": _("คำตอบที่เผยแพร่ต้องมีสรุปเรื่องที่ไม่มีข้อมูลส่วนบุคคล")})
    event = _move(
        actor=actor,
        agency=item.agency,
        instance=item,
        to_state=Feedback.State.ANSWERED,
        allowed=workflow.FEEDBACK_ALLOWED,
        answer=answer,
        answer_public=public,
        public_summary=public_summary if public else "",
        answered_at=timezone.now(),
    )
    if public:
        announce_public_change(agency=item.agency, source=SOURCE)
    return event


def feedback_close(*, actor, item: Feedback, note: str = ""):
    return _move(
        actor=actor, agency=item.agency, instance=item, to_state=Feedback.State.CLOSED,
        allowed=workflow.FEEDBACK_ALLOWED, note=note,
    )  # fmt: skip


# --- questions ------------------------------------------------------------------------------------------------


def question_ask(
    *, agency: Agency, text: str, department: Department | None = None, created_at: datetime | None = None
) -> Question:
    text = _clean_text(text, 3000, _("คำถาม"))
    if not text:
        raise ValidationError({"text": _("โปรดพิมพ์คำถาม")})
    department = _department_of(agency, department)
    now = created_at or timezone.now()
    with transaction.atomic():
        question = Question(
            agency=agency,
            code=_unique_code(Question, "code"),
            text=text,
            department=department,
            created_at=now,
        )
        question.full_clean()
        question.save()
        event = status_event_record(
            actor=None, agency=agency, instance=question, from_state="", to_state=Question.State.NEW
        )
        if created_at is not None:
            event.at = created_at
            event.save(update_fields=["at"])
    return question


def question_answer(*, actor, question: Question, answer: str):
    answer = _clean_text(answer, MAX_TEXT, _("คำตอบ"))
    if not answer:
        raise ValidationError({"answer": _("โปรดพิมพ์คำตอบ")})
    if question.state in (Question.State.ANSWERED, Question.State.PUBLISHED):
        # A corrected answer: the same state, a new audit entry (and the public list shows the new text).
        with transaction.atomic():
            before = snapshot(question)
            question.answer, question.answered_by, question.answered_at = answer, actor, timezone.now()
            record_change(actor=actor, agency=question.agency, instance=question, before=before)
        if question.state == Question.State.PUBLISHED:
            announce_public_change(agency=question.agency, source=SOURCE)
        return None
    return _move(
        actor=actor, agency=question.agency, instance=question, to_state=Question.State.ANSWERED,
        allowed=workflow.QUESTION_ALLOWED, answer=answer, answered_by=actor, answered_at=timezone.now(),
    )  # fmt: skip


def question_publish(*, actor, question: Question, public_text: str = ""):
    """Put an answered question on the public list; who published it is recorded."""
    public_text = _clean_text(public_text, 3000, _("คำถามที่เผยแพร่")) or question.text
    event = _move(
        actor=actor, agency=question.agency, instance=question, to_state=Question.State.PUBLISHED,
        allowed=workflow.QUESTION_ALLOWED, public_text=public_text, published_by=actor,
        published_at=timezone.now(),
    )  # fmt: skip
    announce_public_change(agency=question.agency, source=SOURCE)
    return event


def question_unpublish(*, actor, question: Question, note: str = ""):
    event = _move(
        actor=actor, agency=question.agency, instance=question, to_state=Question.State.ANSWERED,
        allowed=workflow.QUESTION_ALLOWED, note=note,
    )  # fmt: skip
    announce_public_change(agency=question.agency, source=SOURCE)
    return event


def question_decline(*, actor, question: Question, note: str = ""):
    return _move(
        actor=actor, agency=question.agency, instance=question, to_state=Question.State.DECLINED,
        allowed=workflow.QUESTION_ALLOWED, note=note,
    )  # fmt: skip


# --- settings ----------------------------------------------------------------------------------------------------

SETTINGS_FIELDS = ("unit_name", "address", "phone", "email", "hours", "other_channels")


@transaction.atomic
def channel_settings_save(*, actor, agency: Agency, **values) -> ChannelSettings:
    current, created = ChannelSettings.objects.get_or_create(agency=agency)
    before = None if created else snapshot(current)
    for name in SETTINGS_FIELDS:
        if name in values:
            setattr(current, name, values[name] or "")
    current.full_clean()
    record_change(
        actor=actor,
        agency=agency,
        instance=current,
        before=before,
        action=AuditEntry.Action.CREATE if created else AuditEntry.Action.CHANGE,
    )
    agency.__dict__.pop("_integrity_facts", None)  # public.py remembers its facts on the object
    announce_public_change(agency=agency, source=SOURCE)
    return current
