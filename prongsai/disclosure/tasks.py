"""Background work of the OIT core: reading the text inside an uploaded file, after the upload."""

from django_tasks import task

from .models import PublicationVersion


@task()
def file_text_extract(version_id: int) -> str:
    from .services import file_text_read

    version = PublicationVersion.objects.filter(pk=version_id).select_related("publication__agency").first()
    if version is None or not version.file:
        return "gone"
    return file_text_read(version).file_text_state


@task()
def file_texts_pending() -> int:
    """Daily: read the files still waiting (uploaded before the worker ran, or while it was away)."""
    from .services import file_text_read

    pending = PublicationVersion.objects.filter(file_text_state="pending").select_related(
        "publication__agency"
    )
    count = 0
    for version in pending.iterator(chunk_size=50):
        file_text_read(version)
        count += 1
    return count
