"""Demo cases: a few hundred, across governorates, modes and the pipeline, opened through the
services, with open 24-hour deadlines to show, and never created twice."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.db import transaction
from django.utils import timezone

from cases.casefiles.deadline_kinds import JUDGE_24H, ORDER_END
from cases.casefiles.models import (
    Case,
    CaseStatusChange,
    DetentionOrder,
    Screening,
    WeaponCustodyEntry,
    WeaponItem,
)
from cases.casefiles.rules import ALLOWED_MOVES, initial_status
from cases.deadlines.models import Deadline
from cases.demo.cases_data import HISTORICAL, RECENT_INTAKES, demo_cases
from cases.demo.seed import seed_all
from cases.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def seeded(django_db_setup, django_db_blocker):
    """Seed once for the module (a seed takes seconds): each test runs in a savepoint inside
    this transaction, which is rolled back at the end so no other module sees the demo."""
    with django_db_blocker.unblock(), transaction.atomic():
        seed_all()
        yield
        transaction.set_rollback(True)


def counts() -> dict[str, int]:
    return {
        "cases": Case.objects.count(),
        "persons": Person.objects.count(),
        "weapons": WeaponItem.objects.count(),
        "custody": WeaponCustodyEntry.objects.count(),
        "orders": DetentionOrder.objects.count(),
        "screenings": Screening.objects.count(),
        "moves": CaseStatusChange.objects.count(),
        "deadlines": Deadline.objects.count(),
    }


def test_seed_opens_cases_across_governorates_modes_and_statuses():
    cases = Case.objects.all()
    assert cases.count() >= 250
    assert set(cases.values_list("governorate__code", flat=True)) == {"ANB", "SAL", "NIN", "BGD"}
    assert cases.filter(governorate__code="ANB").count() > cases.count() / 2
    assert set(cases.values_list("kind", flat=True)) == set(Case.Kind.values)
    assert len(set(cases.values_list("status", flat=True))) >= 10
    assert cases.filter(intake__is_juvenile=True).count() >= 10
    assert cases.filter(intake__age_band="young_18_20").exists()
    deserters = cases.filter(kind=Case.Kind.DESERTER_RETURN)
    assert not deserters.filter(person__service_number="").exists()
    assert WeaponItem.objects.filter(case__kind=Case.Kind.VOLUNTARY_SURRENDER).exists()
    assert WeaponCustodyEntry.objects.count() > WeaponItem.objects.count()
    assert DetentionOrder.objects.exists()
    assert not Person.objects.exclude(national_id__startswith="DEMO-").exists()


def test_every_demo_case_walked_the_pipeline_step_by_step_by_allowed_moves():
    moves: dict[int, list[tuple[str, str]]] = {}
    for case_id, previous, to in CaseStatusChange.objects.order_by("pk").values_list(
        "case_id", "from_status", "to_status"
    ):
        moves.setdefault(case_id, []).append((previous, to))
    for case in Case.objects.all():
        history = moves[case.pk]
        assert history[0] == ("", initial_status(case.kind))
        for (_before, reached), (left, to) in itertools.pairwise(history):
            assert left == reached
            assert to in ALLOWED_MOVES[left]
        assert history[-1][1] == case.status


def test_the_deadline_panel_has_open_and_overdue_24_hour_deadlines_only_for_recent_intakes():
    open_24h = Deadline.objects.open().filter(kind__code=JUDGE_24H)
    assert open_24h.count() == len(RECENT_INTAKES)
    assert open_24h.overdue().count() == 1
    assert all(d.due_at > timezone.now() - dt.timedelta(days=2) for d in open_24h)
    # Detention orders of the cases under investigation now run into the coming days; none from
    # 2016 is left open.
    open_orders = Deadline.objects.open().filter(kind__code=ORDER_END)
    assert open_orders.exists()
    assert not open_orders.filter(due_at__lt=timezone.now()).exists()


def test_a_second_seed_creates_nothing():
    before = counts()

    seed_all()

    assert counts() == before


def test_the_cases_are_the_same_on_every_run_but_for_the_recent_ones():
    now = timezone.now()
    first, second = demo_cases(now), demo_cases(now + dt.timedelta(days=3))
    assert first[:HISTORICAL] == second[:HISTORICAL]
    assert [s.national_id for s in first] == [s.national_id for s in second]
    assert len({spec.national_id for spec in first}) == len(first)
