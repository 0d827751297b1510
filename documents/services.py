"""Writes on document jobs that other apps call."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction

from documents.models import DocumentJob


@dataclass(frozen=True)
class JobSpec:
    """One document an approved event yields (produced by the integrated-service rules)."""

    doc_type: str
    subject_id: int | None = None
    family_id: int | None = None
    payload: dict = field(default_factory=dict)


def jobs_create(*, application, specs: Iterable[JobSpec]) -> list[DocumentJob]:  # noqa: ANN001
    """Create PENDING jobs for ``application``; each is sent to the workers after commit."""
    jobs = DocumentJob.objects.bulk_create(
        [
            DocumentJob(
                application=application,
                doc_type=spec.doc_type,
                subject_id=spec.subject_id,
                family_id=spec.family_id,
                payload=spec.payload,
            )
            for spec in specs
        ]
    )
    ids = [job.pk for job in jobs]
    transaction.on_commit(lambda: jobs_dispatch(job_ids=ids))
    return jobs


def jobs_dispatch(*, job_ids: Iterable[int]) -> None:
    """Hand jobs to the Celery workers (called after the creating transaction commits)."""
    from documents.tasks import document_render

    for job_id in job_ids:
        document_render.delay(job_id)
