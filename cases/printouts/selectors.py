"""What a printed case file holds, read in a fixed number of queries whatever the case's size.

The reads are the domain apps' own selectors (the case, its custody, charges and court record);
this module adds the legal sources the document cites, and what it must know of the referrals
behind the case without ever printing them: that there was one, and which identifiers
(referral numbers, source code names) must be kept out of every line of the document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from cases.accounts.jurisdiction import get_for_user
from cases.casefiles.deadline_kinds import JUDGE_24H
from cases.casefiles.models import Case, CustodyRule, DetentionOrder, Intake, WeaponItem
from cases.casefiles.selectors import DetentionSummary, cases_for_user, detention_summary
from cases.courts.selectors import court_record
from cases.deadlines.models import DeadlineRule
from cases.legal.models import Charge
from cases.legal.selectors import charges_of_case
from cases.referrals.models import Referral

#: The 24-hour limit when no rule is recorded (Constitution Art. 19/13).
DEFAULT_PRESENTATION_LIMIT = dt.timedelta(hours=24)
DEFAULT_PRESENTATION_SOURCE = gettext_noop("Constitution Art. 19/13")


@dataclass(frozen=True)
class Presentation:
    """The arrested person's papers before the investigating judge: when, and whether in time."""

    limit: dt.timedelta
    rule: DeadlineRule | None
    presented_at: dt.datetime | None
    elapsed: dt.timedelta | None

    @property
    def source(self) -> str:
        """The rule's legal source in the language the document is printed in (read when the
        template asks, under the print language, not when the case file is read)."""
        return self.rule.source if self.rule else gettext(DEFAULT_PRESENTATION_SOURCE)

    @property
    def to_verify(self) -> bool:
        """Whether to add "text to verify": not when the source already says it is unverified
        (the English text is the one that says so in a fixed word)."""
        if self.rule is None:
            return True
        return not self.rule.source_verified and "unverified" not in self.rule.legal_source

    @property
    def limit_hours(self) -> int:
        return int(self.limit.total_seconds() // 3600)

    @property
    def elapsed_hours(self) -> int | None:
        return None if self.elapsed is None else int(self.elapsed.total_seconds() // 3600)

    @property
    def in_time(self) -> bool | None:
        return None if self.elapsed is None else self.elapsed <= self.limit


@dataclass
class CaseFile:
    case: Case
    intake: Intake
    #: A referral led to the surrender: printed only as "voluntary, through a referral".
    through_referral: bool
    #: Identifiers of the referrals (numbers, source code names) the document must never show.
    withheld: tuple[str, ...]
    orders: list[DetentionOrder]
    detention: DetentionSummary
    custody_rule: CustodyRule | None
    presentation: Presentation
    weapons: list[WeaponItem]
    charges: list[Charge]
    court: dict[str, Any] = field(default_factory=dict)


def case_for_print(user, pk) -> Case:
    """The case with what the document's first sections read; 404 outside the jurisdiction."""
    qs = cases_for_user(user).select_related("intake__presented_to_court")
    return get_for_user(qs, user, pk=pk)


def case_file(user, case: Case) -> CaseFile:
    """Everything the printed case file shows (about fifteen queries, whatever the number of
    orders, weapons, charges, hearings or commutations)."""
    intake = case.intake
    referrals = list(Referral.objects.filter(case_id=case.pk).values_list("number", "source_code"))
    orders = list(case.detention_orders.select_related("court"))
    first_day = orders[0].starts_on if orders else timezone.localdate(intake.at)
    custody_rule = (
        CustodyRule.objects.filter(effective_from__lte=first_day)
        .order_by("-effective_from")
        .first()
    )
    weapons = list(case.weapons.prefetch_related("custody"))
    return CaseFile(
        case=case,
        intake=intake,
        through_referral=bool(referrals),
        withheld=tuple(sorted({v for pair in referrals for v in pair if v}, key=len, reverse=True)),
        orders=orders,
        detention=detention_summary(case, orders),
        custody_rule=custody_rule,
        presentation=_presentation(intake),
        weapons=weapons,
        charges=charges_of_case(case),
        court=court_record(user, case),
    )


def _presentation(intake: Intake) -> Presentation:
    rule = (
        DeadlineRule.objects.filter(
            kind__code=JUDGE_24H, effective_from__lte=timezone.localdate(intake.at)
        )
        .order_by("-effective_from")
        .first()
    )
    presented = intake.presented_to_judge_at
    return Presentation(
        limit=(rule.duration if rule and rule.duration else DEFAULT_PRESENTATION_LIMIT),
        rule=rule,
        presented_at=presented,
        elapsed=(presented - intake.at) if presented else None,
    )
