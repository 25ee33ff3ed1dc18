"""The retention of backup files (grandfather-father-son), from a table of dates."""

from __future__ import annotations

import datetime as dt

import pytest

from cases.operations.rules import backups_to_keep, fits, years_before


def at(day: str, hour: int = 23) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=dt.UTC)


def nightly(first: str, days: int) -> list[tuple[str, dt.datetime]]:
    start = at(first)
    return [(f"b{i:03d}", start + dt.timedelta(days=i)) for i in range(days)]


def test_empty_directory_keeps_and_prunes_nothing():
    kept = backups_to_keep([], daily=7, weekly=4, monthly=12)
    assert kept.keep == {} and kept.prune == []


def test_ninety_nightly_backups_keep_the_last_week_the_week_ends_and_the_month_ends():
    # 2026-08-24 (a Monday) to 2026-11-21 (a Saturday): 90 nights.
    backups = nightly("2026-08-24", 90)
    kept = backups_to_keep(backups, daily=7, weekly=4, monthly=3)
    by_name = dict(backups)
    days = sorted(by_name[n].date().isoformat() for n in kept.keep)
    assert days == [
        "2026-09-30",  # monthly: September's last
        "2026-10-31",  # monthly: October's last
        "2026-11-01",  # weekly: ISO week 44's Sunday
        "2026-11-08",  # weekly: week 45's Sunday (week 46's, the 15th, is a daily too)
        # daily: the last 7 nights (week 47 and November: the 21st)
        "2026-11-15",
        "2026-11-16",
        "2026-11-17",
        "2026-11-18",
        "2026-11-19",
        "2026-11-20",
        "2026-11-21",
    ]
    assert len(kept.prune) == 90 - len(days)
    assert kept.keep["b089"] == ["newest", "daily", "weekly", "monthly"]


def test_two_backups_on_one_day_count_once_and_the_newer_is_kept():
    backups = [
        ("early", at("2026-11-21", 1)),
        ("late", at("2026-11-21", 23)),
        ("yesterday", at("2026-11-20")),
    ]
    kept = backups_to_keep(backups, daily=1, weekly=0, monthly=0)
    assert set(kept.keep) == {"late"}
    assert sorted(kept.prune) == ["early", "yesterday"]


def test_the_newest_backup_is_kept_even_with_no_retention_configured():
    kept = backups_to_keep(nightly("2026-11-01", 3), daily=0, weekly=0, monthly=0)
    assert list(kept.keep) == ["b002"] and kept.prune == ["b001", "b000"]


def test_gaps_count_days_that_have_a_backup_not_calendar_days():
    # Nightly backups stopped for a month: the last 3 existing days are kept, not 3 calendar days.
    backups = [
        ("old1", at("2026-10-01")),
        ("old2", at("2026-10-02")),
        ("old3", at("2026-10-03")),
        ("new", at("2026-11-05")),
    ]
    kept = backups_to_keep(backups, daily=3, weekly=0, monthly=0)
    assert set(kept.keep) == {"new", "old3", "old2"}


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (dt.date(2026, 11, 21), 10, dt.date(2016, 11, 21)),
        (dt.date(2024, 2, 29), 1, dt.date(2023, 2, 28)),
    ],
)
def test_years_before(day, years, expected):
    assert years_before(day, years) == expected


@pytest.mark.parametrize(
    ("value", "max_length", "expected"),
    [
        ("", 60, ""),
        ("محمد", 60, "[purged 2026-11-21 under rule identity]"),
        ("12345", 30, "[purged]"),
        ("12345", 5, "[purg"),
        ("text", None, "[purged 2026-11-21 under rule identity]"),
    ],
)
def test_the_marker_fits_the_column(value, max_length, expected):
    assert fits(value, "[purged 2026-11-21 under rule identity]", max_length) == expected
