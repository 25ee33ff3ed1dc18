"""Blocking keys: the short strings stored with each person so that candidates are found by an
index lookup, never by scanning every person.

Every key pairs two parts of the name chain by their skeletons ("g:MHMD|f:ABDL": given name
Mohammed, father Abdullah), so that two records of one man share a key whichever parts each
happens to have (given + father, given + grandfather, given + family, father + grandfather,
father + family, given + mother) while a key of a single common name, which would gather
thousands, is never made. The exception is the kunya ("k:ABAMR": Abu Omar), which is often all a
wanted list knows. Aliases that are full names give the same keys as the name chain.
"""

from __future__ import annotations

from .parts import NameForm, NameParts, alias_forms, kunya_forms, primary_form
from .skeleton import skeleton_variants

__all__ = ["name_keys"]

_PAIRS = (
    ("given", "g", "father", "f"),
    ("given", "g", "grandfather", "gf"),
    ("given", "g", "family", "n"),
    ("father", "f", "grandfather", "gf"),
    ("father", "f", "family", "n"),
)


def _chain_keys(form: NameForm, mother: str) -> set[str]:
    sk = {part: skeleton_variants(text) if text.strip() else set() for part, text in form.items()}
    keys = {
        f"{ta}:{x}|{tb}:{y}" for a, ta, b, tb in _PAIRS for x in sk[a] for y in sk[b] if x and y
    }
    if mother.strip():
        keys |= {f"g:{x}|m:{y}" for x in sk["given"] for y in skeleton_variants(mother) if x and y}
    return keys


def name_keys(parts: NameParts) -> set[str]:
    """The blocking keys of one record; a candidate is any person sharing at least one."""
    keys = _chain_keys(primary_form(parts), parts.mother)
    for form in alias_forms(parts):
        keys |= _chain_keys(form, "")
    for kunya, nisba in kunya_forms(parts):
        for k in skeleton_variants(kunya):
            keys.add(f"k:{k}")
            keys |= {f"k:{k}|n:{n}" for n in (skeleton_variants(nisba) if nisba else ())}
    return keys
