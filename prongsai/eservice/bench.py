"""The e-service benchmark (issue "Scale"): tracking look-ups and a fiscal year's statistics over many requests.

``bench_tracking()`` builds N requests with their status events in bulk (1,000,000 on PostgreSQL, fewer on
SQLite, where it says how many), spread over ten district offices and the months of FY2566, then measures
- the 99th percentile of the server time of the tracking page and of the tracking API, for many random
  existing codes, through Django's test client (no network), against loading the request by its code;
- the monthly statistics of one office for the whole fiscal year, against loading its year's requests.
Returns rows for ``prongsai/bench.py``'s table: (label, baseline seconds, measured seconds).
"""

from __future__ import annotations

import datetime
import os
import random
import statistics as stats_lib
import time

AGENCIES = 10
POSTGRES_N = 1_000_000
SQLITE_N = 20_000
LOOKUPS = 2000


def _p99(samples: list[float]) -> float:
    return stats_lib.quantiles(samples, n=100, method="inclusive")[98]


def _build(n: int):
    from django.db import connection

    from prongsai.agencies.demo import DEPARTMENTS
    from prongsai.agencies.models import Agency, Department
    from prongsai.agencies.selectors import holiday_dates
    from prongsai.thai import workdays
    from prongsai.thai.fiscal import fiscal_year_bounds

    from . import history, volume
    from .models import Service

    run = time.time_ns()
    rng = random.Random(2566)  # noqa: S311 (the same sample every run, not a secret)
    start, end = fiscal_year_bounds(2566)
    holidays = frozenset(holiday_dates(None, start, end + datetime.timedelta(days=200)))
    days = [start + datetime.timedelta(days=i) for i in range((end - start).days + 1)]
    days = [d for d in days if workdays.is_working_day(d, holidays)]
    agencies = []
    for a in range(AGENCIES):
        agency = Agency.objects.create(slug=f"bench-es-{run}-{a}", name=f"สำนักงานเขตทดสอบ {a}")
        for i, (code, name, _en) in enumerate(DEPARTMENTS):
            Department.objects.create(agency=agency, code=code, name=name, order=i)
        volume.catalogue_create(agency)
        agencies.append(agency)
    per_agency = n // AGENCIES
    began = time.perf_counter()
    for agency in agencies:
        catalogue = list(
            Service.objects.for_agency(agency).select_related("department").prefetch_related("steps")
        )
        history.build(
            agency=agency,
            services=catalogue,
            days=days,
            count=per_agency,
            rng=rng,
            holidays=holidays,
            batch=10000,
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"  built {per_agency * AGENCIES:,} requests in {AGENCIES} agencies in {time.perf_counter() - began:.0f}s"
    )
    return agencies


def bench_tracking() -> list[tuple[str, float, float]]:
    from django.db import connection

    n = (
        POSTGRES_N
        if connection.vendor == "postgresql"
        else int(os.environ.get("PRONGSAI_BENCH_ESERVICE_N", SQLITE_N))
    )
    print(f"  e-service: {n:,} requests on {connection.vendor}")
    return measure(_build(n), n)


def measure(agencies, n: int) -> list[tuple[str, float, float]]:
    """The timings over requests already built (``_build``); the statistics are the first agency's."""
    from django.test import Client

    from . import selectors
    from .models import Request

    agency = agencies[0]
    ids = list(
        Request.objects.filter(agency__in=agencies)
        .order_by("pk")
        .values_list("pk", flat=True)[:: max(1, n // 20000)]
    )
    rng = random.Random(99)  # noqa: S311
    codes = list(
        Request.objects.filter(pk__in=rng.sample(ids, min(LOOKUPS, len(ids)))).values_list("code", flat=True)
    )
    client = Client()
    for code in codes[:50]:  # warm-up: templates, connections
        client.get(f"/track/{code}/")

    def timed(fn) -> list[float]:
        samples = []
        for code in codes:
            began = time.perf_counter()
            response = fn(code)
            samples.append(time.perf_counter() - began)
            assert response.status_code == 200, response.status_code
        return samples

    baseline = []
    for code in codes:
        began = time.perf_counter()
        selectors.request_by_code(code)
        baseline.append(time.perf_counter() - began)
    page = timed(lambda code: client.get(f"/track/{code}/"))
    api = timed(lambda code: client.get(f"/api/v1/track/{code}"))
    start, end = datetime.date(2022, 10, 1), datetime.date(2023, 9, 30)
    year = Request.objects.for_agency(agency).filter(received_at__date__range=(start, end))

    def load():
        list(year.values_list("pk", "service_id", "received_at", "closed_at", "rating"))

    began = time.perf_counter()
    load()
    load_time = time.perf_counter() - began
    began = time.perf_counter()
    result = selectors.statistics(agency, start, end)
    stats_time = time.perf_counter() - began
    print(
        f"  tracking page p50 {stats_lib.median(page) * 1000:.1f}ms p99 {_p99(page) * 1000:.1f}ms; "
        f"API p99 {_p99(api) * 1000:.1f}ms; statistics of {result.total.received:,} requests of one office "
        f"for FY2566: {stats_time:.2f}s"
    )
    return [
        (
            f"tracking page p99, {len(codes)} random codes of {n:,} requests vs loading by code",
            _p99(baseline),
            _p99(page),
        ),
        (
            f"tracking API p99, {len(codes)} random codes of {n:,} requests vs loading by code",
            _p99(baseline),
            _p99(api),
        ),
        (
            f"FY statistics of one office ({result.total.received:,} requests) vs loading its year",
            load_time,
            stats_time,
        ),
    ]
