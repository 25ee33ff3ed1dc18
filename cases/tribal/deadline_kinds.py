"""The kinds of deadline of the tribal track (registered at start-up; figures editable in the
admin). Each is set by the record that opens it: no fixed duration."""

from __future__ import annotations

import datetime as dt

from cases.deadlines.registry import register_kind

PANEL_SITTING = "tribal.panel_sitting"
GUARANTEE_REPORT = "tribal.guarantee_report"
FOLLOW_UP_VISIT = "tribal.follow_up_visit"

DAY = dt.timedelta(days=1)

register_kind(
    PANEL_SITTING,
    label_en="Panel sitting",
    label_ar="جلسة لجنة العفو العشائري",
    legal_source="Programme practice: panels of officers and tribal leaders hear petitions",
    legal_source_ar="ممارسة البرنامج: لجان من الضباط وشيوخ العشائر تنظر في الطلبات",
    reminder_offsets=(7 * DAY, DAY),
    escalate_after=DAY,
    source_verified=True,
)
register_kind(
    GUARANTEE_REPORT,
    label_en="Returnee reports under his guarantee",
    label_ar="مراجعة المكفول حسب شروط الكفالة",
    legal_source="The terms of the guarantee (kafala) given for the returnee",
    legal_source_ar="شروط الكفالة المعطاة للعائد",
    reminder_offsets=(2 * DAY, DAY),
    escalate_after=2 * DAY,
    source_verified=True,
)
register_kind(
    FOLLOW_UP_VISIT,
    label_en="Follow-up visit to a returnee",
    label_ar="زيارة متابعة للعائد",
    legal_source="Programme policy: a case worker visits the returnee until reintegration",
    legal_source_ar="سياسة البرنامج: يزور الباحث الاجتماعي العائد حتى إعادة إدماجه",
    reminder_offsets=(3 * DAY, DAY),
    escalate_after=3 * DAY,
    source_verified=True,
)
