import time

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone
from django.utils.module_loading import import_string
from tqdm import tqdm

from prongsai.agencies import volume
from prongsai.thai.fiscal import fiscal_year


class Command(BaseCommand):
    help = (
        "Build a synthetic city for benchmarks on the configured database: a parent agency "
        f"({volume.PARENT_NAME}) with N district offices (slugs {volume.PREFIX}01...) and, in each, the "
        "modules' rows (each app's AppConfig.load_volume). Full scale by default; --scale 0.01 for a quick run."
    )

    def add_arguments(self, parser):
        parser.add_argument("--agencies", type=int, default=volume.FULL["agencies"])
        parser.add_argument(
            "--years", type=int, default=volume.FULL["years"], help="fiscal years up to this one"
        )
        parser.add_argument("--scale", type=float, default=1.0, help="multiplies every count below")
        for kind in ("requests", "complaints", "documents", "assets", "loans"):
            parser.add_argument(
                f"--{kind}",
                type=int,
                default=None,
                help=f"total {kind} (default {volume.FULL[kind]:,} x scale)",
            )
        parser.add_argument(
            "--force",
            action="store_true",
            help="load even though the database holds real (non-loadtest) agencies; their data is never touched",
        )

    def handle(self, *args, **options):
        if options["agencies"] < 1 or options["years"] < 1 or options["scale"] <= 0:
            raise CommandError("--agencies and --years must be at least 1, --scale above 0")
        real = list(volume.real_agencies().values_list("slug", flat=True)[:5])
        if real and not options["force"]:
            raise CommandError(
                f"this database holds real agencies ({', '.join(real)}...): synthetic rows belong in a database "
                "of their own. Use an empty database, or --force to add the load-test agencies beside them."
            )
        if volume.Agency.objects.filter(slug=volume.PARENT_SLUG).exists():
            raise CommandError(
                "the load-test agencies exist already: drop the database (or use a new one) to load again"
            )
        counts = volume.counts_for(
            options["scale"],
            agencies=options["agencies"],
            years=options["years"],
            **{k: options[k] for k in ("requests", "complaints", "documents", "assets", "loans")},
        )
        last = fiscal_year(timezone.localdate())
        years = list(range(last - counts["years"] + 1, last + 1))
        quiet = options["verbosity"] < 1
        self.stdout.write(
            f"loading on {connection.vendor}: {counts['agencies']} agencies, fiscal years {years[0]}-{years[-1]}, "
            + ", ".join(
                f"{counts[k]:,} {k}" for k in ("requests", "complaints", "documents", "assets", "loans")
            )
        )

        def progress(label: str, total: int):
            return tqdm(
                total=total, desc=f"  {label}", unit=" rows", unit_scale=True, disable=quiet, leave=False
            )

        began = time.perf_counter()
        agencies = volume.load(counts["agencies"])
        timings = [
            ("agencies", f"{len(agencies) + 1} agencies with their departments", time.perf_counter() - began)
        ]
        # Each app adds its rows in INSTALLED_APPS order (plans before disclosure, as the demo loads them).
        for config in apps.get_app_configs():
            path = getattr(config, "load_volume", None)
            if path is None:
                continue
            started = time.perf_counter()
            made = import_string(path)(agencies, years, counts, progress)
            seconds = time.perf_counter() - started
            summary = ", ".join(f"{n:,} {what}" for what, n in made.items())
            timings.append((config.label, summary, seconds))
            self.stdout.write(f"  {config.label:12} {seconds:7.1f}s  {summary}")
        if connection.vendor == "postgresql":
            started = time.perf_counter()
            with connection.cursor() as cursor:  # fresh planner statistics, as a production database has
                cursor.execute("ANALYZE")
            timings.append(("analyze", "planner statistics", time.perf_counter() - started))
        total = time.perf_counter() - began
        self.stdout.write(self.style.SUCCESS(f"loaded in {total:.0f}s"))
        for label, summary, seconds in timings:
            if label in ("agencies", "analyze"):
                self.stdout.write(f"  {label:12} {seconds:7.1f}s  {summary}")
