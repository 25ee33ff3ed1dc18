"""Demo charges: Anti-Terrorism Law articles on nine of Anbar's demo cases under investigation or
trial, so that the charges section, the detention cap and the amnesty engine have something to
read. Three are charged with harbouring (4/2, no death: facts established), three with terrorist
acts that caused a death (4/1, established), three with 4/1 whose consequences are not yet
established. Idempotent: once the demo charges exist, nothing is added.
"""

from __future__ import annotations

from cases.casefiles.models import Case
from cases.demo.cases_data import DEMO_PREFIX

from .models import Charge, Offence
from .services import charge_add, charge_record_facts

MARK = "Demo: investigating judge's charge"
S = Case.Status

#: (offence, facts of the charge, established)
PLAN = (
    ("atl-4-2", [], True),
    ("atl-4-1", ["death_or_disability"], True),
    ("atl-4-1", [], False),
)


def _to_charge() -> list[Case]:
    """The demo cases that take the demo charges: the first of Anbar's under investigation or
    trial, by number."""
    return list(
        Case.objects.filter(
            governorate__code="ANB",
            person__national_id__startswith=DEMO_PREFIX,
            status__in=[S.INVESTIGATION, S.REFERRED_TO_TRIAL, S.TRIAL],
        ).order_by("number")[: 3 * len(PLAN)]
    )


def demo_charged_cases() -> list[Case]:
    """The cases that carry the demo charges, by number (the same on every run, whatever has
    happened to them since: the amnesty demo grants one)."""
    return list(Case.objects.filter(charges__added_reason=MARK).distinct().order_by("number"))


def seed(*, units, users) -> int:
    """Charge the demo cases once; returns how many charges were added."""
    if Charge.objects.filter(added_reason=MARK).exists():
        return 0
    by = users.get("investigator") or users["officer"]
    offences = {o.code: o for o in Offence.objects.filter(code__in={p[0] for p in PLAN})}
    added = 0
    for i, case in enumerate(_to_charge()):
        code, flags, established = PLAN[i % len(PLAN)]
        charge = charge_add(case=case, offence=offences[code], by=by, reason=MARK)
        if flags or established:
            charge_record_facts(
                charge=charge,
                flags=flags,
                facts_established=established,
                by=by,
                reason="Demo: investigation report",
            )
        added += 1
    return added
