from django.core.management.base import BaseCommand
from tqdm import tqdm

from prongsai.agencies.models import Agency
from prongsai.portal.search import RefreshResult, index_refresh


class Command(BaseCommand):
    help = (
        "Bring the search index in step with what every app publishes, for every agency (or --agency SLUG); "
        "documents whose text changed are cut into words again, the others are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("--agency", help="only this agency's slug")
        parser.add_argument("--source", help="only this app's documents (content, disclosure, plans, ...)")

    def handle(self, *args, **options):
        agencies = Agency.objects.active().order_by("slug")
        if options["agency"]:
            agencies = agencies.filter(slug=options["agency"])
        total = RefreshResult()
        with tqdm(unit=" documents", disable=options["verbosity"] < 1) as bar:
            for agency in agencies:
                bar.set_description(agency.slug)
                result = index_refresh(agency, options["source"], progress=bar.update)
                for field in vars(total):
                    setattr(total, field, getattr(total, field) + getattr(result, field))
        self.stdout.write(
            f"{total.added} added, {total.changed} changed, {total.kept} kept, {total.removed} removed"
        )
