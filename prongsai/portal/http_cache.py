"""Public pages: ETag and Last-Modified from the agency's public stamp, 304 for what the reader already has,
and a page cache that a publication empties.

Why not Django's ``cache_page`` or its cache middleware: they key a page by its address and a timeout, so a
publication shows only when the timeout runs out, and they cannot be emptied per agency. Here the key holds
the agency's public stamp (``agencies/public_stamp.py``), which every announced public change moves on when it
commits; the old pages are simply never read again (and expire). The conditional logic itself is Django's
(``get_conditional_response``).

What is never kept: anything for a signed-in person or a reader in the middle of something (a session or a
pending message), any response that sets a cookie (a form's CSRF token), anything but a 200, and pages
outside an agency's public site. A page may also change with time alone (a news post scheduled for ten
o'clock, an activity that became overdue at midnight), so the key and the ETag hold the current period of
``PRONGSAI_PAGE_CACHE_SECONDS`` (five minutes): such a change shows within one period. The release is in the
key too, so an upgrade shows at once.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from prongsai.agencies import replicas
from prongsai.agencies.models import RESERVED_SLUGS
from prongsai.agencies.public_stamp import RELEASE, LocalLRU, database_stamp, stamp_of

MAX_BODY = 2 * 1024 * 1024  # a bigger download is built again rather than pushed out of the cache
MAX_QUERY = 256
LANGUAGES = frozenset(code for code, _name in settings.LANGUAGES)
# The pages most asked for are also kept in each process (a few megabytes at most): a hit then reads no cache
# server at all. Safe because the key holds the agency's stamp: a publication makes new keys, and the old
# entries are pushed out by the new ones.
LOCAL_PAGES = 64
LOCAL_MAX_BODY = 256 * 1024
_local = LocalLRU(LOCAL_PAGES, LOCAL_PAGES * LOCAL_MAX_BODY, max_item=LOCAL_MAX_BODY)


def _local_put(key: str, value: tuple) -> None:
    # The key holds the period: an entry is never read after it anyway.
    _local.put(key, value, conf().seconds, len(value[2]))


def forget_local() -> None:
    _local.clear()


# Headers that belong to one response, not to the page.
UNSHARED = frozenset({"set-cookie", "date", "x-cache"})


@dataclass(frozen=True)
class _Conf:
    """The settings this middleware reads on every public request, read once (and again when a test
    changes one): each read of ``django.conf.settings`` goes through its lazy wrapper, and a 304 is cheap
    enough for half a dozen of them to show in `make bench`."""

    enabled: bool
    seconds: int
    session_cookie: str
    language_cookie: str
    language: str
    cache_control: str


_conf: list[_Conf] = []


def conf() -> _Conf:
    if not _conf:
        max_age = settings.PRONGSAI_PUBLIC_MAX_AGE
        _conf.append(
            _Conf(
                enabled=settings.PRONGSAI_PAGE_CACHE,
                seconds=settings.PRONGSAI_PAGE_CACHE_SECONDS,
                session_cookie=settings.SESSION_COOKIE_NAME,
                language_cookie=settings.LANGUAGE_COOKIE_NAME,
                language=settings.LANGUAGE_CODE,
                # no-cache: a browser or a CDN may keep the page but asks again each time (a 304 costs
                # nearly nothing), so a publication shows at once; a deployment that accepts some delay
                # sets a max-age.
                cache_control=f"public, max-age={max_age}" if max_age else "public, no-cache",
            )
        )
    return _conf[0]


@receiver(setting_changed)
def _settings_changed(**kwargs) -> None:
    _conf.clear()


@lru_cache(maxsize=64)
def _http_date(seconds: int) -> str:
    return http_date(seconds)  # the same few values all period long; formatting one is not free


def _plan(request):
    """(key, etag, last_modified) of a public page that may be answered from what was kept, or None."""
    c = conf()
    if not c.enabled or request.method not in ("GET", "HEAD"):
        return None
    cookies = request.COOKIES
    if c.session_cookie in cookies or "messages" in cookies:
        return None
    query = request.META.get("QUERY_STRING", "")
    if len(query) > MAX_QUERY:
        return None
    path = request.path_info
    slug = path.split("/", 2)[1] if path.count("/") >= 2 else ""
    if not slug or slug in RESERVED_SLUGS:
        return None
    stamp = stamp_of(slug)
    if stamp is None:
        return None
    started = int(time.time()) // c.seconds * c.seconds
    # The language as portal.middleware.LanguageMiddleware will choose it (that one runs later, on a miss).
    language = cookies.get(c.language_cookie)
    if language not in LANGUAGES:
        language = c.language
    page = hashlib.sha256(f"{path}?{query}".encode()).hexdigest()[:32]
    key = f"page:{stamp['id']}:{stamp['changed']}:{stamp['deployment']}:{language}:{started}:{RELEASE}:{page}"
    etag = '"' + hashlib.sha256(key.encode()).hexdigest()[:27] + '"'
    return key, etag, int(max(stamp["changed"], started)), stamp


def _storable(response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "")
    if any(word in control for word in ("private", "no-store", "no-cache")):
        return False
    return len(response.content) <= MAX_BODY


def _mark(response, etag: str, last_modified: int) -> None:
    response["ETag"] = etag
    response["Last-Modified"] = _http_date(last_modified)
    response["Cache-Control"] = conf().cache_control
    patch_vary_headers(response, ("Cookie",))  # the language is in a cookie


def _not_modified(request, etag: str, last_modified: int):
    """The 304, or None. The usual question (a browser or a CDN sending back exactly the ETag it was given,
    nothing else conditional) is answered here without parsing; every other form goes to Django's
    ``get_conditional_response``, which implements the whole of RFC 9110's precedence."""
    meta = request.META
    if (
        meta.get("HTTP_IF_NONE_MATCH") == etag
        and "HTTP_IF_MATCH" not in meta
        and "HTTP_IF_UNMODIFIED_SINCE" not in meta
    ):
        response = HttpResponseNotModified()
        response["ETag"] = etag
        response["Last-Modified"] = _http_date(last_modified)
        response["Cache-Control"] = conf().cache_control
        response["Vary"] = "Cookie"
        return response
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is not None:
        _mark(response, etag, last_modified)
    return response


class PublicPageCacheMiddleware:
    """Placed as far out as it may be (only the client's address, the host name and the scrubbing of private
    pages come first), so that a hit or a 304 skips the rest of the stack: what the inner middleware add to a
    page (security headers, CSP, the language) is kept with it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        plan = _plan(request)
        if plan is None:
            return self.get_response(request)
        key, etag, last_modified, stamp = plan
        not_modified = _not_modified(request, etag, last_modified)
        if not_modified is not None:
            return not_modified
        kept = _local.get(key)
        if kept is None:
            kept = cache.get(key)
            if kept is not None:
                _local_put(key, kept)
        if kept is not None:
            status, headers, content = kept
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _storable(response) and self._current(request, stamp):
            _mark(response, etag, last_modified)
            headers = [(n, v) for n, v in response.items() if n.lower() not in UNSHARED]
            kept = (response.status_code, headers, response.content)
            cache.set(key, kept, conf().seconds)
            _local_put(key, kept)
            response["X-Cache"] = "miss"
        return response

    @staticmethod
    def _current(request, stamp: dict) -> bool:
        """Read from a replica, the page may predate the change the stamp announces: keep it only when the
        replica has that change too (one query on a miss, none without replicas)."""
        if not replicas.reads_from_replica(request):
            return True
        return database_stamp(stamp["id"], using=replicas.REPLICA) == stamp["changed"]
