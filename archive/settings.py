"""Settings for Parallax, all read from the environment (see README, "Configuration")."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), not {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = envbool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEV_SECRET_KEY and not envbool("PARALLAX_ALLOW_DEV_KEY", False):
    # Fail fast, like djangoproject.com's production settings: a public site must never
    # run on the key that is printed in this file.
    raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=true for local development).")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
# Web pages on other sites that may read the API from a browser (e.g. https://notebook.example.org):
# none unless listed, and only the read-only /api/ (django-cors-headers).
CORS_ALLOWED_ORIGINS = envlist("CORS_ALLOWED_ORIGINS", [])
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
# How many reverse proxies stand in front of the site (README, "Serving in production"). Behind
# one, X-Forwarded-Proto says whether the client used HTTPS and X-Forwarded-For who the client is;
# with none they are not trusted (a client could send them).
PROXY_COUNT = envint("PARALLAX_PROXY_COUNT", 0)

# One folder holds the whole archive: the SQLite file, the search index and uploads.
# Made by manage.py and wsgi.py (archive/datadir.py), not here: importing the settings writes nothing.
DATA_DIR = Path(os.environ.get("PARALLAX_DATA_DIR") or BASE_DIR / "var").resolve()
SEEDS_DIR = Path(os.environ.get("PARALLAX_SEEDS") or BASE_DIR.parent / "shared" / "seeds")

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'parallax.sqlite3'}",
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while an upload writes; a busy timeout makes a second
    # writer wait instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        # Seconds a writer waits for the lock before "database is locked" (a task worker then
        # waits and tries again: PARALLAX_LOCK_RETRY_SECONDS below).
        "timeout": envint("PARALLAX_SQLITE_TIMEOUT", 20),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

# A PostgreSQL streaming replica for the public pages' reads (archive/routers.py; README, "Reads that
# scale out"). In tests the replica is a mirror of the test database.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=envint("DATABASE_CONN_MAX_AGE", 60)
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["archive.routers.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "corsheaders",
    # Background jobs through Django's tasks API (the django-tasks backport of Django 6's
    # django.tasks). The database backend's app is always installed, so migrations never depend on
    # which queue a process uses.
    "django_tasks",
    "django_tasks_db",
    "archive.apps.ArchiveConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before sessions and auth: a public GET reads everything from the replica, when there is one.
    "archive.routers.ReplicaReadsMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Before CommonMiddleware, as django-cors-headers asks; it answers only under /api/ (below).
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

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
                "archive.context_processors.site_paths",
            ],
        },
    }
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# The only login is the admin's. After it, a refused (off-site) or missing `next=` lands on the
# admin's index, not on Django's default /accounts/profile/, which this site does not have.
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

# Login throttle (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one user name from
# one address, that pair is locked out for the cool-off time. Five tries and half an hour are
# django-axes' usual advice: a person who mistypes gets in, a password guesser gets 10 tries an hour.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("PARALLAX_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=envint("PARALLAX_LOGIN_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # no banner on every manage.py command
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
# Behind reverse proxies (PROXY_COUNT) the client's address is read from X-Forwarded-For by
# django-ipware; one function gives it to the throttle and to every other per-client decision.
AXES_CLIENT_IP_CALLABLE = "archive.addresses.client_address"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
# A served site (DEBUG off) serves compressed files with content hashes in their names, cached
# for ever (whitenoise; `make serve` runs collectstatic first). Development, the tests and the
# benchmarks serve static/ as it is, without a collectstatic step (PARALLAX_STATIC_MANIFEST=false).
STATIC_MANIFEST = envbool("PARALLAX_STATIC_MANIFEST", not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = DATA_DIR / "uploads"
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST

# Uploads: the admin upload form refuses anything larger, with a message.
PARALLAX_MAX_UPLOAD_MB = envint("PARALLAX_MAX_UPLOAD_MB", 50)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = envint("PARALLAX_MAX_UPLOAD_FILES", 1000)

# The task queue (archive/jobs/tasks.py): "db" keeps jobs in the database and needs no server
# (`manage.py run_worker` runs them); "rq" puts them on Redis, where workers on several machines
# share them (they also need the same database and PARALLAX_DATA_DIR/uploads).
PARALLAX_TASKS = os.environ.get("PARALLAX_TASKS", "db")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
# The queue's name: on Redis its keys are rq:queue:<name> and the like, so two archives (or two test
# runs) sharing one Redis database keep apart by naming their queues apart.
PARALLAX_TASK_QUEUE = os.environ.get("PARALLAX_TASK_QUEUE") or "default"
if PARALLAX_TASKS == "db":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": [PARALLAX_TASK_QUEUE]}}
elif PARALLAX_TASKS == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [PARALLAX_TASK_QUEUE]}}
    # A chunk of files runs for seconds to minutes; RQ's default timeout is 3 minutes.
    RQ_QUEUES = {PARALLAX_TASK_QUEUE: {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 3600}}
else:
    raise ImproperlyConfigured(f"PARALLAX_TASKS must be db or rq, not {PARALLAX_TASKS!r}")
# How much lower a task worker's CPU priority is than the web server's (`nice`; 0 keeps it equal):
# readers' requests come before a background import on a machine that runs both.
PARALLAX_WORKER_NICE = envint("PARALLAX_WORKER_NICE", 10)
# Files per chunk of an import job: one task each, so several workers share a big upload.
PARALLAX_JOB_CHUNK_FILES = envint("PARALLAX_JOB_CHUNK_FILES", 50)
# A running chunk whose worker has not been heard from for this long is run again (its worker
# died); a live worker says it is alive every few seconds (archive/jobs/runner.py).
PARALLAX_JOB_STALE_SECONDS = envint("PARALLAX_JOB_STALE_SECONDS", 60)
# A task worker that meets a locked database ("database is locked": SQLite's write lock held past
# its busy timeout) waits this long, doubling up to the maximum, and tries again: it never exits on
# it (archive/management/commands/run_worker.py), and a chunk that meets it runs again.
PARALLAX_LOCK_RETRY_SECONDS = envint("PARALLAX_LOCK_RETRY_SECONDS", 1)
PARALLAX_LOCK_RETRY_MAX_SECONDS = envint("PARALLAX_LOCK_RETRY_MAX_SECONDS", 60)
# An upload folder (PARALLAX_DATA_DIR/uploads/<job>/) with no job, or whose job ended, this long
# ago is removed by `manage.py clean_uploads`, when a worker starts and after each job ends
# (archive/jobs/cleaning.py). An ended job's own files go at once.
PARALLAX_UPLOAD_ORPHAN_SECONDS = envint("PARALLAX_UPLOAD_ORPHAN_SECONDS", 3600)

# E-mail (the saved searches' digests, archive/following/digests.py): printed on the console unless
# an SMTP server is named. EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS
# and EMAIL_USE_SSL are Django's own settings, read from the same-named variables.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = envint("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", False)
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", not EMAIL_USE_SSL)
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Parallax <parallax@localhost>")
# The site's address as readers reach it, for links in e-mails (which have no request to read it from).
PARALLAX_SITE_URL = os.environ.get("PARALLAX_SITE_URL", "http://127.0.0.1:8000")

# Search backends, loaded by archive.search.get_backend(alias). PARALLAX_SEARCH_BACKEND is "whoosh"
# (the default: an index folder beside the database), "postgres" (the database is the index; needs
# DATABASE_URL to be PostgreSQL) or a dotted class path; anything else stops with
# InvalidSearchBackendError (archive/search/backends/__init__.py) at the first search.
SEARCH_BACKEND_NAMES = {
    "whoosh": "archive.search.backends.whoosh.backend.WhooshBackend",
    "postgres": "archive.search.backends.postgres.backend.PostgresBackend",
}
_search_backend = os.environ.get("PARALLAX_SEARCH_BACKEND") or "whoosh"
SEARCH_BACKENDS = {
    "default": {
        "BACKEND": SEARCH_BACKEND_NAMES.get(_search_backend, _search_backend),
        "PATH": os.environ.get("PARALLAX_INDEX_DIR") or str(DATA_DIR / "index"),
        # Whole-archive figures a backend may cache until the archive changes (the empty query's facets).
        "CACHE": "archive.figures.cached",
    }
}
# Index each saved article after its transaction commits. Tests may switch it off.
PARALLAX_INDEX_ON_SAVE = envbool("PARALLAX_INDEX_ON_SAVE", True)
# Named-entity recognition for people; off makes ingest ~10x faster but finds no people.
PARALLAX_NER = envbool("PARALLAX_NER", True)

# HTTPS: with DEBUG off the site is assumed to be served over HTTPS (behind a proxy that sets
# X-Forwarded-Proto, or directly), so `check --deploy` passes under the README's recipe. Each
# setting can be turned off from the environment, e.g. for a plain-HTTP intranet.
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
# One year, with subdomains and preload: the values `check --deploy` and hstspreload.org ask for.
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PROXY_COUNT else None
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", not DEBUG)

# Content-Security-Policy (django-csp): pages load scripts, styles and images from this site only,
# with no inline script or style (templates keep them in static/), and cannot be framed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}
