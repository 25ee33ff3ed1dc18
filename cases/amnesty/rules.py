"""The eligibility engine: whether an amnesty decree applies to a person, and why, rule by rule.

Pure: :func:`evaluate` takes plain dataclasses (the decree's terms, the person's acts, charges
and dates) and returns a :class:`Result`: *eligible*, *not eligible* or *needs review*, with one
:class:`Line` per rule (in force? covers him? covered act? within the window? excluded offence?
each condition met?). A line holds a message code and its parameters, not a sentence: the
sentence is written when it is shown (:attr:`Line.text`), in the reader's language, so that an
explanation stored when a decision was taken reads in Arabic to one reader and English to another.

How the window is counted. The day the decree takes effect is not counted: day 1 is the day after,
and a 30-day window closes at the end of day 30 (in effect 30 April → the last day is 30 May).
This follows the usual way legal periods are counted; verify it for each decree. Days are days in
Baghdad: a return at 00:30 on 31 May in Baghdad (21:30 UTC on 30 May) is day 31.

The committee decides; :func:`decision_objections` says what a decision would go against, so
that the service can ask for a written reason before it is recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

BAGHDAD = ZoneInfo("Asia/Baghdad")

# Whom a decree covers.
DESERTER = "deserter"
ARMED_GROUP = "armed_group"
CONVICTED = "convicted"
ACCUSED = "accused"

# What the window runs until.
RETURN = "return"
APPLICATION = "application"

# Kinds of condition.
RETURN_TO_UNIT = "return_to_unit"
VICTIM_WAIVER = "victim_waiver"
CIVIL_CLAIMS = "civil_claims"
OTHER_CONDITION = "other"

# Where a condition stands for one person.
PENDING_STATE = "pending"
MET = "met"
FAILED = "failed"

# The engine's findings.
ELIGIBLE = "eligible"
NOT_ELIGIBLE = "not_eligible"
NEEDS_REVIEW = "needs_review"

# A line's outcome.
PASS = "pass"  # noqa: S105 - an outcome, not a password
FAIL = "fail"
REVIEW = "review"
PENDING = "pending"
NA = "na"

# Decisions and grounds for retrial.
GRANT = "grant"
REFUSE = "refuse"
RETRIAL = "retrial"
COERCED_CONFESSION = "coerced_confession"
SECRET_INFORMANT = "secret_informant"  # noqa: S105 - a ground for retrial

# --- Absences ------------------------------------------------------------------------------------

FLED = "fled"
ABSENT_WITHOUT_LEAVE = "absent"
SELF_HARM = "self_harm"

ABSENT = "absent"
RETURNED = "returned"
PROSECUTED = "prosecuted"
EMIGRATED = "emigrated"
DECEASED = "deceased"

#: Statuses of a man still away from his unit (an emigrant may yet come back).
AWAY = (ABSENT, EMIGRATED)

#: From each status of an absence, where it may go next.
ABSENCE_MOVES: dict[str, frozenset[str]] = {
    ABSENT: frozenset({RETURNED, PROSECUTED, EMIGRATED, DECEASED}),
    EMIGRATED: frozenset({RETURNED, PROSECUTED, DECEASED}),
    RETURNED: frozenset({PROSECUTED, DECEASED}),
    PROSECUTED: frozenset({RETURNED, DECEASED}),
    DECEASED: frozenset(),
}


def absence_can_move(from_status: str, to_status: str) -> bool:
    return to_status in ABSENCE_MOVES.get(from_status, frozenset())


# --- Dates ---------------------------------------------------------------------------------------


def window_closes_on(
    effective_on: dt.date, days: int | None, ends_on: dt.date | None
) -> dt.date | None:
    """The last day of a window: its end date, or ``days`` after the day it took effect (that
    day not counted); None for a decree without a window."""
    if ends_on is not None:
        return ends_on
    if days is not None:
        return effective_on + dt.timedelta(days=days)
    return None


def end_of_day(day: dt.date, tz: dt.tzinfo) -> dt.datetime:
    """The last second of ``day`` in ``tz``: when a window that ends that day closes."""
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=tz)


def local_day(value: dt.datetime | dt.date, tz: dt.tzinfo = BAGHDAD) -> dt.date:
    """The day ``value`` fell on in ``tz``. Refuses a naive date and time: an hour near
    midnight decides between day 30 and day 31."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise ValueError("A time of day needs its time zone to say which day it was.")
        return value.astimezone(tz).date()
    return value


# --- What the engine reads -----------------------------------------------------------------------


@dataclass(frozen=True)
class Label:
    """A name in English and Arabic; ``str()`` gives the reader's."""

    en: str
    ar: str = ""

    def __str__(self) -> str:
        if (get_language() or "en").startswith("ar") and self.ar:
            return self.ar
        return self.en

    def as_json(self) -> dict[str, str]:
        return {"en": self.en, "ar": self.ar}


@dataclass(frozen=True)
class Exclusion:
    """Offences the decree excludes: of ``category`` (any, if empty) whose acts carry all of
    ``flags`` (terrorism that caused death or permanent disability)."""

    label: Label
    category: str = ""
    flags: frozenset[str] = frozenset()
    verified: bool = False
    effective_from: dt.date | None = None
    effective_until: dt.date | None = None


@dataclass(frozen=True)
class Condition:
    """A condition of the decree; ``applies_to_flag`` limits it to acts carrying the flag."""

    key: str
    kind: str
    label: Label
    applies_to_flag: str = ""
    verified: bool = False
    effective_from: dt.date | None = None
    effective_until: dt.date | None = None


@dataclass(frozen=True)
class DecreeTerms:
    title: Label
    effective_on: dt.date
    groups: frozenset[str]
    #: Empty: every category the decree does not exclude.
    covered_categories: frozenset[str] = frozenset()
    #: Acts committed after this day are not covered; None: up to the day it took effect.
    acts_until: dt.date | None = None
    window_event: str = ""
    window_days: int | None = None
    window_ends_on: dt.date | None = None
    active_from: dt.date | None = None
    active_until: dt.date | None = None
    exclusions: tuple[Exclusion, ...] = ()
    conditions: tuple[Condition, ...] = ()

    @property
    def closes_on(self) -> dt.date | None:
        return window_closes_on(self.effective_on, self.window_days, self.window_ends_on)

    @property
    def covers_acts_until(self) -> dt.date:
        return self.acts_until or self.effective_on


@dataclass(frozen=True)
class Act:
    """An act held against him: a charge, or (for a deserter) his absence itself."""

    label: Label
    category: str
    flags: frozenset[str] = frozenset()
    #: False while it is not known whether the acts carry the flags that matter (e.g. whether a
    #: terrorism charge caused a death): rules that depend on it ask for a review.
    facts_established: bool = True
    committed_on: dt.date | None = None
    #: When it was recorded. It does not change the outcome: a charge added after the decree,
    #: or after the application, counts like any other.
    recorded_on: dt.date | None = None


@dataclass(frozen=True)
class ConditionState:
    state: str  # PENDING_STATE, MET, FAILED
    on: dt.date | None = None  # met on, or due by


@dataclass(frozen=True)
class PersonFacts:
    groups: frozenset[str]
    acts: tuple[Act, ...] = ()
    returned_at: dt.datetime | dt.date | None = None
    applied_on: dt.date | None = None
    #: Condition key → where it stands.
    conditions: Mapping[str, ConditionState] = field(default_factory=dict, hash=False)


# --- What it says --------------------------------------------------------------------------------

QUESTIONS = {
    "in_force": _("Is the decree in force?"),
    "group": _("Does it cover him?"),
    "acts": _("Covered act?"),
    "window": _("Within the window?"),
    "exclusions": _("Excluded offence?"),
    "condition": _("Condition met?"),
}

MESSAGES = {
    "in_force.since": _("In force on %(day)s: it applies from %(start)s, with no end date."),
    "in_force.between": _("In force on %(day)s: it applies from %(start)s until %(end)s."),
    "in_force.before": _("Not yet in force on %(day)s: it applies from %(start)s."),
    "in_force.after": _("No longer applied on %(day)s: it applied until %(end)s."),
    "group.covered": _("It covers: %(groups)s. He is: %(his)s."),
    "group.unknown": _(
        "His situation is not recorded (deserter, member of an armed group, accused or convicted)."
    ),
    "group.not_covered": _("It covers only: %(groups)s. He is: %(his)s."),
    "acts.none": _("No act or charge is recorded: there is nothing for the decree to cover yet."),
    "acts.all_excluded": _("Every act recorded is excluded (see the exclusions)."),
    "acts.covered": _("Covered: %(covered)s."),
    "acts.partly": _("Covered: %(covered)s. Not covered, and would go on: %(others)s."),
    "acts.not_covered": _("None of his acts is one it covers: %(others)s."),
    "acts.undated": _(
        "It covers acts committed up to %(until)s; the date of these is not recorded: %(acts)s."
    ),
    "act.not_listed": _("%(act)s (not among the acts it covers)"),
    "act.too_late": _("%(act)s (committed on %(day)s, after %(until)s)"),
    "window.none": _("This decree sets no window."),
    "window.returned_in": _(
        "He returned on %(day)s, day %(n)s of the %(total)s-day window (it closes at the end of "
        "%(close)s)."
    ),
    "window.returned_before": _("He returned on %(day)s, before the decree took effect."),
    "window.returned_late": _(
        "He returned on %(day)s, day %(n)s: the window closed at the end of %(close)s (day "
        "%(total)s)."
    ),
    "window.open": _(
        "He has not returned yet; the window is open until the end of %(close)s (%(left)s left)."
    ),
    "window.lapsed": _("The window closed at the end of %(close)s and he had not returned."),
    "window.applied_in": _(
        "He applied on %(day)s, day %(n)s of the %(total)s-day window (it closes at the end of "
        "%(close)s)."
    ),
    "window.applied_before": _("He applied on %(day)s, before the decree took effect."),
    "window.applied_late": _(
        "He applied on %(day)s, day %(n)s: the window closed at the end of %(close)s (day "
        "%(total)s)."
    ),
    "window.not_applied": _(
        "No application yet; the window is open until the end of %(close)s (%(left)s left)."
    ),
    "window.application_lapsed": _(
        "The window closed at the end of %(close)s without an application."
    ),
    "exclusions.none_defined": _("The decree excludes no offence."),
    "exclusions.no_acts": _("No act is recorded to check."),
    "exclusions.clear": _("None of his acts falls under an exclusion."),
    "exclusions.hit": _("Excluded: %(hits)s."),
    "exclusions.unknown": _("Facts to establish: %(items)s. The committee must check them."),
    "excl.hit": _("%(act)s (%(exclusion)s)"),
    "excl.unknown": _("%(act)s: whether %(flags)s (if so, excluded: %(exclusions)s)"),
    "condition.none": _("The decree sets no condition."),
    "condition.not_required": _("%(condition)s: not required (no act where %(flag)s)."),
    "condition.unknown": _(
        "%(condition)s: required if %(flag)s, which is not established for %(acts)s."
    ),
    "condition.met": _("%(condition)s: met on %(day)s."),
    "condition.pending_due": _("%(condition)s: awaited, due by %(due)s."),
    "condition.pending": _("%(condition)s: awaited; no date is set."),
    "condition.failed": _("%(condition)s: not met."),
    "condition.returned": _("%(condition)s: he returned on %(day)s."),
    "condition.return_awaited": _("%(condition)s: awaited."),
    "condition.not_returned": _("%(condition)s: he did not return before the window closed."),
    "decision.grant_not_eligible": _("The engine finds him not eligible."),
    "decision.grant_pending": _("A condition of the decree is still awaited."),
    "decision.refuse_eligible": _("The engine finds him eligible."),
    "decision.no_retrial": _("This decree provides no retrial."),
    "decision.retrial_not_convicted": _("A retrial is for a conviction, and none is recorded."),
}


def _resolve(value: Any) -> str:
    """A parameter as the reader sees it (see :func:`render`)."""
    if isinstance(value, list):
        parts = [_resolve(v) for v in value]
        fragments = any(isinstance(v, dict) and "code" in v for v in value)
        arabic = (get_language() or "en").startswith("ar")
        joiner = "؛ " if fragments and arabic else "; " if fragments else "، " if arabic else ", "
        return joiner.join(parts)
    if isinstance(value, dict):
        if "code" in value:
            return render(value["code"], value.get("params", {}))
        if "en" in value:
            return str(Label(value["en"], value.get("ar", "")))
        if "date" in value:
            from django.utils.formats import date_format

            return date_format(dt.date.fromisoformat(value["date"]), "DATE_FORMAT")
        if "days" in value:
            from cases.deadlines.wording import days

            return days(int(value["days"]))
        if "flag" in value:
            from cases.legal.models import Offence

            code = value["flag"]
            return str(Offence.Flag(code).label) if code in Offence.Flag.values else code
        if "group" in value:
            from .models import Group

            code = value["group"]
            return str(Group(code).label) if code in Group.values else code
    return str(value)


def render(code: str, params: Mapping[str, Any]) -> str:
    """The sentence of a message code in the active language. Parameters are plain JSON: a
    label ``{"en", "ar"}``, ``{"date": iso}``, ``{"days": n}``, ``{"flag": code}``,
    ``{"group": code}``, a fragment ``{"code", "params"}``, or a list of them."""
    template = MESSAGES.get(code)
    if template is None:
        return code
    return str(template) % {name: _resolve(value) for name, value in params.items()}


def _date(day: dt.date) -> dict[str, str]:
    return {"date": day.isoformat()}


@dataclass(frozen=True)
class Line:
    """One rule's answer: the rule, its outcome, and the message saying why."""

    rule: str
    outcome: str
    code: str
    params: dict = field(default_factory=dict, hash=False)
    #: It rests on a part of the decree not yet checked against the law.
    to_verify: bool = False

    @property
    def question(self) -> str:
        return str(QUESTIONS.get(self.rule, self.rule))

    @property
    def text(self) -> str:
        return render(self.code, self.params)

    def as_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "outcome": self.outcome,
            "code": self.code,
            "params": self.params,
            "to_verify": self.to_verify,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Line:
        return cls(
            rule=data["rule"],
            outcome=data["outcome"],
            code=data["code"],
            params=dict(data.get("params") or {}),
            to_verify=bool(data.get("to_verify")),
        )


@dataclass(frozen=True)
class Result:
    status: str
    lines: tuple[Line, ...]

    @property
    def has_pending(self) -> bool:
        return any(line.outcome == PENDING for line in self.lines)

    def line(self, rule: str) -> Line | None:
        return next((line for line in self.lines if line.rule == rule), None)

    def outcomes(self) -> dict[str, str]:
        """Rule → outcome (a condition's rule is ``condition:<key>``)."""
        return {
            (f"condition:{line.params['key']}" if "key" in line.params else line.rule): (
                line.outcome
            )
            for line in self.lines
        }

    def as_json(self) -> list[dict[str, Any]]:
        return [line.as_json() for line in self.lines]

    @classmethod
    def from_json(cls, status: str, lines: list[Mapping[str, Any]]) -> Result:
        return cls(status=status, lines=tuple(Line.from_json(data) for data in lines or ()))


def overall(lines: tuple[Line, ...] | list[Line]) -> str:
    """Not eligible if any rule fails; needs review if any asks for a review or awaits
    something; eligible otherwise."""
    outcomes = {line.outcome for line in lines}
    if FAIL in outcomes:
        return NOT_ELIGIBLE
    if outcomes & {REVIEW, PENDING}:
        return NEEDS_REVIEW
    return ELIGIBLE


# --- The rules -----------------------------------------------------------------------------------


def in_effect(start: dt.date | None, end: dt.date | None, on: dt.date) -> bool:
    return (start is None or start <= on) and (end is None or on <= end)


def _in_force(decree: DecreeTerms, person: PersonFacts, on: dt.date) -> Line:
    day = person.applied_on or on
    start = decree.active_from or decree.effective_on
    end = decree.active_until
    params = {"day": _date(day), "start": _date(start)}
    if day < start:
        return Line("in_force", FAIL, "in_force.before", params)
    if end is not None and day > end:
        return Line("in_force", FAIL, "in_force.after", {**params, "end": _date(end)})
    if end is None:
        return Line("in_force", PASS, "in_force.since", params)
    return Line("in_force", PASS, "in_force.between", {**params, "end": _date(end)})


def _groups(codes) -> list[dict[str, str]]:
    order = (DESERTER, ARMED_GROUP, ACCUSED, CONVICTED)
    return [
        {"group": g} for g in sorted(codes, key=lambda g: (order.index(g) if g in order else 9, g))
    ]


def _group(decree: DecreeTerms, person: PersonFacts) -> Line:
    if not person.groups:
        return Line("group", REVIEW, "group.unknown")
    params = {"groups": _groups(decree.groups), "his": _groups(person.groups)}
    if decree.groups & person.groups:
        return Line("group", PASS, "group.covered", params)
    return Line("group", FAIL, "group.not_covered", params)


def _exclusions_in_effect(decree: DecreeTerms, on: dt.date) -> list[Exclusion]:
    return [e for e in decree.exclusions if in_effect(e.effective_from, e.effective_until, on)]


def _match(act: Act, exclusions: list[Exclusion]):
    """The exclusion that excludes ``act``, or (None, [(exclusion, missing flags)]) for those
    that would if facts not yet established were made out."""
    uncertain = []
    for exclusion in exclusions:
        if exclusion.category and exclusion.category != act.category:
            continue
        missing = exclusion.flags - act.flags
        if not missing:
            return exclusion, []
        if not act.facts_established:
            uncertain.append((exclusion, missing))
    return None, uncertain


def _acts(decree: DecreeTerms, person: PersonFacts, excluded: set[int]) -> Line:
    if not person.acts:
        return Line("acts", REVIEW, "acts.none")
    remaining = [act for i, act in enumerate(person.acts) if i not in excluded]
    if not remaining:
        return Line("acts", NA, "acts.all_excluded")
    until = decree.covers_acts_until
    covered, others, undated = [], [], []
    for act in remaining:
        label = act.label.as_json()
        if decree.covered_categories and act.category not in decree.covered_categories:
            others.append({"code": "act.not_listed", "params": {"act": label}})
        elif act.committed_on is None:
            undated.append(label)
        elif act.committed_on > until:
            others.append(
                {
                    "code": "act.too_late",
                    "params": {"act": label, "day": _date(act.committed_on), "until": _date(until)},
                }
            )
        else:
            covered.append(label)
    if undated:
        return Line("acts", REVIEW, "acts.undated", {"acts": undated, "until": _date(until)})
    if not covered:
        return Line("acts", FAIL, "acts.not_covered", {"others": others})
    if others:
        return Line("acts", REVIEW, "acts.partly", {"covered": covered, "others": others})
    return Line("acts", PASS, "acts.covered", {"covered": covered})


def _window(decree: DecreeTerms, person: PersonFacts, on: dt.date, tz: dt.tzinfo) -> Line:
    close = decree.closes_on
    if not decree.window_event or close is None:
        return Line("window", NA, "window.none")
    total = (close - decree.effective_on).days
    base = {"close": _date(close), "total": total}
    if decree.window_event == RETURN:
        event = local_day(person.returned_at, tz) if person.returned_at is not None else None
        codes = ("window.returned_before", "window.returned_in", "window.returned_late")
        waiting = ("window.open", "window.lapsed")
    else:
        event = person.applied_on
        codes = ("window.applied_before", "window.applied_in", "window.applied_late")
        waiting = ("window.not_applied", "window.application_lapsed")
    if event is None:
        if on <= close:
            left = (close - on).days + 1  # today included: it ends at the end of the last day
            return Line("window", PENDING, waiting[0], {**base, "left": {"days": left}})
        return Line("window", FAIL, waiting[1], base)
    n = (event - decree.effective_on).days
    params = {**base, "day": _date(event), "n": n}
    if n <= 0:
        outcome = PASS if decree.window_event == RETURN else NA
        return Line("window", outcome, codes[0], params)
    if event <= close:
        return Line("window", PASS, codes[1], params)
    return Line("window", FAIL, codes[2], params)


def _exclusion_line(person: PersonFacts, exclusions: list[Exclusion], matches) -> Line:
    if not person.acts:
        return Line("exclusions", NA, "exclusions.no_acts")
    if not exclusions:
        return Line("exclusions", PASS, "exclusions.none_defined")
    hits, unknown = [], []
    unverified = False
    for act, (exclusion, uncertain) in zip(person.acts, matches, strict=True):
        if exclusion is not None:
            hits.append(
                {
                    "code": "excl.hit",
                    "params": {"act": act.label.as_json(), "exclusion": exclusion.label.as_json()},
                }
            )
            unverified = unverified or not exclusion.verified
        if uncertain:
            # One item per act: every fact still to establish, and what it would exclude.
            flags = sorted({flag for _exclusion, missing in uncertain for flag in missing})
            unknown.append(
                {
                    "code": "excl.unknown",
                    "params": {
                        "act": act.label.as_json(),
                        "flags": [{"flag": f} for f in flags],
                        "exclusions": [e.label.as_json() for e, _missing in uncertain],
                    },
                }
            )
            unverified = unverified or any(not e.verified for e, _missing in uncertain)
    if hits:
        return Line("exclusions", FAIL, "exclusions.hit", {"hits": hits}, to_verify=unverified)
    if unknown:
        return Line(
            "exclusions", REVIEW, "exclusions.unknown", {"items": unknown}, to_verify=unverified
        )
    return Line("exclusions", PASS, "exclusions.clear")


def _condition_line(
    decree: DecreeTerms, person: PersonFacts, condition: Condition, on: dt.date, tz: dt.tzinfo
) -> Line:
    params: dict[str, Any] = {"key": condition.key, "condition": condition.label.as_json()}
    verify = not condition.verified

    def line(outcome: str, code: str, **extra: Any) -> Line:
        return Line("condition", outcome, code, {**params, **extra}, to_verify=verify)

    if condition.applies_to_flag:
        flag = condition.applies_to_flag
        if not any(flag in act.flags for act in person.acts):
            unknown = [a.label.as_json() for a in person.acts if not a.facts_established]
            if unknown:
                return line(REVIEW, "condition.unknown", flag={"flag": flag}, acts=unknown)
            return line(NA, "condition.not_required", flag={"flag": flag})
    if condition.kind == RETURN_TO_UNIT:
        if person.returned_at is not None:
            return line(PASS, "condition.returned", day=_date(local_day(person.returned_at, tz)))
        close = decree.closes_on
        if close is not None and on > close:
            return line(FAIL, "condition.not_returned")
        return line(PENDING, "condition.return_awaited")
    state = person.conditions.get(condition.key)
    if state is None or state.state == PENDING_STATE:
        if state is not None and state.on is not None:
            return line(PENDING, "condition.pending_due", due=_date(state.on))
        return line(PENDING, "condition.pending")
    if state.state == MET:
        return line(PASS, "condition.met", day=_date(state.on or on))
    return line(FAIL, "condition.failed")


def conditions_in_effect(decree: DecreeTerms, on: dt.date) -> list[Condition]:
    return [c for c in decree.conditions if in_effect(c.effective_from, c.effective_until, on)]


def evaluate(
    decree: DecreeTerms, person: PersonFacts, *, on: dt.date, tz: dt.tzinfo = BAGHDAD
) -> Result:
    """Whether ``decree`` applies to ``person`` on the day ``on``, with one line per rule.

    ``on`` chooses the exclusions and conditions in effect (an amendment's conditions apply from
    the day it takes effect) and whether a window still open is awaited or has lapsed. Every act
    counts however late it was recorded: a charge added after the application changes the
    answer the next time it is asked.
    """
    exclusions = _exclusions_in_effect(decree, on)
    matches = [_match(act, exclusions) for act in person.acts]
    excluded = {i for i, (exclusion, _u) in enumerate(matches) if exclusion is not None}
    lines = [
        _in_force(decree, person, on),
        _group(decree, person),
        _acts(decree, person, excluded),
        _window(decree, person, on, tz),
        _exclusion_line(person, exclusions, matches),
    ]
    conditions = conditions_in_effect(decree, on)
    if conditions:
        lines.extend(_condition_line(decree, person, c, on, tz) for c in conditions)
    else:
        lines.append(Line("condition", NA, "condition.none"))
    return Result(status=overall(lines), lines=tuple(lines))


# --- Decisions -----------------------------------------------------------------------------------


def decision_objections(
    *, outcome: str, result: Result, allows_retrial: bool, convicted: bool
) -> list[str]:
    """What a decision would go against (message codes; empty: nothing). The service records
    such a decision only with a written reason for overriding the rules.

    Granting is against the rules when the engine finds him not eligible or a condition is still
    awaited; refusing, when it finds him eligible; requesting a retrial, when the decree provides
    none or no conviction is recorded.
    """
    objections = []
    if outcome == GRANT:
        if result.status == NOT_ELIGIBLE:
            objections.append("decision.grant_not_eligible")
        if result.has_pending:
            objections.append("decision.grant_pending")
    elif outcome == REFUSE:
        if result.status == ELIGIBLE:
            objections.append("decision.refuse_eligible")
    elif outcome == RETRIAL:
        if not allows_retrial:
            objections.append("decision.no_retrial")
        if not convicted:
            objections.append("decision.retrial_not_convicted")
    return objections


# --- A deserter's act ----------------------------------------------------------------------------

#: The act of a deserter, by the circumstances of his absence (2015 decision: fleeing, absence,
#: malingering or self-harm to escape service).
ABSENCE_ACTS: dict[str, tuple[str, Label]] = {
    FLED: ("desertion", Label("Fled his post", "الهروب من الخدمة")),
    ABSENT_WITHOUT_LEAVE: ("absence", Label("Absent without leave", "الغياب عن الخدمة")),
    SELF_HARM: (
        "self_harm",
        Label("Harmed himself to escape service", "إلحاق الأذى بالنفس للتخلص من الخدمة"),
    ),
}


def absence_act(circumstances: str, absent_since: dt.date, recorded_on: dt.date | None) -> Act:
    category, label = ABSENCE_ACTS[circumstances]
    return Act(
        label=label,
        category=category,
        facts_established=True,
        committed_on=absent_since,
        recorded_on=recorded_on,
    )
