"""``make bench`` end to end at a tiny scale: the dataset, the pages with their floors and stock
peers, the throughput under gunicorn and wrk, the sweep and the name candidates, each writing its
section of the report. Minutes long (a database is created and migrated): marked ``integration``
and run only with BENCH_SMOKE=1, against a database and a report of its own."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not os.environ.get("BENCH_SMOKE"), reason="set BENCH_SMOKE=1 to run"),
]


def test_make_bench_runs_end_to_end_at_a_tiny_scale(tmp_path):
    report = tmp_path / "benchmarks.md"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "BENCH_DATABASE_NAME": "caseweb_bench_smoke",
        "BENCH_REPORT": str(report),
    }
    args = "--scale 0.0005 --regenerate --runs 1 --warmup 1 --duration 2 --queries 5"
    result = subprocess.run(
        ["make", "bench", f"BENCH_ARGS={args}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    text = report.read_text()
    for section in (
        "## Pages at scale",
        "## Throughput",
        "## Deadline sweep",
        "## Name candidates",
    ):
        assert section in text
    assert "| Case list, deep page" in text and "| Docket, this week" in text
    assert "500 persons, 500" in text  # the dataset at this scale
    assert "requests/s" in text and "÷ trivial view" in text
