"""The lists that can be exported, each read exactly as its page reads it.

A dataset names the permission its page needs, builds the page's own filter form from the
filters saved on the job (so the export has the rows the user saw, in his jurisdiction), and
gives the columns: a translated heading and a function of the row. No column ever reads a sealed
field: the referrals' rows come from ``referrals_for_user``, which defers the source's identity,
and the only source column is its code name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .models import ExportJob


class FiltersInvalid(ValueError):
    """The saved filters no longer pass the page's filter form (a unit closed, a court gone)."""

    def __init__(self, form: forms.Form) -> None:
        super().__init__(form.errors.as_text())
        self.form = form


@dataclass(frozen=True)
class Column:
    heading: Any  # a lazy translation: rendered in the job's language
    value: Callable[[Any], Any]


@dataclass(frozen=True)
class Scope:
    """One page of a dataset (the docket and "my cases' hearings" export different rows)."""

    label: Any
    list_url: str
    #: Permissions needed on top of the dataset's, as the page itself asks.
    permissions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Dataset:
    key: str
    label: Any
    permission: str
    scopes: dict[str, Scope]
    #: ``(data, user, scope) -> bound filter form`` of the page.
    form: Callable[[dict[str, Any], Any, str], forms.Form]
    #: ``(user, cleaned_data, scope) -> QuerySet`` of the page's rows, in the page's order.
    rows: Callable[[Any, dict[str, Any], str], QuerySet]
    #: ``(labels) -> columns``, called once per export under the export's language.
    columns: Callable[[Labels], tuple[Column, ...]] = field(default=lambda labels: ())
    #: The fields the columns read (``QuerySet.only``): a model instance with thirty fields
    #: costs twice one with three, a hundred thousand times. A column that reads another field
    #: would cost a query per row: tests/exports/test_tasks.py counts the queries of an export.
    only: tuple[str, ...] = ()

    @property
    def default_scope(self) -> str:
        return next(iter(self.scopes))

    def scope(self, name: str) -> Scope:
        return self.scopes.get(name) or self.scopes[self.default_scope]

    def allowed(self, user, scope: str) -> bool:
        needed = (self.permission, *self.scope(scope).permissions)
        return all(user.has_perm(p) for p in needed)

    def bound_form(self, filters: dict[str, Any], user, scope: str) -> forms.Form:
        data = {k: v for k, v in filters.items() if k != "scope"}
        return self.form(data, user, scope)

    def queryset(self, user, filters: dict[str, Any]) -> QuerySet:
        """The rows of the page with ``filters``; :class:`FiltersInvalid` if they do not pass
        the page's form any more."""
        scope = filters.get("scope") or self.default_scope
        form = self.bound_form(filters, user, scope)
        if not form.is_valid():
            raise FiltersInvalid(form)
        rows = self.rows(user, form.cleaned_data, scope)
        return rows.only(*self.only) if self.only else rows

    def clean_filters(self, raw: dict[str, Any], user, scope: str) -> dict[str, Any]:
        """The page's filters from ``raw`` (the page's query string): only the form's fields,
        empty ones dropped; :class:`FiltersInvalid` when the form refuses them."""
        form = self.form({}, user, scope)
        data = {k: raw[k] for k in form.fields if raw.get(k) not in (None, "")}
        bound = self.form(data, user, scope)
        if not bound.is_valid():
            raise FiltersInvalid(bound)
        return {"scope": scope, **data}

    def describe(self, filters: dict[str, Any], user) -> list[tuple[str, str]]:
        """The filters as the page shows them: (label, value) pairs, for the job's page."""
        scope = filters.get("scope") or self.default_scope
        form = self.bound_form(filters, user, scope)
        if not form.is_valid():
            return []
        pairs = []
        for name, bound_field in form.fields.items():
            if name not in filters or name == "sort":
                continue
            value = form.cleaned_data.get(name)
            if value in (None, "", False):
                continue
            if isinstance(bound_field, forms.ChoiceField) and not isinstance(
                bound_field, forms.ModelChoiceField
            ):
                value = dict(bound_field.choices).get(value, value)
            elif value is True:
                value = _("Yes")
            pairs.append((str(bound_field.label), str(value)))
        return pairs


class Labels:
    """What the columns print, computed once per export in its language rather than once per
    row: a choice's label (Django's ``get_FOO_display`` hashes and translates every choice on
    each call), a unit's or a user's name, yes and no. A hundred thousand rows, a few dozen
    distinct units."""

    def __init__(self) -> None:
        self.yes, self.no = str(_("Yes")), str(_("No"))
        self._names: dict[tuple[type, Any], str] = {}

    @staticmethod
    def choices(model, name: str) -> Callable[[Any], str]:
        labels = {value: str(label) for value, label in model._meta.get_field(name).flatchoices}
        return lambda value: labels.get(value, value or "")

    def name(self, obj: Any) -> str:
        if obj is None:
            return ""
        key = (type(obj), obj.pk)
        if key not in self._names:
            self._names[key] = str(obj)
        return self._names[key]

    def yes_no(self, value: bool | None) -> str:
        if value is None:
            return ""
        return self.yes if value else self.no


_CHAIN = ("given", "father", "grandfather", "family")
_PERSON_NAME = (
    *(f"{part}_name_{script}" for script in ("ar", "lat") for part in _CHAIN),
    "kunya",
)
_NAMED = ("name_en", "name_ar")
_USER = ("username", "first_name", "last_name")


def _fields(relation: str, names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f"{relation}__{name}" for name in names)


# --- Cases ---------------------------------------------------------------------------------------


def _case_form(data, user, scope):
    from cases.casefiles.forms import CaseFilterForm

    return CaseFilterForm(data, user=user)


def _case_rows(user, data, scope):
    """As ``casefiles.views.case_list_view`` reads its form."""
    from cases.casefiles.selectors import CaseFilters, case_list

    filters = CaseFilters(
        status=data.get("status") or "",
        kind=data.get("kind") or "",
        governorate=data.get("governorate"),
        unit=data.get("unit"),
        juvenile={"yes": True, "no": False}.get(data.get("juvenile") or ""),
        overdue=bool(data.get("overdue")),
        number=data.get("number") or "",
        sort=data.get("sort") or "newest",
    )
    return case_list(user, filters)


def _intake(case):
    return getattr(case, "intake", None)


CASES = Dataset(
    key=ExportJob.Dataset.CASES,
    label=_("Cases"),
    permission="casefiles.view_case",
    scopes={"list": Scope(_("Cases"), "casefiles:list")},
    form=_case_form,
    rows=_case_rows,
    columns=lambda labels: _case_columns(labels),
    only=(
        "number",
        "kind",
        "status",
        "opened_at",
        *_fields("person", _PERSON_NAME),
        *_fields("governorate", _NAMED),
        *_fields("receiving_unit", _NAMED),
        *_fields("assigned_officer", _USER),
        "intake__at",
        "intake__is_juvenile",
    ),
)


def _case_columns(labels: Labels) -> tuple[Column, ...]:
    from cases.casefiles.models import Case

    kind, status = labels.choices(Case, "kind"), labels.choices(Case, "status")
    return (
        Column(_("Case number"), lambda c: c.number),
        Column(_("Person"), lambda c: c.person.display_name),
        Column(_("How he came in"), lambda c: kind(c.kind)),
        Column(_("Status"), lambda c: status(c.status)),
        Column(_("Governorate"), lambda c: labels.name(c.governorate)),
        Column(_("Receiving unit"), lambda c: labels.name(c.receiving_unit)),
        Column(_("Assigned officer"), lambda c: labels.name(c.assigned_officer)),
        Column(_("Opened"), lambda c: c.opened_at),
        Column(_("Intake"), lambda c: _intake(c).at if _intake(c) else None),
        Column(
            _("Juvenile"),
            lambda c: labels.yes_no(_intake(c).is_juvenile if _intake(c) else None),
        ),
    )


# --- Referrals -----------------------------------------------------------------------------------


def _referral_form(data, user, scope):
    from cases.referrals.forms import ReferralFilterForm

    return ReferralFilterForm(data, user=user)


def _referral_rows(user, data, scope):
    """As ``referrals.views._referral_list`` reads its form; without the sealed columns."""
    from cases.referrals.selectors import ReferralFilters, referral_list

    filters = ReferralFilters(
        status=data.get("status") or "",
        risk=data.get("risk") or "",
        channel=data.get("channel") or "",
        action=data.get("action") or "",
        unit=data.get("unit"),
        number=data.get("number") or "",
        critical_open=scope == "critical",
    )
    return referral_list(user, filters)


def _subject(r) -> str:
    if r.subject_id:
        return r.subject.display_name
    return r.subject_description


REFERRALS = Dataset(
    key=ExportJob.Dataset.REFERRALS,
    label=_("Referrals"),
    permission="referrals.view_referral",
    scopes={
        "list": Scope(_("Referrals"), "referrals:list"),
        "critical": Scope(
            _("Open critical referrals"), "referrals:critical", ("accounts.supervisor_desk",)
        ),
    },
    form=_referral_form,
    rows=_referral_rows,
    columns=lambda labels: _referral_columns(labels),
    # Never the sealed columns: they are not even read from the database.
    only=(
        "number",
        "source_code",
        "channel",
        "subject_description",
        "requested_action",
        "source_risk",
        "family_risk",
        "status",
        "received_at",
        *_fields("subject", _PERSON_NAME),
        *_fields("unit", _NAMED),
        *_fields("governorate", _NAMED),
        *_fields("assigned_officer", ("username",)),
        "case__number",
    ),
)


def _referral_columns(labels: Labels) -> tuple[Column, ...]:
    from cases.referrals.models import Referral

    channel = labels.choices(Referral, "channel")
    action = labels.choices(Referral, "requested_action")
    risk = labels.choices(Referral, "source_risk")
    status = labels.choices(Referral, "status")
    return (
        Column(_("Referral number"), lambda r: r.number),
        Column(_("Source (code name)"), lambda r: r.source_code),
        Column(_("Channel"), lambda r: channel(r.channel)),
        Column(_("Subject"), _subject),
        Column(_("Requested action"), lambda r: action(r.requested_action)),
        Column(_("Reprisal risk to the source"), lambda r: risk(r.source_risk)),
        Column(_("Reprisal risk to the family"), lambda r: risk(r.family_risk)),
        Column(_("Status"), lambda r: status(r.status)),
        Column(_("Unit"), lambda r: labels.name(r.unit)),
        Column(_("Governorate"), lambda r: labels.name(r.governorate)),
        Column(_("Received"), lambda r: r.received_at),
        Column(_("Case"), lambda r: r.case.number if r.case_id else ""),
    )


# --- Hearings ------------------------------------------------------------------------------------


def _hearing_form(data, user, scope):
    from cases.courts.forms import DocketFilterForm
    from cases.courts.selectors import courts_for_user

    return DocketFilterForm(data, courts=courts_for_user(user))


def _hearing_rows(user, data, scope):
    """The rows the docket and "my cases' hearings" pages choose, without their page size."""
    from cases.courts.selectors import docket_hearings, officer_hearings_query

    if scope == "mine":
        return officer_hearings_query(user)
    _court, qs = docket_hearings(user, which=data.get("which") or "week", court=data.get("court"))
    return qs


HEARINGS = Dataset(
    key=ExportJob.Dataset.HEARINGS,
    label=_("Hearings"),
    permission="courts.view_hearing",
    scopes={
        "docket": Scope(_("Docket"), "courts:docket"),
        "mine": Scope(_("My cases' hearings"), "courts:my_hearings"),
    },
    form=_hearing_form,
    rows=_hearing_rows,
    columns=lambda labels: _hearing_columns(labels),
)


def _hearing_columns(labels: Labels) -> tuple[Column, ...]:
    from cases.courts.models import Hearing

    kind, outcome = labels.choices(Hearing, "kind"), labels.choices(Hearing, "outcome")
    return (
        Column(_("Date and time"), lambda h: h.scheduled_at),
        Column(_("Court"), lambda h: labels.name(h.court)),
        Column(_("Courtroom"), lambda h: h.courtroom),
        Column(_("Case number"), lambda h: h.case.number),
        Column(_("Type"), lambda h: kind(h.kind)),
        Column(_("Presiding judge"), lambda h: labels.name(h.judge)),
        Column(_("Outcome"), lambda h: outcome(h.outcome)),
        Column(_("Next date"), lambda h: h.next_at),
    )


# --- Deadlines -----------------------------------------------------------------------------------


class _NoFilters(forms.Form):
    """ "My deadlines" has no filters."""


def _deadline_form(data, user, scope):
    if scope == "mine":
        return _NoFilters(data)
    from cases.deadlines.forms import SupervisionFilterForm

    return SupervisionFilterForm(data, user=user)


def _deadline_rows(user, data, scope):
    """As ``deadlines.selectors.deadlines_to_supervise`` (supervision) and
    ``deadlines_of_user`` (my deadlines: overdue and open ones) choose their rows."""
    from cases.deadlines.models import Deadline
    from cases.deadlines.selectors import deadlines_to_supervise

    if scope == "mine":
        return (
            Deadline.objects.in_jurisdiction(user)
            .of_user(user)
            .filter(
                Q(status=Deadline.Status.OPEN)
                | Q(status=Deadline.Status.MISSED, met_at__isnull=True)
            )
            .select_related("kind", "responsible_user", "responsible_unit", "governorate")
            .order_by("due_at", "pk")
        )
    return deadlines_to_supervise(
        user,
        which=data.get("which") or "overdue",
        governorate=data.get("governorate"),
        unit=data.get("unit"),
        kind=data.get("kind"),
    ).order_by("due_at", "pk")


DEADLINES = Dataset(
    key=ExportJob.Dataset.DEADLINES,
    label=_("Deadlines"),
    permission="deadlines.view_deadline",
    scopes={
        "supervision": Scope(
            _("Deadlines to supervise"), "deadlines:supervision", ("accounts.supervisor_desk",)
        ),
        "mine": Scope(_("My deadlines"), "deadlines:mine"),
    },
    form=_deadline_form,
    rows=_deadline_rows,
    columns=lambda labels: _deadline_columns(labels),
)


def _deadline_columns(labels: Labels) -> tuple[Column, ...]:
    from cases.deadlines.models import Deadline

    status = labels.choices(Deadline, "status")
    return (
        Column(_("Due"), lambda d: d.due_at),
        Column(_("What"), lambda d: labels.name(d.kind)),
        Column(_("Record"), lambda d: d.object_label),
        Column(_("Governorate"), lambda d: labels.name(d.governorate)),
        Column(_("Responsible"), lambda d: labels.name(d.responsible_user or d.responsible_unit)),
        Column(_("Status"), lambda d: status(d.status)),
        Column(_("Overdue"), lambda d: labels.yes_no(d.is_overdue)),
        Column(_("Counted from"), lambda d: d.starts_at),
    )


DATASETS: dict[str, Dataset] = {d.key: d for d in (CASES, REFERRALS, HEARINGS, DEADLINES)}


def dataset(key: str) -> Dataset:
    return DATASETS[key]
