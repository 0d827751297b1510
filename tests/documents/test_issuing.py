"""Issuing: idempotency, application progress, numbers, versions, supersession, holdings."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.utils import timezone

from documents.issuing import document_prepare, document_produce, document_record
from documents.models import DocumentJob, IssuedDocument, IssuedState, JobState
from documents.rendering import document_pdf
from documents.storage import document_store
from documents.tasks import documents_render
from tests.factories import household


def test_task_called_twice_issues_one_document(approved_application):
    _, (akta, _) = approved_application
    first = documents_render([akta.pk])
    second = documents_render([akta.pk])
    assert first == second
    assert IssuedDocument.objects.filter(job=akta).count() == 1
    akta.refresh_from_db()
    assert akta.state == JobState.ISSUED
    assert akta.attempts == 1  # the second run returned before rendering
    document = akta.issued
    assert default_storage.exists(document.file.name)
    with default_storage.open(document.file.name, "rb") as handle:
        import hashlib

        assert hashlib.sha256(handle.read()).hexdigest() == document.sha256
    assert document.key_id and document.snapshot["person"]["nik"] == akta.subject.nik


def test_a_rerun_after_a_crash_overwrites_the_same_file_and_keeps_the_number(approved_application):
    """A worker that died after rendering (before recording) left a file and a reservation."""
    _, (akta, _) = approved_application
    prepared = document_prepare(job_id=akta.pk)
    rendered = document_pdf(
        doc_type=prepared.doc_type,
        snapshot=prepared.snapshot,
        number=prepared.number,
        version=prepared.version,
        issued_at=prepared.issued_at,
    )
    key = document_store(job_id=akta.pk, doc_type=akta.doc_type, pdf=rendered.pdf)
    # ... the worker is killed here; the message is redelivered and the task runs again:
    document = document_produce(job_id=akta.pk)
    assert document.file.name == key
    assert document.number == prepared.number and document.version == prepared.version
    akta.refresh_from_db()
    assert akta.attempts == 2
    files = default_storage.listdir(key.rsplit("/", 1)[0])[1]
    assert files == [key.rsplit("/", 1)[1]]
    # A stale record from the first run now finds the document and creates nothing.
    assert document_record(job_id=akta.pk, key=key, rendered=rendered).pk == document.pk
    assert IssuedDocument.objects.count() == 1


def test_application_moves_to_processing_then_completed_and_citizen_is_notified(
    approved_application, django_capture_on_commit_callbacks
):
    from requests_app.models import ApplicationState

    application, (akta, kk) = approved_application
    with django_capture_on_commit_callbacks(execute=True):
        documents_render([akta.pk])
    application.refresh_from_db()
    assert application.state == ApplicationState.PROCESSING
    assert not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        documents_render([kk.pk])
    application.refresh_from_db()
    assert application.state == ApplicationState.COMPLETED
    assert application.completed_at is not None
    states = list(application.transitions.values_list("from_state", "to_state"))
    assert states == [("APPROVED", "PROCESSING"), ("PROCESSING", "COMPLETED")]
    assert len(mail.outbox) == 1
    assert application.tracking_number in mail.outbox[0].body
    assert not mail.outbox[0].attachments  # a tracking link, never the document


def test_kk_versions_supersede_and_holdings_follow(db):
    members = household(children=0)
    family = members["head"].family
    first = DocumentJob.objects.create(doc_type="KK", family=family)
    second = DocumentJob.objects.create(doc_type="KK", family=family)
    v1 = document_produce(job_id=first.pk)
    v2 = document_produce(job_id=second.pk)
    assert (v1.number, v2.number) == (family.nomor_kk, family.nomor_kk)
    assert (v1.version, v2.version) == (1, 2)
    assert v1.lineage == v2.lineage == f"KK:{family.nomor_kk}"
    v1.refresh_from_db()
    assert v1.state == IssuedState.SUPERSEDED and v1.superseded_by == v2
    assert v2.state == IssuedState.VALID
    family.refresh_from_db()
    assert family.kk_version == 2 and family.kk_printed_at == v2.issued_at
    assert family.kk_is_current


def test_a_version_recorded_late_is_superseded_at_once(db):
    members = household(children=0)
    family = members["head"].family
    older = DocumentJob.objects.create(doc_type="KK", family=family)
    newer = DocumentJob.objects.create(doc_type="KK", family=family)
    assert document_prepare(job_id=older.pk).version == 1
    document_produce(job_id=newer.pk)  # version 2 is out first
    v1 = document_produce(job_id=older.pk)
    assert v1.version == 1
    assert v1.state == IssuedState.SUPERSEDED and v1.superseded_by.version == 2
    assert IssuedDocument.objects.get(version=2).state == IssuedState.VALID
    family.refresh_from_db()
    assert family.kk_version == 2  # the late version 1 does not take the holding back


def test_catatan_pinggir_is_the_next_version_of_the_childs_akta(db):
    members = household(children=1)
    child = members["child0"]
    akta = document_produce(job_id=DocumentJob.objects.create(doc_type="AKTA_KELAHIRAN", subject=child).pk)
    assert re.fullmatch(rf"7571-LT-{timezone.localdate():%d%m%Y}-\d{{4}}", akta.number)
    child.refresh_from_db()
    assert child.akta_kelahiran_number == akta.number and child.akta_kelahiran_issued_at == akta.issued_at
    note = DocumentJob.objects.create(
        doc_type="CATATAN_PINGGIR",
        subject=child,
        payload={"event": "NAME_CHANGED", "new_name": "NAMA BARU", "decision_number": "7/Pdt.P/2026/PN Gto"},
    )
    pinggir = document_produce(job_id=note.pk)
    assert (pinggir.number, pinggir.version, pinggir.lineage) == (akta.number, 2, akta.lineage)
    assert pinggir.snapshot["note"]["text"] == "Nama yang bersangkutan diubah menjadi NAMA BARU."
    akta.refresh_from_db()
    assert akta.state == IssuedState.SUPERSEDED and akta.superseded_by == pinggir


def test_card_holdings_are_recorded(db):
    members = household(children=1)
    ktp = document_produce(job_id=DocumentJob.objects.create(doc_type="KTP_EL", subject=members["head"]).pk)
    kia = document_produce(job_id=DocumentJob.objects.create(doc_type="KIA", subject=members["child0"]).pk)
    members["head"].refresh_from_db()
    members["child0"].refresh_from_db()
    assert members["head"].ktp_el_issued_at == ktp.issued_at
    assert members["child0"].kia_issued_at == kia.issued_at


def test_numbers_are_unique_per_type_and_restart_each_year(db):
    import datetime as dt

    from documents.numbering import number_new

    day = dt.date(2026, 11, 29)
    numbers = [number_new(doc_type="AKTA_KEMATIAN", on=day) for _ in range(3)]
    assert numbers == ["7571-KM-29112026-0001", "7571-KM-29112026-0002", "7571-KM-29112026-0003"]
    assert number_new(doc_type="AKTA_KELAHIRAN", on=day) == "7571-LT-29112026-0001"
    assert number_new(doc_type="SKPWNI", on=day) == "SKPWNI/7571/2026/000001"
    assert number_new(doc_type="AKTA_KEMATIAN", on=dt.date(2027, 1, 2)) == "7571-KM-02012027-0001"


def test_a_job_without_the_data_it_needs_fails_at_once_with_the_error(db):
    job = DocumentJob.objects.create(doc_type="KK")  # no family
    documents_render.apply(args=[[job.pk]])
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert job.attempts == 0
    assert "SnapshotError" in job.error and "keluarga" in job.error
    assert not IssuedDocument.objects.exists()


def test_transient_storage_errors_are_retried_then_the_job_fails(db, settings, tmp_path):
    members = household(children=0)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    settings.MEDIA_ROOT = blocker  # every write fails with an OSError, as a full or gone disk would
    job = DocumentJob.objects.create(doc_type="KK", family=members["head"].family)
    documents_render.apply(args=[[job.pk]])
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert job.attempts == documents_render.max_retries + 1
    assert "Error" in job.error
    assert job.number  # the reservation is kept for the staff retry
    assert not IssuedDocument.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_numbers_never_collide():
    import datetime as dt
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection, connections

    from documents.numbering import number_new

    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")

    def take(_: int) -> list[str]:
        try:
            return [number_new(doc_type="AKTA_KEMATIAN", on=dt.date(2026, 11, 29)) for _ in range(10)]
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=4) as pool:
        numbers = [n for batch in pool.map(take, range(4)) for n in batch]
    assert len(numbers) == 40 and len(set(numbers)) == 40


def test_two_overlapping_runs_leave_a_row_that_describes_the_stored_file(db):
    """Run A records first, run B (same reservation) overwrites the file, then finds A's row."""
    import hashlib

    family = household(children=0)["head"].family
    job = DocumentJob.objects.create(doc_type="KK", family=family)
    prepared = document_prepare(job_id=job.pk)

    def render():
        return document_pdf(
            doc_type=prepared.doc_type,
            snapshot=prepared.snapshot,
            number=prepared.number,
            version=prepared.version,
            issued_at=prepared.issued_at,
        )

    run_a, run_b = render(), render()
    assert run_a.sha256 != run_b.sha256  # the signatures differ from run to run
    key = document_store(job_id=job.pk, doc_type=job.doc_type, pdf=run_a.pdf)
    recorded = document_record(job_id=job.pk, key=key, rendered=run_a)
    document_store(job_id=job.pk, doc_type=job.doc_type, pdf=run_b.pdf)  # B's write lands last
    assert document_record(job_id=job.pk, key=key, rendered=run_b).pk == recorded.pk
    recorded.refresh_from_db()
    with default_storage.open(key, "rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == recorded.sha256 == run_b.sha256
    assert IssuedDocument.objects.filter(job=job).count() == 1


def test_issuing_a_kk_costs_the_same_queries_for_a_big_family(db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    small = household(children=0)["head"].family
    big = household(children=7)["head"].family
    document_produce(job_id=DocumentJob.objects.create(doc_type="KK", family=small).pk)  # key and counters exist
    document_produce(job_id=DocumentJob.objects.create(doc_type="KK", family=big).pk)
    counts = []
    for family in (small, big):
        job = DocumentJob.objects.create(doc_type="KK", family=family)
        with CaptureQueriesContext(connection) as queries:
            document_produce(job_id=job.pk)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert counts[0] <= 40, counts


def test_a_catatan_pinggir_on_a_paper_akta_keeps_its_number_as_version_2(db):
    members = household(children=1)
    child = members["child0"]
    child.akta_kelahiran_number = "7571-LT-10082012-0042"
    child.save(update_fields=["akta_kelahiran_number"])
    job = DocumentJob.objects.create(
        doc_type="CATATAN_PINGGIR", subject=child, payload={"event": "OTHER_EVENT", "note": "Catatan uji."}
    )
    document = document_produce(job_id=job.pk)
    assert (document.number, document.version) == ("7571-LT-10082012-0042", 2)
    assert document.snapshot["note"]["text"] == "Catatan uji."


def test_the_applicants_download_list_leaves_out_card_print_orders(approved_application):
    from documents.selectors import documents_for_application

    application, (akta, kk) = approved_application
    card = DocumentJob.objects.create(application=application, doc_type="KIA", subject=akta.subject)
    for job in (akta, kk, card):
        document_produce(job_id=job.pk)
    assert [d.doc_type for d in documents_for_application(application=application)] == ["AKTA_KEMATIAN", "KK"]
    assert len(documents_for_application(application=application, include_cards=True)) == 3
