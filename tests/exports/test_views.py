"""Pages of the exports: the Export button's confirmation (POST, CSRF), "My exports", an
export's page and the JSON its progress bar polls, and the download: the owner's alone."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse

from cases.audit.models import AccessLogEntry
from cases.exports.models import ExportJob
from tests.exports.conftest import run_export
from tests.factories import make_case
from tests.referrals.conftest import SOURCE, make_referral
from tests.support.auth import sign_in

pytestmark = pytest.mark.django_db
EXPORT = AccessLogEntry.Action.EXPORT


def _start(client, **data):
    return client.post(reverse("exports:new"), {"dataset": "cases", "format": "csv", **data})


def test_the_button_asks_to_confirm_with_the_number_of_rows(client, officer):
    make_case(by=officer, kind="arrest")
    make_case(by=officer, kind="arrest")
    make_case(by=officer, kind="voluntary")
    sign_in(client, officer)
    response = _start(client, query="kind=arrest&after=xyz")
    assert response.status_code == 200
    assert response.context["preview"].count == 2
    assert b"2 rows will be exported." in response.content
    assert b'name="confirm"' in response.content
    assert b"/cases/?kind=arrest" in response.content  # back to the list as it was
    assert not ExportJob.objects.exists()
    assert not AccessLogEntry.objects.filter(action=EXPORT).exists()


def test_confirming_starts_the_export_logs_it_and_shows_its_page(
    client, officer, django_capture_on_commit_callbacks
):
    make_case(by=officer)
    sign_in(client, officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = _start(client, confirm="on", format="xlsx")
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert (job.requested_by, job.format, job.dataset) == (officer, "xlsx", "cases")
    assert AccessLogEntry.objects.filter(action=EXPORT, object_id=str(job.pk)).count() == 1
    page = client.get(job.get_absolute_url())
    assert page.status_code == 200
    assert b'aria-valuenow="100"' in page.content
    assert reverse("exports:download", args=[job.pk]).encode() in page.content


def test_starting_an_export_needs_the_csrf_token(officer):
    make_case(by=officer)
    client = Client(enforce_csrf_checks=True)
    sign_in(client, officer)
    assert _start(client, confirm="on").status_code == 403
    assert not ExportJob.objects.exists()


def test_a_refusal_is_shown_on_the_confirmation_page(client, officer):
    sign_in(client, officer)
    response = _start(client, confirm="on")
    assert response.status_code == 400
    assert b"nothing to export" in response.content
    response = _start(client, query="status=bogus")
    assert response.status_code == 400
    assert b"not valid" in response.content
    response = client.post(reverse("exports:new"), {})
    assert response.status_code == 400
    assert b"Say which list to export." in response.content


def test_a_user_without_the_lists_permission_gets_403(client, auditor):
    sign_in(client, auditor)
    assert _start(client).status_code == 403


def test_an_outsiders_export_from_the_page_has_no_anbar_rows(
    client, officer, outsider, django_capture_on_commit_callbacks
):
    anbar = make_case(by=officer)
    mosul = make_case(by=outsider)
    sign_in(client, outsider)
    with django_capture_on_commit_callbacks(execute=True):
        _start(client, confirm="on")
    job = ExportJob.objects.get()
    content = b"".join(client.get(reverse("exports:download", args=[job.pk])).streaming_content)
    assert mosul.number.encode() in content
    assert anbar.number.encode() not in content


def test_the_download_is_the_owners_and_is_logged(client, officer, colleague, supervisor):
    make_case(by=officer)
    job = run_export(officer, fmt="xlsx")
    url = reverse("exports:download", args=[job.pk])
    sign_in(client, officer)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert job.download_name in response["Content-Disposition"]
    assert "spreadsheetml" in response["Content-Type"]
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert len(rows) == 2 and rows[0][0] == "Case number"
    downloads = AccessLogEntry.objects.filter(action=EXPORT, reason__contains="downloaded")
    assert [e.user for e in downloads] == [officer]
    # A colleague of the same unit, a supervisor of the governorate: not theirs.
    for other in (colleague, supervisor):
        other_client = Client()
        sign_in(other_client, other)
        for name in ("exports:job", "exports:status", "exports:download"):
            assert other_client.get(reverse(name, args=[job.pk])).status_code == 404
    assert downloads.count() == 1


def test_a_download_before_the_file_is_ready_goes_back_to_the_export(client, officer):
    from cases.exports.services import export_preview, export_request

    make_case(by=officer)
    preview = export_preview(user=officer, dataset="cases")
    job = export_request(user=officer, dataset="cases", format="csv", filters=preview.filters)
    sign_in(client, officer)
    response = client.get(reverse("exports:download", args=[job.pk]))
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    page = client.get(job.get_absolute_url())
    assert b'aria-valuenow="0"' in page.content
    assert b"Refresh to see the progress" in page.content
    assert b"js/exports.js" in page.content


def test_the_status_json_follows_the_job(client, officer):
    from cases.exports.services import export_preview, export_request

    for _ in range(4):
        make_case(by=officer)
    preview = export_preview(user=officer, dataset="cases")
    job = export_request(user=officer, dataset="cases", format="csv", filters=preview.filters)
    ExportJob.objects.filter(pk=job.pk).update(status="running", rows_done=1)
    sign_in(client, officer)
    url = reverse("exports:status", args=[job.pk])
    data = client.get(url).json()
    assert data == {
        "status": "running",
        "status_label": "Running",
        "rows_done": 1,
        "rows_total": 4,
        "percent": 25,
        "active": True,
        "ready": False,
    }


def test_a_referral_export_downloaded_never_holds_the_source(client, officer):
    make_referral(by=officer)
    job = run_export(officer, dataset="referrals", fmt="csv")
    sign_in(client, officer)
    content = b"".join(client.get(reverse("exports:download", args=[job.pk])).streaming_content)
    for value in SOURCE.values():
        assert value.encode() not in content


def test_my_exports_is_empty_at_first(client, officer):
    sign_in(client, officer)
    response = client.get(reverse("exports:list"))
    assert response.status_code == 200
    assert b"You have no exports." in response.content


@pytest.mark.parametrize("count", [1, 30])
def test_my_exports_runs_the_same_queries_for_one_or_thirty(
    client, officer, colleague, count, django_assert_max_num_queries
):
    make_case(by=officer)
    first = run_export(officer)
    for _ in range(count - 1):
        ExportJob.objects.create(
            requested_by=officer, dataset="cases", format="csv", rows_total=1, status="done"
        )
    ExportJob.objects.create(requested_by=colleague, dataset="cases", format="csv")
    sign_in(client, officer)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("exports:list"))
    jobs = list(response.context["page"].object_list)
    assert len(jobs) == min(count, 25)
    assert all(j.requested_by_id == officer.pk for j in jobs)
    if count == 1:
        assert reverse("exports:download", args=[first.pk]).encode() in response.content


@pytest.mark.parametrize("count", [1, 40])
def test_an_exports_page_and_status_run_few_queries(
    client, officer, count, django_assert_max_num_queries
):
    for _ in range(count):
        make_case(by=officer)
    job = run_export(officer, query="kind=voluntary")
    sign_in(client, officer)
    with django_assert_max_num_queries(10):
        response = client.get(job.get_absolute_url())
    assert response.status_code == 200
    assert response.context["description"] == [("How he came in", "Voluntary surrender")]
    with django_assert_max_num_queries(6):
        assert client.get(reverse("exports:status", args=[job.pk])).status_code == 200


@pytest.mark.parametrize(
    ("url_name", "user_fixture", "dataset", "scope"),
    [
        ("casefiles:list", "officer", "cases", ""),
        ("referrals:list", "officer", "referrals", ""),
        ("referrals:critical", "supervisor", "referrals", "critical"),
        ("courts:docket", "judge", "hearings", "docket"),
        ("courts:my_hearings", "officer", "hearings", "mine"),
        ("deadlines:mine", "officer", "deadlines", "mine"),
        ("deadlines:supervision", "supervisor", "deadlines", "supervision"),
    ],
)
def test_each_list_has_an_export_button_that_carries_its_filters(
    client, request, url_name, user_fixture, dataset, scope
):
    user = request.getfixturevalue(user_fixture)
    sign_in(client, user)
    response = client.get(reverse(url_name) + "?status=trial")
    content = response.content.decode()
    assert response.status_code == 200
    assert f'action="{reverse("exports:new")}"' in content
    assert f'name="dataset" value="{dataset}"' in content
    assert f'name="scope" value="{scope}"' in content
    assert 'name="query" value="status=trial"' in content


def test_no_export_button_without_the_permission_nor_on_a_name_search(client, officer, auditor):
    sign_in(client, officer)
    response = client.post(reverse("casefiles:search"), {"name": "محمد"})
    assert response.status_code == 200
    assert reverse("exports:new") not in response.content.decode()
    officer.groups.first().permissions.remove(
        *officer.groups.first().permissions.filter(codename="add_exportjob")
    )
    officer = type(officer).objects.get(pk=officer.pk)
    sign_in(client, officer)
    assert reverse("exports:new") not in client.get(reverse("casefiles:list")).content.decode()
