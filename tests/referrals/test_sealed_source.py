"""The source's identity appears nowhere but in the answer to a reveal: not in lists, pages,
search results, exports, notifications, e-mails, log lines, URLs, the admin's pages, the
history, or the database's own columns."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.urls import reverse

from cases.referrals.models import Referral
from tests.referrals.conftest import SOURCE, make_referral
from tests.support.auth import sign_in

pytestmark = pytest.mark.django_db

SECRETS = [SOURCE["source_name"], "770 123 4567", "7701234567", "Andalus", "grain silo"]


def leaks(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret in text]


@pytest.fixture
def everything(client, officer, supervisor, caplog, django_capture_on_commit_callbacks):
    """A referral through its life, with every page an officer and a supervisor see."""
    caplog.set_level(logging.DEBUG)
    officer.email, supervisor.email = "officer@example.iq", "supervisor@example.iq"
    officer.save()
    supervisor.save()
    referral = make_referral(by=officer, source_risk="critical")
    sign_in(client, officer)
    pages = [
        client.get(reverse("referrals:list")),
        client.get(reverse("referrals:list"), {"number": referral.number}),
        client.get(referral.get_absolute_url()),
        client.post(
            reverse("referrals:move", args=[referral.pk]),
            {"to_status": "contact", "note": "spoke to the source"},
            follow=True,
        ),
        client.get(reverse("deadlines:mine")),
        client.get(reverse("deadlines:notifications")),
        client.post(reverse("people:candidates"), {"name": "Abu Omar"}),
    ]
    # The reminders of the follow-up deadline, swept and sent (bell and e-mail).
    with time_machine.travel(referral.received_at + dt.timedelta(days=7)):
        from cases.deadlines.services import deadline_sweep

        with django_capture_on_commit_callbacks(execute=True):
            deadline_sweep()
    sign_in(client, supervisor)
    pages += [
        client.get(reverse("referrals:critical")),
        client.get(reverse("deadlines:notifications")),
        client.get(reverse("admin:referrals_referral_changelist")),
        client.get(reverse("admin:referrals_referral_change", args=[referral.pk])),
        client.get(reverse("admin:referrals_referral_history", args=[referral.pk])),
        client.get(reverse("referrals:reveal", args=[referral.pk])),
    ]
    return {"referral": referral, "pages": pages, "caplog": caplog}


def test_no_page_list_or_answer_shows_the_source(everything):
    for response in everything["pages"]:
        body = response.content.decode()
        assert leaks(body) == [], response.request["PATH_INFO"]
        assert leaks(response.get("Location", "")) == []
    assert everything["referral"].source_code in everything["pages"][0].content.decode()


def test_no_notification_or_email_carries_the_source(everything):
    from cases.deadlines.models import Notification

    assert Notification.objects.exists() and mail.outbox
    for note in Notification.objects.all():
        assert leaks(note.title + note.body + note.url) == []
    for message in mail.outbox:
        assert leaks(message.subject + message.body) == []


def test_no_log_line_carries_the_source(everything):
    text = "\n".join(r.getMessage() for r in everything["caplog"].records)
    assert leaks(text) == []


def test_the_access_log_and_its_export_carry_no_source(client, everything, auditor):
    from cases.audit.models import AccessLogEntry

    sign_in(client, auditor)
    export = client.get(reverse("audit:access_log_export"))
    csv = b"".join(export.streaming_content).decode()
    assert everything["referral"].number in csv
    assert leaks(csv) == []
    for entry in AccessLogEntry.objects.all():
        assert leaks(" ".join(str(v) for v in entry.__dict__.values())) == []


def test_the_database_holds_no_plaintext_of_the_source(referral):
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM referrals_referral")
        rows = " ".join(str(v) for row in cursor.fetchall() for v in row)
        cursor.execute("SELECT * FROM referrals_referralevent")
        history = " ".join(str(v) for row in cursor.fetchall() for v in row)
    assert referral.source_code in rows
    assert leaks(rows) == [] and leaks(history) == []


def test_the_phone_is_found_by_its_blind_index_only(referral):
    from cases.security.sealed import sealed_lookup

    found = Referral.objects.filter(**sealed_lookup(Referral, "source_phone_index", "07701234567"))
    assert list(found) == [referral]


def test_the_reveal_shows_the_source_only_in_its_answer(client, supervisor, officer):
    referral = make_referral(by=officer)
    sign_in(client, supervisor)
    form = client.get(reverse("referrals:reveal", args=[referral.pk])).content.decode()
    assert leaks(form) == []
    answer = client.post(
        reverse("referrals:reveal", args=[referral.pk]),
        {"reason": "arranging the handover with the father tonight"},
    )
    assert SOURCE["source_name"] in answer.content.decode()
    assert "no-store" in answer["Cache-Control"]
    again = client.get(referral.get_absolute_url()).content.decode()
    assert leaks(again) == []


def test_a_colleague_cannot_reveal_a_restricted_source(client, colleague, officer):
    referral = make_referral(by=officer)
    sign_in(client, colleague)
    assert client.get(reverse("referrals:reveal", args=[referral.pk])).status_code == 403
    response = client.post(
        reverse("referrals:reveal", args=[referral.pk]),
        {"reason": "I want to know who it is, please"},
    )
    assert response.status_code == 403
    assert leaks(response.content.decode()) == []


def test_searching_by_the_sources_name_finds_nothing(client, officer):
    referral = make_referral(by=officer)
    sign_in(client, officer)
    cases = client.post(reverse("casefiles:search"), {"name": SOURCE["source_name"]})
    assert list(cases.context["page"].object_list) == []
    listing = client.get(reverse("referrals:list"), {"number": SOURCE["source_name"]})
    assert referral not in list(listing.context["page"].object_list)
