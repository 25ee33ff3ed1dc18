"""The benchmark report: machine, date, commit, and one section per benchmark."""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import statistics
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The report; BENCH_REPORT names another file (the smoke test's, at a tiny scale).
REPORT = Path(os.environ.get("BENCH_REPORT") or ROOT / "docs" / "benchmarks.md")


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, {platform.platform()}"


def commit() -> str:
    try:
        return subprocess.check_output(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True
        ).strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:.0f} ms"


def write_section(name: str, body: str) -> None:
    """Replace (or add) the section ``## name`` of docs/benchmarks.md, stamped with the run."""
    stamp = (
        f"_Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {machine()}, "
        f"commit {commit()}._\n\n"
    )
    section = f"## {name}\n\n{stamp}{body.strip()}\n"
    text = (
        REPORT.read_text()
        if REPORT.exists()
        else (
            "# Benchmarks\n\nProduced by `make bench` on PostgreSQL; each figure is the median of "
            "several runs. Rerun to refresh.\n"
        )
    )
    pattern = re.compile(rf"^## {re.escape(name)}\n.*?(?=^## |\Z)", re.S | re.M)
    text = (
        pattern.sub(section + "\n", text)
        if pattern.search(text)
        else text.rstrip() + "\n\n" + section
    )
    REPORT.write_text(text.rstrip() + "\n")
