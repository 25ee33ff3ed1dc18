"""Fixtures of the exports tests: a private directory of their own for the files, and helpers
that run an export through the services as the page and the worker would."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest


@pytest.fixture(autouse=True)
def export_root(settings, tmp_path):
    """Every test writes its files under its own temporary directory, never var/exports."""
    settings.EXPORTS_ROOT = str(tmp_path / "exports")
    return tmp_path / "exports"


def run_export(user, dataset="cases", fmt="csv", *, scope="", query="", language="en"):
    """Ask for an export as the confirmation page does, then run it as the worker does."""
    from cases.exports.services import export_preview, export_request, export_run

    preview = export_preview(user=user, dataset=dataset, scope=scope, query=query)
    job = export_request(
        user=user, dataset=dataset, format=fmt, filters=preview.filters, language=language
    )
    return export_run(job_id=job.pk)


def csv_rows(job) -> list[list[str]]:
    with job.file.open("rb") as handle:
        raw = handle.read()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM, for Excel"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def xlsx_rows(job) -> list[list]:
    from openpyxl import load_workbook

    with job.file.open("rb") as handle:
        book = load_workbook(io.BytesIO(handle.read()), read_only=True)
    sheet = book.worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def file_bytes(job) -> bytes:
    """Every byte the file holds, an .xlsx unpacked (its XML is compressed in the zip)."""
    with job.file.open("rb") as handle:
        raw = handle.read()
    if job.format == "xlsx":
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return b"".join(archive.read(name) for name in archive.namelist())
    return raw
