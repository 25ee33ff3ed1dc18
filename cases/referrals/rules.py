"""Pure rules of a referral: its lifecycle and how a source is shown."""

from __future__ import annotations

import secrets

from .models import Referral

S = Referral.Status

ALLOWED_MOVES: dict[str, frozenset[str]] = {
    S.RECEIVED: frozenset({S.ASSESSING, S.CONTACT, S.CLOSED}),
    S.ASSESSING: frozenset({S.CONTACT, S.CLOSED}),
    S.CONTACT: frozenset({S.ARRANGED, S.CLOSED}),
    S.ARRANGED: frozenset({S.CONTACT, S.CLOSED}),
    S.SURRENDERED: frozenset(),
    S.CLOSED: frozenset(),
}
#: SURRENDERED is reached only by recording the surrender (which links the case).
OPEN = frozenset({S.RECEIVED, S.ASSESSING, S.CONTACT, S.ARRANGED})

#: Letters of a code name: no 0/O or 1/I to misread over a phone.
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def can_move(frm: str, to: str) -> bool:
    return to in ALLOWED_MOVES.get(frm, frozenset())


def new_code_name() -> str:
    """A random code name for a source, e.g. ``SRC-7QK3M``: it says nothing about him."""
    return "SRC-" + "".join(secrets.choice(_ALPHABET) for _ in range(5))
