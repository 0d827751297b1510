"""The office calendar: every staff role reads the holidays, PIAK keeps them (as it keeps the
service catalogue and its service times)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

READERS = ("Petugas Pelayanan", "Kepala Bidang", "PIAK", "Kepala Dinas")
KEEPERS = ("PIAK",)


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    holiday = Permission.objects.filter(content_type__app_label="requests_app", content_type__model="holiday")
    for group in Group.objects.filter(name__in=READERS):
        codenames = ["view_holiday"]
        if group.name in KEEPERS:
            codenames += ["add_holiday", "change_holiday", "delete_holiday"]
        group.permissions.add(*holiday.filter(codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_role_permissions"),
        ("requests_app", "0004_holiday"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
