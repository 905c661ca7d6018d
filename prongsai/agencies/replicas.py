"""Read-only public traffic goes to a read replica when one is configured (``DATABASE_REPLICA_URL``).

A database router cannot see the request, so a middleware decides per request and tells the router through
a context variable. What goes to the replica: GET and HEAD requests outside the back office, the admin and
the API, from a reader who did not just write something. Everything else, every write and every read inside
a transaction, goes to the primary. A reader who has just written (sent a request, filed a complaint) is
pinned to the primary for a few seconds by a cookie, so the next page shows what they sent even while the
replica catches up.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, transaction

REPLICA = "replica"
PIN_COOKIE = "prongsai_primary"
PIN_SECONDS = 15
PRIVATE_PREFIXES = ("/staff/", "/admin/", "/api/")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_reads_from_replica: ContextVar[bool] = ContextVar("reads_from_replica", default=False)


def enabled() -> bool:
    return bool(settings.PRONGSAI_READ_REPLICA) and REPLICA in settings.DATABASES


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _reads_from_replica.get() and not transaction.get_connection(DEFAULT_DB_ALIAS).in_atomic_block:
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, two copies of it

    def allow_migrate(self, db, app_label, **hints):
        return db == DEFAULT_DB_ALIAS  # the replica follows the primary's schema by replication


def reads_from_replica(request) -> bool:
    """Whether this request's reads go to the replica (the page cache asks too, from further out)."""
    return (
        enabled()
        and request.method in SAFE_METHODS
        and not request.path_info.startswith(PRIVATE_PREFIXES)
        and PIN_COOKIE not in request.COOKIES
    )


class ReplicaReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not enabled():
            return self.get_response(request)
        replica = reads_from_replica(request)
        token = _reads_from_replica.set(replica)
        try:
            response = self.get_response(request)
        finally:
            _reads_from_replica.reset(token)
        if request.method not in SAFE_METHODS:
            response.set_cookie(PIN_COOKIE, "1", max_age=PIN_SECONDS, httponly=True, samesite="Lax")
        return response
