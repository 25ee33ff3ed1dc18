"""Records of the legal app in the insider's jurisdiction (Anbar), for tests/test_url_matrix.py."""

from __future__ import annotations

from typing import Any


def _case(world) -> dict[str, Any]:
    return {"pk": world.objects["case"].pk}


def _charge(world) -> dict[str, Any]:
    return {"pk": world.objects["charge"].pk}


ROUTE_KWARGS = {
    "legal:case_charges": _case,
    "legal:charge_add": _case,
    "legal:charge_facts": _charge,
    "legal:charge_withdraw": _charge,
}


def objects(world) -> dict[str, Any]:
    from cases.legal.models import Offence
    from cases.legal.services import charge_add

    charge = charge_add(
        case=world.objects["case"],
        offence=Offence.objects.get(code="atl-4-2"),
        by=world.insider,
        reason="URL matrix",
    )
    return {"charge": charge}
