"""Which digits the web pages of the agency being shown use (its ``web_digits`` setting).

A page's agency is known only once its view looks it up, and the filters that print numbers (``be_date``,
``num``, ``year``, ``baht``) must not each be handed it, so the lookup sets it here for the request (a
context variable: one value per request, also under ASGI; the portal's middleware resets it when the
request ends). English pages always use Arabic digits.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from django.utils import translation

DIGIT_STYLES = ("arabic", "thai")
_web_digits: ContextVar[str] = ContextVar("prongsai_web_digits", default="arabic")


def web_digits() -> str:
    if (translation.get_language() or "").split("-")[0] == "en":
        return "arabic"
    return _web_digits.get()


def agency_digits() -> str:
    """The agency's own style, whatever the language: for a caller that has just asked the language itself
    (asking it costs some microseconds, and a page writes dozens of dates)."""
    return _web_digits.get()


def digits_set(style: str):
    """Set the style for what follows; returns the token that ``digits_reset`` takes back."""
    return _web_digits.set(style if style in DIGIT_STYLES else "arabic")


def digits_reset(token) -> None:
    _web_digits.reset(token)


@contextmanager
def digits_of_page(style: str):
    token = digits_set(style)
    try:
        yield
    finally:
        digits_reset(token)
