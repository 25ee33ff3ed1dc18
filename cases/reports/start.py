"""The start page: panels of the signed-in user's own work, chosen by the desks he holds.

Reports sits at the top of the house, so it may read from every app below it; each panel is a
template and a function that returns its context. Until the domain apps exist the panels show
their empty states.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from cases.casefiles.selectors import cases_for_user
from cases.deadlines.selectors import deadlines_of_user, deadlines_to_supervise

#: Rows a start-page panel shows before its "see all" link.
PANEL_ROWS = 8


def _my_deadlines(user: Any) -> dict[str, Any]:
    if not user.has_perm("deadlines.view_deadline"):
        return {}
    groups = deadlines_of_user(user, limit=PANEL_ROWS)
    soonest = [*groups["overdue"], *groups["today"], *groups["week"], *groups["later"]]
    rows = [
        {
            "url": reverse("deadlines:detail", args=[d.pk]),
            "label": f"{d.kind.label} · {d.object_label}",
            "when": formats.date_format(timezone.localtime(d.due_at), "SHORT_DATETIME_FORMAT"),
            "overdue": d.is_overdue,
        }
        for d in soonest[:PANEL_ROWS]
    ]
    return {"rows": rows, "more_url": reverse("deadlines:mine")}


def _my_cases(user: Any) -> dict[str, Any]:
    if not user.has_perm("casefiles.view_case"):
        return {}
    cases = cases_for_user(user).filter(assigned_officer=user).open()[:PANEL_ROWS]
    rows = [
        {
            "url": case.get_absolute_url(),
            "label": f"{case.number} · {case.person.display_name} · {case.get_status_display()}",
            "when": formats.date_format(timezone.localtime(case.opened_at), "SHORT_DATE_FORMAT"),
        }
        for case in cases
    ]
    return {"rows": rows, "more_url": reverse("casefiles:list")}


def _jurisdiction(user: Any) -> dict[str, Any]:
    if not user.has_perm("deadlines.view_deadline"):
        return {}
    overdue = deadlines_to_supervise(user, which="overdue")[:PANEL_ROWS]
    rows = [
        {
            "url": reverse("deadlines:detail", args=[d.pk]),
            "label": f"{d.kind.label} · {d.object_label} · {d.governorate}",
            "when": formats.date_format(timezone.localtime(d.due_at), "SHORT_DATETIME_FORMAT"),
            "overdue": True,
        }
        for d in overdue
    ]
    return {"rows": rows, "more_url": reverse("deadlines:supervision")}


@dataclass(frozen=True)
class StartPanel:
    key: str
    title: Any
    template: str
    #: The panel shows to users holding any of these permissions (empty: every signed-in user).
    permissions: tuple[str, ...]
    empty_text: Any
    context: Callable[[Any], dict[str, Any]] = field(default=lambda user: {})


#: Desks whose holders have deadlines of their own.
WORKING_DESKS = (
    "accounts.officer_desk",
    "accounts.investigator_desk",
    "accounts.judge_desk",
    "accounts.supervisor_desk",
    "accounts.committee_desk",
    "accounts.prison_desk",
)

PANELS: tuple[StartPanel, ...] = (
    StartPanel(
        key="my-cases",
        title=_("My cases"),
        template="reports/panels/list.html",
        permissions=("accounts.officer_desk",),
        empty_text=_("No cases are assigned to you yet."),
        context=_my_cases,
    ),
    StartPanel(
        key="my-deadlines",
        title=_("My deadlines"),
        template="reports/panels/list.html",
        permissions=WORKING_DESKS,
        empty_text=_("No deadlines are due. Deadlines of your cases will appear here."),
        context=_my_deadlines,
    ),
    StartPanel(
        key="docket",
        title=_("My docket"),
        template="reports/panels/list.html",
        permissions=("accounts.judge_desk",),
        empty_text=_("No hearings are scheduled before you."),
    ),
    StartPanel(
        key="investigations",
        title=_("My investigations"),
        template="reports/panels/list.html",
        permissions=("accounts.investigator_desk",),
        empty_text=_("No investigations are assigned to you."),
    ),
    StartPanel(
        key="jurisdiction",
        title=_("My jurisdiction"),
        template="reports/panels/list.html",
        permissions=("accounts.supervisor_desk",),
        empty_text=_("Nothing is overdue in your governorates."),
        context=_jurisdiction,
    ),
    StartPanel(
        key="applications",
        title=_("Amnesty applications awaiting decision"),
        template="reports/panels/list.html",
        permissions=("accounts.committee_desk",),
        empty_text=_("No applications are waiting for the committee."),
    ),
    StartPanel(
        key="releases",
        title=_("Releases and eligibility dates"),
        template="reports/panels/list.html",
        permissions=("accounts.prison_desk",),
        empty_text=_("No release dates fall in the next 30 days."),
    ),
    StartPanel(
        key="audit",
        title=_("Access review"),
        template="reports/panels/list.html",
        permissions=("accounts.auditor_desk",),
        empty_text=_("The access log is reviewed from the auditor's page."),
    ),
)


def panels_for(user: Any) -> list[dict[str, Any]]:
    """The panels ``user`` holds the desk for, each with its context."""
    shown = []
    for panel in PANELS:
        if panel.permissions and not any(user.has_perm(p) for p in panel.permissions):
            continue
        shown.append({"panel": panel, **panel.context(user)})
    return shown
