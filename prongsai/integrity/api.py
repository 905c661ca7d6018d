"""The integrity API: the published Q&A and the complaint statistics for everyone; the queues for staff.

No route returns what a corruption complaint says or who made it: the case list carries the workflow only
(what the director may see), and the content is read in the back office, where every opening is logged.
"""

from __future__ import annotations

from datetime import date, datetime

from django.http import Http404
from django.utils import timezone
from ninja import Router, Schema
from ninja.pagination import paginate

from prongsai.agencies import access
from prongsai.api.auth import agency_member_auth
from prongsai.thai.fiscal import fiscal_year

from . import access as integrity_access
from . import selectors, services, statistics
from .models import Complaint

router = Router(tags=["integrity"])


class QuestionOut(Schema):
    code: str
    question: str
    answer: str
    department: str | None
    published_at: datetime


class StatisticsRowOut(Schema):
    month: str  # "2022-10"; "total" for the totals
    cells: dict[str, int | str]  # column key -> count, or "<3" / "*" when suppressed


class StatisticsOut(Schema):
    fiscal_year: int
    period_start: date
    period_end: date
    rows: list[StatisticsRowOut]


class CaseOut(Schema):
    ref: str
    channel: str
    category: str
    state: str
    outcome: str
    received_at: datetime
    due: date | None
    overdue: bool


class MoveIn(Schema):
    to_state: str
    outcome: str = ""
    note: str = ""


class FeedbackOut(Schema):
    code: str
    kind: str
    department: str | None
    about_staff: bool
    state: str
    created_at: datetime
    due: date | None
    overdue: bool


@router.get("/agencies/{slug}/questions", response=list[QuestionOut])
@paginate
def question_list(request, slug: str):
    """The published questions and their answers (item 06 / O8)."""
    agency = access.public_agency(slug)
    return [
        {
            "code": q.code,
            "question": q.public_text or q.text,
            "answer": q.answer,
            "department": q.department.code if q.department else None,
            "published_at": q.published_at,
        }
        for q in selectors.published_questions(agency)
    ]


@router.get("/agencies/{slug}/complaints/statistics/{year}", response=StatisticsOut)
def complaint_statistics(request, slug: str, year: int):
    """Counts of corruption complaints per month by channel, type and state; small counts suppressed."""
    agency = access.public_agency(slug)
    if year < 2500 or year > fiscal_year(timezone.localdate()):
        raise Http404
    stats = statistics.year_statistics(agency, year)
    if stats is None:
        raise Http404
    columns = sorted({column for _row, column in stats.values})
    rows = [statistics.month_key(m) for m in stats.months] + [statistics.TOTAL]
    return {
        "fiscal_year": year,
        "period_start": stats.period_start,
        "period_end": stats.period_end,
        "rows": [{"month": r, "cells": {c: stats.shown(r, c) for c in columns}} for r in rows],
    }


def _case(c) -> dict:
    return {
        "ref": c.ref,
        "channel": c.channel,
        "category": c.category,
        "state": c.state,
        "outcome": c.outcome,
        "received_at": c.received_at,
        "due": c.due,
        "overdue": c.overdue,
    }


@router.get("/agencies/{slug}/complaints", response=list[CaseOut], auth=agency_member_auth)
@paginate
def complaint_list(request, slug: str, state: str | None = None):
    """The cases with their state and deadline (handlers and the director); never their content."""
    agency = access.staff_agency(request.user, slug, "complaints.overview")
    qs = Complaint.objects.for_agency(agency)
    if access.has_capability(request.user, agency, "complaints.handle"):
        qs = integrity_access.complaints_for_handler(request.user, agency)
    return [_case(c) for c in selectors.complaint_queue(qs, agency, state=state)]


@router.post("/agencies/{slug}/complaints/{ref}/state", response=CaseOut, auth=agency_member_auth)
def complaint_move(request, slug: str, ref: str, data: MoveIn):
    """Move a case along its workflow (complaint handlers); an illegal step is refused with 422."""
    agency, complaint = integrity_access.complaint_for_handler(request.user, slug, ref)
    services.complaint_move(
        actor=request.user, complaint=complaint, to_state=data.to_state, outcome=data.outcome, note=data.note
    )
    return _case(selectors.complaint_queue(Complaint.objects.filter(pk=complaint.pk), agency)[0])


@router.get("/agencies/{slug}/feedback", response=list[FeedbackOut], auth=agency_member_auth)
@paginate
def feedback_list(request, slug: str, state: str | None = None):
    """General complaints, suggestions and compliments the person may handle, with their deadlines."""
    agency = access.staff_agency(request.user, slug, "feedback.handle")
    items = selectors.feedback_queue(
        integrity_access.feedback_visible_to(request.user, agency), agency, state=state
    )
    return [
        {
            "code": f.code,
            "kind": f.kind,
            "department": f.department.code if f.department else None,
            "about_staff": f.about_staff,
            "state": f.state,
            "created_at": f.created_at,
            "due": f.due,
            "overdue": f.overdue,
        }
        for f in items
    ]


class RiskOut(Schema):
    code: str
    fiscal_year: int
    department: str
    process: str
    kind: str
    title: str
    likelihood: int
    impact: int
    score: int
    level: str
    residual_likelihood: int
    residual_impact: int
    residual_score: int
    residual_level: str
    owner: str
    state: str
    activities: list[str]  # provider keys of the plan activities that treat it
    monthly_status: str  # the newest monthly report of each of those activities


@router.get("/agencies/{slug}/risks", response=list[RiskOut], auth=agency_member_auth)
@paginate
def risk_list(request, slug: str, year: int | None = None):
    """The corruption-risk register of a fiscal year, as far as the person may read it (officers: their
    departments). What raised a risk is not listed: a complaint's number is for the back office only."""
    from . import register

    agency = access.staff_agency(request.user, slug, "risks.view")
    year = year or fiscal_year(timezone.localdate())
    rows = register.register_rows(
        register.year_risks(integrity_access.risks_visible_to(request.user, agency), year)
    )
    return [
        {
            "code": r.risk.code,
            "fiscal_year": r.risk.fiscal_year,
            "department": r.risk.department.code,
            "process": r.risk.process,
            "kind": r.risk.kind,
            "title": r.risk.title,
            "likelihood": r.risk.likelihood,
            "impact": r.risk.impact,
            "score": r.risk.score,
            "level": r.level.key,
            "residual_likelihood": r.risk.residual_likelihood,
            "residual_impact": r.risk.residual_impact,
            "residual_score": r.risk.residual_score,
            "residual_level": r.residual_level.key,
            "owner": r.risk.owner,
            "state": r.risk.state,
            "activities": list(r.risk.activity_refs),
            "monthly_status": r.latest_status,
        }
        for r in rows
    ]


class AnnouncementOut(Schema):
    code: str
    kind: str
    fiscal_year: int
    title: str
    text: str
    signer_name: str
    signer_position: str
    signed_on: date
    published_at: datetime
    url: str
    signed_pdf: str | None


@router.get("/agencies/{slug}/announcements", response=list[AnnouncementOut])
@paginate
def announcement_list(request, slug: str, year: int | None = None):
    """The published policy announcements (no gift, anti-bribery, discretion guidelines, the director's
    participation), with their signer."""
    from django.urls import reverse

    from . import register

    agency = access.public_agency(slug)
    out = []
    for a in register.published_announcements(agency, year=year).order_by(
        "-fiscal_year", "kind", "signed_on"
    ):
        url = reverse("integrity_public:announcement", kwargs={"agency": agency.slug, "code": a.code})
        out.append(
            {
                "code": a.code, "kind": a.kind, "fiscal_year": a.fiscal_year, "title": a.title, "text": a.text,
                "signer_name": a.signer_name, "signer_position": a.signer_position, "signed_on": a.signed_on,
                "published_at": a.published_at, "url": request.build_absolute_uri(url),
                "signed_pdf": request.build_absolute_uri(url + "signed.pdf") if a.signed_pdf else None,
            }
        )  # fmt: skip
    return out
