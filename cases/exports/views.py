"""Pages of the exports app: the Export button's confirmation, "My exports", an export's page
with its progress bar (and the JSON it polls), and the download. An export is its owner's
alone: anyone else, whatever his role or scope, gets 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.security.access import require_perms
from cases.security.listing import paginate

from .datasets import DATASETS
from .forms import ExportStartForm
from .models import ExportJob
from .selectors import export_get_for_user, exports_of_user
from .services import (
    EXPORT_PERMISSION,
    ExportError,
    export_download_log,
    export_preview,
    export_request,
)

PAGE_SIZE = 25


@require_perms(EXPORT_PERMISSION)
def export_list(request: HttpRequest) -> HttpResponse:
    """My exports, newest first, with their status."""
    page, query = paginate(request, exports_of_user(request.user), PAGE_SIZE)
    return render(
        request,
        "exports/list.html",
        {"page": page, "query": query, "datasets": DATASETS},
    )


@require_POST
@require_perms(EXPORT_PERMISSION)
def export_new(request: HttpRequest) -> HttpResponse:
    """From a list's Export button: the confirmation with the number of rows; confirmed, the
    export is queued and the user is taken to its page."""
    form = ExportStartForm(request.POST)
    if not form.is_valid():
        return render(request, "exports/confirm.html", {"form": form}, status=400)
    data = form.cleaned_data
    try:
        preview = export_preview(
            user=request.user, dataset=data["dataset"], scope=data["scope"], query=data["query"]
        )
    except ExportError as error:
        form.add_error(None, str(error))
        return render(request, "exports/confirm.html", {"form": form}, status=400)
    context = {
        "form": form,
        "preview": preview,
        "rows_text": f"{preview.count:,}",
        "description": preview.dataset.describe(preview.filters, request.user),
        "back_url": _list_url(preview.dataset.scope(preview.scope).list_url, data["query"]),
        "scope_label": preview.dataset.scope(preview.scope).label,
    }
    if not data["confirm"]:
        return render(request, "exports/confirm.html", context)
    try:
        job = export_request(
            user=request.user,
            dataset=preview.dataset.key,
            format=data["format"],
            filters=preview.filters,
            language=get_language() or "",
            request=request,
        )
    except ExportError as error:
        form.add_error(None, str(error))
        return render(request, "exports/confirm.html", context, status=400)
    messages.success(request, _("Your export has started. It will be ready here."))
    return redirect(job)


def _list_url(name: str, query: str) -> str:
    url = reverse(name)
    return f"{url}?{query}" if query else url


@require_perms(EXPORT_PERMISSION)
def export_job(request: HttpRequest, pk: int) -> HttpResponse:
    """An export's page: what it holds, its progress (polled by static/js/exports.js, or by
    the refresh link without JavaScript) and, when ready, the download."""
    job = export_get_for_user(request.user, pk)
    spec = DATASETS[job.dataset]
    scope = job.filters.get("scope") or spec.default_scope
    return render(
        request,
        "exports/job.html",
        {
            "job": job,
            "spec": spec,
            "scope_label": spec.scope(scope).label,
            "description": spec.describe(job.filters, request.user),
        },
    )


@require_perms(EXPORT_PERMISSION)
def export_status(request: HttpRequest, pk: int) -> JsonResponse:
    """The progress of an export, for the progress bar (one query)."""
    job = export_get_for_user(request.user, pk)
    return JsonResponse(
        {
            "status": job.status,
            "status_label": job.get_status_display(),
            "rows_done": job.rows_done,
            "rows_total": job.rows_total,
            "percent": job.percent,
            "active": job.is_active,
            "ready": job.is_ready,
        }
    )


@require_perms(EXPORT_PERMISSION)
def export_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The file, to its owner while he may still see the list; each download is logged."""
    job = export_get_for_user(request.user, pk)
    spec = DATASETS[job.dataset]
    if not spec.allowed(request.user, job.filters.get("scope") or spec.default_scope):
        raise PermissionDenied
    if not job.is_ready:
        messages.info(request, _("This export is not ready for download."))
        return redirect(job)
    try:
        handle = job.file.open("rb")
    except FileNotFoundError:
        messages.error(request, _("The file of this export is gone: start the export again."))
        return redirect(job)
    export_download_log(job=job, request=request)
    content_type = (
        "text/csv; charset=utf-8"
        if job.format == ExportJob.Format.CSV
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return FileResponse(
        handle, as_attachment=True, filename=job.download_name, content_type=content_type
    )
