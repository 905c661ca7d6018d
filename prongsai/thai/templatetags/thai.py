"""Template filters for Thai dates, digits and money: ``{% load thai %}``.

Like Django's own filters they fail quietly: None or "" renders "", so a missing value never breaks a page.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django import template
from django.utils import timezone, translation

from prongsai.thai import money
from prongsai.thai.dates import STYLES, format_be_date
from prongsai.thai.digits import to_thai_digits
from prongsai.thai.style import agency_digits, web_digits

register = template.Library()

# Written by hand: strftime("%b") and the calendar module follow the process locale, not the active Django language.
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_EN_MONTHS_LONG = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _as_date(value) -> datetime.date | None:
    """The calendar date of a date or datetime (an aware datetime in local time); None for anything else."""
    if isinstance(value, datetime.datetime):
        # A stored UTC timestamp of 23:30 is already the next day in Bangkok.
        return (timezone.localtime(value) if timezone.is_aware(value) else value).date()
    if isinstance(value, datetime.date):
        return value
    return None


def _english() -> bool:
    return (translation.get_language() or "").split("-")[0] == "en"


@register.filter
def be_date(value, style="medium"):
    """ "30 มี.ค. 2566" (style short/medium/long); in English "30 Mar 2023" or, for long, "30 March 2023"."""
    if style not in STYLES:
        raise ValueError(f"be_date style must be one of {STYLES}, not {style!r}")
    d = _as_date(value)
    if d is None:
        return ""
    if _english():
        months = _EN_MONTHS_LONG if style == "long" else _EN_MONTHS
        return f"{d.day} {months[d.month - 1]} {d.year} (BE {d.year + 543})"
    return format_be_date(d, style, digits=agency_digits())  # Thai: the agency's digits


@register.filter
def be_month(value):
    """A reporting month: "มี.ค. 2566"; in English "Mar 2023"."""
    d = _as_date(value)
    if d is None:
        return ""
    if _english():
        return f"{_EN_MONTHS[d.month - 1]} {d.year} (BE {d.year + 543})"
    return format_be_date(d, "medium", digits=agency_digits()).split(" ", 1)[1]


@register.filter
def be_date_thai(value):
    """ "๓๐ มีนาคม ๒๕๖๖": long style in Thai digits, in every language, as official documents want it."""
    d = _as_date(value)
    return "" if d is None else format_be_date(d, "long", digits="thai")


@register.filter
def thai_digits(value):
    """Arabic digits turned into Thai ones: 2566 -> "๒๕๖๖"."""
    return "" if value is None or value == "" else to_thai_digits(value)


def _digits(text: str) -> str:
    return to_thai_digits(text) if web_digits() == "thai" else text


@register.filter
def num(value, places=None):
    """A count or measure as the page's agency writes numbers: "1,234" or "๑,๒๓๔" (``|num:2`` for two
    decimal places). The one filter for numbers on web pages; unreadable values are shown unchanged."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return value
    text = f"{number:,.{int(places)}f}" if places is not None else f"{number:,}"
    return _digits(text)


@register.filter
def year(value):
    """A year (BE or fiscal) as the page writes numbers, never with a thousands separator: "2566" or "๒๕๖๖"."""
    if value is None or value == "":
        return ""
    return _digits(str(value))


@register.filter
def baht(value, digits=None):
    """An amount as "189,051,600.00" in the page's digits (``|baht:"thai"`` forces Thai digits, as official
    documents want); unreadable values shown unchanged."""
    if value is None or value == "":
        return ""
    try:
        return money.format_baht(value, digits or web_digits())
    except money.MoneyError:
        return value


@register.filter
def baht_text(value):
    """An amount in Thai words: "หนึ่งร้อยบาทถ้วน"; unreadable values shown unchanged."""
    if value is None or value == "":
        return ""
    try:
        return money.baht_text(value)
    except money.MoneyError:
        return value
