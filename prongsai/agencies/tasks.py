"""Background work of the platform core: messages to the public (see ``notify.py``)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def send_email(*, subject: str, body: str, to: str) -> int:
    """One e-mail to one person. A failure is logged and raised, so that the worker records it."""
    try:
        return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    except OSError:
        logger.exception("e-mail %r not sent", subject)
        raise
