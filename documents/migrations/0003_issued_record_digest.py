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
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
