"""Load-test volume (`prongsai loadtest-data`): each agency's service catalogue (the demo's, through the
service) and its share of the requests, with tracking codes and the status events of their history, built in
bulk by ``history.build`` (the same builder as the demo's year and ``eservice/bench.py``)."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from prongsai.agencies.selectors import holiday_dates
from prongsai.agencies.volume import insert, share
from prongsai.thai import workdays
from prongsai.thai.fiscal import fiscal_year_bounds

from . import demo, history, services
from .models import Service

CHUNK = 10_000  # requests per history.build call (one transaction each), and per progress step


def catalogue_create(agency) -> list[Service]:
    departments = {d.code: d for d in agency.departments.all()}
    for order, entry in enumerate(demo.CATALOGUE):
        slug, dept, name, *_rest, steps = entry[:9]
        services.service_create(
            actor=None,
            agency=agency,
            department=departments[dept],
            slug=slug,
            name=name,
            order=order,
            report_group=entry[14],
            steps=[
                services.StepSpec(s[0], s[1], departments.get(s[2]) if len(s) > 2 and s[2] else None)
                for s in steps
            ],
        )
    return list(Service.objects.for_agency(agency).select_related("department").prefetch_related("steps"))


def load(agencies, fiscal_years, counts, progress) -> dict[str, int]:
    rng = random.Random(2566)  # noqa: S311 (synthetic data, the same every run; codes come from secrets)
    start, _end = fiscal_year_bounds(fiscal_years[0])
    _start, end = fiscal_year_bounds(fiscal_years[-1])
    end = min(end, timezone.localdate())
    holidays = frozenset(holiday_dates(None, start, end + datetime.timedelta(days=400)))
    days = [start + datetime.timedelta(days=i) for i in range((end - start).days + 1)]
    days = [d for d in days if workdays.is_working_day(d, holidays)]
    made = {"services": 0, "requests": 0, "status events": 0}
    with progress("e-service requests", counts["requests"]) as bar:
        for index, agency in enumerate(agencies):
            catalogue = catalogue_create(agency)
            made["services"] += len(catalogue)
            want = share(counts["requests"], agencies, index)
            for first in range(0, want, CHUNK):
                n = min(CHUNK, want - first)
                made["status events"] += history.build(
                    agency=agency,
                    services=catalogue,
                    days=days,
                    count=n,
                    rng=rng,
                    holidays=holidays,
                    batch=CHUNK,
                    insert=insert,
                )
                made["requests"] += n
                bar.update(n)
    return made
