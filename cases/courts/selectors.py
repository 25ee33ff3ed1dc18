"""Reads of the courts that depend on the user: the docket, an officer's hearings, the
commutation queue, a case's court record, and the records a user may reach."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.accounts.jurisdiction import get_for_change, get_for_user
from cases.accounts.models import Unit
from cases.casefiles.models import Case
from cases.casefiles.selectors import TimelineEvent, cases_for_user

from .models import (
    COURT_KINDS,
    CassationReview,
    ChargeVerdict,
    CommutationRequest,
    Hearing,
    Sentence,
    SentenceChange,
    Verdict,
)


def courts_for_user(user) -> QuerySet[Unit]:
    """The courts of the user's jurisdiction."""
    return Unit.objects.in_jurisdiction(user).of_kind(*COURT_KINDS).active()


def hearings_for_user(user) -> QuerySet[Hearing]:
    return Hearing.objects.in_jurisdiction(user).select_related(
        "case", "case__person", "court", "judge"
    )


def hearing_get_for_user(user, pk) -> Hearing:
    return get_for_user(hearings_for_user(user), user, pk=pk)


def hearing_get_for_change(user, pk) -> Hearing:
    return get_for_change(hearings_for_user(user), user, "courts.change_hearing", pk=pk)


def case_get_for_hearing(user, pk) -> Case:
    """The case, 404 outside the jurisdiction, 403 without the permission to schedule."""
    return get_for_change(cases_for_user(user), user, "courts.add_hearing", pk=pk)


def case_get_for_verdict(user, pk) -> Case:
    """The case, 404 outside the jurisdiction, 403 without the permission to record verdicts."""
    return get_for_change(cases_for_user(user), user, "courts.add_verdict", pk=pk)


def verdicts_for_user(user) -> QuerySet[Verdict]:
    return Verdict.objects.in_jurisdiction(user).select_related("case", "court", "judge")


def verdict_get_for_change(user, pk, permission: str = "courts.change_verdict") -> Verdict:
    return get_for_change(verdicts_for_user(user), user, permission, pk=pk)


def cassation_get_for_change(user, pk) -> CassationReview:
    qs = CassationReview.objects.in_jurisdiction(user).select_related(
        "verdict", "verdict__case", "verdict__court"
    )
    return get_for_change(qs, user, "courts.change_cassationreview", pk=pk)


def commutations_for_user(user) -> QuerySet[CommutationRequest]:
    return CommutationRequest.objects.in_jurisdiction(user).select_related(
        "sentence",
        "sentence__verdict",
        "sentence__verdict__case",
        "sentence__verdict__case__person",
        "sentence__verdict__court",
        "requested_by",
        "decided_by",
    )


def commutation_get_for_user(user, pk) -> CommutationRequest:
    return get_for_user(commutations_for_user(user), user, pk=pk)


def commutation_get_for_change(user, pk) -> CommutationRequest:
    return get_for_change(commutations_for_user(user), user, "courts.decide_commutation", pk=pk)


def sentence_get_for_request(user, pk) -> Sentence:
    qs = Sentence.objects.in_jurisdiction(user).select_related(
        "verdict", "verdict__case", "verdict__court", "rule_set"
    )
    return get_for_change(qs, user, "courts.add_commutationrequest", pk=pk)


def commutation_queue(user, *, court: Unit | None = None) -> QuerySet[CommutationRequest]:
    """Requests waiting for a decision, oldest first: a judge's court's, or (for those who see a
    jurisdiction) every court's, or one court's."""
    qs = commutations_for_user(user).waiting()
    if court is not None:
        qs = qs.filter(sentence__verdict__court=court)
    elif _own_court(user) is not None:
        qs = qs.filter(sentence__verdict__court=user.unit)
    return qs.order_by("requested_at", "pk")


def _own_court(user) -> Unit | None:
    unit = getattr(user, "unit", None)
    return unit if unit is not None and unit.kind in COURT_KINDS else None


@dataclass(frozen=True)
class Docket:
    which: str
    court: Unit | None
    hearings: list[Hearing]


def docket_hearings(
    user, *, which: str = "week", court: Unit | None = None, now=None
) -> tuple[Unit | None, QuerySet[Hearing]]:
    """The court a docket shows (the one asked for, or the judge's own) and its hearings today,
    this week (the next seven days) or all to come, in the order of the day: time, courtroom.
    The docket page pages through them by keyset (``cases.security.listing``)."""
    now = now or timezone.now()
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    court = court or _own_court(user)
    qs = hearings_for_user(user)
    if court is not None:
        qs = qs.filter(court=court)
    if which == "today":
        qs = qs.filter(scheduled_at__gte=today, scheduled_at__lt=today + dt.timedelta(days=1))
    elif which == "week":
        qs = qs.filter(scheduled_at__gte=today, scheduled_at__lt=today + dt.timedelta(days=7))
    else:
        qs = qs.filter(scheduled_at__gte=today)
    return court, qs.order_by("scheduled_at", "courtroom", "pk")


def officer_hearings_query(user, *, now=None) -> QuerySet[Hearing]:
    """The hearings of the cases an officer is assigned to, from today on, in date order."""
    now = now or timezone.now()
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return (
        hearings_for_user(user)
        .filter(case__assigned_officer=user, scheduled_at__gte=today)
        .order_by("scheduled_at", "pk")
    )


def officer_hearings(user, *, now=None) -> list[Hearing]:
    """The page of an officer's hearings: the first 500 (one query)."""
    return list(officer_hearings_query(user, now=now)[:500])


def current_verdict(case: Case) -> Verdict | None:
    return (
        Verdict.objects.current()
        .filter(case_id=case.pk)
        .select_related("court", "judge", "recorded_by")
        .prefetch_related(
            Prefetch(
                "findings",
                queryset=ChargeVerdict.objects.select_related("charge", "charge__offence"),
            )
        )
        .first()
    )


def court_record(user, case: Case) -> dict[str, Any]:
    """Everything the courts know of a case: its hearings, the current verdict with its
    findings, the sentence and its dates with their history, cassation reviews and commutation
    requests (a handful of queries whatever their number)."""
    verdict = current_verdict(case)
    sentence = None
    if verdict is not None:
        sentence = Sentence.objects.filter(verdict=verdict).select_related("rule_set").first()
    return {
        "hearings": list(Hearing.objects.filter(case_id=case.pk).select_related("court", "judge")),
        "verdict": verdict,
        "findings": list(verdict.findings.all()) if verdict else [],
        "sentence": sentence,
        "changes": list(SentenceChange.objects.filter(sentence=sentence).select_related("by"))
        if sentence
        else [],
        "cassations": list(
            CassationReview.objects.filter(verdict__case_id=case.pk).select_related(
                "verdict", "decided_by", "filed_by"
            )
        ),
        "commutations": list(
            CommutationRequest.objects.filter(sentence__verdict__case_id=case.pk).select_related(
                "decided_by"
            )
        ),
        "superseded": list(
            Verdict.objects.filter(case_id=case.pk, superseded_at__isnull=False).select_related(
                "court"
            )
        ),
    }


def court_timeline(case: Case) -> list[TimelineEvent]:
    """The courts' events on the case's timeline: hearings, verdicts, cassation, commutation."""
    events = []
    for h in Hearing.objects.filter(case_id=case.pk).select_related("court", "judge"):
        events.append(
            TimelineEvent(
                h.scheduled_at,
                "court",
                _("Hearing (%(kind)s): %(outcome)s")
                % {"kind": h.get_kind_display(), "outcome": h.get_outcome_display()},
                f"{h.court} · {h.judge}",
            )
        )
    for v in Verdict.objects.filter(case_id=case.pk).select_related("court", "judge"):
        events.append(
            TimelineEvent(v.recorded_at, "court", _("Verdict"), f"{v.court} · {v.judge}", v.judge)
        )
    for c in SentenceChange.objects.filter(sentence__verdict__case_id=case.pk).select_related("by"):
        events.append(
            TimelineEvent(
                c.at,
                "court",
                _("Sentence changed (%(source)s): %(before)s → %(after)s")
                % {
                    "source": c.get_source_display(),
                    "before": c.before.get("label", ""),
                    "after": c.after.get("label", ""),
                },
                c.reason,
                c.by,
            )
        )
    for r in CassationReview.objects.filter(verdict__case_id=case.pk).select_related("filed_by"):
        events.append(
            TimelineEvent(
                timezone.make_aware(dt.datetime.combine(r.filed_on, dt.time(9))),
                "court",
                _("Before the Court of Cassation"),
                r.get_outcome_display() if r.outcome else "",
                r.filed_by,
            )
        )
    return events
