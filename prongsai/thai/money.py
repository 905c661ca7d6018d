"""Baht amounts: read them from documents, write them with separators, spell them out in Thai words.

Money is always Decimal, quantised to satang (2 places), never float.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from pythainlp.util import bahttext

from prongsai.thai.digits import _for_parsing, to_thai_digits

_SATANG = Decimal("0.01")
# bahttext takes a float; below this a 2-place amount survives the trip through float exactly.
_BAHTTEXT_LIMIT = Decimal(10) ** 13
# Optional sign; digits either grouped by commas in threes or not grouped at all; optional fraction.
_AMOUNT = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


class MoneyError(ValueError):
    """A value that should be an amount of baht could not be read; ``text`` is that value."""

    def __init__(self, text, reason: str = ""):
        self.text = text
        self.reason = reason
        message = f'อ่านจำนวนเงินไม่ได้: "{text}"'
        super().__init__(f"{message} ({reason})" if reason else message)

    def __reduce__(self):
        # Rebuild from text and reason, not from the message, so the error survives pickling (task queues).
        return type(self), (self.text, self.reason)


def parse_baht(text: str | int | Decimal | float) -> Decimal:
    """Read an amount: "189,051,600.00", "๑,๒๓๔.๕", " 1,234.50 บาท", "฿100" -> Decimal with 2 places.

    Numbers pass through too; a float (a spreadsheet cell) is read by its shortest text form, "0.1" not
    0.1000000000000000055...
    """
    if isinstance(text, bool):
        raise MoneyError(text)
    if isinstance(text, int | float | Decimal):
        amount = Decimal(repr(text)) if isinstance(text, float) else Decimal(text)
    else:
        cleaned = _for_parsing(text).strip().removeprefix("฿").removesuffix("บาท").strip()
        if not _AMOUNT.fullmatch(cleaned):
            raise MoneyError(text)
        amount = Decimal(cleaned.replace(",", ""))
    if not amount.is_finite():
        raise MoneyError(text)
    try:
        # Half-up, as Thai accounting rounds satang; "+ 0" turns -0.00 into 0.00.
        return amount.quantize(_SATANG, rounding=ROUND_HALF_UP) + 0
    except InvalidOperation as exc:  # too many digits for the decimal context
        raise MoneyError(text) from exc


def format_baht(value: str | int | Decimal, digits: str = "arabic") -> str:
    """Write an amount with thousands separators and 2 places: "189,051,600.00" (or in Thai digits)."""
    if digits not in ("arabic", "thai"):
        raise ValueError(f'digits must be "arabic" or "thai", not {digits!r}')
    text = f"{parse_baht(value):,.2f}"
    return to_thai_digits(text) if digits == "thai" else text


def baht_text(value: str | int | Decimal) -> str:
    """Spell an amount in Thai words, as on cheques and contracts: 100 -> "หนึ่งร้อยบาทถ้วน"."""
    amount = parse_baht(value)
    if abs(amount) >= _BAHTTEXT_LIMIT:
        raise MoneyError(value, "จำนวนเงินมากเกินกว่าจะอ่านเป็นคำได้ถูกต้อง")
    # The sign is handled here: bahttext drops it for amounts between -1 and 0.
    words = bahttext(float(abs(amount)))
    if 0 < abs(amount) < 1:
        # Written by hand: bahttext says "ศูนย์บาทห้าสิบสตางค์"; Thai usage (and Excel's BAHTTEXT) says "ห้าสิบสตางค์".
        words = words.removeprefix("ศูนย์บาท")
    return f"ลบ{words}" if amount < 0 else words
