"""Background work of the public read side: keeping the search index in step with what is published."""

from django_tasks import task

from prongsai.agencies.models import Agency


@task()
def search_index_refresh(agency_id: int, source: str | None = None) -> dict:
    from .search import index_refresh

    agency = Agency.objects.filter(pk=agency_id).first()
    if agency is None:
        return {}
    return vars(index_refresh(agency, source))


def on_public_data_changed(sender, *, agency, **kwargs) -> None:
    """A module's public data changed: that source's search documents are refreshed in the worker (what the
    portal cached of the agency is keyed by its public stamp, which the announcement moves on)."""
    search_index_refresh.enqueue(agency.pk, sender)
