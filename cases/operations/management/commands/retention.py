"""``manage.py retention [--dry-run]``: purge what the retention rules qualify today."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand

from cases.operations.retention import retention_purge, retention_report


class Command(BaseCommand):
    help = (
        "Purge identity data and sealed sources that the retention rules qualify (see "
        "docs/operations.md, Retention). --dry-run reports per rule without changing anything."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--today", type=dt.date.fromisoformat, help="YYYY-MM-DD (tests).")
        parser.add_argument("--limit", type=int, help="At most this many records per rule.")

    def handle(self, *args, **options) -> None:
        if options["dry_run"]:
            report = retention_report(today=options["today"])
            self.stdout.write(f"Dry run for {report.today}: nothing is changed.")
            for r in report.rules:
                span = f", qualified {r.oldest} … {r.newest}" if r.count else ""
                self.stdout.write(
                    f"rule {r.rule}: {r.count} records (after {r.years} years: ended on or "
                    f"before {r.cutoff}){span}"
                )
            return
        report = retention_purge(today=options["today"], limit=options["limit"])
        for r in report.rules:
            self.stdout.write(
                f"rule {r.rule}: {r.purged} purged, {r.rows_changed} rows and "
                f"{r.history_rows_changed} history rows rewritten"
            )
