"""Reads of the imports app: the jobs, wanted lists and entries a user may reach, what the row
checks need from the database, and the section of a person's page naming his wanted lists."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from cases.accounts.jurisdiction import get_for_user
from cases.accounts.models import Governorate, Unit
from cases.amnesty import rules as amnesty_rules
from cases.amnesty.models import AbsenceReport
from cases.amnesty.selectors import units_for_absences
from cases.people.models import Person

from .columns import normalize_header
from .models import ImportJob, WantedEntry, WantedList
from .rows import AbsenceContext, WantedContext, warrant_key

# --- Jobs ----------------------------------------------------------------------------------------


def jobs_for_user(user) -> QuerySet[ImportJob]:
    """The imports ``user`` may see: those of his jurisdiction; absence lists only of the units
    he reports for, unless he sees every unit's absences (supervisors)."""
    qs = ImportJob.objects.in_jurisdiction(user)
    kinds = Q()
    if user.has_perm("imports.import_wanted"):
        kinds |= Q(kind=ImportJob.Kind.WANTED)
    if user.has_perm("imports.import_absences"):
        if user.has_perm("amnesty.view_jurisdiction_absences"):
            kinds |= Q(kind=ImportJob.Kind.ABSENCES)
        else:
            kinds |= Q(kind=ImportJob.Kind.ABSENCES, unit__in=units_for_absences(user))
    if not kinds:
        return qs.none()
    return qs.filter(kinds)


def job_list(user) -> QuerySet[ImportJob]:
    """The list page's rows: without the rows read from the files (they can be large)."""
    return (
        jobs_for_user(user)
        .select_related("uploaded_by", "unit", "governorate", "wanted_list")
        .defer("rows", "columns", "run_errors", "result")
    )


def job_get_for_user(user, pk) -> ImportJob:
    """The import, or 404 outside what the user may see."""
    qs = jobs_for_user(user).select_related("uploaded_by", "confirmed_by", "unit", "governorate")
    return get_for_user(qs, user, pk=pk)


def job_get_for_change(user, pk) -> ImportJob:
    """The import, 404 outside what the user may see, 403 without the permission of its kind
    (and, for an absence list, without the right to report absences)."""
    job = job_get_for_user(user, pk)
    if not user.has_perm(job.permission) or (
        job.kind == ImportJob.Kind.ABSENCES and not user.has_perm("amnesty.add_absencereport")
    ):
        raise PermissionDenied
    return job


def job_status(user, pk) -> ImportJob:
    """Only what the progress bar reads (one short query, polled every second)."""
    qs = jobs_for_user(user).only(
        "pk", "kind", "status", "rows_done", "row_count", "governorate_id", "unit_id"
    )
    return get_for_user(qs, user, pk=pk)


def candidate_persons(user, job: ImportJob) -> dict[int, Person]:
    """The persons the job's rows name (candidates, known by service number, chosen), as the
    user may see them now (one query)."""
    ids: set[int] = set()
    for row in job.rows:
        ids.update(c["id"] for c in row.get("candidates", ()))
        for key in ("known_person", "choice"):
            if row.get(key):
                ids.add(row[key])
    if not ids:
        return {}
    qs = Person.objects.in_jurisdiction(user).filter(pk__in=ids).select_related("governorate")
    return {p.pk: p for p in qs}


# --- What the checks need ------------------------------------------------------------------------


def _unit_names(unit: Unit | dict) -> set[str]:
    get = unit.get if isinstance(unit, dict) else lambda k: getattr(unit, k)
    return {normalize_header(get(k)) for k in ("code", "name_en", "name_ar") if get(k)}


def absence_context(user, *, unit: Unit, service_numbers: list[str]) -> AbsenceContext:
    """What the checks of an absence list need: the user's units, the men already reported away
    and the persons registered with the file's service numbers (four queries)."""
    mine = list(units_for_absences(user).only("pk", "code", "name_en", "name_ar", "governorate_id"))
    units = {name: u.pk for u in mine for name in _unit_names(u)}
    # The sending unit may be one the user's form allowed; it always counts as his.
    units.update(dict.fromkeys(_unit_names(unit), unit.pk))
    unit_governorate = {u.pk: u.governorate_id for u in mine} | {unit.pk: unit.governorate_id}
    other_units = set()
    for row in Unit.objects.exclude(pk__in=unit_governorate).values("code", "name_en", "name_ar"):
        other_units |= _unit_names(row)
    numbers = sorted({n for n in service_numbers if n})
    governorates = set(unit_governorate.values())
    away = {
        (a.service_number, a.governorate_id): (a.absent_since.isoformat(), a.audit_label)
        for a in AbsenceReport.objects.filter(
            service_number__in=numbers,
            governorate_id__in=governorates,
            status__in=amnesty_rules.AWAY,
        ).only("pk", "service_number", "governorate_id", "absent_since")
    }
    # A man already away under another service number is found through his person record.
    for a in AbsenceReport.objects.filter(
        person__service_number__in=numbers,
        person__governorate_id__in=governorates,
        status__in=amnesty_rules.AWAY,
    ).values("pk", "person__service_number", "person__governorate_id", "absent_since"):
        away.setdefault(
            (a["person__service_number"], a["person__governorate_id"]),
            (a["absent_since"].isoformat(), f"ABS-{a['pk']}"),
        )
    found: dict[tuple[str, int], list[int]] = {}
    for pk, number, governorate_id in (
        Person.objects.active()
        .filter(service_number__in=numbers, governorate_id__in=governorates)
        .values_list("pk", "service_number", "governorate_id")
    ):
        found.setdefault((number, governorate_id), []).append(pk)
    known = {key: pks[0] for key, pks in found.items() if len(pks) == 1}
    return AbsenceContext(
        today=timezone.localdate(),
        default_unit_id=unit.pk,
        units=units,
        unit_governorate=unit_governorate,
        other_units=other_units - set(units),
        away=away,
        known=known,
    )


def wanted_context(user, *, governorate: Governorate, warrant_numbers: list[str]) -> WantedContext:
    """What the checks of a wanted list need: the governorates, the user's jurisdiction, and the
    warrants already imported (two queries)."""
    names: dict[str, int] = {}
    for g in Governorate.objects.only("pk", "code", "name_en", "name_ar"):
        for text in (g.code, g.name_en, g.name_ar):
            names[normalize_header(text)] = g.pk
    allowed = None if user.has_national_scope else frozenset(user.jurisdiction_ids)
    known = {}
    numbers = sorted({n for n in warrant_numbers if n})
    for entry in WantedEntry.objects.filter(warrant_number__in=numbers).values(
        "issuing_authority", "warrant_number", "wanted_list_id"
    ):
        key = warrant_key(entry["issuing_authority"], entry["warrant_number"])
        known[key] = f"WL-{entry['wanted_list_id']}"
    return WantedContext(
        today=timezone.localdate(),
        default_governorate_id=governorate.pk,
        governorates=names,
        allowed=allowed,
        known_warrants=known,
    )


# --- Wanted lists --------------------------------------------------------------------------------


def wanted_lists_for_user(user) -> QuerySet[WantedList]:
    return WantedList.objects.in_jurisdiction(user)


def wanted_list_list(user) -> QuerySet[WantedList]:
    """The wanted lists of the user's jurisdiction, with their counts (one query)."""
    return (
        wanted_lists_for_user(user)
        .select_related("governorate", "imported_by")
        .annotate(
            entry_count=Count("entries"),
            matched_count=Count("entries", filter=Q(entries__matched_person__isnull=False)),
        )
        .order_by("-received_on", "-pk")
    )


def wanted_list_get_for_user(user, pk) -> WantedList:
    qs = wanted_lists_for_user(user).select_related("governorate", "imported_by", "job")
    return get_for_user(qs, user, pk=pk)


def wanted_entries(user, wanted_list: WantedList) -> QuerySet[WantedEntry]:
    """The entries of a list that the user may see (an entry for another governorate of the
    list stays hidden from a user who does not see it)."""
    return (
        WantedEntry.objects.in_jurisdiction(user)
        .filter(wanted_list=wanted_list)
        .select_related("governorate", "matched_person", "match_confirmed_by")
        .order_by("line")
    )


def wanted_for_person(user, person: Person) -> dict[str, Any]:
    """The section of a person's page: the wanted lists he was matched on (one query)."""
    if not user.has_perm("imports.view_wantedlist"):
        return {"entries": [], "shown": False}
    entries = list(
        WantedEntry.objects.in_jurisdiction(user)
        .filter(matched_person=person)
        .select_related("wanted_list")
        .order_by("-wanted_list__received_on", "pk")
    )
    return {"entries": entries, "shown": True}
