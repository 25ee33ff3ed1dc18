"""The referral's lifecycle, transfers, the link to the surrender, and the reveal."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from cases.audit.models import AccessLogEntry
from cases.deadlines.models import Deadline, Notification
from cases.referrals import deadline_kinds as kinds
from cases.referrals.models import Referral, ReferralTransfer
from cases.referrals.services import (
    ReferralError,
    referral_follow_up,
    referral_link_subject,
    referral_record_surrender,
    referral_transfer_decide,
    referral_transfer_request,
    referral_transition,
    source_may_reveal,
    source_reveal,
)
from tests.factories import UnitFactory, UserFactory, governorate, make_case
from tests.referrals.conftest import SOURCE, make_referral

pytestmark = pytest.mark.django_db
S = Referral.Status


def deadlines(referral, kind):
    return Deadline.objects.for_object(referral).filter(kind__code=kind)


def test_receiving_numbers_seals_and_opens_the_72_hour_deadline(officer):
    referral = make_referral(by=officer)
    assert referral.number.startswith("REF-ANB-")
    assert referral.source_code.startswith("SRC-") and len(referral.source_code) == 9
    assert Referral.objects.get(pk=referral.pk).source_name == SOURCE["source_name"]
    deadline = deadlines(referral, kinds.CONTACT_72H).get()
    assert deadline.due_at == referral.received_at + dt.timedelta(hours=72)


def test_a_critical_referral_goes_to_the_supervisors_at_once(officer, supervisor):
    referral = make_referral(by=officer, source_risk="critical")
    note = Notification.objects.get(user=supervisor)
    assert referral.number in note.title and note.is_escalation
    assert SOURCE["source_name"] not in note.title + note.body


def test_the_lifecycle_with_who_when_why(officer):
    referral = make_referral(by=officer)
    with pytest.raises(ReferralError, match="note"):
        referral_transition(referral=referral, to_status=S.ASSESSING, by=officer, note="")
    with pytest.raises(ReferralError):
        referral_transition(referral=referral, to_status=S.SURRENDERED, by=officer, note="x")
    referral_transition(referral=referral, to_status=S.ASSESSING, by=officer, note="checking")
    referral = referral_transition(
        referral=referral, to_status=S.CONTACT, by=officer, note="spoke to the father by phone"
    )
    assert deadlines(referral, kinds.CONTACT_72H).get().status == "met"
    assert deadlines(referral, kinds.FOLLOW_UP).get().status == "open"
    steps = list(referral.steps.values_list("to_status", flat=True))
    assert steps == [S.RECEIVED, S.ASSESSING, S.CONTACT]
    referral_follow_up(referral=referral, by=officer, note="he is still in al-Qaim")
    follow_ups = deadlines(referral, kinds.FOLLOW_UP)
    assert sorted(follow_ups.values_list("status", flat=True)) == ["met", "open"]


def test_closing_needs_a_reason_and_stops_the_deadlines(officer):
    referral = make_referral(by=officer)
    with pytest.raises(ReferralError, match="why"):
        referral_transition(referral=referral, to_status=S.CLOSED, by=officer, note="x")
    referral_transition(
        referral=referral,
        to_status=S.CLOSED,
        by=officer,
        note="killed in a strike",
        close_reason="killed",
    )
    assert set(Deadline.objects.for_object(referral).values_list("status", flat=True)) == {
        "cancelled"
    }
    with pytest.raises(ReferralError):
        referral_follow_up(referral=referral, by=officer, note="too late")


def test_a_transfer_is_accepted_by_the_receiving_unit(officer, outsider):
    referral = make_referral(by=officer)
    mosul = outsider.unit
    transfer = referral_transfer_request(
        referral=referral, to_unit=mosul, by=officer, reason="he is held near Mosul"
    )
    with pytest.raises(ReferralError, match="already waiting"):
        referral_transfer_request(referral=referral, to_unit=mosul, by=officer, reason="again")
    with pytest.raises(PermissionDenied):
        referral_transfer_decide(transfer=transfer, by=officer, accept=True)  # not his governorate
    referral_transfer_decide(transfer=transfer, by=outsider, accept=True)
    referral.refresh_from_db()
    assert referral.unit == mosul and referral.governorate.code == "NIN"
    assert deadlines(referral, kinds.CONTACT_72H).get().governorate.code == "NIN"


def test_a_declined_transfer_needs_a_note_and_leaves_the_referral(officer, outsider):
    referral = make_referral(by=officer)
    transfer = referral_transfer_request(
        referral=referral, to_unit=outsider.unit, by=officer, reason="x"
    )
    with pytest.raises(ReferralError, match="declined"):
        referral_transfer_decide(transfer=transfer, by=outsider, accept=False)
    referral_transfer_decide(transfer=transfer, by=outsider, accept=False, note="no capacity")
    referral.refresh_from_db()
    assert referral.unit == officer.unit
    assert ReferralTransfer.objects.get().status == "declined"


def test_referrals_about_one_man_are_linked_not_duplicated(officer):
    person = make_case(by=officer).person
    first = make_referral(by=officer)
    second = make_referral(by=officer, source={**SOURCE, "source_name": "His uncle"})
    referral_link_subject(referral=first, person=person, by=officer)
    second = referral_link_subject(referral=second, person=person, by=officer)
    assert second.same_subject_as == first


def test_recording_the_surrender_links_the_case_as_evidence(officer):
    referral = make_referral(by=officer)
    case = referral_record_surrender(
        referral=referral,
        by=officer,
        person=None,
        person_data={"given_name_ar": "عمر", "father_name_ar": "خلف", "family_name_ar": "الحمادي"},
        aliases=["Abu Omar"],
        kind="voluntary",
        receiving_unit=officer.unit,
        intake_data={
            "at": timezone.now(),
            "place": "Ramadi police station",
            "affiliation": "ISIS",
            "role": "hisbah",
        },
    )
    referral.refresh_from_db()
    assert referral.status == S.SURRENDERED and referral.case == case
    assert referral.subject == case.person
    from cases.casefiles.selectors import case_timeline

    titles = [e.title for e in case_timeline(case, deadlines=[])]
    assert f"Voluntary, through referral {referral.number}" in titles
    with pytest.raises(ReferralError):
        referral_transition(
            referral=referral, to_status=S.CLOSED, by=officer, note="x", close_reason="unfounded"
        )


def test_the_reveal_checks_who_asks_and_logs_the_reason(officer, colleague, supervisor, outsider):
    referral = Referral.objects.get(pk=make_referral(by=officer).pk)
    assert source_may_reveal(officer, referral)  # he received it
    assert source_may_reveal(supervisor, referral)
    assert not source_may_reveal(colleague, referral)  # restricted: not his referral
    assert not source_may_reveal(outsider, referral)  # another governorate
    with pytest.raises(ReferralError, match="reason"):
        source_reveal(referral=referral, by=supervisor, reason="need")
    identity = source_reveal(
        referral=referral, by=supervisor, reason="arranging the handover with the father tonight"
    )
    assert identity["source_name"] == SOURCE["source_name"]
    entry = AccessLogEntry.objects.get(action="reveal")
    assert entry.user == supervisor and "handover" in entry.reason
    assert SOURCE["source_name"] not in entry.reason + entry.object_label
    with pytest.raises(PermissionDenied):
        source_reveal(referral=referral, by=colleague, reason="just curious about him")
    assert AccessLogEntry.objects.filter(action="refused", user=colleague).exists()


def test_an_unrestricted_referral_may_be_revealed_by_any_officer_of_the_governorate(
    officer, colleague
):
    referral = make_referral(by=officer, reveal_restricted=False)
    assert source_may_reveal(colleague, referral)
    clerk = UserFactory(unit=UnitFactory(governorate=governorate("ANB")), roles=["judge"])
    assert not source_may_reveal(clerk, referral)  # no permission
