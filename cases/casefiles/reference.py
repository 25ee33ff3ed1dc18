"""Reference figures the case file needs from its first day (editable in the admin after)."""

from __future__ import annotations

import datetime as dt


def ensure_custody_rule(custody_rule_model) -> None:
    """The first custody rule, CPC 23/1971 Art. 109, unless one exists. Used by migration 0003
    and after every migrate (a flushed test database gets it back)."""
    if custody_rule_model.objects.exists():
        return
    custody_rule_model.objects.create(
        effective_from=dt.date(1971, 1, 1),
        max_order_days=15,
        max_total_days=180,
        max_share_of_penalty="0.250",
        legal_source=(
            "CPC 23/1971 Art. 109: each detention order at most 15 days; in all at most a "
            "quarter of the maximum penalty and six months, unless the felony court extends"
        ),
        source_verified=False,
    )
