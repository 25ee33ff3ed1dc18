"""The start page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cases.accounts.roles import ROLE_LABELS
from cases.accounts.selectors import roles_of
from cases.security.access import login_only

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
