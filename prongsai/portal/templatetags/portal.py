from django import template

from prongsai.disclosure import providers

register = template.Library()


@register.simple_tag
def agency_links(agency):
    """Public sections of an agency: each app's provider lists its public pages (on every public page, so
    kept in the cache until the agency's public data changes)."""
    from prongsai.portal.public_cache import cached

    return cached(agency, "links", lambda: providers.public_links(agency))


@register.simple_tag
def fragment(name, **values):
    """A long list rendered by Jinja2 from the values named here (portal/fragments.py says why)."""
    from prongsai.portal.fragments import render_fragment

    return render_fragment(name, values)


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template (dicts keyed by dates, for example)."""
    return mapping.get(key) if mapping else None


@register.simple_tag
def item_infographic(agency, item) -> bool:
    """Whether an OIT item has an infographic now (the portal draws them from the providers' data)."""
    from prongsai.agencies.public_stamp import cached_many
    from prongsai.portal import infographics

    # Kept like the item's own view (disclosure.selectors.public_item_views): finding out means building the
    # sheet's whole context, which reads several modules.
    key = f"infographic-available:{item.pk}"
    return cached_many(agency, {key: lambda: infographics.available(agency, item)})[key]
