import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_cache():
    # The throttle and the used proof-of-work challenges live in the cache: each test starts with none.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path
