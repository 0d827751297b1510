"""Writes on document jobs that other apps, the admin and the beat call."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from documents.models import DocumentJob, JobState

if TYPE_CHECKING:
    from requests_app.models import Application  # requests_app imports this module

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobSpec:
    """One document an approved event yields (produced by the integrated-service rules)."""

    doc_type: str
    subject_id: int | None = None
    family_id: int | None = None
    payload: dict = field(default_factory=dict)


def jobs_create(*, application: Application, specs: Iterable[JobSpec]) -> list[DocumentJob]:
    """Create PENDING jobs for ``application``; each is sent to the workers after commit.

    If the broker is down at that moment the jobs stay PENDING and ``jobs_resend_stale``
    (celery beat) sends them later: an approval never fails because of the broker.
    """
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
    transaction.on_commit(lambda: jobs_dispatch(job_ids=ids), robust=True)
    return jobs


def jobs_dispatch(*, job_ids: Iterable[int]) -> list[int]:
    """Hand jobs to the Celery workers (after the creating transaction commits).

    One task carries up to ``DOCUMENT_JOBS_PER_TASK`` jobs (a worker issues them as a batch:
    a few queries per batch instead of per document). Returns the ids sent; their
    ``sent_at`` is stamped. Stops at the first broker error (the broker is down for all of
    them) and leaves the rest to ``jobs_resend_stale``.
    """
    from documents.tasks import documents_render

    ids = list(job_ids)
    size = max(1, settings.DOCUMENT_JOBS_PER_TASK)
    sent: list[int] = []
    for start in range(0, len(ids), size):
        batch = ids[start : start + size]
        try:
            documents_render.delay(batch)
        except Exception:  # the broker is unreachable: the beat re-sends what is left
            logger.exception("Could not send document jobs %s to the broker; the beat will re-send them.", batch)
            break
        sent.extend(batch)
    if sent:
        DocumentJob.objects.filter(pk__in=sent).update(sent_at=timezone.now())
    return sent


def resend_after() -> dt.timedelta:
    return dt.timedelta(seconds=settings.DOCUMENT_JOB_RESEND_AFTER_SECONDS)


def jobs_stale(*, older_than: dt.timedelta | None = None, now: dt.datetime | None = None) -> Q:
    """PENDING jobs not sent (or sent) longer than ``older_than`` ago; RENDERING ones stuck as long."""
    cutoff = (now or timezone.now()) - (resend_after() if older_than is None else older_than)
    pending = Q(state=JobState.PENDING) & (
        Q(sent_at__isnull=True, created_at__lt=cutoff) | Q(sent_at__isnull=False, sent_at__lt=cutoff)
    )
    return pending | Q(state=JobState.RENDERING, updated_at__lt=cutoff)


def jobs_resend_stale(*, older_than: dt.timedelta | None = None, limit: int = 2000) -> list[int]:
    """Send again the jobs a broker outage or a lost worker left behind (run by celery beat)."""
    ids = list(
        DocumentJob.objects.filter(jobs_stale(older_than=older_than))
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
    if ids:
        logger.info("Re-sending %d stale document jobs.", len(ids))
    return jobs_dispatch(job_ids=ids)


@transaction.atomic
def jobs_retry(*, job_ids: Iterable[int]) -> list[int]:
    """Put FAILED jobs back to PENDING and send them after commit (the admin's retry action)."""
    ids = list(
        DocumentJob.objects.select_for_update()
        .filter(pk__in=list(job_ids), state=JobState.FAILED)
        .values_list("pk", flat=True)
    )
    DocumentJob.objects.filter(pk__in=ids).update(state=JobState.PENDING, error="", updated_at=timezone.now())
    transaction.on_commit(lambda: jobs_dispatch(job_ids=ids), robust=True)
    return ids


def job_fail(*, job_id: int, error: str) -> None:
    """Mark a job FAILED with its error, unless a run issued it meanwhile."""
    DocumentJob.objects.filter(pk=job_id).exclude(state=JobState.ISSUED).update(
        state=JobState.FAILED, error=error[:4000], updated_at=timezone.now()
    )
