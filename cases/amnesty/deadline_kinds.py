"""The kinds of deadline the amnesty app opens (registered at start-up; figures editable in the
admin afterwards, with their source)."""

from __future__ import annotations

import datetime as dt

from cases.deadlines.registry import register_kind

WINDOW_CLOSE = "amnesty.window_close"
CONDITION_DUE = "amnesty.condition_due"

DAY = dt.timedelta(days=1)

register_kind(
    WINDOW_CLOSE,
    label_en="Amnesty window closes for an absent member",
    label_ar="انتهاء مهلة العفو لمنتسب غائب",
    legal_source=(
        "The decree's window (2015 deserters: 30 days from the decision, Council of Ministers "
        "decision of April 2015, text to verify); reminders 7 days and 1 day before: programme "
        "policy"
    ),
    legal_source_ar=(
        "مهلة القرار (فارّو 2015: 30 يوماً من تاريخ القرار، قرار مجلس الوزراء في "
        "نيسان 2015، النص قيد التدقيق)؛ التذكير قبل 7 أيام وقبل يوم واحد: سياسة البرنامج"
    ),
    reminder_offsets=(7 * DAY, DAY),
    escalate_after=7 * DAY,
)
register_kind(
    CONDITION_DUE,
    label_en="Amnesty condition due (waiver, payment of civil claims)",
    label_ar="موعد استيفاء شرط العفو (التنازل، تسديد الالتزامات المالية)",
    legal_source=(
        "Law 27/2016 as amended in 2017: waiver by the complainant or victim's family and "
        "payment of civil claims (text to verify); the date is the one set for the application"
    ),
    legal_source_ar=(
        "قانون العفو العام 27 لسنة 2016 المعدل سنة 2017: تنازل المشتكي أو "
        "ذوي المجني عليه وتسديد الالتزامات المالية (النص قيد التدقيق)؛ الموعد هو المحدد للطلب"
    ),
    reminder_offsets=(7 * DAY, DAY),
    escalate_after=DAY,
)
