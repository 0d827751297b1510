"""Seed the service catalogue; afterwards staff edit it in the admin."""

from django.db import migrations


def load(apps, schema_editor):
    from requests_app.catalogue import catalogue_entries

    Service = apps.get_model("requests_app", "Service")
    for entry in catalogue_entries():
        code = entry.pop("code")
        Service.objects.update_or_create(code=code, defaults=entry)


class Migration(migrations.Migration):
    dependencies = [("requests_app", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
