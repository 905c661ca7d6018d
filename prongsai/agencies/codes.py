"""Public identifiers people read aloud and type: tracking codes and receipts.

Random (``secrets``), never sequential, in Crockford's base-32 alphabet (no I, L, O, U: nothing to confuse
with 1, 0 or V over the phone), grouped by four. ``normalise`` accepts what people actually type: lower case,
spaces or no dashes, O for 0 and I/L for 1. 10 characters give 50 bits: guessing one live code among a
million takes about 10^9 tries on average, and wrong guesses are slowed down (``throttle``).
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_TYPED = str.maketrans({"O": "0", "I": "1", "L": "1"})
_VALID = re.compile(f"^[{ALPHABET}]+$")


def new_code(length: int = 10) -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(length))
    return "-".join(raw[i : i + 4] for i in range(0, length, 4))


def normalise(typed: str, length: int = 10) -> str | None:
    """The canonical form of a typed code, or None when it cannot be one (the caller answers both the same)."""
    raw = re.sub(r"[\s\-‐–—]", "", (typed or "").upper()).translate(_TYPED)
    if len(raw) != length or not _VALID.match(raw):
        return None
    return "-".join(raw[i : i + 4] for i in range(0, length, 4))
