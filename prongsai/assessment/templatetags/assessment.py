"""Small formatting for the dashboard: a score with two places (Thai digits are not used in the back office's
figures, as elsewhere), and the width of a bar."""

from decimal import Decimal

from django import template

from prongsai.assessment.scoring import r2

register = template.Library()


@register.filter
def score(value) -> str:
    if value is None:
        return "–"
    return f"{r2(Decimal(value)):.2f}"


@register.filter
def bar(value, width: int = 300) -> str:
    """The length in SVG units of a 0-100 score on a bar ``width`` long."""
    if value is None:
        return "0"
    return f"{max(Decimal(0), min(Decimal(100), Decimal(value))) * int(width) / 100:.1f}"


@register.filter
def gain(value) -> str:
    return f"+{Decimal(value).quantize(Decimal('0.01')):.2f}"
