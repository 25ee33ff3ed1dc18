"""The first reference list of tribes and clans (Anbar, Salahuddin, Nineveh, Baghdad)."""

from django.db import migrations


def create(apps, schema_editor):
    from cases.tribal.reference import ensure_tribes

    ensure_tribes(apps.get_model("tribal", "Tribe"), apps.get_model("accounts", "Governorate"))


class Migration(migrations.Migration):
    dependencies = [
        ("tribal", "0001_initial"),
        ("accounts", "0003_reference_data"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
