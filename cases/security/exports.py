"""Safe exports: a cell that a spreadsheet would run as a formula is defused."""

from __future__ import annotations

from typing import Any

#: A leading character that makes Excel or LibreOffice read a cell as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """``value`` as it may go into a CSV cell: text that starts like a formula gets a leading
    apostrophe (OWASP's advice against CSV injection); numbers and dates are left alone."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
