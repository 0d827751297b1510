"""Migration documents.0003 computes the stored record digest of rows issued before it."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from documents.models import DocumentJob, IssuedDocument
from verification.tokens import record_digest

pytestmark = pytest.mark.django_db

migration = importlib.import_module("documents.migrations.0003_issued_record_digest")


def test_rows_issued_before_the_column_get_the_digest_their_tokens_were_signed_over():
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
        assert bytes(IssuedDocument.objects.get(pk=row.pk).record_digest) == record_digest(snapshot)
