"""Celery tasks of the exports app: one run per export, and the housekeeping beat sends.

Both take ids (or nothing) and call a service; both are safe to run twice: a done export is
left alone, an export another worker is running is not run again, and housekeeping only acts on
what is due.
"""

from __future__ import annotations

from celery import shared_task

from .services import export_run as export_run_service
from .services import exports_housekeeping


@shared_task(
    name="exports.run",
    ignore_result=True,
    acks_late=True,
    reject_on_worker_lost=True,
)
def export_run(job_id: int) -> str:
    """Write the export ``job_id`` (see ``services.export_run``); returns its status."""
    job = export_run_service(job_id=job_id)
    return job.status if job is not None else "skipped"


@shared_task(name="exports.housekeeping", ignore_result=True)
def housekeeping() -> dict[str, int]:
    """Delete expired files and queue lost exports again (beat, every few minutes)."""
    result = exports_housekeeping()
    return {"expired": result.expired, "requeued": result.requeued, "given_up": result.given_up}
