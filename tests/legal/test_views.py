"""The charges of a case: the page and its section, adding, recording facts, withdrawing."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from cases.audit.models import AccessLogEntry
from cases.legal.models import Charge, Offence
from cases.legal.services import charge_add
from tests.factories import make_case
from tests.support.auth import sign_in

pytestmark = pytest.mark.django_db


def offence(code: str) -> Offence:
    return Offence.objects.get(code=code)


@pytest.mark.parametrize("count", [1, 30])
def test_the_charges_page_runs_the_same_queries_for_one_or_many(
    client, officer, count, django_assert_max_num_queries
):
    case = make_case(by=officer)
    for _ in range(count):
        charge_add(case=case, offence=offence("atl-4-2"), by=officer)
    sign_in(client, officer)
    with django_assert_max_num_queries(24):
        response = client.get(reverse("legal:case_charges", args=[case.pk]))
    html = response.content.decode()
    assert html.count('class="charge-active') == count
    assert "to verify" in html  # the seeded articles are not verified
    entry = AccessLogEntry.objects.filter(action="view").last()
    assert entry.object_label == case.number


def test_the_charges_section_needs_only_the_case(officer):
    """The case page can include it without knowing this app."""
    case = make_case(by=officer)
    charge_add(case=case, offence=offence("atl-4-1"), by=officer)
    html = render_to_string("legal/_charges.html", {"case": case})
    assert "Anti-Terrorism Law 13/2005 Art. 4/1" in html and 'id="charges"' in html


def test_an_officer_adds_a_charge(client, officer):
    case = make_case(by=officer)
    sign_in(client, officer)
    response = client.post(
        reverse("legal:charge_add", args=[case.pk]),
        {
            "offence": offence("atl-4-2").pk,
            "reason": "Investigating judge's decision 17/2017",
            "flags": ["private_right"],
        },
    )
    assert response.status_code == 302
    charge = Charge.objects.get(case=case)
    assert charge.added_reason == "Investigating judge's decision 17/2017"
    assert charge.flags == ["private_right"] and not charge.facts_established
    case.refresh_from_db()
    assert case.max_penalty_months == 240


def test_an_invalid_charge_keeps_what_was_typed(client, officer):
    case = make_case(by=officer)
    sign_in(client, officer)
    response = client.post(
        reverse("legal:charge_add", args=[case.pk]), {"reason": "Order without article"}
    )
    assert response.status_code == 200
    assert "Order without article" in response.content.decode()
    assert not Charge.objects.exists()


def test_facts_and_withdrawal(client, officer):
    case = make_case(by=officer)
    charge = charge_add(case=case, offence=offence("atl-4-1"), by=officer)
    sign_in(client, officer)
    assert client.get(reverse("legal:charge_facts", args=[charge.pk])).status_code == 200
    client.post(
        reverse("legal:charge_facts", args=[charge.pk]),
        {"flags": ["death_or_disability"], "facts_established": "on", "reason": "Report"},
    )
    charge.refresh_from_db()
    assert charge.facts_established and charge.flags == ["death_or_disability"]
    response = client.post(
        reverse("legal:charge_withdraw", args=[charge.pk]), {"reason": "Dropped by the judge"}
    )
    assert response.status_code == 302
    charge.refresh_from_db()
    assert charge.status == "withdrawn" and charge.withdrawn_reason == "Dropped by the judge"


def test_who_sees_and_who_charges(client, officer, colleague, outsider, judge, no_role_user):
    from cases.accounts import roles
    from tests.factories import UserFactory

    case = make_case(by=officer)
    charge = charge_add(case=case, offence=offence("atl-4-2"), by=officer)
    page = reverse("legal:case_charges", args=[case.pk])
    withdraw = reverse("legal:charge_withdraw", args=[charge.pk])
    sign_in(client, colleague)
    assert client.get(page).status_code == 200
    sign_in(client, judge)
    assert client.get(withdraw).status_code == 200
    sign_in(client, outsider)
    assert client.get(page).status_code == 404
    assert client.get(withdraw).status_code == 404
    sign_in(client, no_role_user)
    assert client.get(page).status_code == 403
    committee = UserFactory(unit=officer.unit, roles=[roles.AMNESTY_COMMITTEE])
    sign_in(client, committee)  # reads the charges, does not change them
    assert client.get(page).context["form"] is None
    assert client.get(withdraw).status_code == 403
    response = client.post(
        reverse("legal:charge_add", args=[case.pk]), {"offence": offence("atl-4-1").pk}
    )
    assert response.status_code == 403
