"""Shared form helpers."""

from __future__ import annotations

from django.core.exceptions import ValidationError


def apply_errors(form, error: ValidationError) -> None:
    """Show a service's refusal on the form, on the field it names when the form has it, else
    at the top: what the user typed stays in the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
