"""Production settings: every secret from the environment, no defaults that could leak."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASE_URL, SECRET_KEY, env

DEBUG = False  # never read from the environment in production

if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set (at least 50 characters) in production.")
if not DATABASE_URL:
    raise ImproperlyConfigured("DATABASE_URL must be set in production.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

for _name in ("SEALED_FIELD_KEYS", "SEALED_INDEX_KEY", "AUDIT_CHAIN_KEY"):
    if not env.str(_name, default=""):
        raise ImproperlyConfigured(f"{_name} must be set in production (see docs/operations.md).")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DEMO_ALLOWED = False
DEMO_PASSWORD = ""
