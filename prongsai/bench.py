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


def bench_search(agency_years: int = 1000, docs: int = 12) -> list[tuple[str, float, float]]:
    """Search on the database's full-text index over 1,000 agencies' years of documents, then ten times
    that, in the same run. Each document's text is drawn from the seed plan's lines (cut into words once:
    what is measured is the query, not the indexing). Measured: the slowest of a few real queries, across
    every agency and within one; baseline: loading the same number of rows by key."""
    import random
    from pathlib import Path

    from django.db import connection, transaction
    from django.utils import timezone

    from prongsai.agencies.models import Agency
    from prongsai.portal import search, searchtext
    from prongsai.portal.models import SearchDocument

    rng = random.Random(2566)  # noqa: S311 (the same sample every run, not a secret)
    seed = Path(__file__).resolve().parent / "plans" / "fixtures" / "pathumwan-2566.txt"
    lines = [
        searchtext.phrases_of(line) for line in seed.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    kinds = list(search.KINDS)
    now = timezone.now()
    run = time.time_ns()
    years_per_agency = 5
    made = 0

    def grow(to: int) -> Agency:
        """Add agencies (5 fiscal years each) until the index holds ``to`` agency-years."""
        nonlocal made
        first = None
        with transaction.atomic():
            while made < to:
                count = min(200, (to - made) // years_per_agency)
                agencies = Agency.objects.bulk_create(
                    [
                        Agency(slug=f"b{run}-{made // years_per_agency + i}", name=f"สำนักงานเขตทดสอบ {i}")
                        for i in range(count)
                    ]
                )
                first = first or agencies[0]
                rows = []
                for agency in agencies:
                    for year in range(2562, 2562 + years_per_agency):
                        for n in range(docs):
                            title = rng.choice(lines)
                            body = [p for line in rng.choices(lines, k=rng.randint(5, 25)) for p in line]
                            title_terms, terms = searchtext.index_of(title, body)
                            rows.append(
                                SearchDocument(
                                    agency=agency,
                                    source="bench",
                                    key=f"{year}-{n}",
                                    kind=kinds[n % len(kinds)],
                                    title="".join(w for p in title for w in p)[:300],
                                    url=f"/{agency.slug}/{year}/{n}/",
                                    year=year,
                                    published_at=now,
                                    title_terms=title_terms,
                                    terms=terms,
                                    digest="bench",
                                    scope=search.scope_of(agency.pk, kinds[n % len(kinds)], year),
                                    indexed_at=now,
                                )
                            )
                SearchDocument.objects.bulk_create(rows, batch_size=1000)
                made += count * years_per_agency
        return first

    queries = ["จัดซื้อจัดจ้าง", "งบประมาณ ๒๕๖๖", "ความโปร่งใส", "info graphic", "ร้องเรียน ทุจริต", "ไม่มีคำนี้เลย"]
    lines_out = []
    for scale in (1, 10):
        started = time.perf_counter()
        one = grow(agency_years * scale)
        with connection.cursor() as cursor:  # fresh statistics for the planner, as a production database has
            cursor.execute("ANALYZE")
        built = time.perf_counter() - started
        total = SearchDocument.objects.count()
        timings = []
        for text in queries:
            for agency in (None, one):
                query = searchtext.parse(text)
                found = search.search(query, agency=agency)
                seconds = _best_of(lambda q=query, a=agency: search.search(q, agency=a), 3)
                timings.append((seconds, text, agency is not None, found.count))
        for seconds, text, scoped, count in timings:
            where = "one agency" if scoped else "all"
            print(f"  {scale:>2}x search {text!r:26} {where:10} {count:7} found {seconds * 1000:7.1f}ms")
        ids = list(SearchDocument.objects.order_by("?").values_list("pk", flat=True)[: search.RESULT_LIMIT])

        def baseline(ids=ids):
            list(SearchDocument.objects.filter(pk__in=ids).defer("text", "terms", "title_terms"))

        slowest = max(t[0] for t in timings)
        lines_out.append(
            (
                f"search {scale:>2}x: slowest of {len(timings)} ({total:,} documents of "
                f"{agency_years * scale:,} agency-years, built in {built:.0f} s) vs {len(ids)} rows by key",
                _best_of(baseline, 5),
                slowest,
            )
        )
    return lines_out


def bench_fresh_stack(depths: int = 240, n: int = 10) -> tuple[str, float, float]:
    """A nested template (loops in loops, includes, filters: the shape of the OIT index) rendered at every
    fourth call depth up to ``depths`` (a chunk's worth), plain; the worst depth's time is the baseline (where
    a server's own frames put a request next to a data-stack chunk's edge; see prongsai/stack.py), measured
    against the same depth through ``on_fresh_stack``."""
    from django.template import Context, Engine

    from prongsai.stack import on_fresh_stack

    engine = Engine(
        loaders=[
            (
                "django.template.loaders.locmem.Loader",
                {
                    "row.html": "<li>{{ i.code|upper }} {% if i.ok %}<b>{{ i.title }}</b>{% else %}{{ i.title|lower }}"
                    "{% endif %}{% for e in i.entries %}<a href='{{ e }}'>{{ e|length }}</a>{% endfor %}</li>",
                    "page.html": "{% for g in groups %}<section><h2>{{ g.name }}</h2><ol>{% for i in g.items %}"
                    "{% include 'row.html' %}{% endfor %}</ol></section>{% endfor %}",
                },
            )
        ]
    )
    template = engine.get_template("page.html")
    items = [
        {"code": f"o{k}", "title": f"Item {k}", "ok": k % 2, "entries": ["a", "bb"] * 2} for k in range(6)
    ]
    context = Context({"groups": [{"name": f"g{g}", "items": items} for g in range(5)]})

    def render():
        for _ in range(n):
            template.render(context)

    roomy = on_fresh_stack(render)

    def at(depth: int, fn):
        return fn() if depth == 0 else at(depth - 1, fn)

    plain = {d: _best_of(lambda d=d: at(d, render), 3) for d in range(0, depths, 4)}
    worst = max(plain, key=plain.__getitem__)
    return (
        f"render a nested template {n} times at the worst of {len(plain)} call depths (0-{depths - 4}): plain vs on a fresh stack",
        plain[worst],
        _best_of(lambda: at(worst, roomy), 3),
    )


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings")
    os.environ.setdefault("DJANGO_ENV", "test")
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor}")
    results = []
    from prongsai.eservice.bench import bench_tracking
    from prongsai.plans.bench import bench_import

    for bench in (
        bench_thai_dates,
        bench_audit_append,
        bench_import,
        bench_search,
        bench_tracking,
        bench_fresh_stack,
    ):
        found = bench()
        results += found if isinstance(found, list) else [found]
    print(f"{'benchmark':96} {'baseline':>10} {'measured':>10} {'ratio':>7}")
    for label, baseline, measured in results:
        print(f"{label:96} {baseline * 1000:8.1f}ms {measured * 1000:8.1f}ms {measured / baseline:6.1f}x")
    search = [measured for label, _b, measured in results if label.startswith("search")]
    if len(search) == 2:
        print(
            f"search: slowest query at 10x {search[1] * 1000:.1f} ms (target < 50 ms); 10x / 1x = "
            f"{search[1] / search[0]:.2f} (target < 2)"
        )


if __name__ == "__main__":
    main()
