"""Settings for the archive, all read from the environment so one file serves every machine.

Variables (see README): DATABASE_URL, DATABASE_REPLICA_URLS, DATABASE_REPLICA_LAG, REDIS_URL,
DJANGO_SECRET_KEY, DJANGO_DEBUG, DJANGO_ALLOWED_HOSTS, DJANGO_CSRF_TRUSTED_ORIGINS, DJANGO_HTTPS,
DJANGO_HSTS_SECONDS, DJANGO_HSTS_PRELOAD, DJANGO_MEDIA_ROOT, DJANGO_UPLOAD_DIR,
DJANGO_LOGIN_FAILURE_LIMIT, DJANGO_LOGIN_COOLOFF_MINUTES, DJANGO_PROXY_COUNT, DJANGO_API_RATE,
DJANGO_ADMIN_LANGUAGE, DJANGO_PAGE_MAX_AGE, DJANGO_PAGE_CACHE_SECONDS, DJANGO_PAGE_CACHE_ENTRIES,
DJANGO_PARSE_SECONDS, ARCHIVE_RELEASE.
"""

import hashlib
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    return value in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or default


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off "
            "(for local development set DJANGO_DEBUG=1)."
        )
    # Only ever used with DEBUG on, on a developer's own machine.
    SECRET_KEY = "insecure-local-development-key"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before staticfiles so runserver serves static files the way production does.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "simple_history",
    "csp",
    "archive.apps.LoginProtectionConfig",  # django-axes
    "archive",
]

MIDDLEWARE = [
    # First, so every database read of the request (session, user, view) is routed alike.
    "archive.routers.ReplicaReadsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "archive.web.middleware.RejectNulMiddleware",
    "archive.web.middleware.RequestSizeMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "archive.web.middleware.AdminLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records which editor made each change in the articles' history.
    "simple_history.middleware.HistoryRequestMiddleware",
    "archive.web.middleware.ContentSecurityPolicyMiddleware",
    # Inside the ones above, so a stored page gets this request's security headers.
    "archive.web.page_cache.middleware.PublicPageCacheMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its own response.
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy on every response: scripts, styles, images and forms from this site
# only, no inline code (the templates have none; the browser tests fail on any violation), no
# framing, no plugins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Login rate limiting (django-axes): after this many failed logins for one user name from one
# address, that pair is locked out for the cool-off time; a successful login resets the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DJANGO_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "429.html"
# The reader's address behind the proxies in front (archive.web.middleware.client_address): with
# DJANGO_HTTPS one TLS proxy is assumed; DJANGO_PROXY_COUNT says how many append X-Forwarded-For.
ARCHIVE_PROXY_COUNT = int(
    os.environ.get("DJANGO_PROXY_COUNT", "1" if env_bool("DJANGO_HTTPS") else "0")
)
AXES_CLIENT_IP_CALLABLE = "archive.web.middleware.client_address"

ROOT_URLCONF = "archive.urls"
WSGI_APPLICATION = "archive.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Read replicas: the public site's reads go to them (archive/routers.py), everything else to the
# primary. Each URL becomes an alias replica1, replica2, …
ARCHIVE_READ_REPLICAS = []
for number, url in enumerate(env_list("DATABASE_REPLICA_URLS", []), start=1):
    DATABASES[f"replica{number}"] = dj_database_url.parse(
        url, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"], conn_health_checks=True
    )
    ARCHIVE_READ_REPLICAS.append(f"replica{number}")
DATABASE_ROUTERS = ["archive.routers.ReplicaRouter"]
# Seconds an editor's browser reads the primary after a write: longer than a replica lags.
ARCHIVE_REPLICA_LAG = int(os.environ.get("DATABASE_REPLICA_LAG", "10"))
for database in DATABASES.values():
    if database["ENGINE"] == "django.db.backends.sqlite3":
        # Wait for a concurrent writer (an import while the site is browsed) instead of failing.
        database.setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "archive" / "locale"]
# The admin's language whatever the browser prefers (empty: the browser's, as the public site).
ARCHIVE_ADMIN_LANGUAGE = os.environ.get("DJANGO_ADMIN_LANGUAGE", "zh-hans")
ARCHIVE_ADMIN_PREFIX = "admin/"  # where archive/urls.py mounts the admin
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed but not manifest-hashed: tests and fresh checkouts work without collectstatic.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Uploads waiting between the admin's preview and import (archive/admin/pending.py); not served.
ARCHIVE_UPLOAD_DIR = Path(os.environ.get("DJANGO_UPLOAD_DIR", BASE_DIR / "uploads"))
# No request body over this is read at all (archive.web.middleware.RequestSizeMiddleware): 50 text
# files of a typical page's size, with room.
ARCHIVE_MAX_REQUEST_BYTES = 25 * 1024 * 1024
# Form fields other than files, held in memory: an article body (at most 2 MB) fits with room.
DATA_UPLOAD_MAX_MEMORY_SIZE = 4 * 1024 * 1024

# The JSON API (archive/api/, Django REST framework): read-only and anonymous, so JSON alone
# (the browsable pages' inline scripts break the Content-Security-Policy), no sessions or CSRF.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["archive.api.throttles.ReaderRateThrottle"],
    "EXCEPTION_HANDLER": "archive.api.errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "archive.api.errors.RefusalsSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "上海报刊档案 API",
    "DESCRIPTION": "只读。文章的筛选与搜索参数与网站列表页完全相同。",
    "VERSION": "1",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,  # the description does not describe itself
}
# Requests a minute one address may make to the JSON API (archive.api.throttles).
ARCHIVE_API_RATE = int(os.environ.get("DJANGO_API_RATE", "120"))

# Behind a TLS-terminating proxy in production.
if env_bool("DJANGO_HTTPS"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    # A year by default, subdomains included; DJANGO_HSTS_SECONDS=300 while trying HTTPS out.
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)

# Redis, when there is one (README "Scaling"): the cache every web worker shares, so a figure one
# worker recomputes after an import is the one all of them show, and the broker and result store
# of the Celery workers that import files sent with ``import_articles --queue``.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        # A cache error is a miss, never a failed page (archive/cache/backend.py).
        "default": {"BACKEND": "archive.cache.backend.ResilientRedisCache", "LOCATION": REDIS_URL}
    }
# Public pages for readers who are not logged in (archive/cache/): browsers and proxies
# may reuse one for ARCHIVE_PAGE_MAX_AGE seconds; the shared cache keeps it until the archive
# changes, at most ARCHIVE_PAGE_CACHE_SECONDS (0: never stored), and stores at most
# ARCHIVE_PAGE_CACHE_ENTRIES new pages in that time, none over ARCHIVE_PAGE_CACHE_MAX_BYTES.
ARCHIVE_PAGE_MAX_AGE = int(os.environ.get("DJANGO_PAGE_MAX_AGE", "60"))


def code_version() -> str:
    """A digest of the code, templates and static files: the same in every worker of one deploy,
    different after a deploy that changed any of them."""
    digest = hashlib.sha256()
    for root in ("archive", "templates"):
        for path in sorted((BASE_DIR / root).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(BASE_DIR).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


# Part of the generation (cache.versions), so a deploy makes every stored page and ETag stale:
# a browser never keeps old HTML with a 304 after new templates. Set it to the release's name.
ARCHIVE_RELEASE = os.environ.get("ARCHIVE_RELEASE") or code_version()
ARCHIVE_PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "600"))
ARCHIVE_PAGE_CACHE_ENTRIES = int(os.environ.get("DJANGO_PAGE_CACHE_ENTRIES", "20000"))
ARCHIVE_PAGE_CACHE_MAX_BYTES = 1024 * 1024
# A listing's rows, for readers not logged in, until the archive changes, at most this long
# (0: rendered every time).
ARCHIVE_FRAGMENT_CACHE_SECONDS = int(os.environ.get("DJANGO_FRAGMENT_CACHE_SECONDS", "600"))
# At most this many new rows and figures per window of their lifetime, as for pages: about 2 KB
# a row and 1 KB a figure, so with the pages' budget the cache stays within a few hundred MB.
ARCHIVE_FRAGMENT_CACHE_ENTRIES = int(os.environ.get("DJANGO_FRAGMENT_CACHE_ENTRIES", "100000"))
ARCHIVE_FIGURE_CACHE_ENTRIES = int(os.environ.get("DJANGO_FIGURE_CACHE_ENTRIES", "50000"))
# The facets and coverage charts of listings across the whole archive (every search, the listing
# of everything) are counted again at most this often while the newsroom writes, and say when
# they were counted; a listing of one person's, district's or day's articles never waits
# (cache.versions.everything_for_figures). 0: counted again after every change.
ARCHIVE_FIGURES_LAG_SECONDS = int(os.environ.get("DJANGO_FIGURES_LAG_SECONDS", "60"))
# After a change, pages are neither stored nor tagged while a replica may not have it yet.
ARCHIVE_PAGE_SETTLE_SECONDS = ARCHIVE_REPLICA_LAG if ARCHIVE_READ_REPLICAS else 0
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "archive")
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # a file is a few seconds of work: spread them evenly
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The most seconds one file's parse may take (archive/ingest/budget.py); past it the file is
# refused with a clear message, in the command, the admin's upload and the queue alike.
ARCHIVE_PARSE_SECONDS = float(os.environ.get("DJANGO_PARSE_SECONDS", "10"))
# An import fingerprints each article and links copies of one story (services/copies.py);
# ARCHIVE_FIND_COPIES=off skips both (the benchmark measures what they cost).
ARCHIVE_FIND_COPIES = os.environ.get("ARCHIVE_FIND_COPIES", "on").lower() not in ("off", "0")
# A queued file whose worker was killed is delivered again at most this many times in all.
ARCHIVE_QUEUE_DELIVERIES = 3
# Seconds import_articles --queue waits for each file's result before it says it is still queued.
ARCHIVE_QUEUE_WAIT = 600

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# Serve app static files straight from their folders too, so a fresh checkout (and the test
# suite) works without collectstatic; production still runs collectstatic for compression.
WHITENOISE_USE_FINDERS = True
