"""The requests of people who must not be traceable (whistleblowers, survey respondents) lose their address,
browser and referer before anything else sees them.

An app names its private pages in its AppConfig, ``private_paths = [r"^/report/", ...]`` (integrity: the
complaint, feedback and question pages; assessment: the surveys). On those paths the client address in
``request.META`` is replaced by a keyed hash of it that changes every day (so the throttle still tells
clients apart for a while), and the user agent, referer and forwarding headers are removed. Everything
downstream (the views, Django's request and security logging, error reports, axes) works on the scrubbed
request, so no log line or error e-mail of ours can hold them. The web server in front keeps its own access
log: the deployment notes (README) say to switch it off for these paths.

First in ``MIDDLEWARE``, so that no other middleware sees the original values.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time
from functools import cache

from django.apps import apps
from django.conf import settings

SCRUBBED_HEADERS = (
    "HTTP_USER_AGENT",
    "HTTP_REFERER",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
)


def pseudonym(address: str) -> str:
    day = int(time.time() // 86400)
    digest = hmac.new(settings.SECRET_KEY.encode(), f"client|{address}|{day}".encode(), hashlib.sha256)
    return "anon-" + digest.hexdigest()[:24]


@cache
def private_paths() -> re.Pattern | None:
    patterns = [p for config in apps.get_app_configs() for p in getattr(config, "private_paths", ())]
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


class ScrubPrivateClientMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        pattern = private_paths()
        if pattern is not None and pattern.match(request.path_info):
            meta = request.META
            meta["REMOTE_ADDR"] = pseudonym(meta.get("REMOTE_ADDR", ""))
            for header in SCRUBBED_HEADERS:
                meta.pop(header, None)
            request.client_scrubbed = True
        return self.get_response(request)
