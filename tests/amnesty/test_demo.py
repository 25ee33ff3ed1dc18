"""The amnesty demo: a unit with absences, returns within and after the 2015 window, an emigrated
soldier, and Law 27/2016 applications; loaded once however often it runs."""

from __future__ import annotations

import pytest

from cases.amnesty import demo
from cases.amnesty.models import AbsenceReport, Application
from cases.demo.seed import seed_all
from cases.legal.models import Charge

pytestmark = pytest.mark.django_db


def test_the_demo_shows_the_deserters_track_and_runs_twice_unchanged():
    users = {u.username: u for u in seed_all()}
    army = AbsenceReport.objects.filter(unit__code="anb-7-div")
    assert army.count() >= 5
    decisions = {
        a.absence.service_number: a.status
        for a in Application.objects.filter(decree__code="deserters-2015").select_related("absence")
    }
    assert decisions["DEMO-7D-0003"] == "granted"  # day 30, 23:40 in Baghdad
    assert decisions["DEMO-7D-0004"] == "refused"  # day 31, 00:20
    assert decisions["DEMO-7D-0006"] == "review"
    emigrant = AbsenceReport.objects.get(service_number="DEMO-7D-0005")
    assert emigrant.status == "emigrated" and emigrant.emigrated_to == "Germany"
    law_27 = Application.objects.filter(decree__code="law-27-2016")
    assert sorted(law_27.values_list("status", flat=True)) == ["granted", "refused", "review"]

    counts = (AbsenceReport.objects.count(), Application.objects.count(), Charge.objects.count())
    from cases.accounts.models import Unit
    from cases.legal import demo as legal_demo

    units = {u.code: u for u in Unit.objects.all()}
    assert legal_demo.seed(units=units, users=users) == 0
    assert demo.seed(units=units, users=users) == 0
    assert (
        AbsenceReport.objects.count(),
        Application.objects.count(),
        Charge.objects.count(),
    ) == counts
