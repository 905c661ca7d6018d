from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from prongsai.assessment.services import instruments_load_shipped


class Command(BaseCommand):
    help = (
        "Load the ITA self-assessment instruments shipped in prongsai/assessment/instruments/ (ita-<year>.json: "
        "IIT and EIT questions, scales, reverse flags, indicators, the OIT sub-indicator map, weights and levels). "
        "A new year is a new data file. Rounds already opened keep their own copy. Idempotent."
    )

    def handle(self, *args, **options):
        try:
            lines = instruments_load_shipped()
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        for line in lines:
            self.stdout.write(line)
