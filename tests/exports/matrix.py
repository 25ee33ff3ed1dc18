"""Records of the exports app for the URL matrix (tests/test_url_matrix.py): an export of the
insider's own. Anyone else (the outsider included, whatever his roles) must get 404."""

from __future__ import annotations

ROUTE_KWARGS = {
    name: (lambda world: {"pk": world.objects["export"].pk})
    for name in ("exports:job", "exports:status", "exports:download")
}


def objects(world) -> dict:
    from cases.exports.services import export_preview, export_request

    preview = export_preview(user=world.insider, dataset="cases")
    job = export_request(user=world.insider, dataset="cases", format="csv", filters=preview.filters)
    return {"export": job}
