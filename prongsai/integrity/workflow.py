"""The steps of each kind of record, their allowed moves and how long each step may take.

Deadlines are working days (Monday to Friday minus holidays) counted from the moment the record entered its
current state, read from its status events; "overdue" is computed whenever it is shown, never stored.
"""

from __future__ import annotations

from .models import Complaint, Feedback, Question

S = Complaint.State
COMPLAINT_ALLOWED: dict[str, set[str]] = {
    S.RECEIVED: {S.SCREENING},
    S.SCREENING: {S.INVESTIGATING, S.CONCLUDED},
    S.INVESTIGATING: {S.CONCLUDED},
    S.CONCLUDED: {S.CLOSED},
    S.CLOSED: set(),
}
# Working days a case may stay in each state: acknowledge and start screening; decide whether there is a
# case; find the facts; tell the complainant and close (the BMA's complaint-handling guideline).
COMPLAINT_DEADLINES: dict[str, int] = {S.RECEIVED: 3, S.SCREENING: 15, S.INVESTIGATING: 60, S.CONCLUDED: 7}

F = Feedback.State
FEEDBACK_ALLOWED: dict[str, set[str]] = {
    F.RECEIVED: {F.IN_PROGRESS, F.ANSWERED},
    F.IN_PROGRESS: {F.ANSWERED},
    F.ANSWERED: {F.CLOSED, F.IN_PROGRESS},
    F.CLOSED: set(),
}
FEEDBACK_DEADLINES: dict[str, int] = {F.RECEIVED: 3, F.IN_PROGRESS: 15}

Q = Question.State
QUESTION_ALLOWED: dict[str, set[str]] = {
    Q.NEW: {Q.ANSWERED, Q.DECLINED},
    Q.ANSWERED: {Q.PUBLISHED},
    Q.PUBLISHED: {Q.ANSWERED},  # withdrawn from the public list, the answer kept
    Q.DECLINED: set(),
}
QUESTION_DEADLINES: dict[str, int] = {Q.NEW: 7}
