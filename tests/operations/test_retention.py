"""Retention: who is purged, what is left of him, the history tables, the dry run, twice."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from cases.casefiles.models import Case, Intake
from cases.operations.models import PurgeRecord
from cases.operations.retention import (
    PERSON_LINKED_TEXT,
    event_models,
    retention_purge,
    retention_report,
)
from cases.people.models import Person, PersonAlias
from cases.referrals.models import Referral, ReferralStep
from cases.referrals.services import referral_transition
from tests.referrals.conftest import SOURCE, make_referral

from .conftest import TODAY, charged_case, grant_amnesty, record_verdict, years_ago

pytestmark = pytest.mark.django_db


def verdict(case, judge, court, finding, final_on):
    record_verdict(case, judge=judge, court=court, finding=finding, final_on=final_on)


@pytest.fixture
def people(officer, judge, court):
    """The table of the issue: who is purged after 10 years, and who is kept."""
    acquitted_11 = charged_case(officer, given="عمر")
    verdict(acquitted_11, judge, court, "acquitted", years_ago(11))
    acquitted_9 = charged_case(officer, given="خالد")
    verdict(acquitted_9, judge, court, "acquitted", years_ago(9))
    mixed = charged_case(officer, given="سعد")
    verdict(mixed, judge, court, "dismissed", years_ago(12))
    charged_case(officer, person=mixed.person)  # his second case is still open
    amnestied_11 = charged_case(officer, given="زياد")
    grant_amnesty(amnestied_11, by=officer, on=years_ago(11))
    convicted = charged_case(officer, given="ياسر")
    verdict(convicted, judge, court, "convicted", years_ago(15))
    not_final = charged_case(officer, given="حامد")
    verdict(not_final, judge, court, "acquitted", None)
    return {
        "acquitted_11": acquitted_11.person,
        "acquitted_9": acquitted_9.person,
        "mixed": mixed.person,
        "amnestied_11": amnestied_11.person,
        "convicted": convicted.person,
        "not_final": not_final.person,
    }


def history_tables_containing(text: str) -> list[str]:
    """Every pghistory event table (raw SQL over every text column) that holds ``text``."""
    found = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND table_name LIKE '%%event' "
            "AND data_type IN ('text', 'character varying', 'ARRAY')"
        )
        for table, column in cursor.fetchall():
            cursor.execute(
                f'SELECT count(*) FROM "{table}" WHERE "{column}"::text LIKE %s',  # noqa: S608
                [f"%{text}%"],
            )
            if cursor.fetchone()[0]:
                found.append(f"{table}.{column}")
    return found


def test_the_table_of_cases_purges_exactly_the_ones_the_rule_names(people):
    report = retention_purge(today=TODAY)
    purged = set(PurgeRecord.objects.filter(rule="identity").values_list("record_id", flat=True))
    assert purged == {people["acquitted_11"].pk, people["amnestied_11"].pk}
    assert report.rules[0].purged == 2
    for key in ("acquitted_9", "mixed", "convicted", "not_final"):
        person = Person.objects.get(pk=people[key].pk)
        assert person.father_name_ar == "عبد الله", key
        assert person.national_id == "199012345678", key


def test_a_purged_person_keeps_the_case_skeleton_and_loses_every_name(people):
    omar = people["acquitted_11"]
    case = Case.objects.get(person=omar)
    retention_purge(today=TODAY)
    omar.refresh_from_db()
    marker = f"[purged {TODAY:%Y-%m-%d} under rule identity]"
    assert omar.given_name_ar == marker and omar.given_name_lat == marker
    assert omar.father_name_ar == omar.family_name_ar == omar.mother_name_ar == ""
    assert omar.kunya == "" and omar.national_id == "" and omar.name_keys == []
    assert omar.date_of_birth is None and omar.birth_year_estimated == 1990
    assert not PersonAlias.objects.filter(person=omar).exists()
    assert Intake.objects.get(case=case).place == marker
    # The skeleton stays: the case, its number, status, dates; the verdict's outcome.
    same = Case.objects.get(pk=case.pk)
    assert (same.number, same.status, same.opened_at) == (case.number, case.status, case.opened_at)
    assert same.verdicts.get().findings.get().finding == "acquitted"
    assert same.verdicts.get().reasons == marker


def test_the_history_tables_no_longer_hold_his_names(people):
    # Before: the change history holds every spelling of both men (raw SQL over every column).
    assert history_tables_containing("عمر")
    assert history_tables_containing("Abu Qaswara")
    assert history_tables_containing("Ramadi police station")
    retention_purge(today=TODAY)
    assert history_tables_containing("Latin عمر") == []
    assert history_tables_containing("Abu عمر") == []
    assert history_tables_containing("زياد") == []
    # Other men's names are still there: the search itself works.
    assert history_tables_containing("Latin خالد")
    # The alias was deleted, and its history rows rewritten (the others' aliases remain).
    assert PersonAlias.objects.filter(name="Abu Qaswara").count() == 4


def test_dry_run_reports_per_rule_and_changes_nothing(people, officer):
    before = list(Person.objects.order_by("pk").values())
    report = retention_report(today=TODAY)
    identity = report.rules[0]
    assert (identity.rule, identity.count) == ("identity", 2)
    assert identity.oldest == years_ago(11) and identity.newest == years_ago(11)
    assert list(Person.objects.order_by("pk").values()) == before
    assert not PurgeRecord.objects.exists()


def test_the_command_dry_run_prints_the_report_and_changes_nothing(people, capsys):
    call_command("retention", "--dry-run", "--today", TODAY.isoformat())
    out = capsys.readouterr().out
    assert "rule identity: 2 records" in out
    assert "rule source: 0 records" in out
    assert not PurgeRecord.objects.exists()


def test_running_twice_purges_once(people):
    first = retention_purge(today=TODAY, batch_size=1)
    second = retention_purge(today=TODAY)
    assert first.purged == 2 and second.purged == 0
    assert PurgeRecord.objects.count() == 2
    # One entry per purge in the access log's chain, naming the record, never its contents.
    from cases.audit.models import AccessLogEntry

    entries = AccessLogEntry.objects.filter(action=AccessLogEntry.Action.PURGE)
    assert sorted(e.object_label for e in entries) == sorted(
        f"people.person #{people[k].pk}" for k in ("acquitted_11", "amnestied_11")
    )


def test_purge_records_cannot_be_changed_or_deleted(people):
    from django.db import InternalError, transaction

    retention_purge(today=TODAY)
    record = PurgeRecord.objects.first()
    with pytest.raises(InternalError), transaction.atomic():
        PurgeRecord.objects.filter(pk=record.pk).delete()


def test_a_case_reopened_before_the_purge_keeps_him(people, officer):
    # A new case for the man acquitted 11 years ago: he is no longer qualified.
    charged_case(officer, person=people["acquitted_11"])
    report = retention_purge(today=TODAY)
    assert report.purged == 1
    assert Person.objects.get(pk=people["acquitted_11"].pk).kunya


@pytest.fixture
def closed_referral(officer):
    referral = make_referral(by=officer)
    referral_transition(
        referral=referral, to_status="closed", by=officer, note="n", close_reason="withdrawn"
    )
    closed_at = timezone.make_aware(dt.datetime.combine(years_ago(11), dt.time(9)))
    ReferralStep.objects.filter(referral=referral, to_status="closed").update(at=closed_at)
    return referral


def test_the_source_of_a_referral_closed_long_ago_is_purged_history_included(
    closed_referral, officer
):
    recent = make_referral(by=officer, source={**SOURCE, "source_name": "Recent Source"})
    referral_transition(
        referral=recent, to_status="closed", by=officer, note="n", close_reason="withdrawn"
    )
    report = retention_purge(today=TODAY)
    assert report.rules[1].purged == 1
    closed_referral = Referral.objects.get(pk=closed_referral.pk)
    assert closed_referral.source_name.startswith("[purged")
    assert closed_referral.source_phone is None and closed_referral.source_phone_index is None
    assert Referral.objects.get(pk=recent.pk).source_name == "Recent Source"
    for event in event_models(Referral):
        for row in event.objects.filter(pgh_obj_id=closed_referral.pk):
            assert row.source_name.startswith("[purged")
            assert row.source_phone is None and row.source_address is None


def test_every_field_the_purge_names_exists():
    from django.apps import apps

    for label, path, names in PERSON_LINKED_TEXT:
        model = apps.get_model(label)
        for name in names:
            field = model._meta.get_field(name)
            assert field.get_internal_type() in ("CharField", "TextField"), (label, name)
        assert model.objects.filter(**{path: 0}).query  # the path resolves


def test_the_daily_task_purges_only_when_retention_is_switched_on(people, settings, time_machine):
    from cases.operations.tasks import retention

    time_machine.move_to(dt.datetime(2026, 11, 21, 12, tzinfo=dt.UTC))
    settings.RETENTION_ENABLED = False
    assert retention.delay().get() == 0
    assert not PurgeRecord.objects.exists()
    settings.RETENTION_ENABLED = True
    assert retention.delay().get() == 2
    assert retention.delay().get() == 0
