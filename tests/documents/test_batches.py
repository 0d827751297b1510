"""Batches: one task issues many jobs with a few queries per batch, and each job as if alone."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.issuing import documents_produce
from documents.models import DocumentJob, IssuedDocument, IssuedState, JobState
from documents.services import jobs_dispatch
from registry.sequences import sequence_next, sequences_next_many
from tests.factories import household

pytestmark = pytest.mark.django_db


def _kk_jobs(count: int, *, children: int = 1) -> list[int]:
    return [
        DocumentJob.objects.create(doc_type="KK", family=household(children=children)["head"].family).pk
        for _ in range(count)
    ]


def _queries(job_ids: list[int]) -> int:
    with CaptureQueriesContext(connection) as queries:
        documents_produce(job_ids=job_ids)
    return len(queries)


def test_a_batch_costs_the_same_queries_for_3_or_12_families_reissued():
    # The first issue of each family starts its version counters; the re-issue (what a
    # mass re-issue does) then costs the same few queries whatever the batch size.
    first = _kk_jobs(15)
    documents_produce(job_ids=first)
    families = list(DocumentJob.objects.filter(pk__in=first).order_by("pk").values_list("family_id", flat=True))
    small = [DocumentJob.objects.create(doc_type="KK", family_id=pk).pk for pk in families[:3]]
    big = [DocumentJob.objects.create(doc_type="KK", family_id=pk).pk for pk in families[3:]]
    counts = [_queries(small), _queries(big)]
    assert counts[0] == counts[1], counts
    assert counts[0] <= 25, counts
    assert IssuedDocument.objects.filter(state=IssuedState.VALID).count() == 15
    assert IssuedDocument.objects.filter(state=IssuedState.SUPERSEDED, superseded_by__version=2).count() == 15


def test_one_bad_job_fails_alone_and_the_rest_of_the_batch_is_issued():
    good = _kk_jobs(2)
    bad = DocumentJob.objects.create(doc_type="KK").pk  # names no family
    documents = documents_produce(job_ids=[good[0], bad, good[1]])
    assert [d.job_id for d in documents] == good
    job = DocumentJob.objects.get(pk=bad)
    assert job.state == JobState.FAILED and "SnapshotError" in job.error and job.attempts == 0
    assert set(DocumentJob.objects.filter(pk__in=good).values_list("state", flat=True)) == {JobState.ISSUED}


def test_two_kks_of_one_family_in_one_batch_are_versions_1_and_2():
    family = household(children=0)["head"].family
    ids = [DocumentJob.objects.create(doc_type="KK", family=family).pk for _ in range(2)]
    v1, v2 = documents_produce(job_ids=ids)
    assert (v1.version, v2.version) == (1, 2)
    v1.refresh_from_db()
    assert v1.state == IssuedState.SUPERSEDED and v1.superseded_by_id == v2.pk
    family.refresh_from_db()
    assert family.kk_version == 2


def test_a_batch_run_again_issues_nothing_new():
    ids = _kk_jobs(3)
    first = documents_produce(job_ids=ids)
    again = documents_produce(job_ids=list(reversed(ids)))
    assert [d.pk for d in again] == [d.pk for d in first]
    assert IssuedDocument.objects.count() == 3
    assert list(DocumentJob.objects.filter(pk__in=ids).values_list("attempts", flat=True)) == [1, 1, 1]


def test_dispatch_sends_one_task_per_batch(settings, monkeypatch):
    from documents import tasks

    settings.DOCUMENT_JOBS_PER_TASK = 2
    sent = []
    monkeypatch.setattr(tasks.documents_render, "delay", sent.append)
    ids = _kk_jobs(5, children=0)
    assert jobs_dispatch(job_ids=ids) == ids
    assert sent == [ids[0:2], ids[2:4], ids[4:5]]
    assert not DocumentJob.objects.filter(pk__in=ids, sent_at__isnull=True).exists()


def test_many_counters_advance_together_and_start_from_their_initial_value():
    assert sequence_next(key="T:a") == 1
    assert sequences_next_many(initial={"T:a": 0, "T:b": 7, "T:c": 0}) == {"T:a": 2, "T:b": 8, "T:c": 1}
    assert sequences_next_many(initial={"T:b": 0}) == {"T:b": 9}
    assert sequences_next_many(initial={}) == {}
