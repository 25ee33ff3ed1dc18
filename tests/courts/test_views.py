"""Court pages: the docket, the verdict form (preview, confirm, conflict), the case's court
section, and commutation; officers see but never record."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.courts.models import CommutationRequest, Sentence, Verdict
from cases.courts.services import commutation_request, hearing_schedule, verdict_record
from tests.courts.conftest import convict, make_trial_case, today
from tests.support.auth import sign_in

pytestmark = pytest.mark.django_db


def _verdict_post(case, *, version=0, years=10, confirm=False):
    data = {"version": version, "decided_on": today().isoformat(), "reasons": ""}
    for charge in case.charges.filter(status="active"):
        prefix = f"c{charge.pk}"
        data.update(
            {
                f"{prefix}-finding": "convicted",
                f"{prefix}-penalty": "temporary",
                f"{prefix}-years": years,
                f"{prefix}-months": 0,
                f"{prefix}-days": 0,
            }
        )
    if confirm:
        data["confirm"] = "1"
    return data


def test_the_verdict_form_previews_the_dates_then_records_on_confirm(
    client, trial_case, felony_judge
):
    sign_in(client, felony_judge)
    url = reverse("courts:verdict", args=[trial_case.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _verdict_post(trial_case))
    assert response.status_code == 200
    preview = response.context["preview"]
    assert preview.dates.release == today().replace(year=today().year + 10)
    assert b"Confirm and record the verdict" in response.content
    assert not Verdict.objects.exists()
    response = client.post(url, _verdict_post(trial_case, confirm=True))
    assert response.status_code == 302
    assert Sentence.objects.get().years == 10


def test_the_second_judge_is_told_and_nothing_is_overwritten(
    client, trial_case, felony_judge, second_judge
):
    verdict_record(
        case=trial_case, version=0, court=felony_judge.unit, findings=convict(trial_case),
        decided_on=today(), by=felony_judge,
    )  # fmt: skip
    sign_in(client, second_judge)
    url = reverse("courts:verdict", args=[trial_case.pk])
    response = client.post(url, _verdict_post(trial_case, years=12, confirm=True))
    assert response.status_code == 200
    assert b"Another judge saved" in response.content
    assert Sentence.objects.get().years == 10


def test_an_age_rule_is_shown_on_the_charge_line(client, officer, felony_judge):
    case = make_trial_case(officer, dob=dt.date(1998, 1, 1))
    sign_in(client, felony_judge)
    data = _verdict_post(case)
    charge = case.charges.get()
    data[f"c{charge.pk}-penalty"] = "life"
    data[f"c{charge.pk}-years"] = 0
    response = client.post(reverse("courts:verdict", args=[case.pk]), data)
    assert b"No life imprisonment for a juvenile" in response.content


def test_officers_see_the_court_record_but_never_record_verdicts(
    client, trial_case, felony_judge, officer
):
    verdict = verdict_record(
        case=trial_case, version=0, court=felony_judge.unit, findings=convict(trial_case),
        decided_on=today(), by=felony_judge,
    )  # fmt: skip
    sign_in(client, officer)
    page = client.get(reverse("courts:case", args=[trial_case.pk]))
    assert page.status_code == 200 and b"Expected release" in page.content
    assert b"Record the verdict" not in page.content
    case_page = client.get(trial_case.get_absolute_url())
    assert b'id="courts"' in case_page.content
    assert client.get(reverse("courts:verdict", args=[trial_case.pk])).status_code == 403
    response = client.post(
        reverse("courts:verdict", args=[trial_case.pk]), _verdict_post(trial_case, confirm=True)
    )
    assert response.status_code == 403
    assert client.post(reverse("courts:verdict_final", args=[verdict.pk])).status_code == 403
    request = commutation_request(sentence=verdict.sentence, by=officer)
    decide = reverse("courts:commutation_decide", args=[request.pk])
    assert client.post(decide, {"decision": "accepted", "reasons": "x"}).status_code == 403


def test_a_judge_of_another_court_sees_why_he_cannot_record(client, trial_case, judge):
    sign_in(client, judge)  # an investigating judge
    response = client.get(reverse("courts:verdict", args=[trial_case.pk]))
    assert b"not-a-trial-judge" in response.content


def test_the_commutation_page_explains_and_the_judge_decides(
    client, trial_case, felony_judge, officer
):
    verdict = verdict_record(
        case=trial_case, version=0, court=felony_judge.unit,
        findings=convict(trial_case, years=15), decided_on=today(), by=felony_judge,
    )  # fmt: skip
    sign_in(client, officer)
    response = client.post(reverse("courts:commutation_new", args=[verdict.sentence.pk]), {})
    request = CommutationRequest.objects.get()
    assert response.status_code == 302
    sign_in(client, felony_judge)
    queue = client.get(reverse("courts:commutations"))
    assert list(queue.context["requests"]) == [request]
    page = client.get(request.get_absolute_url())
    assert b"Voluntary surrender" in page.content and b"line-applies" in page.content
    response = client.post(
        reverse("courts:commutation_decide", args=[request.pk]),
        {"version": 1, "decision": "accepted", "reasons": "He surrendered"},
    )
    assert response.status_code == 302
    assert Sentence.objects.get().years == 10
    assert not client.get(reverse("courts:commutations")).context["requests"]


def test_double_booking_is_refused_on_the_page(client, trial_case, felony_judge, officer):
    at = timezone.localtime() + dt.timedelta(days=2)
    at = at.replace(minute=0, second=0, microsecond=0)
    hearing_schedule(
        case=trial_case, court=felony_judge.unit, judge=felony_judge, scheduled_at=at,
        kind="trial", by=felony_judge,
    )  # fmt: skip
    other = make_trial_case(officer)
    sign_in(client, felony_judge)
    response = client.post(
        reverse("courts:hearing_new", args=[other.pk]),
        {
            "court": felony_judge.unit.pk,
            "courtroom": "2",
            "scheduled_at": at.strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": 60,
            "kind": "trial",
            "judge": felony_judge.pk,
        },
    )
    assert response.status_code == 200
    assert b"judge already sits" in response.content


@pytest.mark.parametrize("count", [1, 8])
def test_the_docket_runs_the_same_queries_for_one_or_many_hearings(
    client, officer, felony_judge, count, django_assert_max_num_queries
):
    base = timezone.localtime().replace(minute=0, second=0, microsecond=0) + dt.timedelta(days=1)
    for i in range(count):
        hearing_schedule(
            case=make_trial_case(officer), court=felony_judge.unit, judge=felony_judge,
            scheduled_at=base + dt.timedelta(hours=i), kind="trial", by=felony_judge,
        )  # fmt: skip
    sign_in(client, felony_judge)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("courts:docket"))
    assert len(response.context["docket"].hearings) == count
    sign_in(client, officer)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("courts:my_hearings"))
    assert len(response.context["hearings"]) == count
