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
def agency_nav_links(agency):
    """The menu of every page of an agency's site: its home, each module's public sections, its search. Plain
    dicts with their addresses worked out once, kept like ``agency_links`` (the menu is on every public page:
    two reverses and two translations a page otherwise)."""
    from django.urls import reverse
    from django.utils.translation import gettext

    from prongsai.portal.public_cache import cached

    def build():
        home = {
            "url": reverse("portal:agency_home", kwargs={"agency": agency.slug}),
            "label": gettext("หน้าแรก"),
        }
        links = [{"url": link.url, "label": str(link.label)} for link in agency_links(agency)]
        search = {"url": reverse("agency_search", kwargs={"agency": agency.slug}), "label": gettext("ค้นหา")}
        return [home, *links, search]

    return cached(agency, "nav-links", build)


@register.simple_tag
def agency_nav(agency):
    """The menu's list on every page of an agency, written by Jinja2 (portal/fragments.py): in Django's engine
    its dozen links cost a tenth of a page's layout."""
    from prongsai.portal.fragments import render_fragment

    return render_fragment("portal/agency_nav.html", {"links": agency_nav_links(agency)})


@register.simple_tag
def agency_home_url(agency):
    """The agency's home, for the brand in the header: the menu's first link (kept with it, not reversed)."""
    return agency_nav_links(agency)[0]["url"]


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
