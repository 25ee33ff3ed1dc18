"""The programme dashboard: the figures of a jurisdiction, aggregated in the database.

Each panel is one selector ``<panel>(user, filters)`` that returns plain data (a :class:`Panel`
of strings and numbers, never model instances). Each runs one to three SQL statements (GROUP BY,
``COUNT(*) FILTER (WHERE ...)``, ``date_trunc``) whatever the number of records: Python only
arranges the aggregated rows (at most months x modes x governorates of them) into tables and
charts. :func:`dashboard_data` runs every panel; the page, the CSV exports and the benchmark call
it. Definitions of every figure are in docs/dashboard.md.

Scoping: every query starts from ``Model.objects.in_jurisdiction(user)``; the governorate and
unit filters narrow it further and can never widen it (a governorate outside the jurisdiction
gives nothing, and the form refuses it before).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.fields import ArrayField
from django.db.models import Avg, Count, DateTimeField, F, Func, IntegerField, Q, QuerySet, Value
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cases.accounts.models import Governorate
from cases.amnesty.models import AbsenceReport, Decree
from cases.amnesty.rules import AWAY
from cases.casefiles.models import Case
from cases.courts.models import ChargeVerdict, CommutationRequest, PenaltyChoice, Sentence, Verdict
from cases.deadlines.models import Deadline, DeadlineKind
from cases.referrals.models import Referral

#: Days of a month on average, to give terms in months (365.25 / 12).
DAYS_PER_MONTH = 30.4375
#: The longest period the filters accept, in days (about ten years): bounds the work of a page.
MAX_PERIOD_DAYS = 3653


# --- Filters -------------------------------------------------------------------------------------


def _midnight(day: dt.date) -> dt.datetime:
    """The first moment of ``day`` in the current time zone (Baghdad's by default)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


@dataclass(frozen=True)
class DashboardFilters:
    """The period (days, both included), and optionally one governorate and one unit."""

    date_from: dt.date
    date_to: dt.date
    governorate_id: int | None = None
    unit_id: int | None = None

    @classmethod
    def default(cls, today: dt.date | None = None) -> DashboardFilters:
        """The last twelve months: from the first day of the month eleven months back to today."""
        today = today or timezone.localdate()
        month = today.month - 11
        year = today.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        return cls(date_from=dt.date(year, month, 1), date_to=today)

    @property
    def start(self) -> dt.datetime:
        return _midnight(self.date_from)

    @property
    def end(self) -> dt.datetime:
        """The first moment after the period (excluded)."""
        return _midnight(self.date_to + dt.timedelta(days=1))

    def months(self) -> list[dt.date]:
        """The first day of every month the period touches, in order."""
        months = []
        day = self.date_from.replace(day=1)
        while day <= self.date_to:
            months.append(day)
            day = (day + dt.timedelta(days=32)).replace(day=1)
        return months


# --- What a panel returns ------------------------------------------------------------------------


@dataclass
class Table:
    """A table of figures: the first column names the row, the others are numbers."""

    title: str
    columns: list[str]
    rows: list[list[Any]]
    #: A last row of totals (shown in <tfoot>), or None.
    total: list[Any] | None = None


@dataclass
class Chart:
    """What static/js/dashboard.js needs to draw a bar chart (stacked or not)."""

    key: str
    title: str
    labels: list[str]
    datasets: list[dict[str, Any]]
    stacked: bool = True
    horizontal: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "labels": self.labels,
            "datasets": self.datasets,
            "stacked": self.stacked,
            "horizontal": self.horizontal,
        }


@dataclass
class Panel:
    key: str
    title: str
    #: True when nothing was counted: the page shows the empty state instead of zeros.
    empty: bool
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    #: Headline figures: (label, value already formatted).
    summary: list[tuple[str, str]] = field(default_factory=list)
    #: The panel's own raw figures, by stable keys (for tests, the benchmark, the headline row).
    figures: dict[str, Any] = field(default_factory=dict)


# --- Helpers -------------------------------------------------------------------------------------


def _arabic() -> bool:
    return (get_language() or "en").startswith("ar")


def _name(row: dict[str, Any], prefix: str) -> str:
    """The bilingual name of a grouped row (``prefix__name_en`` / ``prefix__name_ar``)."""
    return row[f"{prefix}__name_ar"] if _arabic() else row[f"{prefix}__name_en"]


def _month_label(day: dt.date) -> str:
    return formats.date_format(day, "YEAR_MONTH_FORMAT")


def _percent(part: int, whole: int) -> str:
    if not whole:
        return "—"
    return f"{100 * part / whole:.1f}%"


def _scope(
    queryset: QuerySet,
    user: Any,
    filters: DashboardFilters,
    *,
    governorate: str = "governorate",
    unit: str | Callable[[int], Q] | None = None,
) -> QuerySet:
    """``queryset`` in ``user``'s jurisdiction, narrowed by the governorate and unit filters,
    without the model's default ordering (which would otherwise join the GROUP BY)."""
    qs = queryset.in_jurisdiction(user)
    if filters.governorate_id is not None:
        qs = qs.filter(**{governorate: filters.governorate_id})
    if filters.unit_id is not None and unit is not None:
        qs = qs.filter(unit(filters.unit_id) if callable(unit) else Q(**{unit: filters.unit_id}))
    return qs.order_by()


def _cases(user: Any, filters: DashboardFilters) -> QuerySet:
    """Cases opened (intake recorded) in the period."""
    return _scope(Case.objects.all(), user, filters, unit="receiving_unit_id").filter(
        opened_at__gte=filters.start, opened_at__lt=filters.end
    )


def _month_index(field: str, filters: DashboardFilters) -> Func:
    """The month of ``field`` as its position in ``filters.months()`` (0 for the first), by
    ``width_bucket`` against the first moments of the later months in Baghdad: a comparison per
    row, cheaper than ``date_trunc`` in a time zone, and an index-only scan can serve it."""
    bounds = [_midnight(m) for m in filters.months()[1:]]
    if not bounds:
        return Value(0, output_field=IntegerField())
    return Func(
        F(field),
        Value(bounds, output_field=ArrayField(DateTimeField())),
        function="width_bucket",
        output_field=IntegerField(),
    )


def _names(model: Any, label_en: str = "name_en", label_ar: str = "name_ar") -> dict[int, str]:
    """The names of a small reference table (governorates, deadline kinds) by id, in the
    language of the page: one query, instead of joining them into a GROUP BY over many rows."""
    field = label_ar if _arabic() else label_en
    return dict(model.objects.values_list("pk", field))


def _with_total(rows: list[list[Any]]) -> list[list[Any]]:
    return [[*row, sum(row[1:])] for row in rows]


def _column_totals(label: str, rows: list[list[Any]]) -> list[Any]:
    width = len(rows[0]) if rows else 0
    return [label, *(sum(row[i] for row in rows) for i in range(1, width))]


# --- 1. Intakes per month, by how he came in and by governorate ----------------------------------


def surrenders(user: Any, filters: DashboardFilters) -> Panel:
    """Cases opened in the period, per month and mode (voluntary, arrest, handed over,
    deserter's return), and per governorate. One statement (GROUP BY month, kind, governorate),
    and the governorates' names."""
    grouped = (
        _cases(user, filters)
        .annotate(month=_month_index("opened_at", filters))
        .values("month", "kind", "governorate_id")
        .annotate(n=Count("*"))
    )
    governorates = _names(Governorate)
    kinds = list(Case.Kind.choices)
    months = filters.months()
    by_month = {k: [0] * len(months) for k, _label in kinds}
    by_gov: dict[int, dict[str, Any]] = {}
    for row in grouped:
        by_month[row["kind"]][row["month"]] += row["n"]
        gov = by_gov.setdefault(
            row["governorate_id"],
            {"name": governorates[row["governorate_id"]], **{k: 0 for k, _label in kinds}},
        )
        gov[row["kind"]] += row["n"]
    month_rows = _with_total(
        [[_month_label(m), *(by_month[k][i] for k, _label in kinds)] for i, m in enumerate(months)]
    )
    gov_rows = _with_total(
        [
            [g["name"], *(g[k] for k, _label in kinds)]
            for g in sorted(by_gov.values(), key=lambda g: g["name"])
        ]
    )
    total = sum(row[-1] for row in month_rows)
    per_kind = {k: sum(by_month[k]) for k, _label in kinds}
    header = [str(label) for _k, label in kinds]
    return Panel(
        key="surrenders",
        title=_("Intakes per month, by how he came in"),
        empty=total == 0,
        tables=[
            Table(
                _("Intakes per month"),
                [_("Month"), *header, _("Total")],
                month_rows,
                _column_totals(_("Total"), month_rows),
            ),
            Table(
                _("Intakes per governorate"),
                [_("Governorate"), *header, _("Total")],
                gov_rows,
                _column_totals(_("Total"), gov_rows) if gov_rows else None,
            ),
        ],
        charts=[
            Chart(
                "surrenders-month",
                _("Intakes per month"),
                [_month_label(m) for m in months],
                [
                    {"label": str(label), "data": by_month[k], "color": i}
                    for i, (k, label) in enumerate(kinds)
                ],
            ),
            Chart(
                "surrenders-governorate",
                _("Intakes per governorate"),
                [row[0] for row in gov_rows],
                [
                    {"label": str(label), "data": [row[1 + i] for row in gov_rows], "color": i}
                    for i, (_k, label) in enumerate(kinds)
                ],
                horizontal=True,
            ),
        ],
        summary=[
            (_("Intakes"), str(total)),
            (_("Voluntary"), _percent(per_kind[Case.Kind.VOLUNTARY_SURRENDER], total)),
            (_("Arrested"), _percent(per_kind[Case.Kind.ARREST], total)),
        ],
        figures={"total": total, "by_kind": per_kind, "by_month": by_month},
    )


# --- 2. Referral pipeline and conversion ---------------------------------------------------------


def referrals(user: Any, filters: DashboardFilters) -> Panel:
    """Referrals received in the period, by their status now, and how many led to a surrender
    (linked to the case opened when he came in). One statement."""
    statuses = list(Referral.Status.choices)
    counts = (
        _scope(Referral.objects.all(), user, filters, unit="unit_id")
        .filter(received_at__gte=filters.start, received_at__lt=filters.end)
        .aggregate(
            total=Count("*"),
            converted=Count("id", filter=Q(case__isnull=False)),
            **{f"s_{s}": Count("id", filter=Q(status=s)) for s, _label in statuses},
        )
    )
    rows = [[str(label), counts[f"s_{s}"]] for s, label in statuses]
    total, converted = counts["total"], counts["converted"]
    return Panel(
        key="referrals",
        title=_("Referral pipeline and conversion"),
        empty=total == 0,
        tables=[
            Table(
                _("Referrals received in the period, by status now"),
                [_("Status"), _("Referrals")],
                rows,
                [_("Total"), total],
            ),
            Table(
                _("Conversion"),
                [_("Figure"), _("Referrals")],
                [[_("Received in the period"), total], [_("Led to a surrender"), converted]],
            ),
        ],
        charts=[
            Chart(
                "referrals-status",
                _("Referrals by status"),
                [row[0] for row in rows],
                [{"label": _("Referrals"), "data": [row[1] for row in rows], "color": 0}],
                stacked=False,
            )
        ],
        summary=[
            (_("Referrals received"), str(total)),
            (_("Led to a surrender"), str(converted)),
            (_("Conversion"), _percent(converted, total)),
        ],
        figures={
            "total": total,
            "converted": converted,
            "by_status": {s: counts[f"s_{s}"] for s, _label in statuses},
        },
    )


# --- 3. Deadlines kept ---------------------------------------------------------------------------

#: The outcome of a deadline due in the period, in the order shown (docs/dashboard.md).
DEADLINE_OUTCOMES = ("met_on_time", "met_late", "overdue", "missed", "pending", "cancelled")


def _deadline_outcomes(now: dt.datetime) -> dict[str, Q]:
    S = Deadline.Status
    met = Q(met_at__isnull=False)
    unmet_cancelled = Q(met_at__isnull=True, status=S.CANCELLED)
    given_up = Q(missed_at__isnull=False) | Q(closed_at__gt=F("due_at"))
    return {
        "met_on_time": met & Q(met_at__lte=F("due_at")),
        "met_late": met & Q(met_at__gt=F("due_at")),
        # As DeadlineQuerySet.overdue(): missed and not met, or open past its due time.
        "overdue": Q(met_at__isnull=True)
        & (Q(status=S.MISSED) | Q(status=S.OPEN, due_at__lte=now)),
        "missed": unmet_cancelled & given_up,
        "pending": Q(met_at__isnull=True, status=S.OPEN, due_at__gt=now),
        "cancelled": unmet_cancelled & ~given_up,
    }


def deadlines(user: Any, filters: DashboardFilters, *, now: dt.datetime | None = None) -> Panel:
    """Deadlines due in the period, per kind, by outcome. One statement (GROUP BY kind with one
    FILTER per outcome), and the kinds' names."""
    now = now or timezone.now()
    labels = {
        "met_on_time": _("Met on time"),
        "met_late": _("Met late"),
        "overdue": _("Overdue now"),
        "missed": _("Missed"),
        "pending": _("Not yet due"),
        "cancelled": _("Cancelled"),
    }
    conditions = _deadline_outcomes(now)
    grouped = (
        _scope(Deadline.objects.all(), user, filters, unit="responsible_unit_id")
        .filter(due_at__gte=filters.start, due_at__lt=filters.end)
        .values("kind_id")
        # COUNT(due_at): a column of the index the query can be answered from (COUNT(*) takes no
        # FILTER in Django, and the id would send every row to the table).
        .annotate(**{o: Count("due_at", filter=conditions[o]) for o in DEADLINE_OUTCOMES})
    )
    kinds = _names(DeadlineKind, "label_en", "label_ar")
    rows = _with_total(
        sorted([kinds[row["kind_id"]], *(row[o] for o in DEADLINE_OUTCOMES)] for row in grouped)
    )
    totals = {o: sum(r[1 + i] for r in rows) for i, o in enumerate(DEADLINE_OUTCOMES)}
    came_due = sum(totals[o] for o in ("met_on_time", "met_late", "overdue", "missed"))
    return Panel(
        key="deadlines",
        title=_("Deadlines due in the period"),
        empty=not rows,
        tables=[
            Table(
                _("Deadlines by kind and outcome"),
                [_("Kind"), *(labels[o] for o in DEADLINE_OUTCOMES), _("Total")],
                rows,
                _column_totals(_("Total"), rows) if rows else None,
            )
        ],
        charts=[
            Chart(
                "deadlines-kind",
                _("Deadlines by kind and outcome"),
                [r[0] for r in rows],
                [
                    {"label": labels[o], "data": [r[1 + i] for r in rows], "color": i}
                    for i, o in enumerate(DEADLINE_OUTCOMES)
                ],
                horizontal=True,
            )
        ],
        summary=[
            (_("Came due"), str(came_due)),
            (_("Met on time"), _percent(totals["met_on_time"], came_due)),
            (_("Overdue now"), str(totals["overdue"])),
        ],
        figures={"came_due": came_due, **totals},
    )


# --- 4. Cases by stage ---------------------------------------------------------------------------


def stages(user: Any, filters: DashboardFilters) -> Panel:
    """Cases opened in the period, by the stage of the pipeline they are at now. One
    statement: GROUP BY status."""
    counts = dict(_cases(user, filters).values_list("status").annotate(n=Count("*")))
    rows = [[str(label), counts.get(s, 0)] for s, label in Case.Status.choices]
    total = sum(counts.values())
    return Panel(
        key="stages",
        title=_("Cases by stage"),
        empty=total == 0,
        tables=[
            Table(
                _("Cases opened in the period, by stage now"),
                [_("Stage"), _("Cases")],
                rows,
                [_("Total"), total],
            )
        ],
        charts=[
            Chart(
                "stages",
                _("Cases by stage"),
                [r[0] for r in rows],
                [{"label": _("Cases"), "data": [r[1] for r in rows], "color": 0}],
                stacked=False,
                horizontal=True,
            )
        ],
        summary=[
            (_("Cases"), str(total)),
            (_("Closed"), str(counts.get(Case.Status.CLOSED, 0))),
        ],
        figures={"total": total, "by_status": {s: counts.get(s, 0) for s in Case.Status.values}},
    )


# --- 5. Court outcomes, sentences, commutations ---------------------------------------------------


def _court_unit(prefix: str) -> Callable[[int], Q]:
    """A unit's verdicts: those of the cases it received, and those it gave (a court)."""
    return lambda unit_id: (
        Q(**{f"{prefix}case__receiving_unit_id": unit_id}) | Q(**{f"{prefix}court_id": unit_id})
    )


def courts(user: Any, filters: DashboardFilters) -> Panel:
    """Verdicts given in the period (the current ones: a verdict superseded by a retrial is not
    counted), their findings per charge, the sentences they carry now (after cassation and
    commutation) with the average custodial term, and the commutation requests made in the
    period by their status. Three statements, one per model."""
    findings = list(ChargeVerdict.Finding.choices)
    penalties = list(PenaltyChoice.choices)
    in_period = Q(decided_on__gte=filters.date_from, decided_on__lte=filters.date_to)
    verdict_counts = (
        _scope(
            Verdict.objects.all(),
            user,
            filters,
            governorate="case__governorate",
            unit=_court_unit(""),
        )
        .filter(in_period, superseded_at__isnull=True)
        .aggregate(
            verdicts=Count("id", distinct=True),
            convicted=Count(
                "id", distinct=True, filter=Q(findings__finding=ChargeVerdict.Finding.CONVICTED)
            ),
            **{
                f"f_{value}": Count("findings", filter=Q(findings__finding=value))
                for value, _label in findings
            },
        )
    )
    sentence_counts = (
        _scope(
            Sentence.objects.all(),
            user,
            filters,
            governorate="verdict__case__governorate",
            unit=_court_unit("verdict__"),
        )
        .filter(
            verdict__superseded_at__isnull=True,
            verdict__decided_on__gte=filters.date_from,
            verdict__decided_on__lte=filters.date_to,
        )
        .aggregate(
            total=Count("*"),
            custodial=Count("id", filter=Q(total_days__gt=0)),
            average_days=Avg("total_days", filter=Q(total_days__gt=0)),
            **{f"p_{p}": Count("id", filter=Q(penalty=p)) for p, _label in penalties},
        )
    )
    statuses = list(CommutationRequest.Status.choices)
    commutation_counts = (
        _scope(
            CommutationRequest.objects.all(),
            user,
            filters,
            governorate="sentence__verdict__case__governorate",
            unit=_court_unit("sentence__verdict__"),
        )
        .filter(requested_at__gte=filters.start, requested_at__lt=filters.end)
        .aggregate(
            total=Count("*"), **{f"c_{s}": Count("id", filter=Q(status=s)) for s, _l in statuses}
        )
    )
    finding_rows = [[str(label), verdict_counts[f"f_{f}"]] for f, label in findings]
    penalty_rows = [[str(label), sentence_counts[f"p_{p}"]] for p, label in penalties]
    commutation_rows = [[str(label), commutation_counts[f"c_{s}"]] for s, label in statuses]
    average_days = sentence_counts["average_days"]
    average_months = round(float(average_days) / DAYS_PER_MONTH, 1) if average_days else None
    granted = (
        commutation_counts[f"c_{CommutationRequest.Status.ACCEPTED}"]
        + (commutation_counts[f"c_{CommutationRequest.Status.MODIFIED}"])
    )
    return Panel(
        key="courts",
        title=_("Court outcomes, sentences and commutations"),
        empty=not (verdict_counts["verdicts"] or commutation_counts["total"]),
        tables=[
            Table(
                _("Findings per charge, in verdicts given in the period"),
                [_("Finding"), _("Charges")],
                finding_rows,
                _column_totals(_("Total"), finding_rows),
            ),
            Table(
                _("Sentences of those verdicts, as they stand now"),
                [_("Penalty"), _("Sentences")],
                penalty_rows,
                [_("Total"), sentence_counts["total"]],
            ),
            Table(
                _("Commutation requests made in the period, by status"),
                [_("Status"), _("Requests")],
                commutation_rows,
                [_("Total"), commutation_counts["total"]],
            ),
        ],
        charts=[
            Chart(
                "courts-findings",
                _("Findings per charge"),
                [r[0] for r in finding_rows],
                [{"label": _("Charges"), "data": [r[1] for r in finding_rows], "color": 0}],
                stacked=False,
            )
        ],
        summary=[
            (_("Verdicts"), str(verdict_counts["verdicts"])),
            (_("With a conviction"), str(verdict_counts["convicted"])),
            (
                _("Average custodial term"),
                _("%(months)s months") % {"months": average_months}
                if average_months is not None
                else "—",
            ),
            (_("Commutations granted"), str(granted)),
        ],
        figures={
            "verdicts": verdict_counts["verdicts"],
            "convicted_verdicts": verdict_counts["convicted"],
            "findings": {f: verdict_counts[f"f_{f}"] for f, _label in findings},
            "sentences": sentence_counts["total"],
            "custodial": sentence_counts["custodial"],
            "penalties": {p: sentence_counts[f"p_{p}"] for p, _label in penalties},
            "average_months": average_months,
            "commutations": {s: commutation_counts[f"c_{s}"] for s, _l in statuses},
            "commutations_granted": granted,
        },
    )


# --- 6. Absences and returns per unit and decree window -------------------------------------------


def absences(user: Any, filters: DashboardFilters) -> Panel:
    """Per unit: members reported absent (left in the period), returns in the period, those
    still away now; and for each decree whose window runs until a deserter's return, the
    members it covers who returned within its window, after it, or not at all (counted as on
    the decree's page, ``cases.amnesty.selectors.decree_counts``; the window is its own period,
    so the period filter does not narrow it). Two statements: the decrees, then GROUP BY unit."""
    decrees = [
        d
        for d in Decree.objects.return_windows().order_by("effective_on", "pk")
        if d.window_closes_at is not None
    ]
    aggregates: dict[str, Any] = {
        "reported": Count(
            "id", filter=Q(absent_since__gte=filters.date_from, absent_since__lte=filters.date_to)
        ),
        "returned": Count(
            "id", filter=Q(returned_at__gte=filters.start, returned_at__lt=filters.end)
        ),
        "away": Count("id", filter=Q(status__in=AWAY)),
    }
    for d in decrees:
        # A return is in time before the first moment of the day after the window's last.
        day_after = d.window_closes_at.replace(microsecond=0) + dt.timedelta(seconds=1)
        covered = Q(absent_since__lte=d.acts_until or d.effective_on)
        aggregates[f"d{d.pk}_in"] = Count(
            "id", filter=covered & Q(returned_at__isnull=False, returned_at__lt=day_after)
        )
        aggregates[f"d{d.pk}_after"] = Count("id", filter=covered & Q(returned_at__gte=day_after))
        aggregates[f"d{d.pk}_not"] = Count(
            "id",
            filter=covered & Q(returned_at__isnull=True) & ~Q(status=AbsenceReport.Status.DECEASED),
        )
    grouped = (
        _scope(AbsenceReport.objects.all(), user, filters, unit="unit_id")
        .values("unit_id", "unit__name_en", "unit__name_ar")
        .annotate(**aggregates)
        .order_by("unit__name_en", "unit_id")
    )
    window_labels = (_("Returned within the window"), _("Returned after it"), _("Not returned"))
    rows = []
    for row in grouped:
        rows.append(
            [
                _name(row, "unit"),
                row["reported"],
                row["returned"],
                row["away"],
                *(row[f"d{d.pk}_{part}"] for d in decrees for part in ("in", "after", "not")),
            ]
        )
    columns = [_("Unit"), _("Left in the period"), _("Returned in the period"), _("Away now")]
    for d in decrees:
        columns += [f"{d.title}: {label}" for label in window_labels]
    datasets = []
    for n, d in enumerate(decrees):
        for i, label in enumerate(window_labels):
            position = 4 + 3 * n + i  # after the unit and its three figures
            datasets.append(
                {
                    "label": f"{label} ({d.code})" if len(decrees) > 1 else label,
                    "data": [r[position] for r in rows],
                    "stack": d.code,
                    "color": i,
                }
            )
    return Panel(
        key="absences",
        title=_("Absences and returns per unit and decree window"),
        empty=not rows,
        tables=[
            Table(
                _("Absences and returns per unit"),
                columns,
                rows,
                _column_totals(_("Total"), rows) if rows else None,
            )
        ],
        charts=[
            Chart(
                "absences-units",
                _("Returns per unit and decree window"),
                [r[0] for r in rows],
                datasets,
                horizontal=True,
            )
        ]
        if decrees
        else [],
        summary=[
            (_("Left in the period"), str(sum(r[1] for r in rows))),
            (_("Returned in the period"), str(sum(r[2] for r in rows))),
            (_("Away now"), str(sum(r[3] for r in rows))),
        ],
        figures={
            "decrees": [d.code for d in decrees],
            "units": {r[0]: r[1:] for r in rows},
        },
    )


# --- 7. Juveniles --------------------------------------------------------------------------------


def juveniles(user: Any, filters: DashboardFilters) -> Panel:
    """Cases opened in the period of people who were juveniles at the time of the acts (the
    intake's age band, computed from the date of birth), per month and stage now. One
    statement: GROUP BY month, status (the intake is one row per case: no fan-out)."""
    grouped = (
        _cases(user, filters)
        .filter(intake__is_juvenile=True)
        .annotate(month=_month_index("opened_at", filters))
        .values("month", "status")
        .annotate(n=Count("*"))
    )
    months = filters.months()
    by_status: dict[str, list[int]] = {}
    for row in grouped:
        by_status.setdefault(row["status"], [0] * len(months))[row["month"]] += row["n"]
    present = [(s, label) for s, label in Case.Status.choices if s in by_status]
    rows = _with_total(
        [
            [_month_label(m), *(by_status[s][i] for s, _label in present)]
            for i, m in enumerate(months)
        ]
    )
    total = sum(sum(v) for v in by_status.values())
    return Panel(
        key="juveniles",
        title=_("Juveniles at the time of the acts"),
        empty=total == 0,
        tables=[
            Table(
                _("Juveniles per month, by stage now"),
                [_("Month"), *(str(label) for _s, label in present), _("Total")],
                rows,
                _column_totals(_("Total"), rows),
            )
        ],
        charts=[
            Chart(
                "juveniles-month",
                _("Juveniles per month, by stage now"),
                [_month_label(m) for m in months],
                [
                    {"label": str(label), "data": by_status[s], "color": i}
                    for i, (s, label) in enumerate(present)
                ],
            )
        ],
        summary=[(_("Juveniles"), str(total))],
        figures={"total": total, "by_status": {s: sum(v) for s, v in by_status.items()}},
    )


#: The panels in the order of the page; each is a selector ``(user, filters) -> Panel``.
PANELS: dict[str, Callable[[Any, DashboardFilters], Panel]] = {
    "surrenders": surrenders,
    "referrals": referrals,
    "deadlines": deadlines,
    "stages": stages,
    "courts": courts,
    "absences": absences,
    "juveniles": juveniles,
}


def dashboard_data(user: Any, filters: DashboardFilters | None = None) -> dict[str, Panel]:
    """Every panel of the dashboard for ``user`` (his jurisdiction) and ``filters`` (default:
    the last twelve months): a constant number of SQL statements whatever the data."""
    filters = filters or DashboardFilters.default()
    return {key: selector(user, filters) for key, selector in PANELS.items()}
