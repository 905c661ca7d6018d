"""``{% load eservice %}``: how the e-service pages write a number of working days."""

from django import template
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def working_days(days: int) -> str:
    """ "5 วันทำการ"; in English "1 working day", "5 working days". A filter rather than a
    ``{% blocktranslate count %}`` on each step: that tag costs the tracking page several times more."""
    return ngettext("%(days)s วันทำการ", "%(days)s วันทำการ", days) % {"days": days}
