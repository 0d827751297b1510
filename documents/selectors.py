"""Reads of issued documents that views share."""

from __future__ import annotations

from django.db.models import QuerySet

from documents.models import CARD_TYPES, DocumentJob, IssuedDocument


def documents_for_application(*, application, include_cards: bool = False) -> QuerySet[IssuedDocument]:  # noqa: ANN001
    """The documents an application yielded, for its applicant's download list."""
    documents = IssuedDocument.objects.filter(job__application=application).select_related("subject", "family")
    if not include_cards:
        documents = documents.exclude(doc_type__in=CARD_TYPES)
    return documents.order_by("job_id")


def jobs_for_application(*, application) -> QuerySet[DocumentJob]:  # noqa: ANN001
    """The application's jobs with their state (PENDING/RENDERING/ISSUED/FAILED), in order."""
    return DocumentJob.objects.filter(application=application).select_related("subject", "issued").order_by("pk")
