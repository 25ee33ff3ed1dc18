"""Pages: my deadlines, the supervisor's view, a deadline and its actions, follow-ups, the bell."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from cases.deadlines.models import Deadline, Notification
from cases.deadlines.services import deadline_open
from tests.deadlines.conftest import DAY, HOUR
from tests.factories import DossierFactory, UnitFactory, UserFactory, governorate
from tests.support.auth import sign_in

pytestmark = pytest.mark.django_db


def _open(user, due_in, **kwargs):
    dossier = kwargs.pop("dossier", None) or DossierFactory()
    return deadline_open(
        kind="tests.hearing",
        record=dossier,
        governorate=dossier.governorate,
        due_at=timezone.now() + due_in,
        responsible_user=user,
        **kwargs,
    )


def test_my_deadlines_put_overdue_first(client, kind, officer):
    later = _open(officer, 20 * DAY)
    overdue = _open(officer, -HOUR)
    soon = _open(officer, HOUR)
    sign_in(client, officer)
    response = client.get(reverse("deadlines:mine"))
    groups = response.context["groups"]
    assert groups["overdue"] == [overdue]
    assert soon in groups["today"] or soon in groups["week"]
    assert groups["later"] == [later]
    html = response.content.decode()
    assert html.index("Overdue") < html.index(later.object_label)


def test_my_deadlines_show_only_mine(client, kind, officer, colleague):
    _open(colleague, DAY)
    sign_in(client, officer)
    groups = client.get(reverse("deadlines:mine")).context["groups"]
    assert not any(groups.values())


@pytest.mark.parametrize("count", [1, 60])
def test_my_deadlines_query_count_is_constant(
    client, kind, officer, count, django_assert_max_num_queries
):
    for i in range(count):
        _open(officer, (i + 1) * HOUR)
    sign_in(client, officer)
    with django_assert_max_num_queries(14):
        client.get(reverse("deadlines:mine"))


def test_supervision_shows_the_jurisdictions_overdue_only(client, kind, supervisor, officer):
    overdue = _open(officer, -HOUR)
    _open(officer, DAY)
    foreign_officer = UserFactory(
        unit=UnitFactory(governorate=governorate("NIN")), roles=["officer"]
    )
    _open(foreign_officer, -HOUR, dossier=DossierFactory(governorate=governorate("NIN")))
    sign_in(client, supervisor)
    page = client.get(reverse("deadlines:supervision")).context["page"]
    assert list(page.object_list) == [overdue]
    upcoming = client.get(reverse("deadlines:supervision"), {"which": "upcoming"}).context["page"]
    assert len(upcoming.object_list) == 1


@pytest.mark.parametrize("count", [1, 60])
def test_supervision_query_count_is_constant(
    client, kind, supervisor, officer, count, django_assert_max_num_queries
):
    for _ in range(count):
        _open(officer, -HOUR)
    sign_in(client, supervisor)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("deadlines:supervision"))
    assert len(response.context["page"].object_list) == min(count, 50)


def test_deadline_page_shows_the_legal_source_and_is_access_logged(client, kind, officer):
    from cases.audit.models import AccessLogEntry

    deadline = _open(officer, DAY)
    sign_in(client, officer)
    html = client.get(reverse("deadlines:detail", args=[deadline.pk])).content.decode()
    assert "Programme policy (test)" in html
    assert AccessLogEntry.objects.filter(action="view", object_id=str(deadline.pk)).exists()


def test_deadline_page_shows_the_legal_source_in_the_readers_language(client, kind, officer):
    deadline = _open(officer, DAY)
    officer.language = "ar"
    officer.save(update_fields=["language"])
    sign_in(client, officer)
    html = client.get(reverse("deadlines:detail", args=[deadline.pk])).content.decode()
    assert "سياسة البرنامج (اختبار)" in html
    assert "Programme policy (test)" not in html


def test_moving_without_a_reason_is_refused_with_an_explanation(client, kind, officer):
    deadline = _open(officer, DAY)
    sign_in(client, officer)
    new_due = (timezone.localtime() + 3 * DAY).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("deadlines:move", args=[deadline.pk]),
        {"due_at": new_due, "reason": ""},
        follow=True,
    )
    assert "Give the reason" in response.content.decode()
    deadline.refresh_from_db()
    assert deadline.generation == 1
    client.post(
        reverse("deadlines:move", args=[deadline.pk]),
        {"due_at": new_due, "reason": "court extended"},
    )
    deadline.refresh_from_db()
    assert deadline.generation == 2


def test_meet_and_cancel_from_the_page(client, kind, officer):
    met, cancelled = _open(officer, DAY), _open(officer, DAY)
    sign_in(client, officer)
    client.post(reverse("deadlines:meet", args=[met.pk]), {"reason": ""})
    client.post(reverse("deadlines:cancel", args=[cancelled.pk]), {"reason": "released"})
    assert Deadline.objects.get(pk=met.pk).status == "met"
    assert Deadline.objects.get(pk=cancelled.pk).status == "cancelled"


def test_a_judge_may_see_but_a_prison_clerk_may_not_change(client, kind, officer, db):
    deadline = _open(officer, DAY)
    clerk = UserFactory(
        unit=UnitFactory(governorate=governorate("ANB")), roles=["prison_administration"]
    )
    sign_in(client, clerk)
    assert client.get(reverse("deadlines:detail", args=[deadline.pk])).status_code == 200
    assert client.post(reverse("deadlines:meet", args=[deadline.pk])).status_code == 403


def test_add_a_follow_up_to_a_record(client, kind, officer):
    dossier = DossierFactory()
    url = reverse("deadlines:add", args=[ContentType.objects.get_for_model(dossier).pk, dossier.pk])
    sign_in(client, officer)
    past = (timezone.localtime() - DAY).strftime("%Y-%m-%dT%H:%M")
    response = client.post(url, {"due_at": past, "note": "call the father"})
    assert "must fall due in the future" in response.content.decode()
    assert "call the father" in response.content.decode()  # nothing typed is lost
    future = (timezone.localtime() + 2 * DAY).strftime("%Y-%m-%dT%H:%M")
    response = client.post(url, {"due_at": future, "note": "call the father"})
    assert response.status_code == 302
    deadline = Deadline.objects.get(kind__code="deadlines.follow_up")
    assert deadline.responsible_user == officer and deadline.note == "call the father"


def test_a_follow_up_on_a_record_outside_the_jurisdiction_is_not_found(client, kind, officer):
    foreign = DossierFactory(governorate=governorate("NIN"))
    url = reverse("deadlines:add", args=[ContentType.objects.get_for_model(foreign).pk, foreign.pk])
    sign_in(client, officer)
    assert client.get(url).status_code == 404


def test_the_bell_counts_unread_and_marking_read_follows_the_link(client, officer):
    first = Notification.objects.create(user=officer, title="Due in 1 day", url="/deadlines/")
    Notification.objects.create(user=officer, title="Due in 2 hours")
    sign_in(client, officer)
    html = client.get(reverse("home")).content.decode()
    assert 'id="bell-count">2<' in html
    response = client.post(reverse("deadlines:notification_read", args=[first.pk]))
    assert response["Location"] == "/deadlines/"
    assert 'id="bell-count">1<' in client.get(reverse("home")).content.decode()
    client.post(reverse("deadlines:notifications_read_all"))
    assert 'id="bell-count"' not in client.get(reverse("home")).content.decode()


def test_start_page_lists_my_deadlines(client, kind, officer):
    deadline = _open(officer, -dt.timedelta(minutes=5))
    sign_in(client, officer)
    html = client.get(reverse("home")).content.decode()
    assert deadline.object_label in html
    assert "No deadlines are due" not in html
