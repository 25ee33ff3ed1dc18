"""Records of the amnesty app in the insider's jurisdiction (Anbar), for the URL matrix."""

from __future__ import annotations

import datetime as dt
from typing import Any


def _pk(name: str):
    return lambda world: {"pk": world.objects[name].pk}


ROUTE_KWARGS = {
    "amnesty:decree": _pk("decree"),
    "amnesty:absence": _pk("absence"),
    "amnesty:absence_status": _pk("absence"),
    "amnesty:absence_apply": _pk("absence"),
    "amnesty:case_apply": _pk("case"),
    "amnesty:application": _pk("application"),
    "amnesty:application_review": _pk("application"),
    "amnesty:application_condition": _pk("application"),
    "amnesty:application_decide": _pk("application"),
}

#: Pages of national records: a decree is law in every governorate, so the user of another
#: jurisdiction reads it too (with his own jurisdiction's counts) instead of a 404.
NATIONAL = {"amnesty:decree"}


def objects(world) -> dict[str, Any]:
    from django.utils import timezone

    from cases.amnesty.models import Decree
    from cases.amnesty.services import absence_change_status, application_open
    from tests.amnesty.conftest import report_absence

    absence = report_absence(world.insider)
    absence = absence_change_status(
        absence=absence,
        to_status="returned",
        returned_at=timezone.now() - dt.timedelta(hours=1),
        by=world.insider,
        reason="URL matrix",
    )
    application = application_open(
        decree=Decree.objects.get(code="law-27-2016"), case=world.objects["case"], by=world.insider
    )
    return {
        "decree": Decree.objects.get(code="deserters-2015"),
        "absence": absence,
        "application": application,
    }
