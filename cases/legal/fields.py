"""A list of choices stored as a PostgreSQL array and edited as checkboxes."""

from __future__ import annotations

from django import forms
from django.contrib.postgres.fields import ArrayField


class ChoiceArrayField(ArrayField):
    """An ``ArrayField`` of a ``CharField`` with choices (an offence's flags, the groups a decree
    covers). Model forms and the admin show one checkbox per choice instead of a comma-separated
    text box, so nobody has to type a code."""

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": self.base_field.choices,
            "coerce": self.base_field.to_python,
            "widget": forms.CheckboxSelectMultiple,
        }
        defaults.update(kwargs)
        # Skip ArrayField.formfield (a text box); build the form field the way Field does.
        return super(ArrayField, self).formfield(**defaults)
