"""The access log's hash chain: pure functions over plain values.

Each entry's hash is HMAC-SHA256, keyed with ``AUDIT_CHAIN_KEY``, over the previous entry's hash
and the entry's own fields in a canonical form. The first entry chains to :data:`GENESIS`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64

#: The fields covered by the hash, in order. Adding one is a change to the chain's format.
CHAINED_FIELDS = (
    "id",
    "at",
    "user_id",
    "username",
    "action",
    "content_type_id",
    "object_id",
    "object_label",
    "governorate_id",
    "ip_address",
    "user_agent",
    "path",
    "reason",
)


def canonical(values: Mapping[str, Any]) -> bytes:
    """The bytes that are hashed for one entry: its chained fields as sorted, compact JSON."""
    data = {}
    for name in CHAINED_FIELDS:
        value = values.get(name)
        if isinstance(value, datetime):
            value = value.astimezone(UTC).isoformat(timespec="microseconds")
        data[name] = value
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def digest(key: str, prev_hash: str, values: Mapping[str, Any]) -> str:
    mac = hmac.new(key.encode(), digestmod=hashlib.sha256)
    mac.update(prev_hash.encode())
    mac.update(b"|")
    mac.update(canonical(values))
    return mac.hexdigest()


@dataclass(frozen=True)
class Break:
    """The first entry where the chain does not hold, and why."""

    entry_id: int
    reason: str


def verify(key: str, entries: Iterable[Mapping[str, Any]], start: str = GENESIS) -> Iterator[Break]:
    """Yield a :class:`Break` for each entry (in id order) whose link or content is wrong.

    ``prev_hash`` not equal to the previous entry's hash means an entry before it was removed or
    inserted; ``hash`` not equal to the recomputed one means the entry itself was changed.
    """
    expected_prev = start
    for values in entries:
        if values["prev_hash"] != expected_prev:
            yield Break(values["id"], "link")
        elif not hmac.compare_digest(values["hash"], digest(key, values["prev_hash"], values)):
            yield Break(values["id"], "content")
        expected_prev = values["hash"]
