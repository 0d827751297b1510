"""Admin visibility and retry; downloads for the applicant and staff only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from documents.issuing import document_produce
from documents.models import DocumentJob, JobState


@pytest.fixture
def issued(approved_application):
    application, (akta, kk) = approved_application
    return application, document_produce(job_id=akta.pk)


def test_applicant_and_staff_download_others_get_404(client, actors, issued):
    _, document = issued
    url = reverse("documents:download", args=[document.pk])
    assert client.get(url).status_code == 302  # to the login page
    for who, status in (("other_citizen", 404), ("operator_elsewhere", 404), ("citizen", 200), ("petugas", 200)):
        client.force_login(actors[who])
        response = client.get(url)
        assert response.status_code == status, who
        if status == 200:
            assert response["Content-Type"] == "application/pdf"
            assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_card_print_orders_are_not_for_the_citizen(client, actors, approved_application):
    application, _ = approved_application
    job = DocumentJob.objects.create(application=application, doc_type="KTP_EL", subject=actors["home"]["head"])
    document = document_produce(job_id=job.pk)
    client.force_login(actors["citizen"])
    assert client.get(reverse("documents:download", args=[document.pk])).status_code == 404


def test_staff_see_jobs_with_errors_and_retry_failed_ones(client, actors, approved_application):
    _, (akta, kk) = approved_application
    DocumentJob.objects.filter(pk=akta.pk).update(state=JobState.FAILED, error="OperationalError: db gone")
    changelist = reverse("admin:documents_documentjob_changelist")
    client.force_login(actors["citizen"])
    assert client.get(changelist).status_code == 302
    client.force_login(actors["petugas"])
    page = client.get(changelist + "?state__exact=FAILED")
    assert page.status_code == 200
    assert f"#{akta.pk}" in page.content.decode() or str(akta.pk) in page.content.decode()
    detail = client.get(reverse("admin:documents_documentjob_change", args=[akta.pk]))
    assert "OperationalError: db gone" in detail.content.decode()
    response = client.post(changelist, {"action": "retry", "_selected_action": [akta.pk, kk.pk]}, follow=True)
    assert response.status_code == 200
    akta.refresh_from_db()
    assert akta.state in (JobState.PENDING, JobState.ISSUED) and akta.error == ""


def test_kepala_dinas_sees_jobs_but_cannot_retry(client, actors, approved_application):
    _, (akta, _) = approved_application
    DocumentJob.objects.filter(pk=akta.pk).update(state=JobState.FAILED, error="x")
    client.force_login(actors["kadis"])
    changelist = reverse("admin:documents_documentjob_changelist")
    assert client.get(changelist).status_code == 200
    client.post(changelist, {"action": "retry", "_selected_action": [akta.pk]})
    akta.refresh_from_db()
    assert akta.state == JobState.FAILED
