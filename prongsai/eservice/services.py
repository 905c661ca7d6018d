"""Writes of the e-service: the catalogue, requests and their moves, documents and ratings.

Every change of a request's state goes through ``agencies.services.status_change`` with the map of the
actor's role (``access.py``): the event row, the audit entry and the save are one transaction, and the
applicant is told through the notifier interface (``agencies.notify``), never by a channel chosen here.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.agencies import access as agency_access
from prongsai.agencies.codes import new_code
from prongsai.agencies.models import Agency, AuditEntry, Department, Role
from prongsai.agencies.notify import Contact, Message, notify
from prongsai.agencies.services import (
    audit_record,
    record_change,
    record_create,
    snapshot,
    status_change,
    status_event_record,
)
from prongsai.agencies.signals import announce_public_change
from prongsai.agencies.uploads import JPEG, PDF, PNG, random_name, validate_upload

from . import access
from .models import (
    CLOSED_STATES,
    Channel,
    ChecklistItem,
    Request,
    RequestDocument,
    Service,
    ServiceDocument,
    ServiceFee,
    ServiceStep,
    State,
)

SOURCE = "eservice"
UPLOAD_KINDS = (PDF, JPEG, PNG)
MAX_FILES = 10
CODE_ATTEMPTS = 8


# --- the catalogue ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StepSpec:
    title: str
    working_days: int
    department: Department | None = None
    description: str = ""


@dataclass(frozen=True)
class DocumentSpec:
    name: str
    copies: str = ""
    note: str = ""
    required: bool = True


@dataclass(frozen=True)
class FeeSpec:
    label: str
    amount: Decimal
    note: str = ""


SERVICE_FIELDS = (
    "department",
    "slug",
    "name",
    "name_en",
    "kind",
    "summary",
    "legal_basis",
    "conditions",
    "where",
    "hours",
    "complaint_channel",
    "accepts_online",
    "asks_id_number",
    "report_group",
    "is_published",
    "order",
)


def _check_departments(agency: Agency, departments: Iterable[Department | None]) -> None:
    if any(d is not None and d.agency_id != agency.pk for d in departments):
        raise ValidationError(_("ฝ่ายที่เลือกไม่ใช่ฝ่ายของหน่วยงานนี้"))


def _replace_parts(service: Service, steps, documents, checklist, fees) -> None:
    if steps is not None:
        if not steps:
            raise ValidationError({"steps": _("ต้องมีอย่างน้อยหนึ่งขั้นตอน")})
        service.steps.all().delete()
        for order, s in enumerate(steps):
            step = ServiceStep(
                service=service,
                order=order,
                title=s.title,
                working_days=s.working_days,
                department=s.department,
                description=s.description,
            )
            step.full_clean()
            step.save()
    if documents is not None:
        service.documents.all().delete()
        for order, d in enumerate(documents):
            ServiceDocument.objects.create(
                service=service, order=order, name=d.name, copies=d.copies, note=d.note, required=d.required
            )
    if checklist is not None:
        service.checklist.all().delete()
        for order, text in enumerate(checklist):
            ChecklistItem.objects.create(service=service, order=order, text=text)
    if fees is not None:
        service.fees.all().delete()
        for order, f in enumerate(fees):
            if f.amount < 0:
                raise ValidationError({"fees": _("ค่าธรรมเนียมต้องไม่ติดลบ")})
            ServiceFee.objects.create(
                service=service, order=order, label=f.label, amount=f.amount, note=f.note
            )


def _parts_snapshot(service: Service) -> dict:
    return {
        "steps": [[s.title, s.working_days, s.department_id] for s in service.steps.all()],
        "documents": [[d.name, d.copies, d.required] for d in service.documents.all()],
        "checklist": [c.text for c in service.checklist.all()],
        "fees": [[f.label, str(f.amount)] for f in service.fees.all()],
    }


@transaction.atomic
def service_create(
    *,
    actor,
    agency: Agency,
    steps: Sequence[StepSpec],
    documents: Sequence[DocumentSpec] = (),
    checklist: Sequence[str] = (),
    fees: Sequence[FeeSpec] = (),
    **fields,
) -> Service:
    unknown = set(fields) - set(SERVICE_FIELDS)
    if unknown:
        raise TypeError(f"unknown service fields: {sorted(unknown)}")
    _check_departments(agency, [fields.get("department"), *(s.department for s in steps)])
    if Service.objects.for_agency(agency).filter(slug=fields.get("slug")).exists():
        raise ValidationError({"slug": _("ชื่อในที่อยู่เว็บนี้มีงานบริการอื่นใช้แล้ว")})
    service = Service(agency=agency, **fields)
    record_create(actor=actor, agency=agency, instance=service)
    _replace_parts(service, list(steps), list(documents), list(checklist), list(fees))
    audit_record(
        actor=actor,
        agency=agency,
        action=AuditEntry.Action.CHANGE,
        instance=service,
        before=None,
        after=_parts_snapshot(service),
    )
    announce_public_change(agency=agency, source=SOURCE)
    return service


@transaction.atomic
def service_update(
    *,
    actor,
    service: Service,
    steps: Sequence[StepSpec] | None = None,
    documents: Sequence[DocumentSpec] | None = None,
    checklist: Sequence[str] | None = None,
    fees: Sequence[FeeSpec] | None = None,
    **fields,
) -> Service:
    """Change a service; parts given (steps, documents, checklist, fees) replace the old ones. Requests
    already made keep their history; their due dates follow the service's current steps."""
    unknown = set(fields) - set(SERVICE_FIELDS)
    if unknown:
        raise TypeError(f"unknown service fields: {sorted(unknown)}")
    agency = service.agency
    _check_departments(agency, [fields.get("department"), *((s.department for s in steps) if steps else ())])
    if "slug" in fields and fields["slug"] != service.slug:
        if Service.objects.for_agency(agency).filter(slug=fields["slug"]).exists():
            raise ValidationError({"slug": _("ชื่อในที่อยู่เว็บนี้มีงานบริการอื่นใช้แล้ว")})
    before = {**snapshot(service), **_parts_snapshot(service)}
    for name, value in fields.items():
        setattr(service, name, value)
    service.full_clean()
    _replace_parts(
        service,
        list(steps) if steps is not None else None,
        list(documents) if documents is not None else None,
        list(checklist) if checklist is not None else None,
        list(fees) if fees is not None else None,
    )
    service.save()
    audit_record(
        actor=actor,
        agency=agency,
        action=AuditEntry.Action.CHANGE,
        instance=service,
        before=before,
        after={**snapshot(service), **_parts_snapshot(service)},
    )
    announce_public_change(agency=agency, source=SOURCE)
    return service


# --- requests -----------------------------------------------------------------------------------------

_ID_NUMBER = re.compile(r"^\d{13}$")


def valid_id_number(number: str) -> bool:
    """A Thai citizen ID: 13 digits whose last is the check digit of the first twelve."""
    if not _ID_NUMBER.match(number):
        return False
    total = sum(int(digit) * (13 - i) for i, digit in enumerate(number[:12]))
    return (11 - total % 11) % 10 == int(number[12])


def _token() -> str:
    return secrets.token_urlsafe(18)  # 24 characters, 144 bits


def site_url(path: str) -> str:
    return getattr(settings, "PRONGSAI_SITE_URL", "").rstrip("/") + path


def tracking_path(request: Request) -> str:
    return reverse("eservice_track:track", kwargs={"code": request.code})


def receipt_path(request: Request) -> str:
    return reverse("eservice_track:receipt", kwargs={"code": request.code, "token": request.receipt_token})


def rating_path(request: Request) -> str:
    return reverse("eservice_track:rate", kwargs={"code": request.code, "token": request.rating_token})


def _contact(request: Request) -> Contact:
    return Contact(name=request.applicant_name, email=request.applicant_email, phone=request.applicant_phone)


def _tell(request: Request, subject: str, lines: Sequence[str]) -> None:
    body = "\n".join(
        [
            *lines,
            "",
            _("รหัสติดตาม: %(code)s") % {"code": request.code},
            _("ติดตามสถานะได้ที่: %(url)s") % {"url": site_url(tracking_path(request))},
            _("ใบรับคำขอและการส่งเอกสารเพิ่มเติม: %(url)s") % {"url": site_url(receipt_path(request))},
            "",
            request.agency.name,
            _("ข้อความนี้ส่งโดยอัตโนมัติ โปรดอย่าตอบกลับ"),
        ]
    )
    notify(contact=_contact(request), message=Message(subject=subject, body=body))


def _validated_uploads(uploads) -> list[tuple[ServiceDocument | None, object, object]]:
    out, problems = [], []
    if len(uploads) > MAX_FILES:
        raise ValidationError({"files": _("แนบไฟล์ได้ไม่เกิน %(n)d ไฟล์") % {"n": MAX_FILES}})
    for document, upload in uploads:
        try:
            kind = validate_upload(upload, UPLOAD_KINDS)
        except ValidationError as exc:
            problems.extend(exc.messages)
            continue
        out.append((document, upload, kind))
    if problems:
        raise ValidationError({"files": problems})
    return out


def _store(request: Request, validated, actor) -> list[RequestDocument]:
    stored = []
    now = timezone.now()
    for document, upload, kind in validated:
        item = RequestDocument(
            request=request,
            document=document,
            original_name=(upload.name or "file")[:255],
            file_kind=kind.name,
            size=upload.size,
            uploaded_at=now,
            uploaded_by=actor if actor is not None and actor.is_authenticated else None,
        )
        item.file.save(random_name(kind), upload, save=False)
        item.save()
        stored.append(item)
    return stored


def _may_record(actor, service: Service) -> bool:
    agency = service.agency
    roles = agency_access.roles_in(actor, agency)
    if Role.COORDINATOR in roles:
        return True
    return Role.OFFICER in roles and service.department_id in agency_access.department_ids_of(actor, agency)


@transaction.atomic
def request_submit(
    *,
    agency: Agency,
    service: Service,
    applicant_name: str,
    applicant_phone: str = "",
    applicant_email: str = "",
    applicant_id_number: str = "",
    details: str = "",
    channel: str = Channel.ONLINE,
    outside_reference: str = "",
    uploads: Sequence[tuple[ServiceDocument | None, object]] = (),
    actor=None,
) -> Request:
    """A new request: online by the applicant (``actor`` None), or recorded by an officer from the counter,
    Traffy Fondue, the BMA e-service portal or a letter. Gets a random tracking code and tokens."""
    if service.agency_id != agency.pk or not service.is_published:
        raise ValidationError(_("ไม่พบงานบริการนี้"))
    if actor is None:
        if channel != Channel.ONLINE or not service.accepts_online:
            raise ValidationError(_("งานบริการนี้ยังไม่เปิดให้ยื่นคำขอออนไลน์"))
    elif not _may_record(actor, service):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    applicant_name = " ".join(applicant_name.split())
    if not applicant_name:
        errors["applicant_name"] = [_("โปรดกรอกชื่อ-นามสกุล")]
    if not (applicant_phone.strip() or applicant_email.strip()):
        errors["applicant_phone"] = [_("โปรดให้เบอร์โทรศัพท์หรืออีเมลอย่างน้อยหนึ่งช่องทาง เพื่อให้เจ้าหน้าที่ติดต่อกลับ")]
    id_number = re.sub(r"[\s-]", "", applicant_id_number)
    if service.asks_id_number and actor is None and not id_number:
        errors["applicant_id_number"] = [_("งานบริการนี้ต้องใช้เลขประจำตัวประชาชน")]
    if id_number and not valid_id_number(id_number):
        errors["applicant_id_number"] = [
            _("เลขประจำตัวประชาชนไม่ถูกต้อง (ต้องเป็นตัวเลข ๑๓ หลัก และหลักสุดท้ายตรงตามสูตร)")
        ]
    if channel not in Channel.values:
        errors["channel"] = [_("ช่องทางไม่ถูกต้อง")]
    elif channel in (Channel.TRAFFY, Channel.BMA_PORTAL) and not outside_reference.strip():
        errors["outside_reference"] = [_("โปรดกรอกเลขอ้างอิงของช่องทางนั้น เพื่อให้ตามเรื่องต่อได้")]
    if any(d is not None and d.service_id != service.pk for d, _u in uploads):
        errors["files"] = [_("เอกสารไม่ตรงกับงานบริการ")]
    if errors:
        raise ValidationError(errors)
    validated = _validated_uploads(list(uploads))
    now = timezone.now()
    request = None
    for _attempt in range(CODE_ATTEMPTS):
        candidate = Request(
            agency=agency,
            service=service,
            code=new_code(),
            receipt_token=_token(),
            rating_token=_token(),
            state=State.RECEIVED,
            step=0,
            department=service.department,
            channel=channel,
            outside_reference=outside_reference.strip(),
            applicant_name=applicant_name,
            applicant_phone=applicant_phone.strip(),
            applicant_email=applicant_email.strip(),
            applicant_id_number=id_number,
            details=details.strip(),
            received_at=now,
            created_by=actor,
        )
        candidate.full_clean(validate_unique=False)
        try:
            # A savepoint: a colliding code (1 in 10^15 per pair) must not spoil the caller's transaction.
            with transaction.atomic():
                candidate.save()
        except IntegrityError:
            continue
        request = candidate
        break
    if request is None:
        raise RuntimeError("could not draw a free tracking code")
    audit_record(
        actor=actor, agency=agency, action=AuditEntry.Action.CREATE, instance=request, after=snapshot(request)
    )
    event = status_event_record(
        actor=actor,
        agency=agency,
        instance=request,
        from_state="",
        to_state=State.RECEIVED,
        note=_("ได้รับคำขอทาง%(channel)s") % {"channel": request.get_channel_display()},
        data={"step": 0, "department": service.department_id, "channel": channel},
    )
    if event.at != request.received_at:
        request.received_at = event.at
        request.save(update_fields=["received_at"])
    _store(request, validated, actor)
    _tell(
        request,
        _("[%(agency)s] ได้รับคำขอ %(service)s แล้ว รหัส %(code)s")
        % {"agency": agency.name, "service": service.name, "code": request.code},
        [
            _("เรียน คุณ%(name)s") % {"name": request.applicant_name},
            "",
            _("%(agency)s ได้รับคำขอ “%(service)s” ของท่านแล้ว")
            % {"agency": agency.name, "service": service.name},
        ],
    )
    return request


@dataclass(frozen=True)
class Outcome:
    """What an approval issued, for the public registers (no personal data)."""

    permit_number: str = ""
    public_summary: str = ""
    area_sqm: Decimal | None = None
    amount: Decimal | None = None


def _next_position(request: Request, to_state: str, step: int | None) -> tuple[int | None, Department]:
    steps = list(request.service.steps.select_related("department"))
    current = request.step or 0
    if not steps:
        return request.step, request.department
    last = len(steps) - 1
    if to_state == State.ACCEPTED:
        target = max(current, min(1, last))
    elif to_state == State.IN_STEP:
        target = current + 1 if step is None else step
        if target <= current or target > last:
            raise ValidationError(
                {"step": _("ส่งต่อได้เฉพาะไปยังขั้นตอนถัดไปของงานบริการนี้")}
                if current < last
                else {"step": _("คำขออยู่ในขั้นตอนสุดท้ายแล้ว โปรดอนุมัติหรือไม่อนุมัติ")}
            )
    elif to_state == State.APPROVED:
        target = last
    else:
        return request.step, request.department
    return target, steps[target].department or request.service.department


@transaction.atomic
def request_transition(
    *,
    actor,
    request: Request,
    to_state: str,
    message: str = "",
    internal_note: str = "",
    step: int | None = None,
    outcome: Outcome | None = None,
) -> Request:
    """Move a request one step. ``message`` goes to the applicant (the public timeline shows it);
    ``internal_note`` stays with the staff. Refusing and asking for documents must say why."""
    allowed = access.allowed_for(actor, request)
    if not allowed:
        raise PermissionDenied
    if to_state not in allowed.get(request.state, ()):
        # status_change refuses it with its message; asked first so that no other check answers instead.
        status_change(
            actor=actor, agency=request.agency, instance=request, to_state=to_state, allowed=allowed
        )
    message, internal_note = message.strip(), internal_note.strip()
    if to_state == State.REFUSED and not message:
        raise ValidationError({"message": _("โปรดแจ้งเหตุผลที่ไม่อนุมัติให้ผู้ยื่นคำขอทราบ")})
    if to_state == State.NEEDS_DOCUMENTS and not message:
        raise ValidationError({"message": _("โปรดระบุเอกสารที่ต้องการเพิ่มเติม")})
    new_step, department = _next_position(request, to_state, step)
    data = {"step": new_step, "department": department.pk}
    if internal_note:
        data["internal_note"] = internal_note
    event = status_change(
        actor=actor,
        agency=request.agency,
        instance=request,
        to_state=to_state,
        allowed=allowed,
        note=message,
        data=data,
    )
    before = snapshot(request)
    request.step, request.department = new_step, department
    if to_state in CLOSED_STATES:
        request.closed_at = event.at
    if to_state == State.APPROVED and outcome is not None:
        request.permit_number = outcome.permit_number.strip()
        request.public_summary = outcome.public_summary.strip()
        request.area_sqm = outcome.area_sqm
        request.amount = outcome.amount
        request.full_clean(validate_unique=False)
    if snapshot(request) != before:
        record_change(actor=actor, agency=request.agency, instance=request, before=before)
    _tell_transition(request, to_state, message)
    return request


SUBJECTS = {
    State.NEEDS_DOCUMENTS: gettext_lazy("โปรดส่งเอกสารเพิ่มเติมสำหรับคำขอ %(code)s"),
    State.ACCEPTED: gettext_lazy("รับเรื่องคำขอ %(code)s แล้ว"),
    State.IN_STEP: gettext_lazy("คำขอ %(code)s อยู่ระหว่างดำเนินการ"),
    State.APPROVED: gettext_lazy("คำขอ %(code)s ได้รับอนุมัติ/อนุญาตแล้ว"),
    State.REFUSED: gettext_lazy("ผลการพิจารณาคำขอ %(code)s"),
    State.COMPLETED: gettext_lazy("คำขอ %(code)s ดำเนินการเสร็จสิ้น"),
    State.RECEIVED: gettext_lazy("ได้รับเอกสารเพิ่มเติมของคำขอ %(code)s แล้ว"),
}


def _tell_transition(request: Request, to_state: str, message: str) -> None:
    subject = str(SUBJECTS[to_state]) % {"code": request.code}
    lines = [
        _("เรียน คุณ%(name)s") % {"name": request.applicant_name},
        "",
        _("คำขอ “%(service)s” ของท่าน: %(state)s")
        % {"service": request.service.name, "state": State(to_state).label},
    ]
    if message:
        lines += ["", message]
    if to_state == State.COMPLETED:
        lines += ["", _("โปรดประเมินความพึงพอใจ: %(url)s") % {"url": site_url(rating_path(request))}]
    _tell(request, f"[{request.agency.name}] {subject}", lines)


@transaction.atomic
def request_note(*, actor, request: Request, message: str = "", internal_note: str = "") -> None:
    """A message to the applicant or a note for colleagues, without a change of state (a timeline row)."""
    if not access.can_handle(actor, request):
        raise PermissionDenied
    message, internal_note = message.strip(), internal_note.strip()
    if not (message or internal_note):
        raise ValidationError({"message": _("โปรดพิมพ์ข้อความ")})
    data = {"kind": "note", "step": request.step, "department": request.department_id}
    if internal_note:
        data["internal_note"] = internal_note
    status_event_record(
        actor=actor,
        agency=request.agency,
        instance=request,
        from_state=request.state,
        to_state=request.state,
        note=message,
        data=data,
    )
    if message:
        _tell(
            request,
            _("[%(agency)s] ข้อความถึงท่านเรื่องคำขอ %(code)s")
            % {"agency": request.agency.name, "code": request.code},
            [_("เรียน คุณ%(name)s") % {"name": request.applicant_name}, "", message],
        )


@transaction.atomic
def request_documents_send(
    *, request: Request, uploads: Sequence[tuple[ServiceDocument | None, object]]
) -> Request:
    """The applicant sends the documents an officer asked for; the request goes back in line."""
    if request.state != State.NEEDS_DOCUMENTS:
        raise ValidationError({"files": _("ส่งเอกสารเพิ่มเติมได้เมื่อเจ้าหน้าที่แจ้งขอเท่านั้น")})
    if not uploads:
        raise ValidationError({"files": _("โปรดเลือกไฟล์อย่างน้อยหนึ่งไฟล์")})
    if any(d is not None and d.service_id != request.service_id for d, _u in uploads):
        raise ValidationError({"files": _("เอกสารไม่ตรงกับงานบริการ")})
    validated = _validated_uploads(list(uploads))
    stored = _store(request, validated, None)
    status_change(
        actor=None,
        agency=request.agency,
        instance=request,
        to_state=State.RECEIVED,
        allowed=access.APPLICANT_ALLOWED,
        note=_("ผู้ยื่นคำขอส่งเอกสารเพิ่มเติมแล้ว %(n)d ไฟล์") % {"n": len(stored)},
        data={"step": request.step, "department": request.department_id, "files": len(stored)},
    )
    _tell(
        request,
        str(SUBJECTS[State.RECEIVED]) % {"code": request.code},
        [
            _("เรียน คุณ%(name)s") % {"name": request.applicant_name},
            "",
            _("เจ้าหน้าที่จะตรวจสอบเอกสารและดำเนินการต่อ"),
        ],
    )
    return request


@transaction.atomic
def request_rate(*, request: Request, rating: int, comment: str = "") -> Request:
    """The applicant's one rating (1-5) of a finished request."""
    if request.state not in CLOSED_STATES:
        raise ValidationError({"rating": _("ประเมินได้เมื่อคำขอดำเนินการเสร็จสิ้นแล้ว")})
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValidationError({"rating": _("โปรดเลือกคะแนน ๑ ถึง ๕")})
    comment = comment.strip()[:2000]
    now = timezone.now()
    # One rating only, even when two submissions race: the row changes only while it has none.
    changed = Request.objects.filter(pk=request.pk, rated_at__isnull=True).update(
        rating=rating, rating_comment=comment, rated_at=now
    )
    if not changed:
        raise ValidationError({"rating": _("คำขอนี้ได้รับการประเมินแล้ว ขอบคุณที่ให้ความเห็น")})
    before = snapshot(request)
    request.rating, request.rating_comment, request.rated_at = rating, comment, now
    audit_record(
        actor=None,
        agency=request.agency,
        action=AuditEntry.Action.CHANGE,
        instance=request,
        before={"rating": before["rating"]},
        after={"rating": rating, "rating_comment": comment},
    )
    return request
