"""Reads of issued documents that views share."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from documents.models import CARD_TYPES, DocumentJob, IssuedDocument, IssuedState

if TYPE_CHECKING:
    from requests_app.models import Application  # requests_app imports this module


def documents_for_application(*, application: Application, include_cards: bool = False) -> QuerySet[IssuedDocument]:
    """The documents an application yielded, for its applicant's download list."""
    documents = IssuedDocument.objects.filter(job__application=application).select_related("subject", "family")
    if not include_cards:
        documents = documents.exclude(doc_type__in=CARD_TYPES)
    return documents.order_by("job_id")


def newest_versions(documents: Iterable[IssuedDocument]) -> dict[int, IssuedDocument]:
    """{pk of each SUPERSEDED document: the document in force in its place}, with its job's
    application loaded.

    That is the end of the ``superseded_by`` chain (v1 -> v2 -> v3 gives v3: a row already
    superseded is not repointed when a later version issues). One query per step of the
    longest chain; none when nothing is superseded.
    """
    superseded = [d for d in documents if _superseded(d)]
    loaded: dict[int, IssuedDocument] = {}
    wanted = {d.superseded_by_id for d in superseded}
    for _step in range(50):  # a longer chain would be a cycle in corrupt data
        if not wanted:
            break
        rows = list(IssuedDocument.objects.filter(pk__in=wanted).select_related("job__application"))
        loaded.update((row.pk, row) for row in rows)
        wanted = {row.superseded_by_id for row in rows if _superseded(row)} - loaded.keys()
    newest: dict[int, IssuedDocument] = {}
    for document in superseded:
        pk, seen = document.superseded_by_id, set()
        while pk in loaded and _superseded(loaded[pk]) and pk not in seen:
            seen.add(pk)
            pk = loaded[pk].superseded_by_id
        if pk in loaded:
            newest[document.pk] = loaded[pk]
    return newest


def _superseded(document: IssuedDocument) -> bool:
    return document.state == IssuedState.SUPERSEDED and document.superseded_by_id is not None


def document_origin(document: IssuedDocument) -> Application | None:
    """The application ``document`` answers: its job's, or, for a re-issue after a register
    correction (a job without application, ``payload["reissue_of"]``), the application of the
    version it re-issued. One query per re-issue step back; none for a document of an application.
    """
    job, seen = document.job, set()
    while job.application_id is None:
        prior = (job.payload or {}).get("reissue_of")
        if not prior or prior in seen or len(seen) >= MAX_REISSUE_STEPS:  # a cycle would be corrupt data
            return None
        seen.add(prior)
        job = DocumentJob.objects.select_related("application").filter(issued__pk=prior).first()
        if job is None:
            return None
    return job.application


MAX_REISSUE_STEPS = 50


def jobs_for_application(*, application: Application) -> QuerySet[DocumentJob]:
    """The application's jobs with their state (PENDING/RENDERING/ISSUED/FAILED), in order."""
    return DocumentJob.objects.filter(application=application).select_related("subject", "issued").order_by("pk")
