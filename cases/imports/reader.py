"""Reading an uploaded list: CSV in UTF-8 (with or without the BOM Excel writes) or an Excel
workbook (.xlsx, read with openpyxl in read-only mode), within limits of size and rows.

A file that cannot be read is refused as a whole with :class:`FileRefused` and a message for the
user; the rows of one that can are returned with their row numbers as a spreadsheet shows them
(the header is row 1), blank rows skipped but counted.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .columns import cell_text

#: An uploaded file larger than this is refused before it is read.
MAX_BYTES = 5 * 1024 * 1024
#: Rows of data (after the header) in one file; a longer list is split by the unit.
MAX_ROWS = 1000
#: Columns read from a row (a sheet with thousands of empty formatted columns reads no further).
MAX_COLUMNS = 60

_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old .xls format


class FileRefused(ValueError):
    """The file as a whole cannot be imported; the message says why (translated)."""


@dataclass(frozen=True)
class Table:
    headers: list[str]
    #: (row number in the file, the cells as text)
    rows: list[tuple[int, list[str]]]


def _too_many_rows() -> FileRefused:
    return FileRefused(
        ngettext(
            "The file has more than %(max)d row. Split the list into files of at most "
            "%(max)d rows.",
            "The file has more than %(max)d rows. Split the list into files of at most "
            "%(max)d rows.",
            MAX_ROWS,
        )
        % {"max": MAX_ROWS}
    )


def read_table(name: str, data: bytes) -> Table:
    """The header and the rows of the file ``name`` with content ``data``."""
    if not data:
        raise FileRefused(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise FileRefused(
            _("The file is larger than %(mb)d MB. Split the list into smaller files.")
            % {"mb": MAX_BYTES // (1024 * 1024)}
        )
    lower = name.lower()
    if data.startswith(_OLE_MAGIC) or lower.endswith(".xls"):
        raise FileRefused(
            _("Old Excel files (.xls) cannot be read: save it as .xlsx or as CSV (UTF-8).")
        )
    if data.startswith(_XLSX_MAGIC):
        if not lower.endswith(".xlsx"):
            raise FileRefused(_("Only CSV (UTF-8) and Excel (.xlsx) files can be imported."))
        return _read_xlsx(data)
    if lower.endswith((".csv", ".txt")):
        return _read_csv(data)
    raise FileRefused(_("Only CSV (UTF-8) and Excel (.xlsx) files can be imported."))


def _table(records) -> Table:
    headers: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    for number, record in enumerate(records, start=1):
        if number > 2 * MAX_ROWS + 100:  # blank rows count too: a sheet is not read forever
            raise _too_many_rows()
        cells = [cell_text(v) for v in list(record)[:MAX_COLUMNS]]
        while cells and not cells[-1]:  # a sheet's empty formatted cells on the right
            cells.pop()
        if not any(cells):
            continue
        if headers is None:
            headers = cells
            continue
        if len(rows) >= MAX_ROWS:
            raise _too_many_rows()
        rows.append((number, cells))
    if headers is None:
        raise FileRefused(_("The file is empty."))
    if not rows:
        raise FileRefused(_("The file has a header but no rows."))
    return Table(headers=headers, rows=rows)


def _read_csv(data: bytes) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefused(
            _(
                "The file is not in UTF-8. In Excel choose “Save as”, then “CSV UTF-8 "
                "(comma delimited)”, or upload the .xlsx file itself."
            )
        ) from None
    if "\x00" in text:
        raise FileRefused(_("Only CSV (UTF-8) and Excel (.xlsx) files can be imported."))
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return _table(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as error:
        raise FileRefused(
            _("The file cannot be read as CSV: %(error)s") % {"error": error}
        ) from None


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise FileRefused(_("The Excel file cannot be read: is it damaged?")) from None
    try:
        if not workbook.worksheets:
            raise FileRefused(_("The file is empty."))
        sheet = workbook.worksheets[0]
        return _table(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS))
    finally:
        workbook.close()
