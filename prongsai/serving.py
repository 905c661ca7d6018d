"""The gunicorn worker Prongsai runs (deploy/gunicorn.conf.py, `make serve`, `make bench`): gunicorn's own
sync worker, its loop run on a data-stack chunk of its own so that no request's frames cross a chunk's edge
(prongsai/stack.py says why), after the worker has settled what start-up made (``settle``). Imported by
gunicorn's master: it loads no Django."""

import gc

from gunicorn.workers.sync import SyncWorker as GunicornSyncWorker

from prongsai.stack import on_fresh_stack


class SyncWorker(GunicornSyncWorker):
    def run(self):
        settle()  # the app is loaded (gunicorn's init_process): before the first request
        return on_fresh_stack(super().run)()


def settle() -> None:
    """Load what every worker loads anyway (the translation catalogues, the URL patterns), then move all that
    start-up made out of the garbage collector's sight (``gc.freeze``).

    Why: those objects live as long as the worker, yet each full collection walks all of them again. Under
    load (`make bench`, the tracking page at 64 connections) a worker ran two full collections of 110-130 ms
    in 17 s; every request queued behind one waited that long, and they were the page's slowest hundredth.
    Frozen, a full collection took 12-30 ms and the page's p99 fell from 137 to 86 ms (892 -> 957/s).
    Python's documentation advises it for a pre-fork server; here each worker loads the app itself
    (preload_app off), so each freezes its own start-up. Done by the worker, not on importing the WSGI
    module: a process that merely imports it (a test, a script) keeps its collector as it was.
    """
    from django.conf import settings
    from django.urls import get_resolver
    from django.utils import translation

    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("โปร่งใส")
    get_resolver().url_patterns  # noqa: B018 (imports every app's urls module)
    gc.collect()
    gc.freeze()
