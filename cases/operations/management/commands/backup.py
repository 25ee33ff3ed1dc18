"""``manage.py backup``: an encrypted pg_dump into BACKUP_DIR, then the pruning of old files."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from cases.operations.archive import generate_key
from cases.operations.services import BackupError, backup_create, backup_prune


class Command(BaseCommand):
    help = (
        "Take an encrypted backup (pg_dump custom format, AES-256-GCM) into BACKUP_DIR and "
        "prune the files that BACKUP_KEEP_DAILY/WEEKLY/MONTHLY do not keep."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--no-prune", action="store_true", help="Keep every old file.")
        parser.add_argument("--prune-only", action="store_true", help="Only prune; take no backup.")
        parser.add_argument(
            "--dry-run", action="store_true", help="With --prune-only: say what would go."
        )
        parser.add_argument(
            "--new-key", action="store_true", help="Print a new random key and exit."
        )

    def handle(self, *args, **options) -> None:
        if options["new_key"]:
            self.stdout.write(generate_key())
            return
        if not options["prune_only"]:
            try:
                record = backup_create()
            except BackupError as exc:
                raise CommandError(str(exc)) from None
            self.stdout.write(
                self.style.SUCCESS(
                    f"Backup written: {record.filename} ({record.size} bytes, "
                    f"{record.tables} tables, {record.rows} rows, "
                    f"{record.duration_seconds:.1f} s, sha256 {record.sha256}, "
                    f"key {record.key_id})."
                )
            )
        if options["no_prune"]:
            return
        report = backup_prune(dry_run=options["dry_run"])
        verb = "Would prune" if options["dry_run"] else "Pruned"
        for name in report.pruned:
            self.stdout.write(f"{verb} {name}")
        for name, why in sorted(report.kept.items()):
            self.stdout.write(f"Kept {name} ({', '.join(why)})")
        self.stdout.write(f"{verb} {len(report.pruned)} files, kept {len(report.kept)}.")
