"""One settings file, driven by environment variables.

Every value has a development default except where production must choose (see README,
"Running in production"). Bad values raise ImproperlyConfigured with the variable's name.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envfloat(name: str, default: float) -> float:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return float(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, not {value!r}") from None


DEBUG = envbool("DEBUG", False)
# For development, tests and commands only: with DEBUG=false the web application refuses to
# start on it and `check --deploy` fails (factcheck/checks.py).
DEVELOPMENT_SECRET_KEY = "django-insecure-development-key-do-not-use-in-production"
SECRET_KEY = env("SECRET_KEY") or DEVELOPMENT_SECRET_KEY
ALLOWED_HOSTS = [h.strip() for h in env("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in env("CSRF_TRUSTED_ORIGINS").split(",") if o.strip()]
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Who publishes the fact-checks (ClaimReview author).
ORGANISATION_NAME = env("ORGANISATION_NAME", "Factcheck workbench")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "django_tasks_db",
    "factcheck",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "factcheck.middleware.DatabaseUnavailableMiddleware",
    "factcheck.middleware.PrivatePagesMiddleware",
    "factcheck.middleware.HtmxMessagesMiddleware",
]

ROOT_URLCONF = "factcheck.urls"
WSGI_APPLICATION = "factcheck.wsgi.application"

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
                "django.template.context_processors.csp",
                "factcheck.context_processors.navigation",
            ],
        },
    },
]

# SQLite under var/ is the zero-set-up default; DATABASE_URL=postgres://... is production.
VAR_DIR = Path(env("VAR_DIR", str(BASE_DIR / "var")))
DATABASE_URL = env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'factcheck.sqlite3'}")
try:
    _db = dj_database_url.parse(DATABASE_URL, conn_max_age=envint("DB_CONN_MAX_AGE", 60),
                                conn_health_checks=True)
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL is not a database URL: {exc}") from None
if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db["CONN_MAX_AGE"] = 0
    _db["OPTIONS"] = {
        # WAL lets the web process read while a worker writes; IMMEDIATE avoids
        # "database is locked" on lock upgrades inside transactions.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    if _db["NAME"] and _db["NAME"] != ":memory:":
        Path(_db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
elif _db["ENGINE"] not in ("django.db.backends.postgresql",):
    raise ImproperlyConfigured("DATABASE_URL must be sqlite:/// or postgres://")
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_TASK_BACKENDS = {
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS_BACKEND = env("TASKS_BACKEND", "immediate")
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(_TASK_BACKENDS)}")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND]}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "article-list"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
TIME_ZONE = env("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Production (STATIC_MANIFEST=true, after collectstatic): WhiteNoise serves compressed files
# with hashed names. Development and tests serve them from static/ as they are.
STATIC_MANIFEST = envbool("STATIC_MANIFEST", False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage" if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
if STATIC_MANIFEST:
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

# Content Security Policy: no inline scripts, nothing from other hosts.
from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 60 * 60 * 12)
SESSION_COOKIE_HTTPONLY = True
# HTTPS=true in production: secure cookies, HSTS, redirect to https. Behind a proxy that
# terminates TLS, set PROXY_SSL_HEADER=true so X-Forwarded-Proto: https counts as secure.
HTTPS = envbool("HTTPS", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = envint("HSTS_SECONDS", 60 * 60 * 24 * 365) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = HTTPS
if envbool("PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^health/$"]

# -- Sign-in limiter (factcheck/services/signin.py): every login form, every process -------
# Failed sign-ins allowed per address and username, and per address alone, in LOGIN_WINDOW s.
LOGIN_ATTEMPTS = envint("LOGIN_ATTEMPTS", 5)
LOGIN_ADDRESS_ATTEMPTS = envint("LOGIN_ADDRESS_ATTEMPTS", 20)
LOGIN_WINDOW = envint("LOGIN_WINDOW", 15 * 60)
# Where failures are counted: "database" (default, shared by every process) or "cache" (the
# configured cache; needs REDIS_URL in production, which `check --deploy` verifies).
LOGIN_LIMIT_STORE = env("LOGIN_LIMIT_STORE", "database")
if LOGIN_LIMIT_STORE not in ("database", "cache"):
    raise ImproperlyConfigured("LOGIN_LIMIT_STORE must be database or cache")
# Behind a proxy: the client address is the last X-Forwarded-For entry (the proxy's own).
PROXY_FORWARDED_FOR = envbool("PROXY_FORWARDED_FOR", False)
AUTHENTICATION_BACKENDS = ["factcheck.services.signin.RateLimitedBackend"]
# -- end of sign-in limiter ---------------------------------------------------------------
# A shared cache (Redis) in production, so limits hold across web processes.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env("REDIS_URL")}
          if env("REDIS_URL") else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# How old the last background-task heartbeat may be before /health/ reports the worker stale.
WORKER_HEARTBEAT_MAX_AGE = envint("WORKER_HEARTBEAT_MAX_AGE", 15 * 60)

# -- Import limits (imports that cannot hurt the server) ---------------------------------
IMPORT_MAX_BYTES = envint("IMPORT_MAX_BYTES", 5 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = IMPORT_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = IMPORT_MAX_BYTES + 1024 * 1024
# A whole JSONL upload (each line is also held to IMPORT_MAX_BYTES).
IMPORT_MAX_JSONL_BYTES = envint("IMPORT_MAX_JSONL_BYTES", 50 * 1024 * 1024)
# A web paste or upload larger than this runs as a background job, never inside the request.
IMPORT_BACKGROUND_BYTES = envint("IMPORT_BACKGROUND_BYTES", 200 * 1000)
# Per article: statements stored, and quotes placed in quote-reuse clusters.
IMPORT_MAX_STATEMENTS = envint("IMPORT_MAX_STATEMENTS", 2000)
MATCH_MAX_QUOTES_PER_ARTICLE = envint("MATCH_MAX_QUOTES_PER_ARTICLE", 500)
# The whole fetch of a URL import (connect, redirects, headers and body), not each read.
IMPORT_URL_TIMEOUT = envfloat("IMPORT_URL_TIMEOUT", 10.0)
# Off in production: a URL import must never reach the newsroom's own network.
IMPORT_ALLOW_PRIVATE_URLS = envbool("IMPORT_ALLOW_PRIVATE_URLS", False)
# -- end of import limits ---------------------------------------------------------------

# Extraction: sentences scoring at least this become claim statements.
CLAIM_THRESHOLD = envfloat("CLAIM_THRESHOLD", 0.5)
if not 0.0 <= CLAIM_THRESHOLD <= 1.0:
    raise ImproperlyConfigured("CLAIM_THRESHOLD must be between 0 and 1")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"trafilatura": {"level": "WARNING"}, "htmldate": {"level": "WARNING"},
                # One line per task run is noise with the immediate backend.
                "django.tasks": {"level": "WARNING"}},
}
