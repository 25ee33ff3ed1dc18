"""Scoring two records of a name: is this the same man?

The score adds up evidence the way record linkage does (Fellegi-Sunter): each part of the name
that both records carry contributes a weight, positive when the parts agree and negative when
they differ, roughly the log of how much more often the observation is seen for one man than for
two; a part that one record lacks contributes nothing. The sum, with a prior against any two
records being one man, goes through the logistic function to a score in 0..1.

The weights follow how Iraqi names work:

* the given name and the father's name are the core: brothers share everything but the given
  name, cousins the grandfather and the family, so a different given or father's name is close
  to conclusive, and agreeing on a very common name (محمد, أحمد, علي) proves less;
* the mother's name, when both records have it, separates namesakes, which a full four-part
  name does not always do;
* the kunya (Abu Omar) and full-name aliases are other routes to the same man; an alias is
  tried as a name chain against the other record's, and the better reading counts;
* a birth year within two years agrees (they are often estimated); ten years apart is strong
  evidence against; governorate and tribe lend weak support.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from .parts import NameForm, NameParts, alias_forms, kunya_forms, primary_form
from .skeleton import AGREE, compare, skeleton

__all__ = ["MATCH_THRESHOLD", "Match", "Reason", "rank", "score"]

#: The score at and above which two records are proposed as the same person. Chosen on the
#: labelled set (tests/people/data/name_pairs.csv): there, every top candidate at or above it is
#: the right man and every hard non-match (brothers, cousins, namesakes) stays below it, while
#: about 85% of the true pairs reach it. A kunya alone ("Abu Omar") never does: it is shared by
#: too many men to be more than a candidate for an officer to look at.
MATCH_THRESHOLD = 0.8

_PRIOR = -6.0  # log-odds that two records sharing a blocking key are one man, before evidence

# part: (weight when the parts agree, weight when they clearly differ)
_WEIGHTS = {
    "given": (5.0, -12.0),
    "father": (4.0, -10.0),
    "grandfather": (3.0, -5.0),
    "family": (2.5, -2.0),
    "mother": (3.0, -10.0),
}
_COMMON_DISCOUNT = 0.6  # agreeing on a very common name is weaker evidence
# the given names that half the men of a province share; their skeletons
_COMMON = frozenset(
    skeleton(n)
    for n in ("محمد", "أحمد", "علي", "عمر", "حسين", "عبد الله", "خالد", "إبراهيم", "جاسم", "صالح")
)
_KUNYA = (2.0, -0.3)
_GOVERNORATE = (0.4, -0.8)
_TRIBE = (0.5, -0.5)
SIMILAR = 0.72  # from here two parts are similar (a variant, a slip); from AGREE, one name

# similarity -> share of the agreement (>0) or disagreement (<0) weight
_CURVE = ((0.0, -1.0), (0.6, -1.0), (0.67, -0.3), (0.75, 0.0), (0.8, 0.2), (0.85, 0.8), (0.95, 1.0))


@dataclass(frozen=True)
class Reason:
    """One part's contribution to a score, for the officer reading the proposal."""

    part: str  # given, father, grandfather, family, mother, kunya, alias, birth_year, ...
    verdict: str  # agree, similar, differ, missing
    weight: float  # its contribution to the score (log-odds)
    detail: str  # a short explanation, e.g. "محمد ≈ Mohammed (same skeleton MHMD)"


@dataclass(frozen=True)
class Match:
    score: float  # 0..1
    reasons: tuple[Reason, ...]

    def reason(self, part: str) -> Reason | None:
        """The reason given for ``part`` ("given", "mother", "alias", ...), if any."""
        return next((r for r in self.reasons if r.part == part), None)


def _share(sim: float) -> float:
    for (x0, y0), (x1, y1) in itertools.pairwise(_CURVE):
        if sim <= x1:
            return y0 + (y1 - y0) * (sim - x0) / (x1 - x0)
    return 1.0


def _verdict(sim: float) -> str:
    return "agree" if sim >= AGREE else "similar" if sim >= SIMILAR else "differ"


def _weigh(sim: float, agree: float, differ: float) -> float:
    s = _share(sim)
    return s * agree if s >= 0 else -s * differ


@lru_cache(maxsize=20000)
def _skel(text: str) -> str:
    return skeleton(text).replace(" ", "")


def _explain(a: str, b: str, sim: float) -> str:
    ska, skb = _skel(a), _skel(b)
    if sim >= AGREE:
        how = f"same skeleton {ska}" if ska == skb else f"{ska} ≈ {skb}"
        return f"{a} ≈ {b} ({how})"
    if ska == skb:
        return f"{a} ≠ {b} (skeleton {ska}, but the vowels or letters differ)"
    sign = "~" if sim >= SIMILAR else "≠"
    return f"{a} {sign} {b} ({ska} / {skb})"


def _part(part: str, a: str, b: str, agree: float, differ: float) -> Reason:
    if not a.strip() or not b.strip():
        return Reason(part, "missing", 0.0, f"{part}: not on both records")
    sim = compare(a, b)
    return Reason(part, _verdict(sim), round(_weigh(sim, agree, differ), 3), _explain(a, b, sim))


def _chain(fa: NameForm, fb: NameForm) -> tuple[float, list[Reason], int]:
    """The name chain compared part by part: total weight, reasons, parts compared."""
    reasons = []
    for part, a in fa.items():
        b = getattr(fb, part)
        agree, differ = _WEIGHTS[part]
        if part != "family" and a.strip() and _skel(a) in _COMMON:
            agree *= _COMMON_DISCOUNT
        reasons.append(_part(part, a, b, agree, differ))
    compared = sum(r.verdict != "missing" for r in reasons)
    return sum(r.weight for r in reasons), reasons, compared


def _names(a: NameParts, b: NameParts) -> list[Reason]:
    """The name chains, the record's own or read from an alias, whichever match best."""
    pa, pb = primary_form(a), primary_form(b)
    total, reasons, _ = _chain(pa, pb)
    best: tuple[float, NameForm, NameForm, list[Reason]] | None = None
    for fa in [pa, *alias_forms(a)]:
        for fb in [pb, *alias_forms(b)]:
            if fa is pa and fb is pb:
                continue
            t, rs, n = _chain(fa, fb)
            if n >= 2 and t > max(total, 0.0) and (best is None or t > best[0]):
                best = (t, fa, fb, rs)
    if best is None:
        return reasons
    t, fa, fb, rs = best
    agreed = ", ".join(r.part for r in rs if r.verdict in ("agree", "similar"))
    if fa.source and fb.source:
        detail = f"alias «{fa.source}» ≈ alias «{fb.source}» ({agreed})"
    elif fa.source:
        detail = f"alias «{fa.source}» of the first record ≈ the other's {agreed}"
    else:
        detail = f"alias «{fb.source}» of the second record ≈ the other's {agreed}"
    superseded = [
        r
        if r.verdict == "missing"
        else Reason(r.part, r.verdict, 0.0, f"{r.detail}; not counted: matched through an alias")
        for r in reasons
    ]
    verdict = "agree" if all(r.verdict != "differ" for r in rs if r.weight) else "similar"
    return [*superseded, Reason("alias", verdict, round(t, 3), detail)]


def _kunya(a: NameParts, b: NameParts) -> Reason:
    ka, kb = kunya_forms(a), kunya_forms(b)
    if not ka or not kb:
        return Reason("kunya", "missing", 0.0, "kunya: not on both records")
    sim, x, y = max((compare(x, y), x, y) for x, _ in ka for y, _ in kb)
    return Reason("kunya", _verdict(sim), round(_weigh(sim, *_KUNYA), 3), _explain(x, y, sim))


def _birth_year(a: int | None, b: int | None) -> Reason:
    if a is None or b is None:
        return Reason("birth_year", "missing", 0.0, "birth year: not on both records")
    d = abs(a - b)
    if d <= 2:
        w, v = (1.5, 1.0, 0.5)[d], "agree"
    elif d <= 4:
        w, v = -1.5, "similar"
    elif d <= 9:
        w, v = -5.0, "differ"
    else:
        w, v = -12.0, "differ"
    return Reason("birth_year", v, w, f"{a} / {b}: {d} year{'s' * (d != 1)} apart")


def _governorate(a: str, b: str) -> Reason:
    if not a.strip() or not b.strip():
        return Reason("governorate", "missing", 0.0, "governorate: not on both records")
    same = a.strip().upper() == b.strip().upper()
    w = _GOVERNORATE[0] if same else _GOVERNORATE[1]
    return Reason(
        "governorate", "agree" if same else "differ", w, f"{a} {'=' if same else '≠'} {b}"
    )


def score(a: NameParts, b: NameParts) -> Match:
    """How likely records ``a`` and ``b`` name the same man, and why."""
    reasons = [
        *_names(a, b),
        _part("mother", a.mother, b.mother, *_WEIGHTS["mother"]),
        _kunya(a, b),
        _birth_year(a.birth_year, b.birth_year),
        _governorate(a.governorate, b.governorate),
        _part("tribe", a.tribe, b.tribe, *_TRIBE),
    ]
    total = _PRIOR + sum(r.weight for r in reasons)
    return Match(score=round(1.0 / (1.0 + math.exp(-total)), 4), reasons=tuple(reasons))


def rank(
    query: NameParts, candidates: Iterable[tuple[Hashable, NameParts]], limit: int = 5
) -> list[tuple[Hashable, Match]]:
    """The ``limit`` best candidates for ``query``, best first (ties keep the given order)."""
    scored = [(key, score(query, parts)) for key, parts in candidates]
    scored.sort(key=lambda item: item[1].score, reverse=True)
    return scored[:limit]
