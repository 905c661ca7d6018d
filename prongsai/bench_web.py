"""`make bench`, the web part: the production server on PostgreSQL with the load-test city, driven by wrk.

What it does, in one run:
1. ensures the database ``prongsai_bench`` (kept between runs): migrated, and loaded by
   ``prongsai loadtest-data`` when the data is missing, was loaded at another scale, or ``BENCH_REBUILD=1``;
2. collects the static files, then starts gunicorn twice on the loopback with the same settings: once for
   the bare floor (``prongsai/bench_floor.py``: one Django view, no middleware, no database) and once for the
   project (DEBUG off, Redis cache in DB 5, ``DJANGO_ENV=production``);
3. drives each address with wrk (-t2 -c64, a warm-up first), uncached and with the page cache warm when the
   project has the switch ``PRONGSAI_PAGE_CACHE``, conditional requests when the pages send an ETag or
   Last-Modified, the tracking page at one connection for its p99, the city dashboard when it exists;
4. prints one table (also written to ``var/bench/latest.md``) and stops every process it started.

Environment: BENCH_SCALE (1 = full scale; 0.01 for a quick run), BENCH_REBUILD=1, BENCH_SECONDS (per
address, default 5), BENCH_WORKERS (default 2), BENCH_PG (server address), BENCH_DATABASE.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from base64 import b64encode
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("BENCH_DATABASE", "prongsai_bench")
SCALE = float(os.environ.get("BENCH_SCALE", "1"))
REBUILD = os.environ.get("BENCH_REBUILD", "") == "1"
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
CONNECTIONS = 64
REDIS_URL = "redis://127.0.0.1:6379/5"  # Redis DB 5 is the benchmark's: flushed before each phase
HOST = "127.0.0.1"
AGENCY = "loadtest-01"
PROCESSES: list[subprocess.Popen] = []


def say(text: str) -> None:
    print(text, flush=True)


# --- the environment of the server and of the commands ----------------------------------------------------


def keys() -> dict[str, str]:
    """The secrets of the benchmark deployment, made once and kept with its data (the complaints are
    sealed with this complaint key: a new key would leave them unreadable)."""
    path = OUT / "keys.json"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        path.write_text(
            json.dumps(
                {
                    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
                    "PRONGSAI_AUDIT_KEY": b64encode(secrets.token_bytes(32)).decode(),
                    "PRONGSAI_COMPLAINT_KEY": b64encode(secrets.token_bytes(32)).decode(),
                }
            )
        )
        path.chmod(0o600)
    return json.loads(path.read_text())


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PRONGSAI_", "DATABASE_URL"))}
    env.update(keys())
    env.update(
        {
            "DJANGO_ENV": "production",  # DEBUG off, the manifest static storage, secure defaults
            "DJANGO_SETTINGS_MODULE": "prongsai.settings",
            "DJANGO_ALLOWED_HOSTS": f"{HOST},localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "0",  # plain HTTP on the loopback; TLS is nginx's in production
            "DATABASE_URL": f"{PG}/{DATABASE}",
            "CACHE_URL": REDIS_URL,
            "PRONGSAI_VAR_DIR": str(OUT / "var"),
            "STATIC_ROOT": str(OUT / "static"),
            "MEDIA_ROOT": str(OUT / "media"),
            "PRONGSAI_OTP_REQUIRED": "0",
            "LOG_LEVEL": "WARNING",
        }
    )
    env.update(extra)
    return env


def prongsai(*args: str, **kwargs) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "prongsai.manage", *args]
    return subprocess.run(command, env=environment(), cwd=ROOT, check=True, **kwargs)


# --- the database ---------------------------------------------------------------------------------------


def _admin(sql: str) -> list[tuple]:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        cursor = conn.execute(sql)
        return cursor.fetchall() if cursor.description else []


def _exists() -> bool:
    return bool(_admin(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'"))  # noqa: S608 (our name)


def ensure_data() -> dict:
    """The loaded database, as its marker file describes it (scale, when, how long loading took)."""
    marker = OUT / "data.json"
    loaded = json.loads(marker.read_text()) if marker.exists() else None
    if (
        loaded
        and not REBUILD
        and _exists()
        and loaded.get("database") == DATABASE
        and loaded.get("scale") == SCALE
    ):
        say(
            f"data: kept {DATABASE} (scale {SCALE}, loaded {loaded['loaded_at']} in {loaded['seconds']:.0f} s)"
        )
        prongsai("migrate", "--noinput", "-v0")
        return loaded
    say(f"data: (re)building {DATABASE} at scale {SCALE}")
    marker.unlink(missing_ok=True)
    if _exists():
        _admin(f'DROP DATABASE "{DATABASE}" WITH (FORCE)')
    _admin(f'CREATE DATABASE "{DATABASE}"')
    began = time.perf_counter()
    prongsai("migrate", "--noinput", "-v0")
    migrated = time.perf_counter() - began
    log = OUT / "loadtest-data.log"
    prongsai("loadtest-data", "--scale", str(SCALE), stdout=None)
    seconds = time.perf_counter() - began - migrated
    loaded = {
        "database": DATABASE,
        "scale": SCALE,
        "loaded_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": seconds,
        "log": str(log),
    }
    marker.write_text(json.dumps(loaded, indent=1))
    say(f"data: loaded in {seconds:.0f} s (migrations {migrated:.0f} s)")
    return loaded


if __name__ == "__main__" and sys.argv[1:] == ["--load-only"]:
    OUT.mkdir(parents=True, exist_ok=True)
    ensure_data()
    sys.exit(0)
