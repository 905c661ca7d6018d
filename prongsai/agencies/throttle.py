"""Slowing down guessing and flooding on public forms, without storing who the client is.

The client is a keyed hash of its address and the current window (HMAC with the secret key): the counter
lives in the cache only for the window and cannot be turned back into an address, so nothing personal is
kept (DESIGN.md: a whistleblower's IP address is never stored, not even in a rate limiter).
"""

from __future__ import annotations

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache


def client_key(request, scope: str, *, window: int) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    slot = int(time.time() // window)
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{scope}|{address}|{slot}".encode(), hashlib.sha256)
    return f"throttle:{scope}:{digest.hexdigest()[:32]}"


def hit(request, scope: str, *, limit: int, window: int = 600) -> bool:
    """Count one attempt; True while the client is within ``limit`` attempts in the window."""
    key = client_key(request, scope, window=window)
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        count = 1
    return count <= limit


def blocked(request, scope: str, *, limit: int, window: int = 600) -> bool:
    """Whether the client has used up its attempts, without counting one."""
    return (cache.get(client_key(request, scope, window=window)) or 0) >= limit


def _account_key(username: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), f"login|{username.casefold()}".encode(), hashlib.sha256)
    return f"throttle:login:{digest.hexdigest()[:32]}"


def account_failures(username: str) -> int:
    return cache.get(_account_key(username)) or 0


def account_failed(username: str, *, window: int = 3600) -> None:
    """One more wrong password for this account, from any address (kept for ``window`` seconds)."""
    key = _account_key(username)
    if not cache.add(key, 1, timeout=window):
        try:
            cache.incr(key)
        except ValueError:
            cache.add(key, 1, timeout=window)


def reset_at(*, window: int = 600) -> float:
    """When the current window ends (a Unix time): the moment a blocked client may try again."""
    return (int(time.time() // window) + 1) * window
