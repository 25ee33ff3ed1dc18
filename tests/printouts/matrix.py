"""The printed case file in the URL matrix: the case of the insider's jurisdiction (Anbar)."""

from __future__ import annotations

from typing import Any

ROUTE_KWARGS = {"printouts:case_file": lambda world: {"pk": world.objects["case"].pk}}


def objects(world) -> dict[str, Any]:
    return {}
