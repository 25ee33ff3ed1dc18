"""Pages of the tribal track: a case's tribal page and its forms, the records' pages and their
actions, the supervisors' lists; who may see and do what; queries at one row and at many."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.audit.models import AccessLogEntry
from cases.casefiles.models import Case
from cases.tribal import services
from cases.tribal.models import (
    Clearance,
    Disavowal,
    FamilyLink,
    Guarantee,
    Petition,
    ReturnHome,
    Sheikh,
)
from cases.tribal.selectors import tribal_section_for_case, tribal_section_for_person
from tests.factories import make_case
from tests.support.auth import sign_in
from tests.tribal.builders import (
    days,
    granted_clearance,
    make_disavowal,
    make_guarantee,
    make_panel,
    make_petition,
    make_settlement,
    make_sheikh,
    make_sitting,
    released_case,
    returned_case,
    tribe,
)

pytestmark = pytest.mark.django_db


def queries(client, url: str) -> int:
    """How many queries a GET of ``url`` runs (after a first GET warms the caches)."""
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(context.captured_queries)


def fill_case(case: Case, by, n: int) -> None:
    """``n`` records of each kind of the tribal track on ``case``."""
    panel = make_panel(by, name=f"Panel {case.pk}")
    for i in range(n):
        make_disavowal(case, by, document_reference=f"Ramadi court {i}")
        guarantee = make_guarantee(case, by, guarantor_name=f"Uncle {i}")
        services.guarantee_record_breach(
            guarantee=guarantee,
            data={"kind": "other", "occurred_on": days(0), "description": "late"},
            by=by,
        )
        make_settlement(case, by)
        make_petition(case, panel, by)
        services.protection_start(
            case=case,
            data={"kind": "patrol", "protected": f"Family {i}", "starts_on": days(0)},
            by=by,
        )
        relative = make_case(by=by).person
        services.family_link_add(person=case.person, relative=relative, relation="cousin", by=by)
        make_disavowal(Case.objects.filter(person=relative).get(), by)


# --- A case's tribal page ------------------------------------------------------------------------


def test_the_tribal_page_of_a_case_is_for_its_jurisdiction_and_access_logged(
    client, officer, colleague, outsider, no_role_user
):
    case = returned_case(officer)
    url = reverse("tribal:case", args=[case.pk])
    sign_in(client, colleague)
    page = client.get(url)
    assert page.status_code == 200
    assert "Returned home on" in page.content.decode()
    entry = AccessLogEntry.objects.filter(action="view").last()
    assert (entry.user, entry.object_label) == (colleague, case.number)
    assert sign_in(client, outsider).get(url).status_code == 404
    assert sign_in(client, no_role_user).get(url).status_code == 403


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_tribal_page_shows_every_part_and_the_familys_disavowals(client, officer, language):
    officer.language = language
    officer.save()
    case = returned_case(officer)
    fill_case(case, officer, 1)
    sign_in(client, officer)
    html = client.get(reverse("tribal:case", args=[case.pk])).content.decode()
    assert "Ramadi court 0" in html  # his own disavowal
    assert html.count('href="/tribal/disavowals/') == 2  # and his cousin's
    assert "Uncle 0" in html and "The family of a policeman" in html
    assert "Ramadi forgiveness panel" not in html  # the panel is named "Panel <pk>"
    assert f"Panel {case.pk}" in html
    assert "Family 0" in html


def test_the_tribal_page_runs_the_same_queries_for_one_record_or_many(client, officer):
    one, many = returned_case(officer), returned_case(officer)
    fill_case(one, officer, 1)
    fill_case(many, officer, 6)
    sign_in(client, officer)
    for name, cap in (("tribal:case", 40), ("tribal:family", 25)):
        counted = [queries(client, reverse(name, args=[c.pk])) for c in (one, many)]
        assert counted[0] == counted[1] <= cap, name


def test_the_section_selector_reads_a_case_without_tribal_records_in_one_query(
    officer, django_assert_num_queries
):
    case = make_case(by=officer)
    officer = type(officer).objects.get(pk=officer.pk)
    officer.has_perm("tribal.view_disavowal")  # permissions are cached per user, as in a request
    officer.jurisdiction_ids  # noqa: B018 - idem
    with django_assert_num_queries(1):
        section = tribal_section_for_case(officer, case)
    assert section["guarantees"] == [] and section["blockers"] == []


def test_the_person_section_shows_his_and_his_familys_disavowals(officer):
    case = make_case(by=officer)
    brother = make_case(by=officer)
    services.family_link_add(
        person=case.person, relative=brother.person, relation="sibling", by=officer
    )
    make_disavowal(brother, officer, document_reference="Hit police 2015/9")
    html = render_to_string(
        "tribal/_person_section.html",
        {"tribal_person": tribal_section_for_person(officer, case.person)},
    )
    assert "Hit police 2015/9" in html and brother.number in html


# --- Family --------------------------------------------------------------------------------------


def test_family_is_searched_by_post_logged_without_the_name_and_linked(client, officer):
    case = make_case(by=officer)
    cousin = make_case(
        by=officer,
        person_data={"given_name_ar": "عمر", "father_name_ar": "خلف", "family_name_ar": "العلواني"},
    )
    sign_in(client, officer)
    assert client.get(reverse("tribal:family_search", args=[case.pk])).status_code == 405
    response = client.post(
        reverse("tribal:family_search", args=[case.pk]), {"name": "عمر خلف العلواني"}
    )
    assert cousin.person in response.context["candidates"]
    entry = AccessLogEntry.objects.get(action="search")
    assert "العلواني" not in entry.path + entry.reason
    response = client.post(
        reverse("tribal:family_add", args=[case.pk]),
        {"relative": cousin.person.pk, "relation": "cousin"},
    )
    assert response.status_code == 302
    assert FamilyLink.objects.filter(person=case.person, relative=cousin.person).exists()


def test_a_person_outside_the_jurisdiction_cannot_be_linked(client, officer, outsider):
    case = make_case(by=officer)
    stranger = make_case(by=outsider).person
    sign_in(client, officer)
    client.post(
        reverse("tribal:family_add", args=[case.pk]),
        {"relative": stranger.pk, "relation": "cousin"},
    )
    assert not FamilyLink.objects.exists()


def test_brothers_are_suggested_by_their_name_chain(client, officer):
    case = make_case(by=officer)  # محمد عبد الله حسين الدليمي
    brother = make_case(
        by=officer,
        person_data={
            "given_name_ar": "أحمد",
            "father_name_ar": "عبد الله",
            "grandfather_name_ar": "حسين",
            "family_name_ar": "الدليمي",
        },
    )
    make_case(by=officer, person_data={"given_name_ar": "علي", "family_name_ar": "الدليمي"})
    sign_in(client, officer)
    suggestions = client.get(reverse("tribal:family", args=[case.pk])).context["suggestions"]
    assert [(s.person, s.relation) for s in suggestions] == [(brother.person, "sibling")]


# --- Forms from the case -------------------------------------------------------------------------


def test_a_disavowal_of_a_relative_is_recorded_from_the_case(client, officer):
    case = make_case(by=officer)
    brother = make_case(by=officer).person
    services.family_link_add(person=case.person, relative=brother, relation="sibling", by=officer)
    sign_in(client, officer)
    url = reverse("tribal:disavowal_new", args=[case.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "against": brother.pk,
            "filed_by": "tribe",
            "tribe": "",
            "filed_on": days(-3).isoformat(),
            "document_reference": "Ramadi court 2015/7",
        },
    )
    assert response.status_code == 200 and "Say which tribe or clan filed it." in (
        response.content.decode()
    )
    response = client.post(
        url,
        {
            "against": brother.pk,
            "filed_by": "tribe",
            "tribe": tribe().pk,
            "filed_on": days(-3).isoformat(),
            "document_reference": "Ramadi court 2015/7",
        },
    )
    disavowal = Disavowal.objects.get()
    assert response["Location"] == disavowal.get_absolute_url()
    assert (disavowal.person, disavowal.governorate) == (brother, case.governorate)


def test_a_guarantee_form_keeps_what_was_typed_when_refused(client, officer):
    case = make_case(by=officer)
    sign_in(client, officer)
    response = client.post(
        reverse("tribal:guarantee_new", args=[case.pk]),
        {
            "guarantor_kind": "sheikh",
            "residence": "al-Andalus quarter",
            "starts_on": days(0).isoformat(),
            "ends_on": days(90).isoformat(),
        },
    )
    html = response.content.decode()
    assert "Choose the sheikh who guarantees him." in html and "al-Andalus quarter" in html
    assert not Guarantee.objects.exists()


def test_a_petition_to_a_panel_is_recorded_from_the_case(client, officer):
    case = make_case(by=officer)
    panel = make_panel(officer)
    sign_in(client, officer)
    response = client.post(
        reverse("tribal:petition_new", args=[case.pk]),
        {
            "panel": panel.pk,
            "filed_by": "family",
            "filer_name": "His mother",
            "filed_on": days(0).isoformat(),
            "joining": "voluntary",
            "declares_no_killing": "on",
        },
    )
    petition = Petition.objects.get()
    assert response["Location"] == petition.get_absolute_url()
    assert petition.declares_no_killing and petition.recorded_by == officer


def test_the_way_home_through_the_pages(client, officer, supervisor):
    case = released_case(officer)
    sign_in(client, officer)
    client.post(
        reverse("tribal:clearance_new", args=[case.pk]),
        {"requested_on": days(-5).isoformat(), "requested_from": "NSS Anbar"},
    )
    clearance = Clearance.objects.get()
    url = reverse("tribal:clearance", args=[clearance.pk])
    decision = {
        "granted": "granted",
        "decided_on": days(-2).isoformat(),
        "authority": "NSS Anbar",
        "reason": "No warrant",
    }
    assert client.get(url).context["form"] is None  # officers do not record decisions
    assert client.post(url, decision).status_code == 403
    sign_in(client, supervisor)
    assert client.post(url, decision).status_code == 302
    clearance.refresh_from_db()
    assert (clearance.status, clearance.decision_recorded_by) == ("granted", supervisor)
    sign_in(client, officer)
    response = client.post(
        reverse("tribal:return_new", args=[case.pk]),
        {
            "clearance": clearance.pk,
            "returned_on": days(-1).isoformat(),
            "governorate": case.governorate.pk,
            "locality": "al-Andalus quarter",
            "visit_every_days": 30,
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "reintegration" and ReturnHome.objects.filter(case=case).exists()
    visit = case.follow_up_visits.get()
    response = client.post(
        reverse("tribal:visit", args=[visit.pk]),
        {"visited_on": days(0).isoformat(), "outcome": "settled"},
    )
    assert response.status_code == 302
    response = client.post(reverse("tribal:close", args=[case.pk]), {"reason": "Settled"})
    case.refresh_from_db()
    assert case.status == "closed"


def test_closing_too_early_explains_why(client, officer):
    case = returned_case(officer)
    sign_in(client, officer)
    response = client.post(
        reverse("tribal:close", args=[case.pk]), {"reason": "Settled"}, follow=True
    )
    assert "still planned" in response.content.decode()
    case.refresh_from_db()
    assert case.status == "reintegration"


# --- Records and their actions -------------------------------------------------------------------


def test_a_refused_action_comes_back_as_a_message(client, officer):
    disavowal = make_disavowal(make_case(by=officer), officer)
    services.disavowal_decide(
        disavowal=disavowal, to_status="withdrawn", on=days(0), by=officer, reason="Back home"
    )
    sign_in(client, officer)
    response = client.post(
        reverse("tribal:disavowal_decide", args=[disavowal.pk]),
        {"to_status": "upheld", "on": days(0).isoformat(), "reason": "x"},
        follow=True,
    )
    assert "cannot become" in response.content.decode()


def test_a_judge_reads_the_tribal_track_but_does_not_act(client, officer, judge):
    guarantee = make_guarantee(make_case(by=officer), officer)
    sign_in(client, judge)
    page = client.get(reverse("tribal:guarantee", args=[guarantee.pk]))
    assert page.status_code == 200 and page.context["end_form"] is None
    response = client.post(
        reverse("tribal:guarantee_report", args=[guarantee.pk]),
        {"reported_on": days(0).isoformat()},
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("who", "status"), [("officer", 200), ("colleague", 200), ("outsider", 404)]
)
def test_a_record_is_seen_in_its_jurisdiction_only(
    client, officer, colleague, outsider, who, status
):
    guarantee = make_guarantee(make_case(by=officer), officer)
    user = {"officer": officer, "colleague": colleague, "outsider": outsider}[who]
    sign_in(client, user)
    assert client.get(reverse("tribal:guarantee", args=[guarantee.pk])).status_code == status
    response = client.post(
        reverse("tribal:guarantee_report", args=[guarantee.pk]),
        {"reported_on": days(0).isoformat()},
    )
    assert response.status_code == (302 if status == 200 else 404)


def test_a_report_and_a_breach_are_recorded_from_the_guarantee_page(client, officer):
    guarantee = make_guarantee(make_case(by=officer), officer)
    sign_in(client, officer)
    client.post(
        reverse("tribal:guarantee_report", args=[guarantee.pk]),
        {"reported_on": days(0).isoformat(), "note": "early"},
    )
    client.post(
        reverse("tribal:guarantee_breach", args=[guarantee.pk]),
        {"kind": "contact", "occurred_on": days(0).isoformat(), "description": "Phone calls"},
    )
    client.post(
        reverse("tribal:guarantee_end", args=[guarantee.pk]),
        {"to_status": "revoked", "on": days(0).isoformat(), "reason": "Contact with the group"},
    )
    guarantee.refresh_from_db()
    assert guarantee.reports.count() == 1 and guarantee.breaches.count() == 1
    assert guarantee.status == "revoked"


@pytest.mark.parametrize("rows", [1, 8])
def test_the_guarantee_page_queries_do_not_grow_with_its_reports_and_breaches(
    client, officer, rows, django_assert_max_num_queries
):
    guarantee = make_guarantee(make_case(by=officer), officer, sheikh=make_sheikh(officer))
    for _ in range(rows):
        services.guarantee_record_report(guarantee=guarantee, reported_on=days(0), by=officer)
        services.guarantee_record_breach(
            guarantee=guarantee,
            data={"kind": "other", "occurred_on": days(0), "description": "x"},
            by=officer,
        )
    sign_in(client, officer)
    with django_assert_max_num_queries(30):
        assert client.get(reverse("tribal:guarantee", args=[guarantee.pk])).status_code == 200


def test_the_record_pages_run_the_same_queries_for_one_row_or_many(client, officer):
    """Each record page with one child row, then with many: the count must not grow."""
    counts = {}
    for n in (1, 6):
        case = make_case(by=officer)
        sheikh = make_sheikh(officer)
        panel = make_panel(officer, name=f"Panel {n}")
        sitting = make_sitting(panel, officer)
        for i in range(n):
            services.panel_member_add(
                panel=panel,
                data={"kind": "tribal", "role": "member", "sheikh": sheikh, "since": days(0)},
                by=officer,
            )
            make_sitting(panel, officer, at=timezone.now() + dt.timedelta(days=10 + i))
            other = make_case(by=officer)
            petition = make_petition(other, panel, officer)
            services.petition_list(petition=petition, sitting=sitting, by=officer)
            make_guarantee(other, officer, guarantor_kind="sheikh", sheikh=sheikh)
        settlement = make_settlement(case, officer)
        disavowal = make_disavowal(case, officer)
        sign_in(client, officer)
        counts[n] = {
            name: queries(client, url)
            for name, url in {
                "panel": panel.get_absolute_url(),
                "sitting": sitting.get_absolute_url(),
                "petition": petition.get_absolute_url(),
                "sheikh": sheikh.get_absolute_url(),
                "settlement": settlement.get_absolute_url(),
                "disavowal": disavowal.get_absolute_url(),
            }.items()
        }
    assert counts[1] == counts[6]
    assert max(counts[6].values()) <= 30


# --- Lists for supervisors -----------------------------------------------------------------------

LISTS = [
    "tribal:disavowals",
    "tribal:guarantees",
    "tribal:settlements",
    "tribal:petitions",
    "tribal:clearances",
    "tribal:returnees",
    "tribal:panels",
    "tribal:sheikhs",
]


def fill_lists(by, n: int) -> None:
    for i in range(n):
        panel = make_panel(by, name=f"Panel {i}")
        case = returned_case(by)
        make_disavowal(case, by)
        make_guarantee(case, by, guarantor_kind="sheikh", sheikh=make_sheikh(by))
        make_settlement(case, by)
        make_petition(case, panel, by)
        services.protection_start(
            case=case,
            data={"kind": "patrol", "protected": "His parents", "starts_on": days(0)},
            by=by,
        )


@pytest.mark.parametrize("name", LISTS)
def test_the_lists_run_the_same_queries_for_one_row_or_many(client, officer, supervisor, name):
    fill_lists(officer, 1)
    sign_in(client, supervisor)
    one = queries(client, reverse(name))
    fill_lists(officer, 25)
    many = queries(client, reverse(name))
    assert one == many <= 20
    page = client.get(reverse(name)).context["page"]
    assert len(page.object_list) == 25


@pytest.mark.parametrize("name", LISTS[:6])
def test_the_supervisors_lists_are_not_an_officers(client, officer, name):
    sign_in(client, officer)
    assert client.get(reverse(name)).status_code == 403


def test_the_lists_show_only_the_jurisdiction(client, officer, outsider, supervisor):
    fill_lists(outsider, 2)
    sign_in(client, supervisor)
    for name in LISTS:
        assert list(client.get(reverse(name)).context["page"].object_list) == [], name


def test_the_lists_filter(client, officer, supervisor):
    fill_lists(officer, 2)
    overdue = Guarantee.objects.first()
    Guarantee.objects.filter(pk=overdue.pk).update(next_report_due=days(-1))
    Disavowal.objects.filter(pk=Disavowal.objects.first().pk).update(status="upheld")
    sign_in(client, supervisor)

    def rows(name, **params):
        return list(client.get(reverse(name), params).context["page"].object_list)

    assert rows("tribal:guarantees", overdue="on") == [overdue]
    assert len(rows("tribal:disavowals", status="upheld")) == 1
    assert len(rows("tribal:returnees")) == 2
    assert rows("tribal:returnees", status="closed") == []
    assert rows("tribal:returnees", overdue="on") == []


def test_the_returnee_list_shows_the_next_visit_and_the_last_outcome(client, officer, supervisor):
    case = returned_case(officer)
    services.visit_record(
        visit=case.follow_up_visits.get(),
        visited_on=days(0),
        outcome="difficulties",
        notes="No identity card",
        next_due_on=days(14),
        by=officer,
    )
    sign_in(client, supervisor)
    html = client.get(reverse("tribal:returnees")).content.decode()
    assert "Difficulties (work, papers, housing)" in html


def test_the_start_page_counts_what_is_open(client, officer, supervisor):
    fill_lists(officer, 2)
    sign_in(client, supervisor)
    counts = client.get(reverse("tribal:overview")).context["counts"]
    assert counts["returnees"] == 2 and counts["guarantees"] == 2 and counts["petitions"] == 2
    sign_in(client, officer)
    assert client.get(reverse("tribal:overview")).status_code == 200


def test_sheikhs_are_recorded_and_edited_with_a_reason(client, officer):
    sign_in(client, officer)
    response = client.post(
        reverse("tribal:sheikh_new"),
        {
            "name_ar": "الشيخ عواد المحلاوي",
            "title": "clan_head",
            "tribe": tribe("albu-mahal").pk,
            "governorate": officer.unit.governorate.pk,
        },
    )
    sheikh = Sheikh.objects.get(name_ar="الشيخ عواد المحلاوي")
    assert response["Location"] == sheikh.get_absolute_url()
    edit = reverse("tribal:sheikh_edit", args=[sheikh.pk])
    data = {
        "name_ar": sheikh.name_ar,
        "title": "tribe_head",
        "tribe": sheikh.tribe_id,
        "governorate": sheikh.governorate_id,
    }
    assert "reason" in client.post(edit, data).context["form"].errors
    assert client.post(edit, {**data, "reason": "He leads the tribe now"}).status_code == 302
    sheikh.refresh_from_db()
    assert sheikh.title == "tribe_head"


def test_the_tribes_page_lists_the_reference_tribes(client, officer):
    sign_in(client, officer)
    html = client.get(reverse("tribal:tribes")).content.decode()
    for name in ("Dulaim", "Albu Nimr", "Jubour", "Shammar", "Zoba'", "الجبور"):
        assert name in html.replace("&#x27;", "'")


def test_a_sitting_is_recorded_held_and_its_petitions_decided_from_the_pages(client, officer):
    case = make_case(by=officer)
    panel = make_panel(officer)
    sitting = make_sitting(panel, officer)
    member = services.panel_member_add(
        panel=panel,
        data={"kind": "military", "role": "chair", "name": "Brig. Salah", "since": days(-1)},
        by=officer,
    )
    petition = make_petition(case, panel, officer)
    sign_in(client, officer)
    client.post(reverse("tribal:petition_list_at", args=[petition.pk]), {"sitting": sitting.pk})
    client.post(
        reverse("tribal:sitting_held", args=[sitting.pk]),
        {
            "held_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "members_present": [member.pk],
            "minutes": "Heard",
        },
    )
    response = client.post(
        reverse("tribal:petition_decide", args=[petition.pk]),
        {"recommendation": "forgive", "reasons": "Coerced", "to_court": "on"},
    )
    assert response.status_code == 302
    petition.refresh_from_db()
    assert (petition.status, petition.to_court) == ("decided", True)
    html = client.get(reverse("tribal:case", args=[case.pk])).content.decode()
    assert "recommendation to the court" in html


def test_granted_clearance_is_required_to_offer_the_return(client, officer):
    case = released_case(officer)
    granted_clearance(case, officer)
    sign_in(client, officer)
    form = client.get(reverse("tribal:return_new", args=[case.pk])).context["form"]
    assert list(form.fields["clearance"].queryset) == list(case.clearances.all())
