"""The courts' services: hearings without double-booking, verdicts per charge with the sentence
and its dates, optimistic locking, finality, cassation, and commutation decided by a judge."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases.casefiles.services import detention_order_add
from cases.courts import deadline_kinds as kinds
from cases.courts.models import (
    CommutationRequest,
    CommutationRule,
    Hearing,
    Sentence,
    SentenceChange,
    SentenceRuleSet,
)
from cases.courts.rules import Penalty, Term
from cases.courts.rules import Sentence as RSentence
from cases.courts.services import (
    ConflictError,
    CourtError,
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
from cases.deadlines.models import Deadline
from tests.courts.conftest import convict, make_trial_case, today

pytestmark = pytest.mark.django_db


def record(case, judge, findings=None, version=0, **kwargs):
    return verdict_record(
        case=case,
        version=version,
        court=judge.unit,
        findings=findings if findings is not None else convict(case),
        decided_on=kwargs.pop("decided_on", today()),
        by=judge,
        **kwargs,
    )


def later(days=0, hours=10):
    base = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return base + dt.timedelta(days=days, hours=hours)


# --- Rule sets ----------------------------------------------------------------------------------


def test_the_rule_sets_are_seeded_unverified_with_their_sources(db):
    rule_set = SentenceRuleSet.objects.get()
    assert (rule_set.life_years, rule_set.max_total_years, rule_set.appeal_days) == (20, 25, 30)
    assert not rule_set.source_verified and "Art. 331" in rule_set.legal_source
    codes = set(CommutationRule.objects.values_list("code", flat=True))
    assert codes == {"age", "atl5-exempt", "atl5-mitigate", "voluntary-surrender"}
    assert not CommutationRule.objects.filter(source_verified=True).exists()


# --- Hearings -----------------------------------------------------------------------------------


def test_a_hearing_reminds_the_judge_and_the_officer(trial_case, felony_judge, officer):
    hearing = hearing_schedule(
        case=trial_case,
        court=felony_judge.unit,
        judge=felony_judge,
        scheduled_at=later(10),
        kind="trial",
        by=felony_judge,
    )
    deadlines = Deadline.objects.for_object(hearing).filter(kind__code=kinds.HEARING)
    assert {d.responsible_user for d in deadlines} == {felony_judge, officer}
    assert {d.due_at for d in deadlines} == {hearing.scheduled_at}


def test_scheduling_refuses_a_judge_or_a_courtroom_already_taken(
    trial_case, felony_judge, second_judge, officer
):
    court = felony_judge.unit
    hearing_schedule(
        case=trial_case, court=court, judge=felony_judge, scheduled_at=later(3), kind="trial",
        by=felony_judge,
    )  # fmt: skip
    other = make_trial_case(officer)
    with pytest.raises(CourtError, match="judge already sits"):
        hearing_schedule(
            case=other, court=court, judge=felony_judge, scheduled_at=later(3, 10.5),
            courtroom="2", kind="trial", by=felony_judge,
        )  # fmt: skip
    with pytest.raises(CourtError, match="Courtroom 1 is taken"):
        hearing_schedule(
            case=other, court=court, judge=second_judge, scheduled_at=later(3, 10.5),
            kind="trial", by=second_judge,
        )  # fmt: skip
    # Another room, another judge; or the same judge once the first hearing is over.
    hearing_schedule(
        case=other, court=court, judge=second_judge, scheduled_at=later(3, 10.5), courtroom="2",
        kind="trial", by=second_judge,
    )  # fmt: skip
    hearing_schedule(
        case=other, court=court, judge=felony_judge, scheduled_at=later(3, 11), kind="trial",
        by=felony_judge,
    )  # fmt: skip


def test_the_presiding_judge_must_be_of_the_court(trial_case, felony_judge, other_court_judge):
    with pytest.raises(CourtError, match="must be a judge of"):
        hearing_schedule(
            case=trial_case, court=felony_judge.unit, judge=other_court_judge,
            scheduled_at=later(2), kind="trial", by=felony_judge,
        )  # fmt: skip


def test_an_adjournment_puts_the_next_hearing_on_the_docket(trial_case, felony_judge):
    hearing = hearing_schedule(
        case=trial_case, court=felony_judge.unit, judge=felony_judge, scheduled_at=later(1),
        kind="trial", by=felony_judge,
    )  # fmt: skip
    with pytest.raises(ValidationError):
        hearing_record_outcome(hearing=hearing, version=1, outcome="adjourned", by=felony_judge)
    hearing = hearing_record_outcome(
        hearing=hearing, version=1, outcome="adjourned", defence_present=False,
        next_at=later(15), notes="Defence counsel absent", by=felony_judge,
    )  # fmt: skip
    assert hearing.next_hearing.scheduled_at == later(15)
    assert hearing.next_hearing.judge == felony_judge
    statuses = set(Deadline.objects.for_object(hearing).values_list("status", flat=True))
    assert statuses == {Deadline.Status.MET}
    with pytest.raises(CourtError, match="Someone else"):
        hearing_record_outcome(hearing=hearing, version=1, outcome="held", by=felony_judge)


def test_only_a_judge_of_the_court_records_a_hearing(trial_case, felony_judge, officer):
    hearing = hearing_schedule(
        case=trial_case, court=felony_judge.unit, judge=felony_judge, scheduled_at=later(1),
        kind="trial", by=felony_judge,
    )  # fmt: skip
    with pytest.raises(CourtError, match="Only a judge"):
        hearing_record_outcome(hearing=hearing, version=1, outcome="held", by=officer)
    assert Hearing.objects.get(pk=hearing.pk).outcome == "scheduled"


# --- Verdicts and sentences ---------------------------------------------------------------------


def test_a_verdict_records_the_sentence_and_its_dates_with_detention_credited(
    trial_case, felony_judge, officer, prison_unit
):
    detention_order_add(
        case=trial_case,
        data={
            "court": felony_judge.unit,
            "judge_name": "Judge",
            "starts_on": today() - dt.timedelta(days=20),
            "ends_on": today() - dt.timedelta(days=6),
        },
        by=officer,
    )
    verdict = record(trial_case, felony_judge, convict(trial_case, years=10))
    sentence = verdict.sentence
    assert (sentence.penalty, sentence.years, sentence.credited_days) == ("temporary", 10, 15)
    days = (today().replace(year=today().year + 10) - today()).days
    assert sentence.total_days == days
    assert sentence.release_on == today() + dt.timedelta(days=days - 15)
    assert sentence.conditional_release_on == today() + dt.timedelta(days=-(-3 * days // 4) - 15)
    trial_case.refresh_from_db()
    assert trial_case.status == "verdict"
    assert verdict.appeal_until == today() + dt.timedelta(days=30)
    assert not verdict.automatic_cassation
    release = Deadline.objects.for_object(sentence).get(kind__code=kinds.RELEASE)
    assert release.responsible_unit == prison_unit
    assert Deadline.objects.for_object(verdict).filter(kind__code=kinds.APPEAL).exists()


def test_sentences_of_several_charges_are_capped_at_25_years(officer, felony_judge):
    case = make_trial_case(officer, codes=("atl-4-1", "atl-4-2"))
    verdict = record(case, felony_judge, convict(case, years=15))
    sentence = verdict.sentence
    assert sentence.capped
    assert (sentence.penalty, sentence.years, sentence.months, sentence.days) == (
        "temporary", 25, 0, 0,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("dob", "penalty", "message"),
    [
        (dt.date(1995, 1, 1), "death", "Art. 79"),  # 19 at the acts (June 2014)
        (dt.date(1998, 1, 1), "life", "No life imprisonment for a juvenile"),
        (dt.date(1998, 1, 1), "death", "No death sentence for a juvenile"),
    ],
)
def test_the_age_rules_are_enforced_with_clear_errors(officer, felony_judge, dob, penalty, message):
    case = make_trial_case(officer, dob=dob)
    with pytest.raises(ValidationError) as error:
        record(case, felony_judge, convict(case, penalty=penalty, years=0))
    assert message in str(error.value)
    case.refresh_from_db()
    assert case.status == "trial" and not case.verdicts.exists()


def test_every_active_charge_needs_a_finding(officer, felony_judge):
    case = make_trial_case(officer, codes=("atl-4-1", "atl-4-2"))
    with pytest.raises(ValidationError, match="one finding on each active charge"):
        record(case, felony_judge, convict(case)[:1])


def test_only_a_judge_of_the_court_records_the_verdict(
    trial_case, felony_judge, other_court_judge, officer
):
    for user in (other_court_judge, officer):
        with pytest.raises(CourtError, match="Only a judge"):
            verdict_record(
                case=trial_case, version=0, court=felony_judge.unit,
                findings=convict(trial_case), decided_on=today(), by=user,
            )  # fmt: skip
    assert not trial_case.verdicts.exists()


def test_two_judges_recording_at_once_cannot_lose_each_others_work(
    trial_case, felony_judge, second_judge
):
    # Both opened the verdict form on the case with no verdict (version 0).
    first = record(trial_case, felony_judge, convict(trial_case, years=10))
    with pytest.raises(ConflictError, match="Another judge saved") as error:
        record(trial_case, second_judge, convict(trial_case, years=12))
    assert error.value.current == first
    sentence = Sentence.objects.get(verdict=first)
    assert sentence.years == 10  # the first judge's work stands
    # Having seen it, the second judge corrects it from version 1, with a reason.
    corrected = record(
        trial_case, second_judge, convict(trial_case, years=12), version=1, reasons="Typo"
    )
    assert corrected.version == 2
    sentence.refresh_from_db()
    assert sentence.years == 12
    change = SentenceChange.objects.get(sentence=sentence)
    assert (change.source, change.before["years"], change.after["years"]) == ("verdict", 10, 12)


def test_an_acquittal_records_no_sentence(trial_case, felony_judge):
    charge = trial_case.charges.get()
    verdict = record(trial_case, felony_judge, [Finding(charge=charge, finding="acquitted")])
    assert not Sentence.objects.filter(verdict=verdict).exists()


# --- Finality and cassation ---------------------------------------------------------------------


def test_a_verdict_not_appealed_becomes_final_when_the_period_passes(
    trial_case, felony_judge, time_machine
):
    verdict = record(trial_case, felony_judge)
    with pytest.raises(CourtError, match="appeal period runs until"):
        verdict_make_final(verdict=verdict, by=felony_judge)
    time_machine.move_to(timezone.now() + dt.timedelta(days=31))
    verdict_make_final(verdict=verdict, by=felony_judge)
    trial_case.refresh_from_db()
    assert trial_case.status == "serving"
    moves = list(trial_case.status_changes.values_list("to_status", flat=True))
    assert moves[-3:] == ["verdict", "final", "serving"]


def test_a_death_sentence_goes_to_cassation_and_a_reduction_keeps_the_history(
    trial_case, felony_judge, cassation_judge
):
    verdict = record(trial_case, felony_judge, convict(trial_case, penalty="death", years=0))
    assert verdict.automatic_cassation
    auto = Deadline.objects.for_object(verdict).get(kind__code=kinds.AUTO_CASSATION)
    assert auto.due_at.date() == today() + dt.timedelta(days=10)
    with pytest.raises(CourtError, match="Court of Cassation reviews"):
        verdict_make_final(verdict=verdict, by=felony_judge)
    review = cassation_file(verdict=verdict, automatic=True, by=felony_judge)
    trial_case.refresh_from_db()
    assert trial_case.status == "cassation"
    auto.refresh_from_db()
    assert auto.status == Deadline.Status.MET
    with pytest.raises(CourtError, match="Only a judge of the Court of Cassation"):
        cassation_decide(
            review=review, version=1, outcome="reduced", reasons="x", by=felony_judge,
            reduced_to=RSentence(Penalty.LIFE),
        )  # fmt: skip
    cassation_decide(
        review=review, version=1, outcome="reduced", reasons="Coercion established",
        by=cassation_judge, reduced_to=RSentence(Penalty.LIFE),
    )  # fmt: skip
    sentence = Sentence.objects.get(verdict=verdict)
    assert sentence.penalty == "life" and sentence.release_on is not None
    change = sentence.changes.get()
    assert (change.source, change.before["penalty"], change.after["penalty"]) == (
        "cassation", "death", "life",
    )  # fmt: skip
    trial_case.refresh_from_db()
    assert trial_case.status == "serving"


def test_cassation_ordering_a_retrial_sends_the_case_back_to_trial(
    trial_case, felony_judge, cassation_judge
):
    verdict = record(trial_case, felony_judge)
    review = cassation_file(verdict=verdict, grounds="Confession coerced", by=felony_judge)
    cassation_decide(
        review=review, version=1, outcome="retrial", reasons="Coerced", by=cassation_judge
    )
    trial_case.refresh_from_db()
    verdict.refresh_from_db()
    assert trial_case.status == "trial" and verdict.superseded_at is not None
    assert not Deadline.objects.filter(
        kind__code=kinds.RELEASE, status=Deadline.Status.OPEN
    ).exists()
    # The new trial ends in a new verdict (version 0: none current).
    assert record(trial_case, felony_judge).pk != verdict.pk


def test_an_appeal_after_its_period_is_refused(trial_case, felony_judge, time_machine):
    verdict = record(trial_case, felony_judge)
    time_machine.move_to(timezone.now() + dt.timedelta(days=31))
    with pytest.raises(CourtError, match="appeal period ended"):
        cassation_file(verdict=verdict, by=felony_judge)


# --- Commutation --------------------------------------------------------------------------------


def test_the_calculator_proposes_and_the_judge_accepts(trial_case, felony_judge, officer):
    verdict = record(trial_case, felony_judge, convict(trial_case, years=15))
    sentence = verdict.sentence
    request = commutation_request(sentence=sentence, by=officer)
    assert request.proposed["years"] == 10  # a third off for his voluntary surrender
    lines = {line["rule"]: line for line in request.lines}
    assert lines["voluntary-surrender"]["applies"]
    assert "surrender recorded at intake" in lines["voluntary-surrender"]["explanation"]
    assert not lines["atl5-mitigate"]["applies"]
    assert Deadline.objects.for_object(request).get().status == Deadline.Status.OPEN
    assert Sentence.objects.get(pk=sentence.pk).years == 15  # never automatic
    old_release = sentence.release_on
    with pytest.raises(CourtError, match="reasons"):
        commutation_decide(
            request=request, version=1, decision="accepted", reasons=" ", by=felony_judge
        )
    commutation_decide(
        request=request, version=1, decision="accepted", reasons="Surrendered", by=felony_judge
    )
    sentence.refresh_from_db()
    assert (sentence.years, sentence.release_on < old_release) == (10, True)
    change = sentence.changes.get()
    assert change.source == "commutation" and change.before["years"] == 15
    release = Deadline.objects.for_object(sentence).get(kind__code=kinds.RELEASE)
    assert release.due_at.date() == sentence.release_on
    assert Deadline.objects.for_object(request).get().status == Deadline.Status.MET


def test_arrest_forfeits_the_ground_of_voluntary_surrender(officer, felony_judge):
    case = make_trial_case(officer, kind="arrest")
    verdict = record(case, felony_judge, convict(case, years=15))
    request = commutation_request(sentence=verdict.sentence, by=officer)
    lines = {line["rule"]: line for line in request.lines}
    assert "forfeits" in lines["voluntary-surrender"]["explanation"]
    assert request.proposed == request.original


def test_information_that_led_to_arrests_is_a_fact_the_judge_records(officer, felony_judge):
    case = make_trial_case(officer, kind="arrest")
    case.intake.cooperation_given = True
    case.intake.save()
    verdict = record(case, felony_judge, convict(case, penalty="death", years=0))
    request = commutation_request(
        sentence=verdict.sentence, by=felony_judge, information_led_to_arrests=True
    )
    # Arrested: he did not inform before his own arrest, so Art. 5 mitigation does not apply.
    assert request.proposed["penalty"] == "death"
    assert request.facts["arrested"] and request.facts["information_led_to_arrests"]


def test_a_judge_may_reject_or_modify_but_not_make_it_heavier(trial_case, felony_judge, officer):
    verdict = record(trial_case, felony_judge, convict(trial_case, years=15))
    request = commutation_request(sentence=verdict.sentence, by=officer)
    with pytest.raises(CourtError, match="not lighter"):
        commutation_decide(
            request=request, version=1, decision="modified", reasons="x", by=felony_judge,
            modified_to=RSentence(Penalty.LIFE),
        )  # fmt: skip
    commutation_decide(
        request=request, version=1, decision="modified", reasons="Partly", by=felony_judge,
        modified_to=RSentence(Penalty.TEMPORARY, Term(12)),
    )  # fmt: skip
    assert Sentence.objects.get(verdict=verdict).years == 12
    second = commutation_request(sentence=verdict.sentence, by=officer)
    commutation_decide(
        request=second, version=2, decision="rejected", reasons="Enough", by=felony_judge
    )
    assert Sentence.objects.get(verdict=verdict).years == 12
    assert CommutationRequest.objects.get(pk=second.pk).status == "rejected"


def test_a_decision_on_a_sentence_changed_since_is_refused(
    trial_case, felony_judge, second_judge, officer
):
    verdict = record(trial_case, felony_judge, convict(trial_case, years=15))
    request = commutation_request(sentence=verdict.sentence, by=officer)
    other = CommutationRequest.objects.get(pk=request.pk)
    commutation_decide(
        request=request, version=1, decision="accepted", reasons="Yes", by=felony_judge
    )
    with pytest.raises(CourtError):
        commutation_decide(
            request=other, version=1, decision="rejected", reasons="No", by=second_judge
        )
    assert Sentence.objects.get(verdict=verdict).years == 10


def test_only_a_judge_of_the_court_decides_on_commutation(
    trial_case, felony_judge, other_court_judge, officer
):
    verdict = record(trial_case, felony_judge)
    request = commutation_request(sentence=verdict.sentence, by=officer)
    for user in (officer, other_court_judge):
        with pytest.raises(CourtError, match="Only a judge"):
            commutation_decide(
                request=request, version=1, decision="accepted", reasons="x", by=user
            )
