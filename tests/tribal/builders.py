"""Builders of the tribal track's records, through its services, as an officer would."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from cases.casefiles.models import Case
from cases.casefiles.services import case_transition
from cases.tribal import services
from cases.tribal.models import Tribe
from tests.factories import make_case


def days(n: int) -> dt.date:
    """The day ``n`` days from today (negative: ago)."""
    return timezone.localdate() + dt.timedelta(days=n)


def walk(case: Case, *statuses: str, by) -> Case:
    for status in statuses:
        case = case_transition(case=case, to_status=status, by=by, reason="test")
    return case


def released_case(by, **kwargs) -> Case:
    """A case whose man has been released after screening."""
    return walk(make_case(by=by, **kwargs), "screening", "released", by=by)


def tribe(code: str = "albu-fahad") -> Tribe:
    return Tribe.objects.get(code=code)


def make_sheikh(by, **data):
    return services.sheikh_create(
        data={
            "name_ar": "الشيخ فرحان الفهداوي",
            "name_lat": "Sheikh Farhan al-Fahdawi",
            "title": "clan_head",
            "tribe": tribe(),
            "governorate": by.unit.governorate,
            **data,
        },
        by=by,
    )


def make_disavowal(case: Case, by, **data):
    return services.disavowal_file(
        person=case.person,
        governorate=case.governorate,
        data={
            "filed_by": "family",
            "filer_name": "His father",
            "filer_relation": "parent",
            "filed_on": days(-300),
            "document_reference": "Ramadi court 2015/117",
            **data,
        },
        by=by,
    )


def make_guarantee(case: Case, by, **data):
    return services.guarantee_give(
        case=case,
        data={
            "guarantor_kind": "family",
            "guarantor_name": "His uncle",
            "guarantor_relation": "uncle",
            "residence": "al-Andalus quarter, Ramadi",
            "reporting_unit": case.receiving_unit,
            "reporting_every_days": 30,
            "starts_on": days(0),
            "ends_on": days(365),
            **data,
        },
        by=by,
    )


def make_settlement(case: Case, by, **data):
    return services.settlement_open(
        case=case,
        data={
            "victim_party": "The family of a policeman killed in Hit",
            "terms": "Compensation and a public apology",
            "compensation_amount": 10_000_000,
            "waiver_needed": True,
            **data,
        },
        by=by,
    )


def make_panel(by, **data):
    return services.panel_create(
        data={
            "name": "Ramadi forgiveness panel",
            "governorate": by.unit.governorate,
            "established_on": days(-100),
            **data,
        },
        by=by,
    )


def make_sitting(panel, by, *, at=None):
    return services.sitting_schedule(
        panel=panel,
        scheduled_at=at or timezone.now() + dt.timedelta(days=7),
        place="Ramadi Operations Command",
        by=by,
    )


def make_petition(case: Case, panel, by, **data):
    return services.petition_file(
        case=case,
        panel=panel,
        data={
            "filed_by": "self",
            "filed_on": days(-10),
            "joining": "coerced",
            "coercion_details": "Threatened with his father's death",
            "declares_no_killing": True,
            **data,
        },
        by=by,
    )


def granted_clearance(case: Case, by, *, decided_on=None):
    clearance = services.clearance_request(
        case=case,
        requested_on=days(-20),
        requested_from="National Security Service, Anbar",
        note="",
        by=by,
    )
    return services.clearance_decide(
        clearance=clearance,
        granted=True,
        decided_on=decided_on or days(-15),
        authority="NSS Anbar",
        reason="No warrant",
        by=by,
    )


def returned_case(by, **kwargs) -> Case:
    """A released man who went home 10 days ago: the case is in reintegration, and his first
    follow-up visit is planned."""
    case = released_case(by, **kwargs)
    clearance = granted_clearance(case, by)
    services.return_record(
        case=case,
        clearance=clearance,
        data={
            "returned_on": days(-10),
            "governorate": case.governorate,
            "locality": "al-Andalus quarter",
            "visit_every_days": 30,
        },
        by=by,
    )
    return Case.objects.get(pk=case.pk)
