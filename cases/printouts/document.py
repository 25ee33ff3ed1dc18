"""The printed case file as a document: its context, its HTML in one language, its PDF.

Everything is rendered under ``translation.override(language)``: labels, choices, the offence
references, units and governorates, dates (Django's formats of the language), the legal sources
of the rules (``rule.source``), the sentence labels, which are recomputed from the stored figures
(``{% load courts %}``'s ``sentence_label``) rather than copied from the language of the user who
recorded them, and the calculator's lines, kept in every language. Free text written by users
(reasons, notes) is printed as written.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .selectors import CaseFile

if TYPE_CHECKING:
    from .pdf import StaticOnlyFetcher

LANGUAGES = ("ar", "en")
#: Put in place of an identifier the document must not show, wherever free text carried it.
WITHHELD = "[…]"


def language_of(requested: str | None, default: str | None) -> str:
    """``ar`` or ``en``: the one asked for (``?lang=``), else the user's, else English."""
    for candidate in (requested, default):
        code = (candidate or "").lower()[:2]
        if code in LANGUAGES:
            return code
    return "en"


@dataclass(frozen=True)
class PrintedLine:
    """One line of the commutation calculator's reasoning."""

    title: str
    applies: bool
    explanation: str
    source: str


def _release(data: dict[str, Any] | None) -> dt.date | None:
    """The release date of a sentence as it stood before or after a change."""
    release = (data or {}).get("release_on")
    return dt.date.fromisoformat(release) if release else None


def _lines(commutation, through_referral: bool) -> list[PrintedLine]:
    """The calculator's lines in the print language (rows asked before the lines carried every
    language print their stored words), with the referral behind a voluntary surrender named
    only as "voluntary, through a referral" (the stored line names the referral's number)."""
    language = (translation.get_language() or "en").split("-")[0]
    facts = commutation.facts or {}
    evidence = str(
        (facts.get("surrender_evidence_i18n") or {}).get(language)
        or facts.get("surrender_evidence")
        or ""
    )
    instead = _("voluntary, through a referral")
    lines = []
    for stored in commutation.lines or []:
        line = {**stored, **(stored.get("i18n") or {}).get(language, {})}
        explanation = str(line.get("explanation", ""))
        if through_referral and evidence:
            explanation = explanation.replace(f" ({evidence})", f" ({instead})")
        # The arrows ("→", and "←" in the Arabic lines) are in no vendored font; "»" is, and
        # is mirrored in a right-to-left line.
        explanation = explanation.replace("→", "»").replace("←", "»")
        lines.append(
            PrintedLine(
                title=str(line.get("title", "")),
                applies=bool(line.get("applies")),
                explanation=explanation,
                source=str(line.get("source", "")),
            )
        )
    return lines


def context_for(case_file: CaseFile, *, printed_by: str, printed_at: dt.datetime) -> dict:
    """The template's context, in the active language."""
    court = case_file.court
    commutations = [
        {"item": m, "lines": _lines(m, case_file.through_referral)}
        for m in sorted(court.get("commutations", []), key=lambda m: (m.requested_at, m.pk))
    ]
    changes = [
        {"change": c, "released_before": _release(c.before), "released_after": _release(c.after)}
        for c in court.get("changes", [])
    ]
    page = format_html(
        _("Page {page} of {pages}"),
        page=mark_safe('<span class="page-number"></span>'),
        pages=mark_safe('<span class="page-count"></span>'),
    )
    return {
        "f": case_file,
        "case": case_file.case,
        "person": case_file.case.person,
        "intake": case_file.intake,
        "court": court,
        "findings": court.get("findings", []),
        "commutations": commutations,
        "changes": changes,
        "printed_by": printed_by,
        "printed_at": timezone.localtime(printed_at),
        "page_of": page,
    }


def render_html(case_file: CaseFile, *, language: str, printed_by: str, printed_at) -> str:
    """The document's HTML in ``language``, with the withheld identifiers struck out."""
    with translation.override(language):
        html = render_to_string(
            "printouts/case_file.html",
            {
                **context_for(case_file, printed_by=printed_by, printed_at=printed_at),
                "language": language,
                "direction": "rtl" if language == "ar" else "ltr",
            },
        )
    return withhold(html, case_file.withheld)


def withhold(html: str, identifiers: tuple[str, ...]) -> str:
    """``html`` without any of ``identifiers``: the last guard for free text (a judge's reasons,
    a note) that named a referral or its source's code name. Case-insensitive."""
    for identifier in identifiers:
        for form in {identifier, escape(identifier)}:
            html = re.sub(re.escape(form), WITHHELD, html, flags=re.IGNORECASE)
    return html


def render_case_file(
    case_file: CaseFile,
    *,
    language: str,
    printed_by: str,
    printed_at: dt.datetime | None = None,
    fetcher: StaticOnlyFetcher | None = None,
) -> bytes:
    """The PDF of the case file in ``language`` (``ar``: right to left)."""
    html = render_html(
        case_file,
        language=language,
        printed_by=printed_by,
        printed_at=printed_at or timezone.now(),
    )
    # WeasyPrint loads Pango when imported: only the print itself needs it, not the whole site.
    from .pdf import render_pdf

    return render_pdf(html, fetcher=fetcher)
