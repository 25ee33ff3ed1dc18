"""The 2015 decision on deserters and Law 27/2016, seeded unverified (cases/amnesty/reference.py)."""

from __future__ import annotations

from django.db import migrations


def seed(apps, schema_editor):
    from cases.amnesty.reference import ensure_decrees

    ensure_decrees(
        apps.get_model("amnesty", "Decree"),
        apps.get_model("amnesty", "DecreeExclusion"),
        apps.get_model("amnesty", "DecreeCondition"),
    )


class Migration(migrations.Migration):
    dependencies = [("amnesty", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
