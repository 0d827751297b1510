"""The returned application's page: pressing "Ajukan kembali" before uploading what staff asked for."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from requests_app.models import ApplicationState
from tests.portal.conftest import PDF_BYTES, make_application, record_return

pytestmark = pytest.mark.django_db
REASON = "Unggah KTP-el almarhumah; foto sebelumnya buram."


def test_resubmit_refused_until_the_named_requirement_has_a_new_file(client, actors):
    citizen, wife = actors["citizen"], actors["home"]["wife"]
    application = make_application(
        applicant=citizen,
        subject=wife,
        state=ApplicationState.RETURNED,
        event_data={"deceased_id": wife.pk, "death_date": "2026-11-01", "death_place": "X", "cause": "Y"},
    )
    number = application.tracking_number
    client.force_login(citizen)
    upload_url = reverse("requests_app:attachment_upload", args=[number, 0])
    client.post(upload_url, {"file": SimpleUploadedFile("surat.pdf", PDF_BYTES)})  # before the return
    record_return(application, actor=actors["petugas"], items={2: REASON})
    detail = reverse("requests_app:application_detail", args=[number])
    page = client.get(detail).content.decode()
    assert REASON in page and "Unggah berkas baru untuk persyaratan ini" in page

    response = client.post(reverse("requests_app:application_submit", args=[number]), follow=True)
    application.refresh_from_db()
    assert application.state == ApplicationState.RETURNED
    assert response.redirect_chain[-1][0] == detail
    body = response.content.decode()
    assert "belum dapat diajukan kembali" in body and "3. KTP-el almarhum/almarhumah (bila ada)" in body
    assert application.attachments.count() == 1  # nothing lost

    upload_url = reverse("requests_app:attachment_upload", args=[number, 2])
    client.post(upload_url, {"file": SimpleUploadedFile("ktp.pdf", PDF_BYTES + b"jelas")})
    assert "Unggah berkas baru untuk persyaratan ini" not in client.get(detail).content.decode()
    client.post(reverse("requests_app:application_submit", args=[number]))
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED
