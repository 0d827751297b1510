"""Issuing one document job: prepare (short transaction), render and store (no transaction),
record (short transaction). A job yields exactly one ``IssuedDocument`` however often it runs.

1. ``document_prepare`` locks the job row; returns ``None`` when the job is already issued
   (or failed). The first run reserves number, version, lineage, snapshot and issue time
   on the job, so a rerun after a crash draws the very same document. The job becomes
   RENDERING and its application moves APPROVED -> PROCESSING.
2. The PDF is rendered and written under a key derived from the job (a rerun overwrites).
3. ``document_record`` locks the job row again; if another run got there first it returns
   that run's document (its row re-pointed at the bytes stored last, should the two runs
   have overlapped); otherwise it creates the ``IssuedDocument`` (the one-to-one on
   ``job`` makes a duplicate impossible), supersedes the previous version, updates the
   register's holdings and, when it was the application's last job, completes it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from documents.holdings import holdings_record
from documents.models import DocumentJob, IssuedDocument, IssuedState, JobState
from documents.numbering import numbering_reserve
from documents.rendering import RenderedDocument, document_pdf
from documents.snapshots import snapshot_build
from documents.storage import document_store

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Prepared:
    job_id: int
    doc_type: str
    number: str
    version: int
    snapshot: dict
    issued_at: dt.datetime


def _event_for(job: DocumentJob) -> dict:
    event: dict = {}
    if job.application_id:
        event.update(job.application.event_data or {})
        event.setdefault("event", job.application.service.event)
    event.update(job.payload or {})
    return event


@transaction.atomic
def document_prepare(*, job_id: int) -> Prepared | None:
    """Claim ``job_id`` for rendering; ``None`` when there is nothing (left) to do."""
    job = (
        DocumentJob.objects.select_for_update(of=("self",))
        .select_related("application__service", "subject", "family")
        .get(pk=job_id)
    )
    if job.state in (JobState.ISSUED, JobState.FAILED) or IssuedDocument.objects.filter(job_id=job_id).exists():
        return None
    fields = ["state", "attempts", "updated_at"]
    if not job.number:
        issued_at = timezone.now()
        snapshot = snapshot_build(doc_type=job.doc_type, subject=job.subject, family=job.family, event=_event_for(job))
        numbering = numbering_reserve(doc_type=job.doc_type, snapshot=snapshot, on=timezone.localdate(issued_at))
        if job.doc_type in ("AKTA_KELAHIRAN", "CATATAN_PINGGIR"):
            snapshot["akta_number"] = numbering.number
        job.number, job.version, job.lineage = numbering.number, numbering.version, numbering.lineage
        job.snapshot, job.prepared_at = snapshot, issued_at
        fields += ["number", "version", "lineage", "snapshot", "prepared_at"]
    job.state = JobState.RENDERING
    job.attempts += 1
    job.save(update_fields=fields)
    if job.application_id:
        _application_start(application_id=job.application_id)
    return Prepared(
        job_id=job.pk,
        doc_type=job.doc_type,
        number=job.number,
        version=job.version,
        snapshot=job.snapshot,
        issued_at=job.prepared_at,
    )


def _application_start(*, application_id: int) -> None:
    from requests_app.models import Application, ApplicationState
    from requests_app.workflow import application_transition

    application = Application.objects.select_for_update().get(pk=application_id)
    if application.state == ApplicationState.APPROVED:
        application_transition(
            application=application,
            to_state=ApplicationState.PROCESSING,
            actor=None,
            reason="Dokumen mulai dibuat.",
        )


@transaction.atomic
def document_record(*, job_id: int, key: str, rendered: RenderedDocument) -> IssuedDocument:
    """Create the job's ``IssuedDocument`` (or return the one a concurrent run created)."""
    job = DocumentJob.objects.select_for_update().get(pk=job_id)
    existing = IssuedDocument.objects.filter(job_id=job_id).first()
    if existing is not None:
        _follow_the_file(document=existing, key=key, rendered=rendered)
        return existing
    document = IssuedDocument.objects.create(
        job=job,
        doc_type=job.doc_type,
        number=job.number,
        version=job.version,
        lineage=job.lineage,
        subject_id=job.subject_id,
        family_id=job.family_id,
        snapshot=job.snapshot,
        file=key,
        sha256=rendered.sha256,
        key_id=rendered.key_id,
        issued_at=job.prepared_at,
    )
    _supersede(document=document)
    holdings_record(document=document)
    job.state = JobState.ISSUED
    job.error = ""
    job.save(update_fields=["state", "error", "updated_at"])
    if job.application_id:
        _application_finish_if_done(application_id=job.application_id)
    return document


def _follow_the_file(*, document: IssuedDocument, key: str, rendered: RenderedDocument) -> None:
    """Two runs of one job overlapped and this one lost, but its write may have come last.

    Both rendered the same reservation (number, version, snapshot), so either file is a
    valid document; the row must describe the bytes actually stored. The last run to get
    here holds the job lock after every write, so it sees the final file. Rare path: the
    read happens under the lock.
    """
    if document.file.name != key or document.sha256 == rendered.sha256:
        return
    with default_storage.open(key, "rb") as handle:
        stored = hashlib.sha256(handle.read()).hexdigest()
    if stored == rendered.sha256:
        document.sha256, document.key_id = rendered.sha256, rendered.key_id
        document.save(update_fields=["sha256", "key_id"])


def _supersede(*, document: IssuedDocument) -> None:
    """Older VALID versions now point at ``document``; if a newer one is out already, it wins."""
    same = Q(lineage=document.lineage)
    if document.doc_type == "KK" and document.family_id:
        # A family whose head changed gets a new nomor KK: its old KK is superseded too.
        same |= Q(doc_type="KK", family_id=document.family_id)
    others = IssuedDocument.objects.filter(same, state=IssuedState.VALID).exclude(pk=document.pk)
    newer = others.filter(lineage=document.lineage, version__gt=document.version).order_by("-version").first()
    if newer is not None:
        document.state, document.superseded_by = IssuedState.SUPERSEDED, newer
        document.save(update_fields=["state", "superseded_by"])
        return
    others.filter(Q(version__lt=document.version) | ~Q(lineage=document.lineage)).update(
        state=IssuedState.SUPERSEDED, superseded_by=document
    )


def _application_finish_if_done(*, application_id: int) -> None:
    from requests_app.models import Application, ApplicationState
    from requests_app.workflow import application_transition

    # The application row lock serialises the last jobs of one application finishing together.
    application = Application.objects.select_for_update().get(pk=application_id)
    if application.state not in (ApplicationState.APPROVED, ApplicationState.PROCESSING):
        return
    if DocumentJob.objects.filter(application_id=application_id).exclude(state=JobState.ISSUED).exists():
        return
    application_transition(
        application=application,
        to_state=ApplicationState.COMPLETED,
        actor=None,
        reason="Semua dokumen telah terbit.",
    )
    transaction.on_commit(lambda: _notify_completed(application_id=application_id), robust=True)


def _notify_completed(*, application_id: int) -> None:
    from accounts.notifications import notify_application
    from requests_app.models import Application

    notify_application(application=Application.objects.get(pk=application_id), kind="completed")


def document_produce(*, job_id: int) -> IssuedDocument | None:
    """Issue the document of ``job_id``; what the Celery task runs. Safe to call repeatedly."""
    prepared = document_prepare(job_id=job_id)
    if prepared is None:
        return IssuedDocument.objects.filter(job_id=job_id).first()
    rendered = document_pdf(
        doc_type=prepared.doc_type,
        snapshot=prepared.snapshot,
        number=prepared.number,
        version=prepared.version,
        issued_at=prepared.issued_at,
    )
    key = document_store(job_id=prepared.job_id, doc_type=prepared.doc_type, pdf=rendered.pdf)
    return document_record(job_id=job_id, key=key, rendered=rendered)
