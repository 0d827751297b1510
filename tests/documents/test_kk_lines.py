"""KKs of one family across nomor KK lines, and numbers drawn by jobs not yet issued."""

from __future__ import annotations

from documents.issuing import document_prepare, document_produce
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
