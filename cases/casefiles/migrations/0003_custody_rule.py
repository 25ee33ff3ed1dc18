"""The first custody rule: CPC 23/1971 Art. 109, as the programme applies it (editable)."""

from django.db import migrations


def create(apps, schema_editor):
    from cases.casefiles.reference import ensure_custody_rule

    ensure_custody_rule(apps.get_model("casefiles", "CustodyRule"))


class Migration(migrations.Migration):
    dependencies = [("casefiles", "0002_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
