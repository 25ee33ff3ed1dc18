"""The pages: upload, the preview with each row's errors and candidates, confirmation, the
progress endpoint, the lists, and a person's page naming his wanted lists."""

from __future__ import annotations

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst

from cases.accounts import roles
from cases.amnesty.models import AbsenceReport
from cases.audit.models import AccessLogEntry
from cases.imports.models import ImportJob, WantedList
from cases.imports.services import import_job_run
from cases.people.models import Person
from tests.factories import UnitFactory, UserFactory, governorate, make_case
from tests.imports.conftest import (
    ABSENCE_HEADERS,
    absence_row,
    check_absences,
    check_wanted,
    confirm,
    csv_bytes,
    wanted_row,
    xlsx_bytes,
)
from tests.support.auth import sign_in

pytestmark = pytest.mark.django_db


def upload(client, rows, *, name="list.csv", unit, data=None):
    content = data if data is not None else csv_bytes(ABSENCE_HEADERS, rows)
    return client.post(
        reverse("imports:upload_absences"),
        {"unit": unit.pk, "file": SimpleUploadedFile(name, content)},
    )


def test_upload_shows_every_row_with_its_errors_and_disables_the_import(client, officer):
    sign_in(client, officer)
    response = upload(
        client,
        [absence_row("7D-1"), absence_row("7D-2", since="someday"), absence_row("7D-3")],
        unit=officer.unit,
    )
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'id="row-3"' in page and "table-danger row-error" in page
    assert "“someday” is not a date" in page
    assert 'href="#row-3"' in page  # the rows to fix, named at the top
    assert 'id="import-button" disabled' in page
    assert AbsenceReport.objects.count() == 0
    # The reading is logged with counts, never with a name.
    reasons = list(
        AccessLogEntry.objects.filter(object_label=job.audit_label).values_list("reason", flat=True)
    )
    assert "import checked: 3 rows, 1 in error" in reasons
    assert not any("حسين" in r for r in reasons)


def test_confirming_a_list_with_an_error_saves_nothing(client, officer):
    sign_in(client, officer)
    upload(client, [absence_row("7D-1"), absence_row("", given="")], unit=officer.unit)
    job = ImportJob.objects.get()
    response = client.post(reverse("imports:confirm", args=[job.pk]), follow=True)
    assert "fix row 3 in the file" in response.content.decode()
    assert AbsenceReport.objects.count() == 0
    job.refresh_from_db()
    assert job.status == "previewed"


def test_confirm_imports_with_the_chosen_persons(
    client, officer, django_capture_on_commit_callbacks
):
    known = make_case(
        by=officer,
        person_data={"given_name_ar": "حسين", "father_name_ar": "علي", "family_name_ar": "الدليمي"},
    ).person
    sign_in(client, officer)
    upload(client, [absence_row("7D-1"), absence_row("7D-2", given="زياد")], unit=officer.unit)
    job = ImportJob.objects.get()
    page = client.get(job.get_absolute_url()).content.decode()
    assert f'value="{known.pk}" checked' in page  # the proposed candidate, with its score
    assert "proposed" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("imports:confirm", args=[job.pk]), {"choice-2": str(known.pk), "choice-3": ""}
        )
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == "done" and job.confirmed_by == officer
    assert AbsenceReport.objects.get(service_number="7D-1").person == known
    page = client.get(job.get_absolute_url()).content.decode()
    absence = AbsenceReport.objects.get(service_number="7D-2")
    assert reverse("amnesty:absence", args=[absence.pk]) in page
    assert AccessLogEntry.objects.filter(
        action=AccessLogEntry.Action.IMPORT,
        object_label=job.audit_label,
        reason__startswith="import absences: 2 rows, 2 created",
    ).exists()


def test_an_xlsx_upload_and_a_wrong_file_type(client, officer):
    sign_in(client, officer)
    upload(
        client,
        None,
        name="list.xlsx",
        unit=officer.unit,
        data=xlsx_bytes(ABSENCE_HEADERS, [absence_row("7D-1")]),
    )
    assert ImportJob.objects.get().error_row_count == 0
    response = upload(client, None, name="list.pdf", unit=officer.unit, data=b"%PDF-1.4")
    assert response.status_code == 200
    assert "Only CSV (UTF-8) and Excel (.xlsx) files can be imported." in response.content.decode()
    assert ImportJob.objects.count() == 1


def test_the_progress_endpoint(client, officer):
    job = check_absences(officer, [absence_row("7D-1"), absence_row("7D-2")])
    confirm(job, officer)
    sign_in(client, officer)
    data = json.loads(client.get(reverse("imports:status", args=[job.pk])).content)
    assert data == {
        "status": "queued",
        "label": "Queued",
        "rows_done": 0,
        "row_count": 2,
        "percent": 0,
        "text": "0 of 2 rows",
        "finished": False,
    }
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'data-status-url="' in page and "js/imports.js" in page
    assert "data-progress-refresh" in page  # without JavaScript: a refresh link
    ImportJob.objects.filter(pk=job.pk).update(rows_done=1)
    data = json.loads(client.get(reverse("imports:status", args=[job.pk])).content)
    assert (data["rows_done"], data["percent"]) == (1, 50)
    import_job_run(job_id=job.pk)
    data = json.loads(client.get(reverse("imports:status", args=[job.pk])).content)
    assert (data["status"], data["percent"], data["finished"]) == ("done", 100, True)


def test_a_failed_import_shows_the_rows_and_says_nothing_was_saved(client, officer):
    from tests.amnesty.conftest import report_absence

    job = check_absences(officer, [absence_row("7D-1"), absence_row("7D-2")])
    confirm(job, officer)
    report_absence(officer, service_number="7D-1")
    import_job_run(job_id=job.pk)
    sign_in(client, officer)
    page = client.get(job.get_absolute_url()).content.decode()
    assert "The import failed: nothing was saved." in page
    assert "He is already reported away since 2015-01-10" in page


def test_jurisdiction_of_jobs_and_lists(client, officer, outsider, anbar_unit):
    job = check_absences(officer, [absence_row("7D-1")])
    wanted = check_wanted(officer, [wanted_row("1/2016")])
    confirm(wanted, officer)
    import_job_run(job_id=wanted.pk)
    wanted_list = WantedList.objects.get()
    sign_in(client, outsider)
    for url in (
        job.get_absolute_url(),
        reverse("imports:status", args=[job.pk]),
        wanted_list.get_absolute_url(),
    ):
        assert client.get(url).status_code == 404
    assert client.post(reverse("imports:confirm", args=[job.pk])).status_code == 404
    assert "1/2016" not in client.get(reverse("imports:wanted_lists")).content.decode()
    # An officer of another unit of Anbar does not see this unit's absence list.
    other = UserFactory(unit=UnitFactory(governorate=governorate("ANB")), roles=[roles.OFFICER])
    sign_in(client, other)
    assert client.get(job.get_absolute_url()).status_code == 404
    assert client.get(wanted_list.get_absolute_url()).status_code == 200


def test_an_investigator_reads_wanted_lists_but_does_not_import(client, anbar_unit):
    investigator = UserFactory(unit=anbar_unit, roles=[roles.INVESTIGATOR])
    sign_in(client, investigator)
    assert client.get(reverse("imports:wanted_lists")).status_code == 200
    assert client.get(reverse("imports:upload_wanted")).status_code == 403
    assert client.get(reverse("imports:upload_absences")).status_code == 403


def test_a_person_page_names_his_wanted_lists(client, officer):
    known = make_case(
        by=officer,
        person_data={
            "given_name_ar": "عمر",
            "father_name_ar": "خلف",
            "grandfather_name_ar": "حمد",
            "family_name_ar": "الفهداوي",
            "mother_name_ar": "فاطمة",
        },
    ).person
    job = check_wanted(officer, [wanted_row("1/2016")])
    confirm(job, officer)
    import_job_run(job_id=job.pk)
    wanted_list = WantedList.objects.get()
    sign_in(client, officer)
    page = client.get(known.get_absolute_url()).content.decode()
    assert f"On wanted list {wanted_list.audit_label} (Anbar Police Command)" in page
    other = make_case(by=officer).person
    assert "On wanted list" not in client.get(other.get_absolute_url()).content.decode()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_sample_file_comes_back_in_clean(client, officer, language):
    officer.language = language
    officer.save()
    sign_in(client, officer)
    sample = client.get(reverse("imports:sample_absences"))
    assert sample["Content-Type"].startswith("text/csv")
    content = b"".join(sample.streaming_content) if sample.streaming else sample.content
    assert content.startswith("\ufeff".encode())
    upload(client, None, unit=officer.unit, data=content)
    job = ImportJob.objects.get()
    assert job.error_row_count == 0, job.rows[0]["errors"]
    assert all(c["key"] for c in job.columns)
    wanted = client.get(reverse("imports:sample_wanted")).content
    response = client.post(
        reverse("imports:upload_wanted"),
        {
            "source": "Court",
            "received_on": "2016-04-01",
            "governorate": governorate("ANB").pk,
            "file": SimpleUploadedFile("wanted.csv", wanted),
        },
    )
    assert response.status_code == 302
    assert ImportJob.objects.get(kind="wanted").error_row_count == 0


# --- Query counts --------------------------------------------------------------------------------


def _imported_wanted(officer, count: int, prefix: str = "") -> WantedList:
    rows = [wanted_row(f"{prefix}{i}/2016", name=f"عمر خلف {i}") for i in range(count)]
    job = check_wanted(officer, rows)
    confirm(job, officer)
    import_job_run(job_id=job.pk)
    return WantedList.objects.get(job=job)


@pytest.mark.parametrize("count", [1, 12])
def test_list_pages_query_counts(client, officer, django_assert_max_num_queries, count):
    for i in range(count):
        check_absences(officer, [absence_row(f"Q-{i}")])
    for i in range(2 if count > 1 else 1):
        _imported_wanted(officer, 1, prefix=f"L{i}-")
    sign_in(client, officer)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("imports:jobs"))
    assert response.content.decode().count('href="/imports/') >= count
    with django_assert_max_num_queries(12):
        assert client.get(reverse("imports:wanted_lists")).status_code == 200


@pytest.mark.parametrize("count", [1, 30])
def test_detail_pages_query_counts(client, officer, django_assert_max_num_queries, count):
    for i in range(3):
        make_case(
            by=officer,
            person_data={
                "given_name_ar": "حسين",
                "father_name_ar": "علي",
                "family_name_ar": f"الدليمي{i}",
            },
        )
    job = check_absences(officer, [absence_row(f"Q-{i}") for i in range(count)])
    wanted_list = _imported_wanted(officer, count)
    sign_in(client, officer)
    with django_assert_max_num_queries(18):
        page = client.get(job.get_absolute_url()).content.decode()
    assert page.count('class="import-row') == count
    with django_assert_max_num_queries(18):
        page = client.get(wanted_list.get_absolute_url()).content.decode()
    assert page.count("<tr>") == count + 1
    assert Person.objects.count() >= 3


@pytest.fixture
def language_reset():
    """A request activates its user's language in the test's thread, and it stays active after
    the response: put the default back, or the tests that follow read Arabic messages."""
    yield
    translation.deactivate()


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.usefixtures("language_reset")
def test_the_candidates_reasons_are_in_the_readers_language(client, officer, language):
    """The matcher stores its reasons as codes and English phrases ("given", "agree"); the
    preview says them in the reader's language, as the duplicate review does."""
    make_case(
        by=officer,
        person_data={"given_name_ar": "حسين", "father_name_ar": "علي", "family_name_ar": "الدليمي"},
    )
    officer.language = language
    officer.save(update_fields=["language"])
    sign_in(client, officer)
    upload(client, [absence_row("7D-1")], unit=officer.unit)
    job = ImportJob.objects.get()
    stored = job.rows[0]["candidates"][0]["reasons"]
    assert {"part": "given", "verdict": "agree"}.items() <= stored[0].items()
    page = client.get(job.get_absolute_url()).content.decode()
    reasons = page.split('class="small text-body-secondary mb-1 candidate-reasons">')[1]
    reasons = reasons.split("</ul>")[0]
    with translation.override(language):
        given = capfirst(translation.gettext("given name"))
        agree = translation.gettext("agree")
    assert f"<li><strong>{given}</strong>: {agree} · <bdi>" in reasons
    if language == "ar":
        assert not re.search(r"\b(given|father|family|agree|similar|differ|skeleton)\b", reasons)
