"""Officer pages: intake in both languages, the list and its filters, search by name (POST),
the case page, edits that collide, and the actions on a case."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.audit.models import AccessLogEntry
from cases.casefiles.models import Case
from tests.factories import make_case
from tests.support.auth import sign_in

pytestmark = pytest.mark.django_db


def intake_post(officer, **overrides) -> dict:
    data = {
        "person-given_name_ar": "أحمد",
        "person-father_name_ar": "خلف",
        "person-grandfather_name_ar": "صالح",
        "person-family_name_ar": "الفهداوي",
        "person-given_name_lat": "Ahmed",
        "person-family_name_lat": "al-Fahdawi",
        "person-mother_name_ar": "فاطمة",
        "person-sex": "m",
        "person-date_of_birth": "1999-04-02",
        "person-aliases": "Abu Khalid\nأبو خالد",
        "intake-kind": "voluntary",
        "intake-at": (timezone.localtime() - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "intake-receiving_unit": officer.unit_id,
        "intake-place": "Ramadi police station",
        "intake-affiliation": "ISIS",
        "intake-role": "hisbah",
        "intake-affiliated_from": "2014-06-01",
        "intake-killing_declared": "no",
        "intake-coercion_claimed": "on",
        "intake-coercion_details": "threatened to kill his father",
        "intake-family_at_risk": "on",
        "intake-family_at_risk_details": "parents in al-Qaim",
        "intake-protection_needed": "on",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("language", ["en", "ar"])
def test_an_officer_records_a_surrender_end_to_end(client, officer, language):
    officer.language = language
    officer.save()
    sign_in(client, officer)
    assert client.get(reverse("casefiles:intake")).status_code == 200
    response = client.post(reverse("casefiles:intake"), intake_post(officer))
    case = Case.objects.get()
    assert response["Location"] == case.get_absolute_url()
    assert case.person.aliases.count() == 2
    assert case.intake.is_juvenile  # 15 in June 2014
    page = client.get(case.get_absolute_url()).content.decode()
    assert 'id="juvenile"' in page
    assert case.number in page
    assert "الفهداوي" in page


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "Say how he says he was coerced."), ("ar", 'dir="rtl"')],
)
def test_an_invalid_intake_explains_and_keeps_everything_typed(client, officer, language, message):
    officer.language = language
    officer.save()
    sign_in(client, officer)
    response = client.post(
        reverse("casefiles:intake"), intake_post(officer, **{"intake-coercion_details": ""})
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'value="الفهداوي"' in html and "parents in al-Qaim" in html and "Abu Khalid" in html
    assert not Case.objects.exists()


def test_the_arabic_intake_error_is_in_arabic(client, officer):
    officer.language = "ar"
    officer.save()
    sign_in(client, officer)
    html = client.post(
        reverse("casefiles:intake"), intake_post(officer, **{"intake-coercion_details": ""})
    ).content.decode()
    assert "Say how he says he was coerced." not in html


def test_an_intake_for_a_unit_outside_the_jurisdiction_is_refused(client, officer, nineveh_unit):
    sign_in(client, officer)
    response = client.post(
        reverse("casefiles:intake"),
        intake_post(officer, **{"intake-receiving_unit": nineveh_unit.pk}),
    )
    assert response.status_code == 200
    assert not Case.objects.exists()


@pytest.mark.parametrize("count", [1, 100])
def test_the_case_list_runs_the_same_queries_for_one_or_a_hundred(
    client, officer, count, django_assert_max_num_queries
):
    for _ in range(count):
        make_case(by=officer)
    sign_in(client, officer)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("casefiles:list"))
    assert len(response.context["page"].object_list) == min(count, 25)


def test_the_list_filters(client, officer):
    juvenile = make_case(
        by=officer, person_data={"given_name_ar": "علي", "date_of_birth": dt.date(2000, 1, 1)}
    )
    arrest = make_case(by=officer, kind="arrest")
    sign_in(client, officer)

    def numbers(**params):
        page = client.get(reverse("casefiles:list"), params).context["page"]
        return {c.number for c in page.object_list}

    assert numbers(juvenile="yes") == {juvenile.number}
    assert numbers(kind="arrest") == {arrest.number}
    assert numbers(status="arrested") == {arrest.number}
    assert numbers(number=arrest.number) == {arrest.number}
    assert numbers(overdue="on") == set()
    Case.objects.filter(pk=arrest.pk)  # the 24-hour deadline of the arrest falls due:
    from cases.deadlines.models import Deadline

    Deadline.objects.for_object(arrest).update(due_at=timezone.now() - dt.timedelta(minutes=1))
    assert numbers(overdue="on") == {arrest.number}


def test_the_list_shows_only_the_jurisdiction(client, officer, outsider):
    make_case(by=outsider)
    sign_in(client, officer)
    assert list(client.get(reverse("casefiles:list")).context["page"].object_list) == []


def test_name_search_is_a_post_that_logs_no_name(client, officer):
    case = make_case(by=officer)
    make_case(by=officer, person_data={"given_name_ar": "عمر", "family_name_ar": "العلواني"})
    sign_in(client, officer)
    response = client.post(reverse("casefiles:search"), {"name": "الدليمي"})
    assert [c.number for c in response.context["page"].object_list] == [case.number]
    entry = AccessLogEntry.objects.get(action="search")
    assert "الدليمي" not in entry.path + entry.reason
    assert client.get(reverse("casefiles:search")).status_code == 405


@pytest.mark.parametrize("weapons", [0, 10])
def test_the_case_page_is_access_logged_with_constant_queries(
    client, officer, weapons, django_assert_max_num_queries
):
    from cases.casefiles.services import weapon_add

    case = make_case(by=officer)
    for i in range(weapons):
        weapon_add(
            case=case,
            data={
                "kind": "rifle",
                "serial_number": f"AK-{i}",
                "condition": "working",
                "storage_location": "armoury",
            },
            by=officer,
        )
    sign_in(client, officer)
    with django_assert_max_num_queries(45):
        response = client.get(case.get_absolute_url())
    assert response.status_code == 200
    entry = AccessLogEntry.objects.filter(action="view").last()
    assert entry.object_label == case.number and entry.user == officer


def test_a_conflicting_edit_is_refused_with_an_explanation_and_keeps_the_typing(
    client, officer, colleague
):
    case = make_case(by=officer)
    sign_in(client, colleague)
    form = client.get(reverse("casefiles:edit", args=[case.pk])).context["form"]
    stale_version = form.initial["version"]
    from cases.casefiles.services import case_transition

    case_transition(case=case, to_status="screening", by=officer, reason="interviewed")
    post = intake_post(
        colleague, **{"intake-version": stale_version, "intake-place": "typed by the colleague"}
    )
    post.pop("person-aliases")
    response = client.post(reverse("casefiles:edit", args=[case.pk]), post)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="conflict"' in html and "Someone else saved this case" in html
    assert "typed by the colleague" in html
    case.refresh_from_db()
    assert case.intake.place == "Ramadi police station"


def test_actions_from_the_case_page(client, officer):
    case = make_case(by=officer)
    sign_in(client, officer)
    client.post(
        reverse("casefiles:screening", args=[case.pk]),
        {
            "screened_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "wanted_match": "possible",
            "risk_tier": "medium",
            "outcome": "investigate",
        },
    )
    assert not hasattr(Case.objects.get(pk=case.pk), "screening")  # the reference was missing
    client.post(
        reverse("casefiles:screening", args=[case.pk]),
        {
            "screened_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "wanted_match": "possible",
            "wanted_reference": "WL-2016-77",
            "risk_tier": "medium",
            "outcome": "investigate",
        },
    )
    case.refresh_from_db()
    assert case.status == "screening"
    response = client.post(
        reverse("casefiles:status", args=[case.pk]),
        {"to_status": "investigation", "reason": "charges prepared"},
        follow=True,
    )
    assert "Status changed." in response.content.decode()
    response = client.post(
        reverse("casefiles:status", args=[case.pk]),
        {"to_status": "closed", "reason": "x"},
        follow=True,
    )
    assert "Choose the next status" in response.content.decode()


def test_a_detention_order_too_long_is_refused_on_the_form(client, officer):
    from tests.factories import UnitFactory, governorate

    court = UnitFactory(kind="investigating_court", governorate=governorate("ANB"))
    case = make_case(by=officer)
    sign_in(client, officer)
    start = timezone.localdate()
    response = client.post(
        reverse("casefiles:detention_new", args=[case.pk]),
        {
            "court": court.pk,
            "judge_name": "Judge Sabah",
            "starts_on": start.isoformat(),
            "ends_on": (start + dt.timedelta(days=20)).isoformat(),
        },
    )
    assert "at most 15 days" in response.content.decode()
    assert not case.detention_orders.exists()


def test_a_judge_sees_the_case_but_cannot_record_an_intake(client, judge, officer):
    case = make_case(by=officer)
    sign_in(client, judge)
    assert client.get(case.get_absolute_url()).status_code == 200
    assert client.get(reverse("casefiles:intake")).status_code == 403
