"""Telling someone that something happened: a member of the public (their request moved, a reply is ready)
or a staff member (``staff_notify``: a report came back, an entry waits for their approval).

The workflow of a module calls ``notify(...)`` only; which channels carry the message is configuration:
``settings.PRONGSAI_NOTIFIERS`` lists classes implementing ``Notifier`` (default: e-mail). SMS or the LINE
Messaging API is another class on that list, with no change to any workflow. A notifier must not send
inside the caller's transaction: the e-mail one enqueues a task (django-tasks), whose row commits or rolls
back with the change it tells about.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

DEFAULT_NOTIFIERS = ("prongsai.agencies.notify.EmailNotifier",)


@dataclass(frozen=True)
class Contact:
    """How to reach one person; any of these may be empty."""

    name: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Message:
    subject: str
    body: str


class Notifier(Protocol):
    def send(self, *, contact: Contact, message: Message) -> bool:
        """Send (or enqueue) the message; False when this channel cannot reach the contact."""


class EmailNotifier:
    def send(self, *, contact: Contact, message: Message) -> bool:
        if not contact.email:
            return False
        from .tasks import send_email

        send_email.enqueue(subject=message.subject, body=message.body, to=contact.email)
        return True


@cache
def _notifiers(paths: tuple[str, ...]) -> tuple[Notifier, ...]:
    return tuple(import_string(path)() for path in paths)


def notifiers() -> tuple[Notifier, ...]:
    return _notifiers(tuple(getattr(settings, "PRONGSAI_NOTIFIERS", DEFAULT_NOTIFIERS)))


def notify(*, contact: Contact, message: Message) -> int:
    """Send the message by every configured channel that can reach the contact; returns how many did."""
    return sum(bool(n.send(contact=contact, message=message)) for n in notifiers())


def staff_notify(*, users, message: Message) -> int:
    """Tell staff members about their work (a report returned, an entry waiting for their approval), by the
    same channels; a person who turned e-mails off on their preferences page, or has no address, is skipped."""
    from django.contrib.auth import get_user_model

    ids = {getattr(user, "pk", user) for user in users if user is not None}
    if not ids:
        return 0
    people = (
        get_user_model()
        .objects.filter(pk__in=ids, is_active=True)
        .exclude(email="")
        .exclude(staff_preference__email_notifications=False)
    )
    return sum(
        notify(
            contact=Contact(name=person.get_full_name() or person.get_username(), email=person.email),
            message=message,
        )
        > 0
        for person in people
    )
