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
address, default 10), BENCH_WORKERS (default 2), BENCH_PG (server address), BENCH_DATABASE.
"""

from __future__ import annotations

import json
import os
import platform
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
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
CONNECTIONS = 64
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))  # turns of floor and page per row (paired())
REDIS_URL = "redis://127.0.0.1:6379/5"  # Redis DB 5 is the benchmark's: flushed before each phase
HOST = "127.0.0.1"
AGENCY = "loadtest-01"
PROCESSES: list[subprocess.Popen] = []
LOAD_AT_START = os.getloadavg()[0]


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
    marker = OUT / f"data-{DATABASE}.json"
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
    prongsai("loadtest-data", "--scale", str(SCALE), stdout=None)
    seconds = time.perf_counter() - began - migrated
    loaded = {
        "database": DATABASE,
        "scale": SCALE,
        "loaded_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": seconds,
    }
    marker.write_text(json.dumps(loaded, indent=1))
    say(f"data: loaded in {seconds:.0f} s (migrations {migrated:.0f} s)")
    return loaded


# --- the servers ---------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """One gunicorn on the loopback (a master and its sync workers)."""

    app: str
    extra: dict = field(default_factory=dict)
    port: int = 0
    process: subprocess.Popen | None = None

    def start(self) -> Server:
        self.port = free_port()
        OUT.mkdir(parents=True, exist_ok=True)
        log = open(OUT / f"gunicorn-{self.app.split(':')[0].rsplit('.', 1)[-1]}.log", "ab")
        # Sync workers, one per core: each request has a core to itself (the database and wrk share them),
        # as gunicorn's docs advise for CPU-bound Django behind a buffering proxy (nginx in production).
        command = [
            str(Path(sys.executable).with_name("gunicorn")),
            self.app,
            "--workers",
            str(WORKERS),
            "--worker-class",
            "prongsai.serving.SyncWorker",  # the deployment's: gunicorn's sync worker (prongsai/stack.py)
            "--bind",
            f"{HOST}:{self.port}",
            "--backlog",
            "2048",
            "--timeout",
            "60",
        ]
        self.process = subprocess.Popen(
            command, env=environment(**self.extra), cwd=ROOT, stdout=log, stderr=log, start_new_session=True
        )
        PROCESSES.append(self.process)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn {self.app} stopped at start (see {log.name})")
            try:
                with urllib.request.urlopen(self.url("/healthz"), timeout=2) as answer:  # noqa: S310 (loopback)
                    if answer.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn {self.app} did not answer within a minute")

    def settle(self) -> None:
        """Wait until the requests still queued from the last run are answered (wrk leaves its last
        connections' requests in the listen queue; the sync workers answer them to closed sockets)."""
        fetch(self.url("/healthz"))

    def url(self, path: str) -> str:
        return f"http://{HOST}:{self.port}{path}"

    def worker_rss_mb(self) -> list[float]:
        """VmRSS of each worker (the master's children), from /proc."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        sizes = []
        for pid in children:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        return sizes

    def stop(self) -> None:
        stop(self.process)


def stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)  # the master and its workers (their own session)
        process.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def flush_cache() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


# --- wrk ---------------------------------------------------------------------------------------------------

_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass
class Measured:
    rps: float
    p50: float  # ms
    p99: float
    errors: int
    requests: int
    connections: int = CONNECTIONS


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


def wrk(
    url: str,
    *,
    connections: int = CONNECTIONS,
    seconds: int = SECONDS,
    script: str = "",
    settle=None,
    warm_up: bool = True,
) -> Measured:
    """A warm-up of two seconds, then ``seconds`` of load; latency percentiles from wrk's --latency. A page
    that takes 200 ms on two workers answers 64 connections in about 6 s each: wrk waits up to 30 s for an
    answer, and ``settle`` lets the warm-up's queued requests drain first so the run does not pay for them."""
    threads = min(2, connections)
    base = ["wrk", f"-t{threads}", f"-c{connections}", "--timeout", "30s"]
    if script:
        base += ["-s", script]
    if warm_up:
        subprocess.run([*base, "-d2s", url], check=True, capture_output=True)
    if settle:
        settle()
    text = subprocess.run(
        [*base, f"-d{seconds}s", "--latency", url], check=True, capture_output=True, text=True
    ).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", text, re.MULTILINE))
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", text))
    errors += sum(
        int(n) for n in re.findall(r"Socket errors: connect \d+, read \d+, write \d+, timeout (\d+)", text)
    )
    return Measured(
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
        p50=_ms(latency["50"]),
        p99=_ms(latency["99"]),
        errors=errors,
        requests=int(re.search(r"(\d+) requests in", text).group(1)),
        connections=connections,
    )


def lua(paths: list[str] = (), headers: dict[str, str] | None = None) -> str:
    """A wrk script: requests go round ``paths`` (many tracking codes, not one row over and over), with
    ``headers`` (a conditional request's validators)."""
    lines = [f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}" for k, v in (headers or {}).items()]
    if paths:
        lines.append("local paths = {" + ",".join(json.dumps(p) for p in paths) + "}")
        lines.append("local i = math.random(#paths)")
        lines.append("request = function() i = i % #paths + 1; return wrk.format(nil, paths[i]) end")
    handle = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False, dir=OUT)
    handle.write("\n".join(lines) + "\n")
    handle.close()
    return handle.name


def fetch(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 (loopback)
    try:
        with urllib.request.urlopen(request, timeout=300) as answer:  # noqa: S310
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


# --- what is measured ------------------------------------------------------------------------------------


def combined(runs: list[Measured]) -> Measured:
    """Several runs as one: requests per second over all of them, the median p50 and the worst p99."""
    rps = sum(m.rps for m in runs) / len(runs)
    return Measured(
        rps=rps,
        p50=sorted(m.p50 for m in runs)[len(runs) // 2],
        p99=max(m.p99 for m in runs),
        errors=sum(m.errors for m in runs),
        requests=sum(m.requests for m in runs),
        connections=runs[0].connections,
    )


def paired(page: tuple[str, str, object], floor: tuple[str, object], rounds: int = ROUNDS):
    """The page and the bare floor measured in turns (floor, page, floor, page, ...), each for
    ``SECONDS / rounds``: a shared machine's speed drifts by a quarter within a minute (measured here), and
    a floor measured once at the start made ratios that said more about the neighbours than about the page.
    In turns, both see the same machine; the ratio is that of their means."""
    page_url, script, page_server = page
    floor_url, floor_server = floor
    page_runs, floor_runs = [], []
    seconds = max(2, SECONDS // rounds)  # wrk takes whole seconds
    for turn in range(rounds):
        first = turn == 0
        floor_runs.append(wrk(floor_url, seconds=seconds, settle=floor_server.settle, warm_up=first))
        floor_server.settle()
        page_runs.append(
            wrk(page_url, seconds=seconds, script=script, settle=page_server.settle, warm_up=first)
        )
        page_server.settle()
    return combined(page_runs), combined(floor_runs)


@dataclass
class Row:
    name: str
    path: str
    measured: Measured | None = None
    target: str = ""
    passed: bool | None = None
    note: str = ""
    value: str = ""  # for rows that are not a throughput (a time, a size)
    floor: Measured | None = None  # the bare floor, measured in turns with this row (see paired())


def targets_of(rows: list[Row], floor: float) -> None:
    for row in rows:
        m = row.measured
        if m is None or row.passed is not None or not row.target:
            continue
        ratio = m.rps / (row.floor.rps if row.floor else floor)
        if row.target.startswith("≥"):
            wanted = float(re.match(r"≥([\d.]+)", row.target).group(1))
            row.passed = ratio >= wanted and m.errors == 0
            if "p99" in row.target:
                row.passed = row.passed and m.p99 < 100
        if m.errors:
            row.note = (row.note + f" {m.errors} errors or timeouts of {m.requests}").strip()
        if not m.requests:
            row.passed, row.note = False, "no answer within the run"


def sample(sql: str, params: tuple = ()) -> list:
    import psycopg

    with psycopg.connect(f"{PG}/{DATABASE}") as conn:
        return [r[0] for r in conn.execute(sql, params).fetchall()]


def in_process() -> dict:
    """Server time measured inside one process against the bench database (no network, no gunicorn): the
    tracking page for random existing codes, and the city dashboard when the project has it."""
    script = r"""
import json, random, statistics, sys, time
import django
django.setup()
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import NoReverseMatch, reverse
from prongsai.agencies.models import Agency, Membership, Role
from prongsai.eservice.models import Request

def p99(xs):
    return statistics.quantiles(xs, n=100, method="inclusive")[98]

out = {}
ids = list(Request.objects.order_by().values_list("pk", flat=True)[::97])
sampled = list(Request.objects.filter(pk__in=random.sample(ids, min(4000, len(ids)))).values_list("code", flat=True))
random.shuffle(sampled)
# A server that has been running knows its agencies and services: it is warmed on other codes than those
# measured, so that each measured code is a request this process never read.
warm, codes = sampled[: len(sampled) // 2], sampled[len(sampled) // 2 :]
client = Client(HTTP_HOST="127.0.0.1")
for code in warm:
    client.get(f"/track/{code}/")
times = []
for code in codes:
    began = time.perf_counter()
    status = client.get(f"/track/{code}/").status_code
    times.append((time.perf_counter() - began) * 1000)
    assert status == 200, status
out["tracking"] = {"n": len(codes), "of": Request.objects.count(), "p50": statistics.median(times), "p99": p99(times)}
parent = Agency.objects.get(slug="loadtest-bangkok")
try:
    path = reverse("city:dashboard", kwargs={"agency": parent.slug})
except NoReverseMatch:
    path = None
if path:
    user, _ = get_user_model().objects.get_or_create(username="bench.city")
    Membership.objects.get_or_create(user=user, agency=parent, role=Role.COORDINATOR)
    client.force_login(user)
    client.get(path)  # the first answer fills what the dashboard keeps
    times = []
    for _ in range(5):
        began = time.perf_counter()
        status = client.get(path).status_code
        times.append((time.perf_counter() - began) * 1000)
    out["dashboard"] = {"path": path, "status": status, "children": parent.children.count(), "median": statistics.median(times), "max": max(times)}
print("RESULT " + json.dumps(out))
"""
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=environment(),
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.split("RESULT ", 1)[1])


def page_cache_switch() -> bool:
    """Whether the project has the page cache's switch yet (the lead's work on issue 17)."""
    return "PRONGSAI_PAGE_CACHE" in (ROOT / "prongsai" / "settings.py").read_text(encoding="utf-8")


def run() -> list[Row]:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: `make bench` installs it (apt-get install wrk)")
    OUT.mkdir(parents=True, exist_ok=True)
    loaded = ensure_data()
    prongsai("collectstatic", "--noinput", "-v0")
    year = max(sample("SELECT fiscal_year FROM plans_plan"))
    codes = sample("SELECT code FROM eservice_request TABLESAMPLE SYSTEM (1) LIMIT 2000") or sample(
        "SELECT code FROM eservice_request LIMIT 2000"
    )
    item = min(
        sample(
            "SELECT i.code FROM disclosure_catalogueitem i JOIN disclosure_catalogue c ON c.id = i.catalogue_id "
            "WHERE c.scheme = 'bangkok-district' AND c.year = %s",
            (year,),
        )
    )
    tracks = [f"/track/{c}/" for c in codes]
    pages = [
        ("agency home", f"/{AGENCY}/"),
        ("OIT index", f"/{AGENCY}/oit/{year}/"),
        ("OIT item", f"/{AGENCY}/oit/{year}/{item}/"),
        ("tracking page", tracks[0]),
        ("API list (OIT items)", f"/api/v1/agencies/{AGENCY}/oit/{year}"),
    ]
    switch = page_cache_switch()
    rows: list[Row] = []
    floor = Server("prongsai.bench_floor:application").start()
    project = Server("prongsai.wsgi:application", {"PRONGSAI_PAGE_CACHE": "0"} if switch else {}).start()
    say(f"servers: bare floor on :{floor.port}, project on :{project.port} ({WORKERS} sync workers each)")

    def measure(name: str, server: Server, path: str, target: str, *, script: str = "", **kw) -> Row:
        status, _h, _b = fetch(server.url(path))
        row = Row(name, path, target=target)
        if status != 200:
            row.note = f"answered {status}"
            row.passed = False
        elif kw.get("connections", CONNECTIONS) == CONNECTIONS and server is not floor:
            row.measured, row.floor = paired(
                (server.url(path), script, server), (floor.url("/healthz"), floor)
            )
        else:
            row.measured = wrk(server.url(path), script=script, settle=server.settle, **kw)
            server.settle()
        rows.append(row)
        m = row.measured
        say(
            f"  {name:34} {m.rps:9.0f}/s p50 {m.p50:7.1f} ms p99 {m.p99:7.1f} ms"
            + (f" (floor in turns {row.floor.rps:.0f}/s: {m.rps / row.floor.rps:.2f})" if row.floor else "")
            if m
            else f"  {name}: {row.note}"
        )
        return row

    bare = measure("bare Django view (no middleware)", floor, "/healthz", "")
    measure("trivial view, whole stack", project, "/healthz", "≥0.7")
    label = "uncached" if switch else "uncached (no page-cache switch yet)"
    flush_cache()
    for name, path in pages:
        script = lua(tracks) if name == "tracking page" else ""
        measure(f"{name}, {label}", project, path, "≥0.1, p99<100ms", script=script)
    rotating = f"/track/<code>/ ({len(tracks):,} codes in turn)"
    tracking_c1 = measure(
        "tracking page at 1 connection", project, tracks[0], "", script=lua(tracks), connections=1
    )
    if switch:
        project.stop()
        flush_cache()
        project = Server("prongsai.wsgi:application", {"PRONGSAI_PAGE_CACHE": "1"}).start()
        for name, path in pages:
            script = lua(tracks) if name == "tracking page" else ""
            _status, headers, _body = fetch(project.url(path))
            if "ETag" in headers:
                measure(f"{name}, page cache warm", project, path, "≥0.8", script=script)
            else:  # the tracking page and the API are not public pages the cache keeps (no ETag either)
                measure(f"{name}, cache on (not a cached page)", project, path, "", script=script)
    # Conditional requests: the validators of a first answer sent back, for an answer 304.
    for name, path in pages[:3]:
        _status, headers, _body = fetch(project.url(path))
        validators = {
            k: v
            for k, v in (
                ("If-None-Match", headers.get("ETag")),
                ("If-Modified-Since", headers.get("Last-Modified")),
            )
            if v
        }
        row = Row(f"{name}, conditional (304)", path, target="≥0.9")
        if not validators:
            row.note, row.value = "no ETag", "no ETag"
            rows.append(row)
            say(f"  {row.name}: no ETag or Last-Modified")
            continue
        again, _h, _b = fetch(project.url(path), validators)
        if again != 304:
            row.note, row.value, row.passed = f"answered {again}, not 304", f"{again}", False
            rows.append(row)
            continue
        measure(row.name, project, path, "≥0.9", script=lua(headers=validators))
    rss = project.worker_rss_mb()
    project.stop()
    floor.stop()
    server_side = in_process()
    t = server_side["tracking"]
    rows.append(
        Row(
            f"tracking server time, {t['n']:,} random codes of {t['of']:,}",
            "/track/<code>/ (in-process)",
            target="p99<20ms",
            passed=t["p99"] < 20,
            value=f"p50 {t['p50']:.1f} ms, p99 {t['p99']:.1f} ms",
        )
    )
    tracking_c1.target, tracking_c1.passed = (
        "p99<20ms",
        tracking_c1.measured and tracking_c1.measured.p99 < 20,
    )
    board = server_side.get("dashboard")
    if board and board["status"] == 200:
        rows.append(
            Row(
                f"city dashboard, {board['children']} agencies",
                board["path"],
                target="<1s",
                passed=board["max"] < 1000,
                value=f"median {board['median']:.0f} ms, slowest {board['max']:.0f} ms",
            )
        )
    else:
        rows.append(
            Row(
                "city dashboard",
                "",
                value="no dashboard in this project yet" if not board else f"answered {board['status']}",
            )
        )
    rows.append(
        Row(
            "worker memory after the run",
            "VmRSS",
            target="<200MB",
            passed=max(rss) < 200,
            value=", ".join(f"{r:.0f} MB" for r in rss),
        )
    )
    for row in rows:
        if row.path == tracks[0]:
            row.path = rotating
    targets_of(rows, bare.measured.rps)
    report(rows, bare.measured.rps, loaded)
    return rows


def report(rows: list[Row], floor: float, loaded: dict) -> None:
    head = "| what | address | requests/s | p50 | p99 | ratio to bare | target | pass |"
    lines = [head, "|---|---|---:|---:|---:|---:|---|---|"]
    for row in rows:
        m = row.measured
        verdict = {True: "pass", False: "FAIL", None: ""}[row.passed]
        if m:
            # Against the floor measured in turns with the row (paired()); at -c1 a ratio means nothing.
            base = row.floor.rps if row.floor else floor
            ratio = f"{m.rps / base:.2f}" if m.connections == CONNECTIONS else ""
            lines.append(
                f"| {row.name} | `{row.path}` | {m.rps:,.0f} | {m.p50:.1f} ms | {m.p99:.1f} ms | "
                f"{ratio} | {row.target} | {verdict}{' (' + row.note + ')' if row.note else ''} |"
            )
        else:
            lines.append(
                f"| {row.name} | {f'`{row.path}`' if row.path else ''} | {row.value or row.note} | | | | "
                f"{row.target} | {verdict} |"
            )
    floors = [row.floor.rps for row in rows if row.floor]
    spread = f"; the floor ranged {min(floors):,.0f}-{max(floors):,.0f}/s over the run" if floors else ""
    machine = (
        f"{os.cpu_count()} cores ({platform.machine()}), load average {LOAD_AT_START:.1f} at the start and "
        f"{os.getloadavg()[0]:.1f} at the end (other work on the machine slows every number alike)"
    )
    text = "\n".join(
        [
            f"# make bench, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
            "",
            f"Data: `{DATABASE}` at scale {loaded['scale']} (loadtest-data took {loaded['seconds']:.0f} s). "
            f"Server: gunicorn, {WORKERS} sync workers, DEBUG off, Redis cache; wrk -t2 -c{CONNECTIONS}, "
            f"{SECONDS} s per address after a 2 s warm-up, on the loopback, in {ROUNDS} turns with the bare floor "
            f"(each ratio is to the floor measured in turns with it{spread}). Machine: {machine}.",
            "",
            *lines,
            "",
        ]
    )
    (OUT / "latest.md").write_text(text, encoding="utf-8")
    say("")
    say(text)
    say(f"(written to {OUT / 'latest.md'})")


def main() -> None:
    try:
        if sys.argv[1:] == ["--load-only"]:
            OUT.mkdir(parents=True, exist_ok=True)
            ensure_data()
            return
        run()
    finally:
        for process in PROCESSES:
            stop(process)
        for script in OUT.glob("tmp*.lua"):
            script.unlink()


if __name__ == "__main__":
    main()
