"""The export task: progress written as it goes, safe to run twice, a lost worker taken over,
a failure recorded for the user, and the housekeeping of expired files and lost messages."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os

import pytest
from django.utils import timezone

from cases.exports import services
from cases.exports.models import ExportJob
from cases.exports.services import export_preview, export_request, export_run
from cases.exports.tasks import export_run as export_run_task
from cases.exports.tasks import housekeeping
from tests.exports.conftest import csv_rows
from tests.factories import make_case

pytestmark = pytest.mark.django_db
S = ExportJob.Status


def _job(user, fmt="csv", **kwargs) -> ExportJob:
    preview = export_preview(user=user, dataset="cases")
    return export_request(user=user, dataset="cases", format=fmt, filters=preview.filters, **kwargs)


@pytest.fixture
def five_cases(officer):
    return [make_case(by=officer) for _ in range(5)]


def test_progress_is_written_every_n_rows_as_the_rows_are_written(
    officer, five_cases, settings, monkeypatch
):
    settings.EXPORTS_PROGRESS_EVERY = 2
    settings.EXPORTS_CHUNK_SIZE = 2
    job = _job(officer)
    seen = []
    progress = services._progress

    def spy(job, token, **fields):
        progress(job, token, **fields)
        # What the page's poll would read now: another query, after the short transaction.
        row = ExportJob.objects.values("status", "rows_done", "rows_total").get(pk=job.pk)
        seen.append((row["status"], row["rows_done"], row["rows_total"]))

    monkeypatch.setattr(services, "_progress", spy)
    job = export_run(job_id=job.pk)
    assert seen == [("running", 0, 5), ("running", 2, 5), ("running", 4, 5)]
    assert (job.status, job.rows_done, job.rows_total, job.percent) == (S.DONE, 5, 5, 100)
    assert len(csv_rows(job)) == 6
    assert job.started_at <= job.finished_at
    assert job.expires_at == job.finished_at + dt.timedelta(days=1)


def test_the_task_queued_after_commit_runs_the_export(
    officer, five_cases, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = _job(officer)
    assert len(callbacks) == 1
    job.refresh_from_db()
    assert job.status == S.DONE and job.rows_done == 5


def test_a_second_run_of_a_done_export_does_nothing(officer, five_cases, export_root):
    job = export_run(job_id=_job(officer).pk)
    name, finished = job.file.name, job.finished_at
    assert export_run_task(job.pk) == "skipped"
    job.refresh_from_db()
    assert (job.file.name, job.finished_at, job.attempts) == (name, finished, 1)
    assert os.listdir(export_root) == [name]


def test_an_export_another_worker_is_running_is_not_run_twice(officer, five_cases):
    job = _job(officer)
    ExportJob.objects.filter(pk=job.pk).update(
        status=S.RUNNING, claim="other-worker", heartbeat_at=timezone.now()
    )
    assert export_run(job_id=job.pk) is None
    job.refresh_from_db()
    assert (job.status, job.claim, job.file.name) == (S.RUNNING, "other-worker", "")


def test_an_export_whose_worker_went_silent_is_taken_over(officer, five_cases, settings):
    settings.EXPORTS_STALE_AFTER = 60
    job = _job(officer)
    ExportJob.objects.filter(pk=job.pk).update(
        status=S.RUNNING,
        claim="dead-worker",
        attempts=1,
        heartbeat_at=timezone.now() - dt.timedelta(minutes=5),
    )
    job = export_run(job_id=job.pk)
    assert (job.status, job.rows_done, job.attempts) == (S.DONE, 5, 2)
    assert job.claim != "dead-worker"


def test_a_run_that_was_taken_over_stops_and_leaves_no_file(
    officer, five_cases, settings, monkeypatch, export_root
):
    settings.EXPORTS_PROGRESS_EVERY = 2
    job = _job(officer)
    progress = services._progress

    def taken_over(job, token, **fields):
        if fields.get("rows_done") == 2:  # meanwhile another worker claimed it
            ExportJob.objects.filter(pk=job.pk).update(claim="newer-run")
        progress(job, token, **fields)

    monkeypatch.setattr(services, "_progress", taken_over)
    assert export_run(job_id=job.pk) is None
    job.refresh_from_db()
    assert (job.status, job.claim, job.file.name) == (S.RUNNING, "newer-run", "")
    assert os.listdir(export_root) == []


def test_a_failure_is_recorded_for_the_user_and_the_partial_file_removed(
    officer, five_cases, monkeypatch, export_root, caplog
):
    from cases.exports import datasets

    def boom(case):
        raise RuntimeError(f"secret {case.person.display_name}")

    failing = dataclasses.replace(
        datasets.CASES,
        columns=lambda labels: (*datasets.CASES.columns(labels), datasets.Column("x", boom)),
    )
    monkeypatch.setitem(datasets.DATASETS, "cases", failing)
    job = export_run(job_id=_job(officer).pk)
    assert job.status == S.FAILED
    assert job.error.startswith("The export failed.")
    # The exception's text (a name) reaches neither the page nor the log; its kind does.
    assert "secret" not in job.error
    assert "RuntimeError" in caplog.text and "secret" not in caplog.text
    assert job.finished_at is not None and not job.file
    assert os.listdir(export_root) == []


def test_an_account_that_lost_the_permission_gets_a_failed_export(officer, five_cases):
    job = _job(officer)
    officer.groups.clear()
    job = export_run(job_id=job.pk)
    assert job.status == S.FAILED
    assert "no longer export" in job.error


def test_filters_that_no_longer_pass_the_form_fail_the_export(officer, five_cases):
    job = _job(officer)
    ExportJob.objects.filter(pk=job.pk).update(filters={"scope": "list", "status": "bogus"})
    job = export_run(job_id=job.pk)
    assert job.status == S.FAILED
    assert "no longer valid" in job.error


def test_housekeeping_deletes_expired_files_and_keeps_the_record(officer, five_cases, export_root):
    job = export_run(job_id=_job(officer).pk)
    fresh = export_run(job_id=_job(officer).pk)
    ExportJob.objects.filter(pk=job.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    result = housekeeping()
    assert result["expired"] == 1
    job.refresh_from_db()
    assert (job.status, job.file.name) == (S.EXPIRED, "")
    assert os.listdir(export_root) == [fresh.file.name]
    assert housekeeping()["expired"] == 0  # safe to run twice


def test_housekeeping_queues_lost_exports_again_and_gives_up_after_three_attempts(
    officer, five_cases, settings, django_capture_on_commit_callbacks
):
    settings.EXPORTS_STALE_AFTER = 60
    long_ago = timezone.now() - dt.timedelta(minutes=10)
    lost = _job(officer)
    hopeless = _job(officer)
    ExportJob.objects.filter(pk=lost.pk).update(created_at=long_ago)
    ExportJob.objects.filter(pk=hopeless.pk).update(
        status=S.RUNNING, heartbeat_at=long_ago, attempts=3, claim="x"
    )
    recent = _job(officer)
    with django_capture_on_commit_callbacks(execute=True):
        result = housekeeping()
    assert result == {"expired": 0, "requeued": 1, "given_up": 1}
    lost.refresh_from_db()
    hopeless.refresh_from_db()
    recent.refresh_from_db()
    assert lost.status == S.DONE  # the eager worker ran the message sent again
    assert hopeless.status == S.FAILED and "given up" in hopeless.error
    assert recent.status == S.QUEUED  # its message may simply still be on its way


@pytest.mark.parametrize("dataset", ["cases", "referrals"])
def test_an_export_runs_the_same_queries_for_one_row_or_thirty(officer, dataset, settings):
    """No column reads a field the export did not load: a query per row would cost a hundred
    thousand queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.referrals.conftest import make_referral

    def make():
        return make_case(by=officer) if dataset == "cases" else make_referral(by=officer)

    settings.EXPORTS_PROGRESS_EVERY = 1000
    counts, made = [], 0
    for rows in (1, 30):
        for _ in range(rows - made):
            make()
        made = rows
        preview = export_preview(user=officer, dataset=dataset)
        job = export_request(user=officer, dataset=dataset, format="xlsx", filters=preview.filters)
        with CaptureQueriesContext(connection) as queries:
            job = export_run(job_id=job.pk)
        assert job.rows_done == rows
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1], counts
