"""Demo referrals in every state: received, assessing, in contact, arranged, surrendered (with
the case it opened), closed, transferred, and a critical one; sources sealed like real ones."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from .models import Referral
from .services import (
    referral_record_surrender,
    referral_transfer_decide,
    referral_transfer_request,
    referral_transition,
)

S = Referral.Status

# (days ago, channel, detail, subject, source, risk source/family, action, path)
REFERRALS = (
    (
        2,
        "family",
        "",
        "أبو عمر، الابن الأصغر",
        ("خلف صالح الحمادي", "07701234567", "father"),
        ("high", "high"),
        "arrange_surrender",
        (),
    ),
    (
        1,
        "sheikh",
        "Albu Fahad",
        "Dozens of local members",
        ("الشيخ حميد الفهداوي", "07801112233", "tribal sheikh"),
        ("critical", "high"),
        "arrange_surrender",
        (),
    ),
    (
        5,
        "family",
        "",
        "Mahmoud, 17, in al-Qaim",
        ("أم محمود", "07709998877", "mother"),
        ("medium", "critical"),
        "rescue",
        ((S.ASSESSING, "checking with the army"), (S.CONTACT, "spoke to the mother")),
    ),
    (
        40,
        "mukhtar",
        "Hit",
        "Two brothers from Hit",
        ("مختار حي البكر", "07705550000", "mukhtar"),
        ("medium", "medium"),
        "arrange_surrender",
        ((S.CONTACT, "met the mukhtar"), (S.ARRANGED, "handover set at the Hit checkpoint")),
    ),
    (
        90,
        "intermediary",
        "",
        "Abu Hajer",
        ("وسيط من الرمادي", "", "intermediary"),
        ("low", "low"),
        "information",
        ((S.ASSESSING, "no trace"), (S.CLOSED, "unfounded", "unfounded")),
    ),
    (
        120,
        "family",
        "",
        "Abu Bakr al-Rawi",
        ("أخوه الأكبر", "07712223344", "brother"),
        ("high", "high"),
        "arrange_surrender",
        ((S.CONTACT, "by phone"), (S.CLOSED, "killed in an air strike near Rawa", "killed")),
    ),
)


@transaction.atomic
def seed(*, units, users) -> None:
    """Idempotent: does nothing when the demo referrals are there."""
    if Referral.objects.filter(
        unit=units["anb-ramadi-ps"], place="Ramadi police station (demo)"
    ).exists():
        return
    from .services import referral_receive

    officer, supervisor = users["officer"], users["supervisor"]
    now = timezone.now()
    made = []
    for days, channel, detail, subject, (name, phone, relation), (
        src,
        fam,
    ), action, path in REFERRALS:
        referral = referral_receive(
            data={
                "received_at": now - dt.timedelta(days=days, hours=3),
                "place": "Ramadi police station (demo)",
                "channel": channel,
                "channel_detail": detail,
                "subject_description": subject,
                "last_known_location": "al-Qaim",
                "wants_to_surrender": action != "information",
                "coerced": channel == "family",
                "has_not_fought": True,
                "family_threatened": fam in ("high", "critical"),
                "statement": "He wants to leave the group.",
                "requested_action": action,
                "source_risk": src,
                "family_risk": fam,
            },
            source={
                "source_name": name,
                "source_phone": phone,
                "source_address": "Ramadi",
                "source_relation": relation,
            },
            unit=units["anb-ramadi-ps"],
            by=officer,
        )
        for step in path:
            referral_transition(
                referral=referral,
                to_status=step[0],
                by=officer,
                note=step[1],
                close_reason=step[2] if len(step) > 2 else "",
            )
        made.append(referral)
    # The arranged handover at Hit took place: his surrender opens a case, linked as evidence,
    # and his papers reached the investigating judge the next morning.
    case = referral_record_surrender(
        referral=made[3],
        by=officer,
        person=None,
        person_data={
            "given_name_ar": "سعد",
            "father_name_ar": "حميد",
            "family_name_ar": "الهيتاوي",
            "given_name_lat": "Saad",
            "family_name_lat": "al-Hitawi",
            "birth_year_estimated": 1994,
            "national_id": "DEMO-REF-1",
        },
        aliases=[],
        kind="voluntary",
        receiving_unit=units["anb-ramadi-ps"],
        intake_data={
            "at": now - dt.timedelta(days=38),
            "place": "Hit checkpoint",
            "affiliation": "ISIS",
            "role": "logistics",
        },
    )
    from cases.casefiles.services import case_record_presentation

    case_record_presentation(
        case=case,
        at=case.intake.at + dt.timedelta(hours=16),
        court=units["anb-inv-court"],
        by=officer,
    )
    # A referral handed to Nineveh, where the subject is held.
    transfer = referral_transfer_request(
        referral=made[2],
        to_unit=units["nin-mosul-ps"],
        by=officer,
        reason="the boy was moved to Tel Afar",
    )
    referral_transfer_decide(transfer=transfer, by=users["officer.mosul"], accept=True)
    del supervisor
