"""Re-encrypt every sealed value under the first key of SEALED_FIELD_KEYS.

Key rotation, in order: put the new key first in SEALED_FIELD_KEYS (keeping the old ones after
it), deploy, run this command, and only once it has finished without error remove the old keys.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser

from cases.security.sealed import SealedValueError, rotate, sealed_fields


class Command(BaseCommand):
    help = (
        "Re-encrypt every sealed field value under the first key of SEALED_FIELD_KEYS and "
        "recompute blind indexes. Safe to run again; prints counts only, never values."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check that every value decrypts and count the rows to rewrite; write nothing.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=500,
            help="Rows locked and rewritten per transaction (default 500).",
        )

    def handle(self, *args: object, dry_run: bool, batch_size: int, **options: object) -> None:
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        models = list(dict.fromkeys(model for model, _ in sealed_fields()))
        if not models:
            self.stdout.write("No model has sealed fields.")
            return
        verb = "would be rewritten" if dry_run else "rewritten"
        total = 0
        for model in models:
            try:
                count = rotate(model, batch_size=batch_size, dry_run=dry_run)
            except (SealedValueError, ImproperlyConfigured) as exc:
                raise CommandError(f"Rotation stopped at {model._meta.label}: {exc}") from None
            total += count
            self.stdout.write(f"{model._meta.label}: {count} row(s) {verb}")
        self.stdout.write(self.style.SUCCESS(f"Total: {total} row(s) {verb}"))
