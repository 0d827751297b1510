"""What the verify page compares and shows, stored at issue: the snapshot's digest and the official.

Existing rows get the digest computed here from their snapshot, with the canonical form the
tokens were signed over (verification.tokens.record_digest, copied: a migration is frozen
history), and the official from the settings: until now no row kept the official it was
printed with, and the page showed the settings' current one, which is what these rows get.
"""

import hashlib
import json

from django.conf import settings
from django.db import migrations, models


def _digest(snapshot) -> bytes:
    canonical = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).digest()


def backfill(apps, schema_editor):
    """Batches of 2,000 rows, one UPDATE statement each on PostgreSQL (the table stays locked
    for the whole migration, so it must be short: Django's bulk_update took 0.3 ms a row)."""
    IssuedDocument = apps.get_model("documents", "IssuedDocument")
    connection = schema_editor.connection
    table = connection.ops.quote_name(IssuedDocument._meta.db_table)
    documents = IssuedDocument.objects.using(connection.alias).only("pk", "snapshot").order_by("pk")
    batch = []
    for document in documents.iterator(chunk_size=BATCH):
        batch.append((document.pk, _digest(document.snapshot)))
        if len(batch) == BATCH:
            _write(connection, table, batch)
            batch = []
    if batch:
        _write(connection, table, batch)
    IssuedDocument.objects.using(connection.alias).update(
        official_name=settings.SIGNING_OFFICIAL_NAME, official_title=settings.SIGNING_OFFICIAL_TITLE
    )


BATCH = 2000


def _write(connection, table: str, batch: list[tuple[int, bytes]]) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            from psycopg2.extras import execute_values

            sql = f"UPDATE {table} AS d SET record_digest = v.digest FROM (VALUES %s) AS v(id, digest) WHERE d.id = v.id"
            execute_values(cursor.cursor, sql, batch, page_size=BATCH)
        else:
            cursor.executemany(f"UPDATE {table} SET record_digest = %s WHERE id = %s", [(d, pk) for pk, d in batch])


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
        migrations.AddField(
            model_name="issueddocument",
            name="official_name",
            field=models.CharField(default="", editable=False, max_length=200),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="issueddocument",
            name="official_title",
            field=models.CharField(default="", editable=False, max_length=200),
            preserve_default=False,
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
