"""``manage.py seed_demo``: load the demonstration data and print the demo logins."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cases.accounts.middleware import requires_two_factor
from cases.accounts.roles import ROLE_LABELS
from cases.accounts.selectors import roles_of
from cases.demo.seed import DemoRefused, seed_all


class Command(BaseCommand):
    help = "Load demonstration data (idempotent). Refused under production settings."

    def handle(self, *args, **options) -> None:
        try:
            users = seed_all()
        except DemoRefused as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {settings.DEMO_PASSWORD}):")
        for user in users:
            role_names = ", ".join(str(ROLE_LABELS[r]) for r in roles_of(user))
            second = "  (two-factor)" if requires_two_factor(user) else ""
            self.stdout.write(f"  {user.username:<15} {role_names:<22} {user.unit}{second}")
        self.stdout.write("")
        self.stdout.write(
            "Two-factor users: after the password, enter the code printed by\n"
            "  make otp user=judge      (or: .venv/bin/python manage.py demo_otp judge)\n"
            "or add the demo secret to an authenticator app: manage.py demo_otp judge --secret"
        )
