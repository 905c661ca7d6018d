from django.core.management.base import BaseCommand
from tqdm import tqdm

from prongsai.disclosure.models import PublicationVersion
from prongsai.disclosure.search import index_text


class Command(BaseCommand):
    help = (
        "Rebuild the search words of every published version (after the word cutting or dictionary changed)."
    )

    def handle(self, *args, **options):
        versions = PublicationVersion.objects.select_related("publication")
        changed = 0
        for version in tqdm(
            versions.iterator(chunk_size=200), total=versions.count(), disable=options["verbosity"] < 1
        ):
            words = index_text(version.publication.title, version)
            if words != version.search_text:
                PublicationVersion.objects.filter(pk=version.pk).update(search_text=words)
                changed += 1
        self.stdout.write(f"{changed} versions re-indexed")
