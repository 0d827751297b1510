"""Unlink move-ins of a new family from the family the operator opened the form from.

Until this release such an application was stored with that unrelated family, whose citizen
then saw it (the newcomer's NIK and uploads). Now it has no family and the kelurahan of its
destination (requests_app.services._family_of); this puts the rows already stored right.
"""

from django.db import migrations

MOVE_IN_EVENTS = ("MOVED_IN", "ARRIVED_FROM_ABROAD")


def unlink(apps, schema_editor):
    Application = apps.get_model("requests_app", "Application")
    Region = apps.get_model("registry", "Region")
    kelurahan = set(Region.objects.filter(level="kelurahan").values_list("pk", flat=True))
    linked = Application.objects.filter(service__event__in=MOVE_IN_EVENTS, family__isnull=False)
    for application in linked.only("pk", "event_data", "kelurahan_id"):
        data = application.event_data or {}
        if data.get("join_family_id"):
            continue
        application.family = None
        code = data.get("kelurahan_code")
        application.kelurahan_id = code if code in kelurahan else application.kelurahan_id
        application.save(update_fields=["family", "kelurahan"])


class Migration(migrations.Migration):
    dependencies = [("requests_app", "0004_holiday"), ("registry", "0001_initial")]
    operations = [migrations.RunPython(unlink, migrations.RunPython.noop)]
