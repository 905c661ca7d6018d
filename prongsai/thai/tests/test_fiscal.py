import datetime

import pytest

from prongsai.thai.fiscal import first_half_months, fiscal_year, fiscal_year_bounds, fiscal_year_months


def test_30_september_closes_a_fiscal_year_and_1_october_opens_the_next():
    assert fiscal_year(datetime.date(2023, 9, 30)) == 2566
    assert fiscal_year(datetime.date(2023, 10, 1)) == 2567


def test_fiscal_2566_runs_from_1_october_2022_to_30_september_2023():
    assert fiscal_year_bounds(2566) == (datetime.date(2022, 10, 1), datetime.date(2023, 9, 30))


def test_every_day_of_a_fiscal_year_belongs_to_it():
    start, end = fiscal_year_bounds(2566)
    assert fiscal_year(start) == fiscal_year(end) == 2566
    assert fiscal_year(start - datetime.timedelta(days=1)) == 2565
    assert fiscal_year(end + datetime.timedelta(days=1)) == 2567


def test_the_twelve_months_start_in_october_and_end_in_september():
    months = fiscal_year_months(2566)
    assert len(months) == 12
    assert months[0] == datetime.date(2022, 10, 1)
    assert months[3] == datetime.date(2023, 1, 1)
    assert months[-1] == datetime.date(2023, 9, 1)


def test_the_first_half_is_october_to_march():
    assert first_half_months(2566) == [
        datetime.date(2022, 10, 1),
        datetime.date(2022, 11, 1),
        datetime.date(2022, 12, 1),
        datetime.date(2023, 1, 1),
        datetime.date(2023, 2, 1),
        datetime.date(2023, 3, 1),
    ]


def test_a_gregorian_year_is_refused_rather_than_read_543_years_off():
    with pytest.raises(ValueError, match="2023"):
        fiscal_year_bounds(2023)


def test_a_quarter_of_the_fiscal_year_starts_in_october():
    from prongsai.thai.fiscal import fiscal_quarter_bounds

    assert fiscal_quarter_bounds(2566, 1) == (datetime.date(2022, 10, 1), datetime.date(2022, 12, 31))
    assert fiscal_quarter_bounds(2566, 2) == (datetime.date(2023, 1, 1), datetime.date(2023, 3, 31))
    assert fiscal_quarter_bounds(2566, 4)[1] == datetime.date(2023, 9, 30)
    with pytest.raises(ValueError):
        fiscal_quarter_bounds(2566, 5)
