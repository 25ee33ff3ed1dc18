"""Services of the case file: intake, numbering, the pipeline, screening, weapons, custody,
edits with optimistic locking, and the deadlines they open."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connections
from django.utils import timezone

from cases.casefiles.deadline_kinds import DETENTION_CAP, JUDGE_24H, ORDER_END
from cases.casefiles.models import Case, CaseStatusChange, WeaponCustodyEntry
from cases.casefiles.services import (
    CaseError,
    ConflictError,
    case_number_next,
    case_record_presentation,
    case_transition,
    case_update,
    detention_order_add,
    screening_record,
    weapon_add,
    weapon_custody_add,
)
from cases.deadlines.models import Deadline
from cases.security.history import history_for
from tests.factories import UnitFactory, governorate, make_case

pytestmark = pytest.mark.django_db
S = Case.Status


@pytest.fixture
def court(db):
    return UnitFactory(kind="investigating_court", governorate=governorate("ANB"), name_en="Court")


def deadlines(case, kind):
    return Deadline.objects.for_object(case).filter(kind__code=kind)


def test_intake_numbers_the_case_and_opens_the_24_hour_deadline(officer):
    with time_machine.travel("2017-03-10 08:00Z", tick=False):
        case = make_case(by=officer, intake={"at": timezone.now() - dt.timedelta(hours=1)})
    assert case.number == "ANB-2017-00001"
    assert case.status == S.SURRENDERED
    assert case.intake.receiving_officer == officer
    deadline = deadlines(case, JUDGE_24H).get()
    assert deadline.due_at == case.intake.at + dt.timedelta(hours=24)
    assert deadline.responsible_user == officer
    assert CaseStatusChange.objects.filter(case=case, to_status=S.SURRENDERED).exists()


def test_numbers_run_per_governorate_and_year(officer, outsider):
    assert make_case(by=officer).number.endswith("-00001")
    assert make_case(by=officer).number.endswith("-00002")
    assert make_case(by=outsider).number.startswith("NIN-")
    assert make_case(by=outsider).number.endswith("-00002")


def test_an_arrest_starts_arrested_and_a_deserter_has_no_24_hour_deadline(officer):
    assert make_case(by=officer, kind="arrest").status == S.ARRESTED
    deserter = make_case(by=officer, kind="deserter_return")
    assert not deadlines(deserter, JUDGE_24H).exists()


@pytest.mark.django_db(transaction=True)
def test_two_intakes_at_once_never_get_the_same_number():
    anbar = governorate("ANB")
    barrier = threading.Barrier(8)
    numbers, errors = [], []

    def take():
        try:
            barrier.wait()
            from django.db import transaction

            with transaction.atomic():
                numbers.append(case_number_next(governorate=anbar, year=2017))
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(numbers) == [f"ANB-2017-{i:05d}" for i in range(1, 9)]


@pytest.mark.parametrize(
    ("born", "joined", "band", "juvenile"),
    [
        (dt.date(1999, 5, 1), dt.date(2014, 6, 1), "juvenile_15_18", True),
        (dt.date(2001, 1, 1), dt.date(2014, 6, 1), "juvenile_9_15", True),
        (dt.date(1995, 1, 1), dt.date(2014, 6, 1), "young_18_20", False),
        (dt.date(1980, 1, 1), dt.date(2014, 6, 1), "adult", False),
    ],
)
def test_juvenile_status_is_computed_from_the_age_at_the_acts(
    officer, born, joined, band, juvenile
):
    case = make_case(
        by=officer,
        person_data={"given_name_ar": "علي", "date_of_birth": born},
        intake={"affiliated_from": joined},
    )
    assert case.intake.age_band == band
    assert case.intake.is_juvenile is juvenile


def test_an_estimated_birth_year_is_enough_to_compute_the_band(officer):
    case = make_case(
        by=officer,
        person_data={"given_name_ar": "علي", "birth_year_estimated": 1998},
        intake={"affiliated_from": dt.date(2014, 6, 1)},
    )
    assert case.intake.age_at_acts == 15 and case.intake.is_juvenile


def test_intake_in_the_future_or_without_a_name_is_refused(officer):
    with pytest.raises(ValidationError):
        make_case(by=officer, intake={"at": timezone.now() + dt.timedelta(days=1)})
    with pytest.raises(ValidationError):
        make_case(by=officer, person_data={"given_name_ar": ""})
    assert not Case.objects.exists()


def test_allowed_and_refused_transitions(officer):
    case = make_case(by=officer)
    with pytest.raises(CaseError, match="reason"):
        case_transition(case=case, to_status=S.SCREENING, by=officer, reason="")
    with pytest.raises(CaseError, match="Allowed next: Screening"):
        case_transition(case=case, to_status=S.TRIAL, by=officer, reason="skip")
    case = case_transition(case=case, to_status=S.SCREENING, by=officer, reason="interviewed")
    assert case.status == S.SCREENING and case.version == 2
    change = case.status_changes.last()
    assert (change.from_status, change.to_status, change.by, change.reason) == (
        S.SURRENDERED,
        S.SCREENING,
        officer,
        "interviewed",
    )


def test_screening_moves_a_new_case_to_screening(officer):
    case = make_case(by=officer)
    screening_record(
        case=case,
        data={"wanted_match": "none", "risk_tier": "low", "outcome": "investigate"},
        by=officer,
    )
    case.refresh_from_db()
    assert case.status == S.SCREENING
    assert case.screening.interviewing_officer == officer


def test_presentation_meets_the_24_hour_deadline(officer, court):
    case = make_case(by=officer)
    case_record_presentation(case=case, at=timezone.now(), court=court, by=officer)
    assert deadlines(case, JUDGE_24H).get().status == Deadline.Status.MET
    with pytest.raises(CaseError, match="before the intake"):
        case_record_presentation(
            case=case, at=case.intake.at - dt.timedelta(hours=1), court=court, by=officer
        )


def test_weapons_keep_an_unbroken_chain_of_custody(officer):
    case = make_case(by=officer)
    weapon = weapon_add(
        case=case,
        data={
            "kind": "rifle",
            "serial_number": "AK-5633821",
            "condition": "working",
            "storage_location": "Ramadi station armoury",
        },
        by=officer,
    )
    weapon_custody_add(
        weapon=weapon,
        to_holder="7th Division armourer",
        location="Divisional armoury",
        note="transfer",
        by=officer,
    )
    chain = list(WeaponCustodyEntry.objects.filter(weapon=weapon))
    assert len(chain) == 2
    assert chain[1].from_holder == chain[0].to_holder
    weapon.refresh_from_db()
    assert weapon.storage_location == "Divisional armoury"


def _order(start: dt.date, days: int, court, **extra):
    return {
        "court": court,
        "judge_name": "Judge Sabah",
        "starts_on": start,
        "ends_on": start + dt.timedelta(days=days - 1),
        **extra,
    }


def test_detention_orders_respect_the_limits_and_open_deadlines(officer, court):
    case = make_case(by=officer)
    start = timezone.localdate()
    with pytest.raises(ValidationError) as excinfo:
        detention_order_add(case=case, data=_order(start, 16, court), by=officer)
    assert "at most 15 days" in str(excinfo.value)
    first = detention_order_add(case=case, data=_order(start, 15, court), by=officer)
    second = detention_order_add(
        case=case, data=_order(start + dt.timedelta(days=15), 10, court), by=officer
    )
    ends = {d.event_key: d.status for d in deadlines(case, ORDER_END)}
    assert ends == {f"order-{first.pk}": "met", f"order-{second.pk}": "open"}
    cap = deadlines(case, DETENTION_CAP).get()
    assert timezone.localtime(cap.due_at).date() == start + dt.timedelta(days=179)


def test_the_cap_deadline_follows_the_penalty_of_the_charges(officer, court):
    case = make_case(by=officer)
    Case.objects.filter(pk=case.pk).update(max_penalty_months=6)
    case.refresh_from_db()
    start = timezone.localdate()
    detention_order_add(case=case, data=_order(start, 15, court), by=officer)
    cap = deadlines(case, DETENTION_CAP).get()
    assert timezone.localtime(cap.due_at).date() == start + dt.timedelta(days=44)


def test_release_cancels_the_detention_deadlines(officer, court):
    case = make_case(by=officer)
    detention_order_add(case=case, data=_order(timezone.localdate(), 15, court), by=officer)
    case = case_transition(case=case, to_status=S.SCREENING, by=officer, reason="screened")
    case_transition(case=case, to_status=S.RELEASED, by=officer, reason="no evidence")
    statuses = set(
        Deadline.objects.for_object(case)
        .filter(kind__code__in=[ORDER_END, DETENTION_CAP])
        .values_list("status", flat=True)
    )
    assert statuses == {"cancelled"}


def test_a_detention_order_after_trial_is_refused(officer, court):
    case = make_case(by=officer)
    Case.objects.filter(pk=case.pk).update(status=S.VERDICT)
    with pytest.raises(CaseError):
        detention_order_add(case=case, data=_order(timezone.localdate(), 5, court), by=officer)


def _edit(case, version, by, **changes):
    intake = {"place": changes.pop("place", case.intake.place)}
    return case_update(
        case=case,
        version=version,
        case_data=changes.pop("case_data", {}),
        intake_data=intake,
        person_data=changes.pop("person", {}),
        by=by,
        reason=changes.pop("reason", ""),
    )


def test_the_second_of_two_concurrent_edits_is_refused_and_nothing_is_overwritten(
    officer, colleague
):
    case = make_case(by=officer)
    seen_by_both = case.version
    _edit(case, seen_by_both, officer, place="Ramadi, north gate")
    with pytest.raises(ConflictError) as excinfo:
        _edit(case, seen_by_both, colleague, place="Fallujah")
    assert excinfo.value.current.version == seen_by_both + 1
    case.refresh_from_db()
    assert case.intake.place == "Ramadi, north gate"


def test_changing_how_he_came_in_needs_a_reason_and_is_in_the_history(officer, supervisor):
    case = make_case(by=officer)
    with pytest.raises(CaseError, match="commutation"):
        _edit(case, case.version, supervisor, case_data={"kind": "arrest"})
    _edit(
        case,
        case.version,
        supervisor,
        case_data={"kind": "arrest"},
        reason="the station log shows an arrest at a checkpoint",
    )
    last = history_for(case)[-1]
    assert last["reason"] == "the station log shows an arrest at a checkpoint"
    assert last["user"] == supervisor


def test_the_person_gets_name_keys_in_both_scripts_at_intake(officer):
    case = make_case(by=officer)
    keys = set(case.person.name_keys)
    assert keys, "the candidate search needs keys"
    from cases.people.names import skeleton

    assert any(skeleton("محمد") in key for key in keys)
