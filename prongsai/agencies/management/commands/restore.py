from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from prongsai.agencies.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `prongsai backup` into this installation's database and file store, which "
        "must be empty (a new database, not migrated; an empty media folder or bucket). The backup's "
        "checksums and the keys are checked before anything is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument(
            "--force",
            action="store_true",
            help="delete every table of the database and every stored file first (no undo)",
        )
        parser.add_argument(
            "--other-keys",
            action="store_true",
            help="restore although PRONGSAI_AUDIT_KEY or PRONGSAI_COMPLAINT_KEY differ from the backup's",
        )

    def handle(self, *args, directory, force, other_keys, **options):
        try:
            result = restore(directory, force=force, other_keys=other_keys, log=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"restored {result.rows} rows in {result.tables} tables and {result.files} files from {directory}"
            )
        )
