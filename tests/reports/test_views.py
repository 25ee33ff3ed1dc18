"""The start page: each role sees its own desk, in English and in Arabic."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.support.auth import sign_in

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_officer_sees_his_cases_and_deadlines_empty(client, officer):
    client.force_login(officer)
    response = client.get(reverse("home"))
    html = response.content.decode()
    assert 'id="panel-my-cases"' in html
    assert 'id="panel-my-deadlines"' in html
    assert 'id="panel-docket"' not in html
    assert "No cases are assigned to you yet." in html


def test_judge_sees_his_docket_not_the_officer_desk(client, judge):
    sign_in(client, judge)
    html = client.get(reverse("home")).content.decode()
    assert 'id="panel-docket"' in html
    assert 'id="panel-my-cases"' not in html
    assert "No hearings are scheduled before you." in html


@pytest.mark.parametrize("who", ["officer", "judge"])
def test_start_page_in_arabic_is_right_to_left(client, request, who):
    user = request.getfixturevalue(who)
    user.language = "ar"
    user.save()
    sign_in(client, user)
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "bootstrap.rtl.min.css" in html
    assert "الصفحة الرئيسية" in html  # "Start" in the menu
    assert "Welcome" not in html


def test_user_without_role_is_told_to_ask_for_one(client, no_role_user):
    client.force_login(no_role_user)
    html = client.get(reverse("home")).content.decode()
    assert "holds no role yet" in html


def test_officer_start_page_lists_his_cases_and_their_24_hour_deadline(client, officer):
    from tests.factories import make_case

    case = make_case(by=officer)
    sign_in(client, officer)
    html = client.get(reverse("home")).content.decode()
    assert case.number in html
    assert "Papers before an investigating judge" in html


def test_supervisor_start_page_shows_overdue_deadlines_of_the_jurisdiction(
    client, supervisor, officer
):
    import datetime as dt

    from django.utils import timezone

    from cases.deadlines.models import Deadline
    from tests.factories import make_case

    case = make_case(by=officer)
    Deadline.objects.for_object(case).update(due_at=timezone.now() - dt.timedelta(hours=1))
    sign_in(client, supervisor)
    html = client.get(reverse("home")).content.decode()
    assert 'id="panel-jurisdiction"' in html and case.number in html
