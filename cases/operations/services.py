"""Writes of the operations app: take, prune and restore backups.

The retention purge lives in :mod:`cases.operations.retention`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.audit import chain
from cases.audit.models import AccessLogEntry
from cases.audit.services import chain_key

from . import archive, postgres
from .models import BackupRecord
from .rules import backups_to_keep

logger = logging.getLogger(__name__)

FILENAME = re.compile(r"^caseweb-(\d{8}T\d{6}Z)\.cwbk$")
SYSTEM_SCHEMAS = ("pg_catalog", "information_schema", "pg_toast")


class BackupError(RuntimeError):
    """A backup or a restore could not be made, or was refused; the message says why."""


# --- Keys ---------------------------------------------------------------------------------------


def backup_key(text: str | None = None) -> bytes:
    """The backup encryption key: ``text`` if given, else BACKUP_ENCRYPTION_KEY, else the
    content of BACKUP_ENCRYPTION_KEY_FILE. Refuses a missing key, a malformed one, and one of
    the sealed-field keys (a stolen backup must not carry the key to its own sealed values)."""
    if not text:
        text = settings.BACKUP_ENCRYPTION_KEY
    if not text and settings.BACKUP_ENCRYPTION_KEY_FILE:
        try:
            text = Path(settings.BACKUP_ENCRYPTION_KEY_FILE).read_text().strip()
        except OSError as exc:
            raise BackupError(f"Cannot read BACKUP_ENCRYPTION_KEY_FILE: {exc.strerror}.") from None
    if not text:
        raise BackupError(
            "No backup key: set BACKUP_ENCRYPTION_KEY or BACKUP_ENCRYPTION_KEY_FILE "
            "(make a key with `manage.py backup --new-key`)."
        )
    if text.strip() in {str(k).strip() for k in settings.SEALED_FIELD_KEYS}:
        raise BackupError(
            "The backup key is one of SEALED_FIELD_KEYS: use a key of its own, kept apart."
        )
    try:
        return archive.decode_key(text)
    except archive.ArchiveError as exc:
        raise BackupError(str(exc)) from None


# --- Taking a backup ----------------------------------------------------------------------------


@dataclass
class Snapshot:
    """What the database held at the dump's snapshot: counts per table, the chain's head."""

    table_counts: dict[str, int]
    access_log_head: str
    access_log_count: int
    migrations: list[list[str]]
    server_major: int


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def user_tables(cursor: Any) -> list[str]:
    """Every ordinary table outside PostgreSQL's own schemas, as ``schema.table``."""
    cursor.execute(
        "SELECT schemaname, tablename FROM pg_tables WHERE schemaname NOT IN %s "
        "AND schemaname NOT LIKE 'pg_temp%%' ORDER BY 1, 2",
        [SYSTEM_SCHEMAS],
    )
    return [f"{s}.{t}" for s, t in cursor.fetchall()]


def table_counts(cursor: Any) -> dict[str, int]:
    counts = {}
    for qualified in user_tables(cursor):
        schema, table = qualified.split(".", 1)
        cursor.execute(f"SELECT count(*) FROM {_quote(schema)}.{_quote(table)}")  # noqa: S608
        counts[qualified] = cursor.fetchone()[0]
    return counts


def _access_log_head(cursor: Any) -> tuple[str, int]:
    table = _quote(AccessLogEntry._meta.db_table)
    cursor.execute(f"SELECT hash FROM {table} ORDER BY id DESC LIMIT 1")  # noqa: S608
    row = cursor.fetchone()
    cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608
    return (row[0] if row else chain.GENESIS), cursor.fetchone()[0]


def _snapshot(cursor: Any) -> Snapshot:
    head, count = _access_log_head(cursor)
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    return Snapshot(
        table_counts=table_counts(cursor),
        access_log_head=head,
        access_log_count=count,
        migrations=[list(r) for r in cursor.fetchall()],
        server_major=postgres.server_major(cursor),
    )


def backup_directory() -> Path:
    directory = Path(settings.BACKUP_DIR)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    return directory


def backup_create(*, using: str = "default", now: dt.datetime | None = None) -> BackupRecord:
    """Take an encrypted backup of the database into BACKUP_DIR and record it.

    pg_dump (custom format) runs on a snapshot exported from a repeatable-read transaction in
    which the rows of every table and the access log's head are counted, so the header describes
    exactly what the dump holds. The file is written as a hidden temporary file (mode 0600) and
    renamed into place only when complete. Refuses without a key; a failed dump leaves no file
    and a ``failed`` record, and raises ``BackupError``.
    """
    key = backup_key()
    started = time.monotonic()
    now = now or timezone.now()
    db = connections[using].settings_dict
    record = BackupRecord.objects.create(
        started_at=now, database=db["NAME"], key_id=archive.key_id(key)
    )
    name = f"caseweb-{now.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}.cwbk"
    directory = backup_directory()
    final = directory / name
    tmp = directory / f".{name}.{os.getpid()}.tmp"
    params = postgres.params_from_settings(db)
    try:
        if final.exists():
            raise BackupError(f"{name} exists already: one backup per second at most.")
        conn = postgres.connect(params)
        try:
            conn.set_session(isolation_level="REPEATABLE READ", readonly=True)
            with conn.cursor() as cursor:
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot_id = cursor.fetchone()[0]
                snap = _snapshot(cursor)
                anchor_problem = _anchor_problem(cursor, directory)
            pg_dump = postgres.find_tool("pg_dump", at_least=snap.server_major)
            header = {
                "created_at": now.astimezone(dt.UTC).isoformat(),
                "database": db["NAME"],
                "server_major": snap.server_major,
                "pg_dump_major": pg_dump.major,
                "table_counts": snap.table_counts,
                "access_log": {"head": snap.access_log_head, "count": snap.access_log_count},
                "migrations": snap.migrations,
            }
            written = _dump_into(tmp, pg_dump, params, snapshot_id, key, header)
        finally:
            conn.close()
        os.replace(tmp, final)
        _fsync_directory(directory)
    except (BackupError, postgres.ToolError, archive.ArchiveError, OSError) as exc:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        _finish(record, started, status=BackupRecord.Status.FAILED, error=str(exc))
        logger.error("Backup failed: %s", exc)
        raise BackupError(str(exc)) from exc
    except Exception as exc:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        _finish(record, started, status=BackupRecord.Status.FAILED, error=repr(exc))
        raise
    _finish(
        record,
        started,
        status=BackupRecord.Status.OK,
        filename=name,
        size=written.size,
        sha256=written.sha256,
        tables=len(snap.table_counts),
        rows=sum(snap.table_counts.values()),
        access_log_head=snap.access_log_head,
        access_log_count=snap.access_log_count,
        error=anchor_problem,
    )
    if anchor_problem:
        logger.error("Backup %s: %s", name, anchor_problem)
    logger.info(
        "Backup %s written: %d bytes in %.1f s", name, written.size, record.duration_seconds
    )
    return record


def _anchor_problem(cursor: Any, directory: Path) -> str:
    """The access log's tail is anchored off the server by the previous backup's header: the
    entry it names as the head must still be in the log, with as many entries up to it. A
    log cut short (its last entries deleted by someone who got past the triggers, which the
    chain alone cannot show) is reported here. Empty when all is well or there is no backup."""
    previous = sorted(p for p in directory.iterdir() if FILENAME.match(p.name))
    if not previous:
        return ""
    try:
        recorded = archive.read_header(previous[-1]).get("access_log", {})
    except (archive.ArchiveError, OSError):
        return ""
    head, count = recorded.get("head"), recorded.get("count") or 0
    if not count:
        return ""
    table = _quote(AccessLogEntry._meta.db_table)
    cursor.execute(f"SELECT count(*) FROM {table} WHERE hash = %s", [head])  # noqa: S608
    present = cursor.fetchone()[0]
    cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608
    total = cursor.fetchone()[0]
    if present and total >= count:
        return ""
    return (
        f"ACCESS LOG TRUNCATED: the previous backup {previous[-1].name} recorded {count} "
        f"entries ending at {str(head)[:12]}…, and the log now has {total} entries"
        + ("" if present else " without that entry")
        + ". Entries were deleted after that backup; investigate, and keep that backup."
    )


def _dump_into(
    tmp: Path,
    pg_dump: postgres.Tool,
    params: dict[str, str],
    snapshot_id: str,
    key: bytes,
    header: dict[str, Any],
) -> archive.Written:
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out, tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(  # noqa: S603
            [pg_dump.path, "--format=custom", f"--snapshot={snapshot_id}", "--no-password"],
            stdout=subprocess.PIPE,
            stderr=errors,
            env=postgres.libpq_env(params),
        )
        try:
            written = archive.write(process.stdout, out, key=key, header=header)
        finally:
            process.stdout.close()
            code = process.wait()
        if code != 0:
            errors.seek(0)
            message = errors.read().decode("utf-8", "replace").strip()[-2000:]
            raise BackupError(f"pg_dump failed ({code}): {message}")
        out.flush()
        os.fsync(out.fileno())
    return written


def _fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _finish(record: BackupRecord, started: float, **values: Any) -> None:
    values["finished_at"] = timezone.now()
    values["duration_seconds"] = round(time.monotonic() - started, 3)
    for name, value in values.items():
        setattr(record, name, value)
    record.save()


# --- Pruning ------------------------------------------------------------------------------------


@dataclass
class PruneReport:
    kept: dict[str, list[str]] = field(default_factory=dict)
    pruned: list[str] = field(default_factory=list)


def backup_prune(*, dry_run: bool = False) -> PruneReport:
    """Remove the backup files that the retention of backups (BACKUP_KEEP_DAILY, _WEEKLY,
    _MONTHLY) does not keep, and mark their records ``pruned``. Touches only files named like
    Caseweb's backups; leftover temporary files older than a day go too."""
    directory = backup_directory()
    files = []
    for path in directory.iterdir():
        match = FILENAME.match(path.name)
        if match:
            created = dt.datetime.strptime(match.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
            files.append((path.name, created))
    decision = backups_to_keep(
        files,
        daily=settings.BACKUP_KEEP_DAILY,
        weekly=settings.BACKUP_KEEP_WEEKLY,
        monthly=settings.BACKUP_KEEP_MONTHLY,
    )
    report = PruneReport(kept=decision.keep, pruned=decision.prune)
    if dry_run:
        return report
    for name in decision.prune:
        with contextlib.suppress(FileNotFoundError):
            (directory / name).unlink()
    if decision.prune:
        BackupRecord.objects.filter(filename__in=decision.prune).update(
            status=BackupRecord.Status.PRUNED
        )
    day_ago = time.time() - 86400
    for path in directory.glob(".caseweb-*.tmp"):
        with contextlib.suppress(FileNotFoundError):
            if path.stat().st_mtime < day_ago:
                path.unlink()
    return report


# --- Restoring ----------------------------------------------------------------------------------


@dataclass
class RestoreReport:
    header: dict[str, Any]
    database: str
    problems: list[str] = field(default_factory=list)
    checked_tables: int = 0
    checked_rows: int = 0
    access_log_entries: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def backup_restore(
    *, path: Path, database_url: str, force: bool = False, key_text: str | None = None
) -> RestoreReport:
    """Restore the backup at ``path`` into the database at ``database_url``, then check it.

    Refuses, before touching the target, a file that is not a Caseweb backup, was made with
    another key, or was altered in any byte. Refuses a target that already holds tables unless
    ``force`` (then pg_restore drops what it restores over). The target is created when it does
    not exist. pg_restore runs in one transaction: a failed restore leaves nothing behind.

    The checks afterwards: the migrations recorded equal the code's, every table's row count
    equals the count recorded at backup time, and the access log's chain verifies with
    AUDIT_CHAIN_KEY and ends at the head hash recorded in the backup (a log cut short after
    the backup was taken is detected here, against the copy kept off the server).
    """
    key = backup_key(key_text)
    path = Path(path)
    try:
        header = archive.read_header(path)
    except (archive.ArchiveError, OSError) as exc:
        raise BackupError(_("Refused: %(error)s") % {"error": exc}) from None
    target = postgres.params_from_url(database_url)
    with tempfile.TemporaryDirectory(prefix="caseweb-restore-") as private:
        os.chmod(private, 0o700)
        plain = Path(private) / "dump.pgc"
        fd = os.open(plain, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in archive.read(path, key=key):
                    out.write(chunk)
        except archive.ArchiveError as exc:
            raise BackupError(
                _("Refused: the backup did not verify (%(error)s). Nothing was restored.")
                % {"error": exc}
            ) from None
        _prepare_target(target, force=force)
        pg_restore = postgres.find_tool(
            "pg_restore", at_least=int(header.get("pg_dump_major") or 0)
        )
        command = [
            pg_restore.path,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "--no-password",
            f"--dbname={target['dbname']}",
        ]
        if force:
            command += ["--clean", "--if-exists"]
        result = subprocess.run(  # noqa: S603
            [*command, str(plain)],
            capture_output=True,
            text=True,
            env=postgres.libpq_env(target),
            check=False,
        )
        if result.returncode != 0:
            raise BackupError(f"pg_restore failed ({result.returncode}): {result.stderr[-2000:]}")
    report = RestoreReport(header=header, database=target["dbname"])
    _check_restored(target, report)
    return report


def _prepare_target(target: dict[str, str], *, force: bool) -> None:
    maintenance = {**target, "dbname": "postgres"}
    conn = postgres.connect(maintenance)
    try:
        conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [target["dbname"]])
            if cursor.fetchone() is None:
                cursor.execute(f"CREATE DATABASE {_quote(target['dbname'])}")
                return
    finally:
        conn.close()
    conn = postgres.connect(target)
    try:
        with conn.cursor() as cursor:
            tables = user_tables(cursor)
    finally:
        conn.close()
    if tables and not force:
        raise BackupError(
            _(
                "Refused: database %(name)s is not empty (%(count)d tables). Restore into a new "
                "database, or pass --force to restore over it."
            )
            % {"name": target["dbname"], "count": len(tables)}
        )


def migration_mismatch(applied: set[tuple[str, str]]) -> tuple[list, list]:
    """(migrations of the code not applied, migrations applied that the code does not know).
    A squashed migration counts as applied when all it replaces are; the migrations it
    replaces are known to the code as long as their files are there."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    missing = []
    for key in loader.graph.nodes:
        replaces = getattr(loader.disk_migrations.get(key), "replaces", None) or []
        if key in applied or (replaces and all(tuple(r) in applied for r in replaces)):
            continue
        missing.append(key)
    known = set(loader.disk_migrations) | set(loader.graph.nodes)
    extra = [key for key in applied if key not in known]
    return sorted(missing), sorted(extra)


def _check_restored(target: dict[str, str], report: RestoreReport) -> None:
    header = report.header
    conn = postgres.connect(target)
    try:
        conn.set_session(readonly=True)
        with conn.cursor() as cursor:
            cursor.execute("SELECT app, name FROM django_migrations")
            applied = {tuple(r) for r in cursor.fetchall()}
            missing, extra = migration_mismatch(applied)
            if missing:
                report.problems.append(
                    f"{len(missing)} migrations of the code are not applied in the backup "
                    f"(first: {'.'.join(missing[0])}): run `manage.py migrate` on it."
                )
            if extra:
                report.problems.append(
                    f"{len(extra)} migrations applied in the backup are unknown to the code "
                    f"(first: {'.'.join(extra[0])}): the backup is newer than this code."
                )
            counts = table_counts(cursor)
            for table, expected_count in sorted(header.get("table_counts", {}).items()):
                found = counts.get(table)
                if found != expected_count:
                    report.problems.append(
                        f"Table {table}: {found} rows restored, {expected_count} at backup time."
                    )
            for table in sorted(set(counts) - set(header.get("table_counts", {}))):
                report.problems.append(f"Table {table} was not in the backup.")
            report.checked_tables = len(counts)
            report.checked_rows = sum(counts.values())
            _check_chain(cursor, header, report)
    finally:
        conn.close()


def _check_chain(cursor: Any, header: dict[str, Any], report: RestoreReport) -> None:
    names = (*chain.CHAINED_FIELDS, "prev_hash", "hash")
    columns = ", ".join(
        _quote(AccessLogEntry._meta.get_field(n).column) if n not in ("id",) else "id"
        for n in names
    )
    table = _quote(AccessLogEntry._meta.db_table)
    cursor.execute(f"SELECT {columns} FROM {table} ORDER BY id")  # noqa: S608
    last = chain.GENESIS
    count = 0
    first_break = None

    def rows():
        nonlocal last, count
        while batch := cursor.fetchmany(5000):
            for row in batch:
                values = dict(zip(names, row, strict=True))
                last = values["hash"]
                count += 1
                yield values

    first_break = next(chain.verify(chain_key(), rows()), None)
    if first_break is not None:
        report.problems.append(
            f"Access log chain broken at entry {first_break.entry_id} ({first_break.reason})."
        )
        return
    report.access_log_entries = count
    recorded = header.get("access_log", {})
    if recorded.get("head") != last or recorded.get("count") != count:
        report.problems.append(
            f"Access log head {last[:12]}… ({count} entries) is not the head recorded in the "
            f"backup, {str(recorded.get('head'))[:12]}… ({recorded.get('count')} entries)."
        )
