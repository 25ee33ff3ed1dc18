"""Records of the referrals app for the URL matrix (tests/test_url_matrix.py)."""

from __future__ import annotations

from tests.referrals.conftest import make_referral

ROUTE_KWARGS = {
    name: (lambda world: {"pk": world.objects["referral"].pk})
    for name in (
        "referrals:detail",
        "referrals:move",
        "referrals:follow_up",
        "referrals:link",
        "referrals:surrender",
        "referrals:transfer",
        "referrals:reveal",
    )
}
ROUTE_KWARGS["referrals:transfer_decide"] = lambda world: {"pk": world.objects["transfer"].pk}


def objects(world) -> dict:
    from cases.referrals.services import referral_transfer_request
    from tests.factories import UnitFactory, governorate

    referral = make_referral(by=world.insider)
    offered = make_referral(by=world.insider)
    other_unit = UnitFactory(governorate=governorate("ANB"))
    transfer = referral_transfer_request(
        referral=offered, to_unit=other_unit, by=world.insider, reason="closer to his family"
    )
    return {"referral": referral, "transfer": transfer}
