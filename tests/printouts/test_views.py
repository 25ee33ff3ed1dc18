"""The printable case file: who may print it, what it says in each language, what it never says,
and the access log."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from cases.accounts import roles
from cases.audit.models import AccessLogEntry
from cases.printouts.document import render_html
from cases.printouts.selectors import case_file
from tests.factories import UserFactory, make_case
from tests.printouts.conftest import (
    PERSON,
    SOURCE,
    build_full_case,
    has_phrase,
    pdf_fonts,
    pdf_text,
    shaped_letters,
)
from tests.support.auth import sign_in

pytestmark = pytest.mark.django_db

NAME_AR = "عمر خالد جاسم الدليمي"


def url(case, lang: str | None = None) -> str:
    base = reverse("printouts:case_file", args=[case.pk])
    return f"{base}?lang={lang}" if lang else base


def fetch(client, user, case, lang: str | None = None):
    sign_in(client, user)
    return client.get(url(case, lang))


def lang_of(pdf: bytes) -> str:
    return str(PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"])


def in_arabic(text: str) -> str:
    with translation.override("ar"):
        return translation.gettext(text)


# --- Access ----------------------------------------------------------------------------------


def test_an_officer_prints_a_case_of_his_jurisdiction(client, officer):
    case = make_case(by=officer)
    response = fetch(client, officer, case, "en")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{case.number}.pdf"'
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF-")


def test_the_case_page_offers_the_print_in_both_languages(client, officer):
    case = make_case(by=officer)
    sign_in(client, officer)
    page = client.get(reverse("casefiles:detail", args=[case.pk])).content.decode()
    assert f'href="{url(case, "ar")}"' in page and f'href="{url(case, "en")}"' in page


def test_outside_the_jurisdiction_the_case_does_not_exist(client, officer, outsider):
    case = make_case(by=officer)
    assert fetch(client, outsider, case).status_code == 404
    assert not AccessLogEntry.objects.filter(action=AccessLogEntry.Action.EXPORT).exists()


def test_reading_a_case_is_not_enough_to_print_it(client, officer, anbar_unit):
    prison = UserFactory(unit=anbar_unit, roles=[roles.PRISON], username="prison")
    assert prison.has_perm("casefiles.view_case")
    case = make_case(by=officer)
    assert fetch(client, prison, case).status_code == 403
    sign_in(client, prison)
    page = client.get(reverse("casefiles:detail", args=[case.pk])).content.decode()
    assert "print-case-file" not in page


def test_an_anonymous_visitor_is_sent_to_sign_in(client, officer):
    response = client.get(url(make_case(by=officer)))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_every_print_is_access_logged_without_personal_data(client, officer):
    case = make_case(by=officer, person_data=dict(PERSON))
    fetch(client, officer, case, "ar")
    entry = AccessLogEntry.objects.get(action=AccessLogEntry.Action.EXPORT)
    assert (entry.user, entry.object_id, entry.object_label) == (officer, str(case.pk), case.number)
    assert entry.governorate_id == case.governorate_id
    logged = " ".join(str(v) for v in entry.__dict__.values())
    for value in ("عمر", "Omar", "Dulaimi", PERSON["national_id"], "فاطمة"):
        assert value not in logged


# --- Languages ---------------------------------------------------------------------------------


def test_the_arabic_file_is_right_to_left_with_its_words_shaped(client, officer, felony):
    full = build_full_case(officer, felony)
    response = fetch(client, officer, full.case, "ar")
    pdf = response.content
    text = pdf_text(pdf)
    assert lang_of(pdf) == "ar"
    for phrase in (NAME_AR, "فاطمة", "محكمة جنايات الأنبار", "الأنبار", full.case.number):
        assert has_phrase(text, phrase), phrase
    for label in ("Identity", "Charges", "Hearings", "Commutation history"):
        assert has_phrase(text, in_arabic(label)), label
    assert len(shaped_letters(pdf)) >= 5
    assert pdf_fonts(pdf) <= {
        "Caseweb-Naskh",
        "Caseweb-Naskh-Bold",
        "Caseweb-Sans",
        "Caseweb-Sans-Bold",
    }
    html = render_html(
        case_file(officer, full.case), language="ar", printed_by="officer", printed_at=None
    )
    assert '<html lang="ar" dir="rtl">' in html


def test_the_english_file_has_english_labels_and_the_arabic_name(client, officer, felony):
    full = build_full_case(officer, felony)
    pdf = fetch(client, officer, full.case, "en").content
    text = pdf_text(pdf)
    assert lang_of(pdf) == "en"
    for phrase in (
        "Case file",
        "Identity",
        "Intake",
        "Custody",
        "Papers before the investigating judge",
        "Detention orders",
        "Weapons handed over",
        "Charges",
        "Hearings",
        "Verdict",
        "Sentence",
        "Commutation history",
        "printed by officer",
        "Omar Khalid Jasim al-Dulaimi",
        "Anti-Terrorism Law 13/2005 Art. 4/1",
        "within the 24-hour limit",
        "Page 1 of",
    ):
        assert has_phrase(text, phrase), phrase
    # The Arabic name in the English file is in the Arabic font, and shaped.
    assert has_phrase(text, NAME_AR) and len(shaped_letters(pdf)) >= 3
    html = render_html(
        case_file(officer, full.case), language="en", printed_by="officer", printed_at=None
    )
    assert '<html lang="en" dir="ltr">' in html


#: Where the rules' legal sources are printed: the papers before the investigating judge (the
#: 24-hour rule), the sentence (its rule set) and a line of the commutation calculator. (Runs of
#: one direction: the extracted text puts a line's numbers and words in visual order.)
SOURCES = {
    "en": (
        "Constitution Art. 19/13; CPC 23/1971 Art. 123",
        "Arts. 130-137 (excuses and leniency; floors of one step unverified)",
        "Programme policy on voluntary surrender, applied as judicial leniency",
    ),
    "ar": (
        "الدستور م",
        "الأعذار والظروف المخففة؛ حدود الدرجة الواحدة غير مدققة",
        "تُطبق ظرفاً قضائياً مخففاً",
    ),
}

#: The title of the calculator's line for a voluntary surrender ("Voluntary surrender (the
#: programme's promise)"), its words in parentheses.
PROPOSAL_TITLE = {"en": "the programme's promise", "ar": "وعد البرنامج"}


@pytest.mark.parametrize("lang, other", [("ar", "en"), ("en", "ar")])
def test_the_rules_legal_sources_and_the_proposal_are_in_the_print_language(
    client, officer, felony, lang, other
):
    """The rules keep their legal source in both languages, and the calculator's proposal was
    kept in both when it was asked (here in English): each file prints its own language's."""
    full = build_full_case(officer, felony)
    text = pdf_text(fetch(client, officer, full.case, lang).content)
    for source in SOURCES[lang]:
        assert has_phrase(text, source), source
    for source in SOURCES[other]:
        assert not has_phrase(text, source), source
    for language, title in PROPOSAL_TITLE.items():
        assert has_phrase(text, title) == (language == lang), title
    # The calculator's arrow, drawn in no vendored font, is printed as "»" in both languages.
    assert "←" not in text and "→" not in text


def test_the_users_language_is_the_default(client, officer):
    officer.language = "ar"
    officer.save(update_fields=["language"])
    case = make_case(by=officer)
    assert lang_of(fetch(client, officer, case).content) == "ar"
    assert lang_of(client.get(url(case, "fr")).content) == "ar"
    assert lang_of(client.get(url(case, "en")).content) == "en"


# --- What it says, and never says ----------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_referral_is_printed_only_as_voluntary_through_a_referral(client, officer, felony, lang):
    full = build_full_case(officer, felony)
    text = pdf_text(fetch(client, officer, full.case, lang).content)
    with translation.override(lang):
        mode = translation.gettext("Voluntary, through a referral")
    assert has_phrase(text, mode)
    compact = "".join(text.split()).lower()
    referral = full.referral
    for secret in (
        referral.number,
        referral.source_code,
        SOURCE["source_name"],
        "Khalaf",
        SOURCE["source_phone"],
        "7701234567",
        "Andalus",
        "grain silo",
        # What the intake recorded but a court file does not carry: his intelligence, how he
        # was coerced.
        "hisbah commander",
        "Threatened his brothers",
    ):
        assert "".join(secret.split()).lower() not in compact, secret


def test_the_juvenile_notice_and_the_case_sections_show(client, officer, felony):
    full = build_full_case(officer, felony)
    text = pdf_text(fetch(client, officer, full.case, "en").content)
    assert has_phrase(text, "Juvenile at the time of the acts")
    for phrase in (
        "DO-1",
        "DO-2",
        "AK-0000",
        "AK-0001",
        "Divisional armoury",
        "Withdrawn",
        "no proof",
        "Convicted",
        "Acquitted",
        "temporary imprisonment (15 y)",
        "temporary imprisonment (10 y)",
        "applies (voluntary, through a referral)",
        "Held on orders: 30 days",
    ):
        assert has_phrase(text, phrase), phrase


def test_an_empty_case_says_what_is_missing(client, officer):
    case = make_case(by=officer)
    text = pdf_text(fetch(client, officer, case, "en").content)
    for phrase in (
        "Voluntary surrender",
        "Not presented to an investigating judge yet.",
        "No detention order recorded.",
        "No weapon was handed over.",
        "No charges recorded.",
        "No hearings recorded.",
        "No verdict recorded.",
        "No sentence recorded.",
        "No commutation requested.",
    ):
        assert has_phrase(text, phrase), phrase
    assert not has_phrase(text, "Voluntary, through a referral")


# --- Queries --------------------------------------------------------------------------------------

#: Session, user, second factor, permissions and jurisdiction (6); the case, its referrals,
#: custody, weapons and their chains, charges and the 24-hour rule (9); the court record (up
#: to 9); the access log (5). No query per row.
BARE_CASE_QUERIES = 25
FULL_CASE_QUERIES = 29


def test_a_bare_case_prints_in_a_fixed_number_of_queries(
    client, officer, django_assert_max_num_queries
):
    case = make_case(by=officer)
    sign_in(client, officer)
    with django_assert_max_num_queries(BARE_CASE_QUERIES):
        assert client.get(url(case, "en")).status_code == 200


@pytest.mark.parametrize("rows", [1, 4])
def test_a_full_case_prints_in_the_same_number_of_queries_whatever_its_rows(
    client, officer, felony, rows, django_assert_max_num_queries
):
    full = build_full_case(officer, felony, orders=min(rows, 3), weapons=rows, hearings=rows)
    sign_in(client, officer)
    with django_assert_max_num_queries(FULL_CASE_QUERIES):
        assert client.get(url(full.case, "ar")).status_code == 200
