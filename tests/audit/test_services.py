"""Appending to the access log: chained, serialised, append-only in the database."""

from __future__ import annotations

import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, connections, transaction

from cases.audit import chain
from cases.audit.models import AccessLogEntry
from cases.audit.services import access_log_record, chain_key

A = AccessLogEntry.Action


def _intact() -> bool:
    from cases.audit.selectors import access_log_chain_breaks

    return next(access_log_chain_breaks(chain_key()), None) is None


@pytest.mark.django_db
def test_entries_link_to_the_previous_one(officer, anbar_unit):
    first = access_log_record(action=A.VIEW, user=officer, obj=anbar_unit)
    second = access_log_record(action=A.VIEW, user=officer, obj=anbar_unit)
    assert first.prev_hash == chain.GENESIS or first.prev_hash
    assert second.prev_hash == first.hash
    assert second.governorate_id == anbar_unit.governorate_id
    assert second.object_id == str(anbar_unit.pk)
    assert _intact()


@pytest.mark.django_db
def test_the_database_refuses_update_and_delete(officer):
    entry = access_log_record(action=A.LOGIN, user=officer)
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLogEntry.objects.filter(pk=entry.pk).update(username="x")
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLogEntry.objects.filter(pk=entry.pk).delete()
    assert AccessLogEntry.objects.get(pk=entry.pk).username == "officer"


def _tamper(sql: str, params: list) -> None:
    """What an attacker with database superuser rights does: switch the triggers off."""
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        cursor.execute(sql, params)
        cursor.execute("SET session_replication_role = DEFAULT")


@pytest.mark.django_db
def test_verify_command_names_the_entry_changed_by_sql(officer, capsys):
    entries = [access_log_record(action=A.VIEW, user=officer) for _ in range(5)]
    call_command("verify_access_log")
    assert "intact" in capsys.readouterr().out
    _tamper("UPDATE audit_accesslogentry SET username = 'nobody' WHERE id = %s", [entries[2].pk])
    with pytest.raises(CommandError, match=f"entry {entries[2].pk}: its content"):
        call_command("verify_access_log")


@pytest.mark.django_db
def test_verify_command_finds_a_deleted_entry(officer):
    entries = [access_log_record(action=A.VIEW, user=officer) for _ in range(4)]
    _tamper("DELETE FROM audit_accesslogentry WHERE id = %s", [entries[1].pk])
    with pytest.raises(CommandError, match=f"entry {entries[2].pk}: its link"):
        call_command("verify_access_log")


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_keep_one_chain(officer):
    errors = []

    def append(n: int) -> None:
        try:
            for _ in range(n):
                access_log_record(action=A.VIEW, user=officer)
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=append, args=(10,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert AccessLogEntry.objects.filter(action=A.VIEW).count() == 40
    assert _intact()
