"""Reads of the tribal track that depend on the user: single records (404 outside the user's
jurisdiction), the supervisors' lists, a case's tribal section and a person's, and the events
the case timeline shows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Count,
    Exists,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.accounts.jurisdiction import get_for_change, get_for_user
from cases.casefiles.models import Case
from cases.casefiles.selectors import TimelineEvent
from cases.deadlines.models import Deadline
from cases.people.models import Person

from . import rules
from .models import (
    Clearance,
    Disavowal,
    FamilyLink,
    FollowUpVisit,
    Guarantee,
    GuaranteeBreach,
    Panel,
    PanelMember,
    PanelSitting,
    Petition,
    ProtectionMeasure,
    Relation,
    ReturnHome,
    Settlement,
    Sheikh,
    Tribe,
)

# --- Single records ------------------------------------------------------------------------------


def sheikhs_for_user(user) -> QuerySet[Sheikh]:
    """The sheikhs of the user's jurisdiction, with what every list shows."""
    return Sheikh.objects.in_jurisdiction(user).select_related("tribe", "governorate", "district")


def sheikh_get_for_user(user, pk) -> Sheikh:
    """The sheikh, or 404 outside the user's jurisdiction."""
    return get_for_user(sheikhs_for_user(user), user, pk=pk)


def sheikh_get_for_change(user, pk) -> Sheikh:
    """The sheikh, 404 outside the jurisdiction, 403 without the permission to change him."""
    return get_for_change(sheikhs_for_user(user), user, "tribal.change_sheikh", pk=pk)


def family_link_get_for_user(user, pk) -> FamilyLink:
    """The family link, or 404 outside the user's jurisdiction (his person's)."""
    return get_for_user(FamilyLink.objects.select_related("person"), user, pk=pk)


def disavowals_for_user(user) -> QuerySet[Disavowal]:
    """The disavowals recorded in the user's jurisdiction."""
    return Disavowal.objects.in_jurisdiction(user).select_related(
        "person", "governorate", "tribe", "sheikh", "decided_by", "recorded_by"
    )


def disavowal_get_for_user(user, pk) -> Disavowal:
    """The disavowal, or 404 outside the user's jurisdiction."""
    return get_for_user(disavowals_for_user(user), user, pk=pk)


def guarantees_for_user(user) -> QuerySet[Guarantee]:
    """The guarantees of the cases of the user's jurisdiction."""
    return Guarantee.objects.in_jurisdiction(user).select_related(
        "case__person",
        "case__governorate",
        "sheikh",
        "tribe",
        "reporting_unit",
        "residence_district",
        "ended_by",
    )


def guarantee_get_for_user(user, pk) -> Guarantee:
    """The guarantee, or 404 outside the user's jurisdiction."""
    return get_for_user(guarantees_for_user(user), user, pk=pk)


def settlements_for_user(user) -> QuerySet[Settlement]:
    """The settlements of the cases of the user's jurisdiction."""
    return Settlement.objects.in_jurisdiction(user).select_related(
        "case__person", "case__governorate", "victim_tribe", "offender_tribe", "mediator"
    )


def settlement_get_for_user(user, pk) -> Settlement:
    """The settlement, or 404 outside the user's jurisdiction."""
    return get_for_user(settlements_for_user(user), user, pk=pk)


def panels_for_user(user) -> QuerySet[Panel]:
    """The panels sitting in the user's jurisdiction."""
    return Panel.objects.in_jurisdiction(user).select_related("governorate", "district")


def panel_get_for_user(user, pk) -> Panel:
    """The panel, or 404 outside the user's jurisdiction."""
    return get_for_user(panels_for_user(user), user, pk=pk)


def panel_member_get_for_user(user, pk) -> PanelMember:
    """The seat on a panel, or 404 outside the user's jurisdiction."""
    return get_for_user(PanelMember.objects.select_related("panel"), user, pk=pk)


def sitting_get_for_user(user, pk) -> PanelSitting:
    """The sitting, or 404 outside the user's jurisdiction."""
    return get_for_user(
        PanelSitting.objects.select_related("panel__governorate", "status_changed_by"),
        user,
        pk=pk,
    )


def petitions_for_user(user) -> QuerySet[Petition]:
    """The petitions of the cases of the user's jurisdiction."""
    return Petition.objects.in_jurisdiction(user).select_related(
        "case__person", "case__governorate", "panel", "sitting", "decided_by"
    )


def petition_get_for_user(user, pk) -> Petition:
    """The petition, or 404 outside the user's jurisdiction."""
    return get_for_user(petitions_for_user(user), user, pk=pk)


def clearances_for_user(user) -> QuerySet[Clearance]:
    """The clearance requests of the cases of the user's jurisdiction."""
    return Clearance.objects.in_jurisdiction(user).select_related(
        "case__person", "case__governorate", "requested_by", "decision_recorded_by"
    )


def clearance_get_for_user(user, pk) -> Clearance:
    """The clearance request, or 404 outside the user's jurisdiction."""
    return get_for_user(clearances_for_user(user), user, pk=pk)


def visit_get_for_user(user, pk) -> FollowUpVisit:
    """The follow-up visit, or 404 outside the user's jurisdiction."""
    return get_for_user(
        FollowUpVisit.objects.select_related("case__person", "case_worker", "recorded_by"),
        user,
        pk=pk,
    )


def protection_get_for_user(user, pk) -> ProtectionMeasure:
    """The protection measure, or 404 outside the user's jurisdiction."""
    return get_for_user(ProtectionMeasure.objects.select_related("case"), user, pk=pk)


# --- Family --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Relative:
    link: FamilyLink
    person: Person
    relation: str


def relatives_of(user, person: Person) -> list[Relative]:
    """His family recorded in the programme (current links, either way round), in the user's
    jurisdiction. One query."""
    links = (
        FamilyLink.objects.in_jurisdiction(user)
        .current()
        .of_person(person.pk)
        .select_related("person", "relative")
        .order_by("pk")
    )
    relatives = []
    for link in links:
        other = link.other(person.pk)
        if user.sees_governorate(other.governorate_id):
            relatives.append(Relative(link, other, link.relation_seen_from(person.pk)))
    return relatives


@dataclass(frozen=True)
class FamilySuggestion:
    person: Person
    relation: str  # a Relation value

    @property
    def label(self) -> str:
        return Relation(self.relation).label


def family_suggestions(user, person: Person, *, exclude: set[int] = frozenset()) -> list:
    """Persons of the user's jurisdiction whose Arabic name chain makes them likely family: a
    brother (same father, grandfather and family name), his father, or his son. Suggestions for
    an officer to confirm, never links by themselves. One query."""
    given, father = person.given_name_ar, person.father_name_ar
    grandfather, family = person.grandfather_name_ar, person.family_name_ar
    if not (family and father):
        return []
    shapes = []
    if grandfather:
        shapes.append(
            (Relation.SIBLING, {"father_name_ar": father, "grandfather_name_ar": grandfather})
        )
        shapes.append((Relation.PARENT, {"given_name_ar": father, "father_name_ar": grandfather}))
    if given:
        shapes.append((Relation.CHILD, {"father_name_ar": given, "grandfather_name_ar": father}))
    condition = Q()
    for _relation, lookup in shapes:
        condition |= Q(**lookup)
    if not shapes:
        return []
    found = (
        Person.objects.in_jurisdiction(user)
        .active()
        .filter(family_name_ar=family)
        .filter(condition)
        .exclude(pk__in={person.pk, *exclude})
        .order_by("pk")[:20]
    )
    suggestions = []
    for other in found:
        for relation, lookup in shapes:
            if all(getattr(other, k) == v for k, v in lookup.items()):
                suggestions.append(FamilySuggestion(other, relation))
                break
    return suggestions


# --- A case's tribal section ---------------------------------------------------------------------


def _deadlines_of(user, records: list) -> list[Deadline]:
    """The deadlines of several records of the tribal track, open first (one query)."""
    if not records:
        return []
    condition = Q()
    by_type: dict[int, list[str]] = {}
    for record in records:
        ct = ContentType.objects.get_for_model(record)
        by_type.setdefault(ct.pk, []).append(str(record.pk))
    for ct_id, ids in by_type.items():
        condition |= Q(content_type_id=ct_id, object_id__in=ids)
    qs = (
        Deadline.objects.in_jurisdiction(user)
        .filter(condition)
        .select_related("kind", "responsible_user", "responsible_unit", "governorate")
    )
    return sorted(qs, key=lambda d: (d.status != Deadline.Status.OPEN, d.due_at))


def _presence(case: Case) -> dict[str, bool]:
    """Which parts of the tribal track exist for ``case``: one query, so that a case with none
    (most of them) costs one query on its page. Kept on the case object for the request: its
    section and its timeline both ask."""
    cached = getattr(case, "_tribal_presence", None)
    if cached is not None:
        return cached
    person, pk = OuterRef("person_id"), OuterRef("pk")
    checks = {
        "disavowals": Disavowal.objects.filter(person_id=person),
        "links_out": FamilyLink.objects.filter(person_id=person),
        "links_in": FamilyLink.objects.filter(relative_id=person),
        "guarantees": Guarantee.objects.filter(case_id=pk),
        "settlements": Settlement.objects.filter(case_id=pk),
        "petitions": Petition.objects.filter(case_id=pk),
        "clearances": Clearance.objects.filter(case_id=pk),
        "returned": ReturnHome.objects.filter(case_id=pk),
        "visits": FollowUpVisit.objects.filter(case_id=pk),
        "protection": ProtectionMeasure.objects.filter(case_id=pk),
    }
    row = (
        Case.objects.filter(pk=case.pk)
        .values(**{f"has_{name}": Exists(qs) for name, qs in checks.items()})
        .get()
    )
    present = {name: row[f"has_{name}"] for name in checks}
    links_out, links_in = present.pop("links_out"), present.pop("links_in")
    present["links"] = links_out or links_in
    case._tribal_presence = present
    return present


def tribal_section_for_case(user, case: Case) -> dict[str, Any]:
    """Everything of the tribal track of ``case`` that ``user`` may see, for the case's tribal
    section: disavowals of him and of his family, his family in the programme, guarantees with
    their breaches and reports, settlements, petitions, clearances, his return home, follow-up
    visits, protection measures, their deadlines, and what still blocks closing the case.

    The case must already have been read through ``case_get_for_user``. A constant number of
    queries, whatever the number of records; one query when the case has none.
    """
    perm = user.has_perm
    present = _presence(case)
    section: dict[str, Any] = {
        "case": case,
        "disavowals": [],
        "family_disavowals": [],
        "relatives": [],
        "guarantees": [],
        "settlements": [],
        "petitions": [],
        "clearances": [],
        "return_home": None,
        "visits": [],
        "protection": [],
        "deadlines": [],
        "blockers": [],
        "can": {
            "family": perm("tribal.add_familylink"),
            "disavowal": perm("tribal.add_disavowal"),
            "guarantee": perm("tribal.add_guarantee"),
            "settlement": perm("tribal.add_settlement"),
            "petition": perm("tribal.add_petition"),
            "clearance": perm("tribal.add_clearance"),
            "return": perm("tribal.add_returnhome"),
            "visit": perm("tribal.add_followupvisit"),
            "protection": perm("tribal.add_protectionmeasure"),
            "end_protection": perm("tribal.change_protectionmeasure"),
            "close": perm("tribal.complete_reintegration"),
        },
    }
    if perm("tribal.view_familylink") and present["links"]:
        section["relatives"] = relatives_of(user, case.person)
    if perm("tribal.view_disavowal") and (present["disavowals"] or section["relatives"]):
        family = {r.person.pk: r for r in section["relatives"]}
        for disavowal in disavowals_for_user(user).filter(person_id__in=[case.person_id, *family]):
            if disavowal.person_id == case.person_id:
                section["disavowals"].append(disavowal)
            else:
                section["family_disavowals"].append((family[disavowal.person_id], disavowal))
    records: list = []
    if perm("tribal.view_guarantee") and present["guarantees"]:
        section["guarantees"] = list(
            guarantees_for_user(user)
            .filter(case=case)
            .prefetch_related(
                Prefetch("breaches", queryset=GuaranteeBreach.objects.order_by("occurred_on")),
                "reports",
            )
        )
        records += section["guarantees"]
    if perm("tribal.view_settlement") and present["settlements"]:
        section["settlements"] = list(settlements_for_user(user).filter(case=case))
    if perm("tribal.view_petition") and present["petitions"]:
        section["petitions"] = list(petitions_for_user(user).filter(case=case))
    if perm("tribal.view_clearance") and present["clearances"]:
        section["clearances"] = list(clearances_for_user(user).filter(case=case))
    if perm("tribal.view_returnhome") and present["returned"]:
        section["return_home"] = (
            ReturnHome.objects.in_jurisdiction(user)
            .select_related("governorate", "district", "clearance", "guarantee")
            .filter(case=case)
            .first()
        )
    if perm("tribal.view_followupvisit") and present["visits"]:
        section["visits"] = list(
            FollowUpVisit.objects.in_jurisdiction(user)
            .filter(case=case)
            .select_related("case_worker", "recorded_by")
        )
        records += [v for v in section["visits"] if v.status == FollowUpVisit.Status.PLANNED]
    if perm("tribal.view_protectionmeasure") and present["protection"]:
        section["protection"] = list(
            ProtectionMeasure.objects.in_jurisdiction(user).filter(case=case)
        )
    if perm("deadlines.view_deadline"):
        section["deadlines"] = _deadlines_of(user, records)
    if case.status == Case.Status.REINTEGRATION:
        section["blockers"] = rules.reintegration_blockers(_state_from(section, case))
    return section


def _state_from(section: dict[str, Any], case: Case) -> rules.ReintegrationState:
    done = [v for v in section["visits"] if v.status == FollowUpVisit.Status.DONE]
    last = max(done, key=lambda v: (v.visited_on, v.pk)) if done else None
    return rules.ReintegrationState(
        case_status=case.status,
        returned=section["return_home"] is not None,
        visits_done=len(done),
        visits_planned=sum(v.status == FollowUpVisit.Status.PLANNED for v in section["visits"]),
        protection_active=sum(
            m.status == ProtectionMeasure.Status.ACTIVE for m in section["protection"]
        ),
        guarantees_active=sum(g.status == Guarantee.Status.ACTIVE for g in section["guarantees"]),
        last_outcome=last.outcome if last else "",
    )


def tribal_section_for_person(user, person: Person) -> dict[str, Any]:
    """Disavowals of a person and of his family, and his family in the programme with their
    cases, for his page (people app). Three queries."""
    relatives = relatives_of(user, person) if user.has_perm("tribal.view_familylink") else []
    family = {r.person.pk: r for r in relatives}
    disavowals, family_disavowals = [], []
    if user.has_perm("tribal.view_disavowal"):
        for disavowal in disavowals_for_user(user).filter(person_id__in=[person.pk, *family]):
            if disavowal.person_id == person.pk:
                disavowals.append(disavowal)
            else:
                family_disavowals.append((family[disavowal.person_id], disavowal))
    cases = (
        list(
            Case.objects.in_jurisdiction(user)
            .filter(person_id__in=list(family))
            .only("pk", "number", "status", "person_id")
        )
        if family
        else []
    )
    return {
        "person": person,
        "disavowals": disavowals,
        "family_disavowals": family_disavowals,
        "relatives": relatives,
        "family_cases": cases,
    }


# --- For the amnesty committee ------------------------------------------------------------------


@dataclass(frozen=True)
class VictimWaiver:
    """Whether his amnesty needs a victim's waiver (General Amnesty Law 27/2016 as amended in
    2017, as recorded on his settlements) and whether every such waiver has been given."""

    needed: bool
    given: bool
    settlements: tuple[Settlement, ...]


def victim_waiver_for_case(case: Case) -> VictimWaiver:
    """The victim's waiver as the settlements of ``case`` record it (failed settlements aside).
    For the amnesty application's conditions; the amnesty app calls it through a hook, never
    by importing this app. One query."""
    settlements = tuple(
        case.settlements.filter(waiver_needed=True).exclude(status=Settlement.Status.FAILED)
    )
    return VictimWaiver(
        needed=bool(settlements),
        given=bool(settlements) and all(s.waiver_given_on for s in settlements),
        settlements=settlements,
    )


# --- The case timeline ---------------------------------------------------------------------------


def _at(day: dt.date | None) -> dt.datetime | None:
    if day is None:
        return None
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


def tribal_events_of_case(case: Case) -> list[TimelineEvent]:
    """The tribal track's events on a case's timeline (registered with the case page). One
    query when the case has none; one more per kind of record it has."""
    present = _presence(case)
    events: list[TimelineEvent] = []
    add = events.append
    if present["disavowals"]:
        for d in Disavowal.objects.filter(person_id=case.person_id).select_related("decided_by"):
            add(
                TimelineEvent(
                    _at(d.filed_on),
                    "tribal",
                    _("Disavowal (bara'a) filed: %(by)s") % {"by": d.get_filed_by_display()},
                    d.document_reference,
                )
            )
            if d.decided_on:
                add(
                    TimelineEvent(
                        _at(d.decided_on),
                        "tribal",
                        _("Disavowal %(status)s") % {"status": d.get_status_display()},
                        d.decision_reason,
                        d.decided_by,
                    )
                )
    if present["guarantees"]:
        for g in case.guarantees.select_related("sheikh", "recorded_by", "ended_by"):
            add(
                TimelineEvent(
                    _at(g.starts_on),
                    "tribal",
                    _("Guarantee (kafala) given by %(who)s") % {"who": g.guarantor},
                    g.residence,
                    g.recorded_by,
                )
            )
            if g.ended_on:
                add(
                    TimelineEvent(
                        _at(g.ended_on),
                        "tribal",
                        _("Guarantee %(status)s") % {"status": g.get_status_display()},
                        g.end_reason,
                        g.ended_by,
                    )
                )
        for b in GuaranteeBreach.objects.filter(guarantee__case=case).select_related("recorded_by"):
            add(
                TimelineEvent(
                    _at(b.occurred_on),
                    "tribal",
                    _("Breach of the guarantee: %(kind)s") % {"kind": b.get_kind_display()},
                    b.description,
                    b.recorded_by,
                )
            )
    if present["settlements"]:
        for s in case.settlements.select_related("recorded_by"):
            add(
                TimelineEvent(
                    s.recorded_at,
                    "tribal",
                    _("Settlement (sulh): %(status)s") % {"status": s.get_status_display()},
                    s.victim_party,
                    s.recorded_by,
                )
            )
    if present["petitions"]:
        for p in case.petitions.select_related("panel", "decided_by"):
            add(
                TimelineEvent(
                    _at(p.filed_on),
                    "tribal",
                    _("Petition for forgiveness to %(panel)s") % {"panel": p.panel},
                    p.get_joining_display(),
                )
            )
            if p.decided_at:
                add(
                    TimelineEvent(
                        p.decided_at,
                        "tribal",
                        _("Panel's recommendation: %(rec)s")
                        % {"rec": p.get_recommendation_display()},
                        p.recommendation_text,
                        p.decided_by,
                    )
                )
    if present["clearances"]:
        for c in case.clearances.select_related("requested_by", "decision_recorded_by"):
            add(
                TimelineEvent(
                    _at(c.requested_on),
                    "tribal",
                    _("Security clearance requested"),
                    c.requested_from,
                    c.requested_by,
                )
            )
            if c.decided_on:
                add(
                    TimelineEvent(
                        _at(c.decided_on),
                        "tribal",
                        _("Security clearance %(status)s") % {"status": c.get_status_display()},
                        f"{c.decided_by_authority}: {c.decision_reason}",
                        c.decision_recorded_by,
                    )
                )
    if present["returned"]:
        home = ReturnHome.objects.select_related("recorded_by").get(case=case)
        add(
            TimelineEvent(
                _at(home.returned_on), "tribal", _("Returned home"), home.locality, home.recorded_by
            )
        )
    if present["visits"]:
        for v in case.follow_up_visits.filter(status=FollowUpVisit.Status.DONE).select_related(
            "case_worker"
        ):
            add(
                TimelineEvent(
                    _at(v.visited_on),
                    "tribal",
                    _("Follow-up visit: %(outcome)s") % {"outcome": v.get_outcome_display()},
                    v.notes,
                    v.case_worker,
                )
            )
    if present["protection"]:
        for m in case.protection_measures.select_related("recorded_by"):
            add(
                TimelineEvent(
                    _at(m.starts_on),
                    "tribal",
                    _("Family protection: %(kind)s") % {"kind": m.get_kind_display()},
                    m.protected,
                    m.recorded_by,
                )
            )
            if m.ends_on:
                add(
                    TimelineEvent(
                        _at(m.ends_on),
                        "tribal",
                        _("Family protection ended: %(kind)s") % {"kind": m.get_kind_display()},
                        m.end_reason,
                    )
                )
    return events


# --- Lists for supervisors -----------------------------------------------------------------------


@dataclass(frozen=True)
class ListFilters:
    status: str = ""
    governorate: Any = None
    overdue: bool = False


def _gov(qs: QuerySet, filters: ListFilters, field: str) -> QuerySet:
    if filters.governorate is not None:
        qs = qs.filter(**{field: filters.governorate})
    if filters.status:
        qs = qs.filter(status=filters.status)
    return qs


def disavowal_list(user, filters: ListFilters) -> QuerySet[Disavowal]:
    """The jurisdiction's disavowals, newest first (one query per page)."""
    return _gov(disavowals_for_user(user), filters, "governorate").order_by("-filed_on", "-pk")


def guarantee_list(user, filters: ListFilters) -> QuerySet[Guarantee]:
    """The jurisdiction's guarantees, with their breaches counted; ``overdue``: those whose
    reporting date has passed."""
    qs = _gov(guarantees_for_user(user), filters, "case__governorate").annotate(
        breach_count=Count("breaches")
    )
    if filters.overdue:
        qs = qs.filter(status=Guarantee.Status.ACTIVE, next_report_due__lt=timezone.localdate())
    return qs.order_by("next_report_due", "-starts_on", "-pk")


def settlement_list(user, filters: ListFilters) -> QuerySet[Settlement]:
    """The jurisdiction's settlements, newest first (one query per page)."""
    return _gov(settlements_for_user(user), filters, "case__governorate").order_by(
        "-recorded_at", "-pk"
    )


def petition_list(user, filters: ListFilters, *, panel=None) -> QuerySet[Petition]:
    """The jurisdiction's petitions (of one panel, when given), newest first."""
    qs = _gov(petitions_for_user(user), filters, "case__governorate")
    if panel is not None:
        qs = qs.filter(panel=panel)
    return qs.order_by("-filed_on", "-pk")


def clearance_list(user, filters: ListFilters) -> QuerySet[Clearance]:
    """The jurisdiction's clearance requests, newest first."""
    return _gov(clearances_for_user(user), filters, "case__governorate").order_by(
        "-requested_on", "-pk"
    )


def returnee_list(user, filters: ListFilters) -> QuerySet[ReturnHome]:
    """Returnees of the jurisdiction with their next visit due, the outcome of the last one and
    whether a protection measure is in place; ``status``: "open" (case not closed, default) or
    "closed"; ``overdue``: next visit past due. One query per page."""
    planned = FollowUpVisit.objects.filter(
        case_id=OuterRef("case_id"), status=FollowUpVisit.Status.PLANNED
    )
    last_done = FollowUpVisit.objects.filter(
        case_id=OuterRef("case_id"), status=FollowUpVisit.Status.DONE
    ).order_by("-visited_on", "-pk")
    qs = (
        ReturnHome.objects.in_jurisdiction(user)
        .select_related("case__person", "case__assigned_officer", "governorate", "district")
        .annotate(
            next_visit=Subquery(planned.order_by("due_on").values("due_on")[:1]),
            last_outcome=Subquery(last_done.values("outcome")[:1]),
            protected=Exists(
                ProtectionMeasure.objects.filter(
                    case_id=OuterRef("case_id"), status=ProtectionMeasure.Status.ACTIVE
                )
            ),
        )
    )
    if filters.governorate is not None:
        qs = qs.filter(case__governorate=filters.governorate)
    if filters.status == "closed":
        qs = qs.filter(case__status=Case.Status.CLOSED)
    else:
        qs = qs.exclude(case__status=Case.Status.CLOSED)
    if filters.overdue:
        qs = qs.filter(next_visit__lt=timezone.localdate())
    return qs.order_by("next_visit", "-returned_on", "-pk")


def panel_list(user, *, active: bool | None = None) -> QuerySet[Panel]:
    """The jurisdiction's panels, with petitions waiting and the next sitting."""
    qs = panels_for_user(user).annotate(
        waiting=Count(
            "petitions",
            filter=Q(petitions__status__in=[Petition.Status.FILED, Petition.Status.LISTED]),
            distinct=True,
        ),
        next_sitting=Min(
            "sittings__scheduled_at",
            filter=Q(sittings__status=PanelSitting.Status.SCHEDULED),
        ),
    )
    if active is not None:
        qs = qs.filter(is_active=active)
    return qs.order_by("-is_active", "name", "pk")


def sheikh_list(user, *, tribe=None, governorate=None) -> QuerySet[Sheikh]:
    """The jurisdiction's sheikhs, with how many guarantees each has given."""
    qs = sheikhs_for_user(user).annotate(guarantee_count=Count("guarantees"))
    if tribe is not None:
        qs = qs.filter(Q(tribe=tribe) | Q(tribe__parent=tribe))
    if governorate is not None:
        qs = qs.filter(governorate=governorate)
    return qs.order_by("name_ar", "pk")


def tribe_tree() -> list[tuple[Tribe, list[Tribe]]]:
    """Top-level tribes and confederations with their branches (one query)."""
    tribes = list(Tribe.objects.active().prefetch_related("governorates").order_by("name_en"))
    children: dict[int | None, list[Tribe]] = {}
    for tribe in tribes:
        children.setdefault(tribe.parent_id, []).append(tribe)
    return [(t, children.get(t.pk, [])) for t in children.get(None, [])]


def overview_counts(user) -> dict[str, int]:
    """The figures of the tribal track's start page, for the user's jurisdiction."""
    today = timezone.localdate()
    return {
        "disavowals": Disavowal.objects.in_jurisdiction(user)
        .exclude(status=Disavowal.Status.WITHDRAWN)
        .count(),
        "guarantees": Guarantee.objects.in_jurisdiction(user)
        .filter(status=Guarantee.Status.ACTIVE)
        .count(),
        "reports_overdue": Guarantee.objects.in_jurisdiction(user)
        .filter(status=Guarantee.Status.ACTIVE, next_report_due__lt=today)
        .count(),
        "settlements": Settlement.objects.in_jurisdiction(user)
        .filter(status__in=[Settlement.Status.NEGOTIATING, Settlement.Status.AGREED])
        .count(),
        "petitions": Petition.objects.in_jurisdiction(user)
        .filter(status__in=[Petition.Status.FILED, Petition.Status.LISTED])
        .count(),
        "clearances": Clearance.objects.in_jurisdiction(user)
        .filter(status=Clearance.Status.REQUESTED)
        .count(),
        "returnees": ReturnHome.objects.in_jurisdiction(user)
        .exclude(case__status=Case.Status.CLOSED)
        .count(),
        "visits_overdue": FollowUpVisit.objects.in_jurisdiction(user)
        .filter(status=FollowUpVisit.Status.PLANNED, due_on__lt=today)
        .count(),
    }
