"""PostgreSQL's own tools for the backups: which pg_dump and pg_restore, and how to connect.

pg_dump must be at least as new as the server it dumps, and pg_restore at least as new as the
pg_dump that wrote the archive. The embedded server (pgserver) ships PostgreSQL 16 with its
binaries inside the Python package; Debian's are on PATH and under /usr/lib/postgresql/*/bin.
The oldest candidate that is new enough is chosen, and the command fails clearly when none is.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

from django.conf import settings


class ToolError(RuntimeError):
    """No suitable PostgreSQL client tool, or it failed."""


@dataclass(frozen=True)
class Tool:
    path: str
    major: int


def _candidate_dirs() -> list[str]:
    dirs = []
    if settings.BACKUP_PG_BIN_DIR:
        dirs.append(settings.BACKUP_PG_BIN_DIR)
    with contextlib.suppress(ImportError):
        import pgserver

        dirs.append(str(Path(pgserver.__file__).parent / "pginstall" / "bin"))
    dirs.extend(os.environ.get("PATH", "").split(os.pathsep))
    dirs.extend(sorted(glob.glob("/usr/lib/postgresql/*/bin")))
    return [d for d in dirs if d]


def tool_version(path: str) -> int:
    out = subprocess.run(  # noqa: S603
        [path, "--version"], capture_output=True, text=True, timeout=30, check=False
    ).stdout
    match = re.search(r"\(PostgreSQL\)\s+(\d+)", out) or re.search(r"(\d+)\.\d+", out)
    if not match:
        raise ToolError(f"Cannot tell the version of {path}: {out.strip()!r}")
    return int(match.group(1))


def find_tool(name: str, *, at_least: int) -> Tool:
    """The oldest ``name`` (pg_dump, pg_restore) whose major version is ≥ ``at_least``."""
    seen: dict[str, int] = {}
    for directory in _candidate_dirs():
        path = shutil.which(name, path=directory)
        if not path:
            continue
        real = os.path.realpath(path)
        if real in seen:
            continue
        with contextlib.suppress(ToolError, OSError, subprocess.SubprocessError):
            seen[real] = tool_version(path)
    fitting = sorted((major, path) for path, major in seen.items() if major >= at_least)
    if not fitting:
        found = ", ".join(f"{p} ({m})" for p, m in sorted(seen.items())) or "none"
        raise ToolError(
            f"No {name} of PostgreSQL {at_least} or newer was found (found: {found}). Install "
            f"the client tools of the server's version, or set BACKUP_PG_BIN_DIR."
        )
    major, path = fitting[0]
    return Tool(path=path, major=major)


def server_major(cursor: Any) -> int:
    cursor.execute("SHOW server_version_num")
    return int(cursor.fetchone()[0]) // 10000


def params_from_settings(db: dict[str, Any]) -> dict[str, str]:
    """libpq connection parameters of one of Django's DATABASES entries."""
    params = {
        "dbname": db["NAME"],
        "user": db.get("USER") or "",
        "password": db.get("PASSWORD") or "",
        "host": db.get("HOST") or "",
        "port": str(db.get("PORT") or ""),
    }
    return {k: v for k, v in params.items() if v}


def params_from_url(url: str) -> dict[str, str]:
    """libpq parameters of ``postgres://user:pw@host:port/name`` (``?host=/socket/dir`` too)."""
    parsed = urlparse(url)
    if parsed.scheme not in ("postgres", "postgresql"):
        raise ToolError("The database URL must start with postgres:// or postgresql://.")
    params = {
        "dbname": unquote(parsed.path.lstrip("/")),
        "user": unquote(parsed.username or ""),
        "password": unquote(parsed.password or ""),
        "host": parsed.hostname or "",
        "port": str(parsed.port or ""),
    }
    query = parse_qs(parsed.query)
    if "host" in query:
        params["host"] = query["host"][0]
    if not params["dbname"]:
        raise ToolError("The database URL names no database.")
    return {k: v for k, v in params.items() if v}


def libpq_env(params: dict[str, str]) -> dict[str, str]:
    """The environment that points a PostgreSQL client tool at ``params`` (password included:
    it never goes on a command line, where ``ps`` would show it)."""
    names = {
        "dbname": "PGDATABASE",
        "user": "PGUSER",
        "password": "PGPASSWORD",
        "host": "PGHOST",
        "port": "PGPORT",
    }
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.update({names[k]: v for k, v in params.items()})
    return env


def connect(params: dict[str, str]):
    import psycopg2

    return psycopg2.connect(**params)
