"""The repeated parts of the busiest pages, rendered by Jinja2 inside a Django page.

Django's template engine costs some 4-7 µs a value written (a lookup tried as a dict key, then as an attribute,
localisation, escaping through lazy-string checks); the OIT index writes about 400 of them, and its list took
three quarters of the page's time (issue 17's benchmark). Jinja2 compiles a template to Python and escapes
with markupsafe's C code: the same list, from the same plain values, renders some eight times faster.

So a page stays a Django template (its layout, blocks, translations and tags), and only a part that repeats
(the OIT index's list, a request's timeline, the agency's menu) goes to a fragment:
``{% load portal %}{% fragment "disclosure/index_items.html" groups=groups %}``. A fragment gets only the
values named in the tag, as plain dicts and strings worked out by the app's selectors, and holds no text to
translate (the page or the selector passes its words in), so ``makemessages`` misses nothing. Templates live
in each app's ``jinja2/`` folder; a missing value is an error, not an empty string.
"""

from __future__ import annotations

import jinja2
from django.template import engines
from django.utils.safestring import SafeString


def environment(**options) -> jinja2.Environment:
    # Django's backend asks for autoescaping already; said here too, so no setting can turn it off.
    options.pop("autoescape", None)
    options["undefined"] = jinja2.StrictUndefined
    return jinja2.Environment(autoescape=True, **options)


def render_fragment(name: str, values: dict) -> SafeString:
    # Jinja2 escaped every value it wrote: the result is safe HTML for the Django page around it.
    return SafeString(engines["fragments"].get_template(name).render(values))
