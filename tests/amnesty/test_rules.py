"""The eligibility engine, with a table of cases for each seeded decree: every rule, and the
boundaries (day 30 and day 31 of the window, a return near midnight in UTC and in Baghdad, a
charge added later, the 2017 conditions before and after they apply)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from cases.amnesty import reference, rules
from cases.amnesty.rules import (
    ACCUSED,
    ARMED_GROUP,
    CONVICTED,
    DESERTER,
    ELIGIBLE,
    FAIL,
    NA,
    NEEDS_REVIEW,
    NOT_ELIGIBLE,
    PASS,
    PENDING,
    REVIEW,
    Act,
    ConditionState,
    DecreeTerms,
    Label,
    PersonFacts,
)

UTC = dt.UTC
BAGHDAD = ZoneInfo("Asia/Baghdad")
D = dt.date


def terms_from_seed(spec: dict, exclusions, conditions) -> DecreeTerms:
    """The seeded decree as the engine reads it, built from ``cases.amnesty.reference`` without a
    database (``test_services`` checks the database gives the same)."""
    return DecreeTerms(
        title=Label(spec["title_en"], spec["title_ar"]),
        effective_on=spec["effective_on"],
        groups=frozenset(spec["groups"]),
        covered_categories=frozenset(spec["covered_categories"]),
        acts_until=spec["acts_until"],
        window_event=spec["window_event"],
        window_days=spec["window_days"],
        window_ends_on=spec["window_ends_on"],
        active_from=spec["active_from"],
        active_until=spec["active_until"],
        exclusions=tuple(
            rules.Exclusion(label=Label(en, ar), category=category, flags=frozenset(flags))
            for category, flags, en, ar in exclusions
        ),
        conditions=tuple(
            rules.Condition(
                key=kind,
                kind=kind,
                label=Label(en, ar),
                applies_to_flag=flag,
                effective_from=start,
            )
            for kind, flag, _days, en, ar, start in conditions
        ),
    )


D2015 = terms_from_seed(
    reference.DESERTERS_2015,
    reference.DESERTERS_2015_EXCLUSIONS,
    reference.DESERTERS_2015_CONDITIONS,
)
LAW27 = terms_from_seed(
    reference.LAW_27_2016, reference.LAW_27_EXCLUSIONS, reference.LAW_27_CONDITIONS
)
#: A decree whose window runs until the application, ending on a date (not in the seeds).
BY_APPLICATION = DecreeTerms(
    title=Label("Test decree"),
    effective_on=D(2017, 3, 1),
    groups=frozenset({ACCUSED}),
    window_event=rules.APPLICATION,
    window_ends_on=D(2017, 3, 31),
    active_until=D(2017, 6, 30),
)


FLED_ON = D(2015, 1, 10)
ACTS_ON = D(2014, 6, 1)


def fled(since=FLED_ON) -> Act:
    return rules.absence_act(rules.FLED, since, since)


def charge(category, *, flags=(), established=True, on=ACTS_ON, recorded=None) -> Act:
    return Act(
        label=Label(category),
        category=category,
        flags=frozenset(flags),
        facts_established=established,
        committed_on=on,
        recorded_on=recorded,
    )


def baghdad(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BAGHDAD)


def utc(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


@dataclass(frozen=True)
class Row:
    name: str
    decree: DecreeTerms
    person: PersonFacts
    on: dt.date
    status: str
    outcomes: dict = field(default_factory=dict)  # rule -> outcome ("condition:<key>")
    codes: dict = field(default_factory=dict)  # rule -> message code


def deserter(**kwargs) -> PersonFacts:
    return PersonFacts(groups=frozenset({DESERTER}), acts=(fled(),), **kwargs)


def accused(*acts, **kwargs) -> PersonFacts:
    return PersonFacts(groups=frozenset({ARMED_GROUP, ACCUSED}), acts=acts, **kwargs)


RET = "condition:return_to_unit"
WAIVER = "condition:victim_waiver"
CLAIMS = "condition:civil_claims"
AMENDED = D(2017, 3, 1)

TABLE = [
    # --- 2015: deserters who return within 30 days of 30 April 2015 ---------------------------
    Row(
        "returned on day 10",
        D2015,
        deserter(returned_at=baghdad(2015, 5, 10, 9, 0)),
        D(2015, 6, 1),
        ELIGIBLE,
        {"in_force": PASS, "group": PASS, "acts": PASS, "window": PASS, "exclusions": PASS},
        {"window": "window.returned_in", RET: "condition.returned"},
    ),
    Row(
        "returned on day 30, a minute before midnight in Baghdad",
        D2015,
        deserter(returned_at=baghdad(2015, 5, 30, 23, 59)),
        D(2015, 6, 1),
        ELIGIBLE,
        {"window": PASS, RET: PASS},
    ),
    Row(
        "returned on day 31, just after midnight in Baghdad",
        D2015,
        deserter(returned_at=baghdad(2015, 5, 31, 0, 0, 30)),
        D(2015, 6, 1),
        NOT_ELIGIBLE,
        {"window": FAIL, RET: PASS},
        {"window": "window.returned_late"},
    ),
    Row(
        "21:30 UTC on 30 May is 00:30 on 31 May in Baghdad: day 31",
        D2015,
        deserter(returned_at=utc(2015, 5, 30, 21, 30)),
        D(2015, 6, 1),
        NOT_ELIGIBLE,
        {"window": FAIL},
    ),
    Row(
        "20:59 UTC on 30 May is 23:59 in Baghdad: still day 30",
        D2015,
        deserter(returned_at=utc(2015, 5, 30, 20, 59)),
        D(2015, 6, 1),
        ELIGIBLE,
        {"window": PASS},
    ),
    Row(
        "a return given as a day, not a time",
        D2015,
        deserter(returned_at=D(2015, 5, 30)),
        D(2015, 6, 1),
        ELIGIBLE,
        {"window": PASS},
    ),
    Row(
        "returned before the decree: covered",
        D2015,
        deserter(returned_at=baghdad(2015, 4, 20, 10, 0)),
        D(2015, 6, 1),
        ELIGIBLE,
        {"window": PASS},
        {"window": "window.returned_before"},
    ),
    Row(
        "still away, window open: awaited",
        D2015,
        deserter(),
        D(2015, 5, 20),
        NEEDS_REVIEW,
        {"window": PENDING, RET: PENDING},
        {"window": "window.open"},
    ),
    Row(
        "still away on the last day: awaited",
        D2015,
        deserter(),
        D(2015, 5, 30),
        NEEDS_REVIEW,
        {"window": PENDING},
    ),
    Row(
        "still away the day after it closed: lapsed",
        D2015,
        deserter(),
        D(2015, 5, 31),
        NOT_ELIGIBLE,
        {"window": FAIL, RET: FAIL},
        {"window": "window.lapsed", RET: "condition.not_returned"},
    ),
    Row(
        "harmed himself to escape service: a covered act",
        D2015,
        PersonFacts(
            groups=frozenset({DESERTER}),
            acts=(rules.absence_act(rules.SELF_HARM, D(2015, 2, 1), None),),
            returned_at=baghdad(2015, 5, 2, 8, 0),
        ),
        D(2015, 6, 1),
        ELIGIBLE,
    ),
    Row(
        "left after the decision: not covered",
        D2015,
        PersonFacts(
            groups=frozenset({DESERTER}),
            acts=(fled(D(2015, 5, 2)),),
            returned_at=baghdad(2015, 5, 5, 8, 0),
        ),
        D(2015, 6, 1),
        NOT_ELIGIBLE,
        {"acts": FAIL},
        {"acts": "acts.not_covered"},
    ),
    Row(
        "a crime against state security excludes him",
        D2015,
        PersonFacts(
            groups=frozenset({DESERTER, ACCUSED}),
            acts=(fled(), charge("state_security")),
            returned_at=baghdad(2015, 5, 10, 9, 0),
        ),
        D(2015, 6, 1),
        NOT_ELIGIBLE,
        {"exclusions": FAIL, "acts": PASS},
        {"exclusions": "exclusions.hit"},
    ),
    Row(
        "corruption excludes him",
        D2015,
        PersonFacts(
            groups=frozenset({DESERTER, ACCUSED}),
            acts=(fled(), charge("corruption")),
            returned_at=baghdad(2015, 5, 10, 9, 0),
        ),
        D(2015, 6, 1),
        NOT_ELIGIBLE,
        {"exclusions": FAIL},
    ),
    Row(
        "embezzlement (read as corruption) excludes him",
        D2015,
        PersonFacts(
            groups=frozenset({DESERTER, ACCUSED}),
            acts=(fled(), charge("embezzlement", flags=["state_funds"])),
            returned_at=baghdad(2015, 5, 10, 9, 0),
        ),
        D(2015, 6, 1),
        NOT_ELIGIBLE,
        {"exclusions": FAIL},
    ),
    Row(
        "abuse of office excludes him",
        D2015,
        PersonFacts(
            groups=frozenset({DESERTER, ACCUSED}),
            acts=(fled(), charge("abuse_of_office")),
            returned_at=baghdad(2015, 5, 10, 9, 0),
        ),
        D(2015, 6, 1),
        NOT_ELIGIBLE,
        {"exclusions": FAIL},
    ),
    Row(
        "a crime against property (reported exclusion) excludes him",
        D2015,
        PersonFacts(
            groups=frozenset({DESERTER, ACCUSED}),
            acts=(fled(), charge("property", flags=["private_right"])),
            returned_at=baghdad(2015, 5, 10, 9, 0),
        ),
        D(2015, 6, 1),
        NOT_ELIGIBLE,
        {"exclusions": FAIL},
    ),
    Row(
        "a crime prejudicial to honour (reported exclusion) excludes him",
        D2015,
        PersonFacts(
            groups=frozenset({DESERTER, ACCUSED}),
            acts=(fled(), charge("honour")),
            returned_at=baghdad(2015, 5, 10, 9, 0),
        ),
        D(2015, 6, 1),
        NOT_ELIGIBLE,
        {"exclusions": FAIL},
    ),
    Row(
        "a charge added later (after his return and the window) excludes him all the same",
        D2015,
        PersonFacts(
            groups=frozenset({DESERTER, ACCUSED}),
            acts=(fled(), charge("corruption", recorded=D(2015, 7, 1))),
            returned_at=baghdad(2015, 5, 10, 9, 0),
        ),
        D(2015, 7, 2),
        NOT_ELIGIBLE,
        {"exclusions": FAIL, "window": PASS},
    ),
    Row(
        "an act the decision does not cover and does not exclude: review",
        D2015,
        PersonFacts(
            groups=frozenset({DESERTER, ACCUSED}),
            acts=(fled(), charge("homicide", flags=["private_right", "death_or_disability"])),
            returned_at=baghdad(2015, 5, 10, 9, 0),
        ),
        D(2015, 6, 1),
        NEEDS_REVIEW,
        {"acts": REVIEW, "exclusions": PASS},
        {"acts": "acts.partly"},
    ),
    Row(
        "a member of an armed group is not a deserter",
        D2015,
        accused(charge("terrorism")),
        D(2015, 6, 1),
        NOT_ELIGIBLE,
        {"group": FAIL},
        {"group": "group.not_covered"},
    ),
    Row(
        "his situation not recorded: review",
        D2015,
        PersonFacts(groups=frozenset(), acts=(fled(),), returned_at=baghdad(2015, 5, 2, 8, 0)),
        D(2015, 6, 1),
        NEEDS_REVIEW,
        {"group": REVIEW},
    ),
    # --- Law 27/2016, with the conditions attributed to the 2017 amendment ----------------------
    Row(
        "accused of harbouring (4/2), no death: eligible, no condition without a victim",
        LAW27,
        accused(charge("terrorism"), applied_on=AMENDED),
        AMENDED,
        ELIGIBLE,
        {"group": PASS, "acts": PASS, "window": NA, "exclusions": PASS, WAIVER: NA, CLAIMS: NA},
        {"window": "window.none", WAIVER: "condition.not_required"},
    ),
    Row(
        "terrorism that caused death or permanent disability: excluded",
        LAW27,
        accused(charge("terrorism", flags=["death_or_disability"]), applied_on=AMENDED),
        AMENDED,
        NOT_ELIGIBLE,
        {"exclusions": FAIL, "acts": NA},
        {"acts": "acts.all_excluded"},
    ),
    Row(
        "terrorism, whether it caused a death not established: review",
        LAW27,
        accused(charge("terrorism", established=False), applied_on=AMENDED),
        AMENDED,
        NEEDS_REVIEW,
        {"exclusions": REVIEW, WAIVER: REVIEW},
        {"exclusions": "exclusions.unknown", WAIVER: "condition.unknown"},
    ),
    Row(
        "fighting the armed forces: excluded whatever the article",
        LAW27,
        accused(charge("terrorism", flags=["against_armed_forces"]), applied_on=AMENDED),
        AMENDED,
        NOT_ELIGIBLE,
        {"exclusions": FAIL},
    ),
    Row(
        "sabotage of state institutions: excluded",
        LAW27,
        accused(charge("other", flags=["state_institutions"]), applied_on=AMENDED),
        AMENDED,
        NOT_ELIGIBLE,
        {"exclusions": FAIL},
    ),
    Row(
        "embezzlement of state funds: excluded",
        LAW27,
        accused(charge("embezzlement", flags=["state_funds"]), applied_on=AMENDED),
        AMENDED,
        NOT_ELIGIBLE,
        {"exclusions": FAIL},
    ),
    Row(
        "kidnapping without death or disability, victim's conditions met: eligible",
        LAW27,
        accused(
            charge("kidnapping", flags=["private_right"]),
            applied_on=AMENDED,
            conditions={
                "victim_waiver": ConditionState(rules.MET, D(2017, 2, 1)),
                "civil_claims": ConditionState(rules.MET, D(2017, 2, 20)),
            },
        ),
        AMENDED,
        ELIGIBLE,
        {"exclusions": PASS, WAIVER: PASS, CLAIMS: PASS},
    ),
    Row(
        "kidnapping that caused death: excluded",
        LAW27,
        accused(charge("kidnapping", flags=["private_right", "death_or_disability"])),
        AMENDED,
        NOT_ELIGIBLE,
        {"exclusions": FAIL},
    ),
    Row(
        "human trafficking: excluded",
        LAW27,
        accused(charge("human_trafficking")),
        AMENDED,
        NOT_ELIGIBLE,
        {"exclusions": FAIL},
    ),
    Row(
        "rape: excluded",
        LAW27,
        accused(charge("rape", flags=["private_right"])),
        AMENDED,
        NOT_ELIGIBLE,
        {"exclusions": FAIL},
    ),
    Row(
        "money laundering: excluded",
        LAW27,
        accused(charge("money_laundering")),
        AMENDED,
        NOT_ELIGIBLE,
        {"exclusions": FAIL},
    ),
    Row(
        "theft with a complainant, before the amendment applies: no condition yet",
        LAW27,
        accused(charge("property", flags=["private_right"]), applied_on=D(2016, 10, 1)),
        D(2016, 12, 31),
        ELIGIBLE,
        {"condition": NA},
        {"condition": "condition.none"},
    ),
    Row(
        "the same from the amendment on: waiver and payment awaited",
        LAW27,
        accused(charge("property", flags=["private_right"]), applied_on=D(2016, 10, 1)),
        D(2017, 1, 1),
        NEEDS_REVIEW,
        {WAIVER: PENDING, CLAIMS: PENDING},
        {WAIVER: "condition.pending"},
    ),
    Row(
        "waiver awaited by a date",
        LAW27,
        accused(
            charge("property", flags=["private_right"]),
            applied_on=AMENDED,
            conditions={"victim_waiver": ConditionState(rules.PENDING_STATE, D(2017, 4, 1))},
        ),
        AMENDED,
        NEEDS_REVIEW,
        {WAIVER: PENDING},
        {WAIVER: "condition.pending_due"},
    ),
    Row(
        "the victim's family refused to waive: not eligible",
        LAW27,
        accused(
            charge("property", flags=["private_right"]),
            applied_on=AMENDED,
            conditions={
                "victim_waiver": ConditionState(rules.FAILED),
                "civil_claims": ConditionState(rules.MET, D(2017, 2, 1)),
            },
        ),
        AMENDED,
        NOT_ELIGIBLE,
        {WAIVER: FAIL, CLAIMS: PASS},
    ),
    Row(
        "convicted and serving: covered",
        LAW27,
        PersonFacts(
            groups=frozenset({ARMED_GROUP, CONVICTED}),
            acts=(charge("terrorism"),),
            applied_on=AMENDED,
        ),
        AMENDED,
        ELIGIBLE,
        {"group": PASS},
    ),
    Row(
        "acts after the law took effect: not covered",
        LAW27,
        accused(charge("terrorism", on=D(2016, 10, 15)), applied_on=AMENDED),
        AMENDED,
        NOT_ELIGIBLE,
        {"acts": FAIL},
        {"acts": "acts.not_covered"},
    ),
    Row(
        "acts on the day it took effect: covered",
        LAW27,
        accused(charge("terrorism", on=D(2016, 9, 26)), applied_on=AMENDED),
        AMENDED,
        ELIGIBLE,
        {"acts": PASS},
    ),
    Row(
        "date of the acts unknown: review",
        LAW27,
        accused(charge("terrorism", on=None), applied_on=AMENDED),
        AMENDED,
        NEEDS_REVIEW,
        {"acts": REVIEW},
        {"acts": "acts.undated"},
    ),
    Row(
        "no charge yet: nothing to amnesty, and he is not accused",
        LAW27,
        PersonFacts(groups=frozenset({ARMED_GROUP}), applied_on=AMENDED),
        AMENDED,
        NOT_ELIGIBLE,
        {"group": FAIL, "acts": REVIEW, "exclusions": NA},
        {"acts": "acts.none"},
    ),
    Row(
        "a deserter not charged is not covered by Law 27/2016",
        LAW27,
        deserter(returned_at=baghdad(2016, 10, 1, 9, 0), applied_on=AMENDED),
        AMENDED,
        NOT_ELIGIBLE,
        {"group": FAIL},
    ),
    Row(
        "an application before the law took effect",
        LAW27,
        accused(charge("terrorism"), applied_on=D(2016, 9, 25)),
        D(2016, 9, 25),
        NOT_ELIGIBLE,
        {"in_force": FAIL},
        {"in_force": "in_force.before"},
    ),
    # --- A window that runs until the application, ending on a date ---------------------------
    Row(
        "applied on the last day",
        BY_APPLICATION,
        accused(charge("terrorism", on=D(2016, 1, 1)), applied_on=D(2017, 3, 31)),
        D(2017, 4, 1),
        ELIGIBLE,
        {"window": PASS, "in_force": PASS},
        {"window": "window.applied_in", "in_force": "in_force.between"},
    ),
    Row(
        "applied the day after the last day",
        BY_APPLICATION,
        accused(charge("terrorism", on=D(2016, 1, 1)), applied_on=D(2017, 4, 1)),
        D(2017, 4, 1),
        NOT_ELIGIBLE,
        {"window": FAIL},
        {"window": "window.applied_late"},
    ),
    Row(
        "not applied yet, window open",
        BY_APPLICATION,
        accused(charge("terrorism", on=D(2016, 1, 1))),
        D(2017, 3, 31),
        NEEDS_REVIEW,
        {"window": PENDING},
        {"window": "window.not_applied"},
    ),
    Row(
        "not applied, window closed",
        BY_APPLICATION,
        accused(charge("terrorism", on=D(2016, 1, 1))),
        D(2017, 4, 1),
        NOT_ELIGIBLE,
        {"window": FAIL},
        {"window": "window.application_lapsed"},
    ),
    Row(
        "applied after the decree stopped applying",
        BY_APPLICATION,
        accused(charge("terrorism", on=D(2016, 1, 1)), applied_on=D(2017, 7, 1)),
        D(2017, 7, 1),
        NOT_ELIGIBLE,
        {"in_force": FAIL},
        {"in_force": "in_force.after"},
    ),
]


@pytest.mark.parametrize("row", TABLE, ids=lambda row: row.name)
def test_the_engine_answers_each_case_with_one_line_per_rule(row: Row):
    result = rules.evaluate(row.decree, row.person, on=row.on)
    assert result.status == row.status
    outcomes = result.outcomes()
    for rule, outcome in row.outcomes.items():
        assert outcomes[rule] == outcome, (rule, result.line(rule.split(":")[0]))
    lines = {
        (f"condition:{line.params['key']}" if "key" in line.params else line.rule): line
        for line in result.lines
    }
    for rule, code in row.codes.items():
        assert lines[rule].code == code
    # One line per rule, each with a question and a sentence.
    rule_names = [line.rule for line in result.lines]
    assert rule_names[:5] == ["in_force", "group", "acts", "window", "exclusions"]
    assert set(rule_names[5:]) == {"condition"}
    assert all(line.text and line.question for line in result.lines)


def test_the_table_covers_every_rule_of_each_seeded_decree():
    """Each exclusion and condition of the seeds is hit by at least one row."""
    for decree in (D2015, LAW27):
        rows = [row for row in TABLE if row.decree is decree]
        hit_categories = set()
        for row in rows:
            result = rules.evaluate(decree, row.person, on=row.on)
            line = result.line("exclusions")
            if line.outcome in (FAIL, REVIEW):
                hit_categories |= {a.category for a in row.person.acts}
                hit_categories |= {f for a in row.person.acts for f in a.flags}
        for exclusion in decree.exclusions:
            assert exclusion.category in hit_categories or exclusion.flags & hit_categories, (
                exclusion.label.en
            )
        seen = {
            key for row in rows for key in rules.evaluate(decree, row.person, on=row.on).outcomes()
        }
        for condition in decree.conditions:
            assert f"condition:{condition.key}" in seen


def test_the_window_days_are_counted_from_the_day_after_the_decree():
    assert D2015.closes_on == D(2015, 5, 30)
    result = rules.evaluate(D2015, deserter(returned_at=D(2015, 5, 30)), on=D(2015, 6, 1))
    assert result.line("window").params["n"] == 30
    result = rules.evaluate(D2015, deserter(), on=D(2015, 5, 20))
    assert result.line("window").params["left"] == {"days": 11}


def test_a_naive_time_of_return_is_refused():
    with pytest.raises(ValueError, match="time zone"):
        rules.evaluate(
            D2015, deserter(returned_at=dt.datetime(2015, 5, 30, 23, 0)), on=D(2015, 6, 1)
        )


def test_an_unverified_exclusion_says_so_in_the_explanation():
    person = PersonFacts(
        groups=frozenset({DESERTER, ACCUSED}),
        acts=(fled(), charge("property")),
        returned_at=D(2015, 5, 2),
    )
    assert rules.evaluate(D2015, person, on=D(2015, 6, 1)).line("exclusions").to_verify
    verified = replace(
        D2015,
        exclusions=tuple(replace(e, verified=True) for e in D2015.exclusions),
    )
    assert not rules.evaluate(verified, person, on=D(2015, 6, 1)).line("exclusions").to_verify


def test_a_stored_explanation_reads_in_each_readers_language():
    person = PersonFacts(
        groups=frozenset({DESERTER, ACCUSED}),
        acts=(fled(), charge("corruption")),
        returned_at=D(2015, 5, 2),
    )
    result = rules.evaluate(D2015, person, on=D(2015, 6, 1))
    stored = rules.Result.from_json(result.status, result.as_json())
    assert stored == result
    with translation.override("en"):
        assert "Corruption" in stored.line("exclusions").text
    with translation.override("ar"):
        assert "الفساد" in stored.line("exclusions").text
        assert "الهروب من الخدمة" in stored.line("acts").text


def test_exclusions_and_conditions_apply_only_in_their_period():
    ended = replace(
        LAW27,
        exclusions=tuple(replace(e, effective_until=D(2017, 1, 1)) for e in LAW27.exclusions),
    )
    person = accused(charge("rape"), applied_on=AMENDED)
    assert rules.evaluate(ended, person, on=D(2016, 12, 1)).status == NOT_ELIGIBLE
    assert rules.evaluate(ended, person, on=D(2017, 1, 2)).line("exclusions").outcome == PASS


@pytest.mark.parametrize(
    ("outcome", "status", "pending", "allows_retrial", "convicted", "expected"),
    [
        (rules.GRANT, ELIGIBLE, False, False, False, []),
        (rules.GRANT, NEEDS_REVIEW, False, False, False, []),
        (rules.GRANT, NOT_ELIGIBLE, False, False, False, ["decision.grant_not_eligible"]),
        (rules.GRANT, NEEDS_REVIEW, True, False, False, ["decision.grant_pending"]),
        (rules.REFUSE, ELIGIBLE, False, False, False, ["decision.refuse_eligible"]),
        (rules.REFUSE, NOT_ELIGIBLE, False, False, False, []),
        (rules.REFUSE, NEEDS_REVIEW, False, False, False, []),
        (rules.RETRIAL, NOT_ELIGIBLE, False, True, True, []),
        (rules.RETRIAL, ELIGIBLE, False, False, True, ["decision.no_retrial"]),
        (rules.RETRIAL, ELIGIBLE, False, True, False, ["decision.retrial_not_convicted"]),
    ],
)
def test_decision_objections(outcome, status, pending, allows_retrial, convicted, expected):
    lines = (rules.Line("condition", PENDING, "condition.pending"),) if pending else ()
    result = rules.Result(status=status, lines=lines)
    objections = rules.decision_objections(
        outcome=outcome, result=result, allows_retrial=allows_retrial, convicted=convicted
    )
    assert objections == expected
    assert all(rules.render(code, {}) != code for code in objections)


@pytest.mark.parametrize(
    ("start", "end", "allowed"),
    [
        (rules.ABSENT, rules.RETURNED, True),
        (rules.ABSENT, rules.EMIGRATED, True),
        (rules.EMIGRATED, rules.RETURNED, True),
        (rules.RETURNED, rules.PROSECUTED, True),
        (rules.PROSECUTED, rules.RETURNED, True),
        (rules.RETURNED, rules.ABSENT, False),
        (rules.RETURNED, rules.RETURNED, False),
        (rules.DECEASED, rules.RETURNED, False),
        (rules.EMIGRATED, rules.ABSENT, False),
    ],
)
def test_what_may_become_of_an_absent_member(start, end, allowed):
    assert rules.absence_can_move(start, end) is allowed
