"""Pure rules of the tribal track, as tables of cases."""

from __future__ import annotations

import datetime as dt

import pytest

from cases.tribal import rules
from cases.tribal.models import Disavowal, Guarantee, PanelSitting, Petition, Settlement

D, G, P, T, St = (
    Disavowal.Status,
    Guarantee.Status,
    Petition.Status,
    PanelSitting.Status,
    Settlement.Status,
)


@pytest.mark.parametrize(
    ("moves", "start", "end", "allowed"),
    [
        (rules.DISAVOWAL_MOVES, D.FILED, D.UPHELD, True),
        (rules.DISAVOWAL_MOVES, D.FILED, D.WITHDRAWN, True),
        (rules.DISAVOWAL_MOVES, D.UPHELD, D.WITHDRAWN, True),
        (rules.DISAVOWAL_MOVES, D.UPHELD, D.FILED, False),
        (rules.DISAVOWAL_MOVES, D.WITHDRAWN, D.UPHELD, False),
        (rules.GUARANTEE_MOVES, G.ACTIVE, G.REVOKED, True),
        (rules.GUARANTEE_MOVES, G.COMPLETED, G.ACTIVE, False),
        (rules.GUARANTEE_MOVES, G.REVOKED, G.WITHDRAWN, False),
        (rules.SETTLEMENT_MOVES, St.NEGOTIATING, St.FULFILLED, False),
        (rules.SETTLEMENT_MOVES, St.AGREED, St.FULFILLED, True),
        (rules.SETTLEMENT_MOVES, St.FAILED, St.AGREED, False),
        (rules.SITTING_MOVES, T.SCHEDULED, T.HELD, True),
        (rules.SITTING_MOVES, T.HELD, T.CANCELLED, False),
        (rules.PETITION_MOVES, P.FILED, P.DECIDED, False),
        (rules.PETITION_MOVES, P.LISTED, P.LISTED, True),
        (rules.PETITION_MOVES, P.LISTED, P.DECIDED, True),
        (rules.PETITION_MOVES, P.DECIDED, P.WITHDRAWN, False),
    ],
)
def test_allowed_moves(moves, start, end, allowed):
    assert rules.can_move(moves, start, end) is allowed


@pytest.mark.parametrize(
    ("every", "start", "end", "expected"),
    [
        (None, dt.date(2017, 1, 1), dt.date(2017, 12, 31), []),
        (0, dt.date(2017, 1, 1), dt.date(2017, 12, 31), []),
        (30, dt.date(2017, 1, 1), dt.date(2017, 2, 15), [dt.date(2017, 1, 31)]),
        (
            14,
            dt.date(2017, 1, 1),
            dt.date(2017, 1, 29),
            [dt.date(2017, 1, 15), dt.date(2017, 1, 29)],
        ),
        (30, dt.date(2017, 1, 1), dt.date(2017, 1, 20), []),
    ],
)
def test_reporting_dates_of_a_guarantee(every, start, end, expected):
    assert rules.report_dates(start, every, end) == expected


@pytest.mark.parametrize(
    ("due", "every", "end", "expected"),
    [
        (dt.date(2017, 1, 31), 30, dt.date(2017, 12, 31), dt.date(2017, 3, 2)),
        (dt.date(2017, 12, 10), 30, dt.date(2017, 12, 31), None),
        (dt.date(2017, 12, 1), 30, dt.date(2017, 12, 31), dt.date(2017, 12, 31)),
        (dt.date(2017, 1, 31), None, dt.date(2017, 12, 31), None),
    ],
)
def test_the_next_reporting_date(due, every, end, expected):
    assert rules.next_report_date(due, every, end) == expected


@pytest.mark.parametrize(
    ("needed", "given", "due", "paid", "missing"),
    [
        (False, False, False, False, 0),
        (True, False, False, False, 1),
        (True, True, True, False, 1),
        (True, False, True, False, 2),
        (True, True, True, True, 0),
        (False, False, True, True, 0),
    ],
)
def test_what_a_settlement_still_lacks(needed, given, due, paid, missing):
    result = rules.settlement_missing(
        waiver_needed=needed, waiver_given=given, compensation_due=due, compensation_paid=paid
    )
    assert len(result) == missing


READY = rules.ReintegrationState(
    case_status="reintegration",
    returned=True,
    visits_done=2,
    visits_planned=0,
    protection_active=0,
    guarantees_active=0,
    last_outcome="settled",
)


@pytest.mark.parametrize(
    ("change", "blocked_by"),
    [
        ({}, None),
        ({"case_status": "released"}, "not in reintegration"),
        ({"returned": False}, "return home"),
        ({"visits_done": 0}, "No follow-up visit"),
        ({"visits_planned": 1}, "still planned"),
        ({"last_outcome": "threat"}, "visit him again"),
        ({"last_outcome": "not_found"}, "visit him again"),
        ({"last_outcome": "difficulties"}, None),
        ({"protection_active": 1}, "protection measure"),
        ({"guarantees_active": 1}, "guarantee"),
    ],
)
def test_what_blocks_closing_a_case(change, blocked_by):
    from dataclasses import replace

    blockers = rules.reintegration_blockers(replace(READY, **change))
    if blocked_by is None:
        assert blockers == []
    else:
        assert len(blockers) == 1 and blocked_by in blockers[0]
