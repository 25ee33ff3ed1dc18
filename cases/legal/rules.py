"""Pure rules of the law as the programme counts it: penalties in months.

Plain functions of plain values, tested with tables of cases.
"""

from __future__ import annotations

from collections.abc import Iterable

DEATH = "death"
LIFE = "life"
TEMPORARY = "temporary"
IMPRISONMENT = "imprisonment"
FINE = "fine"

#: Life imprisonment is twenty years (Penal Code 111/1969 Art. 87); a death sentence counts as
#: life where a length is needed (the detention cap of CPC Art. 109).
LIFE_MONTHS = 240
#: Upper limits of the two kinds of imprisonment when the article sets none of its own: temporary
#: imprisonment (sijn) more than 5 up to 15 years, imprisonment (habs) up to 5 years.
TEMPORARY_MONTHS = 180
IMPRISONMENT_MONTHS = 60


def max_months(penalty: str, months: int | None) -> int | None:
    """The heaviest penalty of an article in months: life and death 240, a term its own limit
    (or the scale's upper limit), a fine 0 (no custody); None when the penalty is not known."""
    if penalty in (DEATH, LIFE):
        return LIFE_MONTHS
    if penalty == TEMPORARY:
        return months if months is not None else TEMPORARY_MONTHS
    if penalty == IMPRISONMENT:
        return months if months is not None else IMPRISONMENT_MONTHS
    if penalty == FINE:
        return 0
    return None


def heaviest(months: Iterable[int | None]) -> int | None:
    """The heaviest of the known penalties (None when none is known, as for a case without a
    charge): what caps his pre-trial detention."""
    known = [m for m in months if m is not None]
    return max(known) if known else None
