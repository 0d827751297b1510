import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from requests_app.models import Application, ApplicationState, Attachment, Channel
from tests.portal.conftest import PDF_BYTES, PNG_BYTES, make_application, record_return

pytestmark = pytest.mark.django_db


def start_death(client, deceased, **extra):
    data = {
        "deceased": deceased.pk,
        "death_date": (timezone.localdate() - dt.timedelta(days=2)).isoformat(),
        "death_place": "RSUD Aloei Saboe",
        "cause": "Sakit",
        **extra,
    }
    return client.post(reverse("requests_app:application_start", args=["akta_kematian"]), data)


def test_death_application_draft_upload_preview_submit(client, actors, django_capture_on_commit_callbacks):
    from django.core import mail

    client.force_login(actors["citizen"])
    wife = actors["home"]["wife"]
    response = start_death(client, wife)
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("requests_app:application_detail", args=[application.tracking_number])
    assert application.state == ApplicationState.DRAFT
    assert application.event_data["deceased_id"] == wife.pk
    assert application.subject == wife and application.channel == Channel.ONLINE

    # Upload one requirement, see it listed with the documents the death will yield.
    upload = SimpleUploadedFile("surat.pdf", PDF_BYTES, content_type="application/pdf")
    client.post(reverse("requests_app:attachment_upload", args=[application.tracking_number, 0]), {"file": upload})
    attachment = Attachment.objects.get()
    assert attachment.content_type == "application/pdf" and attachment.size == len(PDF_BYTES)
    detail = client.get(reverse("requests_app:application_detail", args=[application.tracking_number]))
    body = detail.content.decode()
    assert "Dokumen yang akan terbit" in body
    assert "Akta Kematian" in body
    assert detail.context["preview"].documents

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("requests_app:application_submit", args=[application.tracking_number]))
    assert response["Location"] == reverse("requests_app:application_receipt", args=[application.tracking_number])
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED
    assert len(mail.outbox) == 1 and application.tracking_number in mail.outbox[0].body

    receipt = client.get(response["Location"])
    assert b"<svg" in receipt.content and application.tracking_number.encode() in receipt.content

    # Submitted: the documents the death will yield are still listed (the jobs come with the
    # approval), without the submit button.
    detail = client.get(reverse("requests_app:application_detail", args=[application.tracking_number]))
    body = detail.content.decode()
    assert "Dokumen yang akan terbit" in body and "Akta Kematian" in body
    assert reverse("requests_app:application_submit", args=[application.tracking_number]) not in body


def test_future_death_date_refused(client, actors):
    client.force_login(actors["citizen"])
    response = start_death(
        client, actors["home"]["wife"], death_date=(timezone.localdate() + dt.timedelta(days=1)).isoformat()
    )
    assert response.status_code == 200
    assert "Tanggal tidak boleh di masa depan." in response.content.decode()
    assert 'id="error-summary"' in response.content.decode()
    assert not Application.objects.exists()


def test_deceased_from_another_family_not_offered(client, actors):
    client.force_login(actors["citizen"])
    response = start_death(client, actors["away"]["head"])
    assert response.status_code == 200
    assert "deceased" in response.context["form"].errors
    assert not Application.objects.exists()


def test_second_open_application_for_same_death_refused(client, actors):
    client.force_login(actors["citizen"])
    wife = actors["home"]["wife"]
    for _ in range(2):
        start_death(client, wife)
    first, second = Application.objects.order_by("pk")
    for application in (first, second):
        upload = SimpleUploadedFile("s.png", PNG_BYTES)
        client.post(reverse("requests_app:attachment_upload", args=[application.tracking_number, 0]), {"file": upload})
    client.post(reverse("requests_app:application_submit", args=[first.tracking_number]))
    response = client.post(reverse("requests_app:application_submit", args=[second.tracking_number]), follow=True)
    second.refresh_from_db()
    assert second.state == ApplicationState.DRAFT
    assert first.tracking_number in response.content.decode()


def test_submit_without_any_upload_refused(client, actors):
    client.force_login(actors["citizen"])
    start_death(client, actors["home"]["wife"])
    application = Application.objects.get()
    response = client.post(reverse("requests_app:application_submit", args=[application.tracking_number]), follow=True)
    assert "Unggah sedikitnya satu persyaratan" in response.content.decode()
    # Shown as an error (Bootstrap has no "alert-error"), and announced at once.
    shown = '<div class="alert alert-danger" role="alert">Unggah sedikitnya satu persyaratan'
    assert shown in response.content.decode()
    application.refresh_from_db()
    assert application.state == ApplicationState.DRAFT


def test_draft_resumed_and_edited(client, actors):
    client.force_login(actors["citizen"])
    start_death(client, actors["home"]["wife"])
    application = Application.objects.get()
    url = reverse("requests_app:application_edit", args=[application.tracking_number])
    form = client.get(url).context["form"]
    assert form.initial["death_place"] == "RSUD Aloei Saboe"
    data = {**application.event_data, "deceased": actors["home"]["wife"].pk, "death_place": "RUMAH"}
    client.post(url, data)
    application.refresh_from_db()
    assert application.event_data["death_place"] == "RUMAH"
    assert client.get(reverse("requests_app:application_list")).context["applications"][0] == application


def test_returned_application_shows_reason_per_item_and_resubmits(client, actors):
    citizen = actors["citizen"]
    wife = actors["home"]["wife"]
    application = make_application(
        applicant=citizen,
        subject=wife,
        state=ApplicationState.RETURNED,
        event_data={"deceased_id": wife.pk, "death_date": "2026-11-01", "death_place": "X", "cause": "Y"},
    )
    record_return(
        application, actor=actors["petugas"], reason="Berkas kurang jelas", items={0: "Surat kematian tidak terbaca"}
    )
    client.force_login(citizen)
    body = client.get(reverse("requests_app:application_detail", args=[application.tracking_number])).content.decode()
    assert "Berkas kurang jelas" in body and "Surat kematian tidak terbaca" in body
    upload = SimpleUploadedFile("baru.jpg", PDF_BYTES)
    client.post(reverse("requests_app:attachment_upload", args=[application.tracking_number, 0]), {"file": upload})
    client.post(reverse("requests_app:application_submit", args=[application.tracking_number]))
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED


def test_cancel_until_approval(client, actors, death_application):
    client.force_login(actors["citizen"])
    url = reverse("requests_app:application_cancel", args=[death_application.tracking_number])
    assert client.get(url).status_code == 200
    client.post(url, {"reason": "salah isi"})
    death_application.refresh_from_db()
    assert death_application.state == ApplicationState.CANCELLED


def test_no_receipt_for_a_draft_cancelled_before_it_was_submitted(client, actors):
    from tests.portal.conftest import make_application

    draft = make_application(applicant=actors["citizen"], subject=actors["home"]["wife"], state=ApplicationState.DRAFT)
    client.force_login(actors["citizen"])
    client.post(reverse("requests_app:application_cancel", args=[draft.tracking_number]), {"reason": "batal"})
    draft.refresh_from_db()
    assert draft.state == ApplicationState.CANCELLED and draft.submitted_at is None
    receipt = reverse("requests_app:application_receipt", args=[draft.tracking_number])
    detail = reverse("requests_app:application_detail", args=[draft.tracking_number])
    assert receipt not in client.get(detail).content.decode()
    assert client.get(receipt)["Location"] == detail


def test_cannot_cancel_after_approval(client, actors, death_application):
    death_application.state = ApplicationState.APPROVED
    death_application.save(update_fields=["state"])
    client.force_login(actors["citizen"])
    client.post(reverse("requests_app:application_cancel", args=[death_application.tracking_number]))
    death_application.refresh_from_db()
    assert death_application.state == ApplicationState.APPROVED


@pytest.mark.parametrize(
    ("state", "label"),
    [
        (ApplicationState.APPROVED, "Disetujui"),
        (ApplicationState.REJECTED, "Ditolak"),
        (ApplicationState.CANCELLED, "Dibatalkan"),
    ],
)
def test_refused_cancel_names_the_applications_state(client, actors, death_application, state, label):
    death_application.state = state
    death_application.save(update_fields=["state"])
    client.force_login(actors["citizen"])
    url = reverse("requests_app:application_cancel", args=[death_application.tracking_number])
    response = client.get(url, follow=True)
    assert [str(m) for m in response.context["messages"]] == [f"Permohonan berstatus {label} tidak dapat dibatalkan."]


def test_unverified_email_must_verify_before_applying(client, actors):
    citizen = actors["citizen"]
    citizen.email_verified = False
    citizen.save(update_fields=["email_verified"])
    client.force_login(citizen)
    response = client.get(reverse("requests_app:application_start", args=["akta_kematian"]))
    assert response["Location"] == reverse("accounts:verify_pending")


@pytest.mark.parametrize(
    "code",
    [
        "kk_baru", "kk_perubahan", "kk_hilang_rusak", "kk_pisah", "ktp_baru", "ktp_penggantian", "kia",
        "pindah_keluar", "pindah_datang", "pindah_luar_negeri", "datang_luar_negeri", "sktt_wna",
        "akta_kelahiran", "lahir_mati", "akta_kematian", "akta_perkawinan", "akta_perceraian", "pengakuan_anak",
        "pengesahan_anak", "pengangkatan_anak", "perubahan_nama", "perubahan_kewarganegaraan", "pembatalan_akta",
        "peristiwa_penting_lainnya",
    ],
)  # fmt: skip
def test_every_service_has_a_form(client, actors, code):
    client.force_login(actors["citizen"])
    response = client.get(reverse("requests_app:application_start", args=[code]))
    assert response.status_code == 200
    assert "<form" in response.content.decode()


def test_data_change_draft_names_the_field_in_indonesian(client, actors):
    client.force_login(actors["citizen"])
    wife = actors["home"]["wife"]
    data = {"person": wife.pk, "field": "occupation", "value": "GURU", "reason": "Pekerjaan baru"}
    client.post(reverse("requests_app:application_start", args=["kk_perubahan"]), data)
    application = Application.objects.get()
    body = client.get(reverse("requests_app:application_detail", args=[application.tracking_number])).content.decode()
    assert "Perubahan jenis pekerjaan" in body  # the event summary
    assert "jenis pekerjaan = GURU" in body  # the register change the preview lists
    assert "occupation" not in body


def test_lost_ktp_replacement_applied_for_without_a_data_change(client, actors):
    client.force_login(actors["citizen"])
    head = actors["home"]["head"]
    head.ktp_el_issued_at = head.data_changed_at  # the card that was lost
    head.save(update_fields=["ktp_el_issued_at"])
    response = client.post(
        reverse("requests_app:application_start", args=["ktp_penggantian"]), {"person": head.pk, "cause": "HILANG"}
    )
    application = Application.objects.get()
    assert response["Location"] == reverse("requests_app:application_detail", args=[application.tracking_number])
    assert application.event_data == {"person_id": head.pk, "cause": "HILANG", "changes": {}}
    detail = client.get(response["Location"])
    assert detail.context["preview"].documents == [f"KTP-el untuk {head.full_name}"]
    assert detail.context["preview"].changes == [] and detail.context["preview"].problems == []
    assert ("Sebab/keadaan", "Hilang") in detail.context["summary"]


def test_a_birth_is_listed_under_the_babys_name_not_the_mothers(client, actors):
    from tests.portal.conftest import make_application

    mother = actors["home"]["wife"]
    make_application(
        applicant=actors["citizen"],
        service_code="AKTA_KELAHIRAN",
        subject=mother,
        event_data={"children": [{"full_name": "BAYI PERTAMA"}, {"full_name": "BAYI KEDUA"}], "mother_id": mother.pk},
    )
    make_application(applicant=actors["citizen"], subject=actors["home"]["head"])
    client.force_login(actors["citizen"])
    body = client.get(reverse("requests_app:application_list")).content.decode()
    assert "· BAYI PERTAMA, BAYI KEDUA" in body and f"· {mother.full_name}" not in body
    assert f"· {actors['home']['head'].full_name}" in body
