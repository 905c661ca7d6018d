"""The production set-up (deploy/): static files with hashed names and a year's cache, and the files of
deploy/ checked against the code they describe. Docker cannot build here (no daemon, no registry of base
images), so the Dockerfile and compose file are checked by reading them: every path they copy exists, every
command they run is one the project has, every Debian package they install exists."""

import ast
import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.test import Client

import prongsai

REPO = Path(prongsai.__file__).resolve().parent.parent
DEPLOY = REPO / "deploy"
NGINX = (DEPLOY / "nginx.conf").read_text()
HASHED = re.compile(r"\.[0-9a-f]{12}\.[A-Za-z0-9]+$")
YEAR = 365 * 24 * 60 * 60


def _settings_in(env: dict, *names: str) -> dict:
    """Values of settings as a fresh process with ``env`` sees them (settings are read at start-up)."""
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {list(names)!r}}}, default=str))"
    )
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PRONGSAI_"))}
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**base, "DJANGO_SETTINGS_MODULE": "prongsai.settings", **env},
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    import json

    return json.loads(done.stdout.strip().splitlines()[-1])


# --- static files ------------------------------------------------------------------------------------------


@pytest.fixture
def collected(settings, tmp_path):
    """The production static set-up: collectstatic through whitenoise's manifest storage into a fresh
    STATIC_ROOT, served from there (no finders), DEBUG off."""
    settings.STATIC_ROOT = str(tmp_path / "static")
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "prongsai.portal.static.StaticStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = False
    settings.DEBUG = False
    # Compressing the big JavaScript bundles, source maps and fonts takes a minute; the stylesheets show it.
    settings.WHITENOISE_SKIP_COMPRESS_EXTENSIONS = ["js", "map", "ttf", "woff", "woff2", "png", "jpg", "svg"]
    call_command("collectstatic", interactive=False, verbosity=0)
    return Path(settings.STATIC_ROOT)


def _static_urls(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="(/static/[^"]+)"', html)


def test_the_pages_link_hashed_static_files_that_whitenoise_serves_for_a_year(world, collected):
    client = Client()  # a new handler: whitenoise reads the static set-up when it starts
    urls = set()
    for page in ("/pathumwan/", "/staff/login/"):
        response = client.get(page)
        assert response.status_code == 200, page  # a file missing from the manifest would be an error
        urls |= set(_static_urls(response.content.decode()))
    assert any(u.endswith(".css") for u in urls) and any(u.endswith(".js") for u in urls)
    for url in sorted(urls):
        assert HASHED.search(url), f"{url} has no content hash"
        response = client.get(url)
        assert response.status_code == 200, url
        control = response["Cache-Control"]
        assert "immutable" in control and "public" in control, url
        assert int(re.search(r"max-age=(\d+)", control).group(1)) >= YEAR, url
    stylesheet = next(u for u in sorted(urls) if u.endswith(".css"))
    compressed = client.get(stylesheet, headers={"accept-encoding": "gzip"})
    assert compressed["Content-Encoding"] == "gzip"
    # The name without the hash may change content at any time: it is kept briefly only.
    plain = client.get(re.sub(r"\.[0-9a-f]{12}(\.css)$", r"\1", stylesheet))
    assert plain.status_code == 200 and "immutable" not in plain["Cache-Control"]


def test_nginx_gives_a_years_cache_to_exactly_the_hashed_names_collectstatic_writes(collected):
    import json

    manifest = json.loads((collected / "staticfiles.json").read_text())["paths"]
    rule = re.search(
        r'location ~ "([^"]+)" \{\s*add_header Cache-Control "public, max-age=31536000, immutable"', NGINX
    )
    assert rule, "the immutable rule of /static/ is missing from deploy/nginx.conf"
    pattern = re.compile(rule.group(1))
    assert all(pattern.search(hashed) for hashed in manifest.values())
    assert not any(pattern.search(original) for original in manifest)
    root = re.search(r"location /static/ \{\s*alias ([^;]+);", NGINX).group(1)
    assert root.rstrip("/") == "/srv/prongsai/static"  # STATIC_ROOT of the image and of the env example


def test_make_serve_and_production_use_hashed_static_files_and_development_does_not(tmp_path):
    names = ("STORAGES", "WHITENOISE_USE_FINDERS", "DEBUG", "SECURE_PROXY_SSL_HEADER", "SECURE_SSL_REDIRECT")
    development = {"DJANGO_ENV": "development", "PRONGSAI_VAR_DIR": str(tmp_path)}
    serve = _settings_in({**development, "PRONGSAI_HASHED_STATIC": "1", "DJANGO_DEBUG": "0"}, *names)
    assert "prongsai.portal.static.StaticStorage" in str(serve["STORAGES"])
    assert serve["WHITENOISE_USE_FINDERS"] is False and serve["DEBUG"] is False
    assert not serve["SECURE_SSL_REDIRECT"]  # plain HTTP on 127.0.0.1
    # Without the flag (as here: development and the tests), files come unhashed from the apps' folders.
    from django.conf import settings

    assert "Manifest" not in settings.STORAGES["staticfiles"]["BACKEND"] and settings.WHITENOISE_USE_FINDERS
    production = _settings_in(
        {
            "DJANGO_ENV": "production",
            "DJANGO_SECRET_KEY": "k" * 60,
            "DJANGO_ALLOWED_HOSTS": "ita.example.go.th",
            "PRONGSAI_AUDIT_KEY": "A" * 43 + "=",
            "PRONGSAI_COMPLAINT_KEY": "B" * 43 + "=",
        },
        *names,
    )
    assert "prongsai.portal.static.StaticStorage" in str(production["STORAGES"])
    # nginx sends the scheme in the header production trusts.
    assert production["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in NGINX


# --- nginx -------------------------------------------------------------------------------------------------


def test_nginx_takes_the_largest_upload_form_the_app_accepts():
    from prongsai.agencies.uploads import MAX_UPLOAD_BYTES
    from prongsai.integrity.scrub import MAX_EVIDENCE_BYTES, MAX_FILES

    limit = re.search(r"client_max_body_size (\d+)m;", NGINX)
    assert limit, "client_max_body_size (in MB) is missing"
    # The e-service upload form sends three files of up to 20 MB; a complaint five of up to 10 MB.
    largest = max(3 * MAX_UPLOAD_BYTES, MAX_FILES * MAX_EVIDENCE_BYTES)
    assert int(limit.group(1)) * 2**20 > largest


def test_nginx_keeps_no_access_log_of_exactly_the_apps_private_pages():
    from prongsai.agencies.privacy import private_paths

    block = re.search(r'location ~ "([^"]+)" \{\s*access_log off;', NGINX)
    assert block, "the private pages' location without access log is missing"
    assert block.group(1) == private_paths().pattern, (
        "deploy/nginx.conf must list the apps' private_paths; paste: " + private_paths().pattern
    )
    samples = ["/report/", "/pathumwan/complaints/new/", "/pathumwan/feedback/", "/pathumwan/survey/x/"]
    assert all(re.search(block.group(1), path) for path in samples)
    assert not re.search(block.group(1), "/pathumwan/complaints/")  # the public statistics are logged


# nginx, openssl and systemd-analyze come with `make test` (the Makefile's TEST_PACKAGES) and .ci/run.
def test_nginx_accepts_the_configuration(tmp_path):
    tls = tmp_path / "tls"
    tls.mkdir()
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost"),
            *("-days", "1", "-keyout", str(tls / "privkey.pem"), "-out", str(tls / "fullchain.pem")),
        ],
        check=True,
        capture_output=True,
    )
    (tmp_path / "site.conf").write_text(NGINX.replace("/etc/nginx/tls/", f"{tls}/"))
    temp = " ".join(
        f"{kind}_temp_path {tmp_path}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{ include /etc/nginx/mime.types; access_log off; {temp} include {tmp_path}/site.conf; }}\n"
    )
    done = subprocess.run(
        ["nginx", "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


# --- gunicorn and systemd ----------------------------------------------------------------------------------


def _gunicorn_config(**env) -> dict:
    values = {}
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        exec(compile((DEPLOY / "gunicorn.conf.py").read_text(), "gunicorn.conf.py", "exec"), values)  # noqa: S102
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return values


def test_gunicorn_runs_sync_workers_from_the_cpu_count_recycled_and_timed_out_with_nginx():
    config = _gunicorn_config()
    assert config["worker_class"] == "prongsai.serving.SyncWorker"  # gunicorn's sync worker
    assert config["workers"] == 2 * os.cpu_count() + 1
    assert config["max_requests"] > 0 and config["max_requests_jitter"] > 0
    read_timeout = int(re.search(r"proxy_read_timeout (\d+)s;", NGINX).group(1))
    assert config["timeout"] == read_timeout
    assert _gunicorn_config(GUNICORN_WORKERS="3")["workers"] == 3


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_gunicorn_starts_with_the_configuration_and_serves_the_app(tmp_path):
    port = _free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PRONGSAI_"))}
    env = {
        **base,
        "DJANGO_ENV": "development",
        "DJANGO_DEBUG": "0",
        "PRONGSAI_VAR_DIR": str(tmp_path),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
    }
    server = subprocess.Popen(
        [str(gunicorn), "--config", str(DEPLOY / "gunicorn.conf.py"), "prongsai.wsgi"],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/static/portal/site.css")
                response = connection.getresponse()
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()
                assert time.monotonic() < deadline, "gunicorn did not answer within 30 s"
                time.sleep(0.3)
        assert response.status == 200 and response.getheader("Server") == "gunicorn"
        assert b"font-family" in response.read()
        # The container's health check: healthy while the app answers, not when the page fails (here the
        # database was never migrated, so the home page is a server error).
        check = [sys.executable, str(DEPLOY / "healthcheck.py")]
        probe = {**env, "DJANGO_ALLOWED_HOSTS": "localhost"}
        healthy = subprocess.run(
            check, env={**probe, "HEALTHCHECK_PATH": "/static/portal/site.css"}, check=False
        )
        assert healthy.returncode == 0
        assert subprocess.run(check, env=probe, capture_output=True, check=False).returncode == 1
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_systemd_units_are_valid_and_run_the_projects_commands():
    units = [DEPLOY / "prongsai-web.service", DEPLOY / "prongsai-worker.service"]
    done = subprocess.run(["systemd-analyze", "verify", *map(str, units)], capture_output=True, text=True)
    # The virtualenv of the units' paths does not exist on the machine running the tests: nothing else may
    # be reported (an unknown key, a bad value).
    problems = [
        line
        for line in done.stderr.splitlines()
        if line.strip() and not re.search(r"Command /srv/prongsai/venv/bin/\S+ is not executable", line)
    ]
    assert problems == []
    web, worker = (unit.read_text() for unit in units)
    assert (
        "ExecStart=/srv/prongsai/venv/bin/gunicorn --config /srv/prongsai/app/deploy/gunicorn.conf.py prongsai.wsgi"
        in web
    )
    assert "ExecStart=/srv/prongsai/venv/bin/prongsai worker --no-reload" in worker
    assert (
        "EnvironmentFile=/etc/prongsai/prongsai.env" in web
        and "EnvironmentFile=/etc/prongsai/prongsai.env" in worker
    )


# --- the environment file ----------------------------------------------------------------------------------


def _settings_read() -> set[str]:
    source = (REPO / "prongsai" / "settings.py").read_text()
    names = set(re.findall(r'env\.\w+\(\s*"([A-Z][A-Z0-9_]+)"', source))
    names |= set(re.findall(r'_key\("([A-Z][A-Z0-9_]+)"\)', source))
    return names


def test_the_environment_example_lists_every_setting_the_code_reads():
    example = (DEPLOY / "prongsai.env.example").read_text()
    listed = set(re.findall(r"^(?:# )?([A-Z][A-Z0-9_]+)=", example, re.MULTILINE))
    read = _settings_read()
    assert {"DJANGO_SECRET_KEY", "PRONGSAI_COMPLAINT_KEY", "PRONGSAI_S3_BUCKET", "DATABASE_URL"} <= read
    assert read - listed == set(), "add these to deploy/prongsai.env.example"
    # The secrets are empty in the example: a copy left unfilled refuses to start instead of running with
    # a published key.
    for secret in ("DJANGO_SECRET_KEY", "PRONGSAI_AUDIT_KEY", "PRONGSAI_COMPLAINT_KEY"):
        assert re.search(rf"^{secret}=$", example, re.MULTILINE), secret


# --- the container image and compose ------------------------------------------------------------------------


def _dockerfile() -> list[tuple[str, str]]:
    """(instruction, arguments) of deploy/Dockerfile, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", (DEPLOY / "Dockerfile").read_text())
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return [tuple(line.split(None, 1)) for line in lines]


def test_the_dockerfile_copies_paths_that_exist_and_runs_the_projects_own_commands():
    steps = _dockerfile()
    froms = [args for op, args in steps if op == "FROM"]
    assert froms[0].startswith("python:3.11-slim")
    for op, args in steps:
        if op == "COPY" and not args.startswith("--from="):
            *sources, _target = args.split()
            for source in sources:
                assert (REPO / source).exists(), f"COPY {source}: no such path in the repository"
    runs = " ".join(args for op, args in steps if op == "RUN")
    assert "pip install -c constraints.txt ." in runs
    commands = re.findall(r"\bprongsai ([a-z][a-z-]+)", runs)
    assert "collectstatic" in commands
    from django.core.management import get_commands

    assert set(commands) <= set(get_commands())
    user = [args for op, args in steps if op == "USER"]
    assert user and user[-1] != "root"
    cmd = ast.literal_eval(next(args for op, args in steps if op == "CMD"))
    assert cmd[:3] == ["gunicorn", "--config", "deploy/gunicorn.conf.py"] and cmd[3] == "prongsai.wsgi"
    assert re.search(r"deploy/gunicorn\.conf\.py .*\./deploy/", " ".join(a for o, a in steps if o == "COPY"))
    # The nginx stage rewrites the upstream to the compose service: the address must be there to rewrite.
    assert "server 127.0.0.1:8000;" in NGINX and "s/server 127.0.0.1:8000;/server app:8000;/" in runs


def test_the_image_build_never_sees_the_development_keys_nor_a_deployments_secrets():
    ignored = {
        line.strip()
        for line in (DEPLOY / "Dockerfile.dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    # var/ holds the development secret key, audit and complaint keys and the demo database.
    assert {"var", ".venv", ".env", "deploy/prongsai.env", "deploy/.env", "deploy/tls"} <= ignored
    copied = [a.split()[:-1] for o, a in _dockerfile() if o == "COPY" and not a.startswith("--from=")]
    assert not any(
        source.split("/")[0] in ignored or source in ignored for sources in copied for source in sources
    )


def test_the_dockerfile_installs_what_weasyprint_and_the_backups_need():
    runs = " ".join(args for op, args in _dockerfile() if op == "RUN")
    packages = re.search(r"apt-get install -y --no-install-recommends ([^&]+)&&", runs).group(1).split()
    # WeasyPrint's documented needs on Debian (Pango and HarfBuzz's subsetter), poppler for pdftoppm
    # (documents/images.py), the PostgreSQL client for `prongsai backup`.
    assert {
        "libpango-1.0-0",
        "libpangoft2-1.0-0",
        "libharfbuzz-subset0",
        "poppler-utils",
        "postgresql-client",
    } <= set(packages)
    if shutil.which("apt-cache") and Path("/etc/debian_version").exists():
        shown = subprocess.run(
            ["apt-cache", "show", "--no-all-versions", *packages], capture_output=True, text=True
        )
        assert shown.returncode == 0, shown.stderr
        assert set(re.findall(r"^Package: (\S+)", shown.stdout, re.MULTILINE)) == set(packages)


def test_compose_runs_app_worker_postgresql_redis_and_nginx_with_volumes_and_health_checks():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    assert {"app", "worker", "db", "redis", "nginx"} <= set(services)
    for name, service in services.items():
        build = service.get("build")
        if build:
            assert (DEPLOY / build["context"] / build["dockerfile"]).is_file(), name
            stages = re.findall(r"^FROM \S+ AS (\w+)", (DEPLOY / "Dockerfile").read_text(), re.MULTILINE)
            assert build["target"] in stages, name
        if "env_file" in service:
            assert (DEPLOY / (service["env_file"] + ".example")).is_file(), name
    assert services["worker"]["command"][:2] == ["prongsai", "worker"]
    assert services["app"]["command"][:3] == ["gunicorn", "--config", "deploy/gunicorn.conf.py"]
    # The image's health check asks the web port: the worker has none, so it must not inherit it.
    assert services["worker"]["healthcheck"] == {"disable": True}
    for name in ("app", "db", "redis", "nginx"):
        assert services[name]["healthcheck"]["test"], name
    assert "db:/var/lib/postgresql/data" in services["db"]["volumes"]
    assert "media:/srv/prongsai/media" in services["app"]["volumes"]
    assert "media:/srv/prongsai/media" in services["worker"]["volumes"]
    assert {"db", "media"} <= set(compose["volumes"])
    # Migrations first: the app and the worker wait for the migrate service to finish.
    assert services["migrate"]["command"] == ["prongsai", "migrate", "--noinput"]
    for name in ("app", "worker"):
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert (
        "/nginx-health" in " ".join(services["nginx"]["healthcheck"]["test"])
        and "location = /nginx-health" in NGINX
    )


def _covered(relative: str, pattern: str) -> bool:
    # setuptools' package-data globs of pyproject.toml: "folder/*" (its files) and "folder/**/*" (all below)
    if pattern.endswith("/**/*"):
        return relative.startswith(pattern[: -len("**/*")])
    if pattern.endswith("/*"):
        return relative.rsplit("/", 1)[0] == pattern[: -len("/*")]
    return relative == pattern


def test_the_package_ships_every_data_file_the_code_reads():
    """The image installs the package (not the source tree): each non-Python file must be package data."""
    import tomllib

    patterns = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["*"]
    package = REPO / "prongsai"
    missing = []
    for path in sorted(package.rglob("*")):
        if not path.is_file() or path.suffix in (".py", ".pyc") or "__pycache__" in path.parts:
            continue
        if "tests" in path.relative_to(package).parts:
            continue
        # Matched from the package folder it lies in or any package folder above it.
        owners = [p for p in path.parents if p.is_relative_to(package) and (p / "__init__.py").exists()]
        if not any(_covered(path.relative_to(o).as_posix(), g) for o in owners for g in patterns):
            missing.append(path.relative_to(package).as_posix())
    assert missing == []


def test_a_worker_that_loaded_the_app_keeps_its_start_up_out_of_every_full_garbage_collection(tmp_path):
    # prongsai.serving.settle, run by the worker before its loop: the objects start-up made live as long as the
    # worker; frozen, a full collection under load no longer walks them all (the pauses that made the
    # tracking page's p99 in `make bench`). Importing the WSGI module alone changes nothing.
    code = (
        "import gc; before = len(gc.get_objects()); import prongsai.wsgi; imported = gc.get_freeze_count(); "
        "from prongsai.serving import settle; settle(); "
        "from django.utils.translation import trans_real; "
        "print(imported, gc.get_freeze_count(), before, sorted(trans_real._translations))"
    )
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PRONGSAI_"))}
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**base, "DJANGO_ENV": "development", "PRONGSAI_VAR_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    imported, frozen, before, languages = done.stdout.strip().splitlines()[-1].split(" ", 3)
    assert imported == "0"
    assert int(frozen) > 10 * int(before)  # Django, the apps, their URLs and both catalogues
    assert languages == "['en', 'th']"


def test_postgresql_primary_and_replica_use_the_socket_first_health_check_and_sqlite_is_djangos(tmp_path):
    # prongsai/agencies/postgresql: read from the settings only (no connection is made).
    development = {"DJANGO_ENV": "development", "PRONGSAI_VAR_DIR": str(tmp_path)}
    on_postgresql = _settings_in(
        {
            **development,
            "DATABASE_URL": "postgres://prongsai@db.example:5432/prongsai",
            "DATABASE_REPLICA_URL": "postgres://prongsai@replica.example:5432/prongsai",
        },
        "DATABASES",
    )["DATABASES"]
    for alias in ("default", "replica"):
        assert on_postgresql[alias]["ENGINE"] == "prongsai.agencies.postgresql", alias
        assert (
            on_postgresql[alias]["CONN_HEALTH_CHECKS"] is True and on_postgresql[alias]["CONN_MAX_AGE"] == 600
        )
    on_sqlite = _settings_in({**development, "DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3"}, "DATABASES")
    assert on_sqlite["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
