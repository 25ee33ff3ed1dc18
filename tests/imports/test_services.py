"""Checking a list before anything is saved, confirming it, and the import: all rows or none."""

from __future__ import annotations

import pytest

from cases.amnesty.models import AbsenceReport, AbsenceStatusChange
from cases.deadlines.models import Deadline
from cases.imports import services
from cases.imports.models import ImportJob, WantedEntry, WantedList
from cases.imports.rows import error_message
from cases.imports.services import ImportRefused, import_job_run
from cases.people.models import Person, PersonAlias
from tests.amnesty.conftest import report_absence
from tests.factories import UnitFactory, governorate, make_case
from tests.imports.conftest import (
    absence_row,
    check_absences,
    check_wanted,
    confirm,
    wanted_row,
)

pytestmark = pytest.mark.django_db

TABLES = (
    Person,
    PersonAlias,
    AbsenceReport,
    AbsenceStatusChange,
    Deadline,
    WantedList,
    WantedEntry,
)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in TABLES}


def errors_of(job: ImportJob) -> dict[int, list[tuple[str, str]]]:
    """Row number -> [(column label, message)] as the reader sees them."""
    return {
        row["line"]: [tuple(error_message(job.kind, e).values()) for e in row["errors"]]
        for row in job.rows
        if row["errors"]
    }


def test_a_clean_absence_list_is_checked_then_imported_through_the_amnesty_service(officer):
    before = counts()
    job = check_absences(officer, [absence_row("7D-1"), absence_row("7D-2", given="عمر")])
    assert job.status == "previewed" and job.row_count == 2 and job.error_row_count == 0
    assert counts() == before  # checking saves nothing of the domain
    confirm(job, officer)
    job = import_job_run(job_id=job.pk)
    assert job.status == "done"
    assert job.rows_done == 2 and job.result["created"] == 2
    absences = AbsenceReport.objects.filter(service_number__in=["7D-1", "7D-2"])
    assert absences.count() == 2
    first = absences.get(service_number="7D-1")
    assert first.person.name_ar == "حسين علي خلف الدليمي"
    assert first.circumstances == "fled" and first.unit == officer.unit
    assert "جندي" in first.notes  # the rank
    # Through the service: the status history is there, as from the form.
    assert AbsenceStatusChange.objects.filter(report=first, to_status="absent").exists()


def test_each_row_error_names_its_row_and_column(officer, nineveh_unit):
    rows = [
        absence_row("7D-1"),  # row 2: fine
        absence_row("", since="2015-01-10"),  # row 3: no service number
        absence_row("7D-3", since="31/02/2015"),  # row 4: no such day
        absence_row("7D-4", since="2099-01-01"),  # row 5: future
        absence_row("7D-5", given="", father=""),  # row 6: no names
        absence_row("7D-6", circumstances="holiday"),  # row 7
        absence_row("7D-1"),  # row 8: same man as row 2
    ]
    job = check_absences(officer, rows)
    found = errors_of(job)
    assert set(found) == {3, 4, 5, 6, 7, 8}
    assert found[3] == [("Service number", "This column is required.")]
    assert found[4][0][0] == "Absent since" and "31/02/2015" in found[4][0][1]
    assert found[5] == [("Absent since", "The date cannot be in the future.")]
    assert found[6][0][1] == "Give at least his given name and his father's name."
    assert found[7][0][0] == "Circumstances"
    assert found[8] == [("Service number", "The same service number as row 2 of this file.")]
    assert job.error_row_count == 6


def test_an_import_with_one_bad_row_saves_nothing_and_names_the_row(officer):
    before = counts()
    job = check_absences(
        officer, [absence_row("7D-1"), absence_row("7D-2", since="someday"), absence_row("7D-3")]
    )
    with pytest.raises(ImportRefused, match="fix row 3 in the file"):
        confirm(job, officer)
    job.refresh_from_db()
    assert job.status == "previewed"
    assert import_job_run(job_id=job.pk).status == "previewed"  # never queued: not run
    assert counts() == before


def test_a_row_that_fails_when_imported_rolls_back_every_row(officer):
    """A man reported away between the preview and the import: nothing is saved, the job
    names the row and the reason."""
    job = check_absences(officer, [absence_row("7D-1"), absence_row("7D-2"), absence_row("7D-3")])
    confirm(job, officer)
    report_absence(officer, service_number="7D-2")  # by a colleague, since the preview
    before = counts()
    job = import_job_run(job_id=job.pk)
    assert job.status == "failed"
    assert counts() == before
    assert [(e["line"], e["code"]) for e in job.run_errors] == [(3, "already_away")]
    message = error_message("absences", job.run_errors[0])["message"]
    assert message.startswith("He is already reported away since 2015-01-10")


def test_a_failure_in_the_middle_of_the_task_rolls_everything_back(officer, monkeypatch):
    job = check_absences(officer, [absence_row(f"7D-{i}") for i in range(1, 6)])
    confirm(job, officer)
    real = services.absence_report
    calls = []

    def failing(**kwargs):
        calls.append(kwargs["service_number"])
        if len(calls) == 3:
            raise RuntimeError("database went away")
        return real(**kwargs)

    monkeypatch.setattr(services, "absence_report", failing)
    before = counts()
    with pytest.raises(RuntimeError):
        import_job_run(job_id=job.pk)
    assert calls == ["7D-1", "7D-2", "7D-3"]  # two rows were written, then undone
    assert counts() == before
    job.refresh_from_db()
    assert job.status == "failed" and job.run_errors[0]["code"] == "internal"


def test_a_refusal_of_the_amnesty_service_rolls_everything_back(officer, monkeypatch):
    from cases.amnesty.services import AmnestyError

    job = check_absences(officer, [absence_row("7D-1"), absence_row("7D-2")])
    confirm(job, officer)
    real = services.absence_report

    def refusing(**kwargs):
        if kwargs["service_number"] == "7D-2":
            raise AmnestyError("refused by the rules")
        return real(**kwargs)

    monkeypatch.setattr(services, "absence_report", refusing)
    before = counts()
    job = import_job_run(job_id=job.pk)
    assert job.status == "failed" and counts() == before
    assert job.run_errors == [
        {"line": 3, "column": "", "code": "refused", "params": {"message": "refused by the rules"}}
    ]


def test_running_the_task_twice_imports_once(officer):
    job = check_absences(officer, [absence_row("7D-1"), absence_row("7D-2")])
    confirm(job, officer)
    assert import_job_run(job_id=job.pk).status == "done"
    after_first = counts()
    job = import_job_run(job_id=job.pk)
    assert job.status == "done" and job.attempts == 1
    assert counts() == after_first
    assert AbsenceReport.objects.filter(service_number="7D-1").count() == 1


def test_progress_counts_reach_the_rows(officer):
    job = check_absences(officer, [absence_row(f"7D-{i}") for i in range(1, 8)])
    confirm(job, officer)
    job.refresh_from_db()
    assert (job.status, job.rows_done, job.percent) == ("queued", 0, 0)
    job = import_job_run(job_id=job.pk)
    assert (job.rows_done, job.row_count, job.percent) == (7, 7, 100)


def test_a_known_service_number_goes_to_the_registered_person(officer):
    known = report_absence(officer, service_number="7D-9").person
    AbsenceReport.objects.filter(person=known).update(status="returned")
    job = check_absences(officer, [absence_row("7D-9", given="حسين", father="علي")])
    assert job.rows[0]["known_person"] == known.pk and job.rows[0]["candidates"] == []
    confirm(job, officer)
    before = Person.objects.count()
    assert import_job_run(job_id=job.pk).status == "done"
    assert Person.objects.count() == before
    assert AbsenceReport.objects.filter(person=known, status="absent").count() == 1


def test_candidates_are_shown_and_a_confirmed_match_links_the_existing_person(officer):
    known = make_case(
        by=officer,
        person_data={
            "given_name_ar": "حسين",
            "father_name_ar": "علي",
            "grandfather_name_ar": "خلف",
            "family_name_ar": "الدليمي",
        },
    ).person
    job = check_absences(officer, [absence_row("7D-1"), absence_row("7D-2", given="زياد")])
    first = job.rows[0]
    assert first["candidates"][0]["id"] == known.pk
    assert first["candidates"][0]["score"] >= 0.8 and first["candidates"][0]["reasons"]
    assert first["proposed"] == known.pk
    assert job.rows[1]["proposed"] is None
    confirm(job, officer)
    before = Person.objects.count()
    job = import_job_run(job_id=job.pk)
    assert job.result["linked"] == 1
    assert Person.objects.count() == before + 1  # only the second row is a new person
    assert AbsenceReport.objects.get(service_number="7D-1").person == known


def test_a_rejected_proposal_creates_a_new_person(officer):
    known = make_case(
        by=officer,
        person_data={"given_name_ar": "حسين", "father_name_ar": "علي", "family_name_ar": "الدليمي"},
    ).person
    job = check_absences(officer, [absence_row("7D-1")])
    assert job.rows[0]["proposed"] == known.pk
    confirm(job, officer, choices={2: None})
    import_job_run(job_id=job.pk)
    assert AbsenceReport.objects.get(service_number="7D-1").person != known


def test_a_choice_that_is_not_a_candidate_is_refused(officer, outsider):
    stranger = make_case(by=outsider).person
    job = check_absences(officer, [absence_row("7D-1")])
    with pytest.raises(ImportRefused, match="not one of the row's candidates"):
        confirm(job, officer, choices={2: stranger.pk})


def test_a_unit_outside_the_officers_units_is_a_row_error(officer, nineveh_unit, army_unit):
    headers = ["Service number", "Full name", "Unit", "Absent since"]
    rows = [
        ["7D-1", "حسين علي خلف الدليمي", officer.unit.code, "2015-01-10"],
        ["7D-2", "عمر خلف حمد الفهداوي", nineveh_unit.name_en, "2015-01-10"],
        ["7D-3", "زياد شاكر عواد الجميلي", "No such unit", "2015-01-10"],
        ["7D-4", "مهند جمعة حمد الكبيسي", army_unit.code, "2015-01-10"],
    ]
    job = check_absences(officer, rows, headers=headers)
    found = errors_of(job)
    assert set(found) == {3, 4, 5}
    assert "not one of yours" in found[3][0][1]
    assert "No unit" in found[4][0][1]
    assert "not one of yours" in found[5][0][1]  # a unit of Anbar, but not his


def test_a_supervisor_imports_for_any_unit_of_his_jurisdiction(supervisor, army_unit):
    headers = ["Service number", "Full name", "Unit", "Absent since"]
    rows = [["7D-1", "حسين علي خلف الدليمي", "7th Division", "2015-01-10"]]
    job = check_absences(supervisor, rows, headers=headers)
    assert job.error_row_count == 0 and job.rows[0]["values"]["unit"] == army_unit.pk


def test_a_wanted_list_is_imported_with_its_matches(officer):
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
    job = check_wanted(officer, [wanted_row("1/2016"), wanted_row("2/2016", name="زياد شاكر عواد")])
    assert job.error_row_count == 0
    assert job.rows[0]["proposed"] == known.pk
    confirm(job, officer)
    job = import_job_run(job_id=job.pk)
    assert job.status == "done"
    wanted_list = WantedList.objects.get(job=job)
    assert wanted_list.source == "Anbar Police Command"
    matched = wanted_list.entries.get(warrant_number="1/2016")
    assert matched.matched_person == known and matched.match_confirmed_by == officer
    assert matched.match_score >= 0.8 and matched.governorate.code == "ANB"
    assert wanted_list.entries.get(warrant_number="2/2016").matched_person is None


def test_wanted_rows_for_another_governorate_are_errors(officer):
    job = check_wanted(
        officer,
        [
            wanted_row("1/2016", governorate="نينوى"),
            wanted_row("2/2016", governorate="Atlantis"),
            wanted_row("3/2016", governorate="الأنبار"),
        ],
    )
    found = errors_of(job)
    assert set(found) == {2, 3}
    assert "outside your jurisdiction" in found[2][0][1]
    assert "No governorate" in found[3][0][1]


def test_a_warrant_already_imported_is_a_row_error(officer):
    job = check_wanted(officer, [wanted_row("1/2016")])
    confirm(job, officer)
    import_job_run(job_id=job.pk)
    again = check_wanted(officer, [wanted_row("1/2016"), wanted_row("1/2016")])
    found = errors_of(again)
    label = WantedList.objects.get().audit_label
    assert found[2] == [("Warrant number", f"This warrant is already on wanted list {label}.")]
    assert "row 2" in found[3][-1][1]


def test_xlsx_upload_is_checked_like_csv(officer):
    import datetime as dt

    from cases.imports.services import import_job_create
    from tests.imports.conftest import ABSENCE_HEADERS, xlsx_bytes

    rows = [absence_row("7D-1")]
    rows[0][6] = dt.datetime(2015, 1, 10)
    job = import_job_create(
        kind="absences",
        file_name="list.xlsx",
        data=xlsx_bytes(ABSENCE_HEADERS, rows),
        by=officer,
        unit=officer.unit,
    )
    assert job.error_row_count == 0
    assert job.rows[0]["values"]["absent_since"] == "2015-01-10"


def test_a_file_without_the_required_columns_is_refused(officer):
    from cases.imports.reader import FileRefused

    with pytest.raises(FileRefused, match="lacks the columns"):
        check_absences(officer, [["x", "y"]], headers=["Name", "Colour"])


def test_a_discarded_list_cannot_be_confirmed(officer):
    job = check_absences(officer, [absence_row("7D-1")])
    services.import_job_cancel(job=job, by=officer)
    with pytest.raises(ImportRefused):
        confirm(ImportJob.objects.get(pk=job.pk), officer)
    assert ImportJob.objects.get(pk=job.pk).rows == []


def test_other_units_rows_need_a_unit_of_the_same_governorate(officer):
    UnitFactory(governorate=governorate("SAL"), code="sal-1")
    headers = ["Service number", "Full name", "Unit", "Absent since"]
    job = check_absences(officer, [["7D-1", "حسين علي", "sal-1", "2015-01-10"]], headers=headers)
    assert job.rows[0]["errors"][0]["code"] == "unit_outside"
