"""The notifier interface: e-mail through a task by default, any other channel by configuration."""

import time

import pytest
from django.core import mail

from prongsai.agencies import throttle
from prongsai.agencies.notify import Contact, EmailNotifier, Message, notify


class RecordingNotifier:
    """A second channel (as SMS or LINE would be): keeps what it was given."""

    sent: list = []

    def send(self, *, contact, message):
        self.sent.append((contact, message))
        return bool(contact.phone)


def test_the_email_notifier_sends_through_the_task_to_the_contacts_address():
    assert EmailNotifier().send(contact=Contact(email="a@example.com"), message=Message("เรื่อง", "ข้อความ"))
    assert mail.outbox[-1].to == ["a@example.com"] and mail.outbox[-1].subject == "เรื่อง"


def test_a_contact_without_an_address_is_not_reached_by_email():
    assert not EmailNotifier().send(contact=Contact(phone="0812345678"), message=Message("x", "y"))
    assert mail.outbox == []


def test_every_configured_channel_is_tried(settings):
    settings.PRONGSAI_NOTIFIERS = [
        "prongsai.agencies.notify.EmailNotifier",
        "prongsai.agencies.tests.test_notify.RecordingNotifier",
    ]
    RecordingNotifier.sent.clear()
    reached = notify(contact=Contact(email="a@example.com", phone="081"), message=Message("s", "b"))
    assert reached == 2 and len(mail.outbox) == 1 and len(RecordingNotifier.sent) == 1


@pytest.mark.parametrize("window", [60, 600])
def test_the_throttle_says_when_its_window_ends(window):
    ends = throttle.reset_at(window=window)
    assert time.time() < ends <= time.time() + window and ends % window == 0
