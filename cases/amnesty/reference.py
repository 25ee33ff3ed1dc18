"""The decrees seeded with the programme: the April 2015 decision on deserters, and the General
Amnesty Law 27/2016 with the conditions attributed to its 2017 amendment.

Everything here comes from secondary sources (the programme's domain notes and press reports of
the texts) and is seeded **unverified**: each decree is marked ``seeded`` and every exclusion and
condition carries the text it was taken from. An administrator checks them against the official
texts (Al-Waqa'i al-Iraqiya) and ticks "verified" in the admin; until then every page and every
explanation that rests on them says "to verify".
"""

from __future__ import annotations

import datetime as dt

DOMAIN_NOTES = "the programme's domain notes (DOMAIN.md)"

DESERTERS_2015 = {
    "code": "deserters-2015",
    "title_en": "Decision on deserters of the armed forces and internal security forces (April "
    "2015)",
    "title_ar": "قرار إيقاف الإجراءات القانونية بحق منتسبي القوات المسلحة وقوى الأمن الداخلي "
    "الهاربين والمتغيبين (نيسان 2015)",
    "legal_reference": "Council of Ministers / Commander-in-Chief decision, April 2015 (number "
    "to verify)",
    "issued_on": dt.date(2015, 4, 30),
    "effective_on": dt.date(2015, 4, 30),
    "window_event": "return",
    "window_days": 30,
    "window_ends_on": None,
    "groups": ["deserter"],
    "covered_categories": ["desertion", "absence", "self_harm", "military_order"],
    "covered_acts_text": "Proceedings stopped for fleeing, absence, malingering or self-harm to "
    "escape service, and offences against military order and the affairs of the service.",
    "acts_until": dt.date(2015, 4, 30),
    "active_from": None,
    "active_until": None,
    "allows_retrial": False,
    "source_text": (
        "Sources: "
        + DOMAIN_NOTES
        + "; the Prime Minister's office statement of 30 April 2015 as reported by the press "
        "(RFE/RL, AFP: 'the amnesty covers those who fled, were absent, or harmed themselves to "
        "avoid service, providing they return to their units within 30 days'; it excludes "
        "'crimes against state security, corruption, and abuse of influence'). An Arabic press "
        "text adds crimes prejudicial to honour and crimes against property, and sets the 30 "
        "days 'from the date of its issue'. To verify: the decision's number and date, and "
        "whether the exclusions remove the person from the decision or only those crimes from "
        "the proceedings it stops."
    ),
    "source_verified": False,
    "seeded": True,
}

DESERTERS_2015_EXCLUSIONS = (
    ("state_security", [], "Crimes against state security", "الجرائم الماسة بأمن الدولة"),
    ("corruption", [], "Corruption", "الفساد"),
    ("embezzlement", [], "Corruption (embezzlement)", "الفساد (الاختلاس)"),
    (
        "abuse_of_office",
        [],
        "Abuse of influence or overstepping the limits of office",
        "إساءة استخدام النفوذ الوظيفي وتجاوز حدود الوظيفة",
    ),
    ("honour", [], "Crimes prejudicial to honour (reported)", "الجرائم المخلة بالشرف"),
    ("property", [], "Crimes against property (reported)", "الجرائم الواقعة على المال"),
)

DESERTERS_2015_CONDITIONS = (
    (
        "return_to_unit",
        "",
        None,
        "Return to his unit within 30 days of the decision",
        "الالتحاق بوحدته خلال مدة أقصاها 30 يوماً من تاريخ صدور القرار",
        None,
    ),
)

LAW_27_2016 = {
    "code": "law-27-2016",
    "title_en": "General Amnesty Law No. 27 of 2016 (amended 2017)",
    "title_ar": "قانون العفو العام رقم 27 لسنة 2016 (المعدل 2017)",
    "legal_reference": "Law 27/2016, Al-Waqa'i al-Iraqiya (issue and date to verify); first "
    "amendment 2017 (number and date to verify)",
    "issued_on": dt.date(2016, 8, 25),
    "effective_on": dt.date(2016, 9, 26),
    "window_event": "",
    "window_days": None,
    "window_ends_on": None,
    "groups": ["convicted", "accused"],
    "covered_categories": [],
    "covered_acts_text": "The convicted (death or custodial sentence, in person or in absentia, "
    "final or not) and the accused not yet tried, except for the excluded crimes.",
    "acts_until": None,
    "active_from": None,
    "active_until": None,
    "allows_retrial": True,
    "source_text": (
        "Sources: "
        + DOMAIN_NOTES
        + "; press reports: voted by the Council of Representatives on 25 August 2016, "
        "published in Al-Waqa'i al-Iraqiya issue 4416 (reported as Monday 26 September 2016). "
        "The law lists 13 excluded categories; only those named in the domain notes are "
        "seeded here, the rest must be entered from the official text. Retrial may be "
        "requested where a confession was coerced or rested on a secret informant. To verify: "
        "dates of vote and publication, the full list of exclusions, and the article numbers."
    ),
    "source_verified": False,
    "seeded": True,
}

LAW_27_EXCLUSIONS = (
    (
        "terrorism",
        ["death_or_disability"],
        "Terrorism that caused death or permanent disability",
        "الجرائم الإرهابية التي نشأ عنها قتل أو عاهة مستديمة",
    ),
    (
        "",
        ["state_institutions"],
        "Sabotage of state institutions",
        "جرائم تخريب مؤسسات الدولة",
    ),
    ("", ["against_armed_forces"], "Fighting the armed forces", "محاربة القوات المسلحة العراقية"),
    ("human_trafficking", [], "Human trafficking", "الاتجار بالبشر"),
    ("rape", [], "Rape", "الاغتصاب"),
    ("money_laundering", [], "Money laundering", "غسل الأموال"),
    ("embezzlement", ["state_funds"], "Embezzlement of state funds", "اختلاس أموال الدولة"),
    (
        "kidnapping",
        ["death_or_disability"],
        "Kidnapping that caused death or permanent disability",
        "الخطف الذي نشأ عنه موت المخطوف أو إحداث عاهة مستديمة",
    ),
)

#: The conditions the domain notes attribute to the 2017 amendment. The date they apply from is a
#: placeholder (1 January 2017) until the amendment's date of effect is verified; a press copy of
#: the 2016 text already names them in its Art. 4, which the verification must settle.
AMENDMENT_2017_FROM = dt.date(2017, 1, 1)
AMENDMENT_SOURCE = (
    "Domain notes: '2017 amendment: waiver by the complainant or victim's family and payment of "
    "civil claims'. The date it applies from (1 January 2017) is a placeholder to verify; a "
    "press copy of the 2016 text already sets both conditions (Art. 4): to verify which text "
    "applies from when."
)
LAW_27_CONDITIONS = (
    (
        "victim_waiver",
        "private_right",
        None,
        "Waiver by the complainant or the victim's family",
        "تنازل المشتكي أو ذوي المجنى عليه",
        AMENDMENT_2017_FROM,
    ),
    (
        "civil_claims",
        "private_right",
        None,
        "Payment of the civil claims owed to the state or to persons",
        "تسديد ما بذمته من التزامات مالية للدولة أو للأشخاص",
        AMENDMENT_2017_FROM,
    ),
)

SEEDS = (
    (DESERTERS_2015, DESERTERS_2015_EXCLUSIONS, DESERTERS_2015_CONDITIONS),
    (LAW_27_2016, LAW_27_EXCLUSIONS, LAW_27_CONDITIONS),
)


def ensure_decrees(decree_model, exclusion_model, condition_model) -> int:
    """Create the seeded decrees that are missing (by code), with their exclusions and
    conditions; returns how many. A decree that exists is left as the administrators made it.
    Used by migration 0002 and after every migrate (a flushed test database gets them back)."""
    created = 0
    for spec, exclusions, conditions in SEEDS:
        if decree_model.objects.filter(code=spec["code"]).exists():
            continue
        decree = decree_model.objects.create(**spec)
        source = spec["source_text"]
        for order, (category, flags, label_en, label_ar) in enumerate(exclusions):
            exclusion_model.objects.create(
                decree=decree,
                category=category,
                flags=flags,
                label_en=label_en,
                label_ar=label_ar,
                source_text=source,
                source_verified=False,
                order=order,
            )
        for order, (kind, flag, days, label_en, label_ar, start) in enumerate(conditions):
            condition_model.objects.create(
                decree=decree,
                kind=kind,
                applies_to_flag=flag,
                days_allowed=days,
                label_en=label_en,
                label_ar=label_ar,
                effective_from=start,
                source_text=AMENDMENT_SOURCE if start else source,
                source_verified=False,
                order=order,
            )
        created += 1
    return created
