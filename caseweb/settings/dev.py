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
