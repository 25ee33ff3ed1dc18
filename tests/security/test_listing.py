"""Keyset pagination (cases.security.listing.keyset_paginate): every row once, in order, forwards
and backwards; ties on the timestamp; filters carried by the cursor; a changed cursor; totals."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from cases.casefiles.models import Case
from cases.casefiles.selectors import CaseFilters, case_list
from cases.security import listing
from cases.security.listing import Total, approximate_total, keyset_paginate
from tests.factories import make_case
from tests.support.auth import sign_in

pytestmark = pytest.mark.django_db

PER_PAGE = 4


def _page(user, url: str = "?", filters: CaseFilters | None = None, per_page: int = PER_PAGE):
    request = RequestFactory().get("/cases/" + url)
    request.user = user
    return keyset_paginate(request, case_list(user, filters or CaseFilters()), per_page)


def _walk(user, filters=None):
    """Follow the "next" links from the first page to the last; the pages seen."""
    pages = [_page(user, filters=filters)]
    while pages[-1].has_next:
        assert len(pages) < 50, "the next links go round in circles"
        pages.append(_page(user, pages[-1].next_url, filters))
    return pages


def _cases(officer, n: int, *, same_time: bool = False, **kwargs) -> list[Case]:
    cases = [make_case(by=officer, **kwargs) for _ in range(n)]
    base = timezone.now() - dt.timedelta(days=30)
    for i, case in enumerate(cases):
        # Distinct days, or all at one instant: the id must break the tie.
        case.opened_at = base if same_time else base + dt.timedelta(days=(i * 7) % n)
        case.save(update_fields=["opened_at"])
    return cases


def _expected(user, filters=None) -> list[str]:
    return list(case_list(user, filters or CaseFilters()).values_list("number", flat=True))


@pytest.mark.parametrize("same_time", [False, True])
def test_the_next_links_show_every_case_once_in_order(officer, same_time):
    _cases(officer, 11, same_time=same_time)
    pages = _walk(officer)
    seen = [c.number for p in pages for c in p.object_list]
    assert seen == _expected(officer)
    assert [p.number for p in pages] == [1, 2, 3]
    assert [len(p.object_list) for p in pages] == [4, 4, 3]
    assert not pages[0].has_previous and pages[1].has_previous and not pages[-1].has_next


@pytest.mark.parametrize("same_time", [False, True])
def test_the_previous_links_come_back_to_the_same_pages(officer, same_time):
    _cases(officer, 11, same_time=same_time)
    pages = _walk(officer)
    back = _page(officer, pages[2].previous_url)
    assert back.number == 2
    assert [c.pk for c in back.object_list] == [c.pk for c in pages[1].object_list]
    assert back.has_next and back.has_previous
    # From page 2 "previous" is the first page itself, without a cursor.
    assert back.previous_url == back.first_url == "?"
    assert back.next_url  # and forward again from there
    assert [c.pk for c in _page(officer, back.next_url).object_list] == [
        c.pk for c in pages[2].object_list
    ]


@pytest.mark.parametrize("sort", ["oldest", "number", "status"])
def test_every_sort_of_the_case_list_pages_through_every_case(officer, sort):
    cases = _cases(officer, 9)
    for case in cases[::3]:
        Case.objects.filter(pk=case.pk).update(status=Case.Status.INVESTIGATION)
    filters = CaseFilters(sort=sort)
    seen = [c.number for p in _walk(officer, filters) for c in p.object_list]
    assert seen == _expected(officer, filters)
    assert len(seen) == 9


def test_the_cursor_keeps_the_filters_of_the_list(client, officer, monkeypatch):
    from cases.casefiles import views

    monkeypatch.setattr(views, "PAGE_SIZE", 3)
    _cases(officer, 7, kind="arrest")
    _cases(officer, 6)
    sign_in(client, officer)
    first = client.get(reverse("casefiles:list"), {"kind": "arrest"}).context["page"]
    assert first.total == Total(7, "exact")
    assert "kind=arrest" in first.next_url
    rest = []
    page = first
    while page.has_next:
        page = client.get(reverse("casefiles:list") + page.next_url).context["page"]
        rest.extend(page.object_list)
    shown = [*first.object_list, *rest]
    assert len(shown) == 7 and {c.kind for c in shown} == {"arrest"}
    assert page.total == Total(7, "exact")  # carried by the cursor: no count on later pages


def test_a_changed_cursor_shows_the_first_page_and_says_so(client, officer):
    _cases(officer, 30)
    sign_in(client, officer)
    first = client.get(reverse("casefiles:list")).context["page"]
    cursor = parse_qs(urlsplit(first.next_url).query)["after"][0]
    tampered = cursor[:-3] + ("AAA" if not cursor.endswith("AAA") else "BBB")
    for params in ({"after": tampered}, {"before": "nonsense"}, {"after": ""}):
        response = client.get(reverse("casefiles:list"), params)
        assert response.status_code == 200
        page = response.context["page"]
        assert page.number == 1
        assert [c.pk for c in page.object_list] == [c.pk for c in first.object_list]
    assert response.context["page"].invalid_cursor is False  # an empty one is no link at all
    response = client.get(reverse("casefiles:list"), {"after": tampered})
    assert response.context["page"].invalid_cursor
    assert b"That page link was changed" in response.content


def test_a_cursor_of_another_sort_order_shows_the_first_page(client, officer):
    _cases(officer, 30)
    sign_in(client, officer)
    first = client.get(reverse("casefiles:list")).context["page"]
    cursor = parse_qs(urlsplit(first.next_url).query)["after"][0]
    page = client.get(reverse("casefiles:list"), {"after": cursor, "sort": "number"}).context[
        "page"
    ]
    assert page.invalid_cursor and page.number == 1
    assert [c.number for c in page.object_list] == _expected(officer, CaseFilters(sort="number"))[
        :25
    ]


def test_the_total_is_capped_instead_of_counting_everything(officer, monkeypatch):
    _cases(officer, 5)
    qs = case_list(officer, CaseFilters())
    assert approximate_total(qs) == Total(5, "exact")
    assert approximate_total(qs, cap=3) == Total(3, "more")
    monkeypatch.setattr(listing, "COUNT_CAP", 3)
    assert str(approximate_total(qs, cap=3)) == "more than 3 results"
    assert str(Total(1_000_000, "about")) == "about 1,000,000 results"
    assert str(Total(1, "exact")) == "1 result"


def test_an_unfiltered_list_of_a_large_table_reads_the_planners_estimate(auditor):
    from django.db import connection

    qs = Case.objects.all().order_by("-opened_at", "-id")
    with connection.cursor() as cur:
        # What ANALYZE would record for a table of a million rows.
        cur.execute(
            "UPDATE pg_class SET reltuples = 1000000 WHERE oid = 'casefiles_case'::regclass"
        )
    assert approximate_total(qs) == Total(1_000_000, "about")
    assert approximate_total(qs.filter(status="closed")) == Total(0, "exact")


def test_an_order_without_a_unique_column_is_refused(officer):
    request = RequestFactory().get("/")
    with pytest.raises(ValueError, match="unique"):
        keyset_paginate(request, Case.objects.order_by("-opened_at"))
    with pytest.raises(ValueError, match="plain column"):
        keyset_paginate(request, Case.objects.order_by("person__family_name_ar", "pk"))


def test_a_search_page_shows_one_page_and_says_when_there_is_more(officer):
    _cases(officer, 6)
    request = RequestFactory().post("/cases/search/")
    request.user = officer
    page = keyset_paginate(request, case_list(officer, CaseFilters()), 4, paged=False)
    assert len(page.object_list) == 4 and page.truncated
    assert not page.has_next and not page.has_previous and page.total is None
