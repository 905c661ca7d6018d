"""What the OIT core itself gives the public read side through the same provider interface as every other
app: its public menu entry, its open data (the OIT index of each year, published table files), and every
public OIT entry (with the text of its file) as a search document."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from prongsai.agencies.models import Agency

from . import opendata
from .models import Publication
from .providers import DcatDataset, PublicLink, SearchDocument
from .selectors import public_oit_links


def public_links(agency: Agency) -> list[PublicLink]:
    return [PublicLink(link["url"], link["label"]) for link in public_oit_links(agency)]


def dcat_datasets(agency: Agency, absolute) -> list[DcatDataset]:
    now = timezone.now()
    return opendata.index_datasets(agency, absolute, now) + opendata.entry_datasets(agency, absolute, now)


def search_documents(agency: Agency):
    """Every entry the public sees or will see once due (its approved version), with its file's text; the
    search filters by ``published_at`` so a scheduled entry is found from its date."""
    entries = (
        Publication.objects.filter(agency=agency, live_version__isnull=False, publish_at__isnull=False)
        .exclude(state=Publication.State.WITHDRAWN)
        .select_related("item__catalogue", "live_version")
        .order_by("pk")
    )
    for publication in entries:
        item, version = publication.item, publication.live_version
        url = reverse(
            "disclosure_public:item",
            kwargs={"agency": agency.slug, "year": item.catalogue.year, "code": item.code},
        )
        if publication.kind == Publication.Kind.PAGE:
            url = f"{url}#page-{publication.token}"
        yield SearchDocument(
            key=f"entry:{publication.pk}",
            kind="oit",
            title=publication.title,
            text="\n".join(filter(None, [version.body, version.url, version.file_text])),
            url=url,
            year=item.catalogue.year,
            published_at=publication.publish_at,
            also=f"{item.code} {item.title}",
        )
