"""The progress bar moves while the import's transaction is open, and what the import writes is
seen by nobody until it commits (or ever, when it fails). These tests commit for real."""

from __future__ import annotations

import pytest
from django.db import DEFAULT_DB_ALIAS, connections

from cases.amnesty.models import AbsenceReport
from cases.imports import services
from cases.imports.services import import_job_run
from tests.imports.conftest import absence_row, check_absences, confirm

pytestmark = pytest.mark.django_db(transaction=True)


def _look_from_outside(job_id: int, numbers: list[str]) -> tuple[str, int, int]:
    """What another connection (the progress page's) sees now."""
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with other.cursor() as cursor:
            cursor.execute(
                "SELECT status, rows_done FROM imports_importjob WHERE id = %s", [job_id]
            )
            status, done = cursor.fetchone()
            cursor.execute(
                "SELECT count(*) FROM amnesty_absencereport WHERE service_number = ANY(%s)",
                [numbers],
            )
            return status, done, cursor.fetchone()[0]
    finally:
        other.close()


def test_progress_is_seen_while_the_transaction_is_open(officer, monkeypatch):
    numbers = [f"7D-{i}" for i in range(1, 7)]
    job = check_absences(officer, [absence_row(n) for n in numbers])
    real = services.absence_report
    seen = []

    def watched(**kwargs):
        seen.append(_look_from_outside(job.pk, numbers))
        return real(**kwargs)

    monkeypatch.setattr(services, "absence_report", watched)
    # Confirmed outside any transaction: the task is queued on commit (and run, eagerly).
    confirm(job, officer)
    job.refresh_from_db()
    assert job.status == "done"
    assert import_job_run(job_id=job.pk).status == "done"  # a second delivery: nothing more
    # Before row n is written, n-1 rows are reported done, and none is visible yet.
    assert seen == [("running", n, 0) for n in range(6)]
    assert _look_from_outside(job.pk, numbers) == ("done", 6, 6)


def test_a_failure_in_the_middle_rolls_back_the_committed_transaction(officer, monkeypatch):
    numbers = [f"7D-{i}" for i in range(1, 6)]
    job = check_absences(officer, [absence_row(n) for n in numbers])
    real = services.absence_report

    def failing(**kwargs):
        if kwargs["service_number"] == "7D-4":
            raise RuntimeError("the worker's disk is full")
        return real(**kwargs)

    monkeypatch.setattr(services, "absence_report", failing)
    persons_before = _persons()
    with pytest.raises(RuntimeError):
        confirm(job, officer)  # the task runs on commit, eagerly, and raises
    status, done, absences = _look_from_outside(job.pk, numbers)
    assert (status, absences) == ("failed", 0)
    assert done == 3  # how far it got, shown on the failed job
    assert _persons() == persons_before
    assert not AbsenceReport.objects.filter(service_number__in=numbers).exists()


def _persons() -> int:
    from cases.people.models import Person

    return Person.objects.count()
