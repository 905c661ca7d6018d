"""The self-assessment API (staff only): the rounds of an agency and a round's predicted score. Group figures
only, under the same rules as the dashboard (groups under five and the latest answers not counted)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ninja import Router, Schema
from ninja.pagination import paginate

from prongsai.agencies import access
from prongsai.api.auth import agency_member_auth

from . import scoring, selectors

router = Router(tags=["assessment"])


class RoundOut(Schema):
    code: str
    title: str
    year: int
    state: str
    opened_on: date
    iit_answers: int
    eit_answers: int


class LeverOut(Schema):
    kind: str
    code: str
    label: str
    gain: Decimal


class ScoreOut(Schema):
    code: str
    iit: Decimal | None
    iit_indicators: dict[int, Decimal | None]
    iit_answers: int
    iit_counted: int
    eit: Decimal | None
    eit_parts: dict[str, Decimal | None]
    eit_part2_assumed: bool
    eit_answers: int
    oit: Decimal | None
    oit_not_passed: list[str]
    ita: Decimal | None
    level: str | None
    levers: list[LeverOut]
    notes: list[str]


@router.get("/agencies/{slug}/assessment/rounds", response=list[RoundOut], auth=agency_member_auth)
@paginate
def round_list(request, slug: str):
    agency = access.staff_agency(request.user, slug, "assessment.view")
    return [
        {
            "code": r.code,
            "title": r.title,
            "year": r.year,
            "state": r.state,
            "opened_on": r.opened_on,
            "iit_answers": r.iit_count,
            "eit_answers": r.eit_count,
        }
        for r in selectors.rounds_of(agency)
    ]


@router.get("/agencies/{slug}/assessment/rounds/{code}/score", response=ScoreOut, auth=agency_member_auth)
def round_score(request, slug: str, code: str):
    agency = access.staff_agency(request.user, slug, "assessment.view")
    d = selectors.dashboard(selectors.round_of(agency, code))
    r2 = scoring.r2
    return {
        "code": code,
        "iit": r2(d.iit.score) if d.iit else None,
        "iit_indicators": {n: r2(v) for n, v in d.iit.indicators.items()} if d.iit else {},
        "iit_answers": d.iit_count,
        "iit_counted": d.iit_counted,
        "eit": r2(d.eit_score),
        "eit_parts": {k: r2(v) for k, v in d.eit_parts.items()},
        "eit_part2_assumed": d.eit_part2_assumed,
        "eit_answers": d.eit_count,
        "oit": r2(d.oit.score) if d.oit else None,
        "oit_not_passed": [i.code for i in d.not_passed],
        "ita": r2(d.ita),
        "level": d.level["label"] if d.level else None,
        "levers": [
            {"kind": lv.kind, "code": lv.code, "label": lv.label, "gain": r2(lv.gain)} for lv in d.levers
        ],
        "notes": d.notes,
    }
