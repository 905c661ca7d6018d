"""Survey respondents' requests lose their address, browser and referer before anything else sees them.

The same protection as the complaint pages (``integrity/middleware.py``), for ``/<agency>/survey/``: a staff
member answering the IIT must not be findable from Django's request log, an error report or the throttle.
The client address becomes a keyed hash that changes every day (the throttle still tells clients apart for
a while); user agent, referer and forwarding headers are removed. Placed right after the complaint pages'
middleware, before any other.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time

from django.conf import settings

PROTECTED = re.compile(r"^/[a-z][a-z0-9-]*/survey/")
SCRUBBED_HEADERS = (
    "HTTP_USER_AGENT",
    "HTTP_REFERER",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
)


def pseudonym(address: str) -> str:
    day = int(time.time() // 86400)
    digest = hmac.new(settings.SECRET_KEY.encode(), f"respondent|{address}|{day}".encode(), hashlib.sha256)
    return "anon-" + digest.hexdigest()[:24]


class ScrubRespondentMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if PROTECTED.match(request.path_info):
            meta = request.META
            meta["REMOTE_ADDR"] = pseudonym(meta.get("REMOTE_ADDR", ""))
            for header in SCRUBBED_HEADERS:
                meta.pop(header, None)
        return self.get_response(request)
