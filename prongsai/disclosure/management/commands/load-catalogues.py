from django.core.management.base import BaseCommand

from prongsai.disclosure.services import catalogues_load_shipped


class Command(BaseCommand):
    help = (
        "Load the OIT catalogues shipped in prongsai/disclosure/catalogues/ (one JSON file per scheme and year, "
        "crosswalks named FROM--TO.json). A new year is a new data file, not a code change. Idempotent."
    )

    def handle(self, *args, **options):
        for line in catalogues_load_shipped():
            self.stdout.write(line)
