"""Due dates and lateness are computed from the status events and the working-day calendar."""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.eservice.models import State
from prongsai.eservice.timing import EventRow, WorkdayCounter, schedule
from prongsai.thai import workdays

from .helpers import at

HOLIDAYS = frozenset({datetime.date(2023, 4, 13), datetime.date(2023, 4, 14), datetime.date(2023, 4, 17)})
START, END = datetime.date(2023, 1, 1), datetime.date(2023, 12, 31)
COUNTER = WorkdayCounter(HOLIDAYS, START, END)
days = st.dates(min_value=datetime.date(2022, 12, 1), max_value=datetime.date(2024, 1, 31))


@settings(max_examples=300, deadline=None)
@given(days, days, st.integers(min_value=0, max_value=60))
def test_the_fast_counter_gives_what_the_thai_workdays_library_gives(a, b, n):
    assert COUNTER.between(a, b) == workdays.working_days_between(a, b, HOLIDAYS)
    assert COUNTER.add(a, n) == workdays.add_working_days(a, n, HOLIDAYS)


def test_a_request_is_due_after_the_working_days_of_its_steps_skipping_songkran():
    result = schedule(
        received_at=at("2023-04-11"),
        steps=[("ตรวจสอบ", 1), ("พิจารณา", 3)],
        events=[EventRow(at("2023-04-11"), "", State.RECEIVED, 0)],
        counter=COUNTER,
        today=datetime.date(2023, 4, 12),
    )
    # 12 Apr, then 13, 14, 17 Apr are holidays: 18, 19, 20 Apr.
    assert result.due_on == datetime.date(2023, 4, 20)
    assert result.standard_days == 4 and result.elapsed_days == 1
    assert not result.late and not result.late_soon  # 3 working days left
    assert [s.current for s in result.steps] == [True, False]
    assert result.steps[0].due_on == datetime.date(2023, 4, 12)


def test_waiting_for_documents_stops_the_clock_and_moves_the_due_date():
    events = [
        EventRow(at("2023-05-01"), "", State.RECEIVED, 0),
        EventRow(at("2023-05-02"), State.RECEIVED, State.NEEDS_DOCUMENTS, 0),
        EventRow(at("2023-05-09"), State.NEEDS_DOCUMENTS, State.RECEIVED, 0),
    ]
    result = schedule(
        received_at=at("2023-05-01"),
        steps=[("ตรวจสอบ", 2)],
        events=events,
        counter=COUNTER,
        today=datetime.date(2023, 5, 10),
    )
    assert result.waiting_days == 5  # 3, 4, 5, 8, 9 May
    assert result.elapsed_days == 7 - 5
    assert result.due_on == workdays.add_working_days(datetime.date(2023, 5, 1), 2 + 5, HOLIDAYS)
    assert not result.late and result.late_soon


def test_a_request_waiting_now_is_not_late_however_long_it_waits():
    events = [
        EventRow(at("2023-05-01"), "", State.RECEIVED, 0),
        EventRow(at("2023-05-01", 11), State.RECEIVED, State.NEEDS_DOCUMENTS, 0),
    ]
    result = schedule(
        received_at=at("2023-05-01"),
        steps=[("ตรวจสอบ", 1)],
        events=events,
        counter=COUNTER,
        today=datetime.date(2023, 8, 1),
    )
    assert result.waiting and not result.late and not result.late_soon


def test_a_request_closed_after_its_standard_is_late_and_stays_late():
    events = [
        EventRow(at("2023-06-01"), "", State.RECEIVED, 0),
        EventRow(at("2023-06-02"), State.RECEIVED, State.ACCEPTED, 1),
        EventRow(at("2023-06-12"), State.ACCEPTED, State.APPROVED, 1),
        EventRow(at("2023-06-13"), State.APPROVED, State.COMPLETED, 1),
    ]
    result = schedule(
        received_at=at("2023-06-01"),
        steps=[("ตรวจสอบ", 1), ("พิจารณา", 3)],
        events=events,
        counter=COUNTER,
        today=datetime.date(2023, 12, 1),
    )
    assert result.closed_on == datetime.date(2023, 6, 13)
    assert result.elapsed_days == workdays.working_days_between(
        datetime.date(2023, 6, 1), datetime.date(2023, 6, 13)
    )
    assert result.late
    assert result.steps[0].finished_on == datetime.date(2023, 6, 2) and not result.steps[0].late
    assert result.steps[1].late
