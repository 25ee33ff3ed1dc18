"""Pure rules of the operations app, tested with tables of dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Kept:
    """Which files a pruning keeps, and which it removes, with the reason each was kept."""

    keep: dict[str, list[str]]
    prune: list[str]


def backups_to_keep(
    backups: Iterable[tuple[str, dt.datetime]], *, daily: int, weekly: int, monthly: int
) -> Kept:
    """Grandfather-father-son retention of backup files.

    ``backups`` are (name, created_at). Kept: the newest backup of each of the ``daily`` most
    recent days that have one, of each of the ``weekly`` most recent ISO weeks, and of each of
    the ``monthly`` most recent months; the newest backup of all is always kept. Everything else
    is pruned. Days, weeks and months are counted in the calendar of ``created_at`` (UTC).
    """
    ordered = sorted(backups, key=lambda b: (b[1], b[0]), reverse=True)
    keep: dict[str, list[str]] = {}
    if not ordered:
        return Kept(keep={}, prune=[])
    keep.setdefault(ordered[0][0], []).append("newest")

    def bucketed(key, count: int, label: str) -> None:
        seen: list = []
        for name, created in ordered:
            bucket = key(created)
            if bucket in seen:
                continue
            if len(seen) >= count:
                break
            seen.append(bucket)
            keep.setdefault(name, []).append(label)

    bucketed(lambda d: d.date(), daily, "daily")
    bucketed(lambda d: tuple(d.isocalendar())[:2], weekly, "weekly")
    bucketed(lambda d: (d.year, d.month), monthly, "monthly")
    prune = [name for name, _ in ordered if name not in keep]
    return Kept(keep=keep, prune=prune)


def years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def fits(value: str, marker: str, max_length: int | None, short: str = "[purged]") -> str:
    """The marker that replaces ``value`` in a column of ``max_length``: empty stays empty."""
    if not value:
        return value
    if max_length is None or len(marker) <= max_length:
        return marker
    return short[:max_length]
