"""Lifecycles of the tribal track through its services: what each records (who, when, why),
what it refuses, and the deadlines it opens and closes."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases.casefiles.models import Case, CaseStatusChange
from cases.casefiles.selectors import case_timeline
from cases.deadlines.models import Deadline
from cases.security.history import history_for
from cases.tribal import deadline_kinds as kinds
from cases.tribal import services
from cases.tribal.models import (
    Clearance,
    Disavowal,
    FollowUpVisit,
    PanelSitting,
    Petition,
    ReturnHome,
    Settlement,
)
from cases.tribal.services import TribalError
from tests.factories import make_case
from tests.tribal.builders import (
    days,
    granted_clearance,
    make_disavowal,
    make_guarantee,
    make_petition,
    make_settlement,
    make_sheikh,
    make_sitting,
    released_case,
    returned_case,
    tribe,
    walk,
)

pytestmark = pytest.mark.django_db


def deadlines_of(record, kind):
    return Deadline.objects.for_object(record).filter(kind__code=kind).order_by("pk")


# --- Family and disavowals -----------------------------------------------------------------------


def test_a_family_link_is_recorded_once_either_way_round_and_removed_with_a_reason(officer):
    him, brother = make_case(by=officer).person, make_case(by=officer).person
    link = services.family_link_add(person=him, relative=brother, relation="sibling", by=officer)
    with pytest.raises(TribalError, match="already linked"):
        services.family_link_add(person=brother, relative=him, relation="sibling", by=officer)
    with pytest.raises(TribalError, match="himself"):
        services.family_link_add(person=him, relative=him, relation="sibling", by=officer)
    with pytest.raises(TribalError, match="reason"):
        services.family_link_remove(link=link, by=officer, reason=" ")
    services.family_link_remove(link=link, by=officer, reason="Not his brother: same names")
    link.refresh_from_db()
    assert link.removed_by == officer and link.removed_at
    # Removed, the pair may be linked again (rightly, this time).
    services.family_link_add(person=him, relative=brother, relation="cousin", by=officer)


def test_a_disavowal_is_filed_upheld_then_withdrawn_with_who_and_why(officer, case):
    disavowal = make_disavowal(case, officer)
    assert disavowal.status == Disavowal.Status.FILED
    services.disavowal_decide(
        disavowal=disavowal, to_status="upheld", on=days(-100), by=officer, reason="Sheikh confirms"
    )
    disavowal = services.disavowal_decide(
        disavowal=disavowal, to_status="withdrawn", on=days(-1), by=officer, reason="Taken back"
    )
    assert (disavowal.status, disavowal.decided_by, disavowal.decision_reason) == (
        "withdrawn",
        officer,
        "Taken back",
    )
    history = history_for(disavowal)
    assert history[-1]["reason"] == "Taken back" and history[-1]["user"] == officer
    with pytest.raises(TribalError, match="cannot become"):
        services.disavowal_decide(
            disavowal=disavowal, to_status="upheld", on=days(0), by=officer, reason="again"
        )


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"filed_by": "family", "filer_name": ""}, "filer_name"),
        ({"filed_by": "tribe", "tribe": None}, "tribe"),
        ({"filed_on": dt.date(2999, 1, 1)}, "filed_on"),
    ],
)
def test_a_disavowal_without_what_it_needs_is_refused(officer, case, data, field):
    with pytest.raises(ValidationError) as error:
        make_disavowal(case, officer, **data)
    assert field in error.value.error_dict
    assert not Disavowal.objects.exists()


def test_a_disavowal_decision_needs_a_reason_and_a_date_after_the_filing(officer, case):
    disavowal = make_disavowal(case, officer)
    with pytest.raises(TribalError, match="reason"):
        services.disavowal_decide(
            disavowal=disavowal, to_status="upheld", on=days(0), by=officer, reason=""
        )
    with pytest.raises(TribalError, match="between"):
        services.disavowal_decide(
            disavowal=disavowal, to_status="upheld", on=days(-400), by=officer, reason="x"
        )


# --- Guarantees ----------------------------------------------------------------------------------


def test_a_guarantee_opens_its_reporting_dates_one_after_another(officer, case):
    guarantee = make_guarantee(case, officer)
    first = deadlines_of(guarantee, kinds.GUARANTEE_REPORT).get()
    assert guarantee.next_report_due == days(30)
    assert timezone.localdate(first.due_at) == days(30)
    assert first.object_label == f"{case.number} · KF-{guarantee.pk}"
    with time_machine.travel(timezone.now() + dt.timedelta(days=31)):
        report = services.guarantee_record_report(
            guarantee=guarantee, reported_on=days(0), by=officer, note="on time"
        )
        assert report.due_on == days(-1)
    first.refresh_from_db()
    assert first.met_at is not None
    guarantee.refresh_from_db()
    assert guarantee.next_report_due == days(60)
    assert deadlines_of(guarantee, kinds.GUARANTEE_REPORT).filter(status="open").count() == 1


def test_reporting_very_late_skips_the_dates_already_past(officer, case):
    guarantee = make_guarantee(case, officer, reporting_every_days=10)
    with time_machine.travel(timezone.now() + dt.timedelta(days=35)):
        services.guarantee_record_report(guarantee=guarantee, reported_on=days(0), by=officer)
        guarantee.refresh_from_db()
        assert guarantee.next_report_due == days(5)  # day 40 of the guarantee


def test_a_guarantee_without_reporting_opens_no_deadline(officer, case):
    guarantee = make_guarantee(case, officer, reporting_every_days=None, reporting_unit=None)
    assert guarantee.next_report_due is None
    assert not deadlines_of(guarantee, kinds.GUARANTEE_REPORT).exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"guarantor_kind": "sheikh", "sheikh": None}, "sheikh"),
        ({"guarantor_kind": "family", "guarantor_name": ""}, "guarantor_name"),
        ({"reporting_unit": None}, "reporting_unit"),
        ({"ends_on": dt.date(2000, 1, 1)}, "ends_on"),
    ],
)
def test_a_guarantee_without_what_it_needs_is_refused(officer, case, data, field):
    with pytest.raises(ValidationError) as error:
        make_guarantee(case, officer, **data)
    assert field in error.value.error_dict


def test_a_sheikhs_guarantee_is_revoked_only_after_a_breach_and_its_deadline_cancelled(
    officer, case
):
    sheikh = make_sheikh(officer)
    guarantee = make_guarantee(case, officer, guarantor_kind="sheikh", sheikh=sheikh)
    assert guarantee.guarantor == str(sheikh)
    with pytest.raises(TribalError, match="breach first"):
        services.guarantee_end(
            guarantee=guarantee, to_status="revoked", on=days(0), by=officer, reason="left"
        )
    services.guarantee_record_breach(
        guarantee=guarantee,
        data={
            "kind": "left_residence",
            "occurred_on": days(0),
            "description": "Found in Baghdad",
        },
        by=officer,
    )
    guarantee = services.guarantee_end(
        guarantee=guarantee, to_status="revoked", on=days(0), by=officer, reason="Left Ramadi"
    )
    assert (guarantee.status, guarantee.ended_by, guarantee.next_report_due) == (
        "revoked",
        officer,
        None,
    )
    assert deadlines_of(guarantee, kinds.GUARANTEE_REPORT).get().status == "cancelled"
    with pytest.raises(TribalError, match="no longer in force"):
        services.guarantee_record_report(guarantee=guarantee, reported_on=days(0), by=officer)
    with pytest.raises(TribalError, match="already ended"):
        services.guarantee_end(
            guarantee=guarantee, to_status="completed", on=days(0), by=officer, reason="x"
        )


def test_a_guarantee_for_a_closed_case_is_refused(officer):
    case = walk(released_case(officer), "closed", by=officer)
    with pytest.raises(TribalError, match="closed"):
        make_guarantee(case, officer)


# --- Settlements ---------------------------------------------------------------------------------


def test_a_settlement_is_fulfilled_only_with_the_waiver_and_the_payment(officer, case):
    settlement = make_settlement(case, officer, victim_tribe=tribe("albu-nimr"))
    with pytest.raises(TribalError, match="agreed"):
        services.settlement_record_waiver(
            settlement=settlement, given_on=days(0), document="W-1", by=officer
        )
    services.settlement_move(
        settlement=settlement, to_status="agreed", on=days(0), by=officer, reason="Agreed"
    )
    with pytest.raises(TribalError, match=r"waiver.*payment"):
        services.settlement_move(
            settlement=settlement, to_status="fulfilled", on=days(0), by=officer, reason="x"
        )
    services.settlement_record_waiver(
        settlement=settlement, given_on=days(0), document="Hit court 2017/52", by=officer
    )
    with pytest.raises(TribalError, match="payment"):
        services.settlement_move(
            settlement=settlement, to_status="fulfilled", on=days(0), by=officer, reason="x"
        )
    services.settlement_record_payment(settlement=settlement, paid_on=days(0), by=officer)
    settlement = services.settlement_move(
        settlement=settlement, to_status="fulfilled", on=days(0), by=officer, reason="Paid"
    )
    assert settlement.status == Settlement.Status.FULFILLED
    assert settlement.status_changed_by == officer
    with pytest.raises(TribalError, match="cannot become"):
        services.settlement_move(
            settlement=settlement, to_status="failed", on=days(0), by=officer, reason="x"
        )


def test_a_settlement_without_compensation_takes_no_payment(officer, case):
    settlement = make_settlement(case, officer, compensation_amount=None, waiver_needed=False)
    services.settlement_move(
        settlement=settlement, to_status="agreed", on=days(0), by=officer, reason="Agreed"
    )
    with pytest.raises(TribalError, match="no compensation"):
        services.settlement_record_payment(settlement=settlement, paid_on=days(0), by=officer)
    services.settlement_move(
        settlement=settlement, to_status="fulfilled", on=days(0), by=officer, reason="Apology"
    )


# --- Panels, sittings, petitions -----------------------------------------------------------------


def test_a_panel_seats_one_chair_and_sheikhs_of_its_governorate(officer, outsider, panel):
    services.panel_member_add(
        panel=panel,
        data={"kind": "military", "role": "chair", "name": "Brig. Salah", "since": days(-1)},
        by=officer,
    )
    with pytest.raises(ValidationError) as error:
        services.panel_member_add(
            panel=panel,
            data={"kind": "military", "role": "chair", "name": "Col. Ali", "since": days(-1)},
            by=officer,
        )
    assert "role" in error.value.error_dict
    nineveh_sheikh = make_sheikh(outsider, tribe=tribe("shammar"))
    with pytest.raises(ValidationError) as error:
        services.panel_member_add(
            panel=panel,
            data={"kind": "tribal", "role": "member", "sheikh": nineveh_sheikh, "since": days(-1)},
            by=officer,
        )
    assert "sheikh" in error.value.error_dict
    member = services.panel_member_add(
        panel=panel,
        data={
            "kind": "tribal",
            "role": "member",
            "sheikh": make_sheikh(officer),
            "since": days(-1),
        },
        by=officer,
    )
    assert member.name == "الشيخ فرحان الفهداوي"
    services.panel_member_leave(member=member, on=days(0), by=officer, reason="Moved to Baghdad")
    with pytest.raises(TribalError, match="already left"):
        services.panel_member_leave(member=member, on=days(0), by=officer, reason="again")


def test_a_petition_is_listed_heard_and_decided_with_its_effect_on_the_case(officer, case, panel):
    sitting = make_sitting(panel, officer)
    deadline = deadlines_of(sitting, kinds.PANEL_SITTING).get()
    assert deadline.due_at == sitting.scheduled_at
    petition = make_petition(case, panel, officer)
    with pytest.raises(TribalError, match="listed"):
        services.petition_decide(
            petition=petition, recommendation="forgive", reasons="x", by=officer
        )
    services.petition_list(petition=petition, sitting=sitting, by=officer)
    with pytest.raises(TribalError, match="held"):
        services.petition_decide(
            petition=petition, recommendation="forgive", reasons="x", by=officer
        )
    chair = services.panel_member_add(
        panel=panel,
        data={"kind": "military", "role": "chair", "name": "Brig. Salah", "since": days(-1)},
        by=officer,
    )
    held_at = timezone.now() - dt.timedelta(hours=1)
    services.sitting_record_held(
        sitting=sitting, held_at=held_at, members_present=[chair], minutes="Heard", by=officer
    )
    deadline.refresh_from_db()
    assert deadline.status == Deadline.Status.MET
    with pytest.raises(TribalError, match="not forgiven"):
        services.petition_decide(
            petition=petition, recommendation="reject", reasons="x", to_court=True, by=officer
        )
    petition = services.petition_decide(
        petition=petition,
        recommendation="forgive",
        reasons="Coerced and gave information",
        evidence_for_commutation=True,
        to_committee=True,
        by=officer,
    )
    assert petition.status == Petition.Status.DECIDED
    assert petition.decided_at == held_at and petition.decided_by == officer
    assert [str(e) for e in petition.effects] == [
        "evidence for commutation of his sentence",
        "recommendation to the amnesty committee",
    ]
    with pytest.raises(TribalError, match="no longer be withdrawn"):
        services.petition_withdraw(petition=petition, by=officer, reason="x")


def test_a_petition_to_a_panel_of_another_governorate_is_refused(officer, outsider):
    from tests.tribal.builders import make_panel

    nineveh_panel = make_panel(outsider, name="Mosul panel")
    with pytest.raises(ValidationError) as error:
        make_petition(make_case(by=officer), nineveh_panel, officer)
    assert "panel" in error.value.error_dict


def test_a_coerced_petition_says_how(officer, case, panel):
    with pytest.raises(ValidationError) as error:
        make_petition(case, panel, officer, coercion_details="")
    assert "coercion_details" in error.value.error_dict


def test_a_postponed_sitting_takes_its_petitions_to_the_new_one(officer, case, panel):
    sitting = make_sitting(panel, officer)
    petition = make_petition(case, panel, officer)
    services.petition_list(petition=petition, sitting=sitting, by=officer)
    with pytest.raises(TribalError, match="later"):
        services.sitting_call_off(
            sitting=sitting, by=officer, reason="x", new_scheduled_at=sitting.scheduled_at
        )
    new = services.sitting_call_off(
        sitting=sitting,
        by=officer,
        reason="Road closed",
        new_scheduled_at=sitting.scheduled_at + dt.timedelta(days=7),
    )
    sitting.refresh_from_db()
    petition.refresh_from_db()
    assert sitting.status == PanelSitting.Status.POSTPONED
    assert (petition.sitting, petition.status) == (new, Petition.Status.LISTED)
    assert deadlines_of(sitting, kinds.PANEL_SITTING).get().status == "cancelled"
    assert deadlines_of(new, kinds.PANEL_SITTING).get().status == "open"


def test_a_cancelled_sitting_returns_its_petitions_to_waiting(officer, case, panel):
    sitting = make_sitting(panel, officer)
    petition = make_petition(case, panel, officer)
    services.petition_list(petition=petition, sitting=sitting, by=officer)
    assert services.sitting_call_off(sitting=sitting, by=officer, reason="Security") is None
    petition.refresh_from_db()
    assert (petition.sitting, petition.status) == (None, Petition.Status.FILED)
    with pytest.raises(TribalError, match="scheduled"):
        services.sitting_record_held(
            sitting=sitting, held_at=timezone.now(), members_present=[], minutes="", by=officer
        )


# --- Clearance, return home, follow-up, closing --------------------------------------------------


def test_a_clearance_is_requested_once_at_a_time_and_decided_with_who_and_why(officer, case):
    clearance = services.clearance_request(
        case=case, requested_on=days(-3), requested_from="NSS Anbar", note="", by=officer
    )
    with pytest.raises(TribalError, match="pending"):
        services.clearance_request(
            case=case, requested_on=days(0), requested_from="NSS", note="", by=officer
        )
    with pytest.raises(TribalError, match="authority"):
        services.clearance_decide(
            clearance=clearance,
            granted=False,
            decided_on=days(0),
            authority="",
            reason="x",
            by=officer,
        )
    clearance = services.clearance_decide(
        clearance=clearance,
        granted=False,
        decided_on=days(0),
        authority="NSS Anbar, Col. Adnan",
        reason="Named in a later investigation",
        by=officer,
    )
    assert clearance.status == Clearance.Status.DENIED
    assert clearance.decision_recorded_by == officer
    with pytest.raises(TribalError, match="already been decided"):
        services.clearance_decide(
            clearance=clearance,
            granted=True,
            decided_on=days(0),
            authority="NSS",
            reason="x",
            by=officer,
        )


def test_going_home_needs_release_and_a_clearance_granted(officer, case):
    clearance = granted_clearance(case, officer)
    data = {"returned_on": days(-1), "governorate": case.governorate, "locality": "Ramadi"}
    with pytest.raises(TribalError, match="released"):
        services.return_record(case=case, clearance=clearance, data=data, by=officer)
    released = released_case(officer)
    with pytest.raises(ValidationError) as error:
        services.return_record(case=released, clearance=clearance, data=data, by=officer)
    assert "clearance" in error.value.error_dict


def test_going_home_moves_the_case_to_reintegration_and_plans_a_visit(officer, colleague):
    case = released_case(officer)
    clearance = granted_clearance(case, officer)
    with pytest.raises(ValidationError) as error:
        services.return_record(
            case=case,
            clearance=clearance,
            data={"returned_on": days(-16), "governorate": case.governorate, "locality": "x"},
            by=officer,
        )
    assert "returned_on" in error.value.error_dict  # before the clearance
    home = services.return_record(
        case=case,
        clearance=clearance,
        case_worker=colleague,
        data={
            "returned_on": days(-5),
            "governorate": case.governorate,
            "locality": "al-Andalus quarter",
            "visit_every_days": 14,
        },
        by=officer,
    )
    case.refresh_from_db()
    assert case.status == Case.Status.REINTEGRATION
    move = CaseStatusChange.objects.filter(case=case).last()
    assert (move.to_status, move.by, move.reason) == ("reintegration", officer, "Returned home")
    visit = FollowUpVisit.objects.get(case=case)
    assert (visit.due_on, visit.case_worker) == (days(9), colleague)
    deadline = deadlines_of(visit, kinds.FOLLOW_UP_VISIT).get()
    assert deadline.responsible_user == colleague
    with pytest.raises(TribalError, match="already recorded"):
        services.return_record(case=case, clearance=clearance, data={}, by=officer)
    assert home.recorded_by == officer


def test_a_visit_is_recorded_and_the_next_one_planned(officer):
    case = returned_case(officer)
    visit = case.follow_up_visits.get()
    with pytest.raises(ValidationError) as error:
        services.visit_record(
            visit=visit, visited_on=days(0), outcome="threat", notes="", by=officer
        )
    assert "notes" in error.value.error_dict
    services.visit_record(
        visit=visit,
        visited_on=days(0),
        outcome="difficulties",
        notes="No identity card yet",
        next_due_on=days(30),
        by=officer,
    )
    visit.refresh_from_db()
    assert (visit.status, visit.recorded_by) == (FollowUpVisit.Status.DONE, officer)
    assert deadlines_of(visit, kinds.FOLLOW_UP_VISIT).get().status == Deadline.Status.MET
    planned = case.follow_up_visits.get(status=FollowUpVisit.Status.PLANNED)
    assert planned.due_on == days(30)
    assert deadlines_of(planned, kinds.FOLLOW_UP_VISIT).get().status == Deadline.Status.OPEN
    with pytest.raises(TribalError, match="no longer planned"):
        services.visit_record(
            visit=visit, visited_on=days(0), outcome="settled", notes="", by=officer
        )
    services.visit_cancel(visit=planned, by=officer, reason="He moved to Baghdad with leave")
    assert deadlines_of(planned, kinds.FOLLOW_UP_VISIT).get().status == "cancelled"


def test_a_visit_is_planned_only_after_the_return_and_for_a_worker_of_the_governorate(
    officer, outsider
):
    with pytest.raises(TribalError, match="reintegration"):
        services.visit_plan(
            case=released_case(officer), due_on=days(5), case_worker=officer, by=officer
        )
    case = returned_case(officer)
    with pytest.raises(ValidationError) as error:
        services.visit_plan(case=case, due_on=days(5), case_worker=outsider, by=officer)
    assert "case_worker" in error.value.error_dict
    with pytest.raises(ValidationError):
        services.visit_plan(case=case, due_on=days(-30), case_worker=officer, by=officer)


def test_the_case_closes_only_when_reintegration_is_complete(officer):
    case = returned_case(officer)
    guarantee = make_guarantee(case, officer)
    measure = services.protection_start(
        case=case,
        data={"kind": "patrol", "protected": "His parents", "starts_on": days(-10)},
        by=officer,
    )
    with pytest.raises(TribalError) as error:
        services.reintegration_complete(case=case, by=officer, reason="Settled")
    message = str(error.value)
    for part in ("No follow-up visit", "still planned", "protection", "guarantee"):
        assert part in message
    services.visit_record(
        visit=case.follow_up_visits.get(),
        visited_on=days(0),
        outcome="settled",
        notes="",
        by=officer,
    )
    services.protection_end(measure=measure, on=days(0), by=officer, reason="Threat passed")
    services.guarantee_end(
        guarantee=guarantee, to_status="completed", on=days(0), by=officer, reason="Kept"
    )
    with pytest.raises(TribalError, match="reason"):
        services.reintegration_complete(case=case, by=officer, reason="")
    case = services.reintegration_complete(
        case=case, by=officer, reason="Working, settled, family safe"
    )
    assert case.status == Case.Status.CLOSED
    move = CaseStatusChange.objects.filter(case=case).last()
    assert (move.from_status, move.to_status, move.by, move.reason) == (
        "reintegration",
        "closed",
        officer,
        "Working, settled, family safe",
    )


def test_a_case_not_in_reintegration_does_not_close_here(officer):
    with pytest.raises(TribalError, match="not in reintegration"):
        services.reintegration_complete(case=released_case(officer), by=officer, reason="x")


def test_a_protection_measure_ends_once_with_a_reason(officer, case):
    measure = services.protection_start(
        case=case,
        data={"kind": "guard", "protected": "His sisters", "starts_on": days(-3)},
        by=officer,
    )
    with pytest.raises(TribalError, match="between"):
        services.protection_end(measure=measure, on=days(-5), by=officer, reason="x")
    services.protection_end(measure=measure, on=days(0), by=officer, reason="Moved")
    with pytest.raises(TribalError, match="already ended"):
        services.protection_end(measure=measure, on=days(0), by=officer, reason="x")


# --- The case timeline ---------------------------------------------------------------------------


def test_the_tribal_track_appears_on_the_case_timeline(officer):
    case = returned_case(officer)
    make_disavowal(case, officer)
    titles = [e.title for e in case_timeline(case, deadlines=[])]
    assert any("Disavowal" in t for t in titles)
    assert "Returned home" in titles
    assert any("Security clearance" in t for t in titles)
    assert ReturnHome.objects.filter(case=case).exists()


def test_a_case_without_a_tribal_track_costs_one_query_on_the_timeline(
    officer, case, django_assert_num_queries
):
    from cases.tribal.selectors import tribal_events_of_case

    with django_assert_num_queries(1):
        assert tribal_events_of_case(case) == []


def test_sheikh_changes_need_a_reason_and_stay_in_his_history(officer):
    sheikh = make_sheikh(officer)
    with pytest.raises(TribalError):
        services.sheikh_update(sheikh=sheikh, data={"is_active": False}, by=officer, reason="")
    services.sheikh_update(
        sheikh=sheikh, data={"is_active": False}, by=officer, reason="Killed in 2016"
    )
    assert history_for(sheikh)[-1]["reason"] == "Killed in 2016"


def test_the_victims_waiver_for_the_amnesty_committee(officer, case):
    from cases.tribal.selectors import victim_waiver_for_case

    assert victim_waiver_for_case(case).needed is False
    settlement = make_settlement(case, officer)
    assert (victim_waiver_for_case(case).needed, victim_waiver_for_case(case).given) == (
        True,
        False,
    )
    services.settlement_move(
        settlement=settlement, to_status="agreed", on=days(0), by=officer, reason="Agreed"
    )
    services.settlement_record_waiver(
        settlement=settlement, given_on=days(0), document="W-1", by=officer
    )
    assert victim_waiver_for_case(case).given is True


def test_merging_person_records_moves_his_family_links_and_disavowals(officer, supervisor):
    from cases.people.services import person_merge
    from cases.tribal.models import FamilyLink

    him, twin = make_case(by=officer).person, make_case(by=officer).person
    brother = make_case(by=officer).person
    link = services.family_link_add(person=brother, relative=twin, relation="sibling", by=officer)
    disavowal = make_disavowal(Case.objects.get(person=twin), officer)
    person_merge(keep=him, merge=twin, by=supervisor, reason="Same man")
    assert FamilyLink.objects.get(pk=link.pk).relative == him
    disavowal.refresh_from_db()
    assert disavowal.person == him
