"""rows_update writes what bulk_update would, in one statement, on both backends."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from documents.models import DocumentJob, JobState
from dukcapil.bulk import rows_update

pytestmark = pytest.mark.django_db


def test_rows_update_writes_each_row_its_own_values_in_one_statement():
    jobs = [DocumentJob.objects.create(doc_type="KK") for _ in range(3)]
    untouched = DocumentJob.objects.create(doc_type="KK")
    at = timezone.now() - dt.timedelta(days=1)
    for index, job in enumerate(jobs):
        job.number = f"N-{index}"
        job.version = index + 1 if index else None
        job.snapshot = {"nama": f"Orang {index}", "daftar": [index, "ä"]}
        job.prepared_at = at + dt.timedelta(minutes=index)
        job.state = JobState.RENDERING
    with CaptureQueriesContext(connection) as queries:
        assert rows_update(jobs, ["number", "version", "snapshot", "prepared_at", "state"]) == 3
    assert len(queries) == 1
    for index, job in enumerate(jobs):
        job.refresh_from_db()
        assert job.number == f"N-{index}" and job.version == (index + 1 if index else None)
        assert job.snapshot == {"nama": f"Orang {index}", "daftar": [index, "ä"]}
        assert job.prepared_at == at + dt.timedelta(minutes=index) and job.state == JobState.RENDERING
    untouched.refresh_from_db()
    assert untouched.number == "" and untouched.state == JobState.PENDING


def test_rows_update_of_nothing_runs_no_query():
    with CaptureQueriesContext(connection) as queries:
        assert rows_update([], ["number"]) == 0
    assert not queries
