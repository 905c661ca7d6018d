"""Every write of the self-assessment. Staff actions are audited; respondents' answers deliberately are not
(an audit entry is a timestamp, and a timestamp is what would tie an answer to a person: see models.py)."""

from __future__ import annotations

import copy
import hashlib
import hmac
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.agencies.codes import new_code, normalise
from prongsai.agencies.services import (
    audit_record,
    record_change,
    record_create,
    snapshot,
    status_change,
    status_event_record,
)

from . import instruments, scoring
from .models import Answer, Instrument, Invitation, Round

ROUND_STEPS = {Round.State.OPEN: [Round.State.CLOSED], Round.State.CLOSED: [Round.State.OPEN]}
MAX_BATCH = 500  # codes in one printed batch
MAX_EIT_ANSWERS = 5000  # a round's bound on anonymous service-user answers (a flood stops there)
CODE_LENGTH = 10


# --- instruments -------------------------------------------------------------------------------------------------


@transaction.atomic
def instruments_load_shipped() -> list[str]:
    """Store (or refresh) the shipped instruments. Rounds keep their own copies, so refreshing a year changes
    only rounds opened afterwards."""
    lines = []
    for year, data in sorted(instruments.shipped().items()):
        instruments.require_usable(data)
        _obj, created = Instrument.objects.update_or_create(year=year, defaults={"data": data})
        lines.append(f"{'created' if created else 'updated'} ITA instrument {year}")
    return lines


def instrument_for(year: int) -> Instrument:
    found = Instrument.objects.filter(year=year).first()
    if found is None:
        instruments_load_shipped()
        found = Instrument.objects.filter(year=year).first()
    if found is None:
        raise ValidationError(_("ยังไม่มีแบบประเมินของปีงบประมาณ %(year)s") % {"year": year}, code="no_instrument")
    return found


# --- rounds ------------------------------------------------------------------------------------------------------


@transaction.atomic
def round_open(*, actor, agency, year: int, title: str, opened_on=None) -> Round:
    instrument = instrument_for(year)
    data = copy.deepcopy(instrument.data)
    created = Round(
        agency=agency,
        year=year,
        title=title.strip(),
        code=new_code(8),
        instrument=data,
        opened_on=opened_on or timezone.localdate(),
        iit_target=data.get("targets", {}).get("iit", 30),
        eit_target=data.get("targets", {}).get("eit", 100),
        created_by=actor,
    )
    record_create(actor=actor, agency=agency, instance=created)
    status_event_record(
        actor=actor, agency=agency, instance=created, from_state="", to_state=Round.State.OPEN
    )
    return created


def round_close(*, actor, agency, round: Round, to_state: str = Round.State.CLOSED) -> Round:
    status_change(actor=actor, agency=agency, instance=round, to_state=to_state, allowed=ROUND_STEPS)
    return round


@transaction.atomic
def round_settings_change(
    *, actor, agency, round: Round, title: str, eit_outside: Decimal | None, iit_target: int, eit_target: int
) -> Round:
    if eit_outside is not None and not (0 <= eit_outside <= 100):
        raise ValidationError({"eit_outside": _("คะแนนต้องอยู่ระหว่าง ๐ ถึง ๑๐๐")})
    before = snapshot(round)
    round.title = title.strip()
    round.eit_outside = eit_outside
    round.iit_target = iit_target
    round.eit_target = eit_target
    round.full_clean()
    record_change(actor=actor, agency=agency, instance=round, before=before)
    return round


@transaction.atomic
def round_wording_change(*, actor, agency, round: Round, texts: dict[str, dict]) -> Round:
    """Correct the wording of the round's questions: ``texts`` = code -> {"text": ..., "items": [...]}.
    Only the words change: scales, reverse flags and the indicator map stay as the year's data has them, so
    the arithmetic cannot be changed by accident. Refused once the question has answers (they answered
    the old words)."""
    data = copy.deepcopy(round.instrument)
    answered = set(round.answers.values_list("kind", flat=True).distinct())
    changed = []
    for question in data["questions"]:
        new = texts.get(question["code"])
        if new is None:
            continue
        text = (new.get("text") or "").strip()
        items = [(t or "").strip() for t in new.get("items", [i["text"] for i in question["items"]])]
        if not text:
            raise ValidationError({question["code"]: _("คำถามต้องไม่ว่าง")})
        if len(items) != len(question["items"]):
            raise ValidationError({question["code"]: _("จำนวนข้อย่อยต้องเท่าเดิม")})
        if text == question["text"] and items == [i["text"] for i in question["items"]]:
            continue
        kind = "iit" if question["code"].startswith("i") else "eit"
        if kind in answered:
            raise ValidationError({question["code"]: _("มีผู้ตอบคำถามชุดนี้แล้ว แก้ถ้อยคำไม่ได้ ให้เปิดรอบใหม่แทน")})
        question["text"] = text
        for item, item_text in zip(question["items"], items, strict=True):
            item["text"] = item_text
        changed.append(question["code"])
    if changed:
        before = snapshot(round)
        round.instrument = data
        record_change(actor=actor, agency=agency, instance=round, before=before)
    return round


# --- invitation codes --------------------------------------------------------------------------------------------


def _digest(code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"invitation|{code}".encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def invitations_issue(*, actor, agency, round: Round, count: int) -> list[str]:
    """A new batch of codes, returned once for printing: only their keyed hashes are kept."""
    if not 1 <= count <= MAX_BATCH:
        raise ValidationError({"count": _("ออกรหัสได้ครั้งละ ๑ ถึง %(max)s รหัส") % {"max": MAX_BATCH}})
    batch = (round.invitations.order_by("-batch").values_list("batch", flat=True).first() or 0) + 1
    codes = []
    while len(codes) < count:
        code = new_code(CODE_LENGTH)
        if code not in codes:
            codes.append(code)
    Invitation.objects.bulk_create([Invitation(round=round, batch=batch, digest=_digest(c)) for c in codes])
    audit_record(
        actor=actor,
        agency=agency,
        action="create",
        model="assessment.invitation",
        object_id=f"{round.pk}:{batch}",
        object_repr=f"{round.title}: batch {batch}",
        after={"round": round.pk, "batch": batch, "count": count},
    )
    return codes


# --- answers (anonymous: no audit, no time, no link to the code) -----------------------------------------------


def clean_answers(instrument: dict, kind: str, answers: dict) -> dict:
    """Every question of the instrument answered, each sub-item with a choice of its scale."""
    cleaned = {}
    missing = []
    for question in scoring.questions_of(instrument, kind):
        choices = list(answers.get(question["code"]) or [])
        if len(choices) != len(question["items"]) or any(
            scoring.choice_score(instrument, question, i, c) is None for i, c in enumerate(choices)
        ):
            missing.append(question["code"])
            continue
        cleaned[question["code"]] = choices
    if missing:
        raise ValidationError(
            _("โปรดตอบให้ครบทุกข้อ (ยังไม่ได้ตอบ: %(codes)s)") % {"codes": ", ".join(missing)}, code="incomplete"
        )
    return cleaned


def iit_answer(*, round: Round, code: str, department, answers: dict) -> None:
    """Store one staff answer for one unused invitation code. Nothing returned: there is no receipt to keep."""
    if not round.is_open:
        raise ValidationError(_("รอบนี้ปิดรับคำตอบแล้ว"), code="closed")
    cleaned = clean_answers(round.instrument, "iit", answers)
    if department is not None and (department.agency_id != round.agency_id or not department.is_active):
        raise ValidationError({"department": _("เลือกฝ่ายของหน่วยงานนี้")})
    canonical = normalise(code, CODE_LENGTH)
    with transaction.atomic():
        # One UPDATE both checks and spends the code, so two tabs cannot use it twice.
        spent = (
            Invitation.objects.filter(round=round, digest=_digest(canonical), used=False).update(used=True)
            if canonical
            else 0
        )
        if not spent:
            raise ValidationError({"code": _("รหัสนี้ใช้ไม่ได้ หรือถูกใช้ไปแล้ว")})
        Answer.objects.create(
            round=round,
            kind=Answer.Kind.IIT,
            department=department,
            answered_on=timezone.localdate(),
            answers=cleaned,
        )


def eit_answer(*, round: Round, answers: dict) -> None:
    if not round.is_open:
        raise ValidationError(_("รอบนี้ปิดรับคำตอบแล้ว"), code="closed")
    cleaned = clean_answers(round.instrument, "eit", answers)
    with transaction.atomic():
        if round.answers.filter(kind=Answer.Kind.EIT).count() >= MAX_EIT_ANSWERS:
            raise ValidationError(_("รอบนี้รับคำตอบครบจำนวนแล้ว ขอบคุณที่สละเวลา"), code="full")
        Answer.objects.create(
            round=round, kind=Answer.Kind.EIT, answered_on=timezone.localdate(), answers=cleaned
        )
