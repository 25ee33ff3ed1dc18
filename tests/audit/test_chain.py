"""The hash chain as pure functions: a table of tamperings, each detected."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cases.audit import chain

KEY = "k" * 32


def _entries(n: int) -> list[dict]:
    entries, prev = [], chain.GENESIS
    for i in range(1, n + 1):
        values = {
            "id": i,
            "at": datetime(2026, 11, 20, 8, i, tzinfo=UTC),
            "user_id": 7,
            "username": "officer",
            "action": "view",
            "content_type_id": 3,
            "object_id": str(100 + i),
            "object_label": f"ANB-2017-{i:05d}",
            "governorate_id": 9,
            "ip_address": "10.1.2.3",
            "user_agent": "Firefox",
            "path": f"/cases/{100 + i}/",
            "reason": "",
        }
        values["prev_hash"] = prev
        values["hash"] = prev = chain.digest(KEY, prev, values)
        entries.append(values)
    return entries


def test_an_intact_chain_has_no_break():
    assert list(chain.verify(KEY, _entries(5))) == []


@pytest.mark.parametrize(
    ("tamper", "broken_id", "reason"),
    [
        (lambda e: e[2].update(username="someone_else"), 3, "content"),
        (lambda e: e[2].update(object_id="999"), 3, "content"),
        (lambda e: e[0].update(at=datetime(2026, 1, 1, tzinfo=UTC)), 1, "content"),
        (lambda e: e.pop(2), 4, "link"),
        (lambda e: e.insert(2, dict(e[1], id=99)), 99, "link"),
    ],
    ids=["changed user", "changed record", "changed time", "deleted entry", "inserted entry"],
)
def test_each_tampering_is_found_at_the_right_entry(tamper, broken_id, reason):
    entries = _entries(5)
    tamper(entries)
    first = next(chain.verify(KEY, entries))
    assert (first.entry_id, first.reason) == (broken_id, reason)


def test_recomputing_a_changed_entry_without_the_key_does_not_help():
    entries = _entries(3)
    entries[1]["username"] = "forged"
    entries[1]["hash"] = chain.digest("wrong-key", entries[1]["prev_hash"], entries[1])
    assert next(chain.verify(KEY, entries)).entry_id == 2
