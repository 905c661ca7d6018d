"""Staff sessions: an idle timeout, and no copy of a staff page in any cache."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers


class StaffSessionMiddleware:
    """A signed-in person who has done nothing for ``SESSION_IDLE_SECONDS`` is signed out at the next request
    (the absolute lifetime is ``SESSION_COOKIE_AGE``); one who must give a second-step code (twofactor.py)
    reaches no back-office or admin page before giving it. Every response to a signed-in person, and every back
    office and admin page, is ``no-store``: it may show a secret (a new API token) or personal data, and a
    shared office PC's browser or a proxy must not keep it."""

    PRIVATE_PREFIXES = ("/staff/", "/admin/", "/api/")
    # Reachable before the second step: signing in and out, the second step itself, a forgotten password.
    OPEN = (
        "/staff/login/",
        "/staff/logout/",
        "/staff/2fa/",
        "/staff/password-reset/",
        "/admin/login/",
        "/admin/logout/",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Without a session cookie nobody is signed in: the lazy user is left unevaluated (evaluating it
        # reads the session and runs the second-step check, the costliest step of a public page's stack).
        user = getattr(request, "user", None) if settings.SESSION_COOKIE_NAME in request.COOKIES else None
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last = request.session.get("last_seen")
            if last is not None and now - last > settings.SESSION_IDLE_SECONDS:
                logout(request)
                if not request.path.startswith("/api/"):
                    return redirect(f"{settings.LOGIN_URL_PATH}?next={request.path}&idle=1")
            else:
                # Written at most once a minute: no session save on every request.
                if last is None or now - last > 60:
                    request.session["last_seen"] = now
            if request.path.startswith(("/staff/", "/admin/")) and not request.path.startswith(self.OPEN):
                from . import twofactor

                if twofactor.needs_code(request):
                    from django_otp import user_has_device

                    step = (
                        "staff:twofactor_verify"
                        if user_has_device(user, confirmed=True)
                        else "staff:twofactor_setup"
                    )
                    return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
        response = self.get_response(request)
        if (user is not None and user.is_authenticated) or request.path.startswith(self.PRIVATE_PREFIXES):
            add_never_cache_headers(response)
            response["Cache-Control"] = "no-store, private, max-age=0"
        return response


def session_started(sender, request, user, **kwargs) -> None:
    """Sign-in starts the idle clock in the session being saved anyway, so the next request writes nothing."""
    if request is not None and hasattr(request, "session"):
        from . import twofactor

        request.session["last_seen"] = int(time.time())
        twofactor.enrolled_at_login(request, user)


class AtomicWritesMiddleware:
    """Every request that may write (POST, PUT, PATCH, DELETE) runs its view in one transaction, as Django's
    ``ATOMIC_REQUESTS`` would; reads run without one.

    ``ATOMIC_REQUESTS`` wraps reads too, and on SQLite (``BEGIN IMMEDIATE``) that takes the write lock for
    every page view, so readers queue behind each other (issue 17 measured a trivial view at 850 requests/s
    with it and 3,155 without); on PostgreSQL it costs a BEGIN and a COMMIT per page. Must come last among the
    middleware with ``process_view``: it calls the view itself. A view marked
    ``transaction.non_atomic_requests`` is left alone, as Django would."""

    SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from django.db import DEFAULT_DB_ALIAS, transaction

        if request.method in self.SAFE_METHODS:
            return None
        if DEFAULT_DB_ALIAS in getattr(view_func, "_non_atomic_requests", set()):
            return None
        with transaction.atomic():
            response = view_func(request, *view_args, **view_kwargs)
            # A template response renders later, outside this block: render it here so that what it reads
            # (and, rarely, writes) belongs to the same transaction.
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            return response


class TrustedProxyMiddleware:
    """Behind nginx every request comes from nginx's own address: the client's is in ``X-Forwarded-For``.

    Taken from there only when the request comes from a proxy of ``PRONGSAI_TRUSTED_PROXIES`` (nginx on the
    same machine by default in production), and only the last address that proxy added, never one a client
    wrote in the header itself. Without it the sign-in lock-out and the public forms' throttles would count
    every visitor as one. First in MIDDLEWARE, so that the scrubbing of private pages replaces this address.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.trusted = frozenset(settings.PRONGSAI_TRUSTED_PROXIES)

    def __call__(self, request):
        meta = request.META
        if self.trusted and meta.get("REMOTE_ADDR") in self.trusted:
            forwarded = [
                part.strip() for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
            ]
            # Right to left: the addresses our own proxies added, then the first one they received.
            while forwarded and forwarded[-1] in self.trusted:
                forwarded.pop()
            if forwarded:
                meta["REMOTE_ADDR"] = forwarded[-1]
        return self.get_response(request)
