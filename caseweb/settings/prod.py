"""Production settings: every secret from the environment (or a file named by ``<NAME>_FILE``),
no defaults that could leak, and a refusal to start on anything unsafe or half-configured.

docs/operations.md says how to deploy; deploy/caseweb.env.example lists every variable.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    CELERY_BROKER_URL,
    DATABASE_URL,
    DATABASES,
    EMAIL_USE_SSL,
    EMAIL_USE_TLS,
    LOGGING,
    SECRET_KEY,
    env,
)

DEBUG = False  # never read from the environment in production

if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set (at least 50 characters) in production.")
if not DATABASE_URL:
    raise ImproperlyConfigured("DATABASE_URL must be set in production.")

#: Old signing keys still accepted while a new SECRET_KEY takes over (sessions, password-reset
#: links): docs/operations.md, rotating secrets. Comma-separated; from a file like any other.
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

for _name in ("SEALED_FIELD_KEYS", "SEALED_INDEX_KEY", "AUDIT_CHAIN_KEY"):
    if not env.str(_name, default=""):
        raise ImproperlyConfigured(f"{_name} must be set in production (see docs/operations.md).")

# --- Database: persistent connections, checked before reuse so that a connection the server or
# a pooler closed meanwhile is replaced instead of failing the request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
    "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5)
)

# --- Broker: the filesystem transport works only on one machine, where web, worker and beat
# share a folder; a worker elsewhere would never see the reminders. Redis or RabbitMQ.
if not CELERY_BROKER_URL.startswith(("redis://", "rediss://", "amqp://", "amqps://")):
    raise ImproperlyConfigured(
        "CELERY_BROKER_URL must name Redis (redis://, rediss://) or RabbitMQ (amqp://, amqps://)"
        " in production."
    )

if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured(
        "EMAIL_USE_TLS (STARTTLS, port 587) and EMAIL_USE_SSL (port 465) exclude each other:"
        " set EMAIL_USE_TLS=false to use EMAIL_USE_SSL."
    )

# --- Logs: JSON lines unless told otherwise.
LOG_FORMAT = env.str("LOG_FORMAT", default="json")
if LOG_FORMAT not in LOGGING["formatters"]:
    raise ImproperlyConfigured(f"LOG_FORMAT must be one of {', '.join(LOGGING['formatters'])}.")
LOGGING["handlers"]["console"]["formatter"] = LOG_FORMAT

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# The load balancer's probes come over plain HTTP from inside: they must not be redirected.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# WhiteNoise serves the files `manage.py collectstatic` wrote, with hashed names and gzip and
# Brotli copies, cached for a year by browsers and the proxy.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DEMO_ALLOWED = False
DEMO_PASSWORD = ""
