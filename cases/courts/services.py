"""Writes of the courts: hearings scheduled and their outcomes, verdicts per charge and the
sentence with its dates, finality, cassation, and commutation decided by a judge.

Every change locks the rows it depends on, refuses with :class:`CourtError` (a message for the
user) what the rules forbid, records who and why in the history, and keeps every previous
sentence in a :class:`~cases.courts.models.SentenceChange`. Two judges working on the same case
at once cannot overwrite each other: the verdict carries a version, and a save begun on an older
version is refused with :class:`ConflictError`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cases.accounts.models import Unit, User
from cases.casefiles.models import Case, DetentionOrder
from cases.casefiles.services import case_transition
from cases.deadlines.models import Deadline
from cases.deadlines.services import deadline_cancel, deadline_meet, deadline_move, deadline_open
from cases.legal.models import Charge
from cases.security.history import history_reason

from . import deadline_kinds as kinds
from . import rules
from .models import (
    COURT_KINDS,
    TRIAL_COURT_KINDS,
    CassationReview,
    ChargeVerdict,
    CommutationRequest,
    CommutationRule,
    Hearing,
    Sentence,
    SentenceChange,
    SentenceRuleSet,
    Verdict,
    to_sentence,
)

S = Case.Status
P = rules.Penalty
#: No hearing lasts longer: bounds the search for overlapping slots.
LONGEST_HEARING = dt.timedelta(hours=12)


class CourtError(ValueError):
    """A change the rules refuse; the message is for the user (translated)."""


class ConflictError(CourtError):
    """Someone else saved the verdict (or its sentence) since this edit began."""

    def __init__(self, message: str, current: Verdict | None) -> None:
        super().__init__(message)
        self.current = current


# --- Rules in effect -----------------------------------------------------------------------------


def rule_set_on(day: dt.date) -> SentenceRuleSet:
    """The sentence rule set in effect on ``day`` (the latest that took effect by then)."""
    rule_set = (
        SentenceRuleSet.objects.filter(effective_from__lte=day).order_by("-effective_from").first()
    )
    if rule_set is None:
        raise CourtError(_("No sentence rule set is in effect on %(day)s.") % {"day": day})
    return rule_set


def commutation_rules_on(day: dt.date) -> list[rules.CommutationRule]:
    return [r.to_rule() for r in CommutationRule.objects.in_effect(day)]


# --- Helpers -------------------------------------------------------------------------------------


def is_judge_of(user: User, court: Unit) -> bool:
    """A judge of ``court``: his unit is the court and his role lets him record verdicts."""
    return bool(user.unit_id == court.pk and user.has_perm("courts.add_verdict"))


def _end_of_day(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59)))


def _lock_case(case: Case) -> Case:
    return Case.objects.select_for_update().get(pk=case.pk)


def _move(case: Case, path: Iterable[str], *, by: User, reason: str) -> Case:
    """Move the case along ``path`` from wherever it stands on it (allowed moves only)."""
    path = list(path)
    for target in path:
        case.refresh_from_db(fields=["status", "version"])
        if case.status == target:
            continue
        if case.status in path and path.index(case.status) > path.index(target):
            continue
        case = case_transition(case=case, to_status=target, by=by, reason=reason)
    return case


def sentence_dict(sentence: rules.Sentence) -> dict[str, Any]:
    term = sentence.term or rules.Term()
    return {
        "penalty": sentence.penalty.value,
        "years": term.years,
        "months": term.months,
        "days": term.days,
        "fine": sentence.fine,
        "label": sentence.label(),
    }


def sentence_from_dict(data: dict[str, Any]) -> rules.Sentence:
    return to_sentence(
        data["penalty"],
        data.get("years") or 0,
        data.get("months") or 0,
        data.get("days") or 0,
        data.get("fine"),
    )


def _record_dict(sentence: Sentence) -> dict[str, Any]:
    return {
        **sentence_dict(sentence.as_rules()),
        "total_days": sentence.total_days,
        "capped": sentence.capped,
        "starts_on": sentence.starts_on.isoformat(),
        "credited_days": sentence.credited_days,
        "release_on": sentence.release_on.isoformat() if sentence.release_on else None,
        "conditional_release_on": sentence.conditional_release_on.isoformat()
        if sentence.conditional_release_on
        else None,
    }


def credited_days(case: Case, until: dt.date) -> int:
    """Days he was held on detention orders up to ``until`` (they count as served)."""
    total = 0
    for order in DetentionOrder.objects.filter(case_id=case.pk, starts_on__lte=until):
        total += (min(order.ends_on, until) - order.starts_on).days + 1
    return total


def _age_band(case: Case) -> str:
    intake = getattr(case, "intake", None)
    return intake.age_band if intake is not None else "unknown"


# --- Hearings ------------------------------------------------------------------------------------


def _clashes(*, court: Unit, courtroom: str, judge: User, start, end, exclude=None) -> list[str]:
    candidates = Hearing.objects.occupying().filter(
        scheduled_at__lt=end, scheduled_at__gt=start - LONGEST_HEARING
    )
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude.pk)
    problems = []
    for other in candidates.select_related("case"):
        if other.ends_at <= start:
            continue
        when = timezone.localtime(other.scheduled_at).strftime("%Y-%m-%d %H:%M")
        if other.judge_id == judge.pk:
            problems.append(
                _("The judge already sits at %(when)s (%(case)s).")
                % {"when": when, "case": other.case.number}
            )
        if other.court_id == court.pk and other.courtroom == courtroom:
            problems.append(
                _("Courtroom %(room)s is taken at %(when)s (%(case)s).")
                % {"room": courtroom, "when": when, "case": other.case.number}
            )
    return problems


def _open_hearing_deadlines(hearing: Hearing, by: User | None) -> None:
    case = hearing.case
    for who, user in (("judge", hearing.judge), ("officer", case.assigned_officer)):
        if user is None:
            continue
        deadline_open(
            kind=kinds.HEARING,
            record=hearing,
            governorate=case.governorate,
            due_at=hearing.scheduled_at,
            responsible_user=user,
            event_key=who,
            object_label=hearing.audit_label,
            by=by,
        )


def _close_hearing_deadlines(hearing: Hearing, *, by: User, reason: str, cancel: bool) -> None:
    for deadline in Deadline.objects.for_object(hearing).filter(
        kind__code=kinds.HEARING, status__in=[Deadline.Status.OPEN, Deadline.Status.MISSED]
    ):
        if cancel and deadline.status == Deadline.Status.OPEN:
            deadline_cancel(deadline=deadline, by=by, reason=reason)
        else:
            deadline_meet(deadline=deadline, by=by, reason=reason)


@transaction.atomic
def hearing_schedule(
    *,
    case: Case,
    court: Unit,
    judge: User,
    scheduled_at: dt.datetime,
    kind: str,
    by: User,
    courtroom: str = "1",
    duration_minutes: int = 60,
    notes: str = "",
) -> Hearing:
    """Put a case on a court's docket. Refuses a unit that is not a court, a presiding judge who
    is not of the court, a court of another governorate (the Court of Cassation excepted), a
    closed case, and a slot where the judge or the courtroom is already taken."""
    if court.kind not in COURT_KINDS:
        raise CourtError(_("%(unit)s is not a court.") % {"unit": court})
    if judge.unit_id != court.pk:
        raise CourtError(_("The presiding judge must be a judge of %(court)s.") % {"court": court})
    if court.kind != Unit.Kind.CASSATION_COURT and court.governorate_id != case.governorate_id:
        raise CourtError(_("The court must sit in the case's governorate."))
    case = _lock_case(case)
    if case.status == S.CLOSED:
        raise CourtError(_("A closed case takes no hearing."))
    # One scheduler at a time per court and per judge: the check below then sees every slot.
    Unit.objects.select_for_update().filter(pk=court.pk).first()
    User.objects.select_for_update().filter(pk=judge.pk).first()
    hearing = Hearing(
        case=case,
        court=court,
        courtroom=(courtroom or "1").strip(),
        scheduled_at=scheduled_at,
        duration_minutes=duration_minutes,
        kind=kind,
        judge=judge,
        notes=notes,
        scheduled_by=by,
    )
    hearing.full_clean(validate_constraints=False)
    problems = _clashes(
        court=court,
        courtroom=hearing.courtroom,
        judge=judge,
        start=scheduled_at,
        end=hearing.ends_at,
    )
    if problems:
        raise CourtError(" ".join(problems))
    try:
        with transaction.atomic(), history_reason(_("Hearing scheduled"), by):
            hearing.save()
    except IntegrityError:
        raise CourtError(_("That slot was just taken: choose another time.")) from None
    _open_hearing_deadlines(hearing, by)
    return hearing


OUTCOMES_THAT_SIT = (Hearing.Outcome.HELD, Hearing.Outcome.ADJOURNED)


@transaction.atomic
def hearing_record_outcome(
    *,
    hearing: Hearing,
    version: int,
    outcome: str,
    by: User,
    defence_present: bool | None = None,
    notes: str = "",
    next_at: dt.datetime | None = None,
) -> Hearing:
    """Record what happened at a hearing. An adjournment needs the next date and puts the next
    hearing on the docket (same judge, court and courtroom); a postponement may give one. Only a
    judge of the court records it. A trial hearing that sat moves a case referred to trial into
    trial. Refuses a change begun on an older version of the hearing."""
    hearing = Hearing.objects.select_for_update().select_related("case", "court").get(pk=hearing.pk)
    if not is_judge_of(by, hearing.court):
        raise CourtError(
            _("Only a judge of %(court)s records its hearings.") % {"court": hearing.court}
        )
    if hearing.version != version:
        raise CourtError(
            _("Someone else recorded this hearing meanwhile: reload it and check their entry.")
        )
    if outcome == Hearing.Outcome.SCHEDULED:
        raise CourtError(_("Say what happened at the hearing."))
    if outcome == Hearing.Outcome.ADJOURNED and next_at is None:
        raise ValidationError({"next_at": _("An adjourned hearing needs the next date.")})
    if next_at is not None and next_at <= hearing.scheduled_at:
        raise ValidationError({"next_at": _("The next date must come after this hearing.")})
    hearing.outcome = outcome
    hearing.defence_present = defence_present
    hearing.notes = notes
    hearing.next_at = next_at
    hearing.version += 1
    reason = _("Hearing: %(outcome)s") % {"outcome": Hearing.Outcome(outcome).label}
    with history_reason(reason, by):
        hearing.save()
    _close_hearing_deadlines(
        hearing, by=by, reason=reason, cancel=outcome == Hearing.Outcome.POSTPONED
    )
    if next_at is not None:
        following = hearing_schedule(
            case=hearing.case,
            court=hearing.court,
            judge=hearing.judge,
            scheduled_at=next_at,
            kind=hearing.kind,
            courtroom=hearing.courtroom,
            duration_minutes=hearing.duration_minutes,
            by=by,
        )
        Hearing.objects.filter(pk=hearing.pk).update(next_hearing=following)
        hearing.next_hearing = following
    if (
        hearing.kind in (Hearing.Kind.TRIAL, Hearing.Kind.SENTENCING)
        and outcome in OUTCOMES_THAT_SIT
        and hearing.case.status == S.REFERRED_TO_TRIAL
    ):
        case_transition(case=hearing.case, to_status=S.TRIAL, by=by, reason=reason)
    return hearing


# --- Verdicts ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    charge: Charge
    finding: str
    penalty: str = ""
    years: int = 0
    months: int = 0
    days: int = 0
    fine: int | None = None

    def sentence(self) -> rules.Sentence | None:
        if self.finding != ChargeVerdict.Finding.CONVICTED or not self.penalty:
            return None
        return to_sentence(self.penalty, self.years, self.months, self.days, self.fine)


@dataclass(frozen=True)
class Computed:
    """The case's sentence and its dates, as a verdict would record them (also the preview)."""

    sentence: rules.Sentence | None
    total: rules.Total | None
    dates: rules.Dates | None
    credited_days: int
    juvenile: bool
    appeal_until: dt.date
    automatic_cassation: bool
    automatic_cassation_until: dt.date | None
    rule_set: SentenceRuleSet


def _case_sentence(sentences: list[rules.Sentence], total: rules.Total, start) -> rules.Sentence:
    if len(sentences) == 1:
        return sentences[0]
    fines = sum(s.fine or 0 for s in sentences) or None
    if total.gravest in rules.CUSTODIAL and total.days:
        return rules.Sentence(total.gravest, rules.Term.of_days(total.days, start=start), fines)
    return rules.Sentence(total.gravest, None, fines if total.gravest == P.FINE else None)


def finding_errors(case: Case, findings: list[Finding], rule_set: SentenceRuleSet) -> dict:
    """Why these findings may not be recorded, by charge (empty: they may)."""
    sentence_rules = rule_set.to_rules()
    band = _age_band(case)
    errors: dict[str, list[str]] = {}
    active = set(
        Charge.objects.filter(case_id=case.pk, status=Charge.Status.ACTIVE).values_list(
            "pk", flat=True
        )
    )
    given = {f.charge.pk for f in findings}
    if not active:
        errors["__all__"] = [_("Record the charges first: a verdict is given on each charge.")]
    elif given != active or len(findings) != len(given):
        errors["__all__"] = [_("Give one finding on each active charge, and only on those.")]
    for f in findings:
        key = f"charge-{f.charge.pk}"
        if f.finding == ChargeVerdict.Finding.CONVICTED:
            if not f.penalty:
                errors[key] = [_("A conviction needs its penalty.")]
                continue
            problems = rules.sentence_errors(f.sentence(), age_band=band, rules=sentence_rules)
            if problems:
                errors[key] = problems
        elif f.penalty:
            errors[key] = [_("Only a conviction carries a penalty.")]
    return errors


def verdict_compute(*, case: Case, findings: list[Finding], decided_on: dt.date) -> Computed:
    """The sentence and every date a verdict with these findings would record: what the
    verdict form previews before the judge confirms. Refuses (ValidationError, by charge) what
    the law forbids."""
    rule_set = rule_set_on(decided_on)
    errors = finding_errors(case, findings, rule_set)
    if errors:
        raise ValidationError(errors)
    sentence_rules = rule_set.to_rules()
    juvenile = _age_band(case) in rules.JUVENILE_BANDS
    credited = credited_days(case, decided_on)
    sentences = [s for f in findings if (s := f.sentence()) is not None]
    sentence = total = dates = None
    if sentences:
        total = rules.aggregate(sentences, start=decided_on, rules=sentence_rules)
        sentence = _case_sentence(sentences, total, decided_on)
        if total.days:
            dates = rules.sentence_dates(
                start=decided_on,
                days=total.days,
                credited_days=credited,
                juvenile=juvenile,
                rules=sentence_rules,
            )
    automatic = total is not None and total.gravest in (P.DEATH, P.LIFE)
    return Computed(
        sentence=sentence,
        total=total,
        dates=dates,
        credited_days=credited,
        juvenile=juvenile,
        appeal_until=decided_on + dt.timedelta(days=rule_set.appeal_days),
        automatic_cassation=automatic,
        automatic_cassation_until=decided_on + dt.timedelta(days=rule_set.automatic_cassation_days)
        if automatic
        else None,
        rule_set=rule_set,
    )


def _conflict(current: Verdict | None, version: int) -> ConflictError:
    if current is None:
        return ConflictError(
            _(
                "The verdict you were correcting is no longer the case's verdict (a retrial was "
                "ordered). Nothing of yours was saved."
            ),
            None,
        )
    return ConflictError(
        _(
            "Another judge saved this case's verdict or sentence while you were working on it "
            "(version %(theirs)d, yours was %(yours)d): %(by)s on %(at)s. Nothing of yours was "
            "saved: review their record below and enter yours again if it is still needed."
        )
        % {
            "theirs": current.version,
            "yours": version,
            "by": current.recorded_by,
            "at": timezone.localtime(current.recorded_at).strftime("%Y-%m-%d %H:%M"),
        },
        current,
    )


def _lock_verdict(case: Case) -> Verdict | None:
    return (
        Verdict.objects.select_for_update()
        .filter(case_id=case.pk, superseded_at__isnull=True)
        .first()
    )


@transaction.atomic
def verdict_record(
    *,
    case: Case,
    version: int,
    court: Unit,
    findings: list[Finding],
    decided_on: dt.date,
    by: User,
    reasons: str = "",
    hearing: Hearing | None = None,
) -> Verdict:
    """Record the verdict of a trial court on each active charge, with the sentence and every
    date that follows (pre-trial detention credited, the 25-year cap, the age rules), and move
    the case to "Verdict". ``version`` is the version of the case's verdict the judge started
    from (0: none yet); a save begun on an older one is refused with :class:`ConflictError`, so
    that two judges recording at once never lose each other's work. A correction (``version``
    of an existing verdict) needs reasons, and is refused once the verdict is final or before
    the Court of Cassation.

    Refuses: a judge not of the court, a court that does not try, a case not at trial, a
    verdict in the future, and findings the law forbids (field by field)."""
    if court.kind not in TRIAL_COURT_KINDS:
        raise CourtError(_("Verdicts are given by a felony or juvenile court."))
    if not is_judge_of(by, court):
        raise CourtError(_("Only a judge of %(court)s records its verdicts.") % {"court": court})
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": _("The verdict cannot be dated in the future.")})
    case = _lock_case(case)
    current = _lock_verdict(case)
    if (current.version if current else 0) != version:
        raise _conflict(current, version)
    correction = current is not None
    if correction:
        if current.final_on or current.cassations.filter(outcome="").exists():
            raise CourtError(
                _(
                    "The verdict is final or before the Court of Cassation: it is not "
                    "corrected here."
                )
            )
        if not reasons.strip():
            raise CourtError(_("Give the reason for correcting the verdict."))
    elif case.status not in (S.REFERRED_TO_TRIAL, S.TRIAL):
        raise CourtError(
            _("A verdict is recorded for a case at trial; this one is “%(status)s”.")
            % {"status": case.get_status_display()}
        )
    computed = verdict_compute(case=case, findings=findings, decided_on=decided_on)
    reason = reasons.strip() or _("Verdict recorded")
    with history_reason(reason, by):
        verdict = current or Verdict(case=case)
        verdict.court = court
        verdict.judge = by
        verdict.hearing = hearing
        verdict.decided_on = decided_on
        verdict.reasons = reasons
        verdict.appeal_until = computed.appeal_until
        verdict.automatic_cassation = computed.automatic_cassation
        verdict.recorded_by = by
        verdict.recorded_at = timezone.now()
        if correction:
            verdict.version += 1
        verdict.full_clean(validate_constraints=False)
        verdict.save()
        if correction:
            verdict.findings.all().delete()
        ChargeVerdict.objects.bulk_create(
            ChargeVerdict(
                verdict=verdict,
                charge=f.charge,
                finding=f.finding,
                penalty=f.penalty if f.finding == ChargeVerdict.Finding.CONVICTED else "",
                years=f.years,
                months=f.months,
                days=f.days,
                fine=f.fine,
            )
            for f in findings
        )
        sentence = _store_sentence(verdict, computed, by=by, reason=reason, correction=correction)
    if not correction:
        _move(case, [S.TRIAL, S.VERDICT], by=by, reason=reason)
    _open_verdict_deadlines(verdict, computed, by)
    if sentence is not None:
        sync_release_deadlines(sentence, by=by)
    return verdict


def _store_sentence(
    verdict: Verdict, computed: Computed, *, by: User, reason: str, correction: bool
) -> Sentence | None:
    existing = Sentence.objects.filter(verdict=verdict).first()
    if computed.sentence is None:
        if existing is not None:
            _apply(
                existing,
                rules.Sentence(P.EXEMPT),
                source=SentenceChange.Source.VERDICT,
                reason=reason,
                by=by,
            )
        return existing
    if existing is not None:
        existing.starts_on = verdict.decided_on
        existing.credited_days = computed.credited_days
        existing.juvenile = computed.juvenile
        existing.rule_set = computed.rule_set
        return _apply(
            existing,
            computed.sentence,
            source=SentenceChange.Source.VERDICT,
            reason=reason,
            by=by,
            total=computed.total,
        )
    term = computed.sentence.term or rules.Term()
    sentence = Sentence(
        verdict=verdict,
        penalty=computed.sentence.penalty.value,
        years=term.years,
        months=term.months,
        days=term.days,
        fine=computed.sentence.fine,
        total_days=computed.total.days,
        capped=computed.total.capped,
        starts_on=verdict.decided_on,
        credited_days=computed.credited_days,
        release_on=computed.dates.release if computed.dates else None,
        conditional_release_on=computed.dates.conditional_release if computed.dates else None,
        juvenile=computed.juvenile,
        rule_set=computed.rule_set,
    )
    sentence.full_clean()
    sentence.save()
    return sentence


def _apply(
    sentence: Sentence,
    new: rules.Sentence,
    *,
    source: str,
    reason: str,
    by: User,
    total: rules.Total | None = None,
) -> Sentence:
    """Replace ``sentence`` by ``new``: recompute its days and every date, keep the previous one
    in a :class:`SentenceChange`. The caller bumps the verdict's version."""
    before = _record_dict(sentence)
    sentence_rules = sentence.rule_set.to_rules()
    if total is None:
        days = rules.custodial_days(new, sentence.starts_on, sentence_rules)
        if new.penalty == P.DEATH:
            days = None
        capped = False
        if days is not None:
            cap = rules.Term(sentence_rules.max_total_years).days_from(sentence.starts_on)
            capped, days = days > cap, min(days, cap)
    else:
        days, capped = total.days, total.capped
    term = new.term or rules.Term()
    sentence.penalty = new.penalty.value
    sentence.years, sentence.months, sentence.days = term.years, term.months, term.days
    sentence.fine = new.fine
    sentence.total_days = days
    sentence.capped = capped
    if days:
        dates = rules.sentence_dates(
            start=sentence.starts_on,
            days=days,
            credited_days=sentence.credited_days,
            juvenile=sentence.juvenile,
            rules=sentence_rules,
        )
        sentence.release_on, sentence.conditional_release_on = (
            dates.release,
            dates.conditional_release,
        )
    else:
        sentence.release_on = sentence.conditional_release_on = None
    sentence.updated_at = timezone.now()
    sentence.full_clean()
    with history_reason(reason, by):
        sentence.save()
    SentenceChange.objects.create(
        sentence=sentence,
        source=source,
        before=before,
        after=_record_dict(sentence),
        reason=reason,
        by=by,
    )
    return sentence


def _open_verdict_deadlines(verdict: Verdict, computed: Computed, by: User) -> None:
    case = verdict.case
    deadline = deadline_open(
        kind=kinds.APPEAL,
        record=verdict,
        governorate=case.governorate,
        due_at=_end_of_day(verdict.appeal_until),
        responsible_user=case.assigned_officer,
        responsible_unit=verdict.court,
        object_label=verdict.audit_label,
        by=by,
    )
    if deadline.status == Deadline.Status.OPEN and deadline.due_at != _end_of_day(
        verdict.appeal_until
    ):
        deadline_move(
            deadline=deadline,
            due_at=_end_of_day(verdict.appeal_until),
            by=by,
            reason=_("Verdict corrected"),
        )
    auto = Deadline.objects.for_object(verdict).filter(kind__code=kinds.AUTO_CASSATION).first()
    if computed.automatic_cassation and auto is None:
        deadline_open(
            kind=kinds.AUTO_CASSATION,
            record=verdict,
            governorate=case.governorate,
            due_at=_end_of_day(computed.automatic_cassation_until),
            responsible_unit=verdict.court,
            object_label=verdict.audit_label,
            by=by,
        )
    elif not computed.automatic_cassation and auto and auto.status == Deadline.Status.OPEN:
        deadline_cancel(deadline=auto, by=by, reason=_("No longer a death or life sentence"))


def prison_of(case: Case) -> Unit | None:
    """The prison of the case's governorate whose administration is told of release dates."""
    return (
        Unit.objects.filter(
            kind=Unit.Kind.PRISON, governorate_id=case.governorate_id, is_active=True
        )
        .order_by("pk")
        .first()
    )


def sync_release_deadlines(sentence: Sentence, *, by: User | None) -> None:
    """Open, move or cancel the conditional-release and release deadlines of a sentence, for
    the prison administration of the case's governorate, so that they follow every change."""
    verdict = sentence.verdict
    case = verdict.case
    unit = prison_of(case) or verdict.court
    wanted = {
        kinds.CONDITIONAL_RELEASE: sentence.conditional_release_on,
        kinds.RELEASE: sentence.release_on,
    }
    if verdict.superseded_at is not None:
        wanted = dict.fromkeys(wanted)
    for kind, day in wanted.items():
        existing = (
            Deadline.objects.for_object(sentence)
            .filter(kind__code=kind, status=Deadline.Status.OPEN)
            .first()
        )
        if day is None:
            if existing is not None:
                deadline_cancel(deadline=existing, by=by, reason=_("The sentence has changed"))
            continue
        due = _end_of_day(day)
        if existing is None:
            count = Deadline.objects.for_object(sentence).filter(kind__code=kind).count()
            deadline_open(
                kind=kind,
                record=sentence,
                governorate=case.governorate,
                due_at=due,
                responsible_unit=unit,
                event_key=f"v{count + 1}",
                object_label=case.number,
                by=by,
            )
        elif existing.due_at != due:
            deadline_move(
                deadline=existing, due_at=due, by=by, reason=_("The sentence has changed")
            )


# --- Finality ------------------------------------------------------------------------------------


def _after_final(case: Case, sentence: Sentence | None, *, by: User, reason: str) -> None:
    case.refresh_from_db(fields=["status", "version"])
    if case.status != S.FINAL:
        case = case_transition(case=case, to_status=S.FINAL, by=by, reason=reason)
    if sentence is not None and sentence.total_days:
        case_transition(case=case, to_status=S.SERVING_SENTENCE, by=by, reason=reason)
    elif sentence is None or sentence.penalty in (P.EXEMPT, P.FINE):
        case_transition(case=case, to_status=S.RELEASED, by=by, reason=reason)


@transaction.atomic
def verdict_make_final(*, verdict: Verdict, by: User, on: dt.date | None = None) -> Verdict:
    """Record that the appeal period passed with no appeal: the verdict is final, and the case
    moves to "Final", then to serving his sentence (a custodial one) or released (acquitted,
    fined or exempted). Refuses a death or life sentence (the Court of Cassation must review it),
    a verdict under appeal, and one whose appeal period still runs."""
    on = on or timezone.localdate()
    verdict = Verdict.objects.select_for_update().select_related("case").get(pk=verdict.pk)
    if verdict.final_on or verdict.superseded_at:
        raise CourtError(_("This verdict is already final or was superseded."))
    if verdict.automatic_cassation:
        raise CourtError(
            _(
                "A death or life sentence becomes final only after the Court of Cassation "
                "reviews it."
            )
        )
    if verdict.cassations.exists():
        raise CourtError(_("The verdict was appealed: the Court of Cassation decides."))
    if on <= verdict.appeal_until:
        raise CourtError(
            _("The appeal period runs until %(day)s.") % {"day": verdict.appeal_until.isoformat()}
        )
    reason = _("No appeal within the period: the verdict is final")
    verdict.final_on = on
    verdict.version += 1
    with history_reason(reason, by):
        verdict.save(update_fields=["final_on", "version"])
    for deadline in Deadline.objects.for_object(verdict).filter(kind__code=kinds.APPEAL):
        deadline_meet(deadline=deadline, by=by, reason=reason)
    _after_final(
        verdict.case, Sentence.objects.filter(verdict=verdict).first(), by=by, reason=reason
    )
    return verdict


# --- Cassation -----------------------------------------------------------------------------------


@transaction.atomic
def cassation_file(
    *,
    verdict: Verdict,
    by: User,
    automatic: bool = False,
    grounds: str = "",
    filed_on: dt.date | None = None,
) -> CassationReview:
    """Send a verdict to the Court of Cassation: an appeal within the appeal period, or the
    referral the law requires for a death or life sentence. The case moves to "Cassation".
    Refuses a verdict that is final, superseded or already before the court, and an appeal
    after its period."""
    filed_on = filed_on or timezone.localdate()
    verdict = Verdict.objects.select_for_update().select_related("case").get(pk=verdict.pk)
    if verdict.final_on or verdict.superseded_at:
        raise CourtError(_("This verdict is final or was superseded."))
    if verdict.cassations.filter(outcome="").exists():
        raise CourtError(_("This verdict is already before the Court of Cassation."))
    if automatic and not verdict.automatic_cassation:
        raise CourtError(_("Only death and life sentences are referred by law."))
    if not automatic and filed_on > verdict.appeal_until:
        raise CourtError(
            _("The appeal period ended on %(day)s.") % {"day": verdict.appeal_until.isoformat()}
        )
    review = CassationReview(
        verdict=verdict, automatic=automatic, filed_on=filed_on, filed_by=by, grounds=grounds
    )
    review.full_clean(validate_constraints=False)
    reason = _("Referred to the Court of Cassation") if automatic else _("Appealed in cassation")
    with history_reason(reason, by):
        review.save()
    for deadline in Deadline.objects.for_object(verdict).filter(
        kind__code__in=[kinds.APPEAL, kinds.AUTO_CASSATION]
    ):
        deadline_meet(deadline=deadline, by=by, reason=reason)
    _move(verdict.case, [S.VERDICT, S.CASSATION], by=by, reason=reason)
    return review


@transaction.atomic
def cassation_decide(
    *,
    review: CassationReview,
    version: int,
    outcome: str,
    reasons: str,
    by: User,
    reduced_to: rules.Sentence | None = None,
    decided_on: dt.date | None = None,
) -> CassationReview:
    """Record the Court of Cassation's decision. Upheld: the verdict is final. Reduced: the
    sentence is replaced (the previous one kept in its history, every date recomputed) and the
    verdict is final. Quashed: the conviction falls and he is released. Retrial: the verdict is
    superseded and the case goes back to trial. Only a judge of a Court of Cassation decides;
    refuses a decision without reasons, a reduction that is not lighter or that the law forbids,
    and a decision begun on an older version of the verdict."""
    if not reasons.strip():
        raise CourtError(_("Give the reasons of the decision."))
    if (
        by.unit is None
        or by.unit.kind != Unit.Kind.CASSATION_COURT
        or not by.has_perm("courts.change_cassationreview")
    ):
        raise CourtError(_("Only a judge of the Court of Cassation records its decisions."))
    review = CassationReview.objects.select_for_update().get(pk=review.pk)
    if review.outcome:
        raise CourtError(_("This review was already decided."))
    verdict = Verdict.objects.select_for_update().select_related("case").get(pk=review.verdict_id)
    if verdict.version != version:
        raise _conflict(verdict, version)
    decided_on = decided_on or timezone.localdate()
    sentence = Sentence.objects.filter(verdict=verdict).select_related("rule_set").first()
    if outcome == CassationReview.Outcome.REDUCED:
        if sentence is None or reduced_to is None:
            raise CourtError(_("Give the reduced sentence."))
        _check_lighter(sentence, reduced_to, _age_band(verdict.case))
    review.outcome = outcome
    review.decided_on = decided_on
    review.decided_by = by
    review.reasons = reasons
    label = CassationReview.Outcome(outcome).label
    reason = _("Court of Cassation: %(outcome)s") % {"outcome": label}
    with history_reason(reason, by):
        review.save()
        if outcome == CassationReview.Outcome.RETRIAL:
            verdict.superseded_at = timezone.now()
        else:
            verdict.final_on = decided_on
        verdict.version += 1
        verdict.save(update_fields=["superseded_at", "final_on", "version"])
    if sentence is not None:
        sentence.verdict = verdict
    case = verdict.case
    if outcome == CassationReview.Outcome.REDUCED:
        _apply(
            sentence,
            reduced_to,
            source=SentenceChange.Source.CASSATION,
            reason=f"{reason}: {reasons}",
            by=by,
        )
    elif outcome == CassationReview.Outcome.QUASHED and sentence is not None:
        _apply(
            sentence,
            rules.Sentence(P.EXEMPT),
            source=SentenceChange.Source.CASSATION,
            reason=f"{reason}: {reasons}",
            by=by,
        )
    if sentence is not None:
        sync_release_deadlines(sentence, by=by)
    if outcome == CassationReview.Outcome.RETRIAL:
        case_transition(case=case, to_status=S.TRIAL, by=by, reason=reason)
    elif outcome == CassationReview.Outcome.QUASHED:
        case_transition(case=case, to_status=S.RELEASED, by=by, reason=reason)
    else:
        _after_final(case, sentence, by=by, reason=reason)
    return review


PENALTY_ORDER = [P.EXEMPT, P.FINE, P.JUVENILE, P.IMPRISONMENT, P.TEMPORARY, P.LIFE, P.DEATH]


def _check_lighter(sentence: Sentence, new: rules.Sentence, age_band: str) -> None:
    sentence_rules = sentence.rule_set.to_rules()
    errors = (
        []
        if new.penalty == P.EXEMPT
        else rules.sentence_errors(new, age_band=age_band, rules=sentence_rules)
    )
    if errors:
        raise CourtError(" ".join(errors))
    old = sentence.as_rules()
    start = sentence.starts_on
    old_rank, new_rank = PENALTY_ORDER.index(old.penalty), PENALTY_ORDER.index(new.penalty)
    old_days = sentence.total_days or 0
    new_days = rules.custodial_days(new, start, sentence_rules) or 0
    if new_rank > old_rank or (new_rank == old_rank and new_days > old_days):
        raise CourtError(
            _("%(new)s is not lighter than the sentence (%(old)s).")
            % {"new": new.label(), "old": old.label()}
        )


# --- Commutation ---------------------------------------------------------------------------------


def case_facts(
    case: Case, *, information_led_to_arrests: bool, informed_before_discovery: bool = False
) -> rules.CaseFacts:
    """What the calculator needs to know of the case: how he came in (a referral that led to the
    surrender is its evidence; arrest forfeits the ground), whether he informed, his age band at
    the acts, and the categories of the offences still charged."""
    from cases.referrals.models import Referral

    intake = getattr(case, "intake", None)
    voluntary = case.kind == Case.Kind.VOLUNTARY_SURRENDER
    arrested = case.kind == Case.Kind.ARREST
    numbers = list(
        Referral.objects.filter(case=case).order_by("received_at").values_list("number", flat=True)
    )
    if numbers:
        evidence = _("through referral %(numbers)s") % {"numbers": ", ".join(numbers)}
    elif voluntary and intake is not None:
        evidence = _("surrender recorded at intake on %(day)s, %(place)s") % {
            "day": date_format(timezone.localdate(intake.at), "SHORT_DATE_FORMAT"),
            "place": intake.place,
        }
    else:
        evidence = ""
    categories = frozenset(
        Charge.objects.filter(case_id=case.pk, status=Charge.Status.ACTIVE).values_list(
            "offence__category", flat=True
        )
    )
    cooperated = bool(intake and intake.cooperation_given)
    return rules.CaseFacts(
        voluntary_surrender=voluntary,
        surrender_evidence=evidence,
        arrested=arrested,
        informed_before_discovery=informed_before_discovery,
        informed_before_own_arrest=cooperated and not arrested,
        information_led_to_arrests=information_led_to_arrests,
        age_band=intake.age_band if intake else "unknown",
        age_at_acts=intake.age_at_acts if intake else None,
        offence_categories=categories,
        killing_declared=intake.killing_declared if intake else "unknown",
    )


def _facts_dict(facts: rules.CaseFacts) -> dict[str, Any]:
    return {
        "voluntary_surrender": facts.voluntary_surrender,
        "surrender_evidence": facts.surrender_evidence,
        "arrested": facts.arrested,
        "informed_before_discovery": facts.informed_before_discovery,
        "informed_before_own_arrest": facts.informed_before_own_arrest,
        "information_led_to_arrests": facts.information_led_to_arrests,
        "age_band": facts.age_band,
        "age_at_acts": facts.age_at_acts,
        "offence_categories": sorted(facts.offence_categories),
        "killing_declared": facts.killing_declared,
    }


def _line_text(line: rules.Line) -> dict[str, str]:
    return {
        "title": line.title,
        "explanation": line.explanation,
        "before": line.before,
        "after": line.after,
        "source": line.source,
    }


def commutation_calculate(
    sentence: Sentence, *, information_led_to_arrests: bool, informed_before_discovery: bool
) -> tuple[rules.CaseFacts, rules.Proposal]:
    """The calculator applied to the sentence and the case's facts (nothing is saved)."""
    verdict = sentence.verdict
    facts = case_facts(
        verdict.case,
        information_led_to_arrests=information_led_to_arrests,
        informed_before_discovery=informed_before_discovery,
    )
    proposal = rules.propose(
        sentence.as_rules(),
        facts,
        commutation_rules_on(verdict.decided_on),
        sentence.rule_set.to_rules(),
    )
    return facts, proposal


@transaction.atomic
def commutation_request(
    *,
    sentence: Sentence,
    by: User,
    information_led_to_arrests: bool = False,
    informed_before_discovery: bool = False,
    note: str = "",
) -> CommutationRequest:
    """Run the calculator on a sentence and put its proposal, with one line of reasoning per
    rule, in the judges' queue. Nothing changes until a judge decides. Refuses a sentence of a
    superseded verdict, one already exempted, and a second request while one waits."""
    sentence = (
        Sentence.objects.select_for_update().select_related("verdict__case").get(pk=sentence.pk)
    )
    verdict = sentence.verdict
    if verdict.superseded_at:
        raise CourtError(_("This verdict was superseded by a retrial."))
    if sentence.penalty == P.EXEMPT:
        raise CourtError(_("There is no penalty left to commute."))
    if CommutationRequest.objects.filter(sentence=sentence).waiting().exists():
        raise CourtError(_("A commutation request for this sentence is already waiting."))
    # The proposal is kept as it reads in every language of the site: its lines are the
    # calculator's explanation, words that the judge reads in his language whoever asked.
    by_language = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            by_language[code] = commutation_calculate(
                sentence,
                information_led_to_arrests=information_led_to_arrests,
                informed_before_discovery=informed_before_discovery,
            )
    active = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    facts, proposal = by_language.get(active) or by_language[settings.LANGUAGE_CODE]
    facts_dict = _facts_dict(facts)
    facts_dict["surrender_evidence_i18n"] = {
        code: f.surrender_evidence for code, (f, _p) in by_language.items()
    }
    request = CommutationRequest(
        sentence=sentence,
        facts=facts_dict,
        information_led_to_arrests=information_led_to_arrests,
        original=sentence_dict(proposal.original),
        proposed=sentence_dict(proposal.proposed),
        lines=[
            {
                "rule": line.rule,
                "title": line.title,
                "applies": line.applies,
                "explanation": line.explanation,
                "before": line.before,
                "after": line.after,
                "source": line.source,
                "i18n": {code: _line_text(p.lines[i]) for code, (_f, p) in by_language.items()},
            }
            for i, line in enumerate(proposal.lines)
        ],
        sentence_version=verdict.version,
        requested_by=by,
        note=note,
    )
    request.full_clean(validate_constraints=False)
    with history_reason(_("Commutation calculated"), by):
        request.save()
    deadline_open(
        kind=kinds.COMMUTATION,
        record=request,
        governorate=verdict.case.governorate,
        event_at=request.requested_at,
        responsible_unit=verdict.court,
        object_label=request.audit_label,
        by=by,
    )
    return request


@transaction.atomic
def commutation_decide(
    *,
    request: CommutationRequest,
    version: int,
    decision: str,
    reasons: str,
    by: User,
    modified_to: rules.Sentence | None = None,
) -> CommutationRequest:
    """A judge's decision on a proposal: accept it, modify it (another sentence, lighter than the
    present one), or reject it, always with reasons. Accepting or modifying replaces the sentence
    and every date; the previous sentence stays in its history. Only a judge of the court that
    passed the verdict decides. Refuses a decision begun on an older version of the sentence,
    and a proposal calculated on a sentence that has changed since (calculate again)."""
    S_ = CommutationRequest.Status
    if decision not in (S_.ACCEPTED, S_.MODIFIED, S_.REJECTED):
        raise CourtError(_("Accept, modify or reject the proposal."))
    if not reasons.strip():
        raise CourtError(_("Give the reasons of the decision: they stay with the sentence."))
    request = CommutationRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != S_.PENDING:
        raise CourtError(_("This request was already decided."))
    sentence = Sentence.objects.select_related("rule_set").get(pk=request.sentence_id)
    verdict = (
        Verdict.objects.select_for_update()
        .select_related("case", "court")
        .get(pk=sentence.verdict_id)
    )
    sentence.verdict = verdict
    if not (is_judge_of(by, verdict.court) and by.has_perm("courts.decide_commutation")):
        raise CourtError(
            _("Only a judge of %(court)s decides on this sentence.") % {"court": verdict.court}
        )
    if verdict.version != version:
        raise _conflict(verdict, version)
    if request.sentence_version != verdict.version:
        raise CourtError(
            _("The sentence has changed since this proposal was calculated: calculate it again.")
        )
    new = None
    if decision == S_.ACCEPTED:
        new = sentence_from_dict(request.proposed)
    elif decision == S_.MODIFIED:
        if modified_to is None:
            raise CourtError(_("Give the sentence as you modify it."))
        new = modified_to
    if new is not None and new != sentence.as_rules():
        _check_lighter(sentence, new, _age_band(verdict.case))
    request.status = decision
    request.decided = sentence_dict(new) if new is not None else {}
    request.decided_by = by
    request.decided_at = timezone.now()
    request.reasons = reasons
    label = S_(decision).label
    reason = _("Commutation %(decision)s: %(reasons)s") % {"decision": label, "reasons": reasons}
    with history_reason(reason, by):
        request.save()
    if new is not None and new != sentence.as_rules():
        verdict.version += 1
        with history_reason(reason, by):
            verdict.save(update_fields=["version"])
        _apply(sentence, new, source=SentenceChange.Source.COMMUTATION, reason=reason, by=by)
        sync_release_deadlines(sentence, by=by)
    for deadline in Deadline.objects.for_object(request).filter(kind__code=kinds.COMMUTATION):
        deadline_meet(deadline=deadline, by=by, reason=str(label))
    return request
