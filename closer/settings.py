"""One settings file for every mode, read from the environment (see README: Configuration).

Local mode (the default) runs on an embedded SQLite file in the user's data directory with one
implicit user and listens on loopback only.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from closer.clock import machine_zone
from closer.env import envbool, envint, envlist, sqlite_path

BASE_DIR = Path(__file__).resolve().parent

CLOSER_MODE = os.environ.get("CLOSER_MODE", "local").strip().lower() or "local"
if CLOSER_MODE not in {"local", "hosted"}:
    raise ImproperlyConfigured(f"CLOSER_MODE must be local or hosted, not {CLOSER_MODE!r}.")
HOSTED = CLOSER_MODE == "hosted"
DEBUG = envbool("DEBUG", default=False)

# Local mode never leaves loopback, so a fixed key protects nothing that a visitor could reach;
# hosted mode must bring its own.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if HOSTED:
        raise ImproperlyConfigured(
            "Hosted mode needs SECRET_KEY, a secret of 50 or more random characters that signs "
            "sessions and links. Make one and set it before starting: export SECRET_KEY="
            "\"$(python -c 'import secrets; print(secrets.token_urlsafe(50))')\" "
            "(see README: Hosted mode)."
        )
    SECRET_KEY = "closer-local-only-not-a-secret"
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "" if HOSTED else "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "closer.web",
    "closer.accounts",
    "closer.people",
    "closer.pipeline",
    "closer.outbox",
    "closer.reminders",
    "closer.coaching",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "closer.accounts.middleware.LocalUserMiddleware",
    "closer.accounts.middleware.UserZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "closer.web.middleware.PrivatePagesMiddleware",
]

ROOT_URLCONF = "closer.urls"
WSGI_APPLICATION = "closer.wsgi.application"

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
                "closer.accounts.context.mode",
            ],
        },
    }
]


def _database() -> dj_database_url.DBConfig:
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        # One test database per run, so two test runs on one server never collide.
        config["TEST"] = {"NAME": f"test_closer_{os.getpid()}"}
        return config
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(sqlite_path()),
        "OPTIONS": {
            # WAL and IMMEDIATE transactions let the web app and the CLI write side by side
            # without "database is locked" surprises.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
        # Kept open between requests by a gunicorn worker: opening a file and setting it up
        # costs more than a small page. (The threaded local server closes each thread's own.)
        "CONN_MAX_AGE": 600,
        "CONN_HEALTH_CHECKS": True,
        # Tests use a real file (not :memory:) outside the user's data directory.
        "TEST": {"NAME": str(Path(tempfile.gettempdir()) / f"closer-test-{os.getpid()}.sqlite3")},
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

USE_TZ = True
TIME_ZONE = "UTC"  # storage; each user's own zone lives in their settings
# Django points the process's TZ at TIME_ZONE once these settings load, hiding the machine's
# own zone (a new user's default); remember it first.
CLOSER_MACHINE_ZONE = machine_zone()
USE_I18N = False
LANGUAGE_CODE = "en"

STATIC_URL = "static/"
# The project's own static files (the stylesheet) live beside the project templates.
STATICFILES_DIRS = [BASE_DIR / "static"]
# Local mode serves static files straight from the finders; a hosted deployment collects them.
STATIC_ROOT = os.environ.get("STATIC_ROOT") or None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
if HOSTED and STATIC_ROOT:
    # Collected, hashed and compressed once at deploy time (`python -m closer.manage
    # collectstatic`), so whitenoise can let browsers cache them for ever.
    STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
    WHITENOISE_USE_FINDERS = False

# --- Accounts, sessions and security (hosted mode; local mode has one implicit user) ---------

# The first loads each request's user with their settings; ModelBackend stays so that
# sessions signed in through it before keep working.
AUTHENTICATION_BACKENDS = [
    "closer.accounts.backends.UserWithSettingsBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/login/"
# "open": anyone may sign up; "invite": only with an invitation (`closer invite EMAIL`, or a
# coach invitation).
CLOSER_SIGNUP = os.environ.get("CLOSER_SIGNUP", "open").strip().lower() or "open"
if CLOSER_SIGNUP not in {"open", "invite"}:
    raise ImproperlyConfigured(f"CLOSER_SIGNUP must be open or invite, not {CLOSER_SIGNUP!r}.")
# Login throttling: this many failures within the window locks an account, and (a larger
# number) a client address, until the window has passed.
CLOSER_LOGIN_WINDOW_MINUTES = envint("CLOSER_LOGIN_WINDOW_MINUTES", 15)
CLOSER_LOGIN_MAX_PER_ACCOUNT = envint("CLOSER_LOGIN_MAX_PER_ACCOUNT", 5)
CLOSER_LOGIN_MAX_PER_ADDRESS = envint("CLOSER_LOGIN_MAX_PER_ADDRESS", 20)
# How many reverse proxies in front of Closer append to X-Forwarded-For; 0 trusts none, so
# the throttle counts REMOTE_ADDR.
CLOSER_PROXY_COUNT = envint("CLOSER_PROXY_COUNT", 0)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]
PASSWORD_RESET_TIMEOUT = envint("PASSWORD_RESET_TIMEOUT", 60 * 60 * 24)

# A session lasts two weeks from login unless configured otherwise; changing the password
# ends every other session (Django checks the password hash kept in each session).
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 60 * 60 * 24 * 14)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Hosted mode runs behind a TLS-terminating reverse proxy; local mode is plain http on
# loopback, where secure cookies would simply never be sent back.
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", default=HOSTED)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", default=HOSTED)
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", default=HOSTED)
if envbool("SECURE_PROXY_SSL_HEADER", default=HOSTED):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365 if HOSTED else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=HOSTED)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", default=HOSTED)

# Sending notes by SMTP. No EMAIL_HOST means sending is off (clipboard, mailto and .eml still
# work). The password is only ever handed to the SMTP connection, never logged or stored.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or "closer.mail.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "").strip()
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", default=False)
# The usual port of each way of connecting, unless one is given.
EMAIL_PORT = envint("EMAIL_PORT", 465 if EMAIL_USE_SSL else 587 if EMAIL_USE_TLS else 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 20)
# The sender when a user has not set their own address in Settings.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "").strip()
# Reminder emails and calendar feeds link back to Closer, so they need its public address.
CLOSER_BASE_URL = os.environ.get("CLOSER_BASE_URL", "").strip() or "http://127.0.0.1:8000"
# The sender of reminder emails (they go to the user, not on the user's behalf).
CLOSER_REMINDER_FROM = (
    os.environ.get("CLOSER_REMINDER_FROM", "").strip() or DEFAULT_FROM_EMAIL or "closer@localhost"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
