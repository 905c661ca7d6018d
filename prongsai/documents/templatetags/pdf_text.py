"""Template filters for HTML that becomes PDF."""

from django import template

from prongsai.documents.wrapping import thai_wrap_html

register = template.Library()


@register.filter
def thai_wrap(value):
    """Escape ``value`` and let its lines break between Thai words only: ``{{ activity.title|thai_wrap }}``.

    Only for templates rendered by ``html_to_pdf``, whose stylesheet keeps each marked word whole."""
    return thai_wrap_html("" if value is None else value)
