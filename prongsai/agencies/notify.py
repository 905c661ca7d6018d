"""Telling a member of the public that something happened (their request moved, a reply is ready).

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
