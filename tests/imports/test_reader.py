"""Reading the uploaded file: CSV (UTF-8, with or without BOM) and .xlsx, and the files refused
as a whole with a message."""

from __future__ import annotations

import datetime as dt

import pytest

from cases.imports import reader
from cases.imports.reader import FileRefused, read_table
from tests.imports.conftest import csv_bytes, xlsx_bytes

HEADERS = ["الرقم العسكري", "الاسم الرباعي", "تاريخ الغياب"]
ROWS = [
    ["7D-1", "حسين علي خلف الدليمي", "2015-01-10"],
    ["7D-2", "عمر خلف حمد الفهداوي", "10/02/2015"],
]


@pytest.mark.parametrize("bom", [True, False])
def test_csv_in_utf8_with_or_without_bom(bom):
    table = read_table("list.csv", csv_bytes(HEADERS, ROWS, bom=bom))
    assert table.headers == HEADERS
    assert table.rows == [(2, ROWS[0]), (3, ROWS[1])]


def test_csv_with_semicolons_as_excel_writes_in_some_locales():
    table = read_table("list.csv", csv_bytes(HEADERS, ROWS, delimiter=";"))
    assert table.rows[1] == (3, ROWS[1])


def test_blank_rows_are_skipped_but_the_row_numbers_stay_those_of_the_file():
    table = read_table("list.csv", csv_bytes(HEADERS, [ROWS[0], ["", "", ""], ROWS[1]]))
    assert [line for line, _cells in table.rows] == [2, 4]


def test_xlsx_built_with_openpyxl_with_real_dates_and_numbers():
    rows = [[7001, "حسين علي خلف الدليمي", dt.datetime(2015, 1, 10)], ["7D-2", "عمر", "10/02/2015"]]
    table = read_table("list.xlsx", xlsx_bytes(HEADERS, rows))
    assert table.headers == HEADERS
    assert table.rows[0] == (2, ["7001", "حسين علي خلف الدليمي", "2015-01-10"])
    assert table.rows[1] == (3, ["7D-2", "عمر", "10/02/2015"])


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("list.pdf", b"%PDF-1.4 ...", "Only CSV"),
        ("list.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", ".xls"),
        ("list.csv", "الرقم,الاسم\n1,حسين\n".encode("cp1256"), "not in UTF-8"),
        ("list.csv", b"", "empty"),
        ("list.csv", csv_bytes(HEADERS, []), "no rows"),
        ("list.xlsx", b"PK\x03\x04 not really a workbook", "damaged"),
        ("list.docx.csv", b"PK\x03\x04 zip", "Only CSV"),
    ],
)
def test_files_refused_with_a_message(name, data, says):
    with pytest.raises(FileRefused) as refused:
        read_table(name, data)
    assert says in str(refused.value)


def test_size_and_row_limits(monkeypatch):
    monkeypatch.setattr(reader, "MAX_ROWS", 3)
    with pytest.raises(FileRefused, match="more than 3 rows"):
        read_table("list.csv", csv_bytes(HEADERS, ROWS * 2))
    assert len(read_table("list.csv", csv_bytes(HEADERS, ROWS + ROWS[:1])).rows) == 3
    with pytest.raises(FileRefused, match="more than 3 rows"):
        read_table("list.xlsx", xlsx_bytes(HEADERS, ROWS * 2))
    monkeypatch.setattr(reader, "MAX_BYTES", 100)
    with pytest.raises(FileRefused, match="larger than"):
        read_table("list.csv", csv_bytes(HEADERS, ROWS * 5))
