"""The docket pages by keyset through a busy court's hearings, in the order of the day, with the
same statements on every page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.courts import views
from cases.courts.models import Hearing
from cases.courts.services import hearing_schedule
from tests.courts.conftest import make_trial_case
from tests.support.auth import sign_in

pytestmark = pytest.mark.django_db


def test_the_docket_pages_through_every_hearing_with_the_same_queries(
    client, officer, felony_judge, monkeypatch
):
    monkeypatch.setattr(views, "DOCKET_PAGE_SIZE", 3)
    base = timezone.localtime().replace(minute=0, second=0, microsecond=0) + dt.timedelta(days=1)
    hearings = [
        hearing_schedule(
            case=make_trial_case(officer),
            court=felony_judge.unit,
            judge=felony_judge,
            scheduled_at=base + dt.timedelta(hours=i),
            kind="trial",
            by=felony_judge,
        )
        for i in range(8)
    ]
    # Ties: four postponed hearings (which keep no slot) at one time in one room, two in another.
    Hearing.objects.filter(pk__in=[h.pk for h in hearings[:4]]).update(
        scheduled_at=base + dt.timedelta(hours=3), outcome=Hearing.Outcome.POSTPONED
    )
    Hearing.objects.filter(pk__in=[h.pk for h in hearings[:2]]).update(courtroom="2")
    for h in hearings:
        h.refresh_from_db()
    sign_in(client, felony_judge)
    url = reverse("courts:docket") + "?which=all"
    client.get(url)
    counts, seen, next_url = [], [], url
    while next_url:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(next_url)
        counts.append(len(ctx.captured_queries))
        page = response.context["page"]
        seen.extend(response.context["docket"].hearings)
        next_url = reverse("courts:docket") + page.next_url if page.has_next else ""
    expected = sorted(hearings, key=lambda h: (h.scheduled_at, h.courtroom, h.pk))
    assert [h.pk for h in seen] == [h.pk for h in expected]
    assert len(counts) == 3 and counts[0] <= 16
    assert counts[1] == counts[2] == counts[0] - 1  # the first page alone counts (capped)
