"""Reads of the integrity channels: queues with their deadlines, the access log, public lists.

Deadlines are computed from the status events at every read (``with_deadlines``): a record's current step
began at its latest event, and its due date is that day plus the step's working days, holidays skipped.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.agencies.models import Agency, StatusEvent
from prongsai.agencies.selectors import holiday_dates
from prongsai.thai.workdays import add_working_days

from . import workflow
from .models import ChannelSettings, Complaint, ComplaintAccess, Feedback, Question


def _events():
    return Prefetch("events", queryset=StatusEvent.objects.order_by("at", "pk"), to_attr="timeline")


def today() -> datetime.date:
    return timezone.localdate()


def with_deadlines(
    records: list, deadlines: dict[str, int], agency: Agency, *, on: datetime.date | None = None
) -> list:
    """Each record gets ``entered_at`` (when its current step began), ``due`` (None for a step without a
    deadline) and ``overdue``; the records must come with ``timeline`` (their events, oldest first)."""
    on = on or today()
    starts = []
    for record in records:
        events = getattr(record, "timeline", None)
        if events is None:
            events = list(record.events.order_by("at", "pk"))
        last = events[-1] if events else None
        record.entered_at = last.at if last else None
        starts.append(timezone.localdate(record.entered_at) if record.entered_at else on)
    holidays = frozenset()
    if starts:
        holidays = holiday_dates(agency, min(starts), max(starts) + datetime.timedelta(days=200))
    for record, start in zip(records, starts, strict=True):
        days = deadlines.get(record.state)
        record.due = add_working_days(start, days, holidays) if days is not None else None
        record.overdue = record.due is not None and on > record.due
    return records


def complaint_queue(qs, agency: Agency, *, state: str | None = None) -> list[Complaint]:
    """Cases of a queryset (already limited to what the person may see), oldest deadline first."""
    if state:
        qs = qs.filter(state=state)
    records = list(qs.select_related("department").prefetch_related(_events()).order_by("received_at", "pk"))
    with_deadlines(records, workflow.COMPLAINT_DEADLINES, agency)
    # Open cases by due date, then those without a deadline (closed) newest first.
    records.sort(key=lambda c: (c.due is None, c.due or datetime.date.max, -c.received_at.timestamp()))
    return records


def state_counts(qs) -> dict[str, int]:
    counts = dict(qs.order_by().values_list("state").annotate(n=Count("pk")))
    return {value: counts.get(value, 0) for value in Complaint.State.values}


def timeline(record) -> list[StatusEvent]:
    """A record's status events, oldest first, each with the ``label`` of the state it entered."""
    labels = dict(type(record).State.choices)
    events = list(record.events.order_by("at", "pk"))
    for event in events:
        event.label = labels.get(event.to_state, event.to_state)
    return events


def access_log(agency: Agency):
    return ComplaintAccess.objects.filter(agency=agency).select_related("complaint").order_by("-at", "-pk")


def complaint_accesses(complaint: Complaint):
    return complaint.accesses.order_by("-at", "-pk")


def feedback_queue(qs, agency: Agency, *, state: str | None = None) -> list[Feedback]:
    if state:
        qs = qs.filter(state=state)
    records = list(qs.select_related("department").prefetch_related(_events()).order_by("created_at", "pk"))
    with_deadlines(records, workflow.FEEDBACK_DEADLINES, agency)
    records.sort(key=lambda r: (r.due is None, r.due or datetime.date.max, -r.created_at.timestamp()))
    return records


def question_queue(qs, agency: Agency, *, state: str | None = None) -> list[Question]:
    if state:
        qs = qs.filter(state=state)
    records = list(qs.select_related("department").prefetch_related(_events()).order_by("created_at", "pk"))
    with_deadlines(records, workflow.QUESTION_DEADLINES, agency)
    records.sort(key=lambda r: (r.due is None, r.due or datetime.date.max, -r.created_at.timestamp()))
    return records


def published_questions(agency: Agency):
    return (
        Question.objects.for_agency(agency)
        .published()
        .select_related("department")
        .order_by("-published_at", "-pk")
    )


def public_feedback_answers(agency: Agency):
    """Answers the staff chose to publish, with their summary written for the public (no personal data)."""
    return (
        Feedback.objects.for_agency(agency)
        .filter(answer_public=True, state__in=[Feedback.State.ANSWERED, Feedback.State.CLOSED])
        .select_related("department")
        .order_by("-answered_at", "-pk")
    )


def channel_settings(agency: Agency) -> ChannelSettings | None:
    return ChannelSettings.objects.filter(agency=agency).first()


@dataclass(frozen=True)
class PublicStatus:
    """What a tracking code shows: the steps and, once answered, the answer (it is the person's own)."""

    kind_label: str
    state_label: str
    steps: list
    answer: str
    answered_at: datetime.datetime | None


def status_by_code(agency: Agency, code: str | None) -> PublicStatus | None:
    if not code:
        return None
    item = Feedback.objects.for_agency(agency).filter(code=code).prefetch_related(_events()).first()
    if item is not None:
        labels = dict(Feedback.State.choices)
        answered = item.state in (Feedback.State.ANSWERED, Feedback.State.CLOSED)
        return PublicStatus(
            item.get_kind_display(),
            item.get_state_display(),
            [(labels.get(e.to_state, e.to_state), e.at) for e in item.timeline],
            item.answer if answered else "",
            item.answered_at if answered else None,
        )
    question = Question.objects.for_agency(agency).filter(code=code).prefetch_related(_events()).first()
    if question is not None:
        labels = dict(Question.State.choices)
        answered = question.state in (Question.State.ANSWERED, Question.State.PUBLISHED)
        return PublicStatus(
            _("คำถาม"),
            question.get_state_display(),
            [(labels.get(e.to_state, e.to_state), e.at) for e in question.timeline],
            question.answer if answered else "",
            question.answered_at if answered else None,
        )
    return None
