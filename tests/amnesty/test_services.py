"""Absences and what became of the absent, the window deadlines, applications, conditions and
the committee's decisions, through the services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases.amnesty import reference
from cases.amnesty.models import (
    AbsenceReport,
    Application,
    ApplicationCondition,
    Decision,
    Decree,
    DecreeCondition,
)
from cases.amnesty.selectors import decree_terms
from cases.amnesty.services import (
    AmnestyError,
    absence_change_status,
    application_decide,
    application_open,
    application_record_condition,
    application_start_review,
    decree_sync_window_deadlines,
)
from cases.casefiles.models import Case
from cases.casefiles.services import case_transition, screening_record
from cases.deadlines.models import Deadline
from cases.deadlines.services import deadline_sweep
from cases.legal.models import Offence
from cases.legal.services import charge_add, charge_record_facts
from tests.amnesty.conftest import baghdad, report_absence
from tests.amnesty.test_rules import D2015, LAW27
from tests.factories import UnitFactory, UserFactory, governorate, make_case

pytestmark = pytest.mark.django_db

WINDOW = "amnesty.window_close"
CONDITION = "amnesty.condition_due"


def window_deadline(absence) -> Deadline | None:
    return Deadline.objects.for_object(absence).filter(kind__code=WINDOW).first()


def returned(absence, at, by) -> AbsenceReport:
    return absence_change_status(
        absence=absence, to_status="returned", returned_at=at, by=by, reason="He came back"
    )


def screened(case, by) -> Case:
    screening_record(
        case=case,
        data={"wanted_match": "none", "risk_tier": "low", "outcome": "deserter_amnesty"},
        by=by,
    )
    case.refresh_from_db()
    return case


def offence(code: str) -> Offence:
    return Offence.objects.get(code=code)


# --- The seeds -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "table"),
    [
        ("deserters-2015", D2015),
        ("law-27-2016", LAW27),
    ],
)
def test_the_seeded_decrees_read_as_the_engines_table_reads_them(code, table):
    terms = decree_terms(Decree.objects.get(code=code))
    strip = lambda c: (c.kind, c.label, c.applies_to_flag, c.effective_from)  # noqa: E731
    assert [strip(c) for c in terms.conditions] == [strip(c) for c in table.conditions]
    assert [(e.category, e.flags, e.label) for e in terms.exclusions] == [
        (e.category, e.flags, e.label) for e in table.exclusions
    ]
    assert (terms.closes_on, terms.groups, terms.covered_categories) == (
        table.closes_on,
        table.groups,
        table.covered_categories,
    )


def test_the_seeds_are_marked_to_verify_with_their_sources(decree_2015, law_27):
    for decree in (decree_2015, law_27):
        assert decree.seeded and not decree.source_verified and decree.to_verify
        assert decree.source_text
        for part in [*decree.exclusions.all(), *decree.conditions.all()]:
            assert not part.source_verified and part.source_text
    amendment = law_27.conditions.get(kind="victim_waiver")
    assert amendment.effective_from == reference.AMENDMENT_2017_FROM
    assert "placeholder" in amendment.source_text


def test_the_seeds_come_back_after_a_flush_and_are_never_duplicated(decree_2015):
    from cases.amnesty.apps import _ensure_decrees

    decree_2015.title_en = "Edited by an administrator"
    decree_2015.save()
    _ensure_decrees(sender=None)
    assert Decree.objects.filter(code="deserters-2015").count() == 1
    assert Decree.objects.get(code="deserters-2015").title_en == "Edited by an administrator"


# --- Absences ------------------------------------------------------------------------------------


def test_an_absence_registers_the_man_with_his_service_number(officer):
    absence = report_absence(officer, service_number="IA-7-1234")
    assert absence.person.service_number == "IA-7-1234"
    assert absence.governorate == officer.unit.governorate
    assert absence.status == "absent" and absence.status_on == absence.absent_since
    assert absence.status_changes.get().to_status == "absent"


def test_a_known_service_number_is_the_same_man(officer):
    first = report_absence(officer, service_number="IA-7-1234")
    returned(first, timezone.now() - dt.timedelta(days=1), officer)
    again = report_absence(officer, service_number="IA-7-1234", absent_since=dt.date(2026, 1, 1))
    assert again.person == first.person


def test_a_man_already_away_is_not_reported_twice(officer):
    report_absence(officer, service_number="IA-7-1234")
    with pytest.raises(AmnestyError, match="already reported away"):
        report_absence(officer, service_number="IA-7-1234")
    assert AbsenceReport.objects.count() == 1


def test_an_absence_cannot_start_in_the_future(officer):
    with pytest.raises(ValidationError):
        report_absence(officer, absent_since=timezone.localdate() + dt.timedelta(days=1))


def test_the_window_deadline_opens_while_the_window_is_open(officer, decree_2015, in_window):
    absence = report_absence(officer)
    deadline = window_deadline(absence)
    assert deadline.status == "open"
    assert deadline.due_at == baghdad(2015, 5, 30, 23, 59, 59)
    assert deadline.responsible_unit == officer.unit
    assert sorted(deadline.rule.reminder_offsets) == [86400, 7 * 86400]
    assert deadline.object_label == absence.audit_label  # never his name


def test_no_window_deadline_once_the_window_has_closed(officer, decree_2015):
    absence = report_absence(officer)  # today: years after 30 May 2015
    assert window_deadline(absence) is None


def test_no_window_deadline_for_a_man_who_left_after_the_decision(officer, in_window):
    absence = report_absence(officer, absent_since=dt.date(2015, 5, 5))
    assert window_deadline(absence) is None


def test_his_return_meets_the_deadline_and_opens_the_case_of_his_return(
    officer, decree_2015, in_window, time_machine
):
    absence = report_absence(officer)
    time_machine.move_to(baghdad(2015, 5, 25, 9, 0), tick=False)
    absence = returned(absence, baghdad(2015, 5, 25, 8, 30), officer)
    deadline = window_deadline(absence)
    assert deadline.status == "met" and deadline.met_at == baghdad(2015, 5, 25, 8, 30)
    case = absence.case
    assert case.kind == Case.Kind.DESERTER_RETURN and case.person == absence.person
    assert case.receiving_unit == absence.unit
    assert not Deadline.objects.for_object(case).exists()  # no 24-hour judge deadline
    assert absence.status_on == dt.date(2015, 5, 25)


def test_a_return_after_the_window_is_recorded_as_met_late(
    officer, decree_2015, in_window, time_machine
):
    absence = report_absence(officer)
    time_machine.move_to(baghdad(2015, 5, 31, 0, 40), tick=False)
    deadline_sweep()
    assert window_deadline(absence).status == "missed"
    returned(absence, baghdad(2015, 5, 31, 0, 30), officer)
    deadline = window_deadline(absence)
    assert deadline.status == "missed" and deadline.met_at == baghdad(2015, 5, 31, 0, 30)


def test_emigration_keeps_the_window_open_and_death_closes_it(officer, decree_2015, in_window):
    absence = report_absence(officer)
    absence = absence_change_status(
        absence=absence,
        to_status="emigrated",
        on=dt.date(2015, 5, 15),
        emigrated_to="Germany",
        by=officer,
        reason="His family says he reached Germany",
    )
    assert absence.emigrated_to == "Germany"
    assert window_deadline(absence).status == "open"
    absence_change_status(
        absence=absence, to_status="deceased", on=dt.date(2015, 5, 18), by=officer, reason="x"
    )
    deadline = window_deadline(absence)
    assert deadline.status == "cancelled" and "Deceased" in deadline.close_reason


def test_prosecution_cancels_the_window_deadline(officer, decree_2015, in_window):
    absence = report_absence(officer)
    absence_change_status(
        absence=absence, to_status="prosecuted", on=dt.date(2015, 5, 19), by=officer, reason="x"
    )
    assert window_deadline(absence).status == "cancelled"


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"to_status": "absent", "on": dt.date(2016, 1, 1)}, AmnestyError),
        ({"to_status": "returned"}, ValidationError),
        ({"to_status": "prosecuted", "on": dt.date(2014, 1, 1)}, ValidationError),
        ({"to_status": "prosecuted", "on": dt.date(2099, 1, 1)}, ValidationError),
        ({"to_status": "prosecuted", "on": dt.date(2016, 1, 1), "reason": " "}, AmnestyError),
    ],
)
def test_what_the_absence_services_refuse(officer, kwargs, error):
    absence = report_absence(officer)
    with pytest.raises(error):
        absence_change_status(absence=absence, by=officer, **{"reason": "x", **kwargs})
    absence.refresh_from_db()
    assert absence.status == "absent"


def test_a_return_in_the_future_is_refused(officer):
    absence = report_absence(officer)
    with pytest.raises(ValidationError):
        returned(absence, timezone.now() + dt.timedelta(hours=2), officer)


def test_a_new_window_reaches_every_man_still_away(officer, outsider, decree_2015, in_window):
    Deadline.objects.all().delete()
    here, there = report_absence(officer), report_absence(outsider)
    Deadline.objects.all().delete()
    decree_2015.window_days = 20
    decree_2015.save()
    assert decree_sync_window_deadlines(decree=decree_2015, by=None) == 2
    for absence in (here, there):
        assert window_deadline(absence).due_at == baghdad(2015, 5, 20, 23, 59, 59)


# --- Applications and decisions ------------------------------------------------------------------


@pytest.fixture
def returned_in_window(officer, decree_2015, in_window, time_machine):
    """A soldier who fled in January 2015 and returned on 25 May 2015, screened."""
    absence = report_absence(officer)
    time_machine.move_to(baghdad(2015, 5, 26, 10, 0), tick=False)
    absence = returned(absence, baghdad(2015, 5, 25, 8, 30), officer)
    screened(absence.case, officer)
    return absence


def test_an_application_keeps_the_engines_explanation(returned_in_window, decree_2015, officer):
    application = application_open(decree=decree_2015, case=returned_in_window.case, by=officer)
    assert application.absence == returned_in_window
    assert application.engine_status == "eligible"
    assert {line["rule"] for line in application.engine_lines} >= {"acts", "window", "exclusions"}


def test_a_grant_amnesties_the_case_and_keeps_the_explanation(
    returned_in_window, decree_2015, officer, committee
):
    application = application_open(decree=decree_2015, case=returned_in_window.case, by=officer)
    application_start_review(application=application, by=committee)
    decision = application_decide(
        application=application, outcome="grant", reason="Returned in time", by=committee
    )
    application.refresh_from_db()
    case = application.case
    case.refresh_from_db()
    assert application.status == "granted" and case.status == "amnestied"
    assert case.status_changes.last().by == committee
    assert decision.engine_status == "eligible" and not decision.override
    assert decision.engine_lines == application.engine_lines


def test_a_grant_is_refused_while_the_case_cannot_follow(
    officer, decree_2015, in_window, committee
):
    absence = returned(report_absence(officer), baghdad(2015, 5, 20, 9, 0), officer)
    application = application_open(decree=decree_2015, case=absence.case, by=officer)
    with pytest.raises(AmnestyError, match="cannot follow the grant"):
        application_decide(application=application, outcome="grant", reason="x", by=committee)
    application.refresh_from_db()
    assert application.status == "applied" and not Decision.objects.exists()


def test_granting_one_found_not_eligible_needs_a_written_reason(
    officer, decree_2015, in_window, time_machine, committee
):
    absence = report_absence(officer)
    time_machine.move_to(baghdad(2015, 6, 2, 10, 0), tick=False)
    absence = returned(absence, baghdad(2015, 5, 31, 0, 30), officer)  # day 31
    screened(absence.case, officer)
    application = application_open(decree=decree_2015, case=absence.case, by=officer)
    assert application.engine_status == "not_eligible"
    with pytest.raises(AmnestyError, match="not eligible") as refused:
        application_decide(application=application, outcome="grant", reason="x", by=committee)
    assert "written reason" in str(refused.value)
    decision = application_decide(
        application=application,
        outcome="grant",
        reason="Returned on day 31",
        override_reason="He reached the gate at 23:50; the guard logged him after midnight.",
        by=committee,
    )
    assert decision.override and decision.engine_status == "not_eligible"
    application.case.refresh_from_db()
    assert application.case.status == "amnestied"


def test_refusing_one_found_eligible_needs_a_written_reason(
    returned_in_window, decree_2015, officer, committee
):
    application = application_open(decree=decree_2015, case=returned_in_window.case, by=officer)
    with pytest.raises(AmnestyError, match="eligible"):
        application_decide(application=application, outcome="refuse", reason="x", by=committee)
    decision = application_decide(
        application=application,
        outcome="refuse",
        reason="x",
        override_reason="He was seen with the armed group during his absence.",
        by=committee,
    )
    assert decision.override
    application.case.refresh_from_db()
    assert application.case.status == "screening"  # his proceedings go on


def accused_case(officer, *codes, status_path=("screening", "investigation")):
    case = make_case(by=officer)
    for code in codes:
        charge = charge_add(case=case, offence=offence(code), by=officer, reason="judge")
        charge_record_facts(
            charge=charge, flags=[], facts_established=True, by=officer, reason="established"
        )
    for status in status_path:
        case = case_transition(case=case, to_status=status, by=officer, reason="x")
    return case


def test_a_retrial_needs_its_ground_a_conviction_and_a_decree_that_provides_it(
    officer, committee, law_27, decree_2015
):
    case = accused_case(
        officer,
        "atl-4-2",
        status_path=("screening", "investigation", "referred_to_trial", "trial", "verdict"),
    )
    application = application_open(decree=law_27, case=case, by=officer)
    with pytest.raises(AmnestyError, match="coerced confession"):
        application_decide(application=application, outcome="retrial", reason="x", by=committee)
    decision = application_decide(
        application=application,
        outcome="retrial",
        reason="The confession was taken under torture (medical report).",
        retrial_ground="coerced_confession",
        by=committee,
    )
    assert decision.retrial_ground == "coerced_confession" and not decision.override
    other = application_open(decree=decree_2015, case=case, by=officer)
    with pytest.raises(AmnestyError, match="provides no retrial"):
        application_decide(
            application=other,
            outcome="retrial",
            reason="x",
            retrial_ground="secret_informant",
            by=committee,
        )


def test_a_charge_added_later_turns_an_open_application_not_eligible(officer, committee, law_27):
    case = accused_case(officer, "atl-4-2")
    application = application_open(decree=law_27, case=case, by=officer)
    assert application.engine_status == "eligible"
    charge_add(case=case, offence=offence("pc-393"), by=officer, reason="New evidence")
    application.refresh_from_db()
    assert application.engine_status == "not_eligible"
    with pytest.raises(AmnestyError, match="not eligible"):
        application_decide(application=application, outcome="grant", reason="x", by=committee)


def test_a_decided_application_keeps_the_answer_it_was_decided_on(officer, committee, law_27):
    case = accused_case(officer, "atl-4-2")
    application = application_open(decree=law_27, case=case, by=officer)
    application_decide(application=application, outcome="grant", reason="x", by=committee)
    case.refresh_from_db()
    charge_add(case=case, offence=offence("pc-393"), by=officer, reason="Later")
    application.refresh_from_db()
    assert application.engine_status == "eligible"
    assert application.decision.engine_status == "eligible"


def test_the_amendments_conditions_are_listed_and_followed_by_deadlines(officer, committee, law_27):
    case = accused_case(officer, "pc-439")  # theft: a complainant holds a private right
    application = application_open(decree=law_27, case=case, by=officer)
    states = {s.condition.kind: s for s in application.condition_states.select_related("condition")}
    assert set(states) == {"victim_waiver", "civil_claims"}
    assert application.engine_status == "needs_review"
    waiver = states["victim_waiver"].condition
    claims = states["civil_claims"].condition
    due = timezone.localdate() + dt.timedelta(days=30)
    application_record_condition(
        application=application, condition=waiver, state="pending", on=due, by=committee
    )
    deadline = Deadline.objects.for_object(application).get(kind__code=CONDITION)
    assert deadline.status == "open" and timezone.localdate(deadline.due_at) == due
    with pytest.raises(AmnestyError, match="still awaited"):
        application_decide(application=application, outcome="grant", reason="x", by=committee)
    today = timezone.localdate()
    for condition in (waiver, claims):
        application_record_condition(
            application=application, condition=condition, state="met", on=today, by=committee
        )
    deadline.refresh_from_db()
    application.refresh_from_db()
    assert deadline.status == "met"
    assert application.engine_status == "eligible"
    application_decide(application=application, outcome="grant", reason="Waived", by=committee)


def test_a_decision_closes_the_conditions_still_awaited(officer, committee, law_27):
    case = accused_case(officer, "pc-439")
    application = application_open(decree=law_27, case=case, by=officer)
    waiver = law_27.conditions.get(kind="victim_waiver")
    application_record_condition(
        application=application,
        condition=waiver,
        state="pending",
        on=timezone.localdate() + dt.timedelta(days=10),
        by=committee,
    )
    application_record_condition(
        application=application, condition=waiver, state="failed", by=committee, note="refused"
    )
    application_decide(application=application, outcome="refuse", reason="No waiver", by=committee)
    deadline = Deadline.objects.for_object(application).get(kind__code=CONDITION)
    assert deadline.status == "cancelled"


@pytest.mark.parametrize(
    ("condition_kind", "state", "on", "message"),
    [
        ("return_to_unit", "met", dt.date(2015, 5, 1), "recorded on his absence"),
        ("other decree", "met", dt.date(2015, 5, 1), "another decree"),
        ("victim_waiver", "met", None, "met"),
        ("victim_waiver", "met", dt.date(2099, 1, 1), "future"),
    ],
)
def test_what_recording_a_condition_refuses(
    officer, committee, law_27, decree_2015, condition_kind, state, on, message
):
    case = accused_case(officer, "pc-439")
    on_2015 = condition_kind == "return_to_unit"
    application = application_open(decree=decree_2015 if on_2015 else law_27, case=case, by=officer)
    if condition_kind == "other decree":
        condition = DecreeCondition.objects.get(decree=decree_2015)
    else:
        decree = decree_2015 if on_2015 else law_27
        condition = DecreeCondition.objects.get(decree=decree, kind=condition_kind)
    with pytest.raises((AmnestyError, ValidationError), match=message):
        application_record_condition(
            application=application, condition=condition, state=state, on=on, by=committee
        )


def test_a_second_open_application_under_one_decree_is_refused(officer, law_27):
    case = accused_case(officer, "atl-4-2")
    application_open(decree=law_27, case=case, by=officer)
    with pytest.raises(AmnestyError, match="already open"):
        application_open(decree=law_27, case=case, by=officer)


def test_an_application_cannot_take_another_mans_absence(officer, law_27):
    case = accused_case(officer, "atl-4-2")
    absence = report_absence(officer)
    with pytest.raises(AmnestyError, match="another person"):
        application_open(decree=law_27, case=case, absence=absence, by=officer)


def test_a_decision_needs_its_grounds_and_is_taken_once(officer, committee, law_27):
    case = accused_case(officer, "atl-4-2")
    application = application_open(decree=law_27, case=case, by=officer)
    with pytest.raises(AmnestyError, match="grounds"):
        application_decide(application=application, outcome="grant", reason=" ", by=committee)
    application_decide(application=application, outcome="grant", reason="x", by=committee)
    with pytest.raises(AmnestyError, match="already been decided"):
        application_decide(application=application, outcome="refuse", reason="x", by=committee)
    with pytest.raises(AmnestyError, match="new application"):
        application_start_review(application=application, by=committee)


def test_decisions_and_applications_appear_on_the_case_timeline(officer, committee, law_27):
    from cases.casefiles.selectors import case_timeline

    case = accused_case(officer, "atl-4-2")
    application = application_open(decree=law_27, case=case, by=officer)
    application_decide(application=application, outcome="grant", reason="x", by=committee)
    titles = [e.title for e in case_timeline(case, deadlines=[])]
    assert any(t.startswith("Amnesty application") for t in titles)
    assert any(t.startswith("Amnesty decision") for t in titles)
    assert any(t.startswith("Charge:") for t in titles)


def test_units_and_users_of_other_governorates_are_untouched(officer, law_27):
    # A decree is national: its window reaches the absences of every governorate.
    nineveh = UnitFactory(governorate=governorate("NIN"))
    UserFactory(unit=nineveh)
    assert Application.objects.count() == 0
    assert ApplicationCondition.objects.count() == 0


def test_the_unit_is_reminded_seven_days_and_one_day_before_the_window_closes(
    officer, colleague, decree_2015, in_window, time_machine, django_capture_on_commit_callbacks
):
    from cases.deadlines.models import Notification

    absence = report_absence(officer, given_name="سعد")
    time_machine.move_to(baghdad(2015, 5, 23, 23, 59, 59), tick=False)  # 7 days before
    with django_capture_on_commit_callbacks(execute=True):
        deadline_sweep()
    time_machine.move_to(baghdad(2015, 5, 29, 23, 59, 59), tick=False)  # 1 day before
    with django_capture_on_commit_callbacks(execute=True):
        deadline_sweep()
    for user in (officer, colleague):  # the unit's members who work with deadlines
        notes = Notification.objects.filter(user=user).order_by("created_at")
        assert [n.title.split(":")[0] for n in notes] == ["Due in 7 days", "Due in 1 day"]
        assert all(absence.audit_label in n.title and "سعد" not in n.body for n in notes)
