"""The tribal track's routes in the URL matrix: records in the insider's jurisdiction (Anbar)."""

from __future__ import annotations

from typing import Any

from cases.tribal import services
from tests.factories import make_case
from tests.tribal.builders import (
    days,
    make_disavowal,
    make_guarantee,
    make_panel,
    make_petition,
    make_settlement,
    make_sheikh,
    make_sitting,
    returned_case,
)


def _pk(name: str):
    return lambda world: {"pk": world.objects[name].pk}


_case = _pk("tribal_case")

ROUTE_KWARGS = {
    "tribal:sheikh": _pk("sheikh"),
    "tribal:sheikh_edit": _pk("sheikh"),
    "tribal:case": _case,
    "tribal:family": _case,
    "tribal:family_search": _case,
    "tribal:family_add": _case,
    "tribal:disavowal_new": _case,
    "tribal:guarantee_new": _case,
    "tribal:settlement_new": _case,
    "tribal:petition_new": _case,
    "tribal:clearance_new": _case,
    "tribal:return_new": _case,
    "tribal:visit_new": _pk("returnee"),
    "tribal:protection_new": _case,
    "tribal:close": _pk("returnee"),
    "tribal:family_remove": _pk("family_link"),
    "tribal:disavowal": _pk("disavowal"),
    "tribal:disavowal_decide": _pk("disavowal"),
    "tribal:guarantee": _pk("guarantee"),
    "tribal:guarantee_report": _pk("guarantee"),
    "tribal:guarantee_breach": _pk("guarantee"),
    "tribal:guarantee_end": _pk("guarantee"),
    "tribal:settlement": _pk("settlement"),
    "tribal:settlement_move": _pk("settlement"),
    "tribal:settlement_waiver": _pk("settlement"),
    "tribal:settlement_payment": _pk("settlement"),
    "tribal:panel": _pk("panel"),
    "tribal:member_add": _pk("panel"),
    "tribal:sitting_new": _pk("panel"),
    "tribal:member_leave": _pk("member"),
    "tribal:sitting": _pk("sitting"),
    "tribal:sitting_held": _pk("sitting"),
    "tribal:sitting_call_off": _pk("sitting"),
    "tribal:petition": _pk("petition"),
    "tribal:petition_list_at": _pk("petition"),
    "tribal:petition_decide": _pk("petition"),
    "tribal:petition_withdraw": _pk("petition"),
    "tribal:clearance": _pk("clearance"),
    "tribal:visit": _pk("visit"),
    "tribal:visit_cancel": _pk("visit"),
    "tribal:protection_end": _pk("protection"),
}


def objects(world) -> dict[str, Any]:
    """One record of each kind in Anbar, made by the insider."""
    by = world.insider
    case = make_case(by=by)
    relative = make_case(by=by).person
    returnee = returned_case(by)
    panel = make_panel(by)
    sitting = make_sitting(panel, by)
    petition = make_petition(case, panel, by)
    services.petition_list(petition=petition, sitting=sitting, by=by)
    clearance = services.clearance_request(
        case=case, requested_on=days(-5), requested_from="NSS Anbar", note="", by=by
    )
    return {
        "tribal_case": case,
        "returnee": returnee,
        "sheikh": make_sheikh(by),
        "family_link": services.family_link_add(
            person=case.person, relative=relative, relation="sibling", by=by
        ),
        "disavowal": make_disavowal(case, by),
        "guarantee": make_guarantee(case, by),
        "settlement": make_settlement(case, by),
        "panel": panel,
        "member": services.panel_member_add(
            panel=panel,
            data={
                "kind": "military",
                "role": "chair",
                "name": "Brig. Salah",
                "since": panel.established_on,
            },
            by=by,
        ),
        "sitting": sitting,
        "petition": petition,
        "clearance": clearance,
        "visit": returnee.follow_up_visits.get(),
        "protection": services.protection_start(
            case=case,
            data={"kind": "patrol", "protected": "His parents", "starts_on": panel.established_on},
            by=by,
        ),
    }
