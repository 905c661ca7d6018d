from django import template

from prongsai.disclosure import providers

register = template.Library()


@register.simple_tag
def agency_links(agency):
    """Public sections of an agency: each app's provider lists its public pages."""
    return providers.public_links(agency)


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template (dicts keyed by dates, for example)."""
    return mapping.get(key) if mapping else None
