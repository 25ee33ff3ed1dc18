"""The courts' demo: hearings on the docket, verdicts, a commutation waiting and one accepted,
a final verdict being served, a death sentence before the Court of Cassation; loaded once."""

from __future__ import annotations

import pytest

from cases.courts import demo
from cases.courts.models import CassationReview, CommutationRequest, Hearing, Verdict
from cases.demo.seed import seed_all

pytestmark = pytest.mark.django_db


def test_the_demo_shows_every_court_stage_and_runs_twice_unchanged():
    users = {u.username: u for u in seed_all()}
    assert Verdict.objects.count() >= 4
    assert Hearing.objects.filter(outcome="adjourned").exists()
    assert Hearing.objects.filter(outcome="scheduled", judge__username="judge.felony").exists()
    statuses = set(CommutationRequest.objects.values_list("status", flat=True))
    assert {"pending", "accepted"} <= statuses
    assert CassationReview.objects.filter(automatic=True).exists()
    assert Verdict.objects.filter(final_on__isnull=False, case__status="serving").exists()
    counts = (Verdict.objects.count(), Hearing.objects.count())
    from cases.accounts.models import Unit

    units = {u.code: u for u in Unit.objects.all()}
    assert demo.seed(units=units, users=users) == 0
    assert (Verdict.objects.count(), Hearing.objects.count()) == counts
