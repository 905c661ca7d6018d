"""Due dates and lateness of a request, computed from its status events and its service's steps.

Nothing here is stored: a request is late because of what its events say, read again on every page. The
clock runs in working days (``prongsai.thai.workdays`` with the Holiday table) from the day the request was
received; days spent waiting for the applicant's documents do not count (the Licensing Facilitation Act
counts from the day the documents are complete), so a request waiting for documents is never late.
"""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

from django.utils import timezone

from prongsai.thai import workdays

from .models import CLOSED_STATES, State

LATE_SOON_DAYS = 2  # "late soon": due within this many working days


def local_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


class WorkdayCounter:
    """Working-day arithmetic over a span of dates in O(1) per question, for statistics over many requests.

    Gives exactly what ``thai.workdays`` gives (a test compares them); outside the span it asks
    ``thai.workdays`` itself."""

    def __init__(self, holidays: Collection[datetime.date], start: datetime.date, end: datetime.date):
        self.holidays = frozenset(holidays)
        self.start, self.end = start, end
        counts, running, day = [], 0, start
        holidays = self.holidays
        while day <= end:
            # workdays.is_working_day's rule, inlined: it would rebuild the holiday set for every day.
            if day.weekday() < 5 and day not in holidays:
                running += 1
            counts.append(running)
            day += datetime.timedelta(days=1)
        self._counts = counts  # working days in [start, day], per day

    def _count(self, d: datetime.date) -> int:
        return self._counts[(d - self.start).days]

    def _inside(self, *days: datetime.date) -> bool:
        return all(self.start <= d <= self.end for d in days)

    def between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days in (start, end], as ``workdays.working_days_between``."""
        if end <= start:
            return 0
        if self._inside(start, end):
            return self._count(end) - self._count(start)
        return workdays.working_days_between(start, end, self.holidays)

    def add(self, d: datetime.date, n: int) -> datetime.date:
        """The date n working days after d, as ``workdays.add_working_days``."""
        if n == 0:
            return d
        if self._inside(d):
            target = self._count(d) + n
            index = bisect.bisect_left(self._counts, target)
            if index < len(self._counts):
                return self.start + datetime.timedelta(days=index)
        return workdays.add_working_days(d, n, self.holidays)


@dataclass(frozen=True)
class EventRow:
    """What the timing needs of one status event."""

    at: datetime.datetime
    from_state: str
    to_state: str
    step: int | None = None


@dataclass
class StepTiming:
    index: int
    title: str
    working_days: int
    started_on: datetime.date | None = None
    finished_on: datetime.date | None = None
    due_on: datetime.date | None = None
    current: bool = False
    late: bool = False


@dataclass
class Schedule:
    received_on: datetime.date
    standard_days: int  # the service's standard: the sum of its steps
    elapsed_days: int  # working days counted so far (or until closed), waiting time excluded
    waiting_days: int  # working days spent waiting for the applicant's documents
    due_on: datetime.date  # the overall due date, moved on by the waiting days
    closed_on: datetime.date | None
    waiting: bool  # waiting for documents now: the clock is stopped
    steps: list[StepTiming] = field(default_factory=list)

    @property
    def closed(self) -> bool:
        return self.closed_on is not None

    @property
    def late(self) -> bool:
        return self.elapsed_days > self.standard_days

    @property
    def days_left(self) -> int:
        return self.standard_days - self.elapsed_days

    @property
    def late_soon(self) -> bool:
        return not self.closed and not self.waiting and not self.late and self.days_left <= LATE_SOON_DAYS


def waiting_spans(
    events: Sequence[EventRow], until: datetime.date
) -> list[tuple[datetime.date, datetime.date]]:
    """(first day, day the documents came) of each wait for documents; an open wait ends ``until``."""
    spans, started = [], None
    for event in events:
        if event.to_state == State.NEEDS_DOCUMENTS and started is None:
            started = local_date(event.at)
        elif started is not None and event.to_state != State.NEEDS_DOCUMENTS:
            spans.append((started, local_date(event.at)))
            started = None
    if started is not None:
        spans.append((started, until))
    return spans


def schedule(
    *,
    received_at: datetime.datetime,
    steps: Sequence[tuple[str, int]],
    events: Sequence[EventRow],
    counter: WorkdayCounter,
    today: datetime.date,
) -> Schedule:
    """The timing of one request: ``steps`` are (title, working days) of its service, in order; ``events``
    its status events in time order."""
    received_on = local_date(received_at)
    closing = next((e for e in events if e.to_state in CLOSED_STATES), None)
    closed_on = local_date(closing.at) if closing else None
    end = closed_on or today
    spans = waiting_spans(events, end)
    waiting_days = sum(counter.between(a, b) for a, b in spans)
    standard = sum(days for _title, days in steps)
    elapsed = max(0, counter.between(received_on, end) - waiting_days)
    waiting = bool(events) and events[-1].to_state == State.NEEDS_DOCUMENTS
    result = Schedule(
        received_on=received_on,
        standard_days=standard,
        elapsed_days=elapsed,
        waiting_days=waiting_days,
        due_on=counter.add(received_on, standard + waiting_days),
        closed_on=closed_on,
        waiting=waiting,
    )
    result.steps = _step_timings(steps, events, spans, counter, received_on, closed_on, today)
    return result


def _step_timings(steps, events, spans, counter, received_on, closed_on, today) -> list[StepTiming]:
    timings = [StepTiming(i, title, days) for i, (title, days) in enumerate(steps)]
    if not timings:
        return timings
    # The day each step was entered: the first event that put the request in it (step 0 at receipt).
    entered: dict[int, datetime.date] = {0: received_on}
    for event in events:
        if event.step is not None and event.step not in entered:
            entered[event.step] = local_date(event.at)
    reached = sorted(i for i in entered if 0 <= i < len(timings))
    for position, index in enumerate(reached):
        step = timings[index]
        step.started_on = entered[index]
        if position + 1 < len(reached):
            step.finished_on = entered[reached[position + 1]]
        elif closed_on is not None:
            step.finished_on = closed_on
        else:
            step.current = True
        # Waiting for documents inside the step moves its due date on.
        stop = step.finished_on or today
        waited = sum(counter.between(max(a, step.started_on), min(b, stop)) for a, b in spans)
        step.due_on = counter.add(step.started_on, step.working_days + waited)
        step.late = (step.finished_on or today) > step.due_on
    return timings


def elapsed_for_statistics(
    received_on: datetime.date,
    closed_on: datetime.date,
    waits: Iterable[tuple[datetime.date, datetime.date]],
    counter: WorkdayCounter,
) -> int:
    """Working days from receipt to closing, less the days spent waiting for documents."""
    waited = sum(counter.between(a, b) for a, b in waits)
    return max(0, counter.between(received_on, closed_on) - waited)
