"""Background work of the agencies app: the daily checkpoint of the audit log's chain heads, and messages
to the public (see ``notify.py``)."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def audit_checkpoint() -> int:
    from .checkpoints import checkpoint_write

    return len(checkpoint_write()["heads"])


@task()
def send_email(*, subject: str, body: str, to: str) -> int:
    """One e-mail to one person. A failure is logged and raised, so that the worker records it."""
    try:
        return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    except OSError:
        logger.exception("e-mail %r not sent", subject)
        raise
