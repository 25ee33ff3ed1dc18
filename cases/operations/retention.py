"""Retention: what Caseweb forgets, when, and how the forgetting is recorded.

Two rules (settings RETENTION_IDENTITY_YEARS, RETENTION_SOURCE_YEARS):

``identity``
    A person whose **every** case ended in his favour — a final verdict (``final_on`` set, not
    superseded by a retrial) with at least one finding and none of them *convicted* (so
    acquitted, dismissed or released for insufficient evidence), or an amnesty application
    granted by a decision — and whose last such ending is more than N years old. A person with
    no case, with one open case, or with any conviction that no amnesty covered, is kept. When a
    case has both a final acquittal and a granted amnesty, the later date counts (the
    conservative choice). Merged-away records are left to the record they were merged into.

    Purged: his names in both scripts, kunya, tribe, mother's name (replaced by a marker that
    says when and under which rule; the given name keeps the marker so that pages still show
    something), national id and service number, date of birth (its year is kept), home
    district, blocking keys, his other names (deleted), the duplicate-queue entries about him,
    and the free-text fields on his case that describe him (intake place and accounts,
    screening notes, verdict reasons, guarantees, petitions, return home, follow-up visits,
    protection measures, disavowals, referral descriptions, absence reports). The case
    skeleton stays for statistics: numbers, dates, statuses, outcomes, charges and sentences.

``source``
    A referral closed (or ended by his surrender) more than M years ago: its sealed source
    (name, phone, address, relation, blind index) and the source's statement.

The same values are purged from the change-history tables (django-pghistory's ``*event``
tables keep a copy of every version of a row: without this the purge would be a lie). Each
purge writes one append-only :class:`~cases.operations.models.PurgeRecord` (table, id, rule,
day; no personal data). The access log is never purged: it is the legal record and holds no
names. Purging runs in batches, each batch one transaction, and a record already purged under a
rule is never purged again.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Greatest, TruncDate
from django.utils import timezone

from cases.amnesty.models import Application, Decision
from cases.audit.models import AccessLogEntry
from cases.audit.services import access_log_record
from cases.casefiles.models import Case
from cases.courts.models import ChargeVerdict, Verdict
from cases.people.models import DuplicateCandidate, Person, PersonAlias
from cases.referrals.models import Referral, ReferralStep
from cases.security.history import history_reason

from .models import PurgeRecord, purge_marker
from .rules import fits, years_before

logger = logging.getLogger(__name__)

IDENTITY = PurgeRecord.Rule.IDENTITY
SOURCE = PurgeRecord.Rule.SOURCE

#: Person fields replaced by the marker (when not empty), and those emptied.
PERSON_MARKED = ("given_name_ar", "given_name_lat")
PERSON_EMPTIED = (
    "father_name_ar",
    "grandfather_name_ar",
    "family_name_ar",
    "mother_name_ar",
    "father_name_lat",
    "grandfather_name_lat",
    "family_name_lat",
    "kunya",
    "tribe",
    "national_id",
    "service_number",
)
PERSON_NULLED = ("date_of_birth", "home_district")

#: Free text about him on records of his cases: (model, path to the person, fields).
PERSON_LINKED_TEXT: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "casefiles.Intake",
        "case__person",
        (
            "place",
            "handed_over_by",
            "role_detail",
            "coercion_details",
            "information_given",
            "family_at_risk_details",
            "medical_needs",
        ),
    ),
    ("casefiles.Screening", "case__person", ("wanted_reference", "notes")),
    ("courts.Verdict", "case__person", ("reasons",)),
    ("referrals.Referral", "subject", ("subject_description", "last_known_location")),
    ("amnesty.AbsenceReport", "person", ("service_number", "emigrated_to", "notes")),
    ("tribal.Disavowal", "person", ("filer_name", "statement")),
    ("tribal.Guarantee", "case__person", ("guarantor_name", "residence")),
    (
        "tribal.Petition",
        "case__person",
        ("filer_name", "coercion_details", "information_given", "request"),
    ),
    ("tribal.ReturnHome", "case__person", ("locality", "notes")),
    ("tribal.FollowUpVisit", "case__person", ("notes",)),
    ("tribal.ProtectionMeasure", "case__person", ("protected", "details")),
)

SOURCE_SEALED_NULLED = ("source_phone", "source_address", "source_relation")
REFERRAL_CLOSED = (Referral.Status.CLOSED, Referral.Status.SURRENDERED)


# --- Who qualifies ------------------------------------------------------------------------------


def case_favourable_end() -> Greatest:
    """The day a case ended in his favour (NULL when it has not): the later of a granted
    amnesty's decision day and the day a verdict without conviction became final."""
    amnesty = Subquery(
        Decision.objects.filter(
            application__case=OuterRef("pk"),
            outcome=Decision.Outcome.GRANT,
            application__status=Application.Status.GRANTED,
        )
        .annotate(day=TruncDate("decided_at"))
        .order_by("-decided_at")
        .values("day")[:1],
        output_field=models.DateField(),
    )
    acquittal = Subquery(
        Verdict.objects.filter(
            case=OuterRef("pk"), superseded_at__isnull=True, final_on__isnull=False
        )
        .filter(Exists(ChargeVerdict.objects.filter(verdict=OuterRef("pk"))))
        .exclude(
            Exists(
                ChargeVerdict.objects.filter(
                    verdict=OuterRef("pk"), finding=ChargeVerdict.Finding.CONVICTED
                )
            )
        )
        .values("final_on")[:1],
        output_field=models.DateField(),
    )
    # PostgreSQL's GREATEST ignores NULLs: NULL only when neither happened.
    return Greatest(amnesty, acquittal, output_field=models.DateField())


def _purged(rule: str, label: str) -> Exists:
    return Exists(
        PurgeRecord.objects.filter(rule=rule, record_type=label, record_id=OuterRef("pk"))
    )


def identity_candidates(today: dt.date, years: int) -> models.QuerySet[Person]:
    """Persons the identity rule purges on ``today``, annotated with ``qualified_on``."""
    cases = Case.objects.filter(person=OuterRef("pk")).annotate(ended_on=case_favourable_end())
    return (
        Person.objects.filter(merged_into__isnull=True)
        .annotate(
            qualified_on=Subquery(
                cases.filter(ended_on__isnull=False).order_by("-ended_on").values("ended_on")[:1],
                output_field=models.DateField(),
            )
        )
        .filter(Exists(cases))
        .exclude(Exists(cases.filter(ended_on__isnull=True)))
        .filter(qualified_on__lte=years_before(today, years))
        .exclude(_purged(IDENTITY, Person._meta.label_lower))
        .order_by("pk")
    )


def source_candidates(today: dt.date, years: int) -> models.QuerySet[Referral]:
    """Referrals whose sealed source the source rule purges on ``today`` (``qualified_on``:
    the day it was closed). A referral closed without a recorded step is not purged."""
    closed = (
        ReferralStep.objects.filter(
            referral=OuterRef("pk"), kind=ReferralStep.Kind.STATUS, to_status__in=REFERRAL_CLOSED
        )
        .annotate(day=TruncDate("at"))
        .order_by("-at")
        .values("day")[:1]
    )
    return (
        Referral.objects.filter(status__in=REFERRAL_CLOSED)
        .annotate(qualified_on=Subquery(closed, output_field=models.DateField()))
        .filter(qualified_on__lte=years_before(today, years))
        .exclude(_purged(SOURCE, Referral._meta.label_lower))
        .order_by("pk")
    )


def rules_in_force() -> dict[str, int]:
    return {
        IDENTITY: settings.RETENTION_IDENTITY_YEARS,
        SOURCE: settings.RETENTION_SOURCE_YEARS,
    }


def _candidates(rule: str, today: dt.date, years: int) -> models.QuerySet:
    return (identity_candidates if rule == IDENTITY else source_candidates)(today, years)


# --- The report ---------------------------------------------------------------------------------


@dataclass
class RuleReport:
    rule: str
    years: int
    cutoff: dt.date
    count: int = 0
    oldest: dt.date | None = None
    newest: dt.date | None = None
    purged: int = 0
    rows_changed: int = 0
    history_rows_changed: int = 0


@dataclass
class RetentionReport:
    today: dt.date
    dry_run: bool
    rules: list[RuleReport] = field(default_factory=list)

    @property
    def purged(self) -> int:
        return sum(r.purged for r in self.rules)


def retention_report(*, today: dt.date | None = None) -> RetentionReport:
    """What each rule would purge today: how many records, the oldest and newest day they
    qualified. Changes nothing."""
    today = today or timezone.localdate()
    report = RetentionReport(today=today, dry_run=True)
    for rule, years in rules_in_force().items():
        qs = _candidates(rule, today, years)
        stats = qs.aggregate(
            count=models.Count("pk"),
            oldest=models.Min("qualified_on"),
            newest=models.Max("qualified_on"),
        )
        report.rules.append(
            RuleReport(rule=rule, years=years, cutoff=years_before(today, years), **stats)
        )
    return report


# --- The purge ----------------------------------------------------------------------------------


def retention_purge(
    *, today: dt.date | None = None, batch_size: int | None = None, limit: int | None = None
) -> RetentionReport:
    """Purge every record the rules qualify today, in batches of ``batch_size``, each batch one
    transaction; ``limit`` caps the records per rule in one run. Safe to run twice and to run
    while users work: a record is locked and checked again before it is purged, and a record
    purged under a rule is never purged again."""
    today = today or timezone.localdate()
    batch_size = batch_size or settings.RETENTION_BATCH_SIZE
    report = RetentionReport(today=today, dry_run=False)
    for rule, years in rules_in_force().items():
        rule_report = RuleReport(rule=rule, years=years, cutoff=years_before(today, years))
        report.rules.append(rule_report)
        while limit is None or rule_report.purged < limit:
            size = batch_size if limit is None else min(batch_size, limit - rule_report.purged)
            done = _purge_batch(rule, today, years, size, rule_report)
            if not done:
                break
        logger.info(
            "Retention rule %s: %d purged (%d rows, %d history rows)",
            rule,
            rule_report.purged,
            rule_report.rows_changed,
            rule_report.history_rows_changed,
        )
    return report


def _purge_batch(rule: str, today: dt.date, years: int, size: int, report: RuleReport) -> int:
    with transaction.atomic():
        ids = list(_candidates(rule, today, years).values_list("pk", flat=True)[:size])
        if not ids:
            return 0
        purge = _purge_person if rule == IDENTITY else _purge_source
        model = Person if rule == IDENTITY else Referral
        # Lock, then qualify again under the lock: a case reopened meanwhile keeps him.
        list(model.objects.filter(pk__in=ids).select_for_update().values_list("pk", flat=True))
        still = dict(
            _candidates(rule, today, years).filter(pk__in=ids).values_list("pk", "qualified_on")
        )
        marker = purge_marker(today, rule)
        with history_reason(f"Retention rule {rule}: purged {years} years after it qualified"):
            for pk, qualified_on in still.items():
                rows, history_rows = purge(pk, marker)
                PurgeRecord.objects.create(
                    rule=rule,
                    record_type=model._meta.label_lower,
                    record_id=pk,
                    qualified_on=qualified_on,
                    retention_years=years,
                    rows_changed=rows,
                    history_rows_changed=history_rows,
                )
                # In the access log's chain too, so a purge cannot be denied later: the record's
                # type and id, the rule and the period; never what was purged.
                access_log_record(
                    action=AccessLogEntry.Action.PURGE,
                    object_label=f"{model._meta.label_lower} #{pk}",
                    reason=f"retention rule {rule}: {years} years after {qualified_on}",
                )
                report.purged += 1
                report.rows_changed += rows
                report.history_rows_changed += history_rows
        return len(ids)


def event_models(model: type[models.Model]) -> list[type[models.Model]]:
    """The change-history (pghistory event) models that keep copies of ``model``'s rows."""
    return [
        m
        for m in apps.get_models()
        if getattr(m, "pgh_tracked_model", None) is not None
        and m.pgh_tracked_model._meta.concrete_model is model._meta.concrete_model
    ]


def _has_field(model: type[models.Model], name: str) -> bool:
    try:
        model._meta.get_field(name)
    except Exception:  # FieldDoesNotExist: the event model may exclude a field
        return False
    return True


def _mark_text(
    model: type[models.Model], key: str, ids: Iterable[int], names: Iterable[str], marker: str
) -> int:
    """Replace the non-empty values of text ``names`` of rows ``key__in=ids`` by the marker
    (shortened to fit the column). Returns rows changed."""
    ids = list(ids)
    changed = 0
    for name in names:
        if not _has_field(model, name):
            continue
        column = model._meta.get_field(name)
        value = fits("x", marker, getattr(column, "max_length", None))
        changed += (
            model.objects.filter(**{f"{key}__in": ids})
            .exclude(**{name: ""})
            .exclude(**{name: value})
            .update(**{name: value})
        )
    return changed


def _set(model: type[models.Model], key: str, ids: Iterable[int], values: dict) -> int:
    values = {k: v for k, v in values.items() if _has_field(model, k)}
    if not values:
        return 0
    return model.objects.filter(**{f"{key}__in": list(ids)}).update(**values)


def _purge_person(pk: int, marker: str) -> tuple[int, int]:
    rows = history = 0
    person = Person.objects.get(pk=pk)
    emptied = dict.fromkeys(PERSON_EMPTIED, "")
    nulled = dict.fromkeys(PERSON_NULLED)
    values = {
        **emptied,
        **nulled,
        "name_keys": [],
        "birth_year_estimated": person.birth_year,
    }
    for name in PERSON_MARKED:
        values[name] = fits(getattr(person, name), marker, Person._meta.get_field(name).max_length)
    if not any(values[name] for name in PERSON_MARKED):
        values["given_name_ar"] = marker  # he keeps a visible sign of what happened
    rows += Person.objects.filter(pk=pk).update(**values)
    for event in event_models(Person):
        history += _mark_text(event, "pgh_obj_id", [pk], PERSON_MARKED, marker)
        history += _set(event, "pgh_obj_id", [pk], {**emptied, **nulled, "name_keys": []})

    alias_ids = list(PersonAlias.objects.filter(person_id=pk).values_list("pk", flat=True))
    alias_ids += list(PersonAlias.objects.filter(from_person_id=pk).values_list("pk", flat=True))
    for event in event_models(PersonAlias):
        history += _mark_text(event, "pgh_obj_id", alias_ids, ("name",), marker)
    rows += PersonAlias.objects.filter(pk__in=alias_ids).delete()[0]
    rows += DuplicateCandidate.objects.filter(Q(person_a_id=pk) | Q(person_b_id=pk)).delete()[0]

    for label, path, names in PERSON_LINKED_TEXT:
        model = apps.get_model(label)
        ids = list(model.objects.filter(**{path: pk}).values_list("pk", flat=True))
        if not ids:
            continue
        rows += _mark_text(model, "pk", ids, names, marker)
        for event in event_models(model):
            history += _mark_text(event, "pgh_obj_id", ids, names, marker)
    return rows, history


def _purge_source(pk: int, marker: str) -> tuple[int, int]:
    referral = Referral.objects.get(pk=pk)
    referral.source_name = marker
    for name in SOURCE_SEALED_NULLED:
        setattr(referral, name, None)
    if referral.statement:
        referral.statement = marker
    # save() (not update()) so that the blind index is recomputed (to NULL).
    referral.save(
        update_fields=["source_name", *SOURCE_SEALED_NULLED, "source_phone_index", "statement"]
    )
    history = 0
    for event in event_models(Referral):
        values = {"source_name": marker, "source_phone_index": None}
        values.update(dict.fromkeys(SOURCE_SEALED_NULLED))
        history += _set(event, "pgh_obj_id", [pk], values)
        history += _mark_text(event, "pgh_obj_id", [pk], ("statement",), marker)
    return 1, history
