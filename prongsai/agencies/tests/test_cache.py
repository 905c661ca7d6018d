"""The Redis cache of production (agencies/cache.py), against the machine's Redis."""

import os
import subprocess
import sys

import pytest

from prongsai.agencies.cache import RedisCache

URL = "redis://127.0.0.1:6379/7"


@pytest.fixture
def redis_cache():
    cache = RedisCache(URL, {"KEY_PREFIX": "prongsai-test"})
    try:
        cache.clear()
    except Exception as exc:  # said plainly rather than as a connection traceback
        pytest.fail(f"Redis is not answering on {URL}: {exc}")
    yield cache
    cache.clear()


def test_a_redis_cache_url_gets_the_shared_client_backend():
    env = {**os.environ, "CACHE_URL": URL, "DJANGO_SETTINGS_MODULE": "prongsai.settings"}
    code = "import django; django.setup(); from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "prongsai.agencies.cache.RedisCache"


def test_every_operation_works_through_one_client_per_pool(redis_cache):
    redis_cache.set("page", ("200", [("Content-Type", "text/html")], "สวัสดี".encode()), 30)
    assert redis_cache.get("page")[2].decode() == "สวัสดี"
    assert redis_cache.add("counter", 1, 30) and not redis_cache.add("counter", 5, 30)
    assert redis_cache.incr("counter") == 2
    redis_cache.set_many({"a": 1, "b": [2]}, 30)
    assert redis_cache.get_many(["a", "b", "missing"]) == {"a": 1, "b": [2]}
    redis_cache.delete("a")
    assert redis_cache.get("a") is None
    client = redis_cache._cache
    assert client.get_client() is client.get_client() is client.get_client(write=True)


# --- what each process keeps of the shared cache ------------------------------------------------------


def test_the_local_store_is_bounded_by_count_and_weight_and_forgets_the_least_recently_read():
    from prongsai.agencies.public_stamp import LocalLRU

    kept = LocalLRU(3, max_bytes=100, max_item=60)
    for key in "abc":
        kept.put(key, key.upper(), 60, weight=10)
    assert kept.get("a") == "A"  # read: now the most recent
    kept.put("d", "D", 60, weight=10)  # a fourth by count: b goes, the least recently read
    assert [kept.get(k) for k in "abcd"] == ["A", None, "C", "D"]
    kept.put("big", "x", 60, weight=55)  # by weight: 10 + 10 + 10 + 55 > 100
    assert len(kept) <= 3 and kept.weight <= 100 and kept.get("big") == "x"
    kept.put("huge", "y", 60, weight=61)  # more than one value may take: never kept
    assert kept.get("huge") is None
    kept.put("now", "z", 0, weight=1)  # what changes with time alone expires
    assert kept.get("now", "gone") == "gone"
    kept.clear()
    assert len(kept) == 0 and kept.weight == 0


@pytest.fixture
def shared(settings, redis_cache, db):
    settings.CACHES = {
        "default": {
            "BACKEND": "prongsai.agencies.cache.RedisCache",
            "LOCATION": URL,
            "KEY_PREFIX": "prongsai-test",
        }
    }
    from prongsai.agencies.public_stamp import forget_remembered

    forget_remembered()
    yield
    forget_remembered()


def test_with_a_shared_cache_each_process_keeps_what_it_read_until_the_agency_changes(shared):
    from django.core.cache import cache

    from prongsai.agencies.public_stamp import cached_many, stamp_changed

    from .factories import AgencyFactory

    agency = AgencyFactory(slug="pathumwan")
    built = []

    def build():
        built.append(1)
        return {"holidays": len(built)}

    assert cached_many(agency, {"days": build}) == {"days": {"holidays": 1}}
    cache.clear()  # the cache server forgot it (or is far away): this process still has it
    assert cached_many(agency, {"days": build}) == {"days": {"holidays": 1}} and len(built) == 1
    stamp_changed(agency)  # a publication: new keys, built again
    assert cached_many(agency, {"days": build}) == {"days": {"holidays": 2}}


def test_the_agency_kept_by_id_is_read_again_when_it_changes_and_none_once_closed(
    shared, django_assert_num_queries
):
    from prongsai.agencies.public_stamp import active_agency, stamp_of

    from .factories import AgencyFactory

    agency = AgencyFactory(slug="pathumwan", name="สำนักงานเขตปทุมวัน")
    stamp_of(agency.slug)  # in the cache, as after the commit that made the agency
    assert active_agency(agency.pk).name == "สำนักงานเขตปทุมวัน"
    with django_assert_num_queries(0):
        assert active_agency(agency.pk).name == "สำนักงานเขตปทุมวัน"
    agency.name = "สำนักงานเขตปทุมวัน กรุงเทพมหานคร"
    agency.save()
    assert active_agency(agency.pk).name == "สำนักงานเขตปทุมวัน กรุงเทพมหานคร"
    agency.is_active = False
    agency.save()
    assert active_agency(agency.pk) is None
    assert active_agency(agency.pk + 1000) is None


def test_what_each_process_keeps_is_each_agency_s_own(shared):
    from prongsai.agencies.public_stamp import cached_many

    from .factories import AgencyFactory

    pathumwan, nongchok = AgencyFactory(slug="pathumwan"), AgencyFactory(slug="nongchok")
    assert cached_many(pathumwan, {"years": lambda: [2566]}) == {"years": [2566]}
    assert cached_many(nongchok, {"years": lambda: [2567]}) == {"years": [2567]}  # not pathumwan's
    assert cached_many(pathumwan, {"years": lambda: []}) == {"years": [2566]}


def test_a_slug_changed_in_the_admin_leaves_the_old_address_at_once(client, db):
    # The old slug's stamp stays in the cache (nothing names it any more); the agency this process keeps is
    # read again because the admin's change moves the deployment's token.
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    from .factories import AgencyFactory, UserFactory

    agency = AgencyFactory(slug="pathumwan", name="สำนักงานเขตปทุมวัน")
    assert client.get("/pathumwan/").status_code == 200  # its stamp and the agency are kept from here on
    agency.slug = "pathum-wan"
    agency.save()
    LogEntry.objects.create(  # as Django's admin records the change
        user=UserFactory(username="root", is_staff=True, is_superuser=True),
        content_type=ContentType.objects.get_for_model(agency),
        object_id=str(agency.pk),
        object_repr=str(agency),
        action_flag=CHANGE,
    )
    assert client.get("/pathumwan/").status_code == 404
    assert "สำนักงานเขตปทุมวัน" in client.get("/pathum-wan/").content.decode()
