"""When an agency's public data last changed, kept where every app server sees it (Django's cache).

The public pages' ETag and Last-Modified and the page cache's keys come from this stamp
(``portal/http_cache.py``); the database's ``Agency.public_changed_at`` is the truth, the cache only saves the
query. What moves it on, when the change commits:
- every announced public change (``signals.announce_public_change``, called by the services that publish);
- any edit of the agency's own record or of its departments (on every one of its pages);
- any change made in Django's admin, which goes round the services: that moves a deployment-wide stamp, kept
  in the cache only (lost, it is replaced by a new one, which can only empty the page cache, never keep a
  stale page).
"""

from __future__ import annotations

import secrets
import time

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from .models import Agency

TIMEOUT = 24 * 60 * 60
DEPLOYMENT_KEY = "public-stamp:deployment"
# A cache inside each process (local memory: `make run`, the tests) does not see another process's change:
# there the stamp is read from the database again every few seconds. Production uses a shared cache (Redis;
# `prongsai check --deploy` warns otherwise).
LOCAL_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)
LOCAL_TIMEOUT = 2


def shared_cache() -> bool:
    from django.conf import settings

    return settings.CACHES["default"]["BACKEND"] not in LOCAL_CACHES


def _timeout() -> int:
    return TIMEOUT if shared_cache() else LOCAL_TIMEOUT


def _key(slug: str) -> str:
    return f"public-stamp:{slug}"


def _changed(row: dict) -> float:
    return (row["public_changed_at"] or row["created_at"]).timestamp()


# Each process also remembers a stamp for one second: a public page served from the cache then costs one
# cache read (the page) instead of two. Another process's publication shows at most a second later; this
# process's own changes forget it at once (stamp_changed, deployment_changed).
MEMO_SECONDS = 1.0
_memo: dict[str, tuple[float, dict]] = {}


def forget_remembered() -> None:
    _memo.clear()


def stamp_of(slug: str) -> dict | None:
    """``{"id": agency id, "changed": POSIX time, "deployment": token}`` of an active agency, or None."""
    now = time.monotonic()
    remembered = _memo.get(slug)
    if remembered is not None and remembered[0] > now:
        return remembered[1]
    stamp = _stamp_of(slug)
    if stamp is not None:
        _memo[slug] = (now + MEMO_SECONDS, stamp)
    return stamp


def _stamp_of(slug: str) -> dict | None:
    kept = cache.get_many([_key(slug), DEPLOYMENT_KEY])
    value = kept.get(_key(slug))
    if value is None:
        row = (
            # From the primary: a lagging replica would put an old stamp in the shared cache for a day.
            Agency.objects.using("default")
            .filter(slug=slug, is_active=True)
            .values("id", "public_changed_at", "created_at")
            .first()
        )
        if row is None:
            return None
        value = {"id": row["id"], "changed": _changed(row)}
        # add, not set: a reader that fetched the row just before a change committed must not put the old
        # stamp back over the new one that the change's own commit has set.
        cache.add(_key(slug), value, _timeout())
    deployment = kept.get(DEPLOYMENT_KEY)
    if deployment is None:
        cache.add(DEPLOYMENT_KEY, secrets.token_hex(4), None)
        deployment = cache.get(DEPLOYMENT_KEY)
    return {**value, "deployment": deployment}


def database_stamp(agency_id: int, using: str = "default") -> float | None:
    """The stamp as one database has it (a replica may not have caught up yet)."""
    row = Agency.objects.using(using).filter(pk=agency_id).values("public_changed_at", "created_at").first()
    return _changed(row) if row else None


def stamp_changed(agency: Agency) -> None:
    """Record now as the agency's public change, in the database at once and in the cache on commit."""
    now = timezone.now()
    Agency.objects.filter(pk=agency.pk).update(public_changed_at=now)
    value = {"id": agency.pk, "changed": now.timestamp()}
    # Dropped at once, so that this very transaction (and a test inside one) reads the new stamp; set again on
    # commit, over whatever a reader put back from the database while the change was not committed yet.
    cache.delete(_key(agency.slug))
    _memo.clear()
    transaction.on_commit(lambda: (forget_remembered(), cache.set(_key(agency.slug), value, _timeout())))


def deployment_changed() -> None:
    _memo.clear()
    cache.set(DEPLOYMENT_KEY, secrets.token_hex(4), None)
    transaction.on_commit(
        lambda: (forget_remembered(), cache.set(DEPLOYMENT_KEY, secrets.token_hex(4), None))
    )


def agency_saved(sender, instance: Agency, raw: bool = False, **kwargs) -> None:
    if not raw:  # loaddata: the fixture's rows as they are
        stamp_changed(instance)


def department_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw and instance.agency_id:
        stamp_changed(instance.agency)


def admin_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:
        deployment_changed()


def cached_many(agency: Agency, builders: dict[str, object], timeout: int | None = None) -> dict[str, object]:
    """``{name: builder()}`` for this agency and language, each kept until the agency's next public change
    (or ``PRONGSAI_PAGE_CACHE_SECONDS``, for what changes with time alone). One cache read for them all."""
    from django.conf import settings
    from django.utils.translation import get_language

    stamp = stamp_of(agency.slug) or {"changed": 0, "deployment": ""}
    prefix = f"derived:{agency.pk}:{stamp['changed']}:{stamp['deployment']}:{get_language()}:"
    kept = cache.get_many([prefix + name for name in builders])
    out, missing = {}, {}
    for name, build in builders.items():
        if prefix + name in kept:
            out[name] = kept[prefix + name]
        else:
            out[name] = missing[prefix + name] = build()
    if missing:
        cache.set_many(missing, timeout or settings.PRONGSAI_PAGE_CACHE_SECONDS)
    return out
