"""The static files' storage: whitenoise's hashed and compressed names, each page's lookups kept in the process.

``{% static %}`` asks the storage for a name's hashed address on every page (the layout asks two or three):
some 25 µs each here, for an answer that cannot change until the next collectstatic, which comes with a
restart (the manifest is read once, when the process starts)."""

from functools import lru_cache

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._kept_url = lru_cache(maxsize=1024)(super().url)

    def url(self, name, force=False):
        return super().url(name, force) if force else self._kept_url(name)
