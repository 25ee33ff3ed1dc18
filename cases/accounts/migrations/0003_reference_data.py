"""Load Iraq's governorates and districts (reference data, editable in the admin afterwards)."""

from django.db import migrations

from cases.accounts.reference_data import load_reference_data


def load(apps, schema_editor):
    load_reference_data(
        apps.get_model("accounts", "Governorate"), apps.get_model("accounts", "District")
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_roles")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
