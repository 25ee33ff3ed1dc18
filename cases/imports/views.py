"""Pages of the imports app: upload a list, see every row checked (errors and candidate persons)
before anything is saved, confirm, watch the progress, read the outcome; and the wanted lists.
Thin: access helper, form, service, redirect."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.accounts.models import Governorate, Unit
from cases.amnesty.models import AbsenceReport
from cases.audit.models import AccessLogEntry
from cases.audit.services import access_log_record
from cases.security.access import require_perms
from cases.security.exports import csv_cell
from cases.security.forms import apply_errors
from cases.security.listing import paginate

from .columns import ABSENCES, WANTED, columns_for
from .forms import AbsenceUploadForm, WantedUploadForm
from .models import ImportJob
from .reader import MAX_BYTES, MAX_ROWS, FileRefused
from .rows import NAME_KEYS, error_message
from .selectors import (
    candidate_persons,
    job_get_for_change,
    job_get_for_user,
    job_list,
    job_status,
    wanted_entries,
    wanted_list_get_for_user,
    wanted_list_list,
)
from .services import ImportRefused, import_job_cancel, import_job_confirm, import_job_create

A = AccessLogEntry.Action
CIRCUMSTANCES = dict(AbsenceReport.Circumstance.choices)
PAGE_SIZE = 50
VIEW_JOBS = "imports.view_importjob"
VIEW_WANTED = "imports.view_wantedlist"


@require_perms(VIEW_JOBS)
def job_list_view(request: HttpRequest) -> HttpResponse:
    """The imports of the user's jurisdiction (his units' absence lists), newest first."""
    page, query = paginate(request, job_list(request.user), PAGE_SIZE)
    return render(request, "imports/job_list.html", {"page": page, "query": query})


def _upload(request: HttpRequest, kind: str, form) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        try:
            job = import_job_create(
                kind=kind,
                file_name=upload.name,
                data=upload.read(MAX_BYTES + 1),
                by=request.user,
                unit=data.get("unit"),
                governorate=data.get("governorate"),
                source=data.get("source", ""),
                received_on=data.get("received_on"),
            )
        except (FileRefused, ImportRefused) as refusal:
            form.add_error("file", str(refusal))
        except ValidationError as refusal:
            apply_errors(form, refusal)
        else:
            access_log_record(
                action=A.VIEW,
                request=request,
                obj=job,
                reason=f"import checked: {job.row_count} rows, {job.error_row_count} in error",
            )
            return redirect(job)
    return render(
        request,
        "imports/upload.html",
        {
            "form": form,
            "kind": kind,
            "columns": columns_for(kind),
            "max_rows": MAX_ROWS,
            "sample_url": reverse(f"imports:sample_{kind}"),
        },
    )


@require_perms("imports.import_absences", "amnesty.add_absencereport")
def upload_absences(request: HttpRequest) -> HttpResponse:
    """Upload a unit's list of its members absent without leave."""
    form = AbsenceUploadForm(request.POST or None, request.FILES or None, user=request.user)
    return _upload(request, ABSENCES, form)


@require_perms("imports.import_wanted")
def upload_wanted(request: HttpRequest) -> HttpResponse:
    """Upload a list of persons sought by warrants."""
    form = WantedUploadForm(request.POST or None, request.FILES or None, user=request.user)
    return _upload(request, WANTED, form)


def _preview_rows(request: HttpRequest, job: ImportJob) -> list[dict]:
    """The rows as the preview shows them: errors in the reader's language, candidates with
    the persons' records (one query for all), units and governorates by name."""
    persons = candidate_persons(request.user, job)
    units = Unit.objects.in_bulk({r["values"].get("unit") for r in job.rows} - {None})
    governorates = Governorate.objects.in_bulk(
        {r["values"].get("governorate") for r in job.rows} - {None}
    )
    records = {}
    if job.kind == ABSENCES:
        records = {
            line: (f"ABS-{pk}", reverse("amnesty:absence", args=[pk]))
            for line, pk in job.result.get("records", [])
        }
    shown = []
    for row in job.rows:
        values = row["values"]
        candidates = [
            {**c, "person": persons[c["id"]]}
            for c in row.get("candidates", ())
            if c["id"] in persons
        ]
        shown.append(
            {
                "line": row["line"],
                "values": values,
                "name": " ".join(values.get(k) or "" for k in NAME_KEYS).strip(),
                "unit": units.get(values.get("unit")),
                "governorate": governorates.get(values.get("governorate")),
                "errors": [error_message(job.kind, e) for e in row["errors"]],
                "known_person": persons.get(row.get("known_person")),
                "candidates": candidates,
                "proposed": row.get("proposed"),
                "choice": persons.get(row.get("choice")),
                "circumstances": CIRCUMSTANCES.get(values.get("circumstances"), ""),
                "record": records.get(row["line"]),
            }
        )
    return shown


@require_perms(VIEW_JOBS)
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One import: before confirmation every row checked, with its errors and the persons it may
    be; while it runs, its progress; then what was written, or why nothing was."""
    job = job_get_for_user(request.user, pk)
    context = {"job": job, "can_change": request.user.has_perm(job.permission)}
    if job.status in (ImportJob.Status.PREVIEWED, ImportJob.Status.DONE):
        rows = _preview_rows(request, job)
        access_log_record(action=A.VIEW, request=request, obj=job, reason="import rows")
        context |= {
            "rows": rows,
            "error_rows": [r for r in rows if r["errors"]],
            "ignored": [c["header"] for c in job.columns if not c["key"]],
        }
    if job.status == ImportJob.Status.FAILED:
        context["run_errors"] = [
            {"line": e.get("line"), **error_message(job.kind, e)} for e in job.run_errors
        ]
    return render(request, "imports/job_detail.html", context)


def _choices(request: HttpRequest, job: ImportJob) -> dict[int, int | None]:
    choices: dict[int, int | None] = {}
    for row in job.rows:
        raw = request.POST.get(f"choice-{row['line']}", "")
        choices[row["line"]] = int(raw) if raw.isdigit() else None
    return choices


@require_POST
@require_perms(VIEW_JOBS)
def job_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm a checked list: the persons chosen row by row, and the import queued."""
    job = job_get_for_change(request.user, pk)
    try:
        job = import_job_confirm(job=job, by=request.user, choices=_choices(request, job))
    except ImportRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(job)
    linked = sum(1 for r in job.rows if r.get("choice") or r.get("known_person"))
    access_log_record(
        action=A.VIEW,
        request=request,
        obj=job,
        reason=f"import confirmed: {job.row_count} rows, {linked} linked to known persons",
    )
    messages.success(request, _("The import has started; this page follows it."))
    return redirect(job)


@require_POST
@require_perms(VIEW_JOBS)
def job_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Discard a checked list without importing it."""
    job = job_get_for_change(request.user, pk)
    try:
        import_job_cancel(job=job, by=request.user)
    except ImportRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(job)
    messages.success(request, _("The list was discarded; nothing was imported."))
    return redirect("imports:jobs")


@require_perms(VIEW_JOBS)
def job_status_view(request: HttpRequest, pk: int) -> JsonResponse:
    """The progress of an import, for the progress bar (no personal data)."""
    job = job_status(request.user, pk)
    return JsonResponse(
        {
            "status": job.status,
            "label": str(job.get_status_display()),
            "rows_done": job.rows_done,
            "row_count": job.row_count,
            "percent": job.percent,
            "text": _("%(done)d of %(total)d rows")
            % {"done": job.rows_done, "total": job.row_count},
            "finished": job.status not in ImportJob.PENDING,
        }
    )


def _sample(kind: str) -> HttpResponse:
    """A file to fill in: the headers in the reader's language and one example row."""
    from django.utils.translation import get_language

    arabic = (get_language() or "en").startswith("ar")
    columns = [c for c in columns_for(kind) if c.key != "full_name"]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([csv_cell(str(c.label)) for c in columns])
    writer.writerow([csv_cell(c.example_ar if arabic else c.example) for c in columns])
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{kind}-list-sample.csv"'
    return response


@require_perms(VIEW_JOBS)
def sample_absences(request: HttpRequest) -> HttpResponse:
    return _sample(ABSENCES)


@require_perms(VIEW_JOBS)
def sample_wanted(request: HttpRequest) -> HttpResponse:
    return _sample(WANTED)


# --- Wanted lists --------------------------------------------------------------------------------


@require_perms(VIEW_WANTED)
def wanted_list_list_view(request: HttpRequest) -> HttpResponse:
    """The wanted lists received in the user's jurisdiction, with how many of their persons are
    known."""
    page, query = paginate(request, wanted_list_list(request.user), PAGE_SIZE)
    return render(request, "imports/wanted_list_list.html", {"page": page, "query": query})


@require_perms(VIEW_WANTED)
def wanted_list_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A wanted list: each person sought, his warrant, and the known person he was matched to."""
    wanted_list = wanted_list_get_for_user(request.user, pk)
    access_log_record(action=A.VIEW, request=request, obj=wanted_list)
    page, query = paginate(request, wanted_entries(request.user, wanted_list), PAGE_SIZE)
    return render(
        request,
        "imports/wanted_list_detail.html",
        {"wanted_list": wanted_list, "page": page, "query": query},
    )
