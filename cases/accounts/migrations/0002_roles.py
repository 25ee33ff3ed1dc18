"""Create the role groups with the accounts app's permissions.

Later apps' permissions are added to the roles after every migrate by
``cases.accounts.roles.sync_role_permissions``; this migration only makes sure the groups exist
from the start, with what can be given now. The map is frozen here on purpose.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "officer": ["officer_desk", "view_unit"],
    "investigator": ["investigator_desk", "view_unit"],
    "judge": ["judge_desk", "view_unit"],
    "supervisor": ["supervisor_desk", "view_unit", "view_user"],
    "amnesty_committee": ["committee_desk", "view_unit"],
    "prison_administration": ["prison_desk", "view_unit"],
    "auditor": ["auditor_desk", "view_unit", "view_user"],
    "administrator": [
        "add_user",
        "change_user",
        "view_user",
        "add_unit",
        "change_unit",
        "view_unit",
        "change_governorate",
        "view_governorate",
        "add_district",
        "change_district",
        "view_district",
    ],
}


def create_roles(apps, schema_editor):
    app_config = apps.get_app_config("accounts")
    app_config.models_module = True  # let create_permissions see the historical models
    create_permissions(app_config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="accounts", codename__in=codenames)
        )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
