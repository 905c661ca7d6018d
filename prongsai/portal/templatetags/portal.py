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


@register.simple_tag
def item_infographic(agency, item) -> bool:
    """Whether an OIT item has an infographic now (the portal draws them from the providers' data)."""
    from prongsai.portal import infographics

    return infographics.available(agency, item)
