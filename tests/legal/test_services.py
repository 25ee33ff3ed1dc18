"""Charges added and withdrawn with reasons, and the case's heaviest penalty that follows."""

from __future__ import annotations

import pytest
from django.utils import timezone

from cases.casefiles.models import Case
from cases.casefiles.selectors import case_timeline
from cases.legal.models import Charge, Offence
from cases.legal.services import (
    ChargeError,
    charge_add,
    charge_record_facts,
    charge_withdraw,
)
from cases.legal.signals import charges_changed
from cases.security.history import history_for
from tests.factories import make_case

pytestmark = pytest.mark.django_db


def offence(code: str) -> Offence:
    return Offence.objects.get(code=code)


def test_a_charge_sets_the_heaviest_penalty_of_the_case(officer):
    case = make_case(by=officer)
    assert case.max_penalty_months is None
    charge = charge_add(case=case, offence=offence("atl-4-2"), by=officer, reason="Judge's order")
    case.refresh_from_db()
    assert case.max_penalty_months == 240
    assert charge.added_by == officer and charge.added_reason == "Judge's order"
    assert charge.acts_from == case.intake.affiliated_from  # from the intake when not given


def test_the_heaviest_of_several_active_charges_counts(officer):
    case = make_case(by=officer)
    temporary = Offence.objects.create(
        code="t-1",
        law_en="Test law",
        law_ar="قانون",
        article="1",
        title_en="t",
        title_ar="ت",
        category="other",
        penalty_max="temporary",
        penalty_max_months=120,
        legal_source="test",
    )
    charge_add(case=case, offence=temporary, by=officer)
    heavy = charge_add(case=case, offence=offence("atl-4-1"), by=officer)
    case.refresh_from_db()
    assert case.max_penalty_months == 240
    charge_withdraw(charge=heavy, by=officer, reason="Dropped by the investigating judge")
    case.refresh_from_db()
    assert case.max_penalty_months == 120


def test_a_charge_whose_penalty_is_unknown_leaves_it_unknown(officer):
    case = make_case(by=officer)
    charge_add(case=case, offence=offence("mpc-33"), by=officer)
    case.refresh_from_db()
    assert case.max_penalty_months is None


def test_withdrawing_needs_a_reason_and_happens_once(officer):
    case = make_case(by=officer)
    charge = charge_add(case=case, offence=offence("atl-4-2"), by=officer)
    with pytest.raises(ChargeError):
        charge_withdraw(charge=charge, by=officer, reason=" ")
    charge_withdraw(charge=charge, by=officer, reason="Added in error")
    charge.refresh_from_db()
    assert charge.status == "withdrawn" and charge.withdrawn_by == officer
    assert charge.withdrawn_at is not None
    with pytest.raises(ChargeError, match="already withdrawn"):
        charge_withdraw(charge=charge, by=officer, reason="again")
    case.refresh_from_db()
    assert case.max_penalty_months is None
    reasons = [event["reason"] for event in history_for(charge)]
    assert "Added in error" in reasons


def test_a_closed_case_takes_no_charge_and_unused_offences_are_refused(officer):
    case = make_case(by=officer)
    Case.objects.filter(pk=case.pk).update(status=Case.Status.CLOSED)
    with pytest.raises(ChargeError, match="closed"):
        charge_add(case=case, offence=offence("atl-4-2"), by=officer)
    open_case = make_case(by=officer)
    unused = offence("pc-156")
    unused.is_active = False
    unused.save()
    with pytest.raises(ChargeError, match="no longer in use"):
        charge_add(case=open_case, offence=unused, by=officer)


def test_acts_cannot_be_dated_in_the_future(officer):
    case = make_case(by=officer)
    with pytest.raises(ChargeError):
        charge_add(
            case=case,
            offence=offence("atl-4-2"),
            by=officer,
            acts_from=timezone.localdate().replace(year=timezone.localdate().year + 1),
        )


def test_facts_are_recorded_with_a_reason(officer):
    case = make_case(by=officer)
    charge = charge_add(case=case, offence=offence("atl-4-1"), by=officer)
    with pytest.raises(ChargeError):
        charge_record_facts(
            charge=charge,
            flags=["death_or_disability"],
            facts_established=True,
            by=officer,
            reason="",
        )
    charge_record_facts(
        charge=charge,
        flags=["death_or_disability"],
        facts_established=True,
        by=officer,
        reason="Forensic report",
    )
    charge.refresh_from_db()
    assert charge.facts_established and charge.all_flags == {"death_or_disability"}


def test_every_change_tells_the_apps_above(officer):
    seen = []

    def receiver(sender, case, by, **kwargs):
        seen.append((case.pk, by))

    charges_changed.connect(receiver)
    try:
        case = make_case(by=officer)
        charge = charge_add(case=case, offence=offence("atl-4-2"), by=officer)
        charge_record_facts(charge=charge, flags=[], facts_established=True, by=officer, reason="x")
        charge_withdraw(charge=charge, by=officer, reason="x")
    finally:
        charges_changed.disconnect(receiver)
    assert seen == [(case.pk, officer)] * 3


def test_charges_appear_on_the_case_timeline(officer):
    case = make_case(by=officer)
    charge = charge_add(case=case, offence=offence("atl-4-2"), by=officer, reason="Order 12")
    charge_withdraw(charge=charge, by=officer, reason="Dropped")
    events = [(e.title, e.detail) for e in case_timeline(case, deadlines=[]) if e.kind == "charge"]
    assert ("Charge withdrawn: Anti-Terrorism Law 13/2005 Art. 4/2", "Dropped") in events
    assert ("Charge: Anti-Terrorism Law 13/2005 Art. 4/2", "Order 12") in events
    assert Charge.objects.filter(case=case).count() == 1
