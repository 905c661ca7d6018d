"""An agency's public site on its own host name: ``https://pathumwan.example/`` serves ``/pathumwan/``.

A request whose Host is an agency's ``host`` has the agency's slug put in front of its path, so the home
page and every public page answer without the slug; an address that already starts with the slug (every
link the site writes) and the site's own first segments (``static``, ``staff``, ``api``, ``track``, ... : the
reserved slugs) are left as they are. The host must also be in ``DJANGO_ALLOWED_HOSTS``: ``get_host()``
refuses any other before this looks at it.

The map of hosts is read at most every ``TTL`` seconds per process, so an ordinary request costs no query.
"""

from __future__ import annotations

import time

from prongsai.agencies.models import RESERVED_SLUGS, Agency

TTL = 30.0
# First segments that are not agencies' pages even though they are not reserved slugs (files at the root).
ROOT_FILES = frozenset({"audit-heads.json", "favicon.ico", "robots.txt"})
_cache: dict = {"at": 0.0, "hosts": {}}


def hosts_map() -> dict[str, str]:
    """host name -> agency slug, for active agencies with a host."""
    now = time.monotonic()
    if now - _cache["at"] > TTL:
        _cache["hosts"] = {
            host.lower(): slug
            for host, slug in Agency.objects.active().exclude(host="").values_list("host", "slug")
        }
        _cache["at"] = now
    return _cache["hosts"]


def hosts_forget() -> None:
    """Read the map again on the next request (after an agency's host changed; the tests)."""
    _cache["at"] = 0.0


def rewritten(path: str, slug: str) -> str | None:
    """The path with the agency's slug in front, or None when it stays as it is."""
    first = path.lstrip("/").split("/", 1)[0]
    if first == slug or first in RESERVED_SLUGS or first in ROOT_FILES:
        return None
    return f"/{slug}{path if path.startswith('/') else '/' + path}"


class AgencyHostMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        first = request.path_info.lstrip("/").split("/", 1)[0]
        if first in RESERVED_SLUGS or first in ROOT_FILES:
            # never rewritten: the site's own pages (and /healthz) need not read the map of hosts
            return self.get_response(request)
        hosts = hosts_map()
        if hosts:
            host = request.get_host().rsplit(":", 1)[0].lower()
            slug = hosts.get(host)
            if slug:
                new = rewritten(request.path_info, slug)
                if new is not None:
                    request.path_info = new
                    request.path = f"{request.META.get('SCRIPT_NAME', '').rstrip('/')}{new}"
        return self.get_response(request)
