"""The case list at any depth: the same statements on the first page with one case or many, and
on a deep page (keyset pagination: no OFFSET, no exact COUNT after the first page)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.casefiles import views
from tests.factories import make_case
from tests.support.auth import sign_in

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> tuple[int, object, list[str]]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response, [q["sql"] for q in ctx.captured_queries]


@pytest.mark.parametrize("params", ["", "?status=surrendered", "?sort=status", "?kind=voluntary"])
def test_the_case_list_runs_the_same_queries_at_one_case_many_and_deep(
    client, officer, monkeypatch, params
):
    monkeypatch.setattr(views, "PAGE_SIZE", 3)
    url = reverse("casefiles:list") + params
    make_case(by=officer)
    sign_in(client, officer)
    client.get(url)  # the session's first request does more (language, OTP device)
    one, response, _sql = _queries(client, url)
    assert len(response.context["page"].object_list) == 1
    for _ in range(11):
        make_case(by=officer)
    many, response, _sql = _queries(client, url)
    assert len(response.context["page"].object_list) == 3
    assert one == many <= 16
    page = response.context["page"]
    for _ in range(2):  # page 3 of 4
        deep, response, sql = _queries(client, reverse("casefiles:list") + page.next_url)
        page = response.context["page"]
    assert page.number == 3 and len(page.object_list) == 3
    assert deep == many - 1  # the capped count runs on the first page only
    assert not any("OFFSET" in s.upper() for s in sql)
    assert not any("COUNT(" in s.upper() and "casefiles_case" in s for s in sql)


def test_the_name_search_runs_the_same_queries_for_one_case_or_many(client, officer):
    make_case(by=officer)
    sign_in(client, officer)
    url = reverse("casefiles:search")
    client.post(url, {"name": "الدليمي"})
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(url, {"name": "الدليمي"})
    one = len(ctx.captured_queries)
    assert len(response.context["page"].object_list) == 1
    for _ in range(8):
        make_case(by=officer)
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(url, {"name": "الدليمي"})
    assert len(response.context["page"].object_list) == 9
    assert len(ctx.captured_queries) == one
