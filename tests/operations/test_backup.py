"""Backups: an encrypted dump restored into a new database holds every record; a tampered
file, a wrong key and a non-empty target are refused; a log cut short after a backup is caught.

Runs against whatever PostgreSQL the tests use (the embedded server in `make test`, the
machine's in CI): the backup needs committed data, so these tests are transactional.
"""

from __future__ import annotations

import os
import stat

import pgtrigger
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from cases.audit.models import AccessLogEntry
from cases.audit.services import access_log_record
from cases.operations import archive, postgres
from cases.operations.models import BackupRecord
from cases.operations.services import BackupError, backup_create, backup_restore
from cases.security.sealed import SealedField
from tests.referrals.conftest import SOURCE, make_referral
from tests.support import worker

from .conftest import charged_case, grant_amnesty, record_verdict, years_ago

pytestmark = pytest.mark.django_db(transaction=True)

#: The main tables whose every row is compared by checksum after the restore.
MAIN_TABLES = [
    "people_person",
    "people_personalias",
    "casefiles_case",
    "casefiles_intake",
    "referrals_referral",
    "courts_verdict",
    "courts_chargeverdict",
    "amnesty_decision",
    "audit_accesslogentry",
    "people_personevent",
    "referrals_referralevent",
]


def url_for(name: str) -> str:
    base = worker.test_database_url()
    current = connection.settings_dict["NAME"]
    return base.replace(f"/{current}", f"/{name}", 1)


@pytest.fixture
def target():
    """A database name of this test's own on the same server, dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restored"[:63]
    names = [name]
    yield names
    with connection.cursor() as cursor:
        for n in names:
            cursor.execute(f'DROP DATABASE IF EXISTS "{n}" WITH (FORCE)')


@pytest.fixture
def world(officer, judge, court):
    """Records across the apps: cases, a sealed source, verdicts, an amnesty, access log."""
    acquitted = charged_case(officer, given="عمر")
    record_verdict(acquitted, judge=judge, court=court, finding="acquitted", final_on=years_ago(1))
    amnestied = charged_case(officer, given="زياد")
    grant_amnesty(amnestied, by=officer, on=years_ago(1))
    referral = make_referral(by=officer)
    for case in (acquitted, amnestied):
        access_log_record(action=AccessLogEntry.Action.VIEW, user=officer, obj=case)
    access_log_record(action=AccessLogEntry.Action.REVEAL, user=officer, obj=referral, reason="r")
    return {"referral": referral}


def checksums(params: dict[str, str]) -> dict[str, tuple[int, str]]:
    conn = postgres.connect(params)
    try:
        with conn.cursor() as cursor:
            result = {}
            for table in MAIN_TABLES:
                key = "pgh_id" if table.endswith("event") else "id"
                cursor.execute(
                    f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY {key}), '')) "  # noqa: S608
                    f'FROM "{table}" t'
                )
                result[table] = cursor.fetchone()
            return result
    finally:
        conn.close()


def test_a_backup_restored_into_a_new_database_holds_every_record(
    backup_settings, world, target, capsys
):
    call_command("backup", "--no-prune")
    record = BackupRecord.objects.get()
    assert record.status == "ok" and record.error == ""
    path = backup_settings.BACKUP_DIR / record.filename
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    header = archive.read_header(path)
    assert header["access_log"]["count"] == 3 == record.access_log_count
    assert header["table_counts"]["public.people_person"] == 2
    assert b"Khalaf" not in path.read_bytes()  # sealed and encrypted twice over

    call_command("restore", str(path), "--database-url", url_for(target[0]))
    out = capsys.readouterr().out
    assert "Checks passed" in out

    source = postgres.params_from_settings(connection.settings_dict)
    restored = postgres.params_from_url(url_for(target[0]))
    expected = checksums(source)
    assert checksums(restored) == expected
    assert all(count > 0 for count, _ in expected.values()), expected

    # The sealed source still opens with the key, in the restored copy.
    conn = postgres.connect(restored)
    try:
        with conn.cursor() as cursor:
            cursor.execute(
                "SELECT source_name, source_phone FROM referrals_referral WHERE id = %s",
                [world["referral"].pk],
            )
            name_token, phone_token = cursor.fetchone()
    finally:
        conn.close()
    field = SealedField()
    assert field.decrypt(name_token) == SOURCE["source_name"]
    assert field.decrypt(phone_token) == SOURCE["source_phone"]


def test_a_tampered_backup_is_refused_before_anything_is_restored(backup_settings, world, target):
    record = backup_create()
    path = backup_settings.BACKUP_DIR / record.filename
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered = path.with_name("tampered.cwbk")
    tampered.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="Refused: the backup did not verify"):
        call_command("restore", str(tampered), "--database-url", url_for(target[0]))
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [target[0]])
        assert cursor.fetchone() is None  # not even created

    truncated = path.with_name("truncated.cwbk")
    truncated.write_bytes(path.read_bytes()[: len(data) - 80])
    with pytest.raises(BackupError, match="did not verify"):
        backup_restore(path=truncated, database_url=url_for(target[0]))


def test_a_backup_is_refused_with_another_key_and_a_non_empty_target(
    backup_settings, world, target
):
    record = backup_create()
    path = backup_settings.BACKUP_DIR / record.filename
    with pytest.raises(BackupError, match="encrypted with key"):
        backup_restore(path=path, database_url=url_for(target[0]), key_text=archive.generate_key())
    backup_restore(path=path, database_url=url_for(target[0]))
    with pytest.raises(BackupError, match="is not empty"):
        backup_restore(path=path, database_url=url_for(target[0]))
    report = backup_restore(path=path, database_url=url_for(target[0]), force=True)
    assert report.ok, report.problems


def test_the_backup_key_must_not_be_a_sealed_field_key(backup_settings, world):
    backup_settings.BACKUP_ENCRYPTION_KEY = backup_settings.SEALED_FIELD_KEYS[0]
    with pytest.raises(CommandError, match="one of SEALED_FIELD_KEYS"):
        call_command("backup")
    assert not BackupRecord.objects.exists()


def test_access_log_cut_short_after_a_backup_is_reported_by_the_next_one(
    backup_settings, world, officer, time_machine
):
    time_machine.move_to("2026-11-20 23:00Z")
    first = backup_create()
    assert first.error == ""
    # Someone who got past the triggers deletes the last entry: the chain alone still verifies.
    with pgtrigger.ignore("audit.AccessLogEntry:accesslog_append_only"):
        AccessLogEntry.objects.order_by("-id").first().delete()
    call_command("verify_access_log")  # the chain cannot see a cut tail
    time_machine.move_to("2026-11-21 23:00Z")
    second = backup_create()
    assert second.status == "ok"
    assert second.error.startswith("ACCESS LOG TRUNCATED")
    assert first.filename in second.error


def test_a_restore_catches_a_count_that_differs_from_the_backup(backup_settings, world, target):
    """A restored database that lost rows (here: deleted after the restore, then checked
    again) fails the check that compares every table with the backup's header."""
    from cases.operations.services import RestoreReport, _check_restored

    record = backup_create()
    path = backup_settings.BACKUP_DIR / record.filename
    report = backup_restore(path=path, database_url=url_for(target[0]))
    assert report.ok, report.problems
    restored = postgres.params_from_url(url_for(target[0]))
    conn = postgres.connect(restored)
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(
            "DELETE FROM people_personalias WHERE id = (SELECT min(id) FROM people_personalias)"
        )
    conn.close()
    again = RestoreReport(header=report.header, database=target[0])
    _check_restored(restored, again)
    assert any("people_personalias" in p for p in again.problems), again.problems
