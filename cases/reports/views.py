"""The start page, and the programme dashboard with its CSV exports."""

from __future__ import annotations

import csv
import io

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.accounts.roles import ROLE_LABELS
from cases.accounts.selectors import roles_of
from cases.audit.models import AccessLogEntry
from cases.audit.services import access_log_record
from cases.security.access import login_only, require_perms
from cases.security.exports import csv_cell

from .apps import DASHBOARD
from .dashboard import PANELS, DashboardFilters, Panel, dashboard_data
from .forms import DashboardFilterForm
from .start import panels_for


@login_only
def home(request: HttpRequest) -> HttpResponse:
    """Each user's own start: the panels of the desks he holds."""
    return render(
        request,
        "reports/home.html",
        {
            "panels": panels_for(request.user),
            "roles": [ROLE_LABELS[r] for r in roles_of(request.user)],
        },
    )


def _scope_label(form: DashboardFilterForm, user) -> dict[str, str]:
    """The filters as words, for the page's heading and the export's first lines (the form
    has validated the governorate and unit against the jurisdiction)."""
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    governorate, unit = data.get("governorate"), data.get("unit")
    if governorate is None:
        everywhere = user.has_national_scope
        governorate = _("All governorates") if everywhere else _("All my governorates")
    return {"governorate": str(governorate), "unit": str(unit) if unit else _("All units")}


@require_perms(DASHBOARD)
def dashboard(request: HttpRequest) -> HttpResponse:
    """The programme at a glance for the user's jurisdiction (every governorate with national
    scope): seven panels, each a chart, its figures as a table, and a CSV export."""
    form = DashboardFilterForm(request.GET or None, user=request.user)
    filters = form.filters()
    panels = dashboard_data(request.user, filters)
    return render(
        request,
        "reports/dashboard.html",
        {
            "form": form,
            "filters": filters,
            "panels": list(panels.values()),
            "query": request.GET.urlencode(),
            "invalid": form.is_bound and not form.is_valid(),
            "scope": _scope_label(form, request.user),
        },
    )


def _csv_rows(panel: Panel, filters: DashboardFilters, scope: dict[str, str]) -> list[list]:
    rows: list[list] = [
        [panel.title],
        [_("Period"), filters.date_from.isoformat(), filters.date_to.isoformat()],
        [_("Governorate"), scope["governorate"]],
        [_("Unit"), scope["unit"]],
    ]
    for table in panel.tables:
        rows += [[], [table.title], table.columns, *table.rows]
        if table.total:
            rows.append(table.total)
    return rows


@require_perms(DASHBOARD)
def dashboard_csv(request: HttpRequest, panel: str) -> HttpResponse:
    """One panel's figures as CSV, for the same filters as the page. The export is written to
    the access log (what, for which period and place) before it is sent."""
    selector = PANELS.get(panel)
    if selector is None:
        raise Http404
    form = DashboardFilterForm(request.GET or None, user=request.user)
    if form.is_bound and not form.is_valid():
        return HttpResponseBadRequest(
            _("The filters are not valid: correct them on the dashboard and export again."),
            content_type="text/plain; charset=utf-8",
        )
    filters = form.filters()
    data = selector(request.user, filters)
    scope = _scope_label(form, request.user)
    access_log_record(
        action=AccessLogEntry.Action.EXPORT,
        request=request,
        object_label=f"dashboard:{panel}",
        governorate_id=filters.governorate_id,
        reason=(
            f"{filters.date_from.isoformat()}..{filters.date_to.isoformat()}"
            f" governorate={filters.governorate_id or 'all'} unit={filters.unit_id or 'all'}"
        ),
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in _csv_rows(data, filters, scope):
        writer.writerow([csv_cell(str(v)) if isinstance(v, str) else v for v in row])
    # A byte-order mark, so that a spreadsheet opens the Arabic text as UTF-8.
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="dashboard-{panel}-{stamp}.csv"'
    return response
