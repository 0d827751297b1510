"""PIAK corrections: audited, through the admin, and issuing new versions of the documents."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from documents.issuing import document_produce
from documents.models import DocumentJob, IssuedDocument
from registry.models import Person
from requests_app import services


@pytest.fixture
def issued_ktp(actors, make_application, approve):
    """The head's KTP-el, issued for real through the documents pipeline."""
    application = approve(make_application("KTP_BARU", actors["citizen"], {"person_id": actors["home"]["head"].pk}))
    job = application.jobs.get()
    document = document_produce(job_id=job.pk)
    assert document is not None and document.version == 1
    return document


def test_correction_reissues_a_new_version_that_supersedes(actors, issued_ktp):
    head = actors["home"]["head"]
    person, jobs = services.person_correct(
        person=head, changes={"occupation": "GURU"}, actor=actors["piak"], reason="Salah ketik pekerjaan"
    )
    assert person.occupation == "GURU"
    assert [(job.doc_type, job.subject_id, job.application_id) for job in jobs] == [("KTP_EL", head.pk, None)]
    newer = document_produce(job_id=jobs[0].pk)
    issued_ktp.refresh_from_db()
    assert newer.lineage == issued_ktp.lineage and newer.version == 2
    assert issued_ktp.state == "SUPERSEDED"
    history = Person.objects.get(pk=head.pk).history.first()
    assert history.history_user == actors["piak"] and "Salah ketik" in history.history_change_reason


def test_only_piak_corrects_and_a_reason_is_required(actors):
    head = actors["home"]["head"]
    with pytest.raises(PermissionDenied):
        services.person_correct(person=head, changes={"occupation": "GURU"}, actor=actors["petugas"], reason="x")
    with pytest.raises(ValidationError):
        services.person_correct(person=head, changes={"occupation": "GURU"}, actor=actors["piak"], reason=" ")
    assert Person.objects.get(pk=head.pk).occupation != "GURU"


def test_correction_through_the_admin(client, actors, issued_ktp):
    head = actors["home"]["head"]
    url = reverse("admin:registry_person_change", args=[head.pk])
    client.force_login(actors["petugas"])
    assert client.get(url).status_code == 200  # staff may read the register
    response = client.post(url, {"occupation": "NELAYAN"})
    assert Person.objects.get(pk=head.pk).occupation != "NELAYAN"
    assert response.status_code == 403
    client.force_login(actors["piak"])
    form = client.get(url).context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data.update({"occupation": "NELAYAN", "correction_reason": "Surat keterangan lurah 12/2026"})
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Person.objects.get(pk=head.pk).occupation == "NELAYAN"
    assert DocumentJob.objects.filter(subject=head, application=None, doc_type="KTP_EL").count() == 1
    assert IssuedDocument.objects.filter(subject=head).count() == 1  # the new one renders in the worker


def test_family_address_correction_reissues_kk_and_cards(actors):
    family = actors["home"]["head"].family
    updated, jobs = services.family_correct(
        family=family, changes={"address": "Jl. Raja Eyato 5"}, actor=actors["piak"], reason="Penomoran ulang jalan"
    )
    assert updated.address == "JL. RAJA EYATO 5"
    assert jobs == []  # nothing was issued for this family yet, so nothing to supersede


def test_the_applicant_downloads_the_version_a_correction_reissued(client, actors, make_application, approve):
    """The re-issue has no application of its own: it answers the application of the version it
    replaced, whose applicant finds it there and downloads it; nobody else does."""
    family = actors["home"]["head"].family
    application = approve(make_application("KK_HILANG_RUSAK", actors["citizen"], {"family_id": family.pk}))
    first = document_produce(job_id=application.jobs.get().pk)
    _family, jobs = services.family_correct(
        family=family, changes={"address": "Jl. Raja Eyato 5"}, actor=actors["piak"], reason="Penomoran ulang jalan"
    )
    assert [job.application_id for job in jobs] == [None]
    newer = document_produce(job_id=jobs[0].pk)
    assert (newer.lineage, newer.version) == (first.lineage, 2)
    newer_url = reverse("documents:download", args=[newer.pk])
    page_url = reverse("requests_app:application_detail", args=[application.tracking_number])
    client.force_login(actors["citizen"])
    page = client.get(page_url).content.decode()
    assert "Tidak berlaku lagi: digantikan versi 2" in page
    assert newer_url in page and "Unduh PDF versi 2 yang berlaku" in page
    response = client.get(newer_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    old = client.get(reverse("documents:download", args=[first.pk]))
    assert old.status_code == 302 and old["Location"] == page_url
    client.force_login(actors["other_citizen"])
    assert client.get(newer_url).status_code == 404
