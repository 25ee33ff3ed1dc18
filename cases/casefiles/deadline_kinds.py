"""The kinds of deadline a case opens (registered at start-up; figures editable in the admin)."""

from __future__ import annotations

import datetime as dt

from cases.deadlines.registry import register_kind

JUDGE_24H = "casefiles.judge_24h"
ORDER_END = "casefiles.detention_order_end"
DETENTION_CAP = "casefiles.detention_cap"

HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)

register_kind(
    JUDGE_24H,
    label_en="Papers before an investigating judge",
    label_ar="عرض الأوراق على قاضي التحقيق",
    legal_source="Constitution Art. 19/13; CPC 23/1971 Art. 123 (text unverified)",
    legal_source_ar=(
        "الدستور م 19/13؛ قانون أصول المحاكمات الجزائية 23 لسنة 1971 م 123 (النص غير مدقق)"
    ),
    duration=24 * HOUR,
    reminder_offsets=(12 * HOUR, 4 * HOUR, HOUR),
    escalate_after=dt.timedelta(0),
)
register_kind(
    ORDER_END,
    label_en="Detention order ends",
    label_ar="انتهاء أمر التوقيف",
    legal_source="CPC 23/1971 Art. 109: each order at most 15 days",
    legal_source_ar=(
        "قانون أصول المحاكمات الجزائية 23 لسنة 1971 م 109: كل أمر توقيف 15 يوماً في الأكثر"
    ),
    reminder_offsets=(2 * DAY, DAY),
    escalate_after=dt.timedelta(0),
)
register_kind(
    DETENTION_CAP,
    label_en="Total pre-trial detention limit",
    label_ar="الحد الأقصى لمجموع مدد التوقيف",
    legal_source=(
        "CPC 23/1971 Art. 109: total at most a quarter of the maximum penalty and at most "
        "six months unless the felony court extends"
    ),
    legal_source_ar=(
        "قانون أصول المحاكمات الجزائية 23 لسنة 1971 م 109: مجموع التوقيف لا يزيد "
        "على ربع الحد الأقصى للعقوبة ولا على ستة أشهر ما لم تمدده محكمة الجنايات"
    ),
    reminder_offsets=(14 * DAY, 7 * DAY, DAY),
    escalate_after=dt.timedelta(0),
)
