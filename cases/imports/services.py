"""Writes of the imports app: reading and checking an uploaded list (nothing of the domain is
written), the user's confirmation, and the import itself.

The import (:func:`import_job_run`, run by the Celery task ``imports.run``) writes every row in
ONE transaction: each absence through the amnesty app's own service (the same checks and the same
deadlines as its form), each wanted entry with its matched person. Before writing, every row is
checked again against the database as it is now (a man reported away since the preview, a
warrant imported by a colleague): if any row fails then, or any write is refused, or anything
else goes wrong, the transaction rolls back, nothing is saved, and the job names the rows and
the reasons.

Progress is written through a second connection to the database, in autocommit, so that the
progress bar moves while the import's own transaction is still open; the same connection holds
a session-level advisory lock on the job, so that two runs of the task never import it twice
(the second waits, then finds it done). A worker that dies mid-import loses its connections:
PostgreSQL rolls its transaction back and frees the lock, and the redelivered task starts again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases.accounts.models import Governorate, Unit, User
from cases.amnesty.services import AmnestyError, absence_report
from cases.people.models import Person
from cases.people.names import MATCH_THRESHOLD, NameParts
from cases.people.selectors import person_candidates
from cases.security.history import history_reason

from .columns import ABSENCES, WANTED, column_label, map_headers
from .models import ImportJob, WantedEntry, WantedList
from .reader import FileRefused, read_table
from .rows import (
    check_absence_row,
    check_duplicates,
    check_wanted_row,
    error,
    propose,
)
from .selectors import absence_context, wanted_context

J = ImportJob.Status
#: How many candidates the preview shows for a row.
CANDIDATES_SHOWN = 3
#: First key of the advisory lock that keeps two runs of one job apart ("IM").
LOCK_CLASS = 0x494D


class ImportRefused(ValueError):
    """A step of an import the rules refuse; the message is for the user (translated)."""


# --- Reading and checking ------------------------------------------------------------------------


def _cells(header_keys: dict[int, str], cells: list[str]) -> dict[str, str]:
    return {key: (cells[i] if i < len(cells) else "") for i, key in header_keys.items()}


def _check_rows(
    kind: str,
    raw: list[tuple[int, dict[str, str]]],
    *,
    by: User,
    unit: Unit | None,
    governorate: Governorate | None,
) -> list[dict[str, Any]]:
    """Every row checked against the database as it is now (a handful of queries in all)."""
    if kind == ABSENCES:
        ctx = absence_context(
            by, unit=unit, service_numbers=[c.get("service_number", "").strip() for _l, c in raw]
        )
        rows = [check_absence_row(line, cells, ctx) for line, cells in raw]
    else:
        ctx = wanted_context(
            by,
            governorate=governorate,
            warrant_numbers=[c.get("warrant_number", "").strip() for _l, c in raw],
        )
        rows = [check_wanted_row(line, cells, ctx) for line, cells in raw]
    check_duplicates(kind, rows)
    return rows


def _name_parts(values: dict[str, Any], governorate_code: str = "") -> NameParts:
    return NameParts(
        given=values.get("given_name_ar", ""),
        father=values.get("father_name_ar", ""),
        grandfather=values.get("grandfather_name_ar", ""),
        family=values.get("family_name_ar", ""),
        mother=values.get("mother_name_ar", ""),
        birth_year=values.get("birth_year"),
        governorate=governorate_code,
    )


def _add_candidates(kind: str, rows: list[dict[str, Any]], by: User) -> None:
    """The known persons each row may be, with the matcher's score and reasons; the likely one
    proposed. A man whose service number is registered needs none: the absence goes to him."""
    codes = dict(Governorate.objects.values_list("pk", "code")) if kind == WANTED else {}
    for row in rows:
        values = row["values"]
        if row.get("known_person") or not values.get("given_name_ar"):
            continue
        parts = _name_parts(values, codes.get(values.get("governorate"), ""))
        found = person_candidates(by, parts, limit=CANDIDATES_SHOWN)
        row["candidates"] = [
            {
                "id": person.pk,
                "score": round(match.score, 3),
                "reasons": [
                    {"part": r.part, "verdict": r.verdict, "detail": r.detail}
                    for r in match.reasons
                    if r.verdict != "missing"
                ],
            }
            for person, match in found
        ]
    if kind == ABSENCES:
        _mark_away_candidates(rows)
    for row in rows:
        row["proposed"] = propose(
            [c for c in row["candidates"] if not c.get("away")], MATCH_THRESHOLD
        )


def _mark_away_candidates(rows: list[dict[str, Any]]) -> None:
    """A candidate already reported away cannot be given a second absence: say so (one query)."""
    from cases.amnesty import rules as amnesty_rules
    from cases.amnesty.models import AbsenceReport

    ids = {c["id"] for row in rows for c in row["candidates"]}
    if not ids:
        return
    away = {
        a["person_id"]: f"ABS-{a['pk']}"
        for a in AbsenceReport.objects.filter(
            person_id__in=ids, status__in=amnesty_rules.AWAY
        ).values("pk", "person_id")
    }
    for row in rows:
        for candidate in row["candidates"]:
            if candidate["id"] in away:
                candidate["away"] = away[candidate["id"]]


def _header_problems(kind: str, header_map) -> list[str]:
    problems = []
    if header_map.missing:
        labels = ", ".join(f"“{column_label(kind, k)}”" for k in header_map.missing)
        problems.append(
            ngettext(
                "The file lacks the column %(columns)s.",
                "The file lacks the columns %(columns)s.",
                len(header_map.missing),
            )
            % {"columns": labels}
        )
    for key, headers in header_map.repeated.items():
        problems.append(
            _("The column “%(column)s” is given twice: %(headers)s.")
            % {"column": column_label(kind, key), "headers": ", ".join(headers)}
        )
    return problems


def import_job_create(
    *,
    kind: str,
    file_name: str,
    data: bytes,
    by: User,
    unit: Unit | None = None,
    governorate: Governorate | None = None,
    source: str = "",
    received_on: dt.date | None = None,
) -> ImportJob:
    """Read an uploaded list and check every row; keep the rows, their errors and their
    candidates on a new job awaiting the user's confirmation. Writes nothing of the domain.

    Refuses (:class:`FileRefused`) a file that is not CSV in UTF-8 or .xlsx, too large, with too
    many rows, or without the required columns; an absence list without a sending unit, a wanted
    list without its source, date and governorate.
    """
    if kind == ABSENCES:
        if unit is None:
            raise ImportRefused(_("Choose the unit that sends the list."))
        governorate = unit.governorate
    elif kind == WANTED:
        if governorate is None or not source.strip() or received_on is None:
            raise ImportRefused(
                _("Give the list's source, the day it was received and its governorate.")
            )
        unit = None
    else:
        raise ImportRefused(_("Unknown kind of list."))
    table = read_table(file_name, data)
    header_map = map_headers(kind, table.headers)
    problems = _header_problems(kind, header_map)
    if problems:
        raise FileRefused(" ".join(problems))
    raw = [(line, _cells(header_map.keys, cells)) for line, cells in table.rows]
    rows = _check_rows(kind, raw, by=by, unit=unit, governorate=governorate)
    _add_candidates(kind, rows, by)
    job = ImportJob(
        kind=kind,
        governorate=governorate,
        unit=unit,
        source=source.strip(),
        received_on=received_on,
        file_name=file_name[-200:],
        file_size=len(data),
        columns=[
            {"header": str(h), "key": header_map.keys.get(i, "")}
            for i, h in enumerate(table.headers)
            if str(h).strip()
        ],
        rows=rows,
        row_count=len(rows),
        error_row_count=sum(1 for r in rows if r["errors"]),
        uploaded_by=by,
    )
    job.full_clean()
    job.save()
    return job


def _lock(job: ImportJob) -> ImportJob:
    return ImportJob.objects.select_for_update().get(pk=job.pk)


def _lines(rows: list[dict[str, Any]]) -> str:
    lines = [str(r["line"]) for r in rows]
    shown = ", ".join(lines[:20])
    return shown + (" …" if len(lines) > 20 else "")


@transaction.atomic
def import_job_confirm(*, job: ImportJob, by: User, choices: dict[int, int | None]) -> ImportJob:
    """The user confirmed the preview: record the person he chose for each row (a candidate of
    that row, or none), and queue the import.

    Refuses a job already confirmed or discarded, a job with any row in error (naming the rows
    to fix), and a choice that is not one of the row's candidates.
    """
    job = _lock(job)
    if job.status != J.PREVIEWED:
        raise ImportRefused(_("This import has already been confirmed or discarded."))
    bad = [r for r in job.rows if r["errors"]]
    if bad:
        raise ImportRefused(
            ngettext(
                "Nothing can be imported while a row has errors: fix row %(rows)s in the file "
                "and upload it again.",
                "Nothing can be imported while rows have errors: fix rows %(rows)s in the file "
                "and upload it again.",
                len(bad),
            )
            % {"rows": _lines(bad)}
        )
    wrong, twice, taken = [], [], set()
    for row in job.rows:
        choice = choices.get(row["line"])
        allowed = {c["id"] for c in row.get("candidates", ()) if not c.get("away")}
        if choice is not None and choice not in allowed:
            wrong.append(row)
        row["choice"] = choice if choice in allowed else None
        if job.kind == ABSENCES and row["choice"]:
            # One man cannot leave his post twice at once.
            if row["choice"] in taken:
                twice.append(row)
            taken.add(row["choice"])
    if wrong:
        raise ImportRefused(
            _("Row %(rows)s: the person chosen is not one of the row's candidates.")
            % {"rows": _lines(wrong)}
        )
    if twice:
        raise ImportRefused(
            _("Row %(rows)s: the same person is chosen for another row of the list.")
            % {"rows": _lines(twice)}
        )
    job.status = J.QUEUED
    job.confirmed_by = by
    job.confirmed_at = timezone.now()
    job.rows_done = 0
    job.save(update_fields=["rows", "status", "confirmed_by", "confirmed_at", "rows_done"])
    job_id = job.pk
    transaction.on_commit(lambda: _queue(job_id))
    return job


def _queue(job_id: int) -> None:
    from .tasks import import_run

    import_run.delay(job_id)


@transaction.atomic
def import_job_cancel(*, job: ImportJob, by: User) -> ImportJob:
    """Discard a checked list that will not be imported (its rows are forgotten)."""
    job = _lock(job)
    if job.status != J.PREVIEWED:
        raise ImportRefused(_("Only a list awaiting confirmation can be discarded."))
    job.status = J.CANCELLED
    job.rows = []
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "rows", "finished_at"])
    return job


# --- The import ----------------------------------------------------------------------------------


class RowsFailed(Exception):
    """Raised inside the import's transaction to roll it back; carries the rows' errors."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__(f"{len(errors)} row errors")
        self.errors = errors


class _Progress:
    """The import's second connection: the advisory lock of the job, and the progress written
    in autocommit (visible to the progress page at once)."""

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self.connection = connections.create_connection(DEFAULT_DB_ALIAS)
        self.step = 1

    def lock(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s, %s)", [LOCK_CLASS, self.job_id])

    def report(self, done: int, *, force: bool = False) -> None:
        if force or done % self.step == 0:
            with self.connection.cursor() as cursor:
                cursor.execute(
                    "UPDATE imports_importjob SET rows_done = %s WHERE id = %s",
                    [done, self.job_id],
                )

    def close(self) -> None:
        self.connection.close()  # ends the session: the advisory lock goes with it


def import_job_run(*, job_id: int) -> ImportJob | None:
    """Import a confirmed list: every row in one transaction, or nothing.

    Safe to run twice: a job already imported, failed or discarded is left as it is, and two
    runs at once are kept apart by the job's advisory lock. Returns the job (None if gone).
    """
    progress = _Progress(job_id)
    try:
        progress.lock()
        job = (
            ImportJob.objects.select_related("confirmed_by", "uploaded_by", "unit")
            .filter(pk=job_id)
            .first()
        )
        if job is None or job.status not in ImportJob.PENDING:
            return job
        ImportJob.objects.filter(pk=job_id).update(
            status=J.RUNNING, started_at=timezone.now(), rows_done=0, attempts=job.attempts + 1
        )
        progress.step = max(1, job.row_count // 100)
        by = job.confirmed_by or job.uploaded_by
        with translation.override(by.language or None):
            try:
                with transaction.atomic():
                    result = _write_rows(job, by, progress)
                    ImportJob.objects.filter(pk=job_id).update(
                        status=J.DONE,
                        rows_done=job.row_count,
                        run_errors=[],
                        result=result,
                        finished_at=timezone.now(),
                    )
            except RowsFailed as failure:
                _mark_failed(job_id, failure.errors)
            except Exception:
                _mark_failed(job_id, [error("", "internal") | {"line": None}])
                raise
        job.refresh_from_db()
        if job.status == J.DONE:
            _log_import(job, by)
        return job
    finally:
        progress.close()


def _mark_failed(job_id: int, errors: list[dict[str, Any]]) -> None:
    ImportJob.objects.filter(pk=job_id).update(
        status=J.FAILED, run_errors=errors, finished_at=timezone.now()
    )


def _log_import(job: ImportJob, by: User) -> None:
    from cases.audit.models import AccessLogEntry
    from cases.audit.services import access_log_record

    access_log_record(
        action=AccessLogEntry.Action.IMPORT,
        user=by,
        obj=job,
        reason=(
            f"import {job.kind}: {job.row_count} rows, {job.result.get('created', 0)} created, "
            f"{job.result.get('linked', 0)} linked to known persons"
        ),
    )


def _write_rows(job: ImportJob, by: User, progress: _Progress) -> dict[str, Any]:
    """Check every row again, then write them; raises :class:`RowsFailed` (rolling everything
    back) on the first check that fails, naming every row that fails."""
    raw = [(row["line"], row["cells"]) for row in job.rows]
    governorate = job.governorate if job.kind == WANTED else None
    fresh = _check_rows(job.kind, raw, by=by, unit=job.unit, governorate=governorate)
    chosen = {row["line"]: row.get("choice") for row in job.rows}
    scores = {
        row["line"]: {c["id"]: c["score"] for c in row.get("candidates", ())} for row in job.rows
    }
    people = (
        Person.objects.in_jurisdiction(by).active().in_bulk([pk for pk in chosen.values() if pk])
    )
    errors = []
    for row in fresh:
        for item in row["errors"]:
            errors.append({"line": row["line"], **item})
        choice = chosen.get(row["line"])
        if choice and choice not in people:
            errors.append({"line": row["line"], **error("", "choice_invalid")})
    if errors:
        raise RowsFailed(errors)
    writer = _write_absence if job.kind == ABSENCES else _write_wanted
    wanted_list = None
    if job.kind == WANTED:
        wanted_list = WantedList(
            source=job.source,
            received_on=job.received_on,
            governorate=job.governorate,
            imported_by=by,
            job=job,
        )
        wanted_list.full_clean()
        with history_reason(_("Imported from %(file)s") % {"file": job.file_name}, by):
            wanted_list.save()
    context = {
        "by": by,
        "job": job,
        "wanted_list": wanted_list,
        "units": Unit.objects.in_bulk({r["values"]["unit"] for r in fresh if job.kind == ABSENCES}),
    }
    records, linked = [], 0
    for done, row in enumerate(fresh, start=1):
        person = people.get(chosen.get(row["line"]))
        try:
            record = writer(row, person, scores[row["line"]], context)
        except (AmnestyError, ValidationError) as refusal:
            message = " ".join(getattr(refusal, "messages", None) or [str(refusal)])
            errors.append({"line": row["line"], **error("", "refused", message=message)})
            continue
        records.append([row["line"], record.pk])
        linked += bool(person or row.get("known_person"))
        progress.report(done)
    if errors:
        raise RowsFailed(errors)
    progress.report(len(fresh), force=True)
    result = {"created": len(records), "linked": linked, "records": records}
    if wanted_list is not None:
        result["wanted_list"] = wanted_list.pk
    return result


def _iso(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _write_absence(row, person: Person | None, scores, context) -> Any:
    values = row["values"]
    by = context["by"]
    notes = values["notes"]
    if values["rank"]:
        notes = "\n".join(n for n in (_("Rank: %(rank)s") % {"rank": values["rank"]}, notes) if n)
    person_data = {
        key: values[key]
        for key in (
            "given_name_ar",
            "father_name_ar",
            "grandfather_name_ar",
            "family_name_ar",
            "mother_name_ar",
            "national_id",
        )
        if values.get(key)
    }
    if values.get("date_of_birth"):
        person_data["date_of_birth"] = _iso(values["date_of_birth"])
    elif values.get("birth_year"):
        person_data["birth_year_estimated"] = values["birth_year"]
    return absence_report(
        service_number=values["service_number"],
        unit=context["units"][values["unit"]],
        absent_since=_iso(values["absent_since"]),
        circumstances=values["circumstances"],
        by=by,
        person=person,
        person_data=person_data,
        notes=notes,
    )


def _write_wanted(row, person: Person | None, scores, context) -> WantedEntry:
    values = row["values"]
    by = context["by"]
    entry = WantedEntry(
        wanted_list=context["wanted_list"],
        line=row["line"],
        issuing_authority=values["issuing_authority"],
        warrant_number=values["warrant_number"],
        warrant_date=_iso(values["warrant_date"]),
        article=values["article"],
        given_name_ar=values["given_name_ar"],
        father_name_ar=values["father_name_ar"],
        grandfather_name_ar=values["grandfather_name_ar"],
        family_name_ar=values["family_name_ar"],
        mother_name_ar=values["mother_name_ar"],
        birth_year=values["birth_year"],
        governorate_id=values["governorate"],
        notes=values["notes"],
    )
    if person is not None:
        entry.matched_person = person
        entry.match_score = scores.get(person.pk)
        entry.match_confirmed_by = by
        entry.match_confirmed_at = timezone.now()
    entry.full_clean()
    with history_reason(_("Imported from %(file)s") % {"file": context["job"].file_name}, by):
        entry.save()
    return entry
