"""Scan counts move off the issued row onto a narrow table of their own (documents.scans).

The counts already written are copied over in one statement; going back copies them back.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0003_issued_scan_fields"),
    ]

    operations = [
        migrations.CreateModel(
            name="DocumentScanCount",
            fields=[
                (
                    "document",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="scans",
                        serialize=False,
                        to="documents.issueddocument",
                    ),
                ),
                ("total", models.PositiveBigIntegerField(default=0, verbose_name="jumlah pemindaian")),
            ],
            options={
                "verbose_name": "pemindaian dokumen",
                "verbose_name_plural": "pemindaian dokumen",
            },
        ),
        migrations.RunSQL(
            sql=(
                "INSERT INTO documents_documentscancount (document_id, total) "
                "SELECT id, scan_count FROM documents_issueddocument WHERE scan_count > 0"
            ),
            reverse_sql=(
                "UPDATE documents_issueddocument SET scan_count = (SELECT s.total FROM documents_documentscancount s "
                "WHERE s.document_id = documents_issueddocument.id) "
                "WHERE id IN (SELECT document_id FROM documents_documentscancount)"
            ),
        ),
        migrations.RemoveField(
            model_name="issueddocument",
            name="scan_count",
        ),
    ]
