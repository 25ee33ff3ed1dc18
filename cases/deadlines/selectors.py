"""Reads of the deadlines app that depend on the user."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.utils import timezone

from .models import Deadline, DeadlineQuerySet, Notification


def _base(user) -> DeadlineQuerySet:
    return Deadline.objects.in_jurisdiction(user).select_related(
        "kind", "responsible_user", "responsible_unit", "governorate"
    )


def deadlines_of_user(user, *, now: dt.datetime | None = None, limit: int = 50) -> dict[str, Any]:
    """ "My deadlines": overdue first, then due today, this week, and later (each at most
    ``limit`` rows; four queries whatever the number of deadlines)."""
    now = now or timezone.now()
    end_of_today = timezone.localtime(now).replace(
        hour=23, minute=59, second=59, microsecond=999999
    )
    end_of_week = end_of_today + dt.timedelta(days=7 - timezone.localtime(now).isoweekday())
    mine = _base(user).of_user(user)
    upcoming = mine.open().filter(due_at__gt=now)
    return {
        "overdue": list(mine.overdue(now).order_by("due_at")[:limit]),
        "today": list(upcoming.filter(due_at__lte=end_of_today)[:limit]),
        "week": list(upcoming.filter(due_at__gt=end_of_today, due_at__lte=end_of_week)[:limit]),
        "later": list(upcoming.filter(due_at__gt=end_of_week)[:limit]),
    }


def deadlines_to_supervise(
    user,
    *,
    which: str = "overdue",
    governorate=None,
    unit=None,
    kind=None,
    now: dt.datetime | None = None,
) -> DeadlineQuerySet:
    """The jurisdiction's overdue (default) or upcoming deadlines, for a supervisor."""
    now = now or timezone.now()
    qs = _base(user)
    qs = qs.overdue(now) if which == "overdue" else qs.open().filter(due_at__gt=now)
    if governorate is not None:
        qs = qs.filter(governorate=governorate)
    if unit is not None:
        qs = qs.filter(models.Q(responsible_unit=unit) | models.Q(responsible_user__unit=unit))
    if kind is not None:
        qs = qs.filter(kind=kind)
    return qs.order_by("due_at")


def deadlines_for_record(user, record: models.Model) -> list[Deadline]:
    """The deadlines of one record that ``user`` may see, open ones first."""
    qs = _base(user).for_object(record)
    return sorted(qs, key=lambda d: (d.status != Deadline.Status.OPEN, d.due_at))


def deadline_get_for_user(user, pk: int) -> Deadline:
    from cases.accounts.jurisdiction import get_for_user

    return get_for_user(_base(user), user, pk=pk)


def deadline_get_for_change(user, pk: int) -> Deadline:
    from cases.accounts.jurisdiction import get_for_change

    return get_for_change(_base(user), user, "deadlines.change_deadline", pk=pk)


def unread_count(user) -> int:
    return Notification.objects.filter(user=user).unread().count()
