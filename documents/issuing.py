"""Issuing document jobs, in batches: prepare (one short transaction), render and store (no
transaction), record (one short transaction). A job yields exactly one ``IssuedDocument``
however often it runs, alone or in whichever batch.

1. ``jobs_prepare`` locks the jobs' rows (in id order) and leaves out those already issued
   (or failed). The first run reserves number, version, lineage, snapshot and issue time
   on each job, so a rerun after a crash draws the very same documents. The jobs become
   RENDERING and their applications move APPROVED -> PROCESSING. The families of a batch
   are read together and its KK versions taken together, so a mass re-issue costs a few
   queries per batch rather than per document. A KIA prints the number of the akta
   kelahiran its application issues with it (the register learns that number only when
   the akta is recorded): the akta's job is locked with the batch and its number reserved
   first, on its own row, if its run has not come yet (that run then issues the very number
   the KIA printed).
2. Each PDF is rendered and written under a key derived from its job (a rerun overwrites).
3. ``jobs_record`` locks the jobs again; for a job another run got to first it returns that
   run's document (its row re-pointed at the bytes stored last, should the two runs have
   overlapped); for the others it creates the ``IssuedDocument`` rows (the one-to-one on
   ``job`` makes a duplicate impossible), supersedes previous versions, updates the
   register's holdings and completes the applications whose last job this was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import Q
from django.utils import timezone

from documents.holdings import holdings_record
from documents.models import DocumentJob, DocumentType, IssuedDocument, IssuedState, JobState
from documents.numbering import numberings_reserve
from documents.rendering import RenderedDocument, document_pdf
from documents.services import job_fail
from documents.snapshots import SnapshotError, families_load, snapshot_build
from documents.storage import document_store
from dukcapil.bulk import rows_update
from verification.keys import signing_key_pinned

logger = logging.getLogger(__name__)

# Worth another try: the database or the file storage hiccuped (OSError covers network
# errors and timeouts of an S3 backend too). Anything else is a defect or bad data: FAILED now.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, OSError)


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


def error_text(exc: BaseException) -> str:
    """How a job's error is shown to staff (``DocumentJob.error``)."""
    return f"{type(exc).__name__}: {exc}"


@transaction.atomic
def jobs_prepare(*, job_ids: Iterable[int]) -> list[Prepared]:
    """Claim the jobs for rendering; leaves out those with nothing (left) to do.

    A job whose snapshot cannot be built (``SnapshotError``: it does not name what its
    document needs) is FAILED at once with the error; the others go on.
    """
    ids = sorted(set(job_ids))
    wanted = set(ids)
    # One statement locks the batch and the akta jobs its KIAs print, in id order (no deadlock).
    locked = list(
        DocumentJob.objects.select_for_update(of=("self",))
        .select_related("application__service", "subject", "family")
        .filter(Q(pk__in=ids) | _aktas_of_kias(ids))
        .order_by("pk")
    )
    jobs = [job for job in locked if job.pk in wanted and job.state not in (JobState.ISSUED, JobState.FAILED)]
    issued = set(IssuedDocument.objects.filter(job_id__in=ids).values_list("job_id", flat=True))
    jobs = [job for job in jobs if job.pk not in issued]
    unreserved = [job for job in jobs if not job.number]
    aktas = [job for job in locked if job.doc_type == DocumentType.AKTA_KELAHIRAN]
    kias = {_birth_key(job) for job in unreserved if job.doc_type == DocumentType.KIA}
    ahead = [
        job
        for job in aktas
        if job.pk not in wanted and job.state == JobState.PENDING and not job.number and _birth_key(job) in kias
    ]
    failed = _reserve(sorted(unreserved + ahead, key=lambda job: job.pk), aktas=aktas)
    # An akta reserved ahead stays PENDING for its own run; should its data fail, that run says so.
    rows_update([job for job in ahead if job.number], RESERVATION_FIELDS)
    failed = {job_id: error for job_id, error in failed.items() if job_id in wanted}
    jobs = [job for job in jobs if job.pk not in failed]
    now = timezone.now()
    for job in jobs:
        job.state, job.attempts, job.updated_at = JobState.RENDERING, job.attempts + 1, now
    rows_update(jobs, ["state", "attempts", "updated_at", *RESERVATION_FIELDS])
    for job_id, error in failed.items():
        job_fail(job_id=job_id, error=error)
    for application_id in sorted({job.application_id for job in jobs if job.application_id}):
        _application_start(application_id=application_id)
    return [
        Prepared(
            job_id=job.pk,
            doc_type=job.doc_type,
            number=job.number,
            version=job.version,
            snapshot=job.snapshot,
            issued_at=job.prepared_at,
        )
        for job in jobs
    ]


RESERVATION_FIELDS = ["number", "version", "lineage", "snapshot", "prepared_at"]


def _birth_key(job: DocumentJob) -> tuple[int | None, int | None]:
    """What ties a KIA to the akta kelahiran issued with it: the same application and child."""
    return job.application_id, job.subject_id


def _aktas_of_kias(ids: list[int]) -> Q:
    """The akta kelahiran jobs of the applications that have KIA jobs among ``ids``."""
    kias = DocumentJob.objects.filter(pk__in=ids, doc_type=DocumentType.KIA, application__isnull=False)
    return Q(doc_type=DocumentType.AKTA_KELAHIRAN, application_id__in=kias.values("application_id"))


def _reserve(jobs: list[DocumentJob], *, aktas: list[DocumentJob]) -> dict[int, str]:
    """Snapshot, number, version and lineage for ``jobs`` (set on them, saved by the caller).

    A KIA's snapshot takes the akta kelahiran number reserved for its child among ``aktas``
    (the locked akta jobs of its application, those in ``jobs`` included). Returns the
    errors of the jobs whose snapshot could not be built, by job id.
    """
    issued_at = timezone.now()
    family_ids = {job.family_id or (job.subject.family_id if job.subject else None) for job in jobs} - {None}
    families = families_load(family_ids) if family_ids else {}
    built, failed = [], {}
    for job in jobs:
        try:
            snapshot = snapshot_build(
                doc_type=job.doc_type, subject=job.subject, family=job.family, event=_event_for(job), families=families
            )
        except SnapshotError as exc:
            failed[job.pk] = error_text(exc)
            continue
        built.append((job, snapshot))
    waiting = _kias_without_akta([job for job, _ in built], aktas=aktas)
    failed.update(waiting)
    built = [(job, snapshot) for job, snapshot in built if job.pk not in waiting]
    numberings = numberings_reserve(
        items=[(job.doc_type, snapshot) for job, snapshot in built], on=timezone.localdate(issued_at)
    )
    for (job, snapshot), numbering in zip(built, numberings, strict=True):
        if job.doc_type in ("AKTA_KELAHIRAN", "CATATAN_PINGGIR"):
            snapshot["akta_number"] = numbering.number
        job.number, job.version, job.lineage = numbering.number, numbering.version, numbering.lineage
        job.snapshot, job.prepared_at = snapshot, issued_at
    akta_numbers = {_birth_key(akta): akta.number for akta in aktas if akta.number and akta.subject_id}
    for job, snapshot in built:
        if job.doc_type == DocumentType.KIA and _birth_key(job) in akta_numbers:
            snapshot["person"]["akta_kelahiran_number"] = akta_numbers[_birth_key(job)]
    return failed


def _kias_without_akta(jobs: list[DocumentJob], *, aktas: list[DocumentJob]) -> dict[int, str]:
    """{KIA job id: why it waits} for each KIA among ``jobs`` whose child's akta kelahiran, issued
    with it, has no number and gets none now (its own data failed).

    Such a KIA is failed before it draws a number, rather than printed with "-" for the akta:
    staff retry it after the akta (the reason says which job).
    """
    numbered = {_birth_key(job) for job in jobs if job.doc_type == DocumentType.AKTA_KELAHIRAN}
    numbered |= {_birth_key(akta) for akta in aktas if akta.number}
    akta_jobs = {_birth_key(akta): akta.pk for akta in aktas if akta.subject_id}
    return {
        job.pk: (
            f"KIA menunggu akta kelahiran anak ini (pekerjaan #{akta_jobs[_birth_key(job)]}), yang belum "
            "bernomor karena gagal dibuat: ulangi pekerjaan akta itu dahulu, lalu ulangi KIA ini."
        )
        for job in jobs
        if job.doc_type == DocumentType.KIA and _birth_key(job) in akta_jobs and _birth_key(job) not in numbered
    }


def document_prepare(*, job_id: int) -> Prepared | None:
    """``jobs_prepare`` for one job: ``None`` when there is nothing (left) to do."""
    return next(iter(jobs_prepare(job_ids=[job_id])), None)


def _application_start(*, application_id: int) -> None:
    from requests_app.models import SYSTEM_REASONS, Application, ApplicationState
    from requests_app.workflow import application_transition

    application = Application.objects.select_for_update().get(pk=application_id)
    if application.state == ApplicationState.APPROVED:
        application_transition(
            application=application,
            to_state=ApplicationState.PROCESSING,
            actor=None,
            reason=SYSTEM_REASONS[ApplicationState.PROCESSING],
        )


@dataclass(frozen=True)
class Stored:
    """A job's PDF rendered and written to storage, to be recorded."""

    job_id: int
    key: str
    rendered: RenderedDocument


@transaction.atomic
def jobs_record(*, stored: list[Stored]) -> list[IssuedDocument]:
    """Create the jobs' ``IssuedDocument`` rows (or return those concurrent runs created), in order."""
    ids = sorted({item.job_id for item in stored})
    jobs = {job.pk: job for job in DocumentJob.objects.select_for_update().filter(pk__in=ids).order_by("pk")}
    existing = {document.job_id: document for document in IssuedDocument.objects.filter(job_id__in=ids)}
    documents: dict[int, IssuedDocument] = {}
    new: list[IssuedDocument] = []
    for item in stored:
        if item.job_id in documents:
            continue
        if item.job_id in existing:
            documents[item.job_id] = existing[item.job_id]
            _follow_the_file(document=existing[item.job_id], key=item.key, rendered=item.rendered)
            continue
        job = jobs[item.job_id]
        document = IssuedDocument(
            job=job,
            doc_type=job.doc_type,
            number=job.number,
            version=job.version,
            lineage=job.lineage,
            subject_id=job.subject_id,
            family_id=job.family_id,
            snapshot=job.snapshot,
            record_digest=item.rendered.record_digest,
            official_name=item.rendered.official_name,
            official_title=item.rendered.official_title,
            file=item.key,
            sha256=item.rendered.sha256,
            key_id=item.rendered.key_id,
            issued_at=job.prepared_at,
        )
        documents[item.job_id] = document
        new.append(document)
    if new:
        IssuedDocument.objects.bulk_create(new)
        _supersede(documents=new)
        holdings_record(documents=new)
        DocumentJob.objects.filter(pk__in=[document.job_id for document in new]).update(
            state=JobState.ISSUED, error="", updated_at=timezone.now()
        )
        for application_id in sorted({jobs[d.job_id].application_id for d in new} - {None}):
            _application_finish_if_done(application_id=application_id)
    return [documents[item.job_id] for item in stored]


def document_record(*, job_id: int, key: str, rendered: RenderedDocument) -> IssuedDocument:
    """``jobs_record`` for one job."""
    return jobs_record(stored=[Stored(job_id=job_id, key=key, rendered=rendered)])[0]


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


def _supersede(*, documents: list[IssuedDocument]) -> None:
    """Older VALID versions now point at the new ``documents``; where a newer one is out already, it wins.

    Within a lineage the higher version is newer. A family whose head changed gets a new
    nomor KK, so its KKs span lineages: there the one whose data was taken later is newer
    (a KK reserved under the old nomor KK and recorded late after a crash loses to the KK
    of the new nomor). One read and one write per batch.
    """
    kk_families = {d.family_id for d in documents if d.doc_type == "KK" and d.family_id}
    same = Q(lineage__in={d.lineage for d in documents})
    if kk_families:
        same |= Q(doc_type="KK", family_id__in=kk_families)
    mine = {d.pk: d for d in documents}
    rows = [mine.get(row.pk, row) for row in IssuedDocument.objects.filter(same, state=IssuedState.VALID)]
    changed: dict[int, IssuedDocument] = {}

    def related(row: IssuedDocument, document: IssuedDocument) -> bool:
        if row.pk == document.pk or row.state != IssuedState.VALID:
            return False
        same_family_kk = document.doc_type == row.doc_type == "KK" and row.family_id == document.family_id
        return row.lineage == document.lineage or (same_family_kk and document.family_id is not None)

    def newer(row: IssuedDocument, document: IssuedDocument) -> bool:
        if row.lineage == document.lineage:
            return row.version > document.version
        return (row.issued_at, row.job_id) > (document.issued_at, document.job_id)

    for document in sorted(documents, key=lambda d: d.pk):
        others = [row for row in rows if related(row, document)]
        ahead = [row for row in others if newer(row, document)]
        if ahead:
            line = [row for row in ahead if row.lineage == document.lineage]
            winner = max(line, key=lambda r: r.version) if line else max(ahead, key=lambda r: (r.issued_at, r.job_id))
            document.state, document.superseded_by = IssuedState.SUPERSEDED, winner
            changed[document.pk] = document
            continue
        for row in others:
            row.state, row.superseded_by = IssuedState.SUPERSEDED, document
            changed[row.pk] = row
    if changed:
        rows_update(changed.values(), ["state", "superseded_by"])


def _application_finish_if_done(*, application_id: int) -> None:
    from requests_app.models import SYSTEM_REASONS, Application, ApplicationState
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
        reason=SYSTEM_REASONS[ApplicationState.COMPLETED],
    )
    transaction.on_commit(lambda: _notify_completed(application_id=application_id), robust=True)


def _notify_completed(*, application_id: int) -> None:
    from accounts.notifications import notify_application
    from requests_app.models import Application

    notify_application(application=Application.objects.get(pk=application_id), kind="completed")


def documents_produce(*, job_ids: Iterable[int]) -> list[IssuedDocument]:
    """Issue the documents of ``job_ids``; what the Celery task runs. Safe to call repeatedly.

    Returns the issued documents of these jobs (issued now or before), by job id. A job whose
    rendering fails with a defect or bad data is FAILED with the error and the others go on;
    a transient error (database, storage) stops the batch after recording what was stored,
    for the task to retry.
    """
    ids = list(job_ids)
    stored: list[Stored] = []
    failed: dict[int, str] = {}
    with signing_key_pinned():
        try:
            for prepared in jobs_prepare(job_ids=ids):
                try:
                    rendered = document_pdf(
                        doc_type=prepared.doc_type,
                        snapshot=prepared.snapshot,
                        number=prepared.number,
                        version=prepared.version,
                        issued_at=prepared.issued_at,
                    )
                    key = document_store(job_id=prepared.job_id, doc_type=prepared.doc_type, pdf=rendered.pdf)
                except TRANSIENT_ERRORS:
                    raise
                except Exception as exc:  # noqa: BLE001 - one bad document must not hold up the batch
                    logger.exception("Document job %s failed.", prepared.job_id)
                    failed[prepared.job_id] = error_text(exc)
                    continue
                stored.append(Stored(job_id=prepared.job_id, key=key, rendered=rendered))
        finally:
            if stored:
                jobs_record(stored=stored)
    for job_id, error in failed.items():
        job_fail(job_id=job_id, error=error)
    return list(IssuedDocument.objects.filter(job_id__in=ids).order_by("job_id"))


def document_produce(*, job_id: int) -> IssuedDocument | None:
    """``documents_produce`` for one job: its document, or ``None`` (failed or not issuable)."""
    return next(iter(documents_produce(job_ids=[job_id])), None)
