"""``manage.py restore FILE --database-url URL``: decrypt, verify, restore, check."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cases.operations.services import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore an encrypted backup into a new, empty database and check it: migrations, row "
        "counts per table, and the access log's chain against the head recorded in the backup. "
        "Refuses an altered file, and a database that is not empty unless --force."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--database-url",
            required=True,
            help="postgres://user:password@host:port/name of the database to restore into "
            "(created when missing).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Restore over a database that already holds tables (they are dropped).",
        )

    def handle(self, *args, **options) -> None:
        try:
            report = backup_restore(
                path=options["file"], database_url=options["database_url"], force=options["force"]
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        header = report.header
        self.stdout.write(
            f"Restored {options['file'].name} (taken {header['created_at']} from "
            f"{header['database']}) into {report.database}: {report.checked_tables} tables, "
            f"{report.checked_rows} rows, {report.access_log_entries} access log entries."
        )
        if not report.ok:
            for problem in report.problems:
                self.stderr.write(f"- {problem}")
            raise CommandError(f"The restored database failed {len(report.problems)} checks.")
        self.stdout.write(
            self.style.SUCCESS(
                "Checks passed: migrations match the code, every table's row count matches the "
                "backup, and the access log's chain verifies up to the head recorded in it."
            )
        )
