"""Thai conventions for Prongsai: Buddhist-era dates, Thai digits, baht, the fiscal year, working days.

Everything public can be imported from here (``from prongsai.thai import parse_be_date``) or from its module.
The names are loaded on first use, so Django's start-up does not pay for importing pythainlp.
"""

import importlib

_HOMES = {
    "digits": ("to_thai_digits", "to_arabic_digits"),
    "dates": (
        "ThaiDateError",
        "parse_be_date",
        "find_be_date",
        "format_be_date",
        "be_year",
        "thai_month_name",
    ),
    "fiscal": ("fiscal_year", "fiscal_year_bounds", "fiscal_year_months", "first_half_months"),
    "money": ("MoneyError", "parse_baht", "format_baht", "baht_text"),
    "workdays": ("is_working_day", "add_working_days", "working_days_between"),
}
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}
__all__ = sorted(_MODULE_OF)


def __getattr__(name: str):
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_MODULE_OF[name]}"), name)
