"""Shared fixtures: users of each role in Anbar, and outsiders in another governorate."""

from __future__ import annotations

import pytest

from cases.accounts import roles
from tests.factories import UnitFactory, UserFactory, governorate

PASSWORD = "Secret-passw0rd!"


@pytest.fixture
def anbar_unit(db):
    return UnitFactory(governorate=governorate("ANB"), name_en="Ramadi Police Station")


@pytest.fixture
def nineveh_unit(db):
    return UnitFactory(governorate=governorate("NIN"), name_en="Mosul Police Station")


@pytest.fixture
def officer(anbar_unit):
    return UserFactory(unit=anbar_unit, roles=[roles.OFFICER], username="officer")


@pytest.fixture
def colleague(anbar_unit):
    """Another officer of the same unit and jurisdiction."""
    return UserFactory(unit=anbar_unit, roles=[roles.OFFICER], username="colleague")


@pytest.fixture
def outsider(nineveh_unit):
    """An officer of another governorate."""
    return UserFactory(unit=nineveh_unit, roles=[roles.OFFICER], username="outsider")


@pytest.fixture
def judge(db):
    court = UnitFactory(
        governorate=governorate("ANB"), kind="investigating_court", name_en="Anbar Court"
    )
    return UserFactory(unit=court, roles=[roles.JUDGE], username="judge")


@pytest.fixture
def supervisor(anbar_unit):
    return UserFactory(
        unit=anbar_unit,
        roles=[roles.SUPERVISOR],
        username="supervisor",
        governorates=[governorate("SAL")],
    )


@pytest.fixture
def no_role_user(anbar_unit):
    return UserFactory(unit=anbar_unit, username="norole")


@pytest.fixture
def auditor(db):
    unit = UnitFactory(governorate=governorate("BGD"), kind="office", name_en="Ministry")
    return UserFactory(unit=unit, roles=[roles.AUDITOR], username="auditor", national_scope=True)


# --- A migrated template database, cloned for each test run --------------------------------------
#
# Migrating an empty database takes tens of seconds (pghistory and pgtrigger add hundreds of
# operations). The first run after a change of the migrations builds the test database by
# migrating and keeps a copy as a PostgreSQL template; every later run (and each xdist worker)
# clones it in a second. The template is keyed by the migrations and requirements, so a new
# migration builds a new one; rows that code registers at start-up (roles, deadline kinds,
# reference data) are refreshed on every clone by the post_migrate signal.


def _migrations_key() -> str:
    import hashlib
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    files = sorted(root.glob("cases/*/migrations/*.py")) + sorted(
        root.glob("tests/*/migrations/*.py")
    )
    for path in [*files, root / "requirements.txt"]:
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@pytest.fixture(scope="session")
def django_db_setup(
    request, django_test_environment, django_db_blocker, django_db_modify_db_settings
):
    import contextlib

    from django.conf import settings
    from django.core.management.sql import emit_post_migrate_signal
    from django.db import DatabaseError, connection

    original = connection.settings_dict["NAME"]
    test_name = connection.creation._get_test_db_name()
    template = f"caseweb_tmpl_{_migrations_key()}"
    quote = connection.ops.quote_name
    with django_db_blocker.unblock():
        with connection._nodb_cursor() as cursor:
            # One process builds the template; the others wait for it, then clone it.
            cursor.execute("SELECT pg_advisory_lock(hashtext(%s))", [template])
            try:
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
                exists = cursor.fetchone() is not None
                if not exists:
                    connection.creation.create_test_db(
                        verbosity=0, autoclobber=True, serialize=False
                    )
                    connection.close()
                    cursor.execute(f"CREATE DATABASE {quote(template)} TEMPLATE {quote(test_name)}")
                    cursor.execute(
                        "SELECT datname FROM pg_database"
                        " WHERE datname LIKE 'caseweb\\_tmpl\\_%%' AND datname <> %s",
                        [template],
                    )
                    for (stale,) in cursor.fetchall():
                        # Being cloned by another run right now: it goes the next time.
                        with contextlib.suppress(DatabaseError):
                            cursor.execute(f"DROP DATABASE IF EXISTS {quote(stale)}")
                else:
                    cursor.execute(f"DROP DATABASE IF EXISTS {quote(test_name)}")
                    cursor.execute(f"CREATE DATABASE {quote(test_name)} TEMPLATE {quote(template)}")
                    settings.DATABASES["default"]["NAME"] = test_name
                    connection.settings_dict["NAME"] = test_name
            finally:
                cursor.execute("SELECT pg_advisory_unlock(hashtext(%s))", [template])
        if exists:
            connection.close()
            emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    yield
    with django_db_blocker.unblock():
        try:
            connection.creation.destroy_test_db(original, verbosity=0)
        except DatabaseError as exc:
            request.node.warn(
                pytest.PytestWarning(f"Error when dropping the test database: {exc!r}")
            )
