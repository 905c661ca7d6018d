"""The Thai government fiscal year (ปีงบประมาณ): 1 October to 30 September, named by the BE year it ends in.

FY2566 runs from 1 Oct 2022 to 30 Sep 2023. Written by hand: pythainlp has no fiscal-year helpers.
"""

import datetime

from prongsai.thai.dates import BE_OFFSET, be_year

_FIRST_MONTH = 10  # October


def _check_be_year(year: int) -> None:
    # A Gregorian year passed by mistake would give bounds 543 years off without any error; refuse it.
    if year < 2400:
        raise ValueError(f"fiscal years are BE years (e.g. 2566), not {year!r}")


def fiscal_year(d: datetime.date) -> int:
    """The BE fiscal year a date falls in: 30 Sep 2023 -> 2566, 1 Oct 2023 -> 2567."""
    return be_year(d) + (1 if d.month >= _FIRST_MONTH else 0)


def fiscal_year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of BE fiscal year ``year``: 2566 -> (2022-10-01, 2023-09-30)."""
    _check_be_year(year)
    end_year = year - BE_OFFSET
    return datetime.date(end_year - 1, _FIRST_MONTH, 1), datetime.date(end_year, 9, 30)


# --- months: the one month arithmetic of the platform ------------------------------------------------------


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The first day of the month ``months`` after (or before) the month of ``day``."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_end(day: datetime.date) -> datetime.date:
    """The last day of the month of ``day``."""
    return add_months(day, 1) - datetime.timedelta(days=1)


def months_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """The first days of the months from the month of ``first`` to the month of ``last``, inclusive."""
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return months


def fiscal_year_months(year: int) -> list[datetime.date]:
    """The first day of each of the 12 months of BE fiscal year ``year``, October first."""
    start, end = fiscal_year_bounds(year)
    return months_between(start, end)


def first_half_months(year: int) -> list[datetime.date]:
    """The first day of each month of the first half (October to March) of BE fiscal year ``year``."""
    return fiscal_year_months(year)[:6]


def fiscal_quarter_bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of quarter 1-4 of BE fiscal year ``year``: quarter 1 is October to December, so
    (2566, 2) -> (2023-01-01, 2023-03-31)."""
    if not 1 <= quarter <= 4:
        raise ValueError(f"a fiscal year has quarters 1 to 4, not {quarter!r}")
    start = add_months(fiscal_year_bounds(year)[0], 3 * (quarter - 1))
    return start, month_end(add_months(start, 2))
