"""Settings shared by every environment. Read from the environment; see README "Configuration"."""

from __future__ import annotations

import ssl
from email.utils import parseaddr
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from kombu import Exchange, Queue

from .environment import Env

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

# Every variable may also come from a file named by <NAME>_FILE (Docker secrets, systemd
# credentials): see caseweb/settings/environment.py.
env = Env()
# A developer may keep local values in .env (git-ignored); the process environment wins.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "django_otp",
    "django_otp.plugins.otp_static",
    "django_otp.plugins.otp_totp",
    "two_factor",
    "axes",
    "csp",
    # Caseweb's apps, lowest first: an app may import only those above it in this list.
    "cases.security",
    "cases.accounts",
    "cases.audit",
    "cases.deadlines",
    "cases.people",
    "cases.casefiles",
    "cases.referrals",
    "cases.legal",
    "cases.amnesty",
    "cases.courts",
    "cases.tribal",
    "cases.exports",
    "cases.imports",
    "cases.printouts",
    "cases.health",
    "cases.operations",
    "cases.reports",
    "cases.demo",
]

MIDDLEWARE = [
    # First: every response, redirects and static files included, carries the request id, and
    # every log line of the request has it.
    "cases.security.requestid.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "cases.security.middleware.NoStoreMiddleware",
    "cases.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "cases.security.middleware.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "pghistory.middleware.HistoryMiddleware",
    "cases.accounts.middleware.TwoFactorRequiredMiddleware",
    "cases.security.middleware.AccessRuleMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "caseweb.urls"
WSGI_APPLICATION = "caseweb.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cases.accounts.context_processors.navigation",
                "cases.deadlines.context_processors.bell",
            ],
        },
    },
]

# --- Database: PostgreSQL only. DATABASE_URL when set; dev and test start an embedded server.
DATABASE_URL = env.str("DATABASE_URL", default="")
DATABASES: dict = {}
if DATABASE_URL:
    DATABASES["default"] = env.db_url_config(DATABASE_URL)
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out user before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages: Arabic and English; each user's choice is stored on the user.
LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="en")
LANGUAGES = [("ar", _("Arabic")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["caseweb.formats"]  # day/month/year and 24 hours in both languages
USE_I18N = True
USE_TZ = True
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Baghdad")
LANGUAGE_COOKIE_NAME = "caseweb_language"
LANGUAGE_COOKIE_SECURE = False
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Sessions: idle and absolute timeouts (cases/security/middleware.py), cookies out of reach
# of scripts. The session cookie itself lives no longer than the absolute timeout.
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
SESSION_ABSOLUTE_TIMEOUT = env.int("SESSION_ABSOLUTE_TIMEOUT", default=12 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_NAME = "caseweb_session"
CSRF_COOKIE_NAME = "caseweb_csrftoken"

# --- Login hardening: lockout (django-axes) and two-factor authentication (django-otp).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_USERNAME_CALLABLE = "cases.accounts.lockout.username_for_axes"
OTP_TOTP_ISSUER = "Caseweb"
TWO_FACTOR_REMEMBER_COOKIE_AGE = None

# --- Headers: a Content-Security-Policy with no inline script, framing refused everywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# --- Sealed fields: Fernet keys from the environment (never the database). The first key
# encrypts; every key decrypts, so a new key goes first and `manage.py rotate_sealed_keys`
# re-encrypts. The blind-index key makes HMAC look-up columns for exact matches.
SEALED_FIELD_KEYS = env.list("SEALED_FIELD_KEYS", default=[])
SEALED_INDEX_KEY = env.str("SEALED_INDEX_KEY", default="")
# Key of the access log's hash chain: a database-only attacker cannot recompute the chain.
AUDIT_CHAIN_KEY = env.str("AUDIT_CHAIN_KEY", default="")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# --- Celery: configured here, read by caseweb/celery.py with the CELERY_ namespace.
# Without CELERY_BROKER_URL the broker is kombu's filesystem transport under var/: no server needed.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
CELERY_BROKER_DIR = Path(env.str("CELERY_BROKER_DIR", default=str(VAR_DIR / "celery-broker")))
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR / "queue"),
        "data_folder_out": str(CELERY_BROKER_DIR / "queue"),
        "control_folder": str(CELERY_BROKER_DIR / "control"),
        "store_processed": False,
    }
else:
    # A reminder must never wait behind a redelivery timeout longer than the sweep interval's
    # tolerance; see LIBRARIES.md on visibility_timeout.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
# TLS to the broker: rediss:// (Redis) or amqps:// (RabbitMQ). The password goes in the URL
# (redis://:password@host:6379/0), so the URL is a secret: CELERY_BROKER_URL_FILE.
CELERY_BROKER_SSL_CERT_REQS = env.str("CELERY_BROKER_SSL_CERT_REQS", default="required")
CELERY_BROKER_SSL_CA_FILE = env.str("CELERY_BROKER_SSL_CA_FILE", default="")
CELERY_BROKER_SSL_CERT_FILE = env.str("CELERY_BROKER_SSL_CERT_FILE", default="")
CELERY_BROKER_SSL_KEY_FILE = env.str("CELERY_BROKER_SSL_KEY_FILE", default="")
if CELERY_BROKER_URL.startswith(("rediss://", "amqps://")):
    _CERT_REQS = {
        "required": ssl.CERT_REQUIRED,
        "optional": ssl.CERT_OPTIONAL,
        "none": ssl.CERT_NONE,
    }
    if CELERY_BROKER_SSL_CERT_REQS not in _CERT_REQS:
        raise ImproperlyConfigured(
            f"CELERY_BROKER_SSL_CERT_REQS must be one of {', '.join(_CERT_REQS)}."
        )
    # redis-py names its options ssl_*; py-amqp passes them to ssl.wrap_socket without a prefix.
    _prefix = "ssl_" if CELERY_BROKER_URL.startswith("rediss://") else ""
    CELERY_BROKER_USE_SSL = {
        f"{_prefix}{name}": value
        for name, value in {
            "cert_reqs": _CERT_REQS[CELERY_BROKER_SSL_CERT_REQS],
            "ca_certs": CELERY_BROKER_SSL_CA_FILE,
            "certfile": CELERY_BROKER_SSL_CERT_FILE,
            "keyfile": CELERY_BROKER_SSL_KEY_FILE,
        }.items()
        if value != ""
    }
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or None
# Queues per kind of work, so that a ten-minute export never holds up a legal reminder: deadlines
# on one queue, exports and imports on another, the rest on the default queue. A worker without
# --queues consumes all three. A process given only CELERY_TASK_DEFAULT_QUEUE (the tests' own
# workers, the benchmark) keeps every task on that one queue.
_ONE_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="")
CELERY_TASK_DEFAULT_QUEUE = _ONE_QUEUE or "default"
CELERY_DEADLINES_QUEUE = env.str("CELERY_DEADLINES_QUEUE", default=_ONE_QUEUE or "deadlines")
CELERY_BULK_QUEUE = env.str("CELERY_BULK_QUEUE", default=_ONE_QUEUE or "bulk")
CELERY_TASK_QUEUES = [
    Queue(name, Exchange(name), routing_key=name)
    for name in dict.fromkeys(
        [CELERY_TASK_DEFAULT_QUEUE, CELERY_DEADLINES_QUEUE, CELERY_BULK_QUEUE]
    )
]
CELERY_TASK_ROUTES = {
    **{
        pattern: {"queue": CELERY_DEADLINES_QUEUE}
        for pattern in ("deadlines.*", "cases.deadlines.*")
    },
    **{
        pattern: {"queue": CELERY_BULK_QUEUE}
        for app in ("exports", "imports", "operations")
        for pattern in (f"{app}.*", f"cases.{app}.*")
    },
}
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "beat-heartbeat": {"task": "health.heartbeat", "schedule": 60.0, "args": ["beat"]},
    "deadline-sweep": {
        "task": "deadlines.sweep",
        "schedule": env.float("DEADLINE_SWEEP_INTERVAL", default=60.0),
    },
    # Expired export files deleted; exports whose message or worker was lost queued again.
    "exports-housekeeping": {"task": "exports.housekeeping", "schedule": 600.0},
}

# --- Deadlines and reminders (cases/deadlines).
DEADLINE_CHANNELS = env.list(
    "DEADLINE_CHANNELS",
    default=["cases.deadlines.channels.InAppChannel", "cases.deadlines.channels.EmailChannel"],
)
#: A queued reminder not sent after this many seconds is queued again (a lost message).
DEADLINE_REQUEUE_AFTER = env.int("DEADLINE_REQUEUE_AFTER", default=300)
DEADLINE_MAX_ATTEMPTS = env.int("DEADLINE_MAX_ATTEMPTS", default=8)
#: The address users reach Caseweb at, for links in e-mails.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

DEFAULT_EXCEPTION_REPORTER_FILTER = "cases.security.logging.RedactingExceptionReporterFilter"

#: /readyz fails when beat's last heartbeat is older than this (beat beats every 60 s).
HEALTH_BEAT_MAX_AGE = env.int("HEALTH_BEAT_MAX_AGE", default=180)

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="caseweb@localhost")
#: The mail server (SMTP). STARTTLS on 587 by default; EMAIL_USE_SSL for implicit TLS on 465.
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=587)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=True)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
#: Sender of error reports to ADMINS ("Name <address>", comma-separated; none by default).
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
ADMINS = [parseaddr(admin) for admin in env.list("ADMINS", default=[])]

# Demo logins exist only where DEMO_ALLOWED is true (dev); seed_demo refuses otherwise.
DEMO_ALLOWED = False
DEMO_PASSWORD = ""

# --- Logs: one line per event on standard output, for journald, Docker or a log collector.
# "plain" text for a developer's terminal; "json" (the default in production) is one JSON object
# per line: timestamp, level, logger, message, request_id, and the event's fields (path without
# its query string, status, duration_ms, user_id, task_name, task_id). Every line passes the
# redaction filter first (cases/security/logging.py): no names, phones or national ids.
LOG_FORMAT = env.str("LOG_FORMAT", default="plain")
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        # The request id and task of the code that logs (cases/security/requestid.py).
        "context": {"()": "cases.security.requestid.LogContextFilter"},
        "redact": {"()": "cases.security.logging.RedactingFilter"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "cases.security.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["context", "redact"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # pgserver narrates every start and stop of the embedded server at INFO.
        "pgserver": {"level": "WARNING"},
        # Celery's own "received" and "succeeded" lines would repeat caseweb.tasks' events (and
        # print return values); its failures, at ERROR with their traceback, still pass.
        "celery.app.trace": {"level": "WARNING"},
        "celery.worker.strategy": {"level": "WARNING"},
        # WeasyPrint and fontTools narrate every printout's CSS and font subsetting at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- Backups, retention, database outages (cases/operations; docs/operations.md). --------------
from celery.schedules import crontab  # noqa: E402

#: Where `manage.py backup` writes its encrypted files (mode 0600), and the key that encrypts
#: them: 32 url-safe base64 bytes (`manage.py backup --new-key`), from the environment or a file.
#: Never one of SEALED_FIELD_KEYS: a backup is worth stealing only with both keys.
BACKUP_DIR = Path(env.str("BACKUP_DIR", default=str(VAR_DIR / "backups")))
BACKUP_ENCRYPTION_KEY = env.str("BACKUP_ENCRYPTION_KEY", default="")
BACKUP_ENCRYPTION_KEY_FILE = env.str("BACKUP_ENCRYPTION_KEY_FILE", default="")
#: A folder holding pg_dump/pg_restore to prefer; otherwise the embedded server's, then PATH's,
#: then /usr/lib/postgresql/*/bin (the first whose version is not older than the server's).
BACKUP_PG_BIN_DIR = env.str("BACKUP_PG_BIN_DIR", default="")
#: Files kept by the pruning after each backup: the newest of each of the last N days, weeks
#: and months that have one.
BACKUP_KEEP_DAILY = env.int("BACKUP_KEEP_DAILY", default=7)
BACKUP_KEEP_WEEKLY = env.int("BACKUP_KEEP_WEEKLY", default=5)
BACKUP_KEEP_MONTHLY = env.int("BACKUP_KEEP_MONTHLY", default=12)
#: Beat takes a backup every night at this UTC hour when a key is configured (so not in dev).
BACKUP_NIGHTLY = env.bool(
    "BACKUP_NIGHTLY", default=bool(BACKUP_ENCRYPTION_KEY or BACKUP_ENCRYPTION_KEY_FILE)
)
BACKUP_HOUR_UTC = env.int("BACKUP_HOUR_UTC", default=23)
#: The last good backup is "too old" for monitoring after this many hours.
BACKUP_MAX_AGE_HOURS = env.int("BACKUP_MAX_AGE_HOURS", default=26)

#: Retention: what is purged, how long after what. Identity data of a person whose every case
#: ended in acquittal, dismissal or a granted amnesty; a referral's sealed source after the
#: referral closed. DOMAIN.md sets no period: 10 years is a placeholder for the ministry's legal
#: counsel to confirm. The access log is never purged (it is the legal record).
RETENTION_IDENTITY_YEARS = env.int("RETENTION_IDENTITY_YEARS", default=10)
RETENTION_SOURCE_YEARS = env.int("RETENTION_SOURCE_YEARS", default=10)
#: The daily task purges only when this is on; otherwise it logs what it would purge.
RETENTION_ENABLED = env.bool("RETENTION_ENABLED", default=False)
RETENTION_BATCH_SIZE = env.int("RETENTION_BATCH_SIZE", default=200)
RETENTION_HOUR_UTC = env.int("RETENTION_HOUR_UTC", default=1)

CELERY_BEAT_SCHEDULE["retention-daily"] = {
    "task": "operations.retention",
    "schedule": crontab(minute=30, hour=RETENTION_HOUR_UTC),
}
if BACKUP_NIGHTLY:
    CELERY_BEAT_SCHEDULE["backup-nightly"] = {
        "task": "operations.backup",
        "schedule": crontab(minute=0, hour=BACKUP_HOUR_UTC),
    }

# A database outage answers a clear 503 page in the user's language, not a 500; placed outside
# the session middleware so that a failed session save is caught too.
MIDDLEWARE.insert(
    MIDDLEWARE.index("csp.middleware.CSPMiddleware") + 1,
    "cases.operations.middleware.DatabaseUnavailableMiddleware",
)
