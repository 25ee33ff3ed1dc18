"""Reads of the casefiles app that depend on the user."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone

from cases.accounts.jurisdiction import get_for_change, get_for_user
from cases.deadlines.models import Deadline

from . import rules
from .models import Case


def cases_for_user(user) -> QuerySet[Case]:
    """The cases ``user`` may see, with what every list shows."""
    return Case.objects.in_jurisdiction(user).select_related(
        "person", "governorate", "receiving_unit", "assigned_officer", "intake"
    )


def case_get_for_user(user, pk) -> Case:
    """The case, or 404 outside the user's jurisdiction."""
    return get_for_user(cases_for_user(user), user, pk=pk)


def case_get_for_change(user, pk) -> Case:
    """The case, 404 outside the jurisdiction, 403 without the permission to change it."""
    return get_for_change(cases_for_user(user), user, "casefiles.change_case", pk=pk)


#: Each order ends on a unique column (keyset pagination needs a total order) and has an index
#: that matches it within a governorate (see the model's indexes and docs/benchmarks.md).
SORTS = {
    "newest": ("-opened_at", "-id"),
    "oldest": ("opened_at", "id"),
    "number": ("number",),
    "status": ("status", "-opened_at", "-id"),
}


@dataclass(frozen=True)
class CaseFilters:
    status: str = ""
    kind: str = ""
    governorate: Any = None
    unit: Any = None
    juvenile: bool | None = None
    overdue: bool = False
    number: str = ""
    person_ids: tuple[int, ...] | None = None
    sort: str = "newest"


def case_list(user, filters: CaseFilters) -> QuerySet[Case]:
    """The filtered, sorted cases of ``user``'s jurisdiction (one query per page)."""
    qs = cases_for_user(user)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.governorate is not None:
        qs = qs.filter(governorate=filters.governorate)
    if filters.unit is not None:
        qs = qs.filter(receiving_unit=filters.unit)
    if filters.juvenile is not None:
        qs = qs.filter(intake__is_juvenile=filters.juvenile)
    if filters.number:
        qs = qs.filter(number__istartswith=filters.number.strip())
    if filters.person_ids is not None:
        qs = qs.filter(person_id__in=filters.person_ids)
    if filters.overdue:
        now = timezone.now()
        overdue = Deadline.objects.filter(
            content_type=ContentType.objects.get_for_model(Case),
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
        ).filter(
            Q(status=Deadline.Status.MISSED, met_at__isnull=True)
            | Q(status=Deadline.Status.OPEN, due_at__lte=now)
        )
        qs = qs.filter(Exists(overdue))
    return qs.order_by(*SORTS.get(filters.sort, SORTS["newest"]))


@dataclass(frozen=True)
class DetentionSummary:
    total_days: int
    cap_days: int
    remaining_days: int
    extended: bool
    current_until: dt.date | None


def detention_summary(case: Case, orders: list) -> DetentionSummary:
    """How long he has been held on orders, against the limit."""
    from .services import custody_limits

    first = orders[0].starts_on if orders else timezone.localdate()
    cap = rules.total_cap_days(custody_limits(first), case.max_penalty_months)
    total = sum(o.days for o in orders)
    today = timezone.localdate()
    current = next((o.ends_on for o in orders if o.starts_on <= today <= o.ends_on), None)
    return DetentionSummary(
        total_days=total,
        cap_days=cap,
        remaining_days=max(cap - total, 0),
        extended=any(o.felony_court_extension for o in orders),
        current_until=current,
    )


@dataclass(frozen=True)
class TimelineEvent:
    at: dt.datetime
    kind: str
    title: str
    detail: str = ""
    by: Any = None


#: Higher apps (referrals, courts, amnesty, tribal) add their events to a case's timeline by
#: registering a function ``(case) -> list[TimelineEvent]``.
TIMELINE_SOURCES: list = []


def register_timeline_source(source) -> None:
    if source not in TIMELINE_SOURCES:
        TIMELINE_SOURCES.append(source)


#: Higher apps add a section to the case page: ``fn(user, case) -> dict`` fills the context
#: variable ``name`` that ``template`` reads.
CASE_SECTIONS: list[tuple[str, str, Any]] = []


def register_case_section(name: str, template: str, fn) -> None:
    if all(entry[0] != name for entry in CASE_SECTIONS):
        CASE_SECTIONS.append((name, template, fn))


def case_sections(user, case) -> tuple[list[str], dict[str, Any]]:
    """The templates of the registered sections, and the context they read."""
    return [t for _n, t, _f in CASE_SECTIONS], {n: fn(user, case) for n, _t, fn in CASE_SECTIONS}


def case_timeline(case: Case, *, deadlines: list[Deadline]) -> list[TimelineEvent]:
    """Everything that happened to the case, newest first."""
    from django.utils.translation import gettext as _

    events = [
        TimelineEvent(
            c.at,
            "status",
            _("Status: %(status)s") % {"status": c.get_to_status_display()},
            c.reason,
            c.by,
        )
        for c in case.status_changes.select_related("by")
    ]
    intake = case.intake
    events.append(
        TimelineEvent(
            intake.at,
            "intake",
            _("Intake: %(kind)s") % {"kind": case.get_kind_display()},
            intake.place,
            intake.receiving_officer,
        )
    )
    if intake.presented_to_judge_at:
        events.append(
            TimelineEvent(
                intake.presented_to_judge_at,
                "court",
                _("Papers before the investigating judge"),
                str(intake.presented_to_court or ""),
            )
        )
    screening = getattr(case, "screening", None)
    if screening is not None:
        events.append(
            TimelineEvent(
                screening.screened_at,
                "screening",
                _("Screening: %(outcome)s") % {"outcome": screening.get_outcome_display()},
                screening.get_risk_tier_display(),
                screening.interviewing_officer,
            )
        )
    for order in case.detention_orders.select_related("court"):
        events.append(
            TimelineEvent(
                timezone.make_aware(dt.datetime.combine(order.starts_on, dt.time(0, 0))),
                "custody",
                _("Detention order %(start)s – %(end)s")
                % {"start": order.starts_on, "end": order.ends_on},
                f"{order.court} · {order.judge_name}",
            )
        )
    for weapon in case.weapons.all():
        events.append(
            TimelineEvent(
                weapon.received_at,
                "weapon",
                _("Weapon handed over: %(weapon)s") % {"weapon": weapon},
                weapon.storage_location,
            )
        )
    for deadline in deadlines:
        events.append(
            TimelineEvent(
                deadline.created_at,
                "deadline",
                _("Deadline opened: %(kind)s") % {"kind": deadline.kind.label},
                deadline.get_status_display(),
            )
        )
    for source in TIMELINE_SOURCES:
        events.extend(source(case))
    return sorted(events, key=lambda e: e.at, reverse=True)
