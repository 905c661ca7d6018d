"""Settings, read from environment variables (django-environ).

DJANGO_ENV chooses the mode:
- development (default): works with nothing set; SQLite under var/, a secret key generated once into var/.
- test: like development, with a fast password hasher and tasks run inline.
- production: refuses to start without DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS; secure cookies, HSTS.
"""

import base64
import hashlib
import secrets
import sys
from pathlib import Path

import environ
import fontpkg_sarabun
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")  # optional; the real environment wins

ENVIRONMENTS = ("development", "test", "production")
# Under pytest the default is the test mode, so that no developer runs the suite with real settings by accident.
DJANGO_ENV = env.str("DJANGO_ENV", default="test" if "pytest" in sys.modules else "development")
if DJANGO_ENV not in ENVIRONMENTS:
    raise ImproperlyConfigured(f"DJANGO_ENV must be one of {', '.join(ENVIRONMENTS)}, not {DJANGO_ENV!r}")
PRODUCTION = DJANGO_ENV == "production"
TESTING = DJANGO_ENV == "test"

VAR_DIR = Path(env.str("PRONGSAI_VAR_DIR", default=str(BASE_DIR / "var")))


def _development_secret_key() -> str:
    # Kept in var/ so that sessions survive a restart of `make run`; never used in production.
    path = VAR_DIR / "secret-key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def _key(name: str) -> bytes:
    """A 32-byte key from the environment (base64), kept out of the database: required in production,
    fixed in tests, generated once into var/ in development (like the secret key)."""
    value = env.str(name, default="")
    if not value and PRODUCTION:
        raise ImproperlyConfigured(f"{name} must be set in production (32 random bytes, base64)")
    if not value and TESTING:
        return hashlib.sha256(f"test-{name}".encode()).digest()
    if not value:
        path = VAR_DIR / name.lower().replace("_", "-")
        if not path.exists():
            VAR_DIR.mkdir(parents=True, exist_ok=True)
            path.write_text(base64.b64encode(secrets.token_bytes(32)).decode())
            path.chmod(0o600)
        value = path.read_text().strip()
    try:
        key = base64.b64decode(value, validate=True)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be base64") from None
    if len(key) != 32:
        raise ImproperlyConfigured(f"{name} must be 32 bytes (base64 of 32 random bytes)")
    return key


# The audit log's hash chain is keyed (HMAC): whoever can write to the database but does not hold this key
# cannot rewrite an entry and recompute the hashes after it (agencies/services.py).
AUDIT_KEY = _key("PRONGSAI_AUDIT_KEY")
# Encrypts a complainant's identity, report, messages and evidence at rest (integrity/crypto.py). Whoever
# holds a copy of the database alone reads none of them; losing the key loses them: keep it with the
# backups, not in them.
COMPLAINT_KEY = _key("PRONGSAI_COMPLAINT_KEY")

if PRODUCTION:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set to at least 50 random characters in production"
        )
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must list the host names this site answers to")
    DEBUG = False
else:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="") or (
        "test-secret-key-" + "x" * 50 if TESTING else _development_secret_key()
    )
    ALLOWED_HOSTS = env.list(
        "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"]
    )
    DEBUG = env.bool("DJANGO_DEBUG", default=not TESTING)


INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "ninja",  # its Swagger UI files, served from the site itself (the CSP allows no other origin)
    "django_tasks",
    "django_tasks_db",
    "prongsai.thai",
    "prongsai.documents",
    "prongsai.agencies",
    "prongsai.api",
    "prongsai.plans",
    "prongsai.disclosure",
    "prongsai.content",
    "prongsai.datasets",
    "prongsai.eservice",
    "prongsai.integrity",
    "prongsai.assessment",
    "prongsai.property",
    "prongsai.finance",
    # The public read side comes last: it reads every app above through the provider interface.
    "prongsai.portal",
    "prongsai.city",  # a parent agency over its children: reads the modules through the providers
]

MIDDLEWARE = [
    # The client's address from the trusted proxy's X-Forwarded-For (the lock-out and throttles count it).
    "prongsai.agencies.middleware.TrustedProxyMiddleware",
    # Early: every read of a public request, the map of hosts and the page cache's stamps included, may go to
    # a read replica (agencies/replicas.py).
    "prongsai.agencies.replicas.ReplicaReadsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files before anything reads the database (whitenoise's documented place, after security).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # An agency's own host name serves its public site without the slug (prongsai/city/hosts.py); before the
    # scrubbing, so that its private paths match the rewritten address (hosts read at most every 30 s).
    "prongsai.city.hosts.AgencyHostMiddleware",
    # Then: nothing sees a complainant's or a survey respondent's address (the apps' private_paths).
    "prongsai.agencies.privacy.ScrubPrivateClientMiddleware",
    # A public page kept in the cache, or a 304, skips everything after this (portal/http_cache.py).
    "prongsai.portal.http_cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "prongsai.portal.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Django's, with the storage made only when a message is added or read (portal/middleware.py).
    "prongsai.portal.middleware.LazyMessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-csp's, with the header built once per process (portal/csp.py).
    "prongsai.portal.csp.CachedCSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "prongsai.agencies.middleware.StaffSessionMiddleware",
    "prongsai.portal.style.AgencyDigitsMiddleware",
    # Last: it calls the view itself, inside a transaction, for requests that may write.
    "prongsai.agencies.middleware.AtomicWritesMiddleware",
]

ROOT_URLCONF = "prongsai.urls"
WSGI_APPLICATION = "prongsai.wsgi.application"

# The proxies whose X-Forwarded-For is believed: nginx on the same machine in production (deploy/nginx.conf).
PRONGSAI_TRUSTED_PROXIES = env.list(
    "PRONGSAI_TRUSTED_PROXIES", default=["127.0.0.1", "::1"] if PRODUCTION else []
)

# One discreet banner on every page says the site is a demonstration (the demo's people are invented); on
# for the development demo (`make run`), off in production unless asked for.
PRONGSAI_DEMO_BANNER = env.bool("PRONGSAI_DEMO_BANNER", default=DJANGO_ENV == "development")

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "prongsai.portal.context.messages",  # Django's, opening no storage without cookies
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "prongsai.portal.context.site",
            ],
        },
    },
    # Only for the long lists of the busiest public pages, rendered inside a Django page by the
    # {% fragment %} tag (portal/fragments.py): templates in each app's jinja2/ folder.
    {
        "NAME": "fragments",
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "prongsai.portal.fragments.environment"},
    },
]

# The admin asks for Django's messages context processor by name; prongsai.portal.context.messages is that
# processor, opening the storage only where a message can be (the admin's pages, signed in, always can).
SILENCED_SYSTEM_CHECKS = ["admin.E404"]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'prongsai.sqlite3'}"),
}
# Every request that may write is one transaction (agencies.middleware.AtomicWritesMiddleware); reads run
# without one, so readers never queue for SQLite's write lock nor pay a BEGIN/COMMIT on PostgreSQL.
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# PostgreSQL through Django's backend with a health check that asks the socket before sending SELECT 1
# (prongsai/agencies/postgresql/base.py), for the primary and the replica alike.
_OUR_BACKENDS = {"django.db.backends.postgresql": "prongsai.agencies.postgresql"}
DATABASES["default"]["ENGINE"] = _OUR_BACKENDS.get(
    DATABASES["default"]["ENGINE"], DATABASES["default"]["ENGINE"]
)
if DATABASES["default"]["ENGINE"] == "prongsai.agencies.postgresql":
    # Each worker keeps its connection (checked before reuse) instead of opening one per request. A pool in
    # front (PgBouncer) is the step after, when workers times servers exceed what PostgreSQL should hold.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=600)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
    DATABASES["default"]["TEST"] = {"NAME": None}  # in memory
# A read replica (PostgreSQL streaming replication) takes the public site's reads (agencies/replicas.py).
_replica_url = env.str("DATABASE_REPLICA_URL", default="")
if _replica_url:
    DATABASES["replica"] = env.db_url_config(_replica_url)
    DATABASES["replica"]["ENGINE"] = _OUR_BACKENDS.get(
        DATABASES["replica"]["ENGINE"], DATABASES["replica"]["ENGINE"]
    )
    DATABASES["replica"].update(
        {"CONN_MAX_AGE": DATABASES["default"].get("CONN_MAX_AGE", 0), "CONN_HEALTH_CHECKS": True}
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
elif TESTING:
    # The suite checks the routing against a mirror of the test database (off unless a test turns it on).
    DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
PRONGSAI_READ_REPLICA = env.bool("PRONGSAI_READ_REPLICA", default=bool(_replica_url))
DATABASE_ROUTERS = ["prongsai.agencies.replicas.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # Django's, sharing one Redis client per pool (agencies/cache.py).
    CACHES["default"]["BACKEND"] = "prongsai.agencies.cache.RedisCache"
# Public pages kept until the agency's next public change (portal/http_cache.py); off only to measure.
PRONGSAI_PAGE_CACHE = env.bool("PRONGSAI_PAGE_CACHE", default=True)
# What changes with time alone (a scheduled news post, what became overdue) shows within this many seconds.
PRONGSAI_PAGE_CACHE_SECONDS = env.int("PRONGSAI_PAGE_CACHE_SECONDS", default=300)
# How long a browser or a CDN may show a public page without asking (0: ask every time, answered by a 304).
PRONGSAI_PUBLIC_MAX_AGE = env.int("PRONGSAI_PUBLIC_MAX_AGE", default=0)
# Part of every public page's ETag: set it to the deployed commit so that an upgrade shows at once.
PRONGSAI_RELEASE = env.str("PRONGSAI_RELEASE", default="")

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = (
    ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if TESTING
    else [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "staff:login"
LOGIN_REDIRECT_URL = "staff:home"
LOGOUT_REDIRECT_URL = "staff:login"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
# Locked by the pair: five wrong passwords from one address lock that address out of that account only, so
# nobody can lock a colleague out everywhere; guessing one account from many addresses is slowed by
# LOGIN_ATTEMPTS_PER_ACCOUNT (agencies/forms.py) instead.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
LOGIN_ATTEMPTS_PER_ACCOUNT = env.int("LOGIN_ATTEMPTS_PER_ACCOUNT", default=30)  # an hour, every address
# Staff sessions end after 30 idle minutes and 10 hours in all (a working day), whichever comes first.
SESSION_IDLE_SECONDS = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=10 * 60 * 60)
LOGIN_URL_PATH = "/staff/login/"
PASSWORD_RESET_TIMEOUT = 24 * 60 * 60
# Two-step sign-in (agencies/twofactor.py): required in production for admins, coordinators, directors and
# complaint handlers; off for the development demo's accounts unless asked for.
OTP_REQUIRED = env.bool("PRONGSAI_OTP_REQUIRED", default=PRODUCTION)
OTP_TOTP_ISSUER = env.str("PRONGSAI_OTP_ISSUER", default="Prongsai")  # a reset link works once, for a day
AXES_VERBOSE = False
AXES_ENABLED = not TESTING or env.bool("AXES_ENABLED", default=False)

# Thai first; English through Django's i18n. Our message ids are Thai, so a missing English
# translation shows Thai, never an untranslated English phrase to a Thai reader.
LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("ไทย")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.str("STATIC_ROOT", default=str(VAR_DIR / "static"))
# The Sarabun font is served from its Python package, never from the internet.
STATICFILES_DIRS = [("fonts/sarabun", str(fontpkg_sarabun.ROOT / "files"))]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.str("MEDIA_ROOT", default=str(VAR_DIR / "media"))
# Static files with hashed names (a changed file gets a new address, so every address is cached for a year)
# and served from STATIC_ROOT after collectstatic: always in production; `make serve` turns it on for the
# local production server, which otherwise runs with the development keys from var/.
HASHED_STATIC = env.bool("PRONGSAI_HASHED_STATIC", default=PRODUCTION)
# Uploaded files: the media folder, or an S3-compatible bucket when PRONGSAI_S3_BUCKET is set (credentials
# from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or boto3's other usual sources). The bucket stays private:
# objects get no ACL and nothing links to the bucket; every file goes out through the app's own download
# views, which check who may see it.
S3_BUCKET = env.str("PRONGSAI_S3_BUCKET", default="")
S3_STORAGE = {
    "BACKEND": "storages.backends.s3.S3Storage",
    "OPTIONS": {
        "bucket_name": S3_BUCKET,
        "endpoint_url": env.str("PRONGSAI_S3_ENDPOINT_URL", default="") or None,  # MinIO, Ceph, a cloud's
        "region_name": env.str("PRONGSAI_S3_REGION", default="") or None,
        "addressing_style": env.str("PRONGSAI_S3_ADDRESSING_STYLE", default="") or None,  # "path": MinIO
        "location": env.str("PRONGSAI_S3_PREFIX", default=""),  # a folder in a shared bucket
        "default_acl": None,
        "querystring_auth": True,  # should a URL ever be made, it is signed and expires
        "file_overwrite": False,  # stored names are random; never replace another record's file
        # A download larger than this is spooled to a temporary file, not held in a worker's memory.
        "max_memory_size": 2 * 1024 * 1024,
    },
}
STORAGES = {
    "default": S3_STORAGE if S3_BUCKET else {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "prongsai.portal.static.StaticStorage"  # whitenoise's, its addresses kept per process
        if HASHED_STATIC
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not HASHED_STATIC
if not PRODUCTION:
    Path(STATIC_ROOT).mkdir(
        parents=True, exist_ok=True
    )  # whitenoise expects it even when serving from finders
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.locmem.EmailBackend"
    if TESTING
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="prongsai@localhost")
# The agency's mail server in one URL (django-environ): smtp+tls://user:password@mail.example.go.th:587
if env.str("EMAIL_URL", default=""):
    _email = env.email_url("EMAIL_URL")
    EMAIL_BACKEND = _email["EMAIL_BACKEND"]
    EMAIL_HOST, EMAIL_PORT = _email["EMAIL_HOST"], _email["EMAIL_PORT"]
    EMAIL_HOST_USER, EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_USER"], _email["EMAIL_HOST_PASSWORD"]
    EMAIL_USE_TLS, EMAIL_USE_SSL = _email.get("EMAIL_USE_TLS", False), _email.get("EMAIL_USE_SSL", False)

TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if TESTING
        else env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}

# Content Security Policy: nothing from other origins, no inline script without the per-request nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # NONCE is django-csp's sentinel: a nonce appears only on responses whose template asked for one.
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    # WeasyPrint reports every rendering step at INFO; fontTools every subsetting.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
    "root": {
        "handlers": ["console"],
        "level": env.str("LOG_LEVEL", default="WARNING" if TESTING else "INFO"),
    },
}

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_CLASS = "prongsai.api.pagination.Pagination"
NINJA_PAGINATION_MAX_LIMIT = 200
