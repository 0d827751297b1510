"""Fixtures for the verification tests: issued documents made directly, without the renderer."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.utils import timezone

_serial = itertools.count(1)


@pytest.fixture
def issue(db, settings):
    """``issue(doc_type="KK", version=1, ...) -> (IssuedDocument, token)``: a signed document row."""
    from documents.models import DocumentJob, IssuedDocument, IssuedState
    from verification.tokens import record_digest, token_sign

    def make(
        *,
        doc_type: str = "KK",
        number: str | None = None,
        version: int = 1,
        name: str = "SITI AMINAH BINTI HASAN",
        nik: str = "7571014506900003",
        issued_at: dt.datetime | None = None,
        lineage: str | None = None,
    ):
        number = number or f"7571010103{next(_serial):06d}"
        issued_at = issued_at or timezone.now()
        snapshot = {"doc_type": doc_type, "subject": {"name": name, "nik": nik}, "address": "JL. UJI NO. 1"}
        signed = token_sign(
            doc_type=doc_type,
            number=number,
            version=version,
            subject_name=name,
            nik=nik,
            record_digest=record_digest(snapshot),
            issued_at=issued_at,
        )
        job = DocumentJob.objects.create(doc_type=doc_type, state="ISSUED")
        lineage = lineage or f"{doc_type}:{number}"
        previous = IssuedDocument.objects.filter(lineage=lineage, state=IssuedState.VALID).first()
        document = IssuedDocument.objects.create(
            job=job,
            doc_type=doc_type,
            number=number,
            version=version,
            lineage=lineage,
            snapshot=snapshot,
            record_digest=record_digest(snapshot),
            official_name=settings.SIGNING_OFFICIAL_NAME,
            official_title=settings.SIGNING_OFFICIAL_TITLE,
            file=f"documents/{number}-{version}.pdf",
            sha256="0" * 64,
            key_id=signed.key_id,
            issued_at=issued_at,
        )
        if previous is not None:
            previous.state = IssuedState.SUPERSEDED
            previous.superseded_by = document
            previous.save(update_fields=["state", "superseded_by"])
        return document, signed.token

    return make


@pytest.fixture(autouse=True)
def _fresh_verification_caches(settings):
    """Scans written at once, no key rows cached across tests (each test has its own DB rows)
    and no rate-limit budget spent by earlier tests."""
    from django.core.cache import cache

    from documents import scans
    from verification import keys, tokens, views

    settings.VERIFY_SCAN_FLUSH_SECONDS = 0
    cache.clear()
    keys._forget_rows()
    tokens._forget_verified()
    scans._pending.clear()
    views._skeletons.clear()
    yield
    keys._forget_rows()
    scans._pending.clear()
