"""Thai digits (๐–๙) and Arabic digits (0–9), both ways.

Official documents often want Thai digits; the data we read mixes both, sometimes with a Latin letter O
typed for zero ("O๑๑"). Conversion itself is pythainlp's.
"""

import re
from decimal import Decimal

from pythainlp.util import arabic_digit_to_thai_digit, thai_digit_to_arabic_digit

# Characters that ride along in copied Thai text and break matching: zero-width space, BOM, soft hyphen.
# They become spaces rather than vanish, so parsed text keeps the positions of the original.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff\u00ad"), " ")
# A run of digits and letter O that holds at least one real digit, e.g. "O๑" or "2O23" once Thai digits are gone.
_DIGIT_RUN_WITH_O = re.compile(r"[0-9Oo]*[0-9][0-9Oo]*")


def to_thai_digits(value: int | str | Decimal) -> str:
    """Return ``value`` as text with Arabic digits replaced by Thai ones; other characters are kept."""
    # str(Decimal) may use exponent notation ("1E+3"); format "f" always writes the digits out.
    text = format(value, "f") if isinstance(value, Decimal) else str(value)
    return arabic_digit_to_thai_digit(text)


def to_arabic_digits(text: str) -> str:
    """Return ``text`` with Thai digits replaced by Arabic ones; other characters (letter O too) are kept."""
    return thai_digit_to_arabic_digit(str(text))


def _for_parsing(text: str) -> str:
    """Text made ready for the date and money parsers: invisible characters made spaces, Arabic digits
    only, and a letter O inside a run of digits read as zero ("O๑๑" -> "011"). Same length as the input."""
    text = to_arabic_digits(str(text).translate(_INVISIBLE))
    # Written by hand: pythainlp has no rule for the Latin O that typists use for zero.
    return _DIGIT_RUN_WITH_O.sub(lambda m: m.group().replace("O", "0").replace("o", "0"), text)
