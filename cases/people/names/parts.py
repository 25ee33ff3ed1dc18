"""A person's name as its parts, and the alternative forms it is known by (kunya, aliases)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .arabic import arabic_tokens, is_arabic
from .latin import latin_tokens

__all__ = ["NameForm", "NameParts", "alias_forms", "kunya_forms", "primary_form", "tokens"]


@dataclass(frozen=True)
class NameParts:
    """The parts of one record of a person's name, each as entered, in either script.

    The Iraqi name chain is the given name, the father's and the grandfather's given names and
    the family or tribe name (laqab or nisba: الدليمي, al-Dulaimi); the mother's given name is
    the standard distinguishing part of Iraqi identification. The kunya is the name "father of
    …" (أبو عمر, Abu Omar; Umm … for a woman) by which many men, and fighters in particular,
    are known; ``aliases`` are other full names or noms de guerre, in any script.
    """

    given: str = ""
    father: str = ""
    grandfather: str = ""
    family: str = ""
    mother: str = ""
    kunya: str = ""
    aliases: tuple[str, ...] = ()
    birth_year: int | None = None
    governorate: str = ""  # three-letter code such as "ANB"
    tribe: str = ""


@dataclass(frozen=True)
class NameForm:
    """One way of naming the person: the name chain, from his record or from an alias."""

    given: str = ""
    father: str = ""
    grandfather: str = ""
    family: str = ""
    source: str = ""  # "" for the record's own name, else the alias it was read from

    PARTS = ("given", "father", "grandfather", "family")

    def items(self) -> list[tuple[str, str]]:
        return [(p, getattr(self, p)) for p in self.PARTS]


_KUNYA_HEADS = frozenset(
    {"ابو", "ابا", "ابي", "ام", "abu", "abou", "abo", "aboo", "abul", "umm", "um", "om", "oum"}
)


def tokens(text: str) -> list[str]:
    """Normalised tokens of a name in either script (Arabic keeps ة and ى for the skeleton)."""
    if is_arabic(text):
        return arabic_tokens(text, keep_final_forms=True)
    return latin_tokens(text)


def split_kunya(text: str) -> tuple[str, str] | None:
    """("ابو عمر", "دليمي") for "أبو عمر الدليمي"; None if ``text`` is not a kunya."""
    toks = tokens(text)
    if len(toks) < 2 or toks[0] not in _KUNYA_HEADS:
        return None
    head = "ابو" if toks[0] in ("ابو", "ابا", "ابي") else toks[0]
    if head in ("abou", "abo", "aboo", "abul"):
        head = "abu"
    return f"{head} {toks[1]}", " ".join(toks[2:])


def kunya_forms(p: NameParts) -> list[tuple[str, str]]:
    """(kunya, nisba) for the kunya and every alias that is a kunya."""
    out = []
    for text in (p.kunya, *p.aliases):
        if text.strip():
            k = split_kunya(text)
            if k is not None:
                out.append(k)
            elif text is p.kunya:  # a kunya field without "Abu": a nickname, compare as is
                out.append((" ".join(tokens(text)), ""))
    return out


def primary_form(p: NameParts) -> NameForm:
    """The record's own name chain; a nisba given with the kunya stands in for a family name."""
    family = p.family
    if not family.strip():
        family = next((nisba for _, nisba in kunya_forms(p) if nisba), "")
    return NameForm(p.given, p.father, p.grandfather, family)


_LATIN_ARTICLE_LAST = re.compile(
    r"(?:^|\s)(?:al|el|a[dtrzsn]|ash|ath|adh)[\s-]+\S+\s*$|(?:^|\s)al[^aeiouwyl\s]\S{2,}\s*$",
    re.IGNORECASE,
)


def _has_family_marker(text: str) -> bool:
    """Whether the last word of a full name carries the article: a family or tribe name."""
    words = text.split()
    if not words:
        return False
    if is_arabic(text):
        last = words[-1].replace("آ", "ا")
        return last.startswith("ال") or (len(words) >= 2 and words[-2] in ("ال", "آل"))
    return bool(_LATIN_ARTICLE_LAST.search(text))


def alias_forms(p: NameParts) -> list[NameForm]:
    """The aliases that are full names, read as a name chain.

    "Mohammed Abdullah Hamad al-Dulaimi" is given, father, grandfather, family; without the
    article the last of three words is the grandfather; four words end with the family name.
    """
    out = []
    for text in p.aliases:
        if not text.strip() or split_kunya(text) is not None:
            continue
        toks = tokens(text)
        if len(toks) < 2:
            continue
        family = ""
        if len(toks) >= 3 and (_has_family_marker(text) or len(toks) >= 4):
            family = toks.pop()
        given, father, *rest = toks
        out.append(NameForm(given, father, rest[0] if rest else "", family, source=text))
    return out
