"""The first entries of the offence catalogue, marked unverified (see cases/legal/catalogue.py)."""

from __future__ import annotations

from django.db import migrations


def seed(apps, schema_editor):
    from cases.legal.catalogue import ensure_offences

    ensure_offences(apps.get_model("legal", "Offence"))


class Migration(migrations.Migration):
    dependencies = [("legal", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
