"""What the public read side derives from an agency's data and keeps in the cache until that data changes.

Every public change is announced (``agencies.signals.announce_public_change``); the portal then moves the
agency's version on, and everything cached under the old version is simply never read again. The cache is
Django's (local memory in ``make run``, Redis in production): nothing is shared between processes by hand.
"""

from __future__ import annotations

from django.core.cache import cache
from django.utils.translation import get_language

TIMEOUT = 24 * 60 * 60  # a day at most, in case an announcement was missed


def _version_key(agency_id: int) -> str:
    return f"public-version:{agency_id}"


def version(agency_id: int) -> int:
    return cache.get_or_set(_version_key(agency_id), 1, timeout=None)


def bump(agency_id: int) -> None:
    try:
        cache.incr(_version_key(agency_id))
    except ValueError:  # not in the cache yet (or evicted): any new number will do
        cache.set(_version_key(agency_id), 2, timeout=None)


def cached(agency, name: str, build):
    """``build()`` for this agency and language, kept until the agency's public data changes."""
    key = f"public:{agency.pk}:{version(agency.pk)}:{get_language()}:{name}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout=TIMEOUT)
    return value
