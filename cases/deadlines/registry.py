"""The registry of deadline kinds that domain apps extend.

A domain app declares each kind of deadline it opens, once, in its ``AppConfig.ready()``::

    register_kind(
        "casefiles.judge_24h",
        label_en="Papers before an investigating judge",
        label_ar="عرض الأوراق على قاضي التحقيق",
        legal_source="Constitution Art. 19/13; CPC 23/1971 Art. 123 (unverified text)",
        legal_source_ar="الدستور م 19/13؛ قانون أصول المحاكمات الجزائية 23 لسنة 1971 م 123",
        duration=timedelta(hours=24),
        reminder_offsets=(timedelta(hours=6), timedelta(hours=2)),
        escalate_after=timedelta(0),
    )

After every ``migrate`` the registry is copied into the database as a ``DeadlineKind`` with a first
``DeadlineRule``; from then on the figures are edited in the admin (a new rule with the date it
takes effect) and the code's defaults never overwrite them.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class KindSpec:
    code: str
    label_en: str
    label_ar: str
    legal_source: str
    duration: dt.timedelta | None
    reminder_offsets: tuple[dt.timedelta, ...]
    escalate_after: dt.timedelta | None
    source_verified: bool = False
    #: The legal source in Arabic, shown on Arabic pages (the English one when empty).
    legal_source_ar: str = ""


_KINDS: dict[str, KindSpec] = {}


def register_kind(
    code: str,
    *,
    label_en: str,
    label_ar: str,
    legal_source: str,
    duration: dt.timedelta | None = None,
    reminder_offsets: tuple[dt.timedelta, ...] = (),
    escalate_after: dt.timedelta | None = dt.timedelta(0),
    source_verified: bool = False,
    legal_source_ar: str = "",
) -> KindSpec:
    """Declare a kind of deadline. Registering the same code twice with other values is an error:
    a kind means one thing."""
    spec = KindSpec(
        code,
        label_en,
        label_ar,
        legal_source,
        duration,
        tuple(sorted(reminder_offsets, reverse=True)),
        escalate_after,
        source_verified,
        legal_source_ar,
    )
    if code in _KINDS and _KINDS[code] != spec:
        raise ValueError(f"Deadline kind {code!r} is already registered differently.")
    _KINDS[code] = spec
    return spec


def registered_kinds() -> dict[str, KindSpec]:
    return dict(_KINDS)


def sync_kinds(sender: Any = None, **kwargs: Any) -> None:
    """Create a ``DeadlineKind`` and its first rule for every registered kind not yet in the
    database. Existing kinds and rules are left as the administrators made them."""
    from .models import DeadlineKind, DeadlineRule

    using = kwargs.get("using", "default")
    for spec in _KINDS.values():
        kind, created = DeadlineKind.objects.using(using).get_or_create(
            code=spec.code,
            defaults={"label_en": spec.label_en, "label_ar": spec.label_ar},
        )
        if created or not kind.rules.exists():
            DeadlineRule.objects.using(using).create(
                kind=kind,
                effective_from=dt.date(2000, 1, 1),
                duration=spec.duration,
                reminder_offsets=[int(o.total_seconds()) for o in spec.reminder_offsets],
                escalate_after=spec.escalate_after,
                legal_source=spec.legal_source,
                legal_source_ar=spec.legal_source_ar,
                source_verified=spec.source_verified,
            )
            logger.info("deadline kind %s created from the registry", spec.code)
