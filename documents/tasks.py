"""Celery tasks of the documents app: thin wrappers around ``documents.issuing``/``services``."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from celery import Task, shared_task
from celery.signals import task_prerun
from django.db import close_old_connections

from documents.issuing import TRANSIENT_ERRORS, documents_produce, error_text
from documents.services import job_fail, jobs_resend_stale

if TYPE_CHECKING:
    from billiard.einfo import ExceptionInfo

logger = logging.getLogger(__name__)

MAX_RETRIES = 5


@task_prerun.connect
def _connections_check(sender: Task | None = None, **kwargs: object) -> None:
    """Workers keep their database connection across tasks (CELERY_DB_REUSE_MAX): drop one
    that failed or outlived CONN_MAX_AGE before the next task, as Django does per request.
    Not for eager calls, which run inside the caller's transaction (as Celery's fixup)."""
    if sender is not None and getattr(sender.request, "is_eager", False):
        return
    close_old_connections()


class DocumentRenderTask(Task):
    def on_failure(self, exc: BaseException, task_id: str, args: tuple, kwargs: dict, einfo: ExceptionInfo) -> None:
        """After the last retry (or a permanent error) the batch's jobs not issued show FAILED with the error."""
        for job_id in args[0] if args else kwargs.get("job_ids", []):
            job_fail(job_id=job_id, error=error_text(exc))


@shared_task(
    base=DocumentRenderTask,
    bind=True,
    name="documents.tasks.documents_render",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT_ERRORS,
    max_retries=MAX_RETRIES,
    retry_backoff=5,
    retry_backoff_max=300,
    retry_jitter=True,
)
def documents_render(self: Task, job_ids: list[int]) -> list[int]:
    """Issue the documents of ``job_ids`` (idempotent); returns the IssuedDocument ids."""
    return [document.pk for document in documents_produce(job_ids=job_ids)]


@shared_task(name="documents.tasks.jobs_resend_stale", ignore_result=True)
def jobs_resend_stale_task() -> int:
    """Beat: re-send PENDING jobs never sent (broker outage) and RENDERING ones a lost worker left."""
    return len(jobs_resend_stale())
