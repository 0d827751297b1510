"""One document of every type from the demo register, through the workers' own code path.

Used by ``manage.py sample_documents`` (for reviewing layouts with the office) and by the
tests. Everything runs inside a transaction that is rolled back: numbers, issued rows and
register holdings are left as they were; only the PDFs copied to ``out_dir`` remain.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from documents.issuing import document_produce
from documents.models import DocumentJob, DocumentType
from registry.choices import LifeStatus, MaritalStatus, Relationship
from registry.models import Family, Person


class _Rollback(Exception):  # noqa: N818 - control flow only
    pass


@dataclass(frozen=True)
class Sample:
    doc_type: str
    path: Path
    seconds: float
    sha256: str


def _demo_family() -> tuple[Family, Person, Person, Person]:
    """A family with a head, a wife and a child under 17 (the demo city has many)."""
    today = timezone.localdate()
    child = (
        Person.objects.filter(
            status=LifeStatus.ALIVE,
            relationship=Relationship.CHILD,
            marital_status=MaritalStatus.SINGLE,
            birth_date__gt=today.replace(year=today.year - 16),
            family__members__relationship=Relationship.WIFE,
            family__head__isnull=False,
        )
        .select_related("family__head")
        .order_by("pk")
        .first()
    )
    if child is None:
        raise LookupError("Register kosong: jalankan dulu `manage.py seed_city`.")
    family = child.family
    wife = family.members.filter(relationship=Relationship.WIFE).first()
    return family, family.head, wife, child


def sample_specs() -> list[dict]:
    family, head, wife, child = _demo_family()
    today = timezone.localdate()
    soon = (today + dt.timedelta(days=7)).isoformat()
    return [
        {"doc_type": "KK", "family": family},
        {"doc_type": "KTP_EL", "subject": head, "family": family},
        {"doc_type": "KIA", "subject": child, "family": family},
        {"doc_type": "AKTA_KELAHIRAN", "subject": child},
        {
            "doc_type": "CATATAN_PINGGIR",
            "subject": child,
            "payload": {
                "event": "CHILD_ACKNOWLEDGED",
                "father_name": head.full_name,
                "decision_number": "12/Pdt.P/2026/PN Gto",
            },
        },
        {
            "doc_type": "AKTA_KEMATIAN",
            "subject": head,
            "payload": {"death_date": today.isoformat(), "death_place": "RSUD Prof. Dr. H. Aloei Saboe", "cause": ""},
        },
        {
            "doc_type": "AKTA_PERKAWINAN",
            "payload": {
                "husband_id": head.pk,
                "wife_id": wife.pk,
                "marriage_date": today.isoformat(),
                "place": "GMIBM Jemaat Imanuel Gorontalo",
                "religion": "KRISTEN",
            },
        },
        {
            "doc_type": "AKTA_PERCERAIAN",
            "payload": {
                "leaving_id": wife.pk,
                "remaining_id": head.pk,
                "divorce_date": today.isoformat(),
                "decision_number": "45/Pdt.G/2026/PN Gto",
            },
        },
        {
            "doc_type": "SKPWNI",
            "subject": head,
            "family": family,
            "payload": {
                "member_ids": list(family.members.order_by("pk").values_list("pk", flat=True)),
                "move_date": soon,
                "destination": "Jl. Sam Ratulangi No. 10, Kota Manado, Sulawesi Utara",
                "reason": "PEKERJAAN",
            },
        },
        {
            "doc_type": "SKPLN",
            "subject": head,
            "family": family,
            "payload": {"member_ids": [head.pk], "move_date": soon, "destination": "MALAYSIA", "reason": "PEKERJAAN"},
        },
        {
            "doc_type": "SKDLN",
            "family": family,
            "payload": {
                "persons": [
                    {
                        "nik": "7571016507990001",
                        "full_name": "SITI NURHALIZA PAKAYA",
                        "sex": "PEREMPUAN",
                        "birth_date": "1999-07-25",
                        "birth_place": "GORONTALO",
                        "religion": "ISLAM",
                        "relationship": "FAMILI LAIN",
                    }
                ],
                "origin": "JEPANG",
                "arrival_date": today.isoformat(),
            },
        },
        {"doc_type": "SKTT", "subject": wife, "family": family},
        {
            "doc_type": "SK_LAHIR_MATI",
            "payload": {"mother_id": wife.pk, "date": today.isoformat(), "place": "RSIA Sitti Khadijah"},
        },
    ]


def samples_render(*, out_dir: Path) -> list[Sample]:
    """Render every document type into ``out_dir``; the database is left unchanged."""
    from verification.keys import signing_key_current

    signing_key_current()  # a laptop's first key is created outside the rolled-back transaction
    out_dir.mkdir(parents=True, exist_ok=True)
    specs = sample_specs()
    assert {spec["doc_type"] for spec in specs} == set(DocumentType.values)
    samples: list[Sample] = []
    stored: list[str] = []
    try:
        with transaction.atomic():
            for spec in specs:
                job = DocumentJob.objects.create(
                    doc_type=spec["doc_type"],
                    subject=spec.get("subject"),
                    family=spec.get("family"),
                    payload=spec.get("payload", {}),
                )
                started = time.perf_counter()
                document = document_produce(job_id=job.pk)
                seconds = time.perf_counter() - started
                stored.append(document.file.name)
                path = out_dir / f"{spec['doc_type'].lower()}.pdf"
                with default_storage.open(document.file.name, "rb") as handle:
                    path.write_bytes(handle.read())
                samples.append(Sample(spec["doc_type"], path, seconds, document.sha256))
            raise _Rollback
    except _Rollback:
        pass
    finally:
        for name in stored:
            default_storage.delete(name)
    return samples
