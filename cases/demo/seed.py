"""Demonstration data: units and courts in several governorates, one user per role, and a few
hundred cases across governorates, modes and statuses.

Idempotent: every run brings the demo records to the same state and creates nothing twice. The
domain's demo records (cases now; referrals, hearings, ... later) go through the services of their
apps, so that demo data obeys the same rules as real data.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from cases.accounts import roles
from cases.accounts.middleware import requires_two_factor
from cases.accounts.models import District, Governorate, Unit, User
from cases.accounts.services import user_create, user_set_roles
from cases.casefiles.models import Case
from cases.casefiles.services import (
    case_record_intake,
    case_record_presentation,
    case_transition,
    detention_order_add,
    screening_record,
    weapon_add,
    weapon_custody_add,
)
from cases.people.models import Person

from .cases_data import ARMOURY, COURT, DEMO_PREFIX, CaseSpec, actor_for, demo_cases

K = Unit.Kind

# (code, kind, governorate, district or "", English name, Arabic name)
UNITS: tuple[tuple[str, str, str, str, str, str], ...] = (
    (
        "anb-ramadi-ps",
        K.POLICE_STATION,
        "ANB",
        "Ramadi",
        "Ramadi Central Police Station",
        "مركز شرطة الرمادي",
    ),
    (
        "anb-fallujah-ps",
        K.POLICE_STATION,
        "ANB",
        "Fallujah",
        "Fallujah Police Station",
        "مركز شرطة الفلوجة",
    ),
    (
        "anb-qaim-ps",
        K.POLICE_STATION,
        "ANB",
        "Al-Qaim",
        "Al-Qaim Police Station",
        "مركز شرطة القائم",
    ),
    (
        "anb-7-div",
        K.ARMY_UNIT,
        "ANB",
        "Ramadi",
        "7th Army Division",
        "الفرقة السابعة - الجيش العراقي",
    ),
    (
        "anb-inv-court",
        K.INVESTIGATING_COURT,
        "ANB",
        "Ramadi",
        "Anbar Investigating Court",
        "محكمة تحقيق الأنبار",
    ),
    (
        "anb-felony-court",
        K.FELONY_COURT,
        "ANB",
        "Ramadi",
        "Anbar Felony Court",
        "محكمة جنايات الأنبار",
    ),
    (
        "anb-juvenile-court",
        K.JUVENILE_COURT,
        "ANB",
        "Ramadi",
        "Anbar Juvenile Court",
        "محكمة أحداث الأنبار",
    ),
    ("anb-prison", K.PRISON, "ANB", "Ramadi", "Ramadi Detention Centre", "مركز احتجاز الرمادي"),
    ("anb-office", K.OFFICE, "ANB", "Ramadi", "Anbar Programme Office", "مكتب البرنامج في الأنبار"),
    (
        "anb-amnesty",
        K.AMNESTY_COMMITTEE,
        "ANB",
        "Ramadi",
        "Anbar Amnesty Committee",
        "لجنة العفو في الأنبار",
    ),
    (
        "sal-tikrit-ps",
        K.POLICE_STATION,
        "SAL",
        "Tikrit",
        "Tikrit Police Station",
        "مركز شرطة تكريت",
    ),
    (
        "sal-samarra-ps",
        K.POLICE_STATION,
        "SAL",
        "Samarra",
        "Samarra Police Station",
        "مركز شرطة سامراء",
    ),
    (
        "sal-inv-court",
        K.INVESTIGATING_COURT,
        "SAL",
        "Tikrit",
        "Salahuddin Investigating Court",
        "محكمة تحقيق صلاح الدين",
    ),
    (
        "sal-felony-court",
        K.FELONY_COURT,
        "SAL",
        "Tikrit",
        "Salahuddin Felony Court",
        "محكمة جنايات صلاح الدين",
    ),
    (
        "nin-mosul-ps",
        K.POLICE_STATION,
        "NIN",
        "Mosul",
        "Mosul Left Bank Police Station",
        "مركز شرطة الساحل الأيسر - الموصل",
    ),
    (
        "nin-15-div",
        K.ARMY_UNIT,
        "NIN",
        "Mosul",
        "15th Army Division",
        "الفرقة الخامسة عشرة - الجيش العراقي",
    ),
    (
        "nin-inv-court",
        K.INVESTIGATING_COURT,
        "NIN",
        "Mosul",
        "Nineveh Investigating Court",
        "محكمة تحقيق نينوى",
    ),
    (
        "nin-felony-court",
        K.FELONY_COURT,
        "NIN",
        "Mosul",
        "Nineveh Felony Court",
        "محكمة جنايات نينوى",
    ),
    ("bgd-karkh-ps", K.POLICE_STATION, "BGD", "Karkh", "Karkh Police Station", "مركز شرطة الكرخ"),
    (
        "bgd-cassation",
        K.CASSATION_COURT,
        "BGD",
        "Karkh",
        "Federal Court of Cassation",
        "محكمة التمييز الاتحادية",
    ),
    (
        "bgd-ccci",
        K.FELONY_COURT,
        "BGD",
        "Karkh",
        "Central Criminal Court",
        "المحكمة الجنائية المركزية",
    ),
    ("bgd-rusafa-prison", K.PRISON, "BGD", "Rusafa", "Rusafa Prison", "سجن الرصافة"),
    (
        "bgd-ministry",
        K.OFFICE,
        "BGD",
        "Karkh",
        "Programme Directorate (Ministry)",
        "مديرية البرنامج - الوزارة",
    ),
)


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str
    unit: str
    sees: tuple[str, ...] = ()
    national: bool = False
    language: str = "en"


USERS: tuple[DemoUser, ...] = (
    DemoUser("officer", "Ahmed", "Kadhim", roles.OFFICER, "anb-ramadi-ps", language="ar"),
    DemoUser("officer.mosul", "Yasir", "Hamdani", roles.OFFICER, "nin-mosul-ps"),
    DemoUser("investigator", "Omar", "Fahdawi", roles.INVESTIGATOR, "anb-ramadi-ps"),
    DemoUser("judge", "Sabah", "Jubouri", roles.JUDGE, "anb-inv-court"),
    DemoUser("judge.felony", "Laith", "Obaidi", roles.JUDGE, "anb-felony-court"),
    DemoUser("judge.cassation", "Adnan", "Samarrai", roles.JUDGE, "bgd-cassation", sees=("ANB",)),
    DemoUser("supervisor", "Khalid", "Alwani", roles.SUPERVISOR, "anb-office", sees=("SAL",)),
    DemoUser(
        "committee", "Nadia", "Rawi", roles.AMNESTY_COMMITTEE, "anb-amnesty", sees=("SAL", "NIN")
    ),
    DemoUser("prison", "Hassan", "Karbouli", roles.PRISON, "anb-prison"),
    DemoUser("auditor", "Suad", "Tamimi", roles.AUDITOR, "bgd-ministry", national=True),
    DemoUser("admin", "Zaid", "Mashhadani", roles.ADMINISTRATOR, "bgd-ministry", national=True),
)


def seed_units() -> dict[str, Unit]:
    """Create or update the demo units; returns them by code."""
    governorates = {g.code: g for g in Governorate.objects.all()}
    units = {}
    for code, kind, gov_code, district_en, name_en, name_ar in UNITS:
        governorate = governorates[gov_code]
        district = District.objects.filter(governorate=governorate, name_en=district_en).first()
        unit, _ = Unit.objects.update_or_create(
            code=code,
            defaults={
                "kind": kind,
                "governorate": governorate,
                "district": district,
                "name_en": name_en,
                "name_ar": name_ar,
                "is_active": True,
            },
        )
        units[code] = unit
    return units


def seed_users(units: dict[str, Unit], password: str) -> list[User]:
    """Create the demo users (one per role, and a few more), resetting their passwords."""
    governorates = {g.code: g for g in Governorate.objects.all()}
    users = []
    for spec in USERS:
        unit = units[spec.unit]
        sees = [governorates[c] for c in spec.sees]
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            user = user_create(
                username=spec.username,
                password=password,
                first_name=spec.first_name,
                last_name=spec.last_name,
                unit=unit,
                roles=[spec.role],
                governorates=sees,
                national_scope=spec.national,
                language=spec.language,
            )
        else:
            user.set_password(password)
            user.is_active = True
            user.save(update_fields=["password", "is_active"])
            user.governorates.set([unit.governorate, *sees])
            user_set_roles(user=user, roles=[spec.role])
        if spec.role == roles.ADMINISTRATOR and not user.is_superuser:
            user.is_superuser = True
            user.is_staff = True
            user.save(update_fields=["is_superuser", "is_staff"])
        users.append(user)
    return users


def demo_totp_key(username: str) -> str:
    """The demo user's TOTP key (hex): derived from his name, public, for demonstration only."""
    return hashlib.sha1(f"caseweb-demo-totp-{username}".encode()).hexdigest()  # noqa: S324


def demo_totp_secret(username: str) -> str:
    """The same key in base32, as an authenticator app takes it."""
    return base64.b32encode(bytes.fromhex(demo_totp_key(username))).decode()


def seed_two_factor(users: list[User]) -> list[User]:
    """Give each demo user whose role requires two-factor a TOTP device with a known key, so
    the demo can be signed in without enrolling a phone (``manage.py demo_otp <username>``)."""
    enrolled = []
    for user in users:
        if not requires_two_factor(user):
            continue
        TOTPDevice.objects.update_or_create(
            user=user,
            name="default",  # the name django-two-factor-auth looks for
            defaults={"key": demo_totp_key(user.username), "confirmed": True},
        )
        enrolled.append(user)
    return enrolled


def seed_cases(units: dict[str, Unit], users: dict[str, User]) -> int:
    """Open the demo cases (``cases_data``) that do not exist yet, each through the casefiles
    services from intake to its present status; returns how many were opened.

    A case exists when its person's ``DEMO-`` national ID does: case numbers are the numbering
    service's to give, so they cannot mark the demo's cases.
    """
    existing = set(
        Person.objects.filter(national_id__startswith=DEMO_PREFIX).values_list(
            "national_id", flat=True
        )
    )
    specs = [s for s in demo_cases(timezone.now()) if s.national_id not in existing]
    if not specs:
        return 0
    governorates = {g.code: g for g in Governorate.objects.all()}
    districts = {
        (d.governorate.code, d.name_en): d for d in District.objects.select_related("governorate")
    }
    for spec in specs:
        _open_case(spec, units=units, users=users, governorates=governorates, districts=districts)
    return len(specs)


def _open_case(
    spec: CaseSpec,
    *,
    units: dict[str, Unit],
    users: dict[str, User],
    governorates: dict[str, Governorate],
    districts: dict[tuple[str, str], District],
) -> Case:
    receiver = users[spec.receiver]
    person = dict(spec.person, national_id=spec.national_id)
    home = person.pop("home_governorate")
    person["home_governorate"] = governorates[home]
    person["home_district"] = districts.get((home, person.pop("home_district")))
    case = case_record_intake(
        person_data=person,
        aliases=list(spec.aliases),
        kind=spec.kind,
        receiving_unit=units[spec.unit],
        intake_data=spec.intake,
        assigned_officer=users[spec.assignee],
        by=receiver,
    )
    received_at = spec.intake["at"] + dt.timedelta(minutes=20)
    for item in spec.weapons:
        weapon = weapon_add(
            case=case,
            data={
                "kind": item.kind,
                "description": item.description,
                "serial_number": item.serial_number,
                "quantity": item.quantity,
                "condition": item.condition,
                "received_at": received_at,
                "storage_location": ARMOURY[spec.unit],
            },
            by=receiver,
        )
        if item.moved_to:
            holder, location = item.moved_to
            weapon_custody_add(
                weapon=weapon,
                to_holder=holder,
                location=location,
                note="Transferred to the divisional armoury for registration and storage.",
                by=receiver,
                at=received_at + dt.timedelta(days=4, hours=3),
            )
    if spec.presented_at:
        case_record_presentation(
            case=case, at=spec.presented_at, court=units[COURT[spec.governorate]], by=receiver
        )
    if spec.screening:
        screening_record(case=case, data=dict(spec.screening), by=receiver)
    for status, reason in spec.path:
        case = case_transition(
            case=case,
            to_status=status,
            by=users[actor_for(spec.governorate, status)],
            reason=reason,
        )
        if status == Case.Status.INVESTIGATION:
            court = units[COURT[spec.governorate]]
            for order in spec.orders:
                detention_order_add(
                    case=case,
                    data={
                        "court": court,
                        "judge_name": order.judge_name,
                        "order_number": order.order_number,
                        "starts_on": order.starts_on,
                        "ends_on": order.ends_on,
                        "recorded_at": timezone.make_aware(
                            dt.datetime.combine(order.starts_on, dt.time(12))
                        ),
                    },
                    by=users[actor_for(spec.governorate, status)],
                )
    return case


class DemoRefused(RuntimeError):
    """Demo data was asked for where it must never be (production settings)."""


@transaction.atomic
def seed_all(*, with_cases: bool = True) -> list[User]:
    """Load every app's demo data (``with_cases=False``: units and users only, for tests).
    Refuses unless ``settings.DEMO_ALLOWED``."""
    if not settings.DEMO_ALLOWED or not settings.DEMO_PASSWORD:
        raise DemoRefused("Demo data is allowed only with development settings.")
    units = seed_units()
    users = seed_users(units, settings.DEMO_PASSWORD)
    seed_two_factor(users)
    if with_cases:
        by_name = {user.username: user for user in users}
        seed_cases(units, by_name)
        for module in app_seeders():
            module.seed(units=units, users=by_name)
    return users


#: Apps above the case file that bring demo data of their own, in the order they depend.
SEEDED_APPS = (
    "referrals",
    "legal",
    "amnesty",
    "courts",
    "tribal",
    "exports",
    "imports",
    "printouts",
    "operations",
    "reports",
)


def app_seeders() -> list:
    """``cases/<app>/demo.py`` of each app that has one (each defines ``seed(units, users)``)."""
    import importlib
    import importlib.util

    modules = []
    for label in SEEDED_APPS:
        name = f"cases.{label}.demo"
        if importlib.util.find_spec(f"cases.{label}") and importlib.util.find_spec(name):
            modules.append(importlib.import_module(name))
    return modules
