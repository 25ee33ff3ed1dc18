"""The first entries of the offence catalogue (editable in the admin after).

Seeded from the programme's domain notes: the articles they name (Anti-Terrorism Law 13/2005
Art. 4/1 and 4/2, Military Penal Code Art. 33) and Penal Code articles of the categories amnesty
decrees exclude. None is marked verified: article numbers, titles and penalties must be checked
against the official texts (Al-Waqa'i al-Iraqiya) before anyone relies on them, and each entry
carries the source it was taken from.
"""

from __future__ import annotations

SEEDED = (
    "Seeded by Caseweb from the programme's domain notes; article number, title and penalty "
    "to verify against the official text."
)
PENAL_CODE_EN = "Penal Code 111/1969"
PENAL_CODE_AR = "قانون العقوبات رقم 111 لسنة 1969"

OFFENCES: tuple[dict, ...] = (
    {
        "code": "atl-4-1",
        "law_en": "Anti-Terrorism Law 13/2005",
        "law_ar": "قانون مكافحة الإرهاب رقم 13 لسنة 2005",
        "article": "4/1",
        "title_en": "Committing, inciting, planning, financing or assisting terrorist acts",
        "title_ar": "ارتكاب الأعمال الإرهابية أو التحريض عليها أو التخطيط لها أو تمويلها أو "
        "المساعدة عليها",
        "category": "terrorism",
        "flags": [],
        "penalty_max": "death",
        "penalty_text": "Death, for the perpetrator and for whoever incites, plans, finances or "
        "assists.",
        "legal_source": f"Anti-Terrorism Law 13/2005 Art. 4/1 (domain notes). {SEEDED}",
    },
    {
        "code": "atl-4-2",
        "law_en": "Anti-Terrorism Law 13/2005",
        "law_ar": "قانون مكافحة الإرهاب رقم 13 لسنة 2005",
        "article": "4/2",
        "title_en": "Deliberately concealing a terrorist act or harbouring a terrorist",
        "title_ar": "إخفاء العمل الإرهابي أو التستر على شخص إرهابي عمداً",
        "category": "terrorism",
        "flags": [],
        "penalty_max": "life",
        "penalty_text": "Life imprisonment.",
        "legal_source": f"Anti-Terrorism Law 13/2005 Art. 4/2 (domain notes). {SEEDED}",
    },
    {
        "code": "mpc-33",
        "law_en": "Military Penal Code 19/2007",
        "law_ar": "قانون العقوبات العسكري رقم 19 لسنة 2007",
        "article": "33",
        "title_en": "Absence and desertion from service",
        "title_ar": "الغياب والهروب من الخدمة",
        "category": "desertion",
        "flags": [],
        "penalty_max": "",
        "penalty_text": "",
        "legal_source": f"Military Penal Code Art. 33, absence and desertion (domain notes); "
        f"penalty not recorded. {SEEDED}",
    },
    {
        "code": "pc-156",
        "law_en": PENAL_CODE_EN,
        "law_ar": PENAL_CODE_AR,
        "article": "156",
        "title_en": "Acts against the independence, unity or territorial integrity of the state",
        "title_ar": "الاعتداء على استقلال البلاد أو وحدتها أو سلامة أراضيها",
        "category": "state_security",
        "flags": [],
        "penalty_max": "death",
        "penalty_text": "",
        "legal_source": f"Penal Code, crimes against the external security of the state. {SEEDED}",
    },
    {
        "code": "pc-307",
        "law_en": PENAL_CODE_EN,
        "law_ar": PENAL_CODE_AR,
        "article": "307",
        "title_en": "Bribery: a public servant who asks for or accepts a bribe",
        "title_ar": "الرشوة: الموظف أو المكلف بخدمة عامة الذي يطلب أو يقبل رشوة",
        "category": "corruption",
        "flags": [],
        "penalty_max": "",
        "penalty_text": "",
        "legal_source": f"Penal Code, bribery. {SEEDED}",
    },
    {
        "code": "pc-315",
        "law_en": PENAL_CODE_EN,
        "law_ar": PENAL_CODE_AR,
        "article": "315",
        "title_en": "Embezzlement of funds by a public servant",
        "title_ar": "اختلاس الموظف أو المكلف بخدمة عامة للأموال",
        "category": "embezzlement",
        "flags": ["state_funds"],
        "penalty_max": "",
        "penalty_text": "",
        "legal_source": f"Penal Code, embezzlement. {SEEDED}",
    },
    {
        "code": "pc-329",
        "law_en": PENAL_CODE_EN,
        "law_ar": PENAL_CODE_AR,
        "article": "329",
        "title_en": "A public servant using the authority of his office to obstruct the law",
        "title_ar": "استغلال الموظف سلطة وظيفته في وقف أو تعطيل تنفيذ القوانين",
        "category": "abuse_of_office",
        "flags": [],
        "penalty_max": "",
        "penalty_text": "",
        "legal_source": f"Penal Code, abuse and overstepping of office. {SEEDED}",
    },
    {
        "code": "pc-393",
        "law_en": PENAL_CODE_EN,
        "law_ar": PENAL_CODE_AR,
        "article": "393",
        "title_en": "Rape",
        "title_ar": "الاغتصاب",
        "category": "rape",
        "flags": ["private_right"],
        "penalty_max": "",
        "penalty_text": "",
        "legal_source": f"Penal Code, rape. {SEEDED}",
    },
    {
        "code": "pc-406",
        "law_en": PENAL_CODE_EN,
        "law_ar": PENAL_CODE_AR,
        "article": "406",
        "title_en": "Murder with aggravating circumstances",
        "title_ar": "القتل العمد مع الظروف المشددة",
        "category": "homicide",
        "flags": ["death_or_disability", "private_right"],
        "penalty_max": "death",
        "penalty_text": "",
        "legal_source": f"Penal Code, murder. {SEEDED}",
    },
    {
        "code": "pc-421",
        "law_en": PENAL_CODE_EN,
        "law_ar": PENAL_CODE_AR,
        "article": "421",
        "title_en": "Kidnapping, or arresting or detaining a person without lawful order",
        "title_ar": "الخطف أو القبض على شخص أو حجزه بدون أمر من سلطة مختصة",
        "category": "kidnapping",
        "flags": ["private_right"],
        "penalty_max": "",
        "penalty_text": "",
        "legal_source": f"Penal Code, kidnapping. {SEEDED}",
    },
    {
        "code": "pc-439",
        "law_en": PENAL_CODE_EN,
        "law_ar": PENAL_CODE_AR,
        "article": "439",
        "title_en": "Theft",
        "title_ar": "السرقة",
        "category": "property",
        "flags": ["private_right"],
        "penalty_max": "",
        "penalty_text": "",
        "legal_source": f"Penal Code, crimes against property. {SEEDED}",
    },
    {
        "code": "pc-456",
        "law_en": PENAL_CODE_EN,
        "law_ar": PENAL_CODE_AR,
        "article": "456",
        "title_en": "Fraud",
        "title_ar": "الاحتيال",
        "category": "honour",
        "flags": ["private_right"],
        "penalty_max": "",
        "penalty_text": "",
        "legal_source": f"Penal Code; counted among crimes prejudicial to honour. {SEEDED}",
    },
    {
        "code": "aht-28-2012",
        "law_en": "Anti-Human Trafficking Law 28/2012",
        "law_ar": "قانون مكافحة الاتجار بالبشر رقم 28 لسنة 2012",
        "article": "",
        "title_en": "Human trafficking",
        "title_ar": "الاتجار بالبشر",
        "category": "human_trafficking",
        "flags": ["private_right"],
        "penalty_max": "",
        "penalty_text": "",
        "legal_source": f"Anti-Human Trafficking Law; article not recorded. {SEEDED}",
    },
    {
        "code": "aml-39-2015",
        "law_en": "Anti-Money Laundering Law 39/2015",
        "law_ar": "قانون مكافحة غسل الأموال وتمويل الإرهاب رقم 39 لسنة 2015",
        "article": "",
        "title_en": "Money laundering",
        "title_ar": "غسل الأموال",
        "category": "money_laundering",
        "flags": [],
        "penalty_max": "",
        "penalty_text": "",
        "legal_source": f"Anti-Money Laundering Law; article not recorded. {SEEDED}",
    },
)


def ensure_offences(offence_model) -> int:
    """Create the seeded offences that are missing (by code); returns how many. Entries the
    administrators edited are left as they are. Used by migration 0002 and after every migrate
    (a flushed test database gets them back)."""
    existing = set(offence_model.objects.values_list("code", flat=True))
    missing = [spec for spec in OFFENCES if spec["code"] not in existing]
    offence_model.objects.bulk_create(
        [offence_model(**spec, source_verified=False, is_active=True) for spec in missing]
    )
    return len(missing)
