"""The imports demo: an absence list and a wanted list imported through the services, once."""

from __future__ import annotations

import pytest

from cases.accounts.models import Unit
from cases.amnesty.models import AbsenceReport
from cases.demo.seed import seed_all
from cases.imports import demo
from cases.imports.models import ImportJob, WantedEntry

pytestmark = pytest.mark.django_db


def test_the_demo_imports_both_lists_and_runs_twice_unchanged():
    from cases.amnesty import demo as amnesty_demo

    # Units, users and the deserters the wanted list names (the 300 cases are not needed).
    users = {u.username: u for u in seed_all(with_cases=False)}
    units = {u.code: u for u in Unit.objects.all()}
    amnesty_demo.seed(units=units, users=users)
    assert demo.seed(units=units, users=users) == 2
    jobs = ImportJob.objects.filter(file_name__in=[demo.ABSENCE_FILE, demo.WANTED_FILE])
    assert sorted(jobs.values_list("status", flat=True)) == ["done", "done"]
    assert AbsenceReport.objects.filter(service_number__startswith="DEMO-RPS-01").count() == 3
    entries = WantedEntry.objects.filter(warrant_number__startswith="DEMO-W-")
    assert entries.count() == 3
    bakr = entries.get(warrant_number="DEMO-W-17/2016")
    assert bakr.matched_person is not None
    assert bakr.matched_person.service_number == "DEMO-RPS-0002"
    before = (ImportJob.objects.count(), AbsenceReport.objects.count(), WantedEntry.objects.count())
    assert demo.seed(units=units, users=users) == 0
    after = (ImportJob.objects.count(), AbsenceReport.objects.count(), WantedEntry.objects.count())
    assert after == before
