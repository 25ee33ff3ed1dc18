"""A small programme whose figures are counted by hand (tests/reports/test_dashboard.py).

The clock stands at 20 June 2026, noon in Baghdad; the period tested is January to June 2026.
The supervisor sees Anbar (his unit's) and Salahuddin; Nineveh is another jurisdiction. Every
dataset also holds records that must NOT be counted: before the period, and in Nineveh.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from cases.accounts import roles
from cases.casefiles.services import case_transition
from cases.deadlines.models import Deadline
from cases.deadlines.services import deadline_cancel, deadline_meet
from cases.reports.dashboard import DashboardFilters
from tests.factories import DossierFactory, UnitFactory, UserFactory, governorate, make_case
from tests.factories import open_deadline as open_deadline_on

BAGHDAD = ZoneInfo("Asia/Baghdad")
NOW = dt.datetime(2026, 6, 20, 12, 0, tzinfo=BAGHDAD)
PERIOD = DashboardFilters(date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 6, 30))
ADULT = dt.date(1990, 3, 1)
#: 14 at the start of the acts (affiliated from 1 June 2014): a juvenile, 9 to 15.
JUVENILE = dt.date(2000, 1, 1)


def baghdad(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BAGHDAD)


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(NOW, tick=False)
    return NOW


@pytest.fixture
def fallujah_unit(db):
    return UnitFactory(governorate=governorate("ANB"), name_en="Fallujah Police Station")


@pytest.fixture
def tikrit_unit(db):
    return UnitFactory(governorate=governorate("SAL"), name_en="Tikrit Police Station")


@pytest.fixture
def nineveh_supervisor(nineveh_unit):
    return UserFactory(unit=nineveh_unit, roles=[roles.SUPERVISOR], username="supervisor.nin")


@pytest.fixture
def committee(db):
    unit = UnitFactory(governorate=governorate("ANB"), kind="amnesty_committee")
    return UserFactory(unit=unit, roles=[roles.AMNESTY_COMMITTEE], username="committee")


@pytest.fixture
def national_admin(db):
    unit = UnitFactory(governorate=governorate("BGD"), kind="office", name_en="Ministry")
    return UserFactory(
        unit=unit, roles=[roles.ADMINISTRATOR], username="admin.national", national_scope=True
    )


def intake(by, unit, at, *, kind="voluntary", dob=ADULT):
    person = {
        "given_name_ar": "محمد",
        "family_name_ar": "الدليمي",
        "given_name_lat": "Mohammed",
        "family_name_lat": "al-Dulaimi",
        "date_of_birth": dob,
    }
    return make_case(by=by, unit=unit, kind=kind, person_data=person, intake={"at": at})


def judge_deadline(case) -> Deadline:
    return Deadline.objects.for_object(case).get(kind__code="casefiles.judge_24h")


@pytest.fixture
def intakes(clock, officer, outsider, anbar_unit, fallujah_unit, tikrit_unit, nineveh_unit):
    """Nine intakes, seven of them counted; and their 24-hour deadlines brought to each outcome.

    | case | opened (Baghdad) | mode        | unit     | juv. | stage now   | 24-hour deadline   |
    | C1   | 2026-01-10 10:00 | voluntary   | Ramadi   |      | surrendered | met on time        |
    | C2   | 2026-01-20 10:00 | arrest      | Ramadi   |      | screening   | met late           |
    | C3   | 2026-03-05 10:00 | voluntary   | Fallujah | yes  | screening   | overdue (open)     |
    | C4   | 2026-03-31 23:30 | handed over | Tikrit   | yes  | surrendered | missed (cancelled) |
    | C5   | 2026-05-02 10:00 | voluntary   | Tikrit   |      | surrendered | overdue (missed)   |
    | C6   | 2026-05-15 10:00 | deserter    | Ramadi   |      | surrendered | none (deserter)    |
    | C9   | 2026-06-19 23:00 | arrest      | Ramadi   |      | arrested    | due 06-20 23:00    |
    | C7   | 2025-12-31 23:30 | voluntary   | Ramadi   |      | before the period | overdue      |
    | C8   | 2026-02-10 10:00 | voluntary   | Mosul    | yes  | Nineveh: never counted             |

    C7 is not counted as an intake, but its deadline falls due on 1 January 2026: counted.
    C4 at 23:30 on 31 March is 20:30 UTC: it belongs to March in Baghdad. C7 at 23:30 on 31
    December is still 2025. A follow-up deadline on a dossier of Anbar, due 23 June, is
    cancelled before its time (cancelled, not missed).
    """
    c1 = intake(officer, anbar_unit, baghdad(2026, 1, 10, 10, 0))
    c2 = intake(officer, anbar_unit, baghdad(2026, 1, 20, 10, 0), kind="arrest")
    c3 = intake(officer, fallujah_unit, baghdad(2026, 3, 5, 10, 0), dob=JUVENILE)
    c4 = intake(
        officer, tikrit_unit, baghdad(2026, 3, 31, 23, 30), kind="handed_over", dob=JUVENILE
    )
    c5 = intake(officer, tikrit_unit, baghdad(2026, 5, 2, 10, 0))
    c6 = intake(officer, anbar_unit, baghdad(2026, 5, 15, 10, 0), kind="deserter_return")
    c9 = intake(officer, anbar_unit, baghdad(2026, 6, 19, 23, 0), kind="arrest")
    c7 = intake(officer, anbar_unit, baghdad(2025, 12, 31, 23, 30))
    c8 = intake(outsider, nineveh_unit, baghdad(2026, 2, 10, 10, 0), dob=JUVENILE)
    for case in (c2, c3):
        case_transition(case=case, to_status="screening", by=officer, reason="test")
    deadline_meet(deadline=judge_deadline(c1), by=officer, at=baghdad(2026, 1, 10, 18, 0))
    deadline_meet(deadline=judge_deadline(c2), by=officer, at=baghdad(2026, 1, 22, 9, 0))
    deadline_cancel(deadline=judge_deadline(c4), by=officer, reason="test: given up")
    Deadline.objects.filter(pk=judge_deadline(c5).pk).update(
        status=Deadline.Status.MISSED, missed_at=baghdad(2026, 5, 3, 10, 1)
    )
    dossier = DossierFactory(governorate=governorate("ANB"))
    follow_up = open_deadline_on(dossier, due_in=dt.timedelta(days=3), responsible_user=officer)
    deadline_cancel(deadline=follow_up, by=officer, reason="test: no longer applies")
    return {
        "c1": c1,
        "c2": c2,
        "c3": c3,
        "c4": c4,
        "c5": c5,
        "c6": c6,
        "c7": c7,
        "c8": c8,
        "c9": c9,
    }


@pytest.fixture
def referral_set(clock, officer, outsider, anbar_unit, tikrit_unit):
    """Six referrals, four counted (received January to June 2026 in Anbar or Salahuddin):

    | referral | received (Baghdad) | unit   | status now  | counted                        |
    | R1       | 2026-02-01 09:00   | Ramadi | surrendered | yes: led to a surrender (C10)  |
    | R2       | 2026-03-01 09:00   | Ramadi | assessing   | yes                            |
    | R3       | 2026-04-01 09:00   | Tikrit | received    | yes                            |
    | R4       | 2026-04-10 09:00   | Ramadi | closed      | yes                            |
    | R5       | 2025-12-15 09:00   | Ramadi | received    | no: before the period          |
    | R6       | 2026-03-01 09:00   | Mosul  | received    | no: Nineveh                    |
    """
    from cases.referrals.services import referral_record_surrender, referral_transition
    from tests.referrals.conftest import make_referral

    r1 = make_referral(by=officer, received_at=baghdad(2026, 2, 1, 9, 0))
    r2 = make_referral(by=officer, received_at=baghdad(2026, 3, 1, 9, 0))
    r3 = make_referral(by=officer, unit=tikrit_unit, received_at=baghdad(2026, 4, 1, 9, 0))
    r4 = make_referral(by=officer, received_at=baghdad(2026, 4, 10, 9, 0))
    make_referral(by=officer, received_at=baghdad(2025, 12, 15, 9, 0))
    make_referral(by=outsider, received_at=baghdad(2026, 3, 1, 9, 0))
    referral_record_surrender(
        referral=r1,
        by=officer,
        person=None,
        person_data={"given_name_ar": "عمر", "family_name_ar": "الراوي"},
        aliases=[],
        kind="voluntary",
        receiving_unit=anbar_unit,
        intake_data={
            "at": baghdad(2026, 2, 5, 10, 0),
            "place": "Ramadi police station",
            "affiliation": "ISIS",
            "role": "hisbah",
        },
    )
    referral_transition(referral=r2, to_status="assessing", by=officer, note="test")
    referral_transition(
        referral=r4, to_status="closed", by=officer, note="test", close_reason="unfounded"
    )
    return {"r1": r1, "r2": r2, "r3": r3, "r4": r4}


@pytest.fixture
def felony_court(db):
    return UnitFactory(
        governorate=governorate("ANB"), kind="felony_court", name_en="Anbar Felony Court"
    )


@pytest.fixture
def felony_judge(felony_court):
    return UserFactory(unit=felony_court, roles=[roles.JUDGE], username="judge.felony")


def _tried(case, by, codes, judge, court, findings, decided_on):
    from cases.courts.services import Finding, verdict_record
    from tests.courts.conftest import bring_to_trial

    case = bring_to_trial(case, by, codes=codes)
    charges = list(case.charges.filter(status="active").order_by("pk"))
    return verdict_record(
        case=case,
        version=0,
        court=court,
        findings=[Finding(charge=c, **f) for c, f in zip(charges, findings, strict=True)],
        decided_on=decided_on,
        by=judge,
    )


CONVICTED_10Y = {"finding": "convicted", "penalty": "temporary", "years": 10}
CONVICTED_2Y = {"finding": "convicted", "penalty": "imprisonment", "years": 2}
ACQUITTED = {"finding": "acquitted"}


@pytest.fixture
def verdict_set(clock, officer, outsider, felony_court, felony_judge, nineveh_unit):
    """Five verdicts, three counted (given January to June 2026 on cases of Anbar):

    | verdict | given      | charges: findings                        | sentence now          |
    | V1      | 2026-03-10 | 1: convicted, temporary 10 years         | 10 years (3,652 days) |
    | V2      | 2026-04-10 | 2: convicted imprisonment 2 y, acquitted | 2 years (730 days)    |
    | V3      | 2026-05-10 | 1: acquitted                             | none                  |
    | V4      | 2025-11-01 | 1: convicted 10 years                    | not counted: before   |
    | V5      | 2026-03-10 | Nineveh, convicted 10 years              | not counted: Nineveh  |

    Commutation requests made in the period: on V1 (waiting) and on V2 (rejected).
    """
    from cases.courts.services import commutation_decide, commutation_request

    nineveh_court = UnitFactory(governorate=governorate("NIN"), kind="felony_court")
    nineveh_judge = UserFactory(unit=nineveh_court, roles=[roles.JUDGE])

    def tried(by, codes, findings, decided_on, *, judge=felony_judge, court=felony_court):
        return _tried(make_case(by=by), by, codes, judge, court, findings, decided_on)

    v1 = tried(officer, ("atl-4-1",), [CONVICTED_10Y], dt.date(2026, 3, 10))
    v2 = tried(officer, ("atl-4-1", "atl-4-2"), [CONVICTED_2Y, ACQUITTED], dt.date(2026, 4, 10))
    tried(officer, ("atl-4-1",), [ACQUITTED], dt.date(2026, 5, 10))
    tried(officer, ("atl-4-1",), [CONVICTED_10Y], dt.date(2025, 11, 1))
    tried(
        outsider,
        ("atl-4-1",),
        [CONVICTED_10Y],
        dt.date(2026, 3, 10),
        judge=nineveh_judge,
        court=nineveh_court,
    )
    commutation_request(sentence=v1.sentence, by=felony_judge)
    rejected = commutation_request(sentence=v2.sentence, by=felony_judge)
    commutation_decide(
        request=rejected,
        version=v2.version,
        decision="rejected",
        reasons="test",
        by=felony_judge,
    )
    return {"v1": v1, "v2": v2}


@pytest.fixture
def army_unit(db):
    return UnitFactory(governorate=governorate("ANB"), kind="army_unit", name_en="7th Division")


@pytest.fixture
def absence_set(clock, officer, outsider, anbar_unit, army_unit):
    """Six absences, five counted (Anbar). The 2015 decision on deserters (seeded) covers those
    absent by the day it took effect; its window closed at the end of 30 May 2015.

    | absence | unit       | absent since | returned           | counts for the 2015 window       |
    | A1      | Ramadi     | 2015-01-01   | 2015-05-10 10:00   | returned within the window       |
    | A2      | Ramadi     | 2015-01-01   | 2015-07-01 10:00   | returned after it                |
    | A3      | Ramadi     | 2015-01-01   | (away)             | not returned                     |
    | A4      | 7th Div.   | 2026-02-01   | (away)             | not covered (left after it)      |
    | A5      | 7th Div.   | 2014-06-01   | 2026-03-01 10:00   | returned after it                |
    | A6      | Mosul      | 2015-01-01   | 2015-05-10 10:00   | Nineveh: never counted           |

    In the period (2026): A4 left, A5 returned. Away now: A3, A4.
    """
    from cases.amnesty.services import absence_change_status
    from tests.amnesty.conftest import report_absence

    def returned(absence, at):
        return absence_change_status(
            absence=absence, to_status="returned", returned_at=at, by=officer, reason="test"
        )

    a1 = report_absence(officer, absent_since=dt.date(2015, 1, 1))
    a2 = report_absence(officer, absent_since=dt.date(2015, 1, 1))
    report_absence(officer, absent_since=dt.date(2015, 1, 1))
    report_absence(officer, unit=army_unit, absent_since=dt.date(2026, 2, 1))
    a5 = report_absence(officer, unit=army_unit, absent_since=dt.date(2014, 6, 1))
    a6 = report_absence(outsider, absent_since=dt.date(2015, 1, 1))
    returned(a1, baghdad(2015, 5, 10, 10, 0))
    returned(a2, baghdad(2015, 7, 1, 10, 0))
    returned(a5, baghdad(2026, 3, 1, 10, 0))
    absence_change_status(
        absence=a6,
        to_status="returned",
        returned_at=baghdad(2015, 5, 10, 10, 0),
        by=outsider,
        reason="test",
    )
