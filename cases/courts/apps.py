from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

#: What everyone who follows a case in court may read (officers, prison, supervisors...).
COURT_READ = (
    "courts.view_hearing",
    "courts.view_verdict",
    "courts.view_sentence",
    "courts.view_cassationreview",
    "courts.view_commutationrequest",
)
#: Judges keep the docket, record verdicts, send to cassation and decide commutation. Whether a
#: judge may record for a given court (his unit) is checked by the services.
JUDGE_WORK = (
    *COURT_READ,
    "courts.add_hearing",
    "courts.change_hearing",
    "courts.add_verdict",
    "courts.change_verdict",
    "courts.add_cassationreview",
    "courts.change_cassationreview",
    "courts.add_commutationrequest",
    "courts.decide_commutation",
)


class CourtsConfig(AppConfig):
    """Courts and judges: hearings, verdicts per charge, sentences, cassation, commutation."""

    name = "cases.courts"
    label = "courts"
    verbose_name = _("Courts")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from cases.accounts import roles
        from cases.accounts.navigation import MenuItem, register
        from cases.casefiles.selectors import register_case_section, register_timeline_source

        from . import deadline_kinds  # noqa: F401 - registers the kinds of deadline of courts
        from .selectors import court_record, court_timeline

        post_migrate.connect(_ensure_rules, sender=self, dispatch_uid="courts.rules")
        roles.grant(roles.JUDGE, *JUDGE_WORK)
        for role in (roles.OFFICER, roles.INVESTIGATOR, roles.SUPERVISOR):
            # Those who keep the case file may ask for the calculator's proposal; a judge
            # decides on it.
            roles.grant(role, *COURT_READ, "courts.add_commutationrequest")
        for role in (roles.PRISON, roles.AMNESTY_COMMITTEE):
            roles.grant(role, *COURT_READ)
        roles.grant(
            roles.ADMINISTRATOR,
            *COURT_READ,
            "courts.view_sentenceruleset",
            "courts.add_sentenceruleset",
            "courts.change_sentenceruleset",
            "courts.view_commutationrule",
            "courts.add_commutationrule",
            "courts.change_commutationrule",
            "courts.view_chargeverdict",
            "courts.view_sentencechange",
        )
        register(MenuItem("courts:docket", _("Docket"), "courts.add_verdict", order=30))
        register(
            MenuItem("courts:my_hearings", _("My cases' hearings"), "courts.view_hearing", order=31)
        )
        register(
            MenuItem(
                "courts:commutations",
                _("Commutation requests"),
                "courts.view_commutationrequest",
                order=32,
            )
        )
        register_timeline_source(court_timeline)
        register_case_section("courts", "courts/_for_case.html", court_record)


def _ensure_rules(sender, **kwargs) -> None:
    from .models import CommutationRule, SentenceRuleSet
    from .reference import ensure_rules

    ensure_rules(SentenceRuleSet, CommutationRule)
