"""Reads of the self-assessment: rounds of an agency, and a round's predicted score (recomputed on every read
from the stored answers and the OIT core's readiness check now)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.disclosure import providers

from . import scoring
from .models import MIN_GROUP, Answer, Invitation, Round


def rounds_of(agency):
    return Round.objects.for_agency(agency).annotate(
        iit_count=Count("answers", filter=Q(answers__kind=Answer.Kind.IIT)),
        eit_count=Count("answers", filter=Q(answers__kind=Answer.Kind.EIT)),
    )


def round_of(agency, code: str) -> Round:
    found = Round.objects.for_agency(agency).filter(code=code).first()
    if found is None:
        raise Http404
    return found


def open_round(agency, code: str) -> Round:
    """The round of a public survey address; a closed one is shown as closed, an unknown one is 404."""
    found = Round.objects.filter(agency=agency, code=code).first()
    if found is None:
        raise Http404
    return found


def latest_open_round(agency) -> Round | None:
    return (
        Round.objects.for_agency(agency)
        .filter(state=Round.State.OPEN)
        .order_by("-year", "-opened_on", "-pk")
        .first()
    )


def invitation_counts(round: Round) -> dict[str, int]:
    counts = Invitation.objects.filter(round=round).aggregate(
        issued=Count("pk"), used=Count("pk", filter=Q(used=True))
    )
    return {"issued": counts["issued"], "used": counts["used"], "unused": counts["issued"] - counts["used"]}


# --- groups: results only for 5 answers or more ------------------------------------------------------------------


@dataclass
class Group:
    label: str
    answers: int
    score: Decimal | None  # None: hidden (fewer than MIN_GROUP answers, or it would reveal a small group)


def _in_blocks(answers: list[Answer]) -> list[Answer]:
    """The first whole blocks of MIN_GROUP answers, oldest day first (ties by the random key, which never
    changes). New answers only ever add a whole block to what is counted, so comparing the result before and
    after never isolates fewer than MIN_GROUP answers: a result that moved with every answer would tell what
    that answer was."""
    ordered = sorted(answers, key=lambda a: (a.answered_on, str(a.id)))
    return ordered[: len(ordered) // MIN_GROUP * MIN_GROUP]


def counted_staff_answers(round: Round, answers: list[Answer], today: date) -> list[Answer]:
    """The IIT answers the results count: while the round is open only those of days before today (so the
    day's answers cannot be watched arriving), in whole blocks of MIN_GROUP."""
    pool = [a for a in answers if not round.is_open or a.answered_on < today]
    return _in_blocks(pool)


def department_groups(round: Round, instrument: dict, answers: list[Answer]) -> list[Group]:
    """IIT per department the respondents picked, from the counted answers. Each department counts whole
    blocks of MIN_GROUP of its own answers (none: no score). And when the answers not shown (departments'
    remainders and "not given") number 1 to MIN_GROUP-1, the agency's total minus the shown departments
    would give them away, so the smallest shown departments are hidden too (with whole blocks everywhere
    this cannot happen; the check stays as the rule's guard)."""
    by_department: dict[int | None, list[Answer]] = {}
    for answer in answers:
        by_department.setdefault(answer.department_id, []).append(answer)
    names = {a.department_id: a.department.display_name for a in answers if a.department_id}
    blocks = {pk: _in_blocks(group) for pk, group in by_department.items() if pk is not None}
    shown = sorted((pk for pk, block in blocks.items() if block), key=lambda pk: (len(blocks[pk]), names[pk]))
    hidden = len(answers) - sum(len(blocks[pk]) for pk in shown)
    while shown and 0 < hidden < MIN_GROUP:
        smallest = shown.pop(0)
        hidden += len(blocks[smallest])
    groups = []
    for pk in sorted(blocks, key=lambda pk: names[pk]):
        score = (
            scoring.survey_scores(instrument, "iit", [a.answers for a in blocks[pk]]).score
            if pk in shown
            else None
        )
        groups.append(Group(names[pk], len(by_department[pk]), score))
    if None in by_department:
        groups.append(Group(_("ไม่ระบุฝ่าย"), len(by_department[None]), None))
    return groups


# --- the predicted score -----------------------------------------------------------------------------------------


@dataclass
class Dashboard:
    round: Round
    instrument: dict
    iit_count: int  # every staff answer stored
    iit_counted: int  # those the results count (see counted_staff_answers)
    eit_count: int
    iit: scoring.SurveyScore | None  # None below MIN_GROUP answers
    eit: scoring.SurveyScore | None
    eit_parts: dict[str, Decimal | None]
    eit_part2_assumed: bool
    eit_score: Decimal | None
    oit: scoring.OitScore | None
    oit_items: list  # providers.ItemPass of the scheme, in catalogue order
    ita: Decimal | None
    level: dict | None
    levers: list[scoring.Lever]
    weakest: list[scoring.QuestionScore]
    not_passed: list
    groups: list[Group]
    margins: dict[str, Decimal | None] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def min_group(self) -> int:
        return MIN_GROUP


def _margin(instrument: dict, kind: str, answers: list[Answer]) -> Decimal | None:
    """About 95 % of practice rounds would land within this many points of the mean (1.96 standard errors of
    the respondents' own scores)."""
    scores = [float(scoring.answer_score(instrument, kind, a.answers)) for a in answers]
    if len(scores) < 2:
        return None
    average = sum(scores) / len(scores)
    variance = sum((s - average) ** 2 for s in scores) / (len(scores) - 1)
    return Decimal(str(round(1.96 * math.sqrt(variance / len(scores)), 2)))


def dashboard(round: Round) -> Dashboard:
    instrument = round.instrument
    answers = list(round.answers.select_related("department"))
    all_staff = [a for a in answers if a.kind == Answer.Kind.IIT]
    iit_answers = counted_staff_answers(round, all_staff, timezone.localdate())
    eit_answers = [a for a in answers if a.kind == Answer.Kind.EIT]
    iit = scoring.survey_scores(instrument, "iit", [a.answers for a in iit_answers])
    eit = scoring.survey_scores(instrument, "eit", [a.answers for a in eit_answers])
    iit = iit if len(iit_answers) >= MIN_GROUP else None
    eit = eit if len(eit_answers) >= MIN_GROUP else None

    eit_parts: dict[str, Decimal | None] = {}
    assumed = False
    for part in instrument["eit_parts"]:
        if part["source"] == "survey":
            eit_parts[part["code"]] = eit.score if eit else None
    for part in instrument["eit_parts"]:
        if part["source"] != "survey":
            if round.eit_outside is not None:
                eit_parts[part["code"]] = Decimal(round.eit_outside)
            else:
                assumed = True
                survey = [eit_parts[p["code"]] for p in instrument["eit_parts"] if p["source"] == "survey"]
                eit_parts[part["code"]] = survey[0] if survey else None
    eit_score = scoring.eit_score(instrument, eit_parts)

    items = providers.readiness_summary(round.agency, round.year, instrument["oit"]["scheme"]) or []
    oit = scoring.oit_scores(instrument, [i.code for i in items if i.passed]) if items else None
    ita = scoring.ita_score(
        instrument, iit=iit.score if iit else None, eit=eit_score, oit=oit.score if oit else None
    )
    titles = {i.code: f"{i.code.upper()} {i.title}" for i in items}
    surveys = [s for s in (iit, eit) if s is not None]
    weakest = sorted(
        (q for s in surveys for q in s.questions if q.score is not None), key=lambda q: (q.score, q.code)
    )
    result = Dashboard(
        round=round,
        instrument=instrument,
        iit_count=len(all_staff),
        iit_counted=len(iit_answers),
        eit_count=len(eit_answers),
        iit=iit,
        eit=eit,
        eit_parts=eit_parts,
        eit_part2_assumed=assumed,
        eit_score=eit_score,
        oit=oit,
        oit_items=items,
        ita=ita,
        level=scoring.level(instrument, ita),
        levers=scoring.levers(instrument, surveys, oit, titles)[:10],
        weakest=weakest[:10],
        not_passed=[i for i in items if not i.passed],
        groups=department_groups(round, instrument, iit_answers),
        margins={
            "iit": _margin(instrument, "iit", iit_answers) if iit else None,
            "eit": _margin(instrument, "eit", eit_answers) if eit else None,
        },
    )
    result.notes = _notes(result)
    return result


def _notes(d: Dashboard) -> list[str]:
    notes = []
    if d.iit_counted < d.iit_count:
        notes.append(
            _(
                "IIT นับ %(counted)s จาก %(n)s คำตอบ: ระหว่างเปิดรอบไม่นับคำตอบของวันนี้ และนับเป็นชุดละ %(min)s "
                "คำตอบ เพื่อไม่ให้ผลที่เปลี่ยนไปบอกได้ว่าคำตอบล่าสุดตอบว่าอะไร"
            )
            % {"counted": d.iit_counted, "n": d.iit_count, "min": MIN_GROUP}
        )
    for kind, count, target in (
        ("IIT", d.iit_counted, d.round.iit_target),
        ("EIT", d.eit_count, d.round.eit_target),
    ):
        margin = d.margins.get(kind.lower())
        if count < MIN_GROUP:
            notes.append(
                _("%(kind)s มีผู้ตอบ %(n)s คน ต้องมีอย่างน้อย %(min)s คนจึงจะแสดงผล")
                % {"kind": kind, "n": count, "min": MIN_GROUP}
            )
        elif count < target:
            notes.append(
                _("%(kind)s มีผู้ตอบ %(n)s คน จากที่ตั้งเป้าไว้ %(target)s คน ผลยังคลาดเคลื่อนได้ประมาณ ±%(margin)s คะแนน")
                % {
                    "kind": kind,
                    "n": count,
                    "target": target,
                    "margin": margin if margin is not None else "-",
                }
            )
        else:
            notes.append(
                _("%(kind)s มีผู้ตอบ %(n)s คน ครบตามเป้า %(target)s คน คลาดเคลื่อนได้ประมาณ ±%(margin)s คะแนน")
                % {
                    "kind": kind,
                    "n": count,
                    "target": target,
                    "margin": margin if margin is not None else "-",
                }
            )
    notes.append(
        _(
            "คะแนน OIT มาจากการตรวจความพร้อมของระบบเอง (มีข้อมูล รูปแบบ ช่วงเวลา ทันกำหนด ที่อยู่เปิดได้) "
            "ซึ่งมักสูงกว่าผลจริง เพราะผู้ตรวจของ ป.ป.ช. พิจารณาเนื้อหาครบทุกองค์ประกอบของแต่ละข้อ"
        )
    )
    if len(d.instrument["eit_parts"]) > 1:
        if d.eit_part2_assumed:
            notes.append(
                _(
                    "EIT ส่วนที่ ๒ มาจากผู้ตอบที่หน่วยงานไม่ได้เป็นผู้เลือก จึงคาดการณ์จากแบบสำรวจนี้ไม่ได้ "
                    "ขณะนี้สมมติให้เท่ากับส่วนที่ ๑ (กรอกค่าที่คาดไว้ได้ในการตั้งค่ารอบ)"
                )
            )
        else:
            notes.append(
                _(
                    "EIT ส่วนที่ ๒ มาจากผู้ตอบที่หน่วยงานไม่ได้เป็นผู้เลือก อยู่นอกการควบคุมของหน่วยงาน "
                    "ใช้ค่าที่คาดไว้ %(value)s คะแนน"
                )
                % {"value": d.round.eit_outside}
            )
    if "eit" in d.instrument.get("unverified", []):
        notes.append(_("ถ้อยคำแบบวัด EIT ยังไม่ได้ตรวจสอบกับแบบฉบับจริงของ ป.ป.ช."))
    if d.oit is None:
        notes.append(
            _("หน่วยงานยังไม่ได้ใช้รายการ OIT ของ ป.ป.ช. ปี %(year)s จึงยังคำนวณ OIT และ ITA ไม่ได้")
            % {"year": d.round.year}
        )
    return notes
