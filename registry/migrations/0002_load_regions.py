"""Load the Kemendagri regions of Kota Gorontalo from registry/data/regions.csv."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "regions.csv"
# Postal codes of the kecamatan of Kota Gorontalo (Pos Indonesia), used for addresses.
POSTAL_CODES = {
    "75.71.01": "96136", "75.71.02": "96111", "75.71.03": "96121", "75.71.04": "96133",
    "75.71.05": "96128", "75.71.06": "96138", "75.71.07": "96115", "75.71.08": "96117",
    "75.71.09": "96125",
}


def load(apps, schema_editor):
    Region = apps.get_model("registry", "Region")
    with DATA.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            kecamatan = row["code"] if row["level"] == "kecamatan" else row["parent"]
            Region.objects.update_or_create(
                code=row["code"],
                defaults={
                    "level": row["level"],
                    "name": row["name"],
                    "parent_id": row["parent"] or None,
                    "postal_code": POSTAL_CODES.get(kecamatan, ""),
                },
            )


def unload(apps, schema_editor):
    apps.get_model("registry", "Region").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
