"""Sentence arithmetic and the commutation calculator, with tables of cases."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from cases.courts.rules import (
    CaseFacts,
    CommutationRule,
    Effect,
    Penalty,
    Sentence,
    SentenceRules,
    Stage,
    Term,
    aggregate,
    propose,
    sentence_dates,
    sentence_errors,
)

R = SentenceRules()
D = dt.date


@pytest.mark.parametrize(
    ("sentence", "band", "error"),
    [
        (Sentence(Penalty.DEATH), "adult", None),
        (Sentence(Penalty.DEATH), "young_18_20", "Art. 79"),
        (Sentence(Penalty.DEATH), "juvenile_15_18", "No death sentence for a juvenile"),
        (Sentence(Penalty.LIFE), "juvenile_15_18", "No life imprisonment for a juvenile"),
        (Sentence(Penalty.LIFE), "young_18_20", None),
        (Sentence(Penalty.JUVENILE, Term(5)), "adult", "only for one under 18"),
        (Sentence(Penalty.JUVENILE, Term(16)), "juvenile_15_18", "at most 15 years"),
        (Sentence(Penalty.TEMPORARY, Term(5)), "adult", "more than 5"),
        (Sentence(Penalty.TEMPORARY, Term(5, 0, 1)), "adult", None),
        (Sentence(Penalty.TEMPORARY, Term(15)), "adult", None),
        (Sentence(Penalty.TEMPORARY, Term(15, 1)), "adult", "up to 15"),
        (Sentence(Penalty.IMPRISONMENT, Term(5)), "adult", None),
        (Sentence(Penalty.IMPRISONMENT, Term(5, 1)), "adult", "at most 5"),
        (Sentence(Penalty.IMPRISONMENT), "adult", "Give the term"),
        (Sentence(Penalty.FINE), "adult", "amount"),
        (Sentence(Penalty.IMPRISONMENT, Term(1)), "under_9", "not criminally responsible"),
    ],
)
def test_what_the_law_allows(sentence, band, error):
    errors = sentence_errors(sentence, age_band=band, rules=R)
    if error is None:
        assert errors == []
    else:
        assert any(error in e for e in errors), errors


@pytest.mark.parametrize(
    ("sentences", "days", "capped", "gravest"),
    [
        ([Sentence(Penalty.LIFE)], 7305, False, Penalty.LIFE),  # 20 years from 2017-01-01
        ([Sentence(Penalty.LIFE), Sentence(Penalty.TEMPORARY, Term(10))], 9131, True, Penalty.LIFE),
        (
            [Sentence(Penalty.TEMPORARY, Term(10)), Sentence(Penalty.IMPRISONMENT, Term(3))],
            4747,
            False,
            Penalty.TEMPORARY,
        ),
        ([Sentence(Penalty.DEATH), Sentence(Penalty.LIFE)], None, False, Penalty.DEATH),
        ([Sentence(Penalty.FINE, fine=500000)], None, False, Penalty.FINE),
    ],
)
def test_sentences_add_up_and_are_capped_at_25_years(sentences, days, capped, gravest):
    total = aggregate(sentences, start=D(2017, 1, 1), rules=R)
    assert (total.days, total.capped, total.gravest) == (days, capped, gravest)


@pytest.mark.parametrize(
    ("days", "credited", "juvenile", "release", "conditional"),
    [
        (3652, 0, False, D(2027, 1, 1), D(2024, 7, 2)),  # 10 years: ¾ = 2739 days
        (3652, 365, False, D(2026, 1, 1), D(2023, 7, 3)),  # a year of pre-trial detention counts
        (3652, 0, True, D(2027, 1, 1), D(2023, 9, 2)),  # juvenile: ⅔ = 2435 days
        (240, 0, False, D(2017, 8, 29), D(2017, 7, 1)),  # 8 months: ¾ is 6 months anyway
        (150, 0, False, D(2017, 5, 31), D(2017, 5, 31)),  # under 6 months: release comes first
        (365, 400, False, D(2017, 1, 1), D(2017, 1, 1)),  # credit beyond the term: free now
    ],
)
def test_release_and_conditional_release_dates(days, credited, juvenile, release, conditional):
    dates = sentence_dates(
        start=D(2017, 1, 1), days=days, credited_days=credited, juvenile=juvenile, rules=R
    )
    assert (dates.release, dates.conditional_release) == (release, conditional)


AGE = CommutationRule(
    "age", "Age at the acts", Stage.LIMITS, Effect.AGE_LIMIT, "Penal Code Art. 79"
)
EXEMPT = CommutationRule(
    "at5-exempt",
    "Informed before discovery",
    Stage.EXCUSE,
    Effect.EXEMPT,
    "Anti-Terrorism Law Art. 5",
    requires_informed_before_discovery=True,
    offence_categories=frozenset({"terrorism"}),
)
MITIGATE = CommutationRule(
    "at5-mitigate",
    "Informed, leading to arrests",
    Stage.EXCUSE,
    Effect.STEP_DOWN,
    "Anti-Terrorism Law Art. 5",
    requires_informed_before_own_arrest=True,
    requires_information_led_to_arrests=True,
    offence_categories=frozenset({"terrorism"}),
)
SURRENDER = CommutationRule(
    "surrender",
    "Voluntary surrender (programme)",
    Stage.LENIENCY,
    Effect.REDUCE,
    "Programme",
    fraction=Fraction(1, 3),
    requires_voluntary_surrender=True,
    forfeited_by_arrest=True,
)
RULES = [SURRENDER, MITIGATE, EXEMPT, AGE]
TERROR = frozenset({"terrorism"})


@pytest.mark.parametrize(
    ("sentence", "facts", "proposed", "applied"),
    [
        # each rule alone
        (
            Sentence(Penalty.DEATH),
            CaseFacts(False, arrested=True, offence_categories=TERROR),
            Sentence(Penalty.DEATH),
            [],
        ),
        (
            Sentence(Penalty.DEATH),
            CaseFacts(False, arrested=True, age_band="young_18_20", offence_categories=TERROR),
            Sentence(Penalty.LIFE),
            ["age"],
        ),
        (
            Sentence(Penalty.LIFE),
            CaseFacts(False, arrested=True, age_band="juvenile_15_18", offence_categories=TERROR),
            Sentence(Penalty.JUVENILE, Term(15)),
            ["age"],
        ),
        (
            Sentence(Penalty.DEATH),
            CaseFacts(True, informed_before_discovery=True, offence_categories=TERROR),
            Sentence(Penalty.EXEMPT),
            ["at5-exempt"],
        ),
        (
            Sentence(Penalty.DEATH),
            CaseFacts(
                False,
                arrested=True,
                informed_before_own_arrest=True,
                information_led_to_arrests=True,
                offence_categories=TERROR,
            ),
            Sentence(Penalty.LIFE),
            ["at5-mitigate"],
        ),
        (
            Sentence(Penalty.TEMPORARY, Term(15)),
            CaseFacts(True, offence_categories=TERROR),
            Sentence(Penalty.TEMPORARY, Term(10)),
            ["surrender"],
        ),
        # voluntary against arrested: the same facts but the arrest forfeits the programme's ground
        (
            Sentence(Penalty.TEMPORARY, Term(15)),
            CaseFacts(False, arrested=True, offence_categories=TERROR),
            Sentence(Penalty.TEMPORARY, Term(15)),
            [],
        ),
        # combined, in the legal order: age limit, then the excuse, then the leniency
        (
            Sentence(Penalty.DEATH),
            CaseFacts(
                True,
                informed_before_own_arrest=True,
                information_led_to_arrests=True,
                age_band="young_18_20",
                offence_categories=TERROR,
            ),
            Sentence(Penalty.TEMPORARY, Term(10)),
            ["age", "at5-mitigate", "surrender"],
        ),
        # a rule for terrorism does not reach another offence
        (
            Sentence(Penalty.TEMPORARY, Term(10)),
            CaseFacts(
                True, informed_before_discovery=True, offence_categories=frozenset({"property"})
            ),
            Sentence(Penalty.TEMPORARY, Term(6, 8)),
            ["surrender"],
        ),
    ],
)
def test_the_calculator(sentence, facts, proposed, applied):
    proposal = propose(sentence, facts, RULES, R)
    assert proposal.proposed == proposed
    assert [line.rule for line in proposal.lines if line.applies] == applied


def test_every_rule_gets_one_line_saying_why():
    facts = CaseFacts(False, arrested=True, offence_categories=TERROR)
    proposal = propose(Sentence(Penalty.TEMPORARY, Term(12)), facts, RULES, R)
    lines = {line.rule: line for line in proposal.lines}
    assert set(lines) == {"age", "at5-exempt", "at5-mitigate", "surrender"}
    assert "arrested, which forfeits" in lines["surrender"].explanation
    assert "before the crime was discovered" in lines["at5-exempt"].explanation
    assert [line.rule for line in proposal.lines] == [
        "age",
        "at5-exempt",
        "at5-mitigate",
        "surrender",
    ]


def test_an_exemption_ends_the_calculation():
    facts = CaseFacts(True, informed_before_discovery=True, offence_categories=TERROR)
    proposal = propose(Sentence(Penalty.DEATH), facts, RULES, R)
    assert proposal.proposed.penalty == Penalty.EXEMPT
    assert "surrender" not in [line.rule for line in proposal.lines]


def test_the_evidence_of_voluntary_surrender_is_quoted():
    facts = CaseFacts(True, surrender_evidence="through referral REF-ANB-2017-00012")
    line = propose(Sentence(Penalty.IMPRISONMENT, Term(3)), facts, [SURRENDER], R).lines[0]
    assert "REF-ANB-2017-00012" in line.explanation


@pytest.mark.parametrize(
    ("sentence", "proposed"),
    [
        (Sentence(Penalty.LIFE), Sentence(Penalty.TEMPORARY, Term(15))),
        (Sentence(Penalty.TEMPORARY, Term(12)), Sentence(Penalty.IMPRISONMENT, Term(5))),
        (Sentence(Penalty.IMPRISONMENT, Term(2)), Sentence(Penalty.IMPRISONMENT, Term(1))),
    ],
)
def test_one_mitigating_step_down_the_scale(sentence, proposed):
    facts = CaseFacts(
        False,
        informed_before_own_arrest=True,
        information_led_to_arrests=True,
        offence_categories=TERROR,
    )
    assert propose(sentence, facts, [MITIGATE], R).proposed == proposed
