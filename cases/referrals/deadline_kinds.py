"""The kinds of deadline a referral opens (figures editable in the admin)."""

from __future__ import annotations

import datetime as dt

from cases.deadlines.registry import register_kind

CONTACT_72H = "referrals.contact_72h"
FOLLOW_UP = "referrals.follow_up"

register_kind(
    CONTACT_72H,
    label_en="Contact the referral's source",
    label_ar="التواصل مع مصدر الإحالة",
    legal_source="Programme policy: contact within 72 hours of the referral",
    legal_source_ar="سياسة البرنامج: التواصل خلال 72 ساعة من الإحالة",
    duration=dt.timedelta(hours=72),
    reminder_offsets=(dt.timedelta(hours=24), dt.timedelta(hours=4)),
    escalate_after=dt.timedelta(0),
    source_verified=True,
)
register_kind(
    FOLLOW_UP,
    label_en="Follow up a referral until he surrenders",
    label_ar="متابعة الإحالة حتى التسليم",
    legal_source="Programme policy: follow-up every 7 days while the subject has not surrendered",
    legal_source_ar="سياسة البرنامج: المتابعة كل 7 أيام ما دام المعني لم يسلّم نفسه",
    duration=dt.timedelta(days=7),
    reminder_offsets=(dt.timedelta(days=1),),
    escalate_after=dt.timedelta(days=2),
    source_verified=True,
)
