from django import template
from django.apps import apps

register = template.Library()


@register.simple_tag
def agency_links(agency):
    """Public sections of an agency: each app that has public pages lists them in its AppConfig."""
    links = []
    for config in apps.get_app_configs():
        provider = getattr(config, "public_links", None)
        if provider is not None:
            links.extend(provider(agency))
    return links


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template (dicts keyed by dates, for example)."""
    return mapping.get(key) if mapping else None
