"""Developer settings: DEBUG on, console e-mail, embedded PostgreSQL unless DATABASE_URL is set."""

from __future__ import annotations

from caseweb.embedded_pg import database_settings

from .base import *  # noqa: F403
from .base import DATABASES, MIDDLEWARE, VAR_DIR, env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-never-use-in-production")
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")

if "default" not in DATABASES:
    DATABASES["default"] = database_settings(VAR_DIR / "pgdata", "caseweb")

DEMO_ALLOWED = True
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="Caseweb-demo-2026")

# runserver and the test client serve static files themselves; WhiteNoise is for production.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]

# A valid Fernet key (32 url-safe base64 bytes), public on purpose: development data only.
DEV_SEALED_KEY = "ZGV2LW9ubHktc2VhbGVkLWZpZWxkLWtleS0wMDAwMDA="

# Keys for sealed fields and the audit chain: fixed, public, and good only for this machine's
# throw-away data. Production requires its own (caseweb/settings/prod.py).
SEALED_FIELD_KEYS = env.list("SEALED_FIELD_KEYS", default=[DEV_SEALED_KEY])
SEALED_INDEX_KEY = env.str("SEALED_INDEX_KEY", default="dev-only-blind-index-key")
AUDIT_CHAIN_KEY = env.str("AUDIT_CHAIN_KEY", default="dev-only-audit-chain-key")
