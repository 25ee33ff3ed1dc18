"""``manage.py demo_otp <username>``: the current two-factor code of a demo user (dev only)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp

from cases.demo.seed import demo_totp_key, demo_totp_secret


class Command(BaseCommand):
    help = "Print the current TOTP code (or --secret) of a demo user. Refused outside development."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("--secret", action="store_true", help="print the base32 secret")

    def handle(self, *args, username: str, secret: bool, **options) -> None:
        if not settings.DEMO_ALLOWED:
            raise CommandError("Demo codes exist only with development settings.")
        if secret:
            self.stdout.write(demo_totp_secret(username))
            return
        self.stdout.write(f"{totp(bytes.fromhex(demo_totp_key(username))):06d}")
