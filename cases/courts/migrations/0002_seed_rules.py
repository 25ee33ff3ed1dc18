"""The sentence rule set and the commutation rules, seeded unverified (cases/courts/reference.py)."""

from __future__ import annotations

from django.db import migrations


def seed(apps, schema_editor):
    from cases.courts.reference import ensure_rules

    ensure_rules(
        apps.get_model("courts", "SentenceRuleSet"), apps.get_model("courts", "CommutationRule")
    )


class Migration(migrations.Migration):
    dependencies = [("courts", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
