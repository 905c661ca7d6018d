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

import pickle
import secrets
import time
from collections import OrderedDict
from importlib import metadata

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


def _release() -> str:
    from django.conf import settings

    configured = getattr(settings, "PRONGSAI_RELEASE", "")
    if configured:
        return configured
    try:
        return metadata.version("prongsai")
    except metadata.PackageNotFoundError:  # pragma: no cover - the package is always installed
        return "0"


# Part of every key of what is kept under a stamp (pages and derived values, which hold model instances): an
# upgrade never reads back what an older release kept.
RELEASE = _release()


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


class LocalLRU:
    """Values kept in this process, bounded by count and by weight (bytes), the least recently read pushed
    out first. For what is keyed by a stamp (a change makes new keys, so nothing here is ever stale, only
    unused): a read then costs no cache server round trip and no unpickling. ``functools.lru_cache`` keys by
    arguments, has no expiry and no weight; this one keys by the stamped key and expires entries (what
    changes with time alone)."""

    def __init__(self, size: int, max_bytes: int, max_item: int):
        self.size, self.max_bytes, self.max_item, self.weight = size, max_bytes, max_item, 0
        self._entries: OrderedDict[str, tuple[float, int, object]] = OrderedDict()

    def get(self, key: str, default=None):
        try:
            expires, _weight, value = self._entries[key]
            self._entries.move_to_end(key)
        except KeyError:  # absent, or another thread pushed it out between the two lines
            return default
        if expires < time.monotonic():
            self._drop(key)
            return default
        return value

    def put(self, key: str, value: object, timeout: float, weight: int) -> None:
        if weight > self.max_item:  # one value never takes the room of many
            return
        self._drop(key)
        self._entries[key] = (time.monotonic() + timeout, weight, value)
        self.weight += weight
        while len(self._entries) > self.size or self.weight > self.max_bytes:
            try:
                _key, (_expires, dropped, _value) = self._entries.popitem(last=False)
            except KeyError:  # another thread emptied it first
                break
            self.weight -= dropped

    def _drop(self, key: str) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self.weight -= entry[1]

    def clear(self) -> None:
        self._entries.clear()
        self.weight = 0

    def __len__(self) -> int:
        return len(self._entries)


# What cached_many builds, also kept in each process when the cache is shared (Redis): a tracking page reads
# half a dozen such values, each a round trip and an unpickling otherwise. Bounded by count and by size (a
# value's pickled size; an OIT catalogue's views are the biggest, some hundred kilobytes); the values are
# shared by the requests of the process, so a caller never changes one (they are read-only views).
LOCAL_DERIVED = 8192
LOCAL_DERIVED_BYTES = 32 * 1024 * 1024
LOCAL_DERIVED_SECONDS = 60
_derived = LocalLRU(LOCAL_DERIVED, LOCAL_DERIVED_BYTES, max_item=LOCAL_DERIVED_BYTES // 16)


def forget_remembered() -> None:
    _memo.clear()
    _derived.clear()
    _agencies.clear()


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
    deployment = kept.get(DEPLOYMENT_KEY) or _deployment_token()
    return {**value, "deployment": deployment}


def _deployment_token() -> str:
    deployment = cache.get(DEPLOYMENT_KEY)
    if deployment is None:
        cache.add(DEPLOYMENT_KEY, secrets.token_hex(4), None)
        deployment = cache.get(DEPLOYMENT_KEY)
    return deployment


# The agencies asked for by id (the tracking page finds a request by its code, then its agency), each kept in
# the process with the deployment token of when it was read. Every edit of an agency moves its stamp
# (agency_saved) and every change in the admin moves the token, so a kept agency whose stamp and token still
# stand is its row as it is. The token matters for a slug changed in the admin: the old slug's stamp stays in
# the cache (nothing names it any more), and without the token the old address would go on serving the agency.
_agencies: dict[int, tuple[Agency, str]] = {}
AGENCIES_KEPT = 1024


def active_agency(agency_id: int) -> Agency | None:
    """The active agency with this id (None for an inactive or unknown one), read from the database only when
    its public stamp or the deployment's token moved since this process last read it."""
    kept = _agencies.get(agency_id)
    if kept is not None:
        agency, token = kept
        stamp = stamp_of(agency.slug)
        if (
            stamp is not None
            and stamp["id"] == agency_id
            and stamp["changed"] == _changed_of(agency)
            and stamp["deployment"] == token
        ):
            return agency
    token = _deployment_token()  # read before the row: a change in between makes the pair look old, never new
    agency = Agency.objects.filter(pk=agency_id, is_active=True).first()
    if agency is None:
        _agencies.pop(agency_id, None)
        return None
    if len(_agencies) >= AGENCIES_KEPT:
        _agencies.clear()
    _agencies[agency_id] = (agency, token)
    return agency


def _changed_of(agency: Agency) -> float:
    return (agency.public_changed_at or agency.created_at).timestamp()


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
    prefix = f"derived:{RELEASE}:{agency.pk}:{stamp['changed']}:{stamp['deployment']}:{get_language()}:"
    timeout = timeout or settings.PRONGSAI_PAGE_CACHE_SECONDS
    # In the tests and `make run` the cache is this process's memory already (and a test that empties it
    # expects the values built again).
    local = _derived if shared_cache() else None
    out, wanted = {}, []
    for name in builders:
        value = local.get(prefix + name, _MISSING) if local is not None else _MISSING
        if value is _MISSING:
            wanted.append(name)
        else:
            out[name] = value
    if not wanted:
        return out
    kept = cache.get_many([prefix + name for name in wanted])
    missing = {}
    for name in wanted:
        key = prefix + name
        if key in kept:
            out[name] = kept[key]
        else:
            out[name] = missing[key] = builders[name]()
        if local is not None:
            # A value read from the shared cache may be near its end there: kept here a minute at most, so
            # what changes with time alone shows within the timeout and a minute.
            weight = len(pickle.dumps(out[name], pickle.HIGHEST_PROTOCOL))  # once a minute per key at most
            local.put(key, out[name], min(timeout, LOCAL_DERIVED_SECONDS), weight)
    if missing:
        cache.set_many(missing, timeout)
    return out


_MISSING = object()
