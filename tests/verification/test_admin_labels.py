"""Document admin pages label their columns and fields in Indonesian, not with English auto-labels."""

import pytest
from django.urls import reverse

from documents.revocation import document_revoke

pytestmark = pytest.mark.django_db


def test_issued_documents_and_jobs_are_labelled_in_indonesian(client, issue, actors):
    document, _token = issue()
    document_revoke(document=document, reason="data kelahiran keliru", actor=actors["piak"])
    client.force_login(actors["piak"])
    pages = {
        url: client.get(url).content.decode()
        for url in (
            reverse("admin:documents_issueddocument_changelist"),
            reverse("admin:documents_issueddocument_change", args=[document.pk]),
            reverse("admin:documents_documentjob_changelist"),
            reverse("admin:documents_documentjob_change", args=[document.job_id]),
            reverse("admin:verification_verifiabledocument_changelist"),
            reverse("admin:verification_documentrevocation_changelist"),
        )
    }
    assert document.number in pages[reverse("admin:documents_issueddocument_changelist")]
    text = "".join(pages.values())
    english = (
        "Doc type",
        "Issued at",
        "Key id",
        "Lineage",
        "Sha256",
        "Snapshot",
        ">Job<",
        ">Subject<",
        ">Family<",
        ">State<",
        ">Pk<",
        ">Attempts<",
        ">Payload<",
        ">Error<",
        "Updated at",
        "Revoked reason",
        "Revoked by",
        ">Document<",
    )
    assert [word for word in english if word in text] == []
    for label in ("Jenis dokumen", "Diterbitkan", "Id kunci", "Rangkaian versi", "No. pekerjaan", "Jumlah percobaan"):
        assert label in text, label
    assert "Alasan pencabutan" in text and "Dicabut oleh" in text


def test_service_form_labels_its_ordering(client, actors):
    from requests_app.models import Service

    client.force_login(actors["piak"])
    page = client.get(reverse("admin:requests_app_service_change", args=[Service.objects.first().pk])).content.decode()
    assert "Urutan" in page and "Ordering" not in page
