"""The matcher's reasons ("why they were proposed") in the reader's language.

The matcher (``names.score``) is a pure function that explains itself in fixed English phrases,
and its reasons are stored as they were given (``DuplicateCandidate.reasons``): part codes
(``given``, ``birth_year``), verdict codes (``agree``, ``differ``) and a detail such as
"Abdallah ≈ عبد الله (same skeleton ABDL)". They are translated here, at display time: the codes
through a table of labels, the details by recognising the matcher's few phrases. Names, years and
skeletons (ABDL: the consonants the comparison reads) are kept as they are; a detail in no known
phrase is shown unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

PARTS = {
    "given": _("given name"),
    "father": _("father's name"),
    "grandfather": _("grandfather's name"),
    "family": _("family name"),
    "mother": _("mother's name"),
    "kunya": _("kunya"),
    "alias": _("another name"),
    "birth_year": _("year of birth"),
    "governorate": _("governorate"),
    "tribe": _("tribe"),
}

VERDICTS = {
    "agree": _("agree"),
    "similar": _("similar"),
    "differ": _("differ"),
    "missing": _("not on both records"),
}


def part_label(code: str) -> str:
    return str(PARTS.get(code, code))


def _parts(listed: str) -> str:
    return ", ".join(part_label(p.strip()) for p in listed.split(",") if p.strip())


def _years_apart(m: re.Match) -> str:
    count = int(m["d"])
    return ngettext(
        "%(a)s / %(b)s: %(count)d year apart", "%(a)s / %(b)s: %(count)d years apart", count
    ) % {"a": m["a"], "b": m["b"], "count": count}


_PHRASES: list[tuple[re.Pattern, Callable[[re.Match], str]]] = [
    (
        re.compile(r"^(?P<a>.+) ≈ (?P<b>.+) \(same skeleton (?P<s>[^()]+)\)$"),
        lambda m: (
            gettext("%(a)s ≈ %(b)s (same skeleton %(skeleton)s)")
            % {"a": m["a"], "b": m["b"], "skeleton": m["s"]}
        ),
    ),
    (
        re.compile(
            r"^(?P<a>.+) ≠ (?P<b>.+) \(skeleton (?P<s>[^(),]+), but the vowels or letters differ\)$"
        ),
        lambda m: (
            gettext("%(a)s ≠ %(b)s (skeleton %(skeleton)s, but the vowels or letters differ)")
            % {"a": m["a"], "b": m["b"], "skeleton": m["s"]}
        ),
    ),
    (re.compile(r"^(?P<a>\d+) / (?P<b>\d+): (?P<d>\d+) years? apart$"), _years_apart),
    (
        re.compile(r"^alias «(?P<a>.*)» ≈ alias «(?P<b>.*)» \((?P<parts>[^()]*)\)$"),
        lambda m: (
            gettext("other name «%(a)s» ≈ other name «%(b)s» (%(parts)s)")
            % {"a": m["a"], "b": m["b"], "parts": _parts(m["parts"])}
        ),
    ),
    (
        re.compile(r"^alias «(?P<a>.*)» of the first record ≈ the other's (?P<parts>.*)$"),
        lambda m: (
            gettext("other name «%(a)s» of the first record ≈ the other's %(parts)s")
            % {"a": m["a"], "parts": _parts(m["parts"])}
        ),
    ),
    (
        re.compile(r"^alias «(?P<a>.*)» of the second record ≈ the other's (?P<parts>.*)$"),
        lambda m: (
            gettext("other name «%(a)s» of the second record ≈ the other's %(parts)s")
            % {"a": m["a"], "parts": _parts(m["parts"])}
        ),
    ),
    (
        re.compile(r"^(?P<part>[a-z_ ]+): not on both records$"),  # "birth year", "kunya"
        lambda m: (
            gettext("%(part)s: not on both records")
            % {"part": part_label(m["part"].replace(" ", "_"))}
        ),
    ),
]
_NOT_COUNTED = re.compile(r"^(?P<detail>.*); not counted: matched through an alias$")


def detail_text(detail: str) -> str:
    """A reason's detail in the active language (unchanged when in no known phrase)."""
    m = _NOT_COUNTED.match(detail)
    if m:
        return gettext("%(detail)s; not counted: matched through an alias") % {
            "detail": detail_text(m["detail"])
        }
    for pattern, render in _PHRASES:
        m = pattern.match(detail)
        if m:
            return render(m)
    return detail


def readable(reasons: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Stored reasons as the reader says them: part, verdict and detail translated, the codes
    kept beside them (``verdict_code``) for the template's choices."""
    return [
        {
            "part": part_label(r.get("part", "")),
            "verdict": str(VERDICTS.get(r.get("verdict", ""), r.get("verdict", ""))),
            "verdict_code": r.get("verdict", ""),
            "detail": detail_text(r.get("detail", "")),
            "weight": r.get("weight"),
        }
        for r in reasons
    ]
