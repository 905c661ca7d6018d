import datetime

import pytest

from prongsai.thai.workdays import add_working_days, is_working_day, working_days_between

FRIDAY = datetime.date(2023, 4, 7)
SATURDAY = datetime.date(2023, 4, 8)
MONDAY = datetime.date(2023, 4, 10)
SONGKRAN = {datetime.date(2023, 4, 13), datetime.date(2023, 4, 14)}  # Thursday and Friday


def test_weekdays_work_and_weekends_and_holidays_do_not():
    assert is_working_day(FRIDAY)
    assert not is_working_day(SATURDAY)
    assert not is_working_day(datetime.date(2023, 4, 13), SONGKRAN)


def test_one_working_day_after_friday_is_monday():
    assert add_working_days(FRIDAY, 1) == MONDAY


def test_adding_working_days_skips_a_holiday_and_the_weekend_after_it():
    # Mon 10 +1 Tue, +2 Wed, then Thu/Fri are Songkran and Sat/Sun the weekend: +3 is Mon 17.
    assert add_working_days(MONDAY, 3, SONGKRAN) == datetime.date(2023, 4, 17)


def test_adding_zero_working_days_gives_the_same_day():
    assert add_working_days(SATURDAY, 0) == SATURDAY


def test_a_negative_number_of_working_days_is_refused():
    with pytest.raises(ValueError):
        add_working_days(FRIDAY, -1)


def test_holidays_given_as_datetimes_still_count():
    assert not is_working_day(datetime.date(2023, 4, 13), [datetime.datetime(2023, 4, 13)])


def test_working_days_between_counts_the_end_but_not_the_start():
    assert working_days_between(FRIDAY, MONDAY) == 1
    assert working_days_between(FRIDAY, FRIDAY) == 0
    # Fri 7 -> Mon 17: Mon 10, Tue 11, Wed 12 (Thu/Fri Songkran, weekend), Mon 17.
    assert working_days_between(FRIDAY, datetime.date(2023, 4, 17), SONGKRAN) == 4


def test_adding_and_counting_working_days_agree():
    for n in range(30):
        assert working_days_between(FRIDAY, add_working_days(FRIDAY, n, SONGKRAN), SONGKRAN) == n
