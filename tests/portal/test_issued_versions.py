"""An application's issued documents that are no longer in force: a newer KK version, or revoked.

Its page says so, does not offer the old file for printing (the download routes refuse it to
the citizen, staff still get it) and points to the application that issued the newest version.
"""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from documents.models import DocumentJob, IssuedDocument, IssuedState, JobState
from requests_app.models import ApplicationState
from tests.portal.conftest import PDF_BYTES, make_application

pytestmark = pytest.mark.django_db


def issue(application, *, version, state=IssuedState.VALID, doc_type="KK", number="7571010101260001"):
    job = DocumentJob.objects.create(
        application=application, doc_type=doc_type, family=application.family, state=JobState.ISSUED
    )
    document = IssuedDocument(
        job=job,
        doc_type=doc_type,
        number=number,
        version=version,
        lineage=f"{doc_type}:{number}",
        family=application.family,
        sha256=f"{version:064d}",
        key_id="k1",
        state=state,
    )
    document.file.save(f"{doc_type}-{version}.pdf", ContentFile(PDF_BYTES), save=False)
    document.save()
    return document


def supersede(old, new):
    IssuedDocument.objects.filter(pk=old.pk).update(state=IssuedState.SUPERSEDED, superseded_by=new)
    old.refresh_from_db()


def completed(applicant, subject, service_code="KK_PERUBAHAN"):
    return make_application(
        applicant=applicant, subject=subject, service_code=service_code, state=ApplicationState.COMPLETED
    )


def detail(application):
    return reverse("requests_app:application_detail", args=[application.tracking_number])


def download(document):
    return reverse("documents:download", args=[document.pk])


@pytest.fixture
def two_versions(actors):
    """KK version 1 from an older application, version 2 from a later one, both the citizen's."""
    citizen, wife = actors["citizen"], actors["home"]["wife"]
    older, newer = completed(citizen, wife), completed(citizen, wife, "AKTA_KEMATIAN")
    first = issue(older, version=1)
    second = issue(newer, version=2)
    supersede(first, second)
    return older, first, newer, second


def test_older_application_marks_superseded_kk_and_points_to_the_newer_one(client, actors, two_versions):
    older, first, newer, second = two_versions
    client.force_login(actors["citizen"])
    body = client.get(detail(older)).content.decode()
    assert "Tidak berlaku lagi: digantikan versi 2" in body
    assert detail(newer) in body and newer.tracking_number in body
    assert download(first) not in body
    # An old link: back to the application, told why, not a bare 404.
    response = client.get(download(first), follow=True)
    assert response.redirect_chain == [(detail(older), 302)]
    assert "sudah digantikan versi yang lebih baru" in response.content.decode()
    assert "Tidak berlaku lagi: digantikan versi 2" in response.content.decode()
    newest = client.get(detail(newer)).content.decode()
    assert download(second) in newest and "Tidak berlaku lagi" not in newest
    assert client.get(download(second)).status_code == 200


def test_staff_see_the_state_and_may_still_download_the_old_file(client, actors, two_versions):
    older, first, _, _ = two_versions
    client.force_login(actors["petugas"])
    body = client.get(detail(older)).content.decode()
    assert "Tidak berlaku lagi: digantikan versi 2" in body
    assert download(first) in body
    assert client.get(download(first)).status_code == 200


def test_chain_of_versions_points_to_the_newest(client, actors, two_versions):
    older, first, newer, second = two_versions
    latest = completed(actors["citizen"], actors["home"]["wife"], "KTP_BARU")
    third = issue(latest, version=3)
    supersede(second, third)
    client.force_login(actors["citizen"])
    body = client.get(detail(older)).content.decode()
    assert "Tidak berlaku lagi: digantikan versi 3" in body and detail(latest) in body
    assert detail(newer) not in body


def test_newest_version_from_an_application_the_viewer_may_not_see_is_named_not_linked(client, actors):
    citizen, wife = actors["citizen"], actors["home"]["wife"]
    older = completed(citizen, wife)
    elsewhere = completed(actors["other_citizen"], actors["away"]["wife"])
    first = issue(older, version=1)
    supersede(first, issue(elsewhere, version=2))
    client.force_login(citizen)
    body = client.get(detail(older)).content.decode()
    assert "Tidak berlaku lagi: digantikan versi 2" in body
    assert elsewhere.tracking_number not in body and detail(elsewhere) not in body


def test_revoked_document_is_marked_and_not_offered(client, actors):
    application = completed(actors["citizen"], actors["home"]["wife"], "AKTA_KEMATIAN")
    akta = issue(application, version=1, doc_type="AKTA_KEMATIAN", number="7571-KM-009")
    IssuedDocument.objects.filter(pk=akta.pk).update(
        state=IssuedState.REVOKED, revoked_at=timezone.now(), revoked_reason="Salah data"
    )
    client.force_login(actors["citizen"])
    body = client.get(detail(application)).content.decode()
    assert "7571-KM-009" in body and "Dicabut" in body
    assert download(akta) not in body
    response = client.get(download(akta), follow=True)
    assert response.redirect_chain == [(detail(application), 302)]
    assert "telah dicabut, sehingga tidak dapat diunduh lagi" in response.content.decode()
    client.force_login(actors["piak"])
    assert client.get(download(akta)).status_code == 200


def test_state_in_english_when_chosen(client, actors, two_versions):
    older, _, newer, _ = two_versions
    client.cookies["django_language"] = "en"
    client.force_login(actors["citizen"])
    body = client.get(detail(older)).content.decode()
    assert "No longer valid: replaced by version 2" in body
    assert f"The version in force is in application {newer.tracking_number}" in body
