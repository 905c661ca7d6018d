"""What the OIT core itself gives the public read side through the same provider interface as every other
app: its public menu entry, and every public OIT entry (with the text of its file) as a search document."""

from __future__ import annotations

from prongsai.agencies.models import Agency

from .providers import PublicLink
from .selectors import public_oit_links


def public_links(agency: Agency) -> list[PublicLink]:
    return [PublicLink(link["url"], link["label"]) for link in public_oit_links(agency)]
