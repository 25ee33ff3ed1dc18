"""Channels that carry a reminder to a person: in-app (the bell) and e-mail; SMS can be added.

A channel is a class with a ``name`` and a ``send(message)`` method; ``DEADLINE_CHANNELS`` lists
the dotted paths of those in use. A channel that raises makes the reminder retry with backoff;
the error is kept on the reminder and its delivery.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Message:
    """What one person is told, already in his language."""

    user: Any
    reminder: Any
    title: str
    body: str
    url: str
    is_escalation: bool


class Channel(Protocol):
    name: str

    #: True when ``send`` writes only to the database, inside the delivery's transaction: then
    #: the delivery is exactly-once. Otherwise (e-mail, SMS) it is sent after a claim is
    #: committed, so a crash between the send and the record can at worst repeat one message.
    transactional: bool

    def send(self, message: Message) -> None: ...


class InAppChannel:
    """The bell: a Notification row, written in the same transaction as its delivery."""

    name = "inapp"
    transactional = True

    def send(self, message: Message) -> None:
        from .models import Notification

        Notification.objects.create(
            user=message.user,
            reminder=message.reminder,
            title=message.title,
            body=message.body,
            url=message.url,
            is_escalation=message.is_escalation,
        )


class EmailChannel:
    """E-mail through Django's backend (the console in development)."""

    name = "email"
    transactional = False

    def send(self, message: Message) -> None:
        if not message.user.email:
            return
        link = f"{settings.SITE_URL.rstrip('/')}{message.url}" if message.url else ""
        send_mail(
            subject=message.title,
            message=f"{message.body}\n\n{link}".strip(),
            from_email=None,
            recipient_list=[message.user.email],
        )


@cache
def _load(paths: tuple[str, ...]) -> tuple[Channel, ...]:
    return tuple(import_string(path)() for path in paths)


def channels() -> tuple[Channel, ...]:
    return _load(tuple(settings.DEADLINE_CHANNELS))
