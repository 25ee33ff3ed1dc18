"""Demo data of the tribal track, through its services: four sheikhs of Anbar, a panel of officers
and tribal leaders with its sittings and petitions, disavowals (bara'a), a settlement (sulh)
waiting on its compensation, guarantees (kafala), one with a breach, and a returnee under
follow-up (clearance granted, home, a first visit made, the next one due, his family protected).

The names of sheikhs and officers are invented. Idempotent: the demo panel marks the whole set
(``seed_all`` runs in one transaction, so it is all there or not at all).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from cases.accounts.models import District, Governorate, Unit, User
from cases.casefiles.models import Case

from . import services
from .models import Disavowal, FollowUpVisit, Guarantee, Panel, Sheikh, Tribe

DEMO_PANEL = "Anbar panel for tribal forgiveness (Ramadi)"
S = Case.Status

#: (Arabic name, Latin name, title, tribe code, district)
SHEIKHS = (
    ("الشيخ حميد عبد الكريم النمراوي", "Sheikh Hamid Abd al-Karim al-Nimrawi", "clan_head",
     "albu-nimr", "Hit"),
    ("الشيخ فرحان مطلك الفهداوي", "Sheikh Farhan Mutlak al-Fahdawi", "clan_head",
     "albu-fahad", "Ramadi"),
    ("الشيخ عواد سلمان المحلاوي", "Sheikh Awad Salman al-Mahlawi", "clan_head",
     "albu-mahal", "Al-Qaim"),
    ("الحاج جاسم حردان العلواني", "Hajj Jasim Hardan al-Alwani", "notable",
     "albu-alwan", "Ramadi"),
)  # fmt: skip


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def seed(*, units: dict[str, Unit], users: dict[str, User]) -> None:
    """Load the tribal track's demo records on the demo cases of Anbar (once)."""
    if Panel.objects.filter(name=DEMO_PANEL).exists():
        return
    anbar = Governorate.objects.get(code="ANB")
    demo = Case.objects.filter(
        person__national_id__startswith="DEMO-", governorate=anbar
    ).select_related("person", "receiving_unit", "assigned_officer")
    returnee = demo.filter(status__in=[S.RELEASED, S.AMNESTIED]).order_by("number").first()
    petitioners = list(demo.filter(status__in=[S.TRIAL, S.SERVING_SENTENCE]).order_by("number")[:4])
    if returnee is None or len(petitioners) < 4:
        return  # the demo cases are not there (units and users only)
    officer, supervisor = users["officer"], users["supervisor"]
    sheikhs = _sheikhs(anbar, officer)
    panel = _panel(anbar, units, sheikhs, officer)
    _petitions(panel, petitioners, officer)
    _disavowals(returnee, petitioners[0], sheikhs, officer)
    _settlement(petitioners[1], sheikhs, officer)
    released_on_conditions = (
        demo.filter(status=S.CONDITIONAL_RELEASE).exclude(pk=returnee.pk).order_by("number").first()
    )
    _breached_guarantee(released_on_conditions or petitioners[3], units, officer)
    _returnee(returnee, units, sheikhs, officer, supervisor)
    # His cousin's clan disavowed him: shown on the returnee's case as his family's disavowal.
    services.family_link_add(
        person=returnee.person, relative=petitioners[0].person, relation="cousin", by=officer
    )


def _sheikhs(anbar: Governorate, officer: User) -> list[Sheikh]:
    tribes = {t.code: t for t in Tribe.objects.all()}
    districts = {d.name_en: d for d in District.objects.filter(governorate=anbar)}
    return [
        Sheikh.objects.filter(name_ar=name_ar).first()
        or services.sheikh_create(
            data={
                "name_ar": name_ar,
                "name_lat": name_lat,
                "title": title,
                "tribe": tribes[tribe],
                "governorate": anbar,
                "district": districts.get(district),
            },
            by=officer,
        )
        for name_ar, name_lat, title, tribe, district in SHEIKHS
    ]


def _panel(anbar, units, sheikhs, officer) -> Panel:
    established = dt.date(2016, 2, 1)
    panel = services.panel_create(
        data={
            "name": DEMO_PANEL,
            "governorate": anbar,
            "district": District.objects.filter(governorate=anbar, name_en="Ramadi").first(),
            "established_on": established,
            "notes": "Hears petitions for forgiveness of men of Anbar's clans who joined the "
            "group; its recommendations go to the courts and the amnesty committee.",
        },
        by=officer,
    )
    seats = [
        {
            "kind": "military",
            "role": "chair",
            "name": "Staff Brigadier Salah Mahdi Kareem",
            "rank_or_title": "Staff Brigadier",
            "unit": units["anb-7-div"],
        },
        {"kind": "tribal", "role": "member", "sheikh": sheikhs[0], "rank_or_title": "Albu Nimr"},
        {"kind": "tribal", "role": "member", "sheikh": sheikhs[1], "rank_or_title": "Albu Fahad"},
        {"kind": "tribal", "role": "member", "sheikh": sheikhs[2], "rank_or_title": "Albu Mahal"},
        {
            "kind": "official",
            "role": "secretary",
            "name": "Ahmed Kadhim",
            "rank_or_title": "Programme office",
            "unit": units["anb-office"],
        },
    ]
    for seat in seats:
        services.panel_member_add(
            panel=panel, data={"name": "", **seat, "since": established}, by=officer
        )
    return panel


def _petitions(panel: Panel, cases: list[Case], officer: User) -> None:
    members = list(panel.members.all())
    first = services.sitting_schedule(
        panel=panel,
        scheduled_at=_at(dt.date(2016, 5, 10)),
        place="Ramadi Operations Command",
        by=officer,
    )
    filings = (
        {
            "filed_by": "family",
            "filer_name": "His father",
            "filed_on": dt.date(2016, 4, 3),
            "joining": "coerced",
            "coercion_details": "Threatened with his father's death after the group took the town.",
            "declares_no_killing": True,
            "information_given": "Named the hisbah office and its members in his town.",
            "request": "Forgiveness of the clan and leave to return with his family.",
        },
        {
            "filed_by": "self",
            "filed_on": dt.date(2016, 4, 12),
            "joining": "voluntary",
            "declares_no_killing": True,
            "information_given": "Showed where the group stored weapons near Hit.",
            "request": "Forgiveness; he asks the panel to speak for him before the court.",
        },
        {
            "filed_by": "sheikh",
            "filer_name": "Sheikh of his clan",
            "filed_on": dt.date(2016, 4, 20),
            "joining": "voluntary",
            "declares_no_killing": False,
            "request": "Forgiveness for a fighter of the group's checkpoints.",
        },
    )
    petitions = [
        services.petition_file(case=case, panel=panel, data=data, by=officer)
        for case, data in zip(cases[:3], filings, strict=True)
    ]
    for petition in petitions:
        services.petition_list(petition=petition, sitting=first, by=officer)
    services.sitting_record_held(
        sitting=first,
        held_at=_at(dt.date(2016, 5, 10), 11),
        members_present=members[:4],
        minutes="Three petitions heard; the families and the sheikhs of the clans spoke.",
        by=officer,
    )
    decisions = (
        ("forgive", "Coerced, took no part in killing, and gave information.", True, True, False),
        ("forgive_conditions", "Forgiven if his clan's guarantee is given.", False, False, True),
        ("reject", "He served at the checkpoints where men were killed.", False, False, False),
    )
    for petition, (rec, reasons, evidence, court, committee) in zip(
        petitions, decisions, strict=True
    ):
        services.petition_decide(
            petition=petition,
            recommendation=rec,
            reasons=reasons,
            evidence_for_commutation=evidence,
            to_court=court,
            to_committee=committee,
            by=officer,
        )
    coming = services.sitting_schedule(
        panel=panel,
        scheduled_at=_at(timezone.localdate() + dt.timedelta(days=10)),
        place="Ramadi Operations Command",
        by=officer,
    )
    waiting = services.petition_file(
        case=cases[3],
        panel=panel,
        data={
            "filed_by": "family",
            "filer_name": "His brother",
            "filed_on": timezone.localdate() - dt.timedelta(days=5),
            "joining": "coerced",
            "coercion_details": "Recruited at sixteen from his school.",
            "declares_no_killing": True,
            "request": "Forgiveness and return to his family.",
        },
        by=officer,
    )
    services.petition_list(petition=waiting, sitting=coming, by=officer)


def _disavowals(returnee: Case, petitioner: Case, sheikhs: list[Sheikh], officer: User) -> None:
    family = services.disavowal_file(
        person=returnee.person,
        governorate=returnee.governorate,
        data={
            "filed_by": Disavowal.FiledBy.FAMILY,
            "filer_name": "His father",
            "filer_relation": "parent",
            "filed_on": dt.date(2015, 11, 3),
            "document_reference": "Ramadi Court of First Instance 2015/1174",
            "registered_with": "Ramadi Court of First Instance",
            "statement": "The family disowns him for joining the group and answers for none of "
            "his acts.",
        },
        by=officer,
    )
    services.disavowal_decide(
        disavowal=family,
        to_status=Disavowal.Status.WITHDRAWN,
        on=timezone.localdate() - dt.timedelta(days=42),
        by=officer,
        reason="The family took him back after his release and the clan's guarantee.",
    )
    tribe = services.disavowal_file(
        person=petitioner.person,
        governorate=petitioner.governorate,
        data={
            "filed_by": Disavowal.FiledBy.TRIBE,
            "tribe": sheikhs[0].tribe,
            "sheikh": sheikhs[0],
            "filed_on": dt.date(2015, 12, 20),
            "document_reference": "Hit Police Station 2015/388",
            "registered_with": "Hit Police Station",
        },
        by=officer,
    )
    services.disavowal_decide(
        disavowal=tribe,
        to_status=Disavowal.Status.UPHELD,
        on=dt.date(2016, 6, 1),
        by=officer,
        reason="Confirmed by the sheikh of the clan before the panel.",
    )


def _settlement(case: Case, sheikhs: list[Sheikh], officer: User) -> None:
    settlement = services.settlement_open(
        case=case,
        data={
            "victim_party": "The family of a policeman killed in Hit, October 2014",
            "victim_tribe": Tribe.objects.get(code="albu-nimr"),
            "offender_tribe": Tribe.objects.get(code="albu-fahad"),
            "mediator": sheikhs[3],
            "terms": "Compensation (diya) to the family, and a public apology at the clan's "
            "guesthouse; the family waives its complaint.",
            "compensation_amount": 25_000_000,
            "compensation_currency": "IQD",
            "waiver_needed": True,
            "amnesty_reference": "General Amnesty Law 27/2016 as amended in 2017",
        },
        by=officer,
    )
    services.settlement_move(
        settlement=settlement,
        to_status="agreed",
        on=timezone.localdate() - dt.timedelta(days=20),
        by=officer,
        reason="Agreed before the mediating notable and both clans.",
    )
    services.settlement_record_waiver(
        settlement=settlement,
        given_on=timezone.localdate() - dt.timedelta(days=20),
        document="Hit Court 2017/52 (waiver of the complainant)",
        by=officer,
    )


def _breached_guarantee(case: Case, units: dict[str, Unit], officer: User) -> None:
    today = timezone.localdate()
    guarantee = services.guarantee_give(
        case=case,
        data={
            "guarantor_kind": Guarantee.GuarantorKind.FAMILY,
            "guarantor_name": "His elder brother",
            "guarantor_relation": "sibling",
            "residence": "The family home, al-Jazira quarter",
            "reporting_unit": units["anb-fallujah-ps"],
            "reporting_every_days": 14,
            "starts_on": today - dt.timedelta(days=30),
            "ends_on": today + dt.timedelta(days=335),
            "document_reference": "Fallujah Court 2017/210",
        },
        by=officer,
    )
    services.guarantee_record_breach(
        guarantee=guarantee,
        data={
            "kind": "missed_report",
            "occurred_on": today - dt.timedelta(days=16),
            "description": "Did not report to the police station on the due day.",
            "action_taken": "His brother was called; he reported two days later.",
        },
        by=officer,
    )


def _returnee(
    case: Case, units: dict[str, Unit], sheikhs: list[Sheikh], officer: User, supervisor: User
) -> None:
    today = timezone.localdate()
    guarantee = services.guarantee_give(
        case=case,
        data={
            "guarantor_kind": Guarantee.GuarantorKind.SHEIKH,
            "sheikh": sheikhs[1],
            "tribe": sheikhs[1].tribe,
            "residence": "His father's house, al-Andalus quarter, Ramadi",
            "residence_district": sheikhs[1].district,
            "reporting_unit": units["anb-ramadi-ps"],
            "reporting_every_days": 30,
            "starts_on": today - dt.timedelta(days=45),
            "ends_on": today + dt.timedelta(days=320),
            "other_terms": "No travel outside the district without the police station's leave.",
            "document_reference": "Albu Fahad guesthouse, kafala deed 2017/14",
        },
        by=officer,
    )
    clearance = services.clearance_request(
        case=case,
        requested_on=today - dt.timedelta(days=60),
        requested_from="National Security Service, Anbar",
        note="Released; his clan's guarantee is offered.",
        by=officer,
    )
    services.clearance_decide(
        clearance=clearance,
        granted=True,
        decided_on=today - dt.timedelta(days=46),
        authority="National Security Service, Anbar",
        reference="NSS-ANB 2017/3318",
        reason="No open warrant; the clan's guarantee and the family's consent.",
        by=supervisor,
    )
    services.return_record(
        case=case,
        clearance=clearance,
        guarantee=guarantee,
        data={
            "returned_on": today - dt.timedelta(days=40),
            "governorate": case.governorate,
            "district": sheikhs[1].district,
            "locality": "al-Andalus quarter, Ramadi",
            "visit_every_days": 30,
        },
        by=officer,
    )
    first = FollowUpVisit.objects.get(case=case, status=FollowUpVisit.Status.PLANNED)
    services.visit_record(
        visit=first,
        visited_on=today - dt.timedelta(days=10),
        outcome=FollowUpVisit.Outcome.DIFFICULTIES,
        notes="Living with his parents; no identity card yet, so he cannot register for work.",
        next_due_on=today + dt.timedelta(days=20),
        by=officer,
    )
    services.protection_start(
        case=case,
        data={
            "kind": "patrol",
            "protected": "His parents and two sisters",
            "details": "Patrols past the house at night after threats from the group's cells.",
            "starts_on": today - dt.timedelta(days=40),
        },
        by=officer,
    )
