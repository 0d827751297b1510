"""Numbering lines: KKs of one family across nomor KK lines; numbers drawn by jobs not yet issued."""

from __future__ import annotations

from documents.issuing import document_prepare, document_produce, documents_produce
from documents.models import DocumentJob, IssuedState
from registry.services import family_change_head
from tests.factories import household


def test_late_kk_of_old_nomor_does_not_supersede_the_current_kk(db):
    home = household(children=0)
    family = home["head"].family
    before = document_produce(job_id=DocumentJob.objects.create(doc_type="KK", family=family).pk)
    old = DocumentJob.objects.create(doc_type="KK", family=family)
    document_prepare(job_id=old.pk)  # reserved under the old nomor KK; the worker dies
    family_change_head(family=family, head=home["wife"])  # a new nomor KK
    current = document_produce(job_id=DocumentJob.objects.create(doc_type="KK", family=family).pk)
    late = document_produce(job_id=old.pk)
    current.refresh_from_db()
    late.refresh_from_db()
    before.refresh_from_db()
    family.refresh_from_db()
    assert late.number != current.number == family.nomor_kk
    assert current.state == IssuedState.VALID
    assert late.state == IssuedState.SUPERSEDED and late.superseded_by == current
    assert before.state == IssuedState.SUPERSEDED and before.superseded_by == current
    assert family.kk_printed_at == current.issued_at  # the late one does not take the holding back


def test_catatan_pinggir_reserved_while_the_akta_is_pending(db):
    child = household(children=1)["child0"]
    akta_job = DocumentJob.objects.create(doc_type="AKTA_KELAHIRAN", subject=child)
    reserved = document_prepare(job_id=akta_job.pk)  # its run dies before issuing
    note = DocumentJob.objects.create(
        doc_type="CATATAN_PINGGIR",
        subject=child,
        payload={"event": "CHILD_ACKNOWLEDGED", "father_name": "AYAH", "decision_number": "1"},
    )
    pinggir = document_produce(job_id=note.pk)
    akta = document_produce(job_id=akta_job.pk)
    assert pinggir.number == akta.number == reserved.number
    assert pinggir.snapshot["akta_number"] == reserved.number
    assert (akta.version, pinggir.version) == (1, 2)


def test_an_akta_and_its_note_in_one_batch_share_the_number(db):
    child = household(children=1)["child0"]
    akta_job = DocumentJob.objects.create(doc_type="AKTA_KELAHIRAN", subject=child)
    note = DocumentJob.objects.create(
        doc_type="CATATAN_PINGGIR", subject=child, payload={"event": "NAME_CHANGED", "new_name": "NAMA BARU"}
    )
    akta, pinggir = documents_produce(job_ids=[akta_job.pk, note.pk])
    assert pinggir.number == akta.number


def test_reserved_number_of_a_lineage_is_read_by_index_not_by_scanning_unissued_jobs(db):
    """FAILED jobs pile up over the years; the numbering's read of a lineage's reservations
    goes by the (lineage, version) index whatever their number."""
    from django.db import connection

    from documents.numbering import UNISSUED

    query = (
        DocumentJob.objects.filter(state__in=UNISSUED, lineage="KK:7571010101010001")
        .exclude(number="")
        .order_by("version")
        .values_list("number", flat=True)
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # on a near-empty table the planner would rather scan
            cursor.execute("SET LOCAL enable_seqscan = off")
        plan = query.explain()
    assert "documentjob_lineage_version" in plan
