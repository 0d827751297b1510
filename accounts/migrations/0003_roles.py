"""Create the role groups, named exactly as the office names them."""

from django.db import migrations

ROLES = (
    "Operator Kelurahan",
    "Operator Kecamatan",
    "Petugas Pelayanan",
    "Kepala Bidang",
    "PIAK",
    "Kepala Dinas",
)


def create(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


def remove(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create, remove)]
