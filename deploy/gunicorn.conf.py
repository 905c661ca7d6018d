"""gunicorn's settings for Prongsai: `gunicorn --config deploy/gunicorn.conf.py prongsai.wsgi`.

The defaults suit a machine of its own behind nginx; the environment overrides them (GUNICORN_BIND,
GUNICORN_WORKERS, GUNICORN_TIMEOUT), and so does gunicorn's own GUNICORN_CMD_ARGS.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Sync workers: the application is synchronous Django, and its slow work is CPU, not waiting (WeasyPrint's
# PDFs, pythainlp's word breaking, spreadsheets), so green threads or async workers would gain nothing and a
# CPU-bound request would stall every request sharing its loop. nginx in front buffers whole requests and
# responses, so a slow client never holds a sync worker.
# gunicorn's sync worker, its loop on a data-stack chunk of its own (prongsai/stack.py says why).
worker_class = "prongsai.serving.SyncWorker"
# (2 × cores) + 1, gunicorn's rule for sync workers: while one worker waits for the database another
# computes. Each worker holds its own database connection (or pool), so PostgreSQL's max_connections must
# exceed workers × machines plus the task workers.
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1))

# The slowest legitimate requests (a long plan as PDF, a year's export) take seconds; a minute still ends a
# worker that is stuck. nginx's proxy_read_timeout (deploy/nginx.conf) matches it.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30  # on restart, a request in progress may finish
keepalive = 5  # nginx keeps its upstream connections open (keepalive in the upstream block)

# Every worker is replaced after about fifty thousand requests (the jitter keeps them from restarting
# together): whatever a request leaves behind (caches of fonts and dictionaries, fragmentation) cannot grow
# a worker's memory without bound. Not after a thousand: each worker keeps what the public pages read most
# (agencies, catalogues, pages; bounded in count and size, agencies/public_stamp.py), and at the hundreds of
# requests per second of `make bench` a new worker every few seconds would read it all again.
max_requests = 50_000
max_requests_jitter = 5_000

# Not preloaded: `systemctl reload prongsai-web` (SIGHUP) then starts workers on the new code, one by one,
# without dropping a request; memory shared by preloading is small next to what each worker builds.
preload_app = False

# Logs to standard output/error: journald (systemd) or the container runtime keeps them. No access log here:
# nginx keeps it, and leaves it off on the pages whose visitors must not be traceable.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Only nginx's address may tell gunicorn the original scheme (Django reads X-Forwarded-Proto itself:
# SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
