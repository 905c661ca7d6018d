from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from prongsai.agencies.models import Agency
from prongsai.documents.tabular import TabularError

from ...services import agencies_load


class Command(BaseCommand):
    help = (
        "Load child agencies under a parent from a CSV or XLSX of slug, name, name_en (header row first), "
        "e.g. prongsai/agencies/fixtures/bangkok-districts.csv. Running it again changes nothing; every row "
        "that could not be used is printed with its number."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--parent", required=True, help="the parent agency's slug (it must exist)")

    def handle(self, *args, **options):
        path = Path(options["file"])
        parent = Agency.objects.filter(slug=options["parent"]).first()
        if parent is None:
            raise CommandError(f"no agency with slug {options['parent']!r}")
        if not path.is_file():
            raise CommandError(f"no file {path}")
        fmt = "xlsx" if path.suffix.lower() == ".xlsx" else "csv"
        try:
            result = agencies_load(actor=None, parent=parent, data=path.read_bytes(), fmt=fmt)
        except (TabularError, ValidationError) as exc:
            raise CommandError(" ".join(getattr(exc, "messages", [str(exc)]))) from None
        self.stdout.write(
            f"{parent.slug}: {len(result.created)} created, {len(result.updated)} updated, "
            f"{len(result.unchanged)} unchanged, {len(result.problems)} rows not read"
        )
        for number, why in result.problems:
            self.stderr.write(f"  row {number}: {why}")
        if result.problems:
            raise CommandError(f"{len(result.problems)} rows could not be read")
