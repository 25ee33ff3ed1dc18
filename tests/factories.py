"""factory_boy factories for every model the tests build. Reference data (governorates, districts,
role groups) comes from the migrations, as in production."""

from __future__ import annotations

import factory
from django.contrib.auth.models import Group

from cases.accounts.models import Governorate, Unit, User


def governorate(code: str) -> Governorate:
    return Governorate.objects.get(code=code)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"unit-{n}")
    kind = Unit.Kind.POLICE_STATION
    governorate = factory.LazyFunction(lambda: governorate("ANB"))
    name_en = factory.Sequence(lambda n: f"Police Station {n}")
    name_ar = factory.Sequence(lambda n: f"مركز شرطة {n}")


class UserFactory(factory.django.DjangoModelFactory):
    """A user in a unit, seeing the unit's governorate; ``roles=[...]`` puts him in role groups."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User {n}")
    unit = factory.SubFactory(UnitFactory)
    language = "en"
    password = factory.PostGenerationMethodCall("set_password", "Secret-passw0rd!")

    @factory.post_generation
    def roles(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))

    @factory.post_generation
    def governorates(self, create: bool, extracted, **kwargs) -> None:
        if not create:
            return
        seen = list(extracted or [])
        if self.unit_id:
            seen.append(self.unit.governorate)
        self.governorates.set(seen)
        self.save()


class DossierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "sealedapp.Dossier"

    label = factory.Sequence(lambda n: f"ANB-2026-{n:05d}")
    governorate = factory.LazyFunction(lambda: governorate("ANB"))


def open_deadline(record, *, kind="deadlines.follow_up", due_in=None, **kwargs):
    """A deadline of ``kind`` on ``record`` through the service, due in ``due_in``."""
    import datetime as dt

    from django.utils import timezone

    from cases.deadlines.services import deadline_open

    kwargs.setdefault("governorate", record.governorate)
    kwargs.setdefault("due_at", timezone.now() + (due_in or dt.timedelta(days=3)))
    return deadline_open(kind=kind, record=record, **kwargs)


def make_case(*, by, unit=None, kind="voluntary", person_data=None, intake=None, **kwargs):
    """A case opened through the intake service, as an officer would."""
    import datetime as dt

    from django.utils import timezone

    from cases.casefiles.services import case_record_intake

    unit = unit or by.unit
    person_data = person_data or {
        "given_name_ar": "محمد",
        "father_name_ar": "عبد الله",
        "grandfather_name_ar": "حسين",
        "family_name_ar": "الدليمي",
        "given_name_lat": "Mohammed",
        "family_name_lat": "al-Dulaimi",
        "date_of_birth": dt.date(1990, 3, 1),
    }
    intake_data = {
        "at": timezone.now() - dt.timedelta(hours=2),
        "place": "Ramadi police station",
        "affiliation": "ISIS",
        "role": "hisbah",
        "affiliated_from": dt.date(2014, 6, 1),
        **(intake or {}),
    }
    return case_record_intake(
        person_data=person_data,
        kind=kind,
        receiving_unit=unit,
        intake_data=intake_data,
        by=by,
        **kwargs,
    )
