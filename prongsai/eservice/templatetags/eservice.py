"""``{% load eservice %}``: how the e-service pages write a number of working days."""

from functools import lru_cache

from django import template
from django.utils.translation import get_language, ngettext

register = template.Library()


@register.filter
def working_days(days: int) -> str:
    """ "5 วันทำการ"; in English "1 working day", "5 working days". A filter rather than a
    ``{% blocktranslate count %}`` on each step: that tag costs the tracking page several times more."""
    return _working_days(get_language(), days)


@lru_cache(maxsize=512)
def _working_days(language: str, days: int) -> str:
    # Once per language and number (a step's days are a few small numbers): the tracking page writes one a step.
    return ngettext("%(days)s วันทำการ", "%(days)s วันทำการ", days) % {"days": days}
