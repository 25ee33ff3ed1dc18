"""The kinds of deadline the courts open (registered at start-up; figures editable in the admin
afterwards, with their source)."""

from __future__ import annotations

import datetime as dt

from cases.deadlines.registry import register_kind

HEARING = "courts.hearing"
APPEAL = "courts.appeal"
AUTO_CASSATION = "courts.automatic_cassation"
COMMUTATION = "courts.commutation_decision"
CONDITIONAL_RELEASE = "courts.conditional_release"
RELEASE = "courts.release"

DAY = dt.timedelta(days=1)

register_kind(
    HEARING,
    label_en="Court hearing",
    label_ar="جلسة المحكمة",
    legal_source="Programme policy: reminders 7 days and 1 day before the hearing",
    legal_source_ar="سياسة البرنامج: التذكير قبل الجلسة بـ 7 أيام وبيوم واحد",
    reminder_offsets=(7 * DAY, DAY),
    escalate_after=None,
)
register_kind(
    APPEAL,
    label_en="Cassation appeal period ends",
    label_ar="انتهاء مدة الطعن تمييزاً",
    legal_source=(
        "CPC 23/1971: 30 days after the verdict (article unverified; one source says 15 days in "
        "another court); the figure is the sentence rule set's"
    ),
    legal_source_ar=(
        "قانون أصول المحاكمات الجزائية 23 لسنة 1971: 30 يوماً بعد الحكم (المادة غير "
        "مدققة؛ يذكر مصدر 15 يوماً أمام محكمة أخرى)؛ المدة من مجموعة قواعد العقوبات"
    ),
    reminder_offsets=(7 * DAY, DAY),
    escalate_after=None,
)
register_kind(
    AUTO_CASSATION,
    label_en="Death or life sentence to be sent to cassation",
    label_ar="إرسال حكم الإعدام أو السجن المؤبد إلى محكمة التمييز",
    legal_source="CPC 23/1971: automatic cassation within 10 days (article unverified)",
    legal_source_ar=(
        "قانون أصول المحاكمات الجزائية 23 لسنة 1971: الإرسال إلى "
        "محكمة التمييز تلقائياً خلال 10 أيام (المادة غير مدققة)"
    ),
    reminder_offsets=(3 * DAY, DAY),
    escalate_after=dt.timedelta(0),
)
register_kind(
    COMMUTATION,
    label_en="Commutation request waiting for a decision",
    label_ar="طلب تخفيف العقوبة بانتظار القرار",
    legal_source="Programme policy: a decision within 30 days of the request",
    legal_source_ar="سياسة البرنامج: القرار خلال 30 يوماً من الطلب",
    duration=30 * DAY,
    reminder_offsets=(7 * DAY, DAY),
    escalate_after=dt.timedelta(0),
)
register_kind(
    CONDITIONAL_RELEASE,
    label_en="Eligible for conditional release",
    label_ar="استحقاق الإفراج الشرطي",
    legal_source=(
        "CPC 23/1971 Art. 331: three quarters of the sentence (two thirds for a juvenile), at "
        "least six months served; notice 30 days before: programme policy"
    ),
    legal_source_ar=(
        "قانون أصول المحاكمات الجزائية 23 لسنة 1971 م 331: ثلاثة أرباع مدة العقوبة "
        "(ثلثاها للحدث)، وستة أشهر منفذة في الأقل؛ الإشعار قبل 30 يوماً: سياسة البرنامج"
    ),
    reminder_offsets=(30 * DAY, 7 * DAY),
    escalate_after=None,
)
register_kind(
    RELEASE,
    label_en="Expected release",
    label_ar="موعد الإطلاق المتوقع",
    legal_source="The sentence's end; notice 30 days before: programme policy",
    legal_source_ar="انتهاء مدة العقوبة؛ الإشعار قبل 30 يوماً: سياسة البرنامج",
    reminder_offsets=(30 * DAY, 7 * DAY),
    escalate_after=dt.timedelta(0),
)
