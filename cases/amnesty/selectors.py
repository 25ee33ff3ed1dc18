"""Reads of the amnesty app: what the engine is given (decrees, acts, dates read from the
database), the lists and their counts, and the records a user may reach."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.accounts.jurisdiction import get_for_change, get_for_user
from cases.accounts.models import Unit
from cases.casefiles.models import Case
from cases.casefiles.selectors import TimelineEvent
from cases.legal.models import Charge

from . import rules
from .models import (
    AbsenceReport,
    Application,
    ApplicationCondition,
    Decree,
    DecreeCondition,
    DecreeExclusion,
)
from .rules import Label

S = Case.Status

#: Case statuses after a verdict: he counts as convicted. (Until the courts record verdicts per
#: charge, an acquittal cannot be told apart here; the committee sees the case's status.)
CONVICTED_STATUSES = frozenset(
    {S.VERDICT, S.CASSATION, S.FINAL, S.SERVING_SENTENCE, S.CONDITIONAL_RELEASE}
)
DESERTER_CATEGORIES = frozenset({"desertion", "absence", "self_harm"})


# --- Decrees -------------------------------------------------------------------------------------


def decrees_with_terms() -> QuerySet[Decree]:
    """Decrees with what the engine reads of them (three queries whatever their number)."""
    return Decree.objects.prefetch_related(
        Prefetch("exclusions", queryset=DecreeExclusion.objects.order_by("order", "pk")),
        Prefetch("conditions", queryset=DecreeCondition.objects.order_by("order", "pk")),
    )


def decree_get(pk) -> Decree:
    """A decree: law for the whole country, seen by everyone who works with amnesty."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(decrees_with_terms(), pk=pk)


def decree_terms(decree: Decree) -> rules.DecreeTerms:
    """The decree as the engine reads it."""
    return rules.DecreeTerms(
        title=Label(decree.title_en, decree.title_ar),
        effective_on=decree.effective_on,
        groups=frozenset(decree.groups),
        covered_categories=frozenset(decree.covered_categories),
        acts_until=decree.acts_until,
        window_event=decree.window_event,
        window_days=decree.window_days,
        window_ends_on=decree.window_ends_on,
        active_from=decree.active_from,
        active_until=decree.active_until,
        exclusions=tuple(
            rules.Exclusion(
                label=Label(e.label_en, e.label_ar),
                category=e.category,
                flags=frozenset(e.flags),
                verified=e.source_verified,
                effective_from=e.effective_from,
                effective_until=e.effective_until,
            )
            for e in decree.exclusions.all()
        ),
        conditions=tuple(
            rules.Condition(
                key=str(c.pk),
                kind=c.kind,
                label=Label(c.label_en, c.label_ar),
                applies_to_flag=c.applies_to_flag,
                verified=c.source_verified,
                effective_from=c.effective_from,
                effective_until=c.effective_until,
            )
            for c in decree.conditions.all()
        ),
    )


# --- A person's acts and dates -------------------------------------------------------------------


def active_charges(case: Case | None) -> list[Charge]:
    """The charges the engine weighs: those of the case still held against him."""
    if case is None:
        return []
    return list(
        Charge.objects.filter(case_id=case.pk, status=Charge.Status.ACTIVE).select_related(
            "offence"
        )
    )


def charge_act(charge: Charge) -> rules.Act:
    """A charge as the engine reads it: the article, its category, the flags of the offence and
    of this charge's facts, whether those are established, and when the acts began."""
    offence = charge.offence
    label = Label(offence.reference_in(ar=False), offence.reference_in(ar=True))
    if not offence.article:
        label = Label(f"{label.en}: {offence.title_en}", f"{label.ar}: {offence.title_ar}")
    return rules.Act(
        label=label,
        category=offence.category,
        flags=charge.all_flags,
        facts_established=charge.facts_established,
        committed_on=charge.acts_from,
        recorded_on=timezone.localdate(charge.added_at),
    )


def _acts(charges: list[Charge], absence: AbsenceReport | None) -> tuple[rules.Act, ...]:
    acts = [charge_act(c) for c in charges]
    # His absence is the act of a deserter, unless a charge already names it.
    if absence is not None and not any(c.offence.category in DESERTER_CATEGORIES for c in charges):
        acts.append(
            rules.absence_act(
                absence.circumstances, absence.absent_since, timezone.localdate(absence.reported_at)
            )
        )
    return tuple(acts)


def person_groups(
    case: Case | None, absence: AbsenceReport | None, charges: list[Charge]
) -> frozenset[str]:
    """Who he is for a decree: a deserter (an absence, or a deserter's return), a member of an
    armed group (any other way in), convicted (after a verdict) or accused (charged)."""
    groups = set()
    if absence is not None or (case is not None and case.kind == Case.Kind.DESERTER_RETURN):
        groups.add(rules.DESERTER)
    elif case is not None:
        groups.add(rules.ARMED_GROUP)
    if case is not None and case.status in CONVICTED_STATUSES:
        groups.add(rules.CONVICTED)
    elif charges:
        groups.add(rules.ACCUSED)
    return frozenset(groups)


def _returned_at(case: Case | None, absence: AbsenceReport | None):
    if absence is not None:
        return absence.returned_at
    if case is not None and case.kind == Case.Kind.DESERTER_RETURN:
        intake = getattr(case, "intake", None)
        return intake.at if intake is not None else None
    return None


def absence_facts(absence: AbsenceReport, charges: list[Charge] | None = None) -> rules.PersonFacts:
    """An absent (or returned) member as the engine reads him, before any application."""
    charges = active_charges(absence.case) if charges is None else charges
    return rules.PersonFacts(
        groups=person_groups(absence.case, absence, charges),
        acts=_acts(charges, absence),
        returned_at=absence.returned_at,
    )


def application_facts(
    application: Application,
    charges: list[Charge],
    states: list[ApplicationCondition],
) -> rules.PersonFacts:
    absence = application.absence
    case = application.case
    return rules.PersonFacts(
        groups=person_groups(case, absence, charges),
        acts=_acts(charges, absence),
        returned_at=_returned_at(case, absence),
        applied_on=application.applied_on,
        conditions={
            str(s.condition_id): rules.ConditionState(
                s.state, s.met_on if s.state == s.State.MET else s.due_on
            )
            for s in states
        },
    )


def application_evaluate(application: Application, *, on: dt.date | None = None) -> rules.Result:
    """The engine's answer for an application today (or on ``on``)."""
    decree = application.decree  # its exclusions and conditions: prefetched, or two queries
    facts = application_facts(
        application,
        active_charges(application.case),
        list(application.condition_states.all()),
    )
    return rules.evaluate(decree_terms(decree), facts, on=on or timezone.localdate())


def absence_evaluate(
    absence: AbsenceReport, decree: Decree, *, on: dt.date | None = None
) -> rules.Result:
    """The engine's answer for an absent (or returned) member under ``decree``, before any
    application."""
    return rules.evaluate(
        decree_terms(decree), absence_facts(absence), on=on or timezone.localdate()
    )


def stored_result(status: str, lines: list) -> rules.Result | None:
    """An explanation kept with an application or a decision, read back."""
    return rules.Result.from_json(status, lines) if status else None


# --- Absences ------------------------------------------------------------------------------------


def absences_for_user(user) -> QuerySet[AbsenceReport]:
    """The absences ``user`` may see: his unit's (and its sub-units'), or every unit's of his
    jurisdiction for those who supervise (supervisors, the amnesty committee)."""
    qs = AbsenceReport.objects.in_jurisdiction(user)
    if not user.has_perm("amnesty.view_jurisdiction_absences"):
        if not user.unit_id:
            return qs.none()
        qs = qs.filter(Q(unit_id=user.unit_id) | Q(unit__parent_id=user.unit_id))
    return qs


def units_for_absences(user) -> QuerySet[Unit]:
    """The units whose absences ``user`` records and sees."""
    units = Unit.objects.in_jurisdiction(user).active()
    if not user.has_perm("amnesty.view_jurisdiction_absences"):
        units = units.filter(Q(pk=user.unit_id) | Q(parent_id=user.unit_id))
    return units


def absence_get_for_user(user, pk) -> AbsenceReport:
    """The absence, or 404 outside what the user may see (his unit's, or his jurisdiction's)."""
    qs = absences_for_user(user).select_related("person", "unit", "case", "reported_by")
    return get_for_user(qs, user, pk=pk)


def absence_get_for_change(user, pk) -> AbsenceReport:
    """The absence, 404 outside what the user may see, 403 without the permission to change
    it."""
    qs = absences_for_user(user).select_related("person", "unit", "case")
    return get_for_change(qs, user, "amnesty.change_absencereport", pk=pk)


@dataclass(frozen=True)
class AbsenceFilters:
    unit: Any = None
    status: str = ""
    month: dt.date | None = None


def absence_list(user, filters: AbsenceFilters) -> QuerySet[AbsenceReport]:
    """The filtered absences the user may see, newest first (one query per page)."""
    qs = absences_for_user(user).select_related("person", "unit", "case")
    if filters.unit is not None:
        qs = qs.filter(unit=filters.unit)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.month is not None:
        qs = qs.filter(
            absent_since__year=filters.month.year, absent_since__month=filters.month.month
        )
    return qs.order_by("-absent_since", "-pk")


@dataclass(frozen=True)
class UnitMonthCount:
    unit: Unit
    month: dt.date
    total: int
    by_status: dict[str, int]


def absence_counts(user, *, unit=None, limit: int = 240) -> list[UnitMonthCount]:
    """How many left each unit, by month of leaving, and where they are now (two queries)."""
    qs = absences_for_user(user)
    if unit is not None:
        qs = qs.filter(unit=unit)
    statuses = [s for s, _label in AbsenceReport.Status.choices]
    rows = list(
        qs.annotate(month=TruncMonth("absent_since"))
        .values("unit_id", "month")
        .annotate(
            total=Count("id"),
            **{f"n_{s}": Count("id", filter=Q(status=s)) for s in statuses},
        )
        .order_by("unit_id", "-month")[:limit]
    )
    units = Unit.objects.in_bulk({row["unit_id"] for row in rows})
    result = [
        UnitMonthCount(
            unit=units[row["unit_id"]],
            month=row["month"],
            total=row["total"],
            by_status={s: row[f"n_{s}"] for s in statuses},
        )
        for row in rows
    ]
    return sorted(result, key=lambda r: (r.unit.name, -r.month.toordinal()))


# --- Applications --------------------------------------------------------------------------------


def applications_for_user(user) -> QuerySet[Application]:
    """The applications of the cases of the user's jurisdiction."""
    return Application.objects.in_jurisdiction(user)


def application_get_for_user(user, pk) -> Application:
    """The application with what its page shows, or 404 outside the user's jurisdiction."""
    qs = applications_for_user(user).select_related(
        "case",
        "case__person",
        "case__governorate",
        "case__intake",
        "absence",
        "filed_by",
        "decision",
        "decision__decided_by",
    )
    qs = qs.prefetch_related(
        Prefetch("decree", queryset=decrees_with_terms()),
        Prefetch(
            "condition_states",
            queryset=ApplicationCondition.objects.select_related("condition", "recorded_by"),
        ),
    )
    return get_for_user(qs, user, pk=pk)


def application_get_for_change(user, pk, permission: str = "amnesty.change_application"):
    """The application, 404 outside the jurisdiction, 403 without ``permission``."""
    qs = applications_for_user(user).select_related("case", "absence", "decree")
    return get_for_change(qs, user, permission, pk=pk)


@dataclass(frozen=True)
class ApplicationFilters:
    status: str = ""
    decree: Any = None
    engine_status: str = ""


def application_list(user, filters: ApplicationFilters) -> QuerySet[Application]:
    """The filtered applications of the user's jurisdiction, newest first (one query per page)."""
    qs = applications_for_user(user).select_related("case", "case__person", "decree")
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.decree is not None:
        qs = qs.filter(decree=filters.decree)
    if filters.engine_status:
        qs = qs.filter(engine_status=filters.engine_status)
    return qs.order_by("-filed_at", "-pk")


def applications_of_case(case: Case) -> list[Application]:
    """A case's applications, newest first, for its amnesty section."""
    return list(
        Application.objects.filter(case_id=case.pk)
        .select_related("decree", "decision")
        .order_by("-filed_at")
    )


# --- Counts of a decree --------------------------------------------------------------------------


@dataclass(frozen=True)
class DecreeCounts:
    returned: int = 0
    pending: int = 0
    lapsed: int = 0
    #: (status, label, count) of its applications, for the statuses that have any.
    applications: tuple = ()

    @property
    def applications_total(self) -> int:
        return sum(n for _status, _label, n in self.applications)


def decree_counts(user, decrees: list[Decree], *, now: dt.datetime | None = None) -> dict:
    """For each decree, in ``user``'s jurisdiction: the absent members it covers who returned in
    its window, those still awaited while it is open, those for whom it lapsed (returned late,
    or not at all by its close; the dead are not counted); and its applications by status.
    Two queries whatever the number of decrees."""
    now = now or timezone.now()
    aggregates: dict[str, Any] = {}
    windows = [d for d in decrees if d.window_event == Decree.WindowEvent.RETURN]
    for decree in windows:
        closes = decree.window_closes_at
        if closes is None:
            continue
        # The first moment of the day after the last: a return is in time before it, as the
        # engine counts days (rules.local_day).
        day_after = closes.replace(microsecond=0) + dt.timedelta(seconds=1)
        covered = Q(absent_since__lte=decree.acts_until or decree.effective_on)
        alive = ~Q(status=AbsenceReport.Status.DECEASED)
        in_time = Q(returned_at__isnull=False, returned_at__lt=day_after)
        late = Q(returned_at__gte=day_after)
        away = Q(returned_at__isnull=True) & alive
        aggregates[f"d{decree.pk}_returned"] = Count("id", filter=covered & in_time)
        if now <= closes:
            aggregates[f"d{decree.pk}_pending"] = Count("id", filter=covered & away)
            aggregates[f"d{decree.pk}_lapsed"] = Count("id", filter=covered & late)
        else:
            aggregates[f"d{decree.pk}_lapsed"] = Count("id", filter=covered & (late | away))
    totals = absences_for_user(user).aggregate(**aggregates) if aggregates else {}
    by_status: dict[int, dict[str, int]] = {d.pk: {} for d in decrees}
    for row in (
        applications_for_user(user)
        .filter(decree__in=decrees)
        .values("decree_id", "status")
        .annotate(n=Count("id"))
    ):
        by_status[row["decree_id"]][row["status"]] = row["n"]
    return {
        d.pk: DecreeCounts(
            returned=totals.get(f"d{d.pk}_returned") or 0,
            pending=totals.get(f"d{d.pk}_pending") or 0,
            lapsed=totals.get(f"d{d.pk}_lapsed") or 0,
            applications=tuple(
                (status, label, by_status[d.pk][status])
                for status, label in Application.Status.choices
                if by_status[d.pk].get(status)
            ),
        )
        for d in decrees
    }


# --- The case's timeline -------------------------------------------------------------------------


def amnesty_timeline(case: Case) -> list[TimelineEvent]:
    """Applications and decisions on the case's timeline (one query)."""
    events = []
    for application in (
        Application.objects.filter(case_id=case.pk)
        .select_related("decree", "filed_by", "decision", "decision__decided_by")
        .order_by("filed_at")
    ):
        events.append(
            TimelineEvent(
                application.filed_at,
                "amnesty",
                _("Amnesty application: %(decree)s") % {"decree": application.decree.title},
                application.get_engine_status_display(),
                application.filed_by,
            )
        )
        decision = getattr(application, "decision", None)
        if decision is not None:
            events.append(
                TimelineEvent(
                    decision.decided_at,
                    "amnesty",
                    _("Amnesty decision: %(outcome)s")
                    % {"outcome": decision.get_outcome_display()},
                    decision.reason,
                    decision.decided_by,
                )
            )
    return events
