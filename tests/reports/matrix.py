"""The dashboard's routes for the URL matrix."""

from __future__ import annotations

from typing import Any

ROUTE_KWARGS = {"reports:dashboard_csv": lambda world: {"panel": "surrenders"}}

#: A panel's export is not a record of Anbar: a supervisor of another governorate gets the same
#: export of his own jurisdiction's figures (tests/reports/test_dashboard.py checks that nothing
#: of Anbar is in it), not a 404.
NATIONAL = {"reports:dashboard_csv"}


def objects(world) -> dict[str, Any]:
    return {}
