"""Thai text as it looks, with the invisible differences gone.

PDF text layers and some keyboards write ำ as ํ + า (NFKC does too), put zero-width spaces and soft hyphens
between words, and carry control characters that PostgreSQL refuses in text. ``clean`` removes those
differences so that two texts that look the same compare the same (search, imports)."""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # PostgreSQL refuses NUL in text; none is a letter
# NFKC turns ำ into ํ + า, and so do PDF text layers; a tone mark may sit between the two.
_SARA_AM = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")


def clean(text: str) -> str:
    """``text`` as it looks: NFKC, ำ as one character, no zero-width or control characters."""
    text = _CONTROL.sub(" ", unicodedata.normalize("NFKC", text or ""))
    return _SARA_AM.sub("\\1\u0e33", _INVISIBLE.sub("", text))


def without_controls(text: str) -> str:
    return _CONTROL.sub(" ", text or "")
