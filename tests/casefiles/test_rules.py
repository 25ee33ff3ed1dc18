"""The pure rules of a case, with tables of cases."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cases.casefiles import rules
from cases.casefiles.models import AgeBand, Case

S = Case.Status
LIMITS = rules.Limits(15, 180, Decimal("0.25"))
D = dt.date


@pytest.mark.parametrize(
    ("age", "band", "juvenile"),
    [
        (None, AgeBand.UNKNOWN, False),
        (0, AgeBand.UNDER_9, True),
        (8, AgeBand.UNDER_9, True),
        (9, AgeBand.JUVENILE_9_15, True),
        (14, AgeBand.JUVENILE_9_15, True),
        (15, AgeBand.JUVENILE_15_18, True),
        (17, AgeBand.JUVENILE_15_18, True),
        (18, AgeBand.YOUNG_18_20, False),
        (20, AgeBand.YOUNG_18_20, False),
        (21, AgeBand.ADULT, False),
        (60, AgeBand.ADULT, False),
    ],
)
def test_age_bands(age, band, juvenile):
    assert rules.age_band(age) == band
    assert (rules.age_band(age) in rules.JUVENILE_BANDS) is juvenile


@pytest.mark.parametrize(
    ("frm", "to", "allowed"),
    [
        (S.SURRENDERED, S.SCREENING, True),
        (S.ARRESTED, S.SCREENING, True),
        (S.SURRENDERED, S.TRIAL, False),
        (S.SCREENING, S.INVESTIGATION, True),
        (S.SCREENING, S.AMNESTIED, True),
        (S.INVESTIGATION, S.VERDICT, False),
        (S.TRIAL, S.VERDICT, True),
        (S.VERDICT, S.CASSATION, True),
        (S.CASSATION, S.TRIAL, True),
        (S.SERVING_SENTENCE, S.CONDITIONAL_RELEASE, True),
        (S.CONDITIONAL_RELEASE, S.SERVING_SENTENCE, True),
        (S.CLOSED, S.SCREENING, False),
        (S.RELEASED, S.SURRENDERED, False),
    ],
)
def test_pipeline_moves(frm, to, allowed):
    assert rules.can_move(frm, to) is allowed


def test_every_status_is_reachable_and_closed_is_final():
    reachable, frontier = set(), [S.SURRENDERED, S.ARRESTED]
    while frontier:
        status = frontier.pop()
        if status in reachable:
            continue
        reachable.add(status)
        frontier.extend(rules.ALLOWED_MOVES[status])
    assert reachable == set(S.values)
    assert rules.ALLOWED_MOVES[S.CLOSED] == frozenset()


@pytest.mark.parametrize(
    ("months", "cap"),
    [(None, 180), (12, 90), (24, 180), (240, 180), (6, 45)],
)
def test_total_cap_is_the_lesser_of_six_months_and_a_quarter_of_the_penalty(months, cap):
    assert rules.total_cap_days(LIMITS, months) == cap


def _errors(start, end, existing=(), extension=False, months=None):
    return rules.detention_order_errors(
        starts_on=start,
        ends_on=end,
        extension=extension,
        existing=list(existing),
        limits=LIMITS,
        max_penalty_months=months,
    )


def test_an_order_of_fifteen_days_is_allowed_and_sixteen_is_not():
    assert _errors(D(2017, 1, 1), D(2017, 1, 15)) == {}
    assert "at most 15 days" in _errors(D(2017, 1, 1), D(2017, 1, 16))["ends_on"]


def test_an_order_ending_before_it_starts_is_refused():
    assert "ends_on" in _errors(D(2017, 1, 10), D(2017, 1, 9))


def test_overlapping_orders_are_refused():
    existing = [(D(2017, 1, 1), D(2017, 1, 15))]
    assert "starts_on" in _errors(D(2017, 1, 15), D(2017, 1, 20), existing)
    assert _errors(D(2017, 1, 16), D(2017, 1, 30), existing) == {}


def test_the_total_cap_needs_the_felony_courts_extension():
    existing = [
        (D(2017, 1, 1) + dt.timedelta(days=15 * i), D(2017, 1, 15) + dt.timedelta(days=15 * i))
        for i in range(12)
    ]
    nxt = D(2017, 1, 1) + dt.timedelta(days=180)
    errors = _errors(nxt, nxt + dt.timedelta(days=9), existing)
    assert "limit is 180 days" in errors["felony_court_extension"]
    assert _errors(nxt, nxt + dt.timedelta(days=9), existing, extension=True) == {}


def test_a_light_charge_caps_detention_at_a_quarter_of_its_penalty():
    existing = [(D(2017, 1, 1), D(2017, 1, 15)), (D(2017, 1, 16), D(2017, 1, 30))]
    assert _errors(D(2017, 1, 31), D(2017, 2, 14), existing, months=6) == {}  # 45 days: the limit
    existing.append((D(2017, 1, 31), D(2017, 2, 14)))
    errors = _errors(D(2017, 2, 15), D(2017, 2, 15), existing, months=6)
    assert "limit is 45 days" in errors["felony_court_extension"]
