"""Celery task of the imports app: the import of a confirmed list."""

from __future__ import annotations

from celery import shared_task

from .services import import_job_run


@shared_task(name="imports.run", ignore_result=True, acks_late=True, reject_on_worker_lost=True)
def import_run(job_id: int) -> str:
    """Import the confirmed list ``job_id``: every row in one transaction, or nothing (see
    :func:`cases.imports.services.import_job_run`). Safe to run twice: a job already imported,
    failed or discarded is left as it is. Returns the job's status."""
    job = import_job_run(job_id=job_id)
    return job.status if job else "gone"
