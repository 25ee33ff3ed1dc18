"""Pages: the quick referral form, the list and its filters, the referral page and its actions,
recording the surrender from a referral, transfers, and the supervisors' critical view."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.casefiles.models import Case
from cases.referrals.models import Referral
from tests.referrals.conftest import SOURCE, make_referral
from tests.support.auth import sign_in

pytestmark = pytest.mark.django_db


def form_post(**overrides) -> dict:
    data = {
        "received_at": (timezone.localtime() - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "place": "Ramadi police station",
        **SOURCE,
        "channel": "sheikh",
        "channel_detail": "Albu Fahad",
        "reveal_restricted": "on",
        "subject_description": "Abu Omar",
        "last_known_location": "al-Qaim",
        "wants_to_surrender": "on",
        "statement": "Dozens of local members want to surrender.",
        "requested_action": "arrange_surrender",
        "source_risk": "critical",
        "family_risk": "high",
    }
    data.update(overrides)
    return data


def test_an_officer_records_a_referral_quickly(client, officer):
    sign_in(client, officer)
    response = client.post(reverse("referrals:new"), form_post())
    referral = Referral.objects.get()
    assert response["Location"] == referral.get_absolute_url()
    assert referral.unit == officer.unit and referral.channel_detail == "Albu Fahad"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"source_name": ""}, "This field is required"),
        ({"statement": "Khalaf Saleh Hammadi says his son wants out"}, "Do not write the source"),
        ({"channel_detail": ""}, "Give the sheikh"),
    ],
)
def test_a_refused_referral_explains_and_keeps_the_typing(client, officer, overrides, message):
    sign_in(client, officer)
    response = client.post(reverse("referrals:new"), form_post(**overrides))
    html = response.content.decode()
    assert message in html
    assert "Dozens of local members" in html or "Hammadi says" in html
    assert not Referral.objects.exists()


@pytest.mark.parametrize("count", [1, 60])
def test_the_list_runs_the_same_queries_for_one_or_sixty(
    client, officer, count, django_assert_max_num_queries
):
    for _ in range(count):
        make_referral(by=officer)
    sign_in(client, officer)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("referrals:list"))
    assert len(response.context["page"].object_list) == min(count, 25)


def test_the_list_filters(client, officer):
    critical = make_referral(by=officer, source_risk="critical")
    rescue = make_referral(by=officer, requested_action="rescue")
    sign_in(client, officer)

    def numbers(**params):
        return {
            r.number
            for r in client.get(reverse("referrals:list"), params).context["page"].object_list
        }

    assert numbers(risk="critical") == {critical.number}
    assert numbers(action="rescue") == {rescue.number}
    assert numbers(status="received") == {critical.number, rescue.number}


def test_the_referral_page_shows_the_code_name_and_is_access_logged(client, officer):
    from cases.audit.models import AccessLogEntry

    referral = make_referral(by=officer)
    sign_in(client, officer)
    html = client.get(referral.get_absolute_url()).content.decode()
    assert referral.source_code in html
    assert AccessLogEntry.objects.filter(action="view", object_label=referral.number).exists()


def test_record_the_surrender_from_the_referral(client, officer):
    from tests.casefiles.test_views import intake_post

    referral = make_referral(by=officer)
    sign_in(client, officer)
    page = client.get(reverse("referrals:surrender", args=[referral.pk])).content.decode()
    assert referral.number in page and "Abu Omar" in page  # pre-filled from the referral
    response = client.post(reverse("referrals:surrender", args=[referral.pk]), intake_post(officer))
    case = Case.objects.get()
    assert response["Location"] == case.get_absolute_url()
    referral.refresh_from_db()
    assert referral.case == case and referral.status == "surrendered"
    html = client.get(case.get_absolute_url()).content.decode()
    assert 'id="voluntary-evidence"' in html and referral.number in html


def test_link_the_subject_from_the_likely_matches(client, officer):
    from tests.factories import make_case

    person = make_case(by=officer).person
    referral = make_referral(by=officer)
    sign_in(client, officer)
    client.post(reverse("referrals:link", args=[referral.pk]), {"existing_person": person.pk})
    referral.refresh_from_db()
    assert referral.subject == person


def test_transfer_between_governorates_from_the_pages(client, officer, outsider):
    referral = make_referral(by=officer)
    sign_in(client, officer)
    client.post(
        reverse("referrals:transfer", args=[referral.pk]),
        {"to_unit": outsider.unit_id, "reason": "he is held near Mosul"},
    )
    sign_in(client, outsider)
    listing = client.get(reverse("referrals:list"))
    transfer = listing.context["incoming"][0]
    client.post(reverse("referrals:transfer_decide", args=[transfer.pk]), {"decision": "accept"})
    referral.refresh_from_db()
    assert referral.governorate.code == "NIN"
    assert client.get(referral.get_absolute_url()).status_code == 200


def test_the_critical_view_is_for_supervisors(client, officer, supervisor):
    critical = make_referral(by=officer, family_risk="critical")
    make_referral(by=officer)
    sign_in(client, officer)
    assert client.get(reverse("referrals:critical")).status_code == 403
    sign_in(client, supervisor)
    page = client.get(reverse("referrals:critical")).context["page"]
    assert [r.number for r in page.object_list] == [critical.number]


def test_demo_referrals_cover_every_state():
    from cases.demo.seed import seed_all

    seed_all(with_cases=False)
    from cases.accounts.models import Unit, User
    from cases.referrals.demo import seed

    units = {u.code: u for u in Unit.objects.all()}
    users = {u.username: u for u in User.objects.all()}
    seed(units=units, users=users)
    seed(units=units, users=users)  # idempotent
    statuses = set(Referral.objects.values_list("status", flat=True))
    assert {"received", "contact", "surrendered", "closed"} <= statuses
    assert Referral.objects.filter(governorate__code="NIN").exists()
    assert Referral.objects.filter(case__isnull=False).count() == 1
