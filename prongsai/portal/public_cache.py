"""What the public read side derives from an agency's data and keeps in the cache until that data changes.

Keyed by the agency's public stamp (``agencies/public_stamp.py``), which every announced public change, every
edit of the agency or its departments and every admin change moves on when it commits: everything cached under
the old stamp is simply never read again. The cache is Django's (local memory in ``make run``, Redis in
production): nothing is shared between processes by hand.
"""

from __future__ import annotations

from prongsai.agencies.public_stamp import cached_many

TIMEOUT = 24 * 60 * 60  # kept under its stamp: the timeout only lets the cache forget what nobody reads


def cached(agency, name: str, build):
    """``build()`` for this agency and language, kept until the agency's public data changes."""
    return cached_many(agency, {name: build}, timeout=TIMEOUT)[name]
