"""Jobs reach the workers only after the approving transaction commits; the beat re-sends."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from documents.models import DocumentJob, IssuedDocument, JobState
from documents.services import JobSpec, jobs_create, jobs_resend_stale, jobs_retry
from dukcapil.celery import app as celery_app


@pytest.fixture
def eager_tasks():
    """Run sent tasks in-process, so what was sent after commit can be observed."""
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = False


def test_jobs_are_sent_after_commit_only(approved_application, django_capture_on_commit_callbacks, eager_tasks):
    application, _ = approved_application
    child = application.subject
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        (job,) = jobs_create(application=application, specs=[JobSpec("KIA", subject_id=child.pk)])
    job.refresh_from_db()
    assert len(callbacks) == 1
    assert job.state == JobState.PENDING and job.sent_at is None  # nothing sent before the commit
    callbacks[0]()
    job.refresh_from_db()
    assert job.sent_at is not None
    assert job.state == JobState.ISSUED and IssuedDocument.objects.filter(job=job).exists()


def test_beat_resends_pending_and_stuck_jobs_only_when_stale(db, eager_tasks):
    from tests.factories import household

    family = household(children=0)["head"].family
    old = timezone.now() - dt.timedelta(minutes=10)
    never_sent = DocumentJob.objects.create(doc_type="KK", family=family)
    DocumentJob.objects.filter(pk=never_sent.pk).update(created_at=old)
    stuck = DocumentJob.objects.create(doc_type="KK", family=family, state=JobState.RENDERING)
    DocumentJob.objects.filter(pk=stuck.pk).update(updated_at=old)
    fresh = DocumentJob.objects.create(doc_type="KK", family=family)  # its own on_commit send is on the way
    assert jobs_resend_stale() == [never_sent.pk, stuck.pk]
    for job in (never_sent, stuck, fresh):
        job.refresh_from_db()
    assert never_sent.state == JobState.ISSUED and stuck.state == JobState.ISSUED
    assert fresh.state == JobState.PENDING
    assert jobs_resend_stale() == []


def test_retry_puts_failed_jobs_back_and_sends_them(db, django_capture_on_commit_callbacks, eager_tasks):
    from tests.factories import household

    family = household(children=0)["head"].family
    failed = DocumentJob.objects.create(doc_type="KK", family=family, state=JobState.FAILED, error="OSError: x")
    issued_elsewhere = DocumentJob.objects.create(doc_type="KK", family=family, state=JobState.RENDERING)
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs_retry(job_ids=[failed.pk, issued_elsewhere.pk]) == [failed.pk]
    failed.refresh_from_db()
    assert failed.state == JobState.ISSUED and failed.error == ""
