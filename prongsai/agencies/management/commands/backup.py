from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from prongsai.agencies.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database (PostgreSQL: pg_dump custom format; SQLite: its online backup API) and every "
        "file of the file store (the media folder or the bucket) into DIR, a new or empty folder, with a "
        "manifest of row counts and file checksums. The audit and complaint keys are not included: keep them "
        "with the backups, apart."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)

    def handle(self, *args, directory, **options):
        try:
            result = backup(directory, log=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"backed up {result.rows} rows in {result.tables} tables and {result.files} files to {directory}"
            )
        )
