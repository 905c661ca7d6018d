"""Background work of the agencies app: the daily checkpoint of the audit log's chain heads."""

from django_tasks import task


@task()
def audit_checkpoint() -> int:
    from .checkpoints import checkpoint_write

    return len(checkpoint_write()["heads"])
