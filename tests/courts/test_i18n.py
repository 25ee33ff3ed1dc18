"""Court pages in the reader's language: sentences, the calculator's lines and evidence, the rule
sets' legal sources, a hearing's length (issue 13)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from cases.courts.models import CommutationRequest, CommutationRule, SentenceRuleSet
from cases.courts.rules import Penalty, Sentence, Term
from cases.courts.services import commutation_request, verdict_record
from cases.courts.templatetags.courts import lines_for_reader, sentence_label
from tests.courts.conftest import convict, today
from tests.support.auth import sign_in

pytestmark = pytest.mark.django_db

SURRENDER_AR = "تسليم النفس طوعاً (وعد البرنامج)"


def _request(trial_case, felony_judge, officer):
    verdict = verdict_record(
        case=trial_case,
        version=0,
        court=felony_judge.unit,
        findings=convict(trial_case, years=15),
        decided_on=today(),
        by=felony_judge,
    )
    with translation.override("en"):  # asked in English...
        return commutation_request(sentence=verdict.sentence, by=officer)


def test_the_proposal_is_kept_in_every_language(trial_case, felony_judge, officer):
    request = _request(trial_case, felony_judge, officer)
    line = next(line for line in request.lines if line["rule"] == "voluntary-surrender")
    assert line["title"] == "Voluntary surrender (the programme's promise)"  # as asked
    assert line["i18n"]["ar"]["title"] == SURRENDER_AR
    assert line["i18n"]["ar"]["source"].startswith("سياسة البرنامج في تسليم النفس طوعاً")
    assert line["i18n"]["en"]["source"].startswith("Programme policy on voluntary surrender")
    evidence = request.facts["surrender_evidence_i18n"]
    assert set(evidence) == {"ar", "en"} and "Ramadi police station" in evidence["en"]
    with translation.override("ar"):
        shown = lines_for_reader(request.lines)
    assert SURRENDER_AR in [s["title"] for s in shown]


def test_an_arabic_judge_reads_the_proposal_in_arabic(
    client, trial_case, felony_judge, officer, django_assert_max_num_queries
):
    request = _request(trial_case, felony_judge, officer)
    felony_judge.language = "ar"
    felony_judge.save(update_fields=["language"])
    sign_in(client, felony_judge)
    with django_assert_max_num_queries(40):
        html = client.get(request.get_absolute_url()).content.decode()
    assert SURRENDER_AR in html and "Voluntary surrender (the programme" not in html
    assert "Programme policy on voluntary surrender" not in html
    assert "surrender recorded at intake" not in html
    # English rows are still read in English.
    felony_judge.language = "en"
    felony_judge.save(update_fields=["language"])
    html = client.get(request.get_absolute_url()).content.decode()
    assert "Voluntary surrender (the programme&#x27;s promise)" in html


def test_a_request_stored_before_the_languages_is_still_readable():
    old = [{"rule": "age", "title": "Age at the time of the acts", "explanation": "x"}]
    with translation.override("ar"):
        assert lines_for_reader(old) == old


def test_a_stored_sentence_is_said_in_the_readers_language():
    data = {"penalty": "temporary", "years": 10, "months": 0, "days": 0, "fine": None}
    data["label"] = "temporary imprisonment (10 y)"  # as stored by an English request
    for code in ("ar", "en"):
        with translation.override(code):
            expected = Sentence(Penalty.TEMPORARY, Term(10)).label()
            assert sentence_label(data) == expected
    with translation.override("en"):
        assert sentence_label(data) == "temporary imprisonment (10 y)"
    assert sentence_label({"label": "legacy"}) == "legacy"


def test_rule_sets_carry_their_arabic_legal_source():
    rule_set = SentenceRuleSet.objects.get()
    assert rule_set.legal_source_ar.startswith("قانون العقوبات 111 لسنة 1969")
    assert not CommutationRule.objects.filter(legal_source_ar="").exists()
    with translation.override("ar"):
        assert rule_set.source == rule_set.legal_source_ar
        assert rule_set.to_rules().source == rule_set.legal_source_ar
    with translation.override("en"):
        assert rule_set.source == rule_set.legal_source
    rule_set.legal_source_ar = ""
    with translation.override("ar"):
        assert rule_set.source == rule_set.legal_source


def test_the_migration_fills_only_sources_left_as_seeded():
    from cases.courts.reference import fill_arabic_sources

    SentenceRuleSet.objects.update(legal_source_ar="")
    CommutationRule.objects.filter(code="age").update(legal_source="rewritten", legal_source_ar="")
    CommutationRule.objects.exclude(code="age").update(legal_source_ar="")
    fill_arabic_sources(SentenceRuleSet, CommutationRule)
    assert SentenceRuleSet.objects.get().legal_source_ar
    assert CommutationRule.objects.get(code="age").legal_source_ar == ""
    assert not CommutationRule.objects.exclude(code="age").filter(legal_source_ar="").exists()


def test_the_commutation_queue_says_sentences_in_the_readers_language(
    client, trial_case, felony_judge, officer, monkeypatch
):
    request = _request(trial_case, felony_judge, officer)
    CommutationRequest.objects.filter(pk=request.pk).update(
        original={**request.original, "label": "STORED-ENGLISH"}
    )
    sign_in(client, felony_judge)
    html = client.get(reverse("courts:commutations")).content.decode()
    assert "STORED-ENGLISH" not in html and "temporary imprisonment (15 y)" in html


def test_the_hearing_page_counts_its_minutes(client, trial_case, felony_judge, monkeypatch):
    import datetime as dt

    from django.utils import timezone

    from cases.courts.services import hearing_schedule

    at = (timezone.localtime() + dt.timedelta(days=2)).replace(hour=10, minute=0, second=0)
    hearing = hearing_schedule(
        case=trial_case,
        court=felony_judge.unit,
        judge=felony_judge,
        scheduled_at=at,
        kind="trial",
        by=felony_judge,
    )
    counted = []
    real = translation.ngettext

    def spy(singular, plural, number):
        counted.append((singular, number))
        return real(singular, plural, number)

    monkeypatch.setattr(translation, "ngettext", spy)
    sign_in(client, felony_judge)
    html = client.get(reverse("courts:hearing", args=[hearing.pk])).content.decode()
    assert "(60 minutes)" in html and ("%(minutes)s minute", 60) in counted
