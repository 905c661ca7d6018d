"""The gunicorn worker Prongsai runs (deploy/gunicorn.conf.py, `make serve`, `make bench`): gunicorn's own
sync worker, its loop run on a data-stack chunk of its own so that no request's frames cross a chunk's edge
(prongsai/stack.py says why). Imported by gunicorn's master: it loads no Django."""

from gunicorn.workers.sync import SyncWorker as GunicornSyncWorker

from prongsai.stack import on_fresh_stack


class SyncWorker(GunicornSyncWorker):
    def run(self):
        return on_fresh_stack(super().run)()
