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
