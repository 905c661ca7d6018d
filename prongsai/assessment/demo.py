"""Demo of the self-assessment: one practice round of FY2566 (March 2566), 38 staff answers (IIT) through
invitation codes and 64 service-user answers (EIT) from the counter's QR code, with the spread a district
office tends to see: strong on the yes/no misconduct items, weaker on taking part in budget checks (i12),
on borrowing property (i20), on trust in the complaint channel (i30) and on technology at the counter
(e13). Answers are drawn from a fixed seed, so every demo gives the same dashboard. Idempotent: an agency
that already has a round gets nothing more."""

from __future__ import annotations

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction

from . import scoring, services
from .models import Answer, Invitation, Round

# Question -> how much lower than usual its answers lean (in levels of the 4-level scale).
WEAKER = {
    "i7": 0.6,
    "i12": 1.0,
    "i20": 0.7,
    "i27": 0.4,
    "i29": 0.5,
    "i30": 0.9,
    "e6": 0.4,
    "e13": 0.8,
    "e14": 0.9,
}
# Yes/no questions answered the "bad" way by a few (the share of respondents).
BAD_YESNO = {"i4": 0.03, "i5": 0.05, "i6": 0.03, "i26": 0.1, "e4": 0.02, "e8": 0.12, "e10": 0.2}
# Departments staff said they belong to (the rest did not say).
DEPARTMENTS = {"administration": 9, "registration": 8, "public-works": 7, "finance": 6, "city-law": 3}
IIT_ANSWERS, EIT_ANSWERS, CODES = 38, 64, 45


def _answer(instrument, kind, rng: random.Random, mood: float) -> dict:
    out = {}
    for question in scoring.questions_of(instrument, kind):
        scale = instrument["scales"][question["scale"]]
        choices = []
        for item in question["items"]:
            if scale["kind"] == "level":
                lean = 3.5 + mood - WEAKER.get(question["code"], 0) + rng.gauss(0, 0.6)
                good = max(1, min(4, round(lean)))
                choices.append(5 - good if item["reverse"] else good)
            else:
                bad = "yes" if question["good"] == "no" else "no"
                choices.append(
                    bad if rng.random() < BAD_YESNO.get(question["code"], 0.02) else question["good"]
                )
        out[question["code"]] = choices
    return out


@transaction.atomic
def load_demo(agency, *, stdout) -> None:
    for line in services.instruments_load_shipped():
        stdout.write(line)
    if Round.objects.for_agency(agency).exists():
        stdout.write("kept the self-assessment rounds")
        return
    coordinator = get_user_model().objects.get(username=f"{agency.slug}.coordinator")
    round = services.round_open(
        actor=coordinator,
        agency=agency,
        year=2566,
        title="ซ้อมประเมิน ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ รอบที่ ๑ (มีนาคม ๒๕๖๖)",
        opened_on=datetime.date(2023, 3, 1),
    )
    services.invitations_issue(actor=coordinator, agency=agency, round=round, count=CODES)
    # The demo's answers are written directly (no codes were handed out to type in): the same rows the
    # survey pages write, with as many invitation codes marked used.
    spent = list(Invitation.objects.filter(round=round).values_list("pk", flat=True)[:IIT_ANSWERS])
    Invitation.objects.filter(pk__in=spent).update(used=True)
    rng = random.Random(2566)  # noqa: S311 - demo answers, reproducible on purpose
    departments = {d.code: d for d in agency.departments.all()}
    who = [departments.get(code) for code, n in DEPARTMENTS.items() for _ in range(n)]
    who += [None] * (IIT_ANSWERS - len(who))
    rows = []
    for index, department in enumerate(who):
        day = datetime.date(2023, 3, 1) + datetime.timedelta(days=index % 14)
        rows.append(
            Answer(
                round=round,
                kind=Answer.Kind.IIT,
                department=department,
                answered_on=day,
                answers=_answer(round.instrument, "iit", rng, rng.gauss(0, 0.35)),
            )
        )
    for index in range(EIT_ANSWERS):
        day = datetime.date(2023, 3, 1) + datetime.timedelta(days=index % 21)
        rows.append(
            Answer(
                round=round,
                kind=Answer.Kind.EIT,
                answered_on=day,
                answers=_answer(round.instrument, "eit", rng, rng.gauss(0.1, 0.4)),
            )
        )
    Answer.objects.bulk_create(rows)
    stdout.write(f"self-assessment round with {IIT_ANSWERS} IIT and {EIT_ANSWERS} EIT answers")
