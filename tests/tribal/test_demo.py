"""The tribal track's demo data: through the services, on the demo cases of Anbar, once."""

from __future__ import annotations

import pytest

from cases.casefiles.models import Case
from cases.demo.seed import seed_units
from cases.tribal import demo
from cases.tribal.models import (
    Disavowal,
    FamilyLink,
    FollowUpVisit,
    Guarantee,
    Panel,
    Petition,
    ProtectionMeasure,
    ReturnHome,
    Sheikh,
)
from tests.factories import UserFactory, make_case
from tests.tribal.builders import walk

pytestmark = pytest.mark.django_db

TO_TRIAL = ("screening", "investigation", "referred_to_trial", "trial")


def demo_case(by, n: int, *path: str) -> Case:
    case = make_case(
        by=by,
        person_data={"given_name_ar": f"رجل {n}", "family_name_ar": "الدليمي"},
    )
    case.person.national_id = f"DEMO-{n:04d}"
    case.person.save()
    return walk(case, *path, by=by)


def counts() -> dict[str, int]:
    models = (Sheikh, Panel, Petition, Disavowal, Guarantee, ReturnHome, FollowUpVisit, FamilyLink)
    return {m.__name__: m.objects.count() for m in models}


def test_the_demo_has_a_disavowal_a_guarantee_a_panel_and_a_returnee_and_is_idempotent():
    units = seed_units()
    officer = UserFactory(unit=units["anb-ramadi-ps"], roles=["officer"], username="officer")
    supervisor = UserFactory(unit=units["anb-office"], roles=["supervisor"], username="supervisor")
    users = {"officer": officer, "supervisor": supervisor}
    returnee = demo_case(officer, 1, "screening", "released")
    for n in range(2, 6):
        demo_case(officer, n, *TO_TRIAL)
    demo_case(officer, 6, "screening", "released")

    demo.seed(units=units, users=users)

    returnee.refresh_from_db()
    assert returnee.status == "reintegration"
    home = ReturnHome.objects.get(case=returnee)
    assert home.guarantee.status == "active" and home.clearance.status == "granted"
    assert FollowUpVisit.objects.filter(case=returnee, status="done").exists()
    assert FollowUpVisit.objects.filter(case=returnee, status="planned").exists()
    assert ProtectionMeasure.objects.filter(case=returnee, status="active").exists()
    assert set(Disavowal.objects.values_list("status", flat=True)) == {"withdrawn", "upheld"}
    panel = Panel.objects.get(name=demo.DEMO_PANEL)
    assert panel.members.filter(kind="tribal").count() == 3
    assert panel.members.filter(kind="military").exists()
    assert panel.sittings.filter(status="held").exists()
    assert panel.sittings.filter(status="scheduled").exists()
    assert set(panel.petitions.values_list("status", flat=True)) == {"decided", "listed"}
    assert Guarantee.objects.filter(breaches__isnull=False).exists()
    before = counts()

    demo.seed(units=units, users=users)

    assert counts() == before


def test_the_demo_seeds_nothing_without_the_demo_cases():
    units = seed_units()
    officer = UserFactory(unit=units["anb-ramadi-ps"], roles=["officer"])
    demo.seed(units=units, users={"officer": officer, "supervisor": officer})
    assert not Panel.objects.exists() and not Sheikh.objects.exists()
