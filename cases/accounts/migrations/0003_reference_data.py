"""Load Iraq's governorates and districts (reference data, editable in the admin afterwards)."""

from django.db import migrations

from cases.accounts.reference_data import DISTRICTS, GOVERNORATES


def load(apps, schema_editor):
    Governorate = apps.get_model("accounts", "Governorate")
    District = apps.get_model("accounts", "District")
    for code, name_en, name_ar in GOVERNORATES:
        governorate, _ = Governorate.objects.get_or_create(
            code=code, defaults={"name_en": name_en, "name_ar": name_ar}
        )
        for d_en, d_ar in DISTRICTS[code]:
            District.objects.get_or_create(
                governorate=governorate, name_en=d_en, defaults={"name_ar": d_ar}
            )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_roles")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
