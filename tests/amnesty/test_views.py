"""Amnesty pages: decrees with their live countdown and counts, absences per unit, applications
with the engine's explanation, and deciding with and without an override."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.accounts import roles
from cases.amnesty.models import AbsenceReport, Application, Decree
from cases.amnesty.services import absence_change_status, application_open
from cases.audit.models import AccessLogEntry
from cases.casefiles.services import screening_record
from cases.legal.models import Offence
from cases.legal.services import charge_add
from tests.amnesty.conftest import baghdad, report_absence
from tests.factories import UnitFactory, UserFactory, governorate, make_case
from tests.support.auth import sign_in

pytestmark = pytest.mark.django_db


def returned(absence, at, by):
    return absence_change_status(
        absence=absence, to_status="returned", returned_at=at, by=by, reason="back"
    )


# --- Decrees -------------------------------------------------------------------------------------


@pytest.mark.parametrize("extra", [0, 20])
def test_the_decree_list_runs_the_same_queries_for_two_or_many_decrees(
    client, officer, decree_2015, extra, django_assert_max_num_queries
):
    for i in range(extra):
        Decree.objects.create(
            code=f"test-{i}",
            title_en=f"Test decree {i}",
            title_ar="مرسوم",
            legal_reference="test",
            issued_on=dt.date(2017, 1, 1),
            effective_on=dt.date(2017, 1, 1),
            window_event="return",
            window_days=30,
            groups=["deserter"],
            source_text="test",
        )
    sign_in(client, officer)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("amnesty:decrees"))
    assert len(response.context["rows"]) == 2 + extra


def test_the_decree_page_counts_its_windows_returns_in_the_users_jurisdiction(
    client, officer, outsider, decree_2015, in_window, time_machine
):
    in_time = report_absence(officer)
    late = report_absence(officer)
    away = report_absence(officer)
    dead = report_absence(officer)
    report_absence(outsider)  # Nineveh: not counted for an Anbar officer
    report_absence(officer, absent_since=dt.date(2015, 5, 10))  # left after: not covered
    returned(in_time, baghdad(2015, 5, 19, 10, 0), officer)
    absence_change_status(
        absence=dead, to_status="deceased", on=dt.date(2015, 5, 19), by=officer, reason="x"
    )
    sign_in(client, officer)
    counts = client.get(decree_2015.get_absolute_url()).context["counts"]
    assert (counts.returned, counts.pending, counts.lapsed) == (1, 2, 0)

    time_machine.move_to(baghdad(2015, 6, 5, 10, 0), tick=False)
    returned(late, baghdad(2015, 5, 31, 0, 30), officer)  # day 31
    sign_in(client, officer)  # two weeks later: a new session
    counts = client.get(decree_2015.get_absolute_url()).context["counts"]
    assert (counts.returned, counts.pending, counts.lapsed) == (1, 0, 2)
    assert away.status == "absent"


def test_the_countdown_is_rendered_by_the_server_and_refined_by_a_script(
    client, officer, decree_2015, in_window
):
    sign_in(client, officer)
    html = client.get(decree_2015.get_absolute_url()).content.decode()
    assert 'data-deadline="2015-05-30T23:59:59+03:00"' in html
    # Without JavaScript the page already says how long is left.
    value = re.search(r"data-countdown-value>([^<]+)<", html).group(1)
    assert value == "10 days, 11 hours"
    assert "js/countdown.js" in html
    assert "<script>" not in html and "onclick" not in html  # CSP: no inline script


def test_a_closed_window_says_so(client, officer, decree_2015):
    sign_in(client, officer)
    html = client.get(decree_2015.get_absolute_url()).content.decode()
    assert "countdown-closed" in html and "Closed at the end of" in html


def test_a_seeded_decree_is_shown_as_to_verify_with_its_source(client, officer, law_27):
    sign_in(client, officer)
    html = client.get(law_27.get_absolute_url()).content.decode()
    assert 'id="to-verify"' in html and "to verify" in html
    assert "Al-Waqa&#x27;i al-Iraqiya" in html or "Al-Waqa'i al-Iraqiya" in html
    assert "Terrorism that caused death or permanent disability" in html


def test_a_decree_is_law_everywhere_but_counts_are_the_readers(
    client, officer, outsider, decree_2015, in_window
):
    report_absence(officer)
    sign_in(client, outsider)
    response = client.get(decree_2015.get_absolute_url())
    assert response.status_code == 200
    assert response.context["counts"].pending == 0


def test_decrees_need_the_role(client, no_role_user, decree_2015):
    sign_in(client, no_role_user)
    assert client.get(reverse("amnesty:decrees")).status_code == 403
    assert client.get(decree_2015.get_absolute_url()).status_code == 403


# --- Absences ------------------------------------------------------------------------------------


@pytest.fixture
def other_unit_officer(db):
    """An officer of another unit of the same governorate."""
    unit = UnitFactory(governorate=governorate("ANB"), name_en="Fallujah Police Station")
    return UserFactory(unit=unit, roles=[roles.OFFICER])


def test_a_unit_sees_its_own_absences_and_a_supervisor_all_of_the_jurisdiction(
    client, officer, colleague, other_unit_officer, supervisor, outsider
):
    ours = report_absence(officer)
    theirs = report_absence(other_unit_officer)
    report_absence(outsider)

    def seen(user):
        sign_in(client, user)
        page = client.get(reverse("amnesty:absences")).context["page"]
        return {a.pk for a in page.object_list}

    assert seen(officer) == seen(colleague) == {ours.pk}
    assert seen(other_unit_officer) == {theirs.pk}
    assert seen(supervisor) == {ours.pk, theirs.pk}
    sign_in(client, other_unit_officer)
    assert client.get(ours.get_absolute_url()).status_code == 404
    sign_in(client, outsider)
    assert client.get(ours.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("count", [1, 60])
def test_the_absence_list_runs_the_same_queries_for_one_or_many(
    client, officer, count, django_assert_max_num_queries
):
    for i in range(count):
        report_absence(officer, absent_since=dt.date(2015, 1 + i % 12, 1))
    sign_in(client, officer)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("amnesty:absences"))
    assert len(response.context["page"].object_list) == min(count, 50)


def test_absences_are_counted_by_unit_and_month_of_leaving(client, supervisor, officer, army_unit):
    soldier_officer = UserFactory(unit=army_unit, roles=[roles.OFFICER])
    report_absence(officer, absent_since=dt.date(2015, 1, 10))
    report_absence(officer, absent_since=dt.date(2015, 1, 20))
    emigrant = report_absence(soldier_officer, absent_since=dt.date(2015, 1, 5))
    report_absence(soldier_officer, absent_since=dt.date(2015, 2, 5))
    absence_change_status(
        absence=emigrant, to_status="emigrated", on=dt.date(2015, 9, 1), by=supervisor, reason="x"
    )
    sign_in(client, supervisor)
    counts = client.get(reverse("amnesty:absences")).context["counts"]
    table = {(row.unit.pk, row.month): (row.total, row.by_status["emigrated"]) for row in counts}
    assert table == {
        (officer.unit_id, dt.date(2015, 1, 1)): (2, 0),
        (army_unit.pk, dt.date(2015, 1, 1)): (1, 1),
        (army_unit.pk, dt.date(2015, 2, 1)): (1, 0),
    }
    filtered = client.get(reverse("amnesty:absences"), {"status": "emigrated"}).context["page"]
    assert [a.pk for a in filtered.object_list] == [emigrant.pk]


def test_an_officer_reports_an_absence(client, officer):
    sign_in(client, officer)
    assert client.get(reverse("amnesty:absence_new")).status_code == 200
    response = client.post(
        reverse("amnesty:absence_new"),
        {
            "person-given_name_ar": "علي",
            "person-family_name_ar": "الجبوري",
            "person-sex": "m",
            "person-service_number": "IA-7-9999",
            "unit": officer.unit_id,
            "absent_since": "2015-02-01",
            "circumstances": "self_harm",
        },
    )
    absence = AbsenceReport.objects.get()
    assert response["Location"] == absence.get_absolute_url()
    assert absence.person.service_number == "IA-7-9999"
    assert absence.circumstances == "self_harm"


def test_an_absence_without_service_number_keeps_what_was_typed(client, officer):
    sign_in(client, officer)
    response = client.post(
        reverse("amnesty:absence_new"),
        {
            "person-given_name_ar": "علي",
            "person-sex": "m",
            "unit": officer.unit_id,
            "absent_since": "2015-02-01",
            "circumstances": "fled",
        },
    )
    assert response.status_code == 200
    assert 'value="علي"' in response.content.decode()
    assert not AbsenceReport.objects.exists()


def test_the_absence_page_explains_each_decree_and_is_access_logged(
    client, officer, decree_2015, in_window
):
    absence = report_absence(officer)
    sign_in(client, officer)
    response = client.get(absence.get_absolute_url())
    html = response.content.decode()
    assert "He has not returned yet; the window is open until the end of" in html
    assert "Amnesty window closes for an absent member" in html  # its deadline
    entry = AccessLogEntry.objects.filter(action="view").last()
    assert entry.object_label == absence.audit_label


def test_a_return_is_recorded_from_the_absence_page(client, officer, decree_2015, in_window):
    absence = report_absence(officer)
    sign_in(client, officer)
    response = client.post(
        reverse("amnesty:absence_status", args=[absence.pk]),
        {"to_status": "returned", "returned_at": "2015-05-20T09:15", "reason": "At the gate"},
    )
    assert response.status_code == 302
    absence.refresh_from_db()
    assert absence.status == "returned" and absence.case is not None
    assert absence.returned_at == baghdad(2015, 5, 20, 9, 15)


def test_a_move_the_rules_refuse_is_explained(client, officer):
    absence = report_absence(officer)
    absence_change_status(
        absence=absence, to_status="deceased", on=dt.date(2016, 1, 1), by=officer, reason="x"
    )
    sign_in(client, officer)
    response = client.post(
        reverse("amnesty:absence_status", args=[absence.pk]),
        {"to_status": "returned", "returned_at": "2016-02-01T09:15", "reason": "?"},
        follow=True,
    )
    assert "Select a valid choice" in response.content.decode()
    absence.refresh_from_db()
    assert absence.status == "deceased"


def test_only_the_unit_records_what_became_of_its_men(client, officer, committee):
    absence = report_absence(officer)
    sign_in(client, committee)  # sees every unit, records nothing
    assert client.get(absence.get_absolute_url()).status_code == 200
    response = client.post(
        reverse("amnesty:absence_status", args=[absence.pk]),
        {"to_status": "prosecuted", "on": "2016-01-01", "reason": "x"},
    )
    assert response.status_code == 403


# --- Applications --------------------------------------------------------------------------------


def test_applying_from_a_return(client, officer, decree_2015, in_window):
    absence = returned(report_absence(officer), baghdad(2015, 5, 19, 9, 0), officer)
    sign_in(client, officer)
    assert client.get(reverse("amnesty:absence_apply", args=[absence.pk])).status_code == 200
    response = client.post(
        reverse("amnesty:absence_apply", args=[absence.pk]),
        {"decree": decree_2015.pk, "applied_on": "2015-05-20"},
    )
    application = Application.objects.get()
    assert response["Location"] == application.get_absolute_url()
    assert application.absence == absence and application.case == absence.case


def test_applying_before_his_return_is_sent_back(client, officer, decree_2015):
    absence = report_absence(officer)
    sign_in(client, officer)
    response = client.get(reverse("amnesty:absence_apply", args=[absence.pk]))
    assert response.status_code == 302 and response["Location"] == absence.get_absolute_url()


def test_applying_for_a_case(client, officer, law_27):
    case = make_case(by=officer)
    sign_in(client, officer)
    response = client.post(
        reverse("amnesty:case_apply", args=[case.pk]),
        {"decree": law_27.pk, "applied_on": timezone.localdate().isoformat()},
    )
    assert response["Location"] == Application.objects.get(case=case).get_absolute_url()


@pytest.mark.parametrize("charges", [1, 12])
def test_the_application_page_explains_with_constant_queries(
    client, officer, committee, law_27, charges, django_assert_max_num_queries
):
    case = make_case(by=officer)
    for _ in range(charges):
        charge_add(case=case, offence=Offence.objects.get(code="pc-439"), by=officer)
    application = application_open(decree=law_27, case=case, by=officer)
    sign_in(client, committee)
    with django_assert_max_num_queries(40):
        response = client.get(application.get_absolute_url())
    html = response.content.decode()
    assert response.context["result"].status == "needs_review"
    assert "Is the decree in force?" in html and "Condition met?" in html
    assert "Waiver by the complainant or the victim&#x27;s family: awaited" in html


def _decide(client, application, **data):
    return client.post(reverse("amnesty:application_decide", args=[application.pk]), data)


def test_a_refused_decision_keeps_what_was_typed_and_an_override_records_it(
    client, officer, committee, decree_2015, in_window, time_machine
):
    absence = report_absence(officer)
    time_machine.move_to(baghdad(2015, 6, 2, 10, 0), tick=False)
    absence = returned(absence, baghdad(2015, 5, 31, 0, 30), officer)
    screening_record(
        case=absence.case,
        data={"wanted_match": "none", "risk_tier": "low", "outcome": "deserter_amnesty"},
        by=officer,
    )
    application = application_open(decree=decree_2015, case=absence.case, by=officer)
    sign_in(client, committee)
    response = _decide(client, application, outcome="grant", reason="Came back at night")
    html = response.content.decode()
    assert response.status_code == 200 and 'id="decision-refused"' in html
    assert "The engine finds him not eligible." in html and "Came back at night" in html
    # Once, in the form's own alert: crispy-forms must not repeat the form's errors.
    assert html.count("The engine finds him not eligible.") == 1
    application.refresh_from_db()
    assert application.status == "applied"

    response = _decide(
        client,
        application,
        outcome="grant",
        reason="Came back at night",
        override_reason="Logged after midnight by the guard; he arrived before.",
    )
    assert response.status_code == 302
    html = client.get(application.get_absolute_url()).content.decode()
    assert 'class="alert alert-warning mb-2 override"' in html
    application.refresh_from_db()
    assert application.status == "granted" and application.decision.override


def test_an_officer_files_but_does_not_decide(client, officer, law_27):
    case = make_case(by=officer)
    application = application_open(decree=law_27, case=case, by=officer)
    sign_in(client, officer)
    assert client.get(application.get_absolute_url()).context["decision_form"] is None
    assert _decide(client, application, outcome="refuse", reason="x").status_code == 403


def test_the_committee_takes_up_and_records_conditions(client, officer, committee, law_27):
    case = make_case(by=officer)
    charge_add(case=case, offence=Offence.objects.get(code="pc-439"), by=officer)
    application = application_open(decree=law_27, case=case, by=officer)
    sign_in(client, committee)
    client.post(reverse("amnesty:application_review", args=[application.pk]))
    waiver = law_27.conditions.get(kind="victim_waiver")
    response = client.post(
        reverse("amnesty:application_condition", args=[application.pk]),
        {"condition": waiver.pk, "state": "met", "on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "review"
    assert application.condition_states.get(condition=waiver).state == "met"


@pytest.mark.parametrize("count", [1, 60])
def test_the_application_list_runs_the_same_queries_for_one_or_many(
    client, officer, committee, law_27, count, django_assert_max_num_queries
):
    for _ in range(count):
        application_open(decree=law_27, case=make_case(by=officer), by=officer)
    sign_in(client, committee)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("amnesty:applications"))
    assert len(response.context["page"].object_list) == min(count, 50)
    filtered = client.get(reverse("amnesty:applications"), {"engine_status": "eligible"})
    assert len(filtered.context["page"].object_list) == 0  # not charged: not eligible


def test_applications_outside_the_jurisdiction_are_not_found(client, officer, outsider, law_27):
    application = application_open(decree=law_27, case=make_case(by=officer), by=officer)
    sign_in(client, outsider)
    assert client.get(application.get_absolute_url()).status_code == 404
    assert list(client.get(reverse("amnesty:applications")).context["page"].object_list) == []


@pytest.mark.parametrize("changes", [1, 4])
def test_the_absence_page_runs_the_same_queries_whatever_its_history(
    client, officer, decree_2015, changes, django_assert_max_num_queries
):
    absence = report_absence(officer)
    moves = [("emigrated", dt.date(2015, 8, 1)), ("prosecuted", dt.date(2016, 1, 1))]
    moves += [("deceased", dt.date(2017, 1, 1))]
    for to_status, on in moves[: changes - 1]:
        absence = absence_change_status(
            absence=absence, to_status=to_status, on=on, by=officer, reason="x"
        )
    sign_in(client, officer)
    with django_assert_max_num_queries(40):
        response = client.get(absence.get_absolute_url())
    assert len(response.context["changes"]) == changes


@pytest.mark.parametrize("exclusions", [0, 25])
def test_the_decree_page_runs_the_same_queries_for_few_or_many_exclusions(
    client, officer, law_27, exclusions, django_assert_max_num_queries
):
    for i in range(exclusions):
        law_27.exclusions.create(
            category="other", label_en=f"Exclusion {i}", label_ar="استثناء", source_text="test"
        )
    sign_in(client, officer)
    with django_assert_max_num_queries(16):
        response = client.get(law_27.get_absolute_url())
    assert len(response.context["exclusions"]) == 8 + exclusions


def test_the_amnesty_section_of_a_case_needs_only_the_case(officer, law_27):
    """The case page can include it without knowing this app."""
    from django.template.loader import render_to_string

    case = make_case(by=officer)
    application_open(decree=law_27, case=case, by=officer)
    html = render_to_string("amnesty/_for_case.html", {"case": case})
    assert 'id="amnesty"' in html and "General Amnesty Law No. 27 of 2016" in html


def test_the_admin_edits_decrees_and_offences(client, decree_2015, in_window):
    staff = UserFactory(roles=[roles.ADMINISTRATOR], is_staff=True)
    sign_in(client, staff)
    offence = Offence.objects.get(code="atl-4-1")
    for url in (
        reverse("admin:amnesty_decree_change", args=[decree_2015.pk]),
        reverse("admin:amnesty_decree_add"),
        reverse("admin:legal_offence_change", args=[offence.pk]),
        reverse("admin:legal_offence_add"),
        reverse("admin:amnesty_decree_history", args=[decree_2015.pk]),
    ):
        assert client.get(url).status_code == 200, url
    response = client.post(
        reverse("admin:legal_offence_change", args=[offence.pk]),
        {
            "code": offence.code,
            "law_en": offence.law_en,
            "law_ar": offence.law_ar,
            "article": offence.article,
            "title_en": offence.title_en,
            "title_ar": offence.title_ar,
            "category": offence.category,
            "flags": ["against_armed_forces"],
            "penalty_max": "death",
            "legal_source": "Checked against Al-Waqa'i al-Iraqiya 4009",
            "source_verified": "on",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    offence.refresh_from_db()
    assert offence.source_verified and offence.flags == ["against_armed_forces"]
    assert client.get(reverse("admin:legal_offence_changelist")).status_code == 200
