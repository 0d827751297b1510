"""IssuedDocument.record_digest: the snapshot's digest, stored at issue for the verify page.

Existing rows get it computed here from their snapshot, with the canonical form the tokens
were signed over (verification.tokens.record_digest, copied: a migration is frozen history).
"""

import hashlib
import json

from django.db import migrations, models


def _digest(snapshot) -> bytes:
    canonical = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).digest()


def backfill(apps, schema_editor):
    IssuedDocument = apps.get_model("documents", "IssuedDocument")
    batch = []
    for document in IssuedDocument.objects.only("pk", "snapshot").order_by("pk").iterator(chunk_size=2000):
        document.record_digest = _digest(document.snapshot)
        batch.append(document)
        if len(batch) == 2000:
            IssuedDocument.objects.bulk_update(batch, ["record_digest"])
            batch = []
    if batch:
        IssuedDocument.objects.bulk_update(batch, ["record_digest"])


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0002_job_reservation"),
    ]

    operations = [
        migrations.AddField(
            model_name="issueddocument",
            name="record_digest",
            field=models.BinaryField(default=b"", editable=False, max_length=32),
            preserve_default=False,
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
