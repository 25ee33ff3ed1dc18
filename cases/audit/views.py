"""The auditor's page, its export, and the error pages that log refused access."""

from __future__ import annotations

import csv

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views import defaults

from cases.security.access import require_perms
from cases.security.exports import csv_cell
from cases.security.listing import keyset_paginate

from .forms import AccessLogFilterForm
from .models import AccessLogEntry
from .selectors import access_log_filter, access_log_for_user
from .services import access_log_record

PAGE_SIZE = 50
A = AccessLogEntry.Action


def _filtered(request: HttpRequest) -> tuple[AccessLogFilterForm, object]:
    form = AccessLogFilterForm(request.GET or None)
    qs = access_log_for_user(request.user)
    if form.is_valid():
        qs = access_log_filter(qs, **form.cleaned_data)
    elif form.is_bound:
        qs = qs.none()
    return form, qs


@require_perms("audit.view_accesslogentry")
def access_log(request: HttpRequest) -> HttpResponse:
    """Who viewed this record; what did this user see between two dates."""
    form, qs = _filtered(request)
    # Newest first by id (the chain's order), a page after the last one shown: no OFFSET and no
    # exact count over a log of ten million entries.
    page = keyset_paginate(request, qs.order_by("-id"), PAGE_SIZE)
    query = page.query
    return render(
        request,
        "audit/access_log.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "can_export": request.user.has_perm("audit.export_accesslogentry"),
        },
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


@require_perms("audit.view_accesslogentry", "audit.export_accesslogentry")
def access_log_export(request: HttpRequest) -> StreamingHttpResponse:
    """The filtered log as CSV, streamed; the export itself is logged."""
    _form, qs = _filtered(request)
    access_log_record(action=A.EXPORT, request=request, reason=request.GET.urlencode()[:500])
    writer = csv.writer(_Echo())
    header = [
        "id",
        "at",
        "username",
        "action",
        "record_type",
        "record_id",
        "record",
        "address",
        "page",
        "reason",
        "hash",
    ]

    def rows():
        yield writer.writerow(header)
        for e in qs.order_by("id").iterator(chunk_size=2000):
            record_type = e.content_type.model if e.content_type_id else ""
            yield writer.writerow(
                csv_cell(v)
                for v in [
                    e.pk,
                    e.at.isoformat(),
                    e.username,
                    e.action,
                    record_type,
                    e.object_id,
                    e.object_label,
                    e.ip_address or "",
                    e.path,
                    e.reason,
                    e.hash,
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="access-log-{stamp}.csv"'
    return response


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """403: logged as a refused access, then Django's page (templates/403.html)."""
    access_log_record(action=A.REFUSED, request=request)
    return defaults.permission_denied(request, exception)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404: for a signed-in user, logged (probing for records outside one's jurisdiction
    answers 404 and should be seen)."""
    if request.user.is_authenticated:
        access_log_record(action=A.NOT_FOUND, request=request)
    return defaults.page_not_found(request, exception)
