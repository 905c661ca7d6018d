from argparse import ArgumentTypeError
from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from prongsai.plans.tasks import reminders_send


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ArgumentTypeError(f"not a date in the form YYYY-MM-DD (Gregorian): {value!r}") from None


class Command(BaseCommand):
    help = (
        "E-mail the plan reminders due today: monthly reports whose period closes within "
        "PLAN_REMINDER_DAYS_BEFORE days, and activities past their due date. Each reminder is sent once, "
        "so running it again the same day sends nothing new. `prongsai worker` runs it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            type=_iso_date,
            default=None,
            help="act as if today were this day (YYYY-MM-DD, Gregorian)",
        )

    def handle(self, *args, date: date | None, **options):
        sent = reminders_send(today=date or timezone.localdate())
        self.stdout.write(f"{sent} reminder e-mail(s) sent")
