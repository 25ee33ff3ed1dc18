"""Cases to print: one that came through a referral and went all the way to a commuted sentence
(several orders, weapons, charges and hearings), and the bare case of the factories."""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass

import pytest
from django.utils import timezone
from pypdf import PdfReader

from cases.accounts import roles
from cases.casefiles.services import (
    case_record_presentation,
    detention_order_add,
    weapon_add,
    weapon_custody_add,
)
from cases.courts.services import (
    Finding,
    commutation_decide,
    commutation_request,
    hearing_record_outcome,
    hearing_schedule,
    verdict_record,
)
from cases.legal.services import charge_add
from cases.referrals.services import referral_record_surrender
from tests.courts.conftest import bring_to_trial, offence
from tests.factories import UnitFactory, UserFactory, governorate
from tests.referrals.conftest import SOURCE, make_referral

#: The person of the full case: a four-part Arabic name, his mother, a Latin transliteration.
PERSON = {
    "given_name_ar": "عمر",
    "father_name_ar": "خالد",
    "grandfather_name_ar": "جاسم",
    "family_name_ar": "الدليمي",
    "mother_name_ar": "فاطمة",
    "given_name_lat": "Omar",
    "father_name_lat": "Khalid",
    "grandfather_name_lat": "Jasim",
    "family_name_lat": "al-Dulaimi",
    "national_id": "199812345678",
    "date_of_birth": dt.date(1998, 5, 10),
}


def pdf_text(pdf: bytes) -> str:
    """The text of every page as pypdf extracts it, one piece per text run, the pieces apart.

    pypdf's plain text glues neighbouring runs of a right-to-left line together (a label and its
    value in the next table cell read as one word); each run's own text is what the PDF says."""
    pieces: list[str] = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=lambda text, *_args: pieces.append(text))
        pieces.append("\n")
    return " ".join(pieces)


def pdf_fonts(pdf: bytes) -> set[str]:
    """The base names of the fonts the pages use, without the subset tag ("Caseweb-Naskh")."""
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        fonts = page["/Resources"].get("/Font", {})
        for ref in fonts.values():
            names.add(str(ref.get_object()["/BaseFont"]).lstrip("/").split("+", 1)[-1])
    return names


def shaped_letters(pdf: bytes, family: str = "Caseweb-Naskh") -> set[str]:
    """Letters that the fonts of ``family`` drew with more than one glyph: Arabic shaping draws a
    letter in its initial, medial, final or isolated form, each a glyph of its own. Text
    extraction cannot tell (every form maps back to the letter); the glyphs can. Unshaped Arabic
    (each letter in its isolated form) gives none."""
    glyphs: dict[tuple[str, str], set[str]] = {}  # (font, letter) -> its glyphs in that font
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for ref in page["/Resources"].get("/Font", {}).values():
            font = ref.get_object()
            name = str(font["/BaseFont"]).split("+", 1)[-1]
            if not name.startswith(family) or "/ToUnicode" not in font:
                continue
            cmap = font["/ToUnicode"].get_data().decode("latin-1")
            for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
                for glyph, code in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]{4})>", block):
                    glyphs.setdefault((name, chr(int(code, 16))), set()).add(glyph)
    return {
        letter
        for (_font, letter), drawn in glyphs.items()
        if len(drawn) > 1 and unicodedata.bidirectional(letter) == "AL"
    }


def words(text: str) -> list[str]:
    """The words of an extracted text, in compatibility form (presentation forms folded back to
    letters: an Arabic word extracted as its shaped glyphs reads as the word). Punctuation
    separates words: table cells come out glued together ("parts)عمر")."""
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text))


def has_phrase(text: str, phrase: str) -> bool:
    """Whether ``phrase`` appears in ``text`` word for word, in reading order. A text extracted
    letter by letter, reversed, or as missing glyphs does not contain it."""
    target = words(phrase)
    seen = words(text)
    return any(seen[i : i + len(target)] == target for i in range(len(seen) - len(target) + 1))


@dataclass
class FullCase:
    case: object
    referral: object
    judge: object
    court: object


@pytest.fixture
def felony(db):
    court = UnitFactory(
        governorate=governorate("ANB"),
        kind="felony_court",
        name_en="Anbar Felony Court",
        name_ar="محكمة جنايات الأنبار",
    )
    return court, UserFactory(unit=court, roles=[roles.JUDGE], username="judge.felony")


def build_full_case(officer, felony, *, orders=2, weapons=2, hearings=2) -> FullCase:
    """A case that came in through a referral and reached a commuted sentence."""
    court, judge = felony
    investigating = UnitFactory(
        governorate=governorate("ANB"),
        kind="investigating_court",
        name_en="Ramadi Investigating Court",
        name_ar="محكمة تحقيق الرمادي",
    )
    referral = make_referral(by=officer)
    now = timezone.now()
    case = referral_record_surrender(
        referral=referral,
        by=officer,
        person=None,
        person_data=dict(PERSON),
        aliases=["Abu Omar"],
        kind="voluntary",
        receiving_unit=officer.unit,
        intake_data={
            "at": now - dt.timedelta(days=40),
            "place": "Ramadi police station",
            "affiliation": "ISIS",
            "role": "hisbah",
            "affiliated_from": dt.date(2014, 6, 1),
            "coercion_claimed": True,
            "coercion_details": "Threatened his brothers",
            "information_given": "Named the hisbah commander of al-Qaim",
            "cooperation_given": True,
        },
    )
    presented = now - dt.timedelta(days=40) + dt.timedelta(hours=10)
    case_record_presentation(case=case, at=presented, court=investigating, by=officer)
    start = timezone.localdate() - dt.timedelta(days=39)
    for n in range(orders):
        detention_order_add(
            case=case,
            data={
                "court": investigating,
                "judge_name": "Judge Sabah",
                "order_number": f"DO-{n + 1}",
                "starts_on": start + dt.timedelta(days=15 * n),
                "ends_on": start + dt.timedelta(days=15 * n + 14),
            },
            by=officer,
        )
    for n in range(weapons):
        weapon = weapon_add(
            case=case,
            data={
                "kind": "rifle",
                "serial_number": f"AK-{n:04d}",
                "condition": "working",
                "storage_location": "Ramadi armoury",
            },
            by=officer,
        )
        weapon_custody_add(
            weapon=weapon, to_holder="Divisional armoury", location="Ramadi", note="", by=officer
        )
    case = bring_to_trial(case, officer, codes=("atl-4-1", "pc-156"))
    charge_add(case=case, offence=offence("atl-4-2"), by=officer, reason="harbouring")
    from cases.legal.services import charge_withdraw

    charge_withdraw(charge=case.charges.get(offence__code="atl-4-2"), by=officer, reason="no proof")
    first = None
    for n in range(hearings):
        hearing = hearing_schedule(
            case=case,
            court=court,
            judge=judge,
            scheduled_at=now - dt.timedelta(days=10 - n),
            kind="trial",
            by=judge,
        )
        hearing_record_outcome(
            hearing=hearing, version=1, outcome="held", defence_present=True, by=judge
        )
        first = first or hearing
    verdict = verdict_record(
        case=case,
        version=0,
        court=court,
        findings=[
            Finding(charge=c, finding="acquitted")
            if c.offence.code == "pc-156"
            else Finding(charge=c, finding="convicted", penalty="temporary", years=15)
            for c in case.charges.filter(status="active")
        ],
        decided_on=timezone.localdate() - dt.timedelta(days=2),
        by=judge,
        reasons="Confessed; surrendered through " + referral.number,
    )
    request = commutation_request(sentence=verdict.sentence, by=officer)
    commutation_decide(
        request=request, version=1, decision="accepted", reasons="Surrendered", by=judge
    )
    case.refresh_from_db()
    return FullCase(case=case, referral=referral, judge=judge, court=court)


@pytest.fixture
def full_case(officer, felony) -> FullCase:
    return build_full_case(officer, felony)


__all__ = [
    "SOURCE",
    "build_full_case",
    "has_phrase",
    "pdf_fonts",
    "pdf_text",
    "shaped_letters",
    "words",
]
