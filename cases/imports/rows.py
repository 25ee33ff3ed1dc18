"""Checking the rows of a list, one by one, before anything is saved. Pure functions of plain
values: what they need from the database (the user's units, the men already reported away, the
warrants already imported) comes in a context built by :mod:`cases.imports.selectors`.

A checked row is a plain dict, stored as JSON on the import job::

    {"line": 7,                         # its row number in the file (the header is row 1)
     "cells": {"service_number": "…"},  # the cells as read, by column
     "values": {…},                     # what will be written (dates as ISO text)
     "errors": [{"column": "absent_since", "code": "date_invalid", "params": {…}}],
     "known_person": 12 | None,         # absences: the man his service number identifies
     "candidates": [{"id": 12, "score": 0.91, "reasons": [...]}],
     "proposed": 12 | None,             # the candidate proposed (likely, clear of the next)
     "choice": 12 | None}               # the person the user confirmed (set on confirmation)

Errors are stored as codes with their parameters and rendered by :func:`error_message` in the
reader's language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .columns import (
    ABSENCES,
    CellError,
    column_label,
    normalize_header,
    parse_birth,
    parse_date,
    split_full_name,
)

MESSAGES: dict[str, Any] = {
    "required": _("This column is required."),
    "too_long": _("At most %(max)d characters."),
    "date_invalid": _("“%(value)s” is not a date: write 2015-01-10 or 10/01/2015."),
    "date_future": _("The date cannot be in the future."),
    "date_too_old": _("The date is before 1950: check it."),
    "year_out_of_range": _("“%(value)s” is not a year or date of birth."),
    "names_missing": _("Give at least his given name and his father's name."),
    "unit_unknown": _("No unit “%(value)s” is known: give its code or its name."),
    "unit_outside": _("The unit “%(value)s” is not one of yours: import only your units' lists."),
    "circumstances_unknown": _(
        "“%(value)s” is not a circumstance: fled, absent, or self-harm (هروب، غياب، إيذاء النفس)."
    ),
    "already_away": _("He is already reported away since %(day)s (%(label)s)."),
    "duplicate_in_file": _("The same %(what)s as row %(line)d of this file."),
    "governorate_unknown": _("No governorate “%(value)s” is known: give its code or its name."),
    "governorate_outside": _(
        "The governorate “%(value)s” is outside your jurisdiction: rows for it cannot be "
        "imported by you."
    ),
    "warrant_known": _("This warrant is already on wanted list %(label)s."),
    "choice_invalid": _("The person chosen is not one of this row's candidates."),
    "choice_away": _("The person chosen is already reported away (%(label)s)."),
    "refused": _("Refused: %(message)s"),
    "internal": _("The import stopped on an unexpected error; nothing was saved. Try again."),
}

_WHAT = {
    "service_number": _("service number"),
    "warrant": _("court and warrant number"),
}

_MAX = {
    "service_number": 30,
    "given_name_ar": 60,
    "father_name_ar": 60,
    "grandfather_name_ar": 60,
    "family_name_ar": 80,
    "mother_name_ar": 80,
    "rank": 60,
    "national_id": 30,
    "notes": 2000,
    "issuing_authority": 200,
    "warrant_number": 50,
    "article": 100,
}
NAME_KEYS = ("given_name_ar", "father_name_ar", "grandfather_name_ar", "family_name_ar")
#: How far the best candidate must stand above the next to be proposed (as on the intake form:
#: namesakes who agree on every name given score as high as the man himself).
LIKELY_MARGIN = 0.05


def error(column: str, code: str, **params: Any) -> dict[str, Any]:
    return {"column": column, "code": code, "params": params}


def error_message(kind: str, item: dict[str, Any]) -> dict[str, str]:
    """An error as the reader sees it, in his language: the column's label and the message."""
    params = dict(item.get("params") or {})
    if "what" in params:
        params["what"] = str(_WHAT.get(params["what"], params["what"]))
    template = MESSAGES.get(item.get("code", ""), MESSAGES["internal"])
    column = item.get("column") or ""
    return {
        "column": str(column_label(kind, column)) if column else "",
        "message": str(template) % params if params else str(template),
    }


# --- Contexts ------------------------------------------------------------------------------------


@dataclass
class AbsenceContext:
    today: dt.date
    default_unit_id: int
    #: normalised code or name -> unit id, for the units the user reports for
    units: dict[str, int]
    unit_governorate: dict[int, int]
    #: normalised codes and names of the other units (known, but not the user's)
    other_units: set[str] = field(default_factory=set)
    #: (service number, governorate id) -> (absent since, label) of a man reported away
    away: dict[tuple[str, int], tuple[str, str]] = field(default_factory=dict)
    #: (service number, governorate id) -> the one person registered with it
    known: dict[tuple[str, int], int] = field(default_factory=dict)


@dataclass
class WantedContext:
    today: dt.date
    default_governorate_id: int
    #: normalised code or name -> governorate id (all governorates)
    governorates: dict[str, int]
    #: the governorates the user may import for; None: every one (national scope)
    allowed: frozenset[int] | None
    #: (normalised authority, warrant number) -> label of the wanted list holding it
    known_warrants: dict[tuple[str, str], str] = field(default_factory=dict)


def warrant_key(authority: str, number: str) -> tuple[str, str]:
    return normalize_header(authority), normalize_header(number).replace(" ", "")


# --- Checks --------------------------------------------------------------------------------------


def _circumstances() -> dict[str, str]:
    from cases.amnesty.models import AbsenceReport

    values = {
        "fled": "fled",
        "desertion": "fled",
        "deserted": "fled",
        "هروب": "fled",
        "هارب": "fled",
        "فرار": "fled",
        "absent": "absent",
        "absence": "absent",
        "awol": "absent",
        "غياب": "absent",
        "غائب": "absent",
        "تغيب": "absent",
        "متغيب": "absent",
        "self harm": "self_harm",
        "ايذاء النفس": "self_harm",
        "ايذاء نفس": "self_harm",
    }
    for code, label in AbsenceReport.Circumstance.choices:
        values[code] = code
        for language in ("en", "ar"):
            with translation.override(language):
                values[str(label)] = code
    return {normalize_header(k): v for k, v in values.items()}


def _text(cells: dict[str, str], key: str, errors: list, *, required: bool = False) -> str:
    value = (cells.get(key) or "").strip()
    if required and not value:
        errors.append(error(key, "required"))
    elif key in _MAX and len(value) > _MAX[key]:
        errors.append(error(key, "too_long", max=_MAX[key]))
    return value


def _names(cells: dict[str, str], values: dict[str, Any], errors: list) -> None:
    full = split_full_name(cells.get("full_name") or "")
    for key, from_full in zip(NAME_KEYS, full, strict=True):
        value = (cells.get(key) or "").strip() or from_full
        if len(value) > _MAX[key]:
            errors.append(error(key if cells.get(key) else "full_name", "too_long", max=_MAX[key]))
        values[key] = value
    values["mother_name_ar"] = _text(cells, "mother_name_ar", errors)
    if not (values["given_name_ar"] and values["father_name_ar"]):
        errors.append(error("full_name", "names_missing"))


def _date(cells, key, values, errors, today: dt.date, *, required: bool) -> None:
    text = (cells.get(key) or "").strip()
    values[key] = None
    if not text:
        if required:
            errors.append(error(key, "required"))
        return
    try:
        day = parse_date(text)
    except CellError as problem:
        errors.append(error(key, problem.code, **problem.params))
        return
    if day > today:
        errors.append(error(key, "date_future"))
    elif day.year < 1950:
        errors.append(error(key, "date_too_old"))
    else:
        values[key] = day.isoformat()


def _birth(cells, values, errors, today: dt.date) -> None:
    values["date_of_birth"] = values["birth_year"] = None
    text = (cells.get("birth") or "").strip()
    if not text:
        return
    try:
        day, year = parse_birth(text, today=today)
    except CellError as problem:
        errors.append(error("birth", problem.code, **problem.params))
        return
    values["date_of_birth"] = day.isoformat() if day else None
    values["birth_year"] = year if year else (day.year if day else None)


def check_absence_row(line: int, cells: dict[str, str], ctx: AbsenceContext) -> dict[str, Any]:
    """One row of an absence list: its values and its errors."""
    errors: list[dict[str, Any]] = []
    values: dict[str, Any] = {}
    values["service_number"] = _text(cells, "service_number", errors, required=True)
    _names(cells, values, errors)
    values["rank"] = _text(cells, "rank", errors)
    values["national_id"] = _text(cells, "national_id", errors)
    values["notes"] = _text(cells, "notes", errors)
    unit_text = (cells.get("unit") or "").strip()
    unit_id: int | None = ctx.default_unit_id
    if unit_text:
        unit_id = ctx.units.get(normalize_header(unit_text))
        if unit_id is None:
            code = (
                "unit_outside" if normalize_header(unit_text) in ctx.other_units else "unit_unknown"
            )
            errors.append(error("unit", code, value=unit_text[:60]))
    values["unit"] = unit_id
    _date(cells, "absent_since", values, errors, ctx.today, required=True)
    circumstances = (cells.get("circumstances") or "").strip()
    if circumstances:
        code = _circumstances().get(normalize_header(circumstances))
        if code is None:
            errors.append(error("circumstances", "circumstances_unknown", value=circumstances[:40]))
        values["circumstances"] = code or ""
    else:
        values["circumstances"] = "absent"
    _birth(cells, values, errors, ctx.today)
    known = None
    if values["service_number"] and unit_id is not None:
        key = (values["service_number"], ctx.unit_governorate[unit_id])
        if key in ctx.away:
            day, label = ctx.away[key]
            errors.append(error("service_number", "already_away", day=day, label=label))
        known = ctx.known.get(key)
    return {
        "line": line,
        "cells": cells,
        "values": values,
        "errors": errors,
        "known_person": known,
        "candidates": [],
        "proposed": None,
        "choice": None,
    }


def check_wanted_row(line: int, cells: dict[str, str], ctx: WantedContext) -> dict[str, Any]:
    """One row of a wanted list: its values and its errors."""
    errors: list[dict[str, Any]] = []
    values: dict[str, Any] = {}
    values["issuing_authority"] = _text(cells, "issuing_authority", errors, required=True)
    values["warrant_number"] = _text(cells, "warrant_number", errors, required=True)
    _date(cells, "warrant_date", values, errors, ctx.today, required=True)
    values["article"] = _text(cells, "article", errors)
    _names(cells, values, errors)
    _birth(cells, values, errors, ctx.today)
    values["notes"] = _text(cells, "notes", errors)
    governorate_text = (cells.get("governorate") or "").strip()
    governorate_id: int | None = ctx.default_governorate_id
    if governorate_text:
        governorate_id = ctx.governorates.get(normalize_header(governorate_text))
        if governorate_id is None:
            errors.append(error("governorate", "governorate_unknown", value=governorate_text[:60]))
        elif ctx.allowed is not None and governorate_id not in ctx.allowed:
            errors.append(error("governorate", "governorate_outside", value=governorate_text[:60]))
            governorate_id = None
    values["governorate"] = governorate_id
    if values["issuing_authority"] and values["warrant_number"]:
        label = ctx.known_warrants.get(
            warrant_key(values["issuing_authority"], values["warrant_number"])
        )
        if label:
            errors.append(error("warrant_number", "warrant_known", label=label))
    return {
        "line": line,
        "cells": cells,
        "values": values,
        "errors": errors,
        "known_person": None,
        "candidates": [],
        "proposed": None,
        "choice": None,
    }


def check_duplicates(kind: str, rows: list[dict[str, Any]]) -> None:
    """A man or a warrant given twice in the same file: an error on the later row, naming the
    first."""
    first: dict[Any, int] = {}
    for row in rows:
        values = row["values"]
        if kind == ABSENCES:
            key, column, what = values.get("service_number"), "service_number", "service_number"
        else:
            key = (
                warrant_key(values["issuing_authority"], values["warrant_number"])
                if values.get("issuing_authority") and values.get("warrant_number")
                else None
            )
            column, what = "warrant_number", "warrant"
        if not key:
            continue
        if key in first:
            row["errors"].append(error(column, "duplicate_in_file", what=what, line=first[key]))
        else:
            first[key] = row["line"]


def propose(candidates: list[dict[str, Any]], threshold: float) -> int | None:
    """The candidate to propose: the best, when it reaches the threshold and stands clear of
    the next one."""
    if not candidates or candidates[0]["score"] < threshold:
        return None
    runner_up = candidates[1]["score"] if len(candidates) > 1 else 0.0
    if candidates[0]["score"] - runner_up < LIKELY_MARGIN:
        return None
    return candidates[0]["id"]
