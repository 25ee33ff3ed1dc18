"""Demo of the courts: Anbar's demo cases at trial before the Anbar felony court ("judge.felony"),
and an investigation hearing before the investigating judge ("judge").

- a trial hearing next week on the docket;
- a trial held and adjourned, with its next hearing;
- a verdict of ten years on a voluntary surrender, with the calculator's proposal waiting;
- a verdict of twelve years whose commutation the judge accepted (the previous sentence kept);
- a verdict forty days old, not appealed, recorded final: serving his sentence, with his
  conditional-release and release dates before the prison administration;
- a death sentence referred to the Court of Cassation by law (decided, reduced to life, when a
  demo judge of the Court of Cassation exists).

Everything goes through the services. Idempotent: once a demo verdict exists nothing is added.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from cases.casefiles.models import Case
from cases.demo.cases_data import DEMO_PREFIX
from cases.legal.models import Charge, Offence
from cases.legal.services import charge_add

from .models import Hearing, Verdict
from .rules import JUVENILE_BANDS, Penalty
from .rules import Sentence as RSentence
from .services import (
    Finding,
    cassation_decide,
    cassation_file,
    commutation_decide,
    commutation_request,
    hearing_record_outcome,
    hearing_schedule,
    verdict_make_final,
    verdict_record,
)

S = Case.Status
MARK = "Demo: court record"


def _at(days: int, hour: int) -> dt.datetime:
    base = timezone.localtime().replace(hour=hour, minute=0, second=0, microsecond=0)
    return base + dt.timedelta(days=days)


def _charged(case: Case, by) -> list[Charge]:
    charges = list(Charge.objects.filter(case=case, status=Charge.Status.ACTIVE))
    if not charges:
        offence = Offence.objects.get(code="atl-4-2")
        charges = [charge_add(case=case, offence=offence, by=by, reason=MARK)]
    return charges


def _verdict(case, judge, *, penalty, years, decided_on, by):
    findings = [
        Finding(charge=c, finding="convicted", penalty=penalty, years=years)
        for c in _charged(case, by)
    ]
    return verdict_record(
        case=case,
        version=0,
        court=judge.unit,
        findings=findings,
        decided_on=decided_on,
        reasons=MARK,
        by=judge,
    )


def seed(*, units, users) -> int:
    """Load the courts' demo once; returns how many verdicts were recorded."""
    demo_cases = Case.objects.filter(
        governorate__code="ANB", person__national_id__startswith=DEMO_PREFIX
    )
    if Verdict.objects.filter(case__in=demo_cases).exists():
        return 0
    judge = users.get("judge.felony")
    if judge is None:
        return 0
    officer = users.get("investigator") or users["officer"]
    at_trial = list(
        demo_cases.filter(status__in=[S.TRIAL, S.REFERRED_TO_TRIAL]).order_by("number")[:6]
    )
    today = timezone.localdate()
    slot = iter(range(9, 17))

    def hearing(case, days, kind="trial", by_judge=judge):
        return hearing_schedule(
            case=case,
            court=by_judge.unit,
            judge=by_judge,
            scheduled_at=_at(days, next(slot)),
            kind=kind,
            by=by_judge,
            notes=MARK,
        )

    created = 0
    plans = ["docket", "adjourned", "pending", "accepted", "final", "death"]
    for case, plan in zip(at_trial, plans, strict=False):
        if plan == "docket":
            hearing(case, 7)
            continue
        held = hearing(case, -45 if plan == "final" else -3)
        if plan == "adjourned":
            hearing_record_outcome(
                hearing=held,
                version=held.version,
                outcome=Hearing.Outcome.ADJOURNED,
                defence_present=False,
                next_at=_at(14, 10),
                notes="Demo: defence counsel absent; adjourned",
                by=judge,
            )
            continue
        hearing_record_outcome(
            hearing=held,
            version=held.version,
            outcome=Hearing.Outcome.HELD,
            defence_present=True,
            notes=MARK,
            by=judge,
        )
        decided_on = today - dt.timedelta(days=40 if plan == "final" else 2)
        penalty, years = {
            "pending": ("temporary", 10),
            "accepted": ("temporary", 12),
            "final": ("imprisonment", 4),
            "death": ("death", 0),
        }[plan]
        band = getattr(getattr(case, "intake", None), "age_band", "adult")
        if penalty == "death" and band == "young_18_20":
            penalty = "life"
        elif penalty == "death" and band in JUVENILE_BANDS:
            penalty, years = "juvenile", 10
        verdict = _verdict(
            case, judge, penalty=penalty, years=years, decided_on=decided_on, by=judge
        )
        created += 1
        if plan in ("pending", "accepted"):
            request = commutation_request(sentence=verdict.sentence, by=officer, note=MARK)
            if plan == "accepted":
                commutation_decide(
                    request=request,
                    version=verdict.version,
                    decision="accepted",
                    reasons="Demo: surrendered of his own will; the proposal is fair",
                    by=judge,
                )
        elif plan == "final":
            verdict_make_final(verdict=verdict, by=judge)
        elif plan == "death":
            review = cassation_file(verdict=verdict, automatic=True, by=judge, grounds=MARK)
            cassation_judge = users.get("judge.cassation")
            if cassation_judge is not None:
                cassation_decide(
                    review=review,
                    version=verdict.version,
                    outcome="reduced",
                    reasons="Demo: aged 19 at the acts on a second reading of the record",
                    reduced_to=RSentence(Penalty.LIFE),
                    by=cassation_judge,
                )
    investigation = demo_cases.filter(status=S.INVESTIGATION).order_by("number").first()
    investigating_judge = users.get("judge")
    if investigation is not None and investigating_judge is not None:
        hearing(investigation, 1, kind="investigation", by_judge=investigating_judge)
    return created
