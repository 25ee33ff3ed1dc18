"""Records of the imports app in the insider's jurisdiction (Anbar), for the URL matrix."""

from __future__ import annotations

from typing import Any


def _pk(name: str):
    return lambda world: {"pk": world.objects[name].pk}


ROUTE_KWARGS = {
    "imports:job": _pk("import_job"),
    "imports:confirm": _pk("import_job"),
    "imports:cancel": _pk("import_job"),
    "imports:status": _pk("import_job"),
    "imports:wanted_list": _pk("wanted_list"),
}


def objects(world) -> dict[str, Any]:
    from cases.imports.services import import_job_run
    from tests.imports.conftest import (
        absence_row,
        check_absences,
        check_wanted,
        confirm,
        wanted_row,
    )

    wanted = check_wanted(world.insider, [wanted_row("MATRIX/1")])
    confirm(wanted, world.insider)
    import_job_run(job_id=wanted.pk)
    wanted.refresh_from_db()
    return {
        "import_job": check_absences(world.insider, [absence_row("MATRIX-1")]),
        "wanted_list": wanted.wanted_list,
    }
