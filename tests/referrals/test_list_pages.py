"""The referral list at any depth: the same statements on the first page with one referral or
many, and on a deep page (keyset pagination)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.referrals import views
from tests.referrals.conftest import make_referral
from tests.support.auth import sign_in

pytestmark = pytest.mark.django_db


def _get(client, url: str):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response, [q["sql"] for q in ctx.captured_queries]


@pytest.mark.parametrize("params", ["", "?status=received", "?channel=family"])
def test_the_referral_list_runs_the_same_queries_at_one_many_and_deep(
    client, officer, monkeypatch, params
):
    monkeypatch.setattr(views, "PAGE_SIZE", 3)
    url = reverse("referrals:list") + params
    make_referral(by=officer)
    sign_in(client, officer)
    client.get(url)
    one, response, _ = _get(client, url)
    assert len(response.context["page"].object_list) == 1
    for _ in range(10):
        make_referral(by=officer)
    many, response, _ = _get(client, url)
    assert one == many <= 16
    page = response.context["page"]
    seen = list(page.object_list)
    while page.has_next:
        deep, response, sql = _get(client, reverse("referrals:list") + page.next_url)
        page = response.context["page"]
        seen.extend(page.object_list)
        assert deep == many - 1
        assert not any("OFFSET" in s.upper() for s in sql)
        assert not any("COUNT(" in s.upper() and "referrals_referral" in s for s in sql)
    assert page.number == 4
    assert len({r.pk for r in seen}) == len(seen) == 11
