# The two commands of the README: `make run` and `make test`. Everything they need they install themselves.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_WORKERS ?= auto
HOST ?= 127.0.0.1:8000

.PHONY: run serve test test-fast lint format bench bench-web bench-deps install messages lock browser-deps clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# The worker runs beside the web server (file text, the search index, e-mail); both stop together.
run: install
	$(BIN)/prongsai migrate --noinput
	$(BIN)/prongsai load-demo
	$(BIN)/prongsai worker --no-reload & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/prongsai runserver $(HOST)

# The production server on the data of `make run` (var/prongsai.sqlite3 or DATABASE_URL): gunicorn with
# deploy/gunicorn.conf.py, DEBUG off, hashed and compressed static files collected into var/static and served
# by whitenoise with a year's cache; the worker beside it; both stop together. It keeps the development keys
# of var/ and plain HTTP: the production mode would ask for real secrets, TLS and two-step sign-in.
SERVE_ENV := DJANGO_DEBUG=0 PRONGSAI_HASHED_STATIC=1 STATIC_ROOT=$(CURDIR)/var/static
STATIC_SOURCES := $(shell find prongsai -path '*/static/*' -type f 2>/dev/null)

# Collected again only when a static file or a pinned version changed (compressing takes a minute).
var/static/staticfiles.json: $(STAMP) $(STATIC_SOURCES)
	$(SERVE_ENV) $(BIN)/prongsai collectstatic --noinput -v0

serve: install var/static/staticfiles.json
	$(BIN)/prongsai migrate --noinput
	$(SERVE_ENV) $(BIN)/prongsai worker --no-reload & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(SERVE_ENV) GUNICORN_BIND=$(HOST) $(BIN)/gunicorn --config deploy/gunicorn.conf.py prongsai.wsgi

# What the suite checks against, from Debian: Chromium (browser tests), poppler (PDFs as pictures), gettext
# (translations), nginx and openssl (`nginx -t` on deploy/nginx.conf), systemd (`systemd-analyze verify` on the
# units). Chromium and poppler come from Debian (Playwright's own browser download does not work here).
TEST_PACKAGES := chromium poppler-utils gettext nginx openssl systemd

browser-deps:
	@command -v chromium >/dev/null && command -v pdftoppm >/dev/null && command -v msgfmt >/dev/null \
	  && command -v nginx >/dev/null && command -v openssl >/dev/null && command -v systemd-analyze >/dev/null || \
	  { if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(TEST_PACKAGES) >/dev/null; \
	    else echo "Install Debian's $(TEST_PACKAGES) (apt-get install $(TEST_PACKAGES))"; exit 1; fi; }

test: install browser-deps
	$(BIN)/ruff check prongsai
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) -q

test-fast: install
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) -q -m "not browser"

lint: install
	$(BIN)/ruff check prongsai
	$(BIN)/ruff format --check prongsai
	DJANGO_ENV=test $(BIN)/prongsai makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix prongsai
	$(BIN)/ruff format prongsai

# The micro-benchmarks, then the web benchmark (prongsai/bench_web.py: loadtest data on PostgreSQL, gunicorn,
# wrk; BENCH_SCALE=0.01 for a quick run, BENCH_REBUILD=1 to load the data again). `make bench-web`: only the web.
bench: install bench-deps
	$(BIN)/python -m prongsai.bench
	$(BIN)/python -m prongsai.bench_web

bench-web: install bench-deps
	$(BIN)/python -m prongsai.bench_web

# wrk comes from Debian, like the browser.
bench-deps:
	@command -v wrk >/dev/null || \
	  { if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	    else echo "Install Debian's wrk (apt-get install wrk); the web benchmark also needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379"; exit 1; fi; }

messages: install
	cd prongsai && ../$(BIN)/prongsai makemessages -l en --no-obsolete && ../$(BIN)/prongsai compilemessages -l en

# Refresh the pinned versions after changing pyproject.toml.
lock:
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^-e' > constraints.txt

clean:
	rm -rf $(VENV) var
