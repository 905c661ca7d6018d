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


def bench_search(agencies: int = 50, items: int = 30) -> tuple[str, float, float]:
    """Thai search over a year of documents of 50 agencies: 50 x 30 entries x 1-5 versions, each version's
    text drawn from the seed plan's lines (segmented once, not per version: the stored form is what counts
    here, not how long indexing takes). Measured: the slowest of a few real queries; baseline: loading the
    same number of live versions by primary key."""
    import random
    import secrets
    from pathlib import Path

    from django.db import transaction
    from django.utils import timezone

    from prongsai.agencies.models import Agency
    from prongsai.disclosure import search, services
    from prongsai.disclosure.models import Adoption, Catalogue, Publication, PublicationVersion

    rng = random.Random(2566)  # noqa: S311 (the same sample every run, not a secret)
    seed = Path(__file__).resolve().parent / "plans" / "fixtures" / "pathumwan-2566.txt"
    lines = [
        search.phrases_of(line) for line in seed.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    services.catalogues_load_shipped()
    catalogue = Catalogue.objects.get(scheme="bangkok-district", year=2566)
    catalogue_items = list(catalogue.items.order_by("number"))[:items]
    now = timezone.now()
    with transaction.atomic():
        run = time.time_ns()
        created = Agency.objects.bulk_create(
            [Agency(slug=f"bench-search-{run}-{a}", name=f"สำนักงานเขตทดสอบ {a}") for a in range(agencies)]
        )
        Adoption.objects.bulk_create([Adoption(agency=a, catalogue=catalogue) for a in created])
        publications = Publication.objects.bulk_create(
            [
                Publication(
                    agency=agency,
                    item=item,
                    token=secrets.token_urlsafe(12),
                    kind="file",
                    title=f"{item.title[:120]} ปี ๒๕๖๖",
                    state=Publication.State.APPROVED,
                    publish_at=now,
                    first_published_at=now,
                    created_at=now,
                )
                for agency in created
                for item in catalogue_items
            ]
        )
        versions = []
        for publication in publications:
            title = search.phrases_of(publication.title)
            for number in range(1, rng.randint(1, 5) + 1):
                body = [phrase for line in rng.choices(lines, k=rng.randint(10, 80)) for phrase in line]
                versions.append(
                    PublicationVersion(
                        publication=publication,
                        number=number,
                        file_format="pdf",
                        created_at=now,
                        search_text=search.index_of(title, body),
                    )
                )
        PublicationVersion.objects.bulk_create(versions, batch_size=500)
        latest = {v.publication_id: v for v in versions}  # in number order: the last one is the live one
        for publication in publications:
            publication.live_version = latest[publication.pk]
        Publication.objects.bulk_update(publications, ["live_version"], batch_size=500)
    live_ids = [p.live_version_id for p in publications]
    size = sum(len(latest[p.pk].search_text) for p in publications)

    def baseline():
        list(PublicationVersion.objects.filter(pk__in=live_ids).values_list("pk", "number"))

    queries = ["ปทุมวัน", "จัดซื้อ", "งบประมาณ ๒๕๖๖", "ความโปร่งใส", "info graphic", "ไม่มีคำนี้เลย"]
    timings = []
    for text in queries:
        query = search.parse(text)
        results = search.public_entries(query)
        timings.append((_best_of(lambda q=query: search.public_entries(q), 3), text, results.count))
    for seconds, text, count in timings:
        print(f"  search {text!r:28} {count:5} found {seconds * 1000:8.1f}ms")
    slowest = max(t[0] for t in timings)
    label = (
        f"slowest of {len(queries)} Thai searches, {len(publications)} public entries "
        f"({len(versions)} versions, {size / 1e6:.1f} MB of live text) vs loading them by key"
    )
    return label, _best_of(baseline, 3), slowest


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
    for bench in (bench_thai_dates, bench_audit_append, bench_search):
        label, baseline, measured = bench()
        print(f"{label:70} {baseline * 1000:8.1f}ms {measured * 1000:8.1f}ms {measured / baseline:6.1f}x")


if __name__ == "__main__":
    main()
