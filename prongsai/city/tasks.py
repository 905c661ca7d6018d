"""Background work of the city: recomputing its children's OIT readiness (slow: the OIT core fetches the
item pages), one task per child so that a slow district does not hold up the others."""

from django_tasks import task


@task()
def readiness_refresh(agency_id: int, year: int, scheme: str) -> str:
    from prongsai.agencies.models import Agency

    from .services import readiness_snapshot_refresh

    agency = Agency.objects.filter(pk=agency_id).first()
    if agency is None:
        return "gone"
    snapshot = readiness_snapshot_refresh(agency=agency, year=year, scheme=scheme)
    return "none" if snapshot is None else f"{snapshot.ready}/{snapshot.total}"


@task()
def readiness_refresh_all() -> int:
    """Daily: every child of every parent, for the catalogues it adopted of the current fiscal year (the
    deadline checks change with the day even when nothing was published)."""
    from prongsai.agencies.models import Agency

    from .services import readiness_refresh_enqueue

    count = 0
    for parent in Agency.objects.active().filter(children__isnull=False).distinct():
        count += readiness_refresh_enqueue(parent=parent)
    return count
