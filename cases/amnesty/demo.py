"""Demo of the amnesty track.

Deserters: men of the 7th Army Division and of the Ramadi police who left their posts in 2014 and
early 2015. Under the April 2015 decision some came back within the 30 days (one on day 30, late
in the evening), one came back 20 minutes into day 31, one reached Germany, one was prosecuted,
one is still away. The returns in time are granted; the late one is refused.

Law 27/2016: applications for three of Anbar's charged demo cases (see ``cases.legal.demo``): one
eligible and granted, one excluded (terrorism that caused a death), one awaiting review (the
consequences of the acts not established).

Everything goes through the services; a run after the first creates nothing (absences are known
by their service numbers, applications by case and decree).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from cases.casefiles.services import screening_record

from .models import AbsenceReport, Application, Decree
from .rules import BAGHDAD
from .services import (
    absence_change_status,
    absence_report,
    application_decide,
    application_open,
    application_start_review,
)

D = dt.date


def _at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BAGHDAD)


@dataclass(frozen=True)
class AbsenceSpec:
    service_number: str
    unit: str
    given_ar: str
    father_ar: str
    family_ar: str
    given_lat: str
    family_lat: str
    absent_since: dt.date
    circumstances: str
    #: "returned" (with the time), "emigrated" or "prosecuted" (with the day), or "" (away)
    outcome: str = ""
    at: dt.datetime | None = None
    on: dt.date | None = None
    emigrated_to: str = ""
    #: What the committee does with his application: "grant", "refuse", "review", or "" (none)
    decision: str = ""


ABSENCES = (
    AbsenceSpec("DEMO-7D-0001", "anb-7-div", "حسين", "علي", "الدليمي", "Hussein", "al-Dulaimi",
                D(2014, 6, 10), "fled", "returned", _at(2015, 5, 5, 10, 0), decision="grant"),
    AbsenceSpec("DEMO-7D-0002", "anb-7-div", "عمر", "خلف", "الفهداوي", "Omar", "al-Fahdawi",
                D(2014, 6, 10), "fled", "returned", _at(2015, 5, 29, 22, 0), decision="grant"),
    AbsenceSpec("DEMO-7D-0003", "anb-7-div", "ياسر", "حمد", "العلواني", "Yasir", "al-Alwani",
                D(2015, 1, 15), "absent", "returned", _at(2015, 5, 30, 23, 40), decision="grant"),
    AbsenceSpec("DEMO-7D-0004", "anb-7-div", "مهند", "جمعة", "الكبيسي", "Muhannad", "al-Kubaisi",
                D(2014, 6, 10), "fled", "returned", _at(2015, 5, 31, 0, 20), decision="refuse"),
    AbsenceSpec("DEMO-7D-0005", "anb-7-div", "فراس", "نايف", "العيساوي", "Firas", "al-Issawi",
                D(2014, 6, 12), "fled", "emigrated", on=D(2015, 9, 15), emigrated_to="Germany"),
    AbsenceSpec("DEMO-7D-0006", "anb-7-div", "زياد", "شاكر", "الجميلي", "Ziad", "al-Jumaili",
                D(2015, 2, 1), "self_harm", "returned", _at(2015, 5, 12, 8, 15), decision="review"),
    AbsenceSpec("DEMO-7D-0007", "anb-7-div", "سفيان", "عواد", "المحمدي", "Sufyan", "al-Mohammedi",
                D(2014, 6, 10), "fled", "prosecuted", on=D(2015, 7, 1)),
    AbsenceSpec("DEMO-RPS-0001", "anb-ramadi-ps", "أنس", "حميد", "الراوي", "Anas", "al-Rawi",
                D(2015, 3, 1), "absent", "returned", _at(2015, 5, 10, 9, 30)),
    AbsenceSpec("DEMO-RPS-0002", "anb-ramadi-ps", "بكر", "صالح", "الحلبوسي", "Bakr", "al-Halbousi",
                D(2014, 12, 20), "fled"),
)  # fmt: skip


def seed(*, units, users) -> int:
    """Load the demo's absences and applications that do not exist yet; returns how many
    records were created."""
    created = _seed_absences(units, users)
    created += _seed_law_27(users)
    return created


def _seed_absences(units, users) -> int:
    decree = Decree.objects.filter(code="deserters-2015").first()
    known = set(
        AbsenceReport.objects.filter(
            service_number__in=[s.service_number for s in ABSENCES]
        ).values_list("service_number", flat=True)
    )
    committee = users.get("committee") or users["supervisor"]
    created = 0
    for spec in ABSENCES:
        if spec.service_number in known:
            continue
        unit = units[spec.unit]
        by = users["officer"] if unit.code == "anb-ramadi-ps" else users["supervisor"]
        absence = absence_report(
            service_number=spec.service_number,
            unit=unit,
            absent_since=spec.absent_since,
            circumstances=spec.circumstances,
            person_data={
                "given_name_ar": spec.given_ar,
                "father_name_ar": spec.father_ar,
                "family_name_ar": spec.family_ar,
                "given_name_lat": spec.given_lat,
                "family_name_lat": spec.family_lat,
                # Every demo person carries a DEMO- national ID (see cases.demo.cases_data).
                "national_id": spec.service_number.replace("DEMO-", "DEMO-NID-"),
            },
            by=by,
        )
        created += 1
        if not spec.outcome:
            continue
        absence = absence_change_status(
            absence=absence,
            to_status=spec.outcome,
            returned_at=spec.at,
            on=spec.on,
            emigrated_to=spec.emigrated_to,
            by=by,
            reason="Demo: the unit's report",
        )
        if not spec.decision or decree is None:
            continue
        screening_record(
            case=absence.case,
            data={
                "screened_at": spec.at + dt.timedelta(hours=2),
                "wanted_match": "none",
                "risk_tier": "low",
                "outcome": "deserter_amnesty",
            },
            by=by,
        )
        application = application_open(
            decree=decree,
            case=absence.case,
            absence=absence,
            applied_on=timezone.localdate(spec.at),
            by=by,
        )
        application_start_review(application=application, by=committee)
        if spec.decision in ("grant", "refuse"):
            application_decide(
                application=application,
                outcome=spec.decision,
                reason="Demo: decided on the unit's report of his return",
                by=committee,
            )
    return created


def _seed_law_27(users) -> int:
    from cases.legal.demo import demo_charged_cases

    decree = Decree.objects.filter(code="law-27-2016").first()
    if decree is None:
        return 0
    by = users.get("investigator") or users["officer"]
    committee = users.get("committee") or users["supervisor"]
    created = 0
    for i, case in enumerate(demo_charged_cases()[:3]):
        if Application.objects.filter(case=case, decree=decree).exists():
            continue
        application = application_open(decree=decree, case=case, by=by)
        created += 1
        if i == 0:  # 4/2, no death: granted
            application_decide(
                application=application,
                outcome="grant",
                reason="Demo: harbouring without death or disability; covered by the law",
                by=committee,
            )
        elif i == 1:  # 4/1 that caused a death: excluded, refused
            application_decide(
                application=application,
                outcome="refuse",
                reason="Demo: terrorism that caused death is excluded",
                by=committee,
            )
        else:  # 4/1, consequences not established: the committee reviews
            application_start_review(application=application, by=committee)
    return created
