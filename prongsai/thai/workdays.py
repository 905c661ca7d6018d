"""Working days: Monday to Friday, minus public holidays.

Holidays live in a table elsewhere and are passed in as a collection of dates. Written by hand: pythainlp
knows nothing of working days.
"""

import datetime
from collections.abc import Collection

_ONE_DAY = datetime.timedelta(days=1)


def _as_dates(holidays: Collection[datetime.date]) -> frozenset[datetime.date]:
    # A set makes lookups fast; datetimes become dates, since date(2023, 4, 13) != datetime(2023, 4, 13).
    return frozenset(h.date() if isinstance(h, datetime.datetime) else h for h in holidays)


def is_working_day(d: datetime.date, holidays: Collection[datetime.date] = ()) -> bool:
    """True unless ``d`` is a Saturday, a Sunday or one of ``holidays``."""
    return d.weekday() < 5 and d not in _as_dates(holidays)


def add_working_days(d: datetime.date, n: int, holidays: Collection[datetime.date] = ()) -> datetime.date:
    """The date ``n`` working days after ``d`` (``d`` itself not counted; n=0 gives ``d`` back)."""
    if n < 0:
        raise ValueError(f"n must be 0 or more, not {n!r}")
    days_off = _as_dates(holidays)
    while n:
        d += _ONE_DAY
        if d.weekday() < 5 and d not in days_off:
            n -= 1
    return d


def working_days_between(
    start: datetime.date, end: datetime.date, holidays: Collection[datetime.date] = ()
) -> int:
    """How many working days lie in (start, end]: start not counted, end counted; 0 if end <= start."""
    days_off = _as_dates(holidays)
    count = 0
    d = start
    while d < end:
        d += _ONE_DAY
        if d.weekday() < 5 and d not in days_off:
            count += 1
    return count
