"""Writes of the exports app: ask for an export, run it (the worker), and keep the files tidy.

An export is asked for from a list page (``export_request``): the page's filters are checked by
the page's own filter form, the rows are counted in the user's jurisdiction, the request is
written to the access log (list, format, number of rows; never a name), and the job is queued
after commit. The worker (``export_run``) claims the job, streams the rows with a server-side
cursor into a CSV (UTF-8 with a BOM, so that Excel reads Arabic) or an Excel file (openpyxl's
write-only mode), writes its progress every few thousand rows in a short transaction of its own,
and marks the job done. Every cell goes through ``csv_cell``: a value that starts like a formula
is never run by a spreadsheet.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import logging
import os
import re
import secrets
import traceback
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from cases.audit.models import AccessLogEntry
from cases.audit.services import access_log_record
from cases.security.exports import csv_cell

from .datasets import DATASETS, Dataset, FiltersInvalid, Labels
from .models import ExportJob

logger = logging.getLogger(__name__)
S = ExportJob.Status

#: The permission to export at all; each list also needs its own view permission.
EXPORT_PERMISSION = "exports.add_exportjob"


def _setting(name: str, default: Any) -> Any:
    return getattr(settings, name, default)


def retention() -> dt.timedelta:
    """How long a finished file is kept (``EXPORTS_RETENTION``, seconds; a day by default)."""
    return dt.timedelta(seconds=_setting("EXPORTS_RETENTION", 24 * 3600))


def max_rows() -> int:
    """The most rows one export may hold (Excel's sheet holds 1,048,576)."""
    return _setting("EXPORTS_MAX_ROWS", 1_000_000)


def max_active() -> int:
    """How many exports a user may have waiting or running at once."""
    return _setting("EXPORTS_MAX_ACTIVE", 3)


def stale_after() -> dt.timedelta:
    """A running export that wrote no progress for this long has lost its worker."""
    return dt.timedelta(seconds=_setting("EXPORTS_STALE_AFTER", 600))


def progress_every() -> int:
    return _setting("EXPORTS_PROGRESS_EVERY", 2000)


def chunk_size() -> int:
    return _setting("EXPORTS_CHUNK_SIZE", 2000)


#: Attempts of one job (lost messages, lost workers) before it is given up.
MAX_ATTEMPTS = 3


class ExportError(ValueError):
    """An export the rules refuse; the message is for the user (translated)."""


class LostClaim(RuntimeError):
    """Another run took the job over (this one was silent too long): this one stops."""


# --- Asking for an export ------------------------------------------------------------------------


@dataclass(frozen=True)
class Preview:
    """What an export would hold: the list, the page, its filters and the number of rows."""

    dataset: Dataset
    scope: str
    filters: dict[str, Any]
    count: int


def dataset_for(user, key: str, scope: str) -> Dataset:
    """The dataset ``key``, if ``user`` may export it from page ``scope``; PermissionDenied
    otherwise (the same permissions as the page itself, and the permission to export)."""
    spec = DATASETS.get(key)
    if spec is None:
        raise ExportError(_("This list cannot be exported."))
    if not user.has_perm(EXPORT_PERMISSION) or not spec.allowed(user, scope):
        raise PermissionDenied
    return spec


def filters_from_query(query: str) -> dict[str, str]:
    """The list page's query string as one value per name (the page number dropped)."""
    data = QueryDict(query or "")
    return {k: data.get(k) for k in data if k != "page"}


def export_preview(*, user, dataset: str, scope: str = "", query: str = "") -> Preview:
    """What an export of the list ``dataset`` seen with ``query`` would hold, in ``user``'s
    jurisdiction. Refuses a list he may not see (PermissionDenied) and filters that the page's
    form refuses (ExportError)."""
    spec = DATASETS.get(dataset)
    if spec is None:
        raise ExportError(_("This list cannot be exported."))
    scope = scope if scope in spec.scopes else spec.default_scope
    spec = dataset_for(user, dataset, scope)
    try:
        filters = spec.clean_filters(filters_from_query(query), user, scope)
        count = spec.queryset(user, filters).count()
    except FiltersInvalid as exc:
        raise ExportError(
            _("The list's filters are not valid: %(errors)s") % {"errors": exc}
        ) from exc
    return Preview(spec, scope, filters, count)


def export_request(
    *,
    user,
    dataset: str,
    format: str,
    filters: dict[str, Any],
    language: str = "",
    request=None,
) -> ExportJob:
    """Queue an export of ``dataset`` with ``filters`` (from :func:`export_preview`) for
    ``user``, and write it to the access log with its number of rows.

    Refuses a list he may not see, an unknown format, an empty list, more rows than
    ``EXPORTS_MAX_ROWS``, and a user who already has ``EXPORTS_MAX_ACTIVE`` exports under way.
    """
    scope = filters.get("scope") or ""
    spec = DATASETS.get(dataset)
    if spec is None:
        raise ExportError(_("This list cannot be exported."))
    scope = scope if scope in spec.scopes else spec.default_scope
    spec = dataset_for(user, dataset, scope)
    if format not in ExportJob.Format.values:
        raise ExportError(_("Choose CSV or Excel."))
    try:
        count = spec.queryset(user, {**filters, "scope": scope}).count()
    except FiltersInvalid as exc:
        raise ExportError(
            _("The list's filters are not valid: %(errors)s") % {"errors": exc}
        ) from exc
    if count == 0:
        raise ExportError(_("There is nothing to export: no row matches these filters."))
    if count > max_rows():
        raise ExportError(
            _("%(count)s rows are more than one export may hold (%(max)s): narrow the filters.")
            % {"count": f"{count:,}", "max": f"{max_rows():,}"}
        )
    if ExportJob.objects.of_user(user).active().count() >= max_active():
        raise ExportError(
            _("You already have %(n)s exports under way: wait for one of them to finish.")
            % {"n": max_active()}
        )
    with transaction.atomic():
        job = ExportJob(
            requested_by=user,
            dataset=spec.key,
            format=format,
            filters={**filters, "scope": scope},
            language=(language or getattr(user, "language", "") or settings.LANGUAGE_CODE)[:5],
            rows_total=count,
        )
        job.full_clean()
        job.save()
        access_log_record(
            action=AccessLogEntry.Action.EXPORT,
            request=request,
            user=user,
            obj=job,
            reason=f"export requested: {count} rows of {spec.key} ({scope}), {format}",
        )
        transaction.on_commit(lambda: _publish([job.pk]))
    return job


def export_download_log(*, job: ExportJob, request) -> None:
    """Write a download of ``job``'s file to the access log (list and rows, never a name)."""
    access_log_record(
        action=AccessLogEntry.Action.EXPORT,
        request=request,
        obj=job,
        reason=f"export downloaded: {job.rows_done} rows of {job.dataset}, {job.format}",
    )


def _publish(job_ids: Iterable[int]) -> None:
    from .tasks import export_run

    for pk in job_ids:
        export_run.delay(pk)


# --- Running an export (the worker) --------------------------------------------------------------


def _claim(job_id: int, now: dt.datetime) -> tuple[ExportJob, str] | None:
    """Take the job for this run, or None: done, failed or expired jobs are left alone, and so
    is a job another worker is running (its progress is recent)."""
    with transaction.atomic():
        job = ExportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status not in (S.QUEUED, S.RUNNING):
            return None
        if job.status == S.RUNNING and job.heartbeat_at and job.heartbeat_at > now - stale_after():
            return None
        token = secrets.token_hex(16)
        job.status = S.RUNNING
        job.claim = token
        job.started_at = now
        job.heartbeat_at = now
        job.rows_done = 0
        job.attempts += 1
        job.error = ""
        job.save(
            update_fields=[
                "status",
                "claim",
                "started_at",
                "heartbeat_at",
                "rows_done",
                "attempts",
                "error",
            ]
        )
    return job, token


def _mine(job: ExportJob, token: str):
    return ExportJob.objects.filter(pk=job.pk, claim=token, status=S.RUNNING)


def _progress(job: ExportJob, token: str, **fields: Any) -> None:
    """Write progress in a short transaction of its own (autocommit): the page sees it now."""
    if not _mine(job, token).update(heartbeat_at=timezone.now(), **fields):
        raise LostClaim(job.pk)


def export_run(*, job_id: int) -> ExportJob | None:
    """Run the export ``job_id``: safe to run twice (a done job is left alone; a job another
    worker is running is not run again) and to run after a lost worker (a run silent for
    ``EXPORTS_STALE_AFTER`` is taken over). Records a failure on the job, with a message for
    the user, instead of raising."""
    claimed = _claim(job_id, timezone.now())
    if claimed is None:
        return None
    job, token = claimed
    with translation.override(job.language):
        return _run(job, token)


def _run(job: ExportJob, token: str) -> ExportJob | None:
    spec = DATASETS[job.dataset]
    user = job.requested_by
    scope = job.filters.get("scope") or spec.default_scope
    if not (user.is_active and user.has_perm(EXPORT_PERMISSION) and spec.allowed(user, scope)):
        return _fail(job, token, _("Your account may no longer export this list."))
    partial = None
    try:
        qs = spec.queryset(user, job.filters)
        _progress(job, token, rows_total=qs.count())
        name = f"{job.pk}-{secrets.token_hex(8)}.{job.format}"
        storage = job.file.storage
        os.makedirs(storage.location, mode=0o700, exist_ok=True)
        path = storage.path(name)
        partial = path + ".part"
        written = _write(job, token, spec, qs, partial)
        os.chmod(partial, 0o600)  # personal data: the worker's account only
        os.replace(partial, path)
        partial = path
        now = timezone.now()
        done = _mine(job, token).update(
            status=S.DONE,
            file=name,
            rows_done=written,
            rows_total=written,
            finished_at=now,
            heartbeat_at=now,
            expires_at=now + retention(),
        )
        if not done:
            raise LostClaim(job.pk)
        partial = None
    except LostClaim:
        logger.warning("export %s: taken over by another run; this run stops", job.pk)
        _remove(partial)
        return None
    except FiltersInvalid:
        _remove(partial)
        return _fail(
            job, token, _("The list's filters are no longer valid: start the export again.")
        )
    except Exception as exc:
        # The exception's text may carry a row's values (a name): neither the page nor the log
        # gets it; the log gets its kind and where it was raised.
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        logger.error(
            "export %s failed: %s at %s:%s in %s",
            job.pk,
            type(exc).__name__,
            frame.filename,
            frame.lineno,
            frame.name,
        )
        _remove(partial)
        return _fail(job, token, _("The export failed. Try again, or tell your administrator."))
    job.refresh_from_db()
    return job


def _fail(job: ExportJob, token: str, message: str) -> ExportJob:
    _mine(job, token).update(status=S.FAILED, error=message, finished_at=timezone.now())
    job.refresh_from_db()
    return job


def _remove(path: str | None) -> None:
    if path:
        with contextlib.suppress(FileNotFoundError):
            os.remove(path)


# --- Writing the files ---------------------------------------------------------------------------

#: Characters a spreadsheet's XML cannot hold (openpyxl refuses them).
_ILLEGAL = re.compile(r"[\000-\010\013\014\016-\037]")


def _text(value: Any) -> Any:
    """A cell's value, common to both formats: text defused (csv_cell), None empty."""
    if value is None:
        return ""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        return csv_cell(value)
    return value


def _csv_value(value: Any) -> Any:
    """Dates in ISO 8601: ``YYYY-MM-DD``, times in local time ``YYYY-MM-DD HH:MM``."""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return _text(value)


class _CsvWriter:
    def __init__(self, path: str, spec: Dataset, language: str) -> None:
        # utf-8-sig writes the BOM that makes Excel read the file as UTF-8 (Arabic intact).
        self.file = open(path, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
        self.writer = csv.writer(self.file)

    def header(self, headings: list[str]) -> None:
        self.writer.writerow([_text(h) for h in headings])

    def row(self, values: list[Any]) -> None:
        self.writer.writerow([_csv_value(v) for v in values])

    def close(self) -> None:
        self.file.close()


class _XlsxWriter:
    def __init__(self, path: str, spec: Dataset, language: str) -> None:
        from openpyxl import Workbook

        self.path = path
        self.book = Workbook(write_only=True)
        self.sheet = self.book.create_sheet(title=str(spec.label)[:31])
        self.sheet.freeze_panes = "A2"
        if language.startswith("ar"):
            self.sheet.sheet_view.rightToLeft = True

    def _cell(self, value: Any) -> Any:
        from openpyxl.cell import WriteOnlyCell

        if isinstance(value, dt.datetime):
            cell = WriteOnlyCell(self.sheet, value=timezone.localtime(value).replace(tzinfo=None))
            cell.number_format = "yyyy-mm-dd hh:mm"
            return cell
        if isinstance(value, dt.date):
            cell = WriteOnlyCell(self.sheet, value=value)
            cell.number_format = "yyyy-mm-dd"
            return cell
        value = _text(value)
        if isinstance(value, str):
            return _ILLEGAL.sub("", value)
        return value

    def header(self, headings: list[str]) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        cells = []
        for heading in headings:
            cell = WriteOnlyCell(self.sheet, value=_ILLEGAL.sub("", str(_text(heading))))
            cell.font = Font(bold=True)
            cells.append(cell)
        self.sheet.append(cells)

    def row(self, values: list[Any]) -> None:
        self.sheet.append([self._cell(v) for v in values])

    def close(self) -> None:
        self.book.save(self.path)


WRITERS = {ExportJob.Format.CSV: _CsvWriter, ExportJob.Format.XLSX: _XlsxWriter}


def _write(job: ExportJob, token: str, spec: Dataset, qs, path: str) -> int:
    """Stream the rows of ``qs`` into ``path``; progress every ``EXPORTS_PROGRESS_EVERY`` rows.
    Runs in autocommit: the server-side cursor is held across the progress transactions."""
    writer = WRITERS[job.format](path, spec, job.language)
    columns = spec.columns(Labels())
    every = max(1, progress_every())
    written = 0
    try:
        writer.header([str(c.heading) for c in columns])
        for obj in qs.iterator(chunk_size=chunk_size()):
            writer.row([c.value(obj) for c in columns])
            written += 1
            if written % every == 0:
                _progress(job, token, rows_done=written)
    finally:
        writer.close()
    return written


# --- Housekeeping (beat) -------------------------------------------------------------------------


@dataclass(frozen=True)
class Housekeeping:
    expired: int
    requeued: int
    given_up: int


def exports_housekeeping(*, now: dt.datetime | None = None) -> Housekeeping:
    """Delete the files of expired exports (the job stays, marked expired, for the record);
    queue again the exports whose message or worker was lost (waiting longer than
    ``EXPORTS_STALE_AFTER``, or running without progress as long); give up after
    ``MAX_ATTEMPTS`` attempts."""
    now = now or timezone.now()
    expired = 0
    for job in ExportJob.objects.filter(status=S.DONE, expires_at__lte=now).only("pk", "file"):
        with transaction.atomic():
            locked = (
                ExportJob.objects.select_for_update(skip_locked=True)
                .filter(pk=job.pk, status=S.DONE)
                .first()
            )
            if locked is None:
                continue
            if locked.file:
                locked.file.delete(save=False)
            locked.status = S.EXPIRED
            locked.file = ""
            locked.save(update_fields=["status", "file"])
            expired += 1
    cutoff = now - stale_after()
    lost = ExportJob.objects.filter(
        Q(status=S.QUEUED, created_at__lte=cutoff) | Q(status=S.RUNNING, heartbeat_at__lte=cutoff)
    )
    given_up = 0
    for job in lost.filter(attempts__gte=MAX_ATTEMPTS).only("pk", "language"):
        with translation.override(job.language):
            message = _("The export was given up after several attempts: start it again.")
        given_up += lost.filter(pk=job.pk).update(status=S.FAILED, finished_at=now, error=message)
    requeue = list(lost.filter(attempts__lt=MAX_ATTEMPTS).values_list("pk", flat=True))
    if requeue:
        transaction.on_commit(lambda: _publish(requeue))
    return Housekeeping(expired=expired, requeued=len(requeue), given_up=given_up)
