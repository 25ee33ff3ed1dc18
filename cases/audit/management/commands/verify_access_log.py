"""``manage.py verify_access_log``: check the access log's hash chain, name the first break."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from cases.audit.models import AccessLogEntry
from cases.audit.selectors import access_log_chain_breaks
from cases.audit.services import chain_key

REASONS = {
    "link": "its link to the previous entry is wrong: an entry before it was removed or inserted",
    "content": "its content does not match its hash: the entry was changed",
}


class Command(BaseCommand):
    help = "Verify the access log's hash chain; exits non-zero and names the first broken entry."

    def handle(self, *args, **options) -> None:
        total = AccessLogEntry.objects.count()
        first = next(access_log_chain_breaks(chain_key()), None)
        if first is not None:
            raise CommandError(
                f"Access log chain broken at entry {first.entry_id}: {REASONS[first.reason]}."
            )
        self.stdout.write(self.style.SUCCESS(f"Access log intact: {total} entries verified."))
