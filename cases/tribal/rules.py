"""Pure rules of the tribal track: the allowed moves of each record, the reporting schedule of a
guarantee, what a settlement still lacks, and what still stands between a returnee and the
closing of his case. Plain functions of plain values, tested with tables of cases."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from cases.casefiles.models import Case

from .models import (
    Disavowal,
    FollowUpVisit,
    Guarantee,
    PanelSitting,
    Petition,
    Settlement,
)

S = Case.Status

DISAVOWAL_MOVES: dict[str, frozenset[str]] = {
    Disavowal.Status.FILED: frozenset({Disavowal.Status.UPHELD, Disavowal.Status.WITHDRAWN}),
    Disavowal.Status.UPHELD: frozenset({Disavowal.Status.WITHDRAWN}),
    Disavowal.Status.WITHDRAWN: frozenset(),
}

GUARANTEE_MOVES: dict[str, frozenset[str]] = {
    Guarantee.Status.ACTIVE: frozenset(
        {Guarantee.Status.COMPLETED, Guarantee.Status.REVOKED, Guarantee.Status.WITHDRAWN}
    ),
    Guarantee.Status.COMPLETED: frozenset(),
    Guarantee.Status.REVOKED: frozenset(),
    Guarantee.Status.WITHDRAWN: frozenset(),
}

SETTLEMENT_MOVES: dict[str, frozenset[str]] = {
    Settlement.Status.NEGOTIATING: frozenset({Settlement.Status.AGREED, Settlement.Status.FAILED}),
    Settlement.Status.AGREED: frozenset({Settlement.Status.FULFILLED, Settlement.Status.FAILED}),
    Settlement.Status.FULFILLED: frozenset(),
    Settlement.Status.FAILED: frozenset(),
}

SITTING_MOVES: dict[str, frozenset[str]] = {
    PanelSitting.Status.SCHEDULED: frozenset(
        {PanelSitting.Status.HELD, PanelSitting.Status.POSTPONED, PanelSitting.Status.CANCELLED}
    ),
    PanelSitting.Status.HELD: frozenset(),
    PanelSitting.Status.POSTPONED: frozenset(),
    PanelSitting.Status.CANCELLED: frozenset(),
}

PETITION_MOVES: dict[str, frozenset[str]] = {
    Petition.Status.FILED: frozenset({Petition.Status.LISTED, Petition.Status.WITHDRAWN}),
    # Listed again: moved to another sitting of the same panel.
    Petition.Status.LISTED: frozenset(
        {Petition.Status.LISTED, Petition.Status.DECIDED, Petition.Status.WITHDRAWN}
    ),
    Petition.Status.DECIDED: frozenset(),
    Petition.Status.WITHDRAWN: frozenset(),
}

#: A man goes home (and his reintegration follows) only once he is out of detention.
RETURNABLE = frozenset({S.RELEASED, S.AMNESTIED, S.CONDITIONAL_RELEASE, S.REINTEGRATION})


def can_move(moves: dict[str, frozenset[str]], from_status: str, to_status: str) -> bool:
    """Whether ``moves`` allow a record to go from ``from_status`` to ``to_status``."""
    return to_status in moves.get(from_status, frozenset())


def report_dates(starts_on: dt.date, every_days: int | None, ends_on: dt.date) -> list[dt.date]:
    """Every reporting date of a guarantee: each ``every_days`` from its start, up to its end
    (inclusive). None when the terms require no reporting."""
    if not every_days:
        return []
    dates, day = [], starts_on + dt.timedelta(days=every_days)
    while day <= ends_on:
        dates.append(day)
        day += dt.timedelta(days=every_days)
    return dates


def next_report_date(due: dt.date, every_days: int | None, ends_on: dt.date) -> dt.date | None:
    """The reporting date after ``due``, or None when the guarantee ends before it."""
    if not every_days:
        return None
    following = due + dt.timedelta(days=every_days)
    return following if following <= ends_on else None


def settlement_missing(
    *,
    waiver_needed: bool,
    waiver_given: bool,
    compensation_due: bool,
    compensation_paid: bool,
) -> list[str]:
    """What a settlement still lacks before it can be recorded fulfilled (empty: nothing)."""
    missing = []
    if waiver_needed and not waiver_given:
        missing.append(_("the victim's waiver, which his amnesty requires"))
    if compensation_due and not compensation_paid:
        missing.append(_("the payment of the compensation"))
    return missing


@dataclass(frozen=True)
class ReintegrationState:
    """What the closing of a case looks at."""

    case_status: str
    returned: bool
    visits_done: int
    visits_planned: int
    protection_active: int
    guarantees_active: int
    last_outcome: str = ""


#: Outcomes of a visit after which a case cannot be closed: someone must visit again first.
UNSETTLED_OUTCOMES = frozenset(
    {
        FollowUpVisit.Outcome.THREAT,
        FollowUpVisit.Outcome.NOT_FOUND,
        FollowUpVisit.Outcome.CONCERN,
    }
)


def reintegration_blockers(state: ReintegrationState) -> list[str]:
    """Why the case cannot yet be closed as reintegrated (empty: it can)."""
    blockers = []
    if state.case_status != S.REINTEGRATION:
        blockers.append(_("The case is not in reintegration."))
    if not state.returned:
        blockers.append(_("His return home is not recorded."))
    if state.visits_done == 0:
        blockers.append(_("No follow-up visit has been made."))
    if state.visits_planned:
        blockers.append(_("A follow-up visit is still planned: record it or cancel it."))
    if state.last_outcome in UNSETTLED_OUTCOMES:
        blockers.append(_("The last visit did not find him settled: visit him again."))
    if state.protection_active:
        blockers.append(_("A family protection measure is still in place: end it first."))
    if state.guarantees_active:
        blockers.append(_("A guarantee is still in force: record its end first."))
    return blockers
