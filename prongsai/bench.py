"""`make bench`: speed of hot paths, as ratios against a baseline measured in the same run.

Absolute times depend on the machine; the ratios are what to compare between commits.
"""

import os
import tempfile
import time
from datetime import datetime


def _best_of(fn, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def bench_thai_dates(n: int = 5000) -> tuple[str, float, float]:
    from prongsai.thai.dates import parse_be_date

    texts = ["๓๐ มี.ค.๖๖", "๕ เม.ย. ๖๖", "๒๐ เม.ย ๖๖", "10 พ.ค.66", "๓๐ มีนาคม ๒๕๖๖"] * (n // 5)
    isos = ["2023-03-30"] * len(texts)
    baseline = _best_of(lambda: [datetime.strptime(t, "%Y-%m-%d") for t in isos])
    measured = _best_of(lambda: [parse_be_date(t) for t in texts])
    return f"parse {len(texts)} Thai dates vs datetime.strptime of ISO dates", baseline, measured


def bench_audit_append(n: int = 300) -> tuple[str, float, float]:
    from django.db import transaction

    from prongsai.agencies.models import Agency, Holiday
    from prongsai.agencies.services import audit_record

    agency = Agency.objects.create(slug=f"bench-{time.time_ns()}", name="bench")

    def plain():
        with transaction.atomic():
            for i in range(n):
                Holiday.objects.create(agency=agency, date=f"2{i:03d}-01-01", name="x")
            transaction.set_rollback(True)

    def audited():
        with transaction.atomic():
            for i in range(n):
                audit_record(actor=None, agency=agency, action="other", model="bench", object_id=str(i))
            transaction.set_rollback(True)

    return (
        f"append {n} hash-chained audit entries vs {n} plain inserts",
        _best_of(plain, 3),
        _best_of(audited, 3),
    )


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings")
    os.environ.setdefault("DJANGO_ENV", "test")
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    print(f"{'benchmark':70} {'baseline':>10} {'measured':>10} {'ratio':>7}")
    for bench in (bench_thai_dates, bench_audit_append):
        label, baseline, measured = bench()
        print(f"{label:70} {baseline * 1000:8.1f}ms {measured * 1000:8.1f}ms {measured / baseline:6.1f}x")


if __name__ == "__main__":
    main()
