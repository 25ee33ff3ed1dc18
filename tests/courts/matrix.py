"""Records of the courts in the insider's jurisdiction (Anbar), for the URL matrix: a case at
trial with a hearing, a verdict sent to cassation, and a commutation request waiting."""

from __future__ import annotations

import datetime as dt
from typing import Any


def _pk(name: str):
    return lambda world: {"pk": world.objects[name].pk}


ROUTE_KWARGS = {
    "courts:case": _pk("court_case"),
    "courts:hearing_new": _pk("court_case"),
    "courts:verdict": _pk("court_case"),
    "courts:hearing": _pk("hearing"),
    "courts:hearing_outcome": _pk("hearing"),
    "courts:verdict_final": _pk("verdict"),
    "courts:cassation_new": _pk("verdict"),
    "courts:cassation_decide": _pk("cassation"),
    "courts:commutation_new": _pk("sentence"),
    "courts:commutation": _pk("commutation"),
    "courts:commutation_decide": _pk("commutation"),
}


def objects(world) -> dict[str, Any]:
    from django.utils import timezone

    from cases.accounts import roles
    from cases.courts.services import (
        cassation_file,
        commutation_request,
        hearing_schedule,
        verdict_record,
    )
    from tests.courts.conftest import bring_to_trial, convict
    from tests.factories import UnitFactory, UserFactory, governorate, make_case

    court = UnitFactory(governorate=governorate("ANB"), kind="felony_court")
    judge = UserFactory(unit=court, roles=[roles.JUDGE])
    case = bring_to_trial(make_case(by=world.insider), world.insider)
    hearing = hearing_schedule(
        case=case,
        court=court,
        judge=judge,
        scheduled_at=timezone.now() + dt.timedelta(days=3),
        kind="trial",
        by=judge,
    )
    verdict = verdict_record(
        case=case,
        version=0,
        court=court,
        findings=convict(case, years=9),
        decided_on=timezone.localdate(),
        by=judge,
    )
    commutation = commutation_request(sentence=verdict.sentence, by=world.insider)
    cassation = cassation_file(verdict=verdict, grounds="URL matrix", by=judge)
    return {
        "court_case": case,
        "hearing": hearing,
        "verdict": verdict,
        "sentence": verdict.sentence,
        "cassation": cassation,
        "commutation": commutation,
    }
