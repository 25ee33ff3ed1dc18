"""Test settings: a database of the tests' own, eager Celery, fast hashing.

Without DATABASE_URL the tests start their own embedded PostgreSQL cluster under var/pgtest, apart
from the developer's data; pytest-django then creates and drops a ``test_`` database on it. With
DATABASE_URL, pytest-django likewise creates ``test_<name>`` and never touches ``<name>`` itself.
"""

from __future__ import annotations

import os

from caseweb.embedded_pg import database_settings

from .base import *  # noqa: F403
from .base import DATABASES, INSTALLED_APPS, MIDDLEWARE, VAR_DIR, env

DEBUG = False
SECRET_KEY = "test-only-key-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
INSTALLED_APPS = [*INSTALLED_APPS, "tests.sealedapp"]

if "default" not in DATABASES:
    DATABASES["default"] = database_settings(VAR_DIR / "pgtest", "caseweb")

# A test database of this run's own: two runs at once (two terminals, a helper, CI) never drop
# each other's. pytest-django adds the xdist worker's suffix to it.
DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{os.getpid()}"}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Unit tests run tasks in-process; the integration tests switch this off and start a real worker
# and beat, whose processes must not run tasks eagerly either (beat would run the sweep itself,
# without the broker): tests/support/worker.py sets CELERY_TASK_ALWAYS_EAGER=false for them.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
CELERY_TASK_EAGER_PROPAGATES = True
DEMO_ALLOWED = True
DEMO_PASSWORD = "Test-demo-password-1"  # noqa: S105

# runserver and the test client serve static files themselves; WhiteNoise is for production.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]

# A valid Fernet key (32 url-safe base64 bytes), public on purpose: development data only.
DEV_SEALED_KEY = "ZGV2LW9ubHktc2VhbGVkLWZpZWxkLWtleS0wMDAwMDA="

# Keys for sealed fields and the audit chain: fixed, public, and good only for this machine's
# throw-away data. Production requires its own (caseweb/settings/prod.py).
SEALED_FIELD_KEYS = env.list("SEALED_FIELD_KEYS", default=[DEV_SEALED_KEY])
SEALED_INDEX_KEY = env.str("SEALED_INDEX_KEY", default="dev-only-blind-index-key")
AUDIT_CHAIN_KEY = env.str("AUDIT_CHAIN_KEY", default="dev-only-audit-chain-key")
