"""Sentence arithmetic and the commutation calculator: plain functions of plain values.

The figures (life counted as 20 years, the 25-year cap, conditional release after three
quarters or two thirds for juveniles with at least six months served, the floors of the
mitigating steps) come in a :class:`SentenceRules` and the commutation rules in a list of
:class:`CommutationRule`, both built from rule sets kept in the database with their legal
source and the date they take effect. The calculator proposes; the judge decides.

Order of application (Penal Code Art. 137, as the programme applies it): first the limits that
the law sets by age (Art. 79; Juvenile Welfare Law 76/1983), then aggravating circumstances,
then legal excuses (exempting or mitigating: Anti-Terrorism Law Art. 5, Penal Code Art. 130),
then judicial leniency (Art. 132) and the programme's promise for voluntary surrender.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field, replace
from enum import StrEnum
from fractions import Fraction

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class Penalty(StrEnum):
    DEATH = "death"
    LIFE = "life"
    TEMPORARY = "temporary"  # temporary imprisonment (سجن مؤقت), more than 5 up to 15 years
    IMPRISONMENT = "imprisonment"  # imprisonment (حبس), up to 5 years
    FINE = "fine"
    JUVENILE = "juvenile"  # a juvenile measure (placement), for those under 18 at the acts
    EXEMPT = "exempt"  # exempted from the penalty by a legal excuse


CUSTODIAL = frozenset({Penalty.TEMPORARY, Penalty.IMPRISONMENT, Penalty.JUVENILE})
JUVENILE_BANDS = frozenset({"under_9", "juvenile_9_15", "juvenile_15_18"})


@dataclass(frozen=True)
class Term:
    years: int = 0
    months: int = 0
    days: int = 0

    def delta(self) -> relativedelta:
        return relativedelta(years=self.years, months=self.months, days=self.days)

    def days_from(self, start: dt.date) -> int:
        return (start + self.delta() - start).days

    @classmethod
    def of_days(cls, days: int, *, start: dt.date = dt.date(2000, 1, 1)) -> Term:
        """A term of ``days`` as years, months and days counted from ``start`` (the same base
        date :func:`_step_down` and :func:`sentence_errors` count from), so that
        ``Term.of_days(n).days_from(start) == n``."""
        span = relativedelta(start + dt.timedelta(days=days), start)
        return cls(span.years, span.months, span.days)

    def __str__(self) -> str:
        # Abbreviated, the same in the English singular and plural; Arabic counts in its forms.
        parts = []
        if self.years:
            parts.append(ngettext("%(n)d y", "%(n)d y", self.years) % {"n": self.years})
        if self.months:
            parts.append(ngettext("%(n)d m", "%(n)d m", self.months) % {"n": self.months})
        if self.days or not parts:
            parts.append(ngettext("%(n)d d", "%(n)d d", self.days) % {"n": self.days})
        return " ".join(parts)


@dataclass(frozen=True)
class Sentence:
    penalty: Penalty
    term: Term | None = None
    fine: int | None = None

    def label(self) -> str:
        names = {
            Penalty.DEATH: _("death"),
            Penalty.LIFE: _("life imprisonment"),
            Penalty.TEMPORARY: _("temporary imprisonment"),
            Penalty.IMPRISONMENT: _("imprisonment"),
            Penalty.FINE: _("fine"),
            Penalty.JUVENILE: _("juvenile measure"),
            Penalty.EXEMPT: _("exempted from the penalty"),
        }
        text = str(names[self.penalty])
        if self.term and self.penalty in CUSTODIAL:
            text += f" ({self.term})"
        return text


@dataclass(frozen=True)
class SentenceRules:
    life_years: int = 20
    max_total_years: int = 25
    temporary_min_years: int = 5  # exclusive: more than five years
    temporary_max_years: int = 15
    imprisonment_max_years: int = 5
    juvenile_max_years: int = 15
    conditional_share: Fraction = Fraction(3, 4)
    conditional_share_juvenile: Fraction = Fraction(2, 3)
    conditional_min_months: int = 6
    #: Floors of one mitigating step (Art. 130/132, floors unverified: configurable).
    step_life_to_temporary_years: int = 15
    step_temporary_to_imprisonment_years: int = 5
    source: str = "Penal Code 111/1969 Arts. 79, 87, 130–137, 143; CPC Art. 331"


def custodial_days(sentence: Sentence, start: dt.date, rules: SentenceRules) -> int | None:
    """Days of deprivation of liberty the sentence means from ``start`` (life = 20 years)."""
    if sentence.penalty == Penalty.LIFE:
        return Term(rules.life_years).days_from(start)
    if sentence.penalty in CUSTODIAL and sentence.term:
        return sentence.term.days_from(start)
    return None


def sentence_errors(sentence: Sentence, *, age_band: str, rules: SentenceRules) -> list[str]:
    """Why the law forbids this sentence for this person (empty: it may be given)."""
    errors = []
    juvenile = age_band in JUVENILE_BANDS
    if age_band == "under_9":
        errors.append(_("Under nine at the time of the acts: not criminally responsible."))
    if sentence.penalty == Penalty.DEATH and juvenile:
        errors.append(_("No death sentence for a juvenile (Juvenile Welfare Law 76/1983)."))
    elif sentence.penalty == Penalty.DEATH and age_band == "young_18_20":
        errors.append(
            _("No death sentence for one aged 18 to 20 at the acts (Penal Code Art. 79).")
        )
    if sentence.penalty == Penalty.LIFE and juvenile:
        errors.append(_("No life imprisonment for a juvenile (Juvenile Welfare Law 76/1983)."))
    if sentence.penalty == Penalty.JUVENILE and not juvenile:
        errors.append(_("A juvenile measure is only for one under 18 at the time of the acts."))
    if sentence.penalty in CUSTODIAL:
        if sentence.term is None or sentence.term == Term():
            errors.append(_("Give the term."))
            return errors
        start = dt.date(2000, 1, 1)
        days = sentence.term.days_from(start)
        if sentence.penalty == Penalty.TEMPORARY and not (
            Term(rules.temporary_min_years).days_from(start)
            < days
            <= Term(rules.temporary_max_years).days_from(start)
        ):
            errors.append(
                _("Temporary imprisonment is more than %(min)d and up to %(max)d years.")
                % {"min": rules.temporary_min_years, "max": rules.temporary_max_years}
            )
        if sentence.penalty == Penalty.IMPRISONMENT and days > Term(
            rules.imprisonment_max_years
        ).days_from(start):
            errors.append(
                _("Imprisonment is at most %(max)d years.") % {"max": rules.imprisonment_max_years}
            )
        if sentence.penalty == Penalty.JUVENILE and days > Term(rules.juvenile_max_years).days_from(
            start
        ):
            errors.append(
                _("A juvenile measure is at most %(max)d years.")
                % {"max": rules.juvenile_max_years}
            )
    if sentence.penalty == Penalty.FINE and not sentence.fine:
        errors.append(_("Give the amount of the fine."))
    return errors


@dataclass(frozen=True)
class Total:
    days: int | None  # None: no deprivation of liberty to count (death, fine, exemption)
    capped: bool
    gravest: Penalty


def aggregate(sentences: list[Sentence], *, start: dt.date, rules: SentenceRules) -> Total:
    """The sentences of one case together: the gravest penalty, and the days of deprivation of
    liberty added up and capped at 25 years (Penal Code Art. 143)."""
    order = [
        Penalty.DEATH,
        Penalty.LIFE,
        Penalty.TEMPORARY,
        Penalty.IMPRISONMENT,
        Penalty.JUVENILE,
        Penalty.FINE,
        Penalty.EXEMPT,
    ]
    gravest = min((s.penalty for s in sentences), key=order.index, default=Penalty.EXEMPT)
    if gravest == Penalty.DEATH:
        return Total(None, False, gravest)
    days = [d for s in sentences if (d := custodial_days(s, start, rules)) is not None]
    if not days:
        return Total(None, False, gravest)
    cap = Term(rules.max_total_years).days_from(start)
    return Total(min(sum(days), cap), sum(days) > cap, gravest)


@dataclass(frozen=True)
class Dates:
    start: dt.date
    credited_days: int
    release: dt.date
    conditional_release: dt.date


def sentence_dates(
    *, start: dt.date, days: int, credited_days: int, juvenile: bool, rules: SentenceRules
) -> Dates:
    """Expected release and conditional-release eligibility (CPC Art. 331): three quarters of the
    sentence (two thirds for a juvenile), and at least six months, served; pre-trial detention
    counts as served."""
    credited = min(max(credited_days, 0), days)
    release = start + dt.timedelta(days=days - credited)
    share = rules.conditional_share_juvenile if juvenile else rules.conditional_share
    needed = max(
        math.ceil(share * days),
        (start + relativedelta(months=rules.conditional_min_months) - start).days,
    )
    eligible = start + dt.timedelta(days=max(needed - credited, 0))
    return Dates(start, credited, release, min(eligible, release))


# --- Commutation -----------------------------------------------------------------------------


class Stage(StrEnum):
    LIMITS = "limits"
    AGGRAVATING = "aggravating"
    EXCUSE = "excuse"
    LENIENCY = "leniency"


STAGE_ORDER = [Stage.LIMITS, Stage.AGGRAVATING, Stage.EXCUSE, Stage.LENIENCY]


class Effect(StrEnum):
    EXEMPT = "exempt"  # no penalty at all
    STEP_DOWN = "step_down"  # one step down the scale: death → life → temporary → imprisonment
    REDUCE = "reduce"  # the custodial term reduced by a fraction
    AGE_LIMIT = "age_limit"  # what the law allows at his age at the acts


@dataclass(frozen=True)
class CaseFacts:
    voluntary_surrender: bool
    surrender_evidence: str = ""  # e.g. "through referral REF-ANB-2017-00012"
    arrested: bool = False
    informed_before_discovery: bool = False
    informed_before_own_arrest: bool = False
    information_led_to_arrests: bool = False
    age_band: str = "unknown"
    age_at_acts: int | None = None
    offence_categories: frozenset[str] = frozenset()
    killing_declared: str = "unknown"


@dataclass(frozen=True)
class CommutationRule:
    code: str
    title: str
    stage: Stage
    effect: Effect
    source: str
    fraction: Fraction = Fraction(0)
    requires_voluntary_surrender: bool = False
    forfeited_by_arrest: bool = False
    requires_informed_before_discovery: bool = False
    requires_informed_before_own_arrest: bool = False
    requires_information_led_to_arrests: bool = False
    offence_categories: frozenset[str] = frozenset()  # empty: any offence
    verified: bool = False
    order: int = 0


@dataclass(frozen=True)
class Line:
    rule: str
    title: str
    applies: bool
    explanation: str
    before: str = ""
    after: str = ""
    source: str = ""


@dataclass(frozen=True)
class Proposal:
    original: Sentence
    proposed: Sentence
    lines: tuple[Line, ...] = field(default_factory=tuple)

    @property
    def changed(self) -> bool:
        return self.proposed != self.original


def _step_down(sentence: Sentence, rules: SentenceRules) -> Sentence:
    if sentence.penalty == Penalty.DEATH:
        return Sentence(Penalty.LIFE)
    if sentence.penalty == Penalty.LIFE:
        return Sentence(Penalty.TEMPORARY, Term(rules.step_life_to_temporary_years))
    if sentence.penalty == Penalty.TEMPORARY:
        start = dt.date(2000, 1, 1)
        days = min(
            sentence.term.days_from(start),
            Term(rules.step_temporary_to_imprisonment_years).days_from(start),
        )
        return Sentence(Penalty.IMPRISONMENT, Term.of_days(days))
    if sentence.penalty in (Penalty.IMPRISONMENT, Penalty.JUVENILE) and sentence.term:
        return _reduce(sentence, Fraction(1, 2))
    return sentence


def _reduce(sentence: Sentence, fraction: Fraction) -> Sentence:
    """The term reduced by ``fraction``, counted in months as judges count (a remaining part of
    a month in days of 30, rounded up in his favour's opposite: never below the exact share)."""
    if sentence.penalty not in CUSTODIAL or not sentence.term:
        return sentence
    keep = 1 - fraction
    months = Fraction(sentence.term.years * 12 + sentence.term.months) * keep
    whole = math.floor(months)
    days = math.ceil((months - whole) * 30 + Fraction(sentence.term.days) * keep)
    whole, days = whole + days // 30, days % 30
    return replace(sentence, term=Term(whole // 12, whole % 12, days))


def _age_limit(sentence: Sentence, facts: CaseFacts, rules: SentenceRules) -> tuple[Sentence, str]:
    if facts.age_band in JUVENILE_BANDS and sentence.penalty in (Penalty.DEATH, Penalty.LIFE):
        return Sentence(Penalty.JUVENILE, Term(rules.juvenile_max_years)), _(
            "a juvenile at the acts: no death or life; at most a juvenile measure"
        )
    if facts.age_band == "young_18_20" and sentence.penalty == Penalty.DEATH:
        return Sentence(Penalty.LIFE), _("aged 18 to 20 at the acts: no death sentence")
    return sentence, _("his age at the acts sets no limit on this penalty")


def _conditions(rule: CommutationRule, facts: CaseFacts) -> list[str]:
    """What the rule requires and the facts lack (empty: it applies)."""
    missing = []
    if rule.offence_categories and not (rule.offence_categories & facts.offence_categories):
        missing.append(_("the offence is not of the kind it covers"))
    if rule.forfeited_by_arrest and facts.arrested:
        missing.append(_("he was arrested, which forfeits this ground"))
    if rule.requires_voluntary_surrender and not facts.voluntary_surrender:
        missing.append(_("he did not surrender voluntarily"))
    if rule.requires_informed_before_discovery and not facts.informed_before_discovery:
        missing.append(_("he did not inform before the crime was discovered"))
    if rule.requires_informed_before_own_arrest and not facts.informed_before_own_arrest:
        missing.append(_("he did not inform before his own arrest"))
    if rule.requires_information_led_to_arrests and not facts.information_led_to_arrests:
        missing.append(_("his information did not lead to arrests"))
    return missing


def propose(
    sentence: Sentence,
    facts: CaseFacts,
    commutation_rules: list[CommutationRule],
    rules: SentenceRules,
) -> Proposal:
    """Apply the rules in the legal order and say, rule by rule, whether it applies and why, and
    what it does to the sentence. An exemption ends the calculation."""
    current = sentence
    lines: list[Line] = []
    ordered = sorted(commutation_rules, key=lambda r: (STAGE_ORDER.index(r.stage), r.order, r.code))
    for rule in ordered:
        before = current.label()
        if rule.effect == Effect.AGE_LIMIT:
            current, why = _age_limit(current, facts, rules)
            lines.append(
                Line(
                    rule.code,
                    rule.title,
                    current.label() != before,
                    why,
                    before,
                    current.label(),
                    rule.source,
                )
            )
            continue
        missing = _conditions(rule, facts)
        if missing:
            lines.append(
                Line(
                    rule.code,
                    rule.title,
                    False,
                    _("does not apply: %(why)s") % {"why": "; ".join(missing)},
                    before,
                    before,
                    rule.source,
                )
            )
            continue
        if rule.effect == Effect.EXEMPT:
            current = Sentence(Penalty.EXEMPT)
        elif rule.effect == Effect.STEP_DOWN:
            current = _step_down(current, rules)
        elif rule.effect == Effect.REDUCE:
            current = _reduce(current, rule.fraction)
        evidence = (
            f" ({facts.surrender_evidence})"
            if rule.requires_voluntary_surrender and facts.surrender_evidence
            else ""
        )
        lines.append(
            Line(
                rule.code,
                rule.title,
                True,
                _("applies%(evidence)s: %(before)s → %(after)s")
                % {"evidence": evidence, "before": before, "after": current.label()},
                before,
                current.label(),
                rule.source,
            )
        )
        if current.penalty == Penalty.EXEMPT:
            break
    return Proposal(sentence, current, tuple(lines))
