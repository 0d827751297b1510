"""Migration documents.0003 fills the scan fields of rows issued before it: digest and official."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from documents.models import DocumentJob, IssuedDocument
from verification.tokens import record_digest

pytestmark = pytest.mark.django_db

migration = importlib.import_module("documents.migrations.0003_issued_scan_fields")


def test_rows_issued_before_the_columns_get_the_digest_their_tokens_were_signed_over(settings):
    snapshots = [{"subject": {"name": f"WARGA {n}", "nik": ""}, "alamat": "JL. ÂNGGREK"} for n in range(3)]
    rows = [
        IssuedDocument.objects.create(
            job=DocumentJob.objects.create(doc_type="KK", state="ISSUED"),
            doc_type="KK",
            number=f"757101000000000{n}",
            lineage=f"KK:{n}",
            snapshot=snapshot,
            file="-",
            sha256="0" * 64,
            key_id="k",
        )
        for n, snapshot in enumerate(snapshots)
    ]
    assert all(bytes(IssuedDocument.objects.get(pk=row.pk).record_digest) == b"" for row in rows)
    migration.backfill(apps, SimpleNamespace(connection=connection))
    for row, snapshot in zip(rows, snapshots, strict=True):
        stored = IssuedDocument.objects.get(pk=row.pk)
        assert bytes(stored.record_digest) == record_digest(snapshot)
        # What the page showed for them until now: the official in the settings.
        assert (stored.official_name, stored.official_title) == (
            settings.SIGNING_OFFICIAL_NAME,
            settings.SIGNING_OFFICIAL_TITLE,
        )
