"""The rule sets seeded with the courts: the figures of sentence arithmetic and of the court's
time limits (one :class:`~cases.courts.models.SentenceRuleSet` in effect from 1969), and the
grounds of commutation the calculator weighs.

Everything here comes from the programme's domain notes (DOMAIN.md) and is seeded **unverified**:
each row carries the text it was taken from and ``source_verified=False``. An administrator
checks them against the official texts and ticks "verified" in the admin; a change of the law is
entered as a new rule set with the date it takes effect (or new commutation rules with their
dates), never by editing the old one.
"""

from __future__ import annotations

import datetime as dt

RULE_SET = {
    "effective_from": dt.date(1969, 1, 1),
    "life_years": 20,
    "max_total_years": 25,
    "temporary_min_years": 5,
    "temporary_max_years": 15,
    "imprisonment_max_years": 5,
    "juvenile_max_years": 15,
    "conditional_numerator": 3,
    "conditional_denominator": 4,
    "juvenile_conditional_numerator": 2,
    "juvenile_conditional_denominator": 3,
    "conditional_min_months": 6,
    "step_life_to_temporary_years": 15,
    "step_temporary_to_imprisonment_years": 5,
    "appeal_days": 30,
    "automatic_cassation_days": 10,
    "legal_source": (
        "Penal Code 111/1969 Art. 87 (life = 20 years), Art. 143 (total capped at 25 years), "
        "Arts. 130-137 (excuses and leniency; floors of one step unverified); Juvenile Welfare "
        "Law 76/1983 (juvenile measures, at most 15 years: unverified); CPC 23/1971 Art. 331 "
        "(conditional release after three quarters, two thirds for juveniles, at least six "
        "months served, pre-trial detention counted); cassation appeal 30 days after the "
        "verdict and automatic cassation of death and life sentences within 10 days (CPC, "
        "articles unverified; one source gives 15 days in another court). Source: the "
        "programme's domain notes."
    ),
    "legal_source_ar": (
        "قانون العقوبات 111 لسنة 1969 م 87 (السجن المؤبد = 20 سنة)، م 143 (لا يزيد المجموع على 25 "
        "سنة)، م 130-137 (الأعذار والظروف المخففة؛ حدود الدرجة الواحدة غير مدققة)؛ قانون رعاية "
        "الأحداث 76 لسنة 1983 (تدابير الأحداث، 15 سنة في الأكثر: غير مدقق)؛ قانون أصول المحاكمات "
        "الجزائية 23 لسنة 1971 م 331 (الإفراج الشرطي بعد ثلاثة أرباع المدة، وثلثيها للحدث، وستة "
        "أشهر منفذة في الأقل، وتُحتسب مدة التوقيف)؛ الطعن تمييزاً خلال 30 يوماً من الحكم، وإرسال "
        "أحكام الإعدام والسجن المؤبد إلى محكمة التمييز تلقائياً خلال 10 أيام (الأصول الجزائية، "
        "المواد غير مدققة؛ يذكر مصدر 15 يوماً أمام محكمة أخرى). المصدر: ملاحظات البرنامج."
    ),
    "source_verified": False,
}

AGE_SOURCE = (
    "Penal Code 111/1969 Art. 79 (no death sentence for one aged 18 to 20 at the acts: life "
    "instead); Juvenile Welfare Law 76/1983 (no death or life for a juvenile). Domain notes; "
    "text unverified."
)
ART5_SOURCE = (
    "Anti-Terrorism Law 13/2005 Art. 5 (text unverified): exemption for one who informs before "
    "the crime is discovered; mitigation for one who informs after, before his own arrest, when "
    "it leads to the arrest of others. Domain notes."
)
AGE_SOURCE_AR = (
    "قانون العقوبات 111 لسنة 1969 م 79 (لا يُحكم بالإعدام على من كان عمره من 18 إلى 20 سنة وقت "
    "ارتكاب الفعل: السجن المؤبد بدلاً منه)؛ قانون رعاية الأحداث 76 لسنة 1983 (لا إعدام ولا سجن "
    "مؤبد للحدث). ملاحظات البرنامج؛ النص غير مدقق."
)
ART5_SOURCE_AR = (
    "قانون مكافحة الإرهاب 13 لسنة 2005 م 5 (النص غير مدقق): يُعفى من العقوبة من يُخبر قبل "
    "اكتشاف الجريمة؛ وتُخفف عن من يُخبر بعد اكتشافها وقبل القبض عليه إذا أدى إخباره إلى القبض "
    "على آخرين. ملاحظات البرنامج."
)
SURRENDER_SOURCE_AR = (
    "سياسة البرنامج في تسليم النفس طوعاً، تُطبق ظرفاً قضائياً مخففاً (قانون العقوبات م 132؛ "
    "التخفيض بمقدار الثلث: رقم من البرنامج، غير مدقق). القبض عليه يُسقط هذا السبب."
)
SURRENDER_SOURCE = (
    "Programme policy on voluntary surrender, applied as judicial leniency (Penal Code Art. 132; "
    "reduction of one third: a programme figure, unverified). Arrest forfeits the ground."
)

COMMUTATION_RULES = (
    {
        "code": "age",
        "title_en": "Age at the time of the acts",
        "title_ar": "العمر وقت ارتكاب الفعل",
        "stage": "limits",
        "effect": "age_limit",
        "order": 0,
        "legal_source": AGE_SOURCE,
        "legal_source_ar": AGE_SOURCE_AR,
    },
    {
        "code": "atl5-exempt",
        "title_en": "Informed before the crime was discovered",
        "title_ar": "الإخبار قبل اكتشاف الجريمة",
        "stage": "excuse",
        "effect": "exempt",
        "order": 0,
        "requires_informed_before_discovery": True,
        "offence_categories": ["terrorism"],
        "legal_source": ART5_SOURCE,
        "legal_source_ar": ART5_SOURCE_AR,
    },
    {
        "code": "atl5-mitigate",
        "title_en": "Informed before his arrest, leading to arrests",
        "title_ar": "الإخبار قبل القبض عليه مما أدى إلى القبض على آخرين",
        "stage": "excuse",
        "effect": "step_down",
        "order": 1,
        "requires_informed_before_own_arrest": True,
        "requires_information_led_to_arrests": True,
        "offence_categories": ["terrorism"],
        "legal_source": ART5_SOURCE,
        "legal_source_ar": ART5_SOURCE_AR,
    },
    {
        "code": "voluntary-surrender",
        "title_en": "Voluntary surrender (the programme's promise)",
        "title_ar": "تسليم النفس طوعاً (وعد البرنامج)",
        "stage": "leniency",
        "effect": "reduce",
        "order": 0,
        "fraction_numerator": 1,
        "fraction_denominator": 3,
        "requires_voluntary_surrender": True,
        "forfeited_by_arrest": True,
        "legal_source": SURRENDER_SOURCE,
        "legal_source_ar": SURRENDER_SOURCE_AR,
    },
)


def ensure_rules(rule_set_model, commutation_rule_model) -> int:
    """Create the seeded rule set (unless one exists) and the seeded commutation rules that are
    missing (by code); returns how many rows were created. What exists is left as the
    administrators made it. Used by migration 0002 and after every migrate (a flushed test
    database gets them back)."""
    created = 0
    if not rule_set_model.objects.exists():
        rule_set_model.objects.create(**_known(rule_set_model, RULE_SET))
        created += 1
    for spec in COMMUTATION_RULES:
        if commutation_rule_model.objects.filter(code=spec["code"]).exists():
            continue
        commutation_rule_model.objects.create(
            **_known(commutation_rule_model, spec), source_verified=False
        )
        created += 1
    return created


def _known(model, spec: dict) -> dict:
    """The spec's fields that ``model`` has: migration 0002 seeds with the model as it was then,
    before the Arabic sources (0004) existed."""
    names = {f.name for f in model._meta.get_fields()}
    return {k: v for k, v in spec.items() if k in names}


def fill_arabic_sources(rule_set_model, commutation_rule_model) -> None:
    """Give the seeded rows whose English source is still the seed's their Arabic source
    (migration 0004); a source an administrator rewrote is left for him to translate."""
    rule_set_model.objects.filter(legal_source=RULE_SET["legal_source"], legal_source_ar="").update(
        legal_source_ar=RULE_SET["legal_source_ar"]
    )
    for spec in COMMUTATION_RULES:
        commutation_rule_model.objects.filter(
            code=spec["code"], legal_source=spec["legal_source"], legal_source_ar=""
        ).update(legal_source_ar=spec["legal_source_ar"])
