"""Test settings: a database of the tests' own, eager Celery, fast hashing.

Without DATABASE_URL the tests start their own embedded PostgreSQL cluster under var/pgtest, apart
from the developer's data; pytest-django then creates and drops a ``test_`` database on it. With
DATABASE_URL, pytest-django likewise creates ``test_<name>`` and never touches ``<name>`` itself.
"""

from __future__ import annotations

from caseweb.embedded_pg import database_settings

from .base import *  # noqa: F403
from .base import DATABASES, MIDDLEWARE, VAR_DIR

DEBUG = False
SECRET_KEY = "test-only-key-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]

if "default" not in DATABASES:
    DATABASES["default"] = database_settings(VAR_DIR / "pgtest", "caseweb")

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Unit tests run tasks in-process; the integration tests switch this off and start a real worker.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
DEMO_ALLOWED = True
DEMO_PASSWORD = "Test-demo-password-1"  # noqa: S105

# runserver and the test client serve static files themselves; WhiteNoise is for production.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]
