"""Pure rules of a case: age bands, the pipeline's allowed moves, detention limits.

Plain functions of plain values, tested with tables of cases.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from cases.deadlines.wording import days as days_text

from .models import AgeBand, Case

S = Case.Status


def age_band(age: int | None) -> str:
    """The band of an age at the time of the acts (Juvenile Welfare Law 76/1983: under 9 not
    responsible, 9–15 and 15–18 juvenile; Penal Code Art. 79: no death sentence for 18–20)."""
    if age is None:
        return AgeBand.UNKNOWN
    if age < 9:
        return AgeBand.UNDER_9
    if age < 15:
        return AgeBand.JUVENILE_9_15
    if age < 18:
        return AgeBand.JUVENILE_15_18
    if age <= 20:
        return AgeBand.YOUNG_18_20
    return AgeBand.ADULT


JUVENILE_BANDS = frozenset({AgeBand.UNDER_9, AgeBand.JUVENILE_9_15, AgeBand.JUVENILE_15_18})

#: The pipeline (DOMAIN.md): from each status, where a case may go next.
ALLOWED_MOVES: dict[str, frozenset[str]] = {
    S.SURRENDERED: frozenset({S.SCREENING}),
    S.ARRESTED: frozenset({S.SCREENING}),
    S.SCREENING: frozenset({S.INVESTIGATION, S.RELEASED, S.AMNESTIED}),
    S.INVESTIGATION: frozenset({S.REFERRED_TO_TRIAL, S.RELEASED, S.AMNESTIED}),
    S.REFERRED_TO_TRIAL: frozenset({S.TRIAL, S.AMNESTIED}),
    S.TRIAL: frozenset({S.VERDICT, S.AMNESTIED}),
    S.VERDICT: frozenset({S.CASSATION, S.FINAL, S.RELEASED}),
    S.CASSATION: frozenset({S.FINAL, S.TRIAL, S.RELEASED}),
    S.FINAL: frozenset({S.SERVING_SENTENCE, S.RELEASED, S.AMNESTIED}),
    S.SERVING_SENTENCE: frozenset({S.CONDITIONAL_RELEASE, S.AMNESTIED, S.RELEASED}),
    S.CONDITIONAL_RELEASE: frozenset({S.REINTEGRATION, S.SERVING_SENTENCE, S.RELEASED}),
    S.AMNESTIED: frozenset({S.REINTEGRATION, S.CLOSED}),
    S.RELEASED: frozenset({S.REINTEGRATION, S.CLOSED}),
    S.REINTEGRATION: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
}

#: Statuses in which the person may be held on a detention order.
DETAINABLE = frozenset(
    {S.SURRENDERED, S.ARRESTED, S.SCREENING, S.INVESTIGATION, S.REFERRED_TO_TRIAL, S.TRIAL}
)


def initial_status(kind: str) -> str:
    return S.ARRESTED if kind == Case.Kind.ARREST else S.SURRENDERED


def can_move(from_status: str, to_status: str) -> bool:
    return to_status in ALLOWED_MOVES.get(from_status, frozenset())


@dataclass(frozen=True)
class Limits:
    max_order_days: int
    max_total_days: int
    share_of_penalty: Decimal


def total_cap_days(limits: Limits, max_penalty_months: int | None) -> int:
    """Total pre-trial detention allowed: the lesser of the fixed limit and the share of the
    heaviest penalty charged (a month counted as 30 days); the fixed limit while unknown."""
    if max_penalty_months is None:
        return limits.max_total_days
    by_penalty = int(Decimal(max_penalty_months * 30) * limits.share_of_penalty)
    return min(limits.max_total_days, by_penalty)


def detention_order_errors(
    *,
    starts_on: dt.date,
    ends_on: dt.date,
    extension: bool,
    existing: list[tuple[dt.date, dt.date]],
    limits: Limits,
    max_penalty_months: int | None,
) -> dict[str, str]:
    """Why a new detention order may not be recorded, field by field (empty: it may)."""
    errors: dict[str, str] = {}
    if ends_on < starts_on:
        errors["ends_on"] = _("The order cannot end before it starts.")
        return errors
    days = (ends_on - starts_on).days + 1
    if days > limits.max_order_days:
        errors["ends_on"] = _(
            "A detention order may last at most %(max)s; this one lasts %(days)s."
        ) % {"max": days_text(limits.max_order_days), "days": days_text(days)}
    for start, end in existing:
        if starts_on <= end and ends_on >= start:
            errors["starts_on"] = _("It overlaps the order of %(start)s to %(end)s.") % {
                "start": start.isoformat(),
                "end": end.isoformat(),
            }
            break
    total = days + sum((end - start).days + 1 for start, end in existing)
    cap = total_cap_days(limits, max_penalty_months)
    if total > cap and not extension:
        errors["felony_court_extension"] = _(
            "With this order he would have been held %(total)s before trial; the limit is "
            "%(cap)s unless the felony court extends it (tick the extension and give its "
            "decision)."
        ) % {"total": days_text(total), "cap": days_text(cap)}
    return errors
