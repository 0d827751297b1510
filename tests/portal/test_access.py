"""Who may see an application and its files: everyone else gets a 404, anonymous a login."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from documents.models import DocumentJob, IssuedDocument, JobState
from requests_app.models import ApplicationState, Attachment, Channel
from tests.portal.conftest import PDF_BYTES, make_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def filed(actors, death_application):
    attachment = Attachment(
        application=death_application,
        requirement_index=0,
        requirement_label="Surat kematian",
        content_type="application/pdf",
        size=len(PDF_BYTES),
        sha256="a" * 64,
        uploaded_by=actors["citizen"],
    )
    attachment.file.save("x", ContentFile(PDF_BYTES), save=False)
    attachment.save()
    death_application.state = ApplicationState.COMPLETED
    death_application.save(update_fields=["state"])
    job = DocumentJob.objects.create(
        application=death_application,
        doc_type="AKTA_KEMATIAN",
        subject=death_application.subject,
        state=JobState.ISSUED,
    )
    issued = IssuedDocument(
        job=job,
        doc_type="AKTA_KEMATIAN",
        number="7571-KM-001",
        lineage="AKTA_KEMATIAN:1",
        sha256="b" * 64,
        key_id="k1",
        subject=death_application.subject,
    )
    issued.file.save("akta.pdf", ContentFile(PDF_BYTES), save=False)
    issued.save()
    number = death_application.tracking_number
    return {
        "detail": reverse("requests_app:application_detail", args=[number]),
        "receipt": reverse("requests_app:application_receipt", args=[number]),
        "edit": reverse("requests_app:application_edit", args=[number]),
        "cancel": reverse("requests_app:application_cancel", args=[number]),
        "attachment": reverse("requests_app:attachment_download", args=[number, attachment.pk]),
        "issued": reverse("documents:download", args=[issued.pk]),
    }


URL_NAMES = ["detail", "receipt", "edit", "cancel", "attachment", "issued"]


@pytest.mark.parametrize("name", URL_NAMES)
def test_anonymous_sent_to_login(client, filed, name):
    response = client.get(filed[name])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("who", ["other_citizen", "operator_elsewhere"])
@pytest.mark.parametrize("name", URL_NAMES)
def test_outsiders_get_404(client, actors, filed, who, name):
    client.force_login(actors[who])
    assert client.get(filed[name]).status_code == 404


def test_applicant_gets_files(client, actors, filed):
    client.force_login(actors["citizen"])
    response = client.get(filed["attachment"])
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert "private" in response["Cache-Control"]
    issued = client.get(filed["issued"])
    assert issued.status_code == 200 and "attachment" in issued["Content-Disposition"]
    detail = client.get(filed["detail"]).content.decode()
    assert "7571-KM-001" in detail and filed["issued"] in detail


def test_staff_may_read_but_not_edit(client, actors, filed):
    client.force_login(actors["petugas"])
    assert client.get(filed["detail"]).status_code == 200
    assert client.get(filed["attachment"]).status_code == 200
    assert client.get(filed["issued"]).status_code == 200
    assert client.get(filed["edit"]).status_code == 404
    assert client.get(filed["cancel"]).status_code == 404


def test_operator_of_the_area_sees_but_cannot_download_issued(client, actors, filed):
    client.force_login(actors["operator"])
    assert client.get(filed["detail"]).status_code == 200
    assert client.get(filed["attachment"]).status_code == 200
    assert client.get(filed["issued"]).status_code == 404


def test_card_print_order_is_never_the_applicants_download(client, actors, filed, death_application):
    """A KTP-el print order goes to the office's card printer: the applicant gets neither the
    link nor the file (404), on this route as on /dokumen/<pk>/unduh/; staff still get it."""
    job = DocumentJob.objects.create(
        application=death_application, doc_type="KTP_EL", subject=death_application.subject, state=JobState.ISSUED
    )
    card = IssuedDocument(
        job=job, doc_type="KTP_EL", number="7571-CETAK-001", lineage="KTP_EL:1", sha256="c" * 64, key_id="k1"
    )
    card.file.save("card.pdf", ContentFile(PDF_BYTES), save=False)
    card.save()
    url = reverse("documents:download", args=[card.pk])
    client.force_login(actors["citizen"])
    assert client.get(url).status_code == 404
    detail = client.get(filed["detail"]).content.decode()
    assert "7571-CETAK-001" in detail and url not in detail  # listed, not offered
    assert filed["issued"] in detail  # the HVS document still is
    client.force_login(actors["petugas"])
    assert client.get(url).status_code == 200


def test_attachment_of_another_application_not_reachable_through_own_number(client, actors, filed):
    own = make_application(applicant=actors["other_citizen"], subject=actors["away"]["wife"])
    client.force_login(actors["other_citizen"])
    attachment_pk = int(filed["attachment"].rstrip("/").split("/")[-1])
    url = reverse("requests_app:attachment_download", args=[own.tracking_number, attachment_pk])
    assert client.get(url).status_code == 404


def test_citizen_sees_application_an_operator_filed_for_the_family(client, actors):
    application = make_application(
        applicant=actors["operator"], subject=actors["home"]["wife"], channel=Channel.ASSISTED
    )
    client.force_login(actors["citizen"])
    url = reverse("requests_app:application_detail", args=[application.tracking_number])
    response = client.get(url)
    assert response.status_code == 200 and "Melalui kelurahan/kecamatan" in response.content.decode()
    client.force_login(actors["other_citizen"])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "url",
    ["/keluarga-saya/", "/permohonan/", "/bantuan/", "/layanan/akta_kematian/ajukan/"],
)
def test_portal_pages_need_login(client, db, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/akun/masuk/")


def test_assisted_page_is_for_operators_only(client, actors):
    client.force_login(actors["citizen"])
    assert client.get("/bantuan/").status_code == 404


def test_uploads_only_by_applicant_in_editable_state(client, actors, death_application):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("requests_app:attachment_upload", args=[death_application.tracking_number, 0])
    client.force_login(actors["other_citizen"])
    assert client.post(url, {"file": SimpleUploadedFile("a.pdf", PDF_BYTES)}).status_code == 404
    client.force_login(actors["citizen"])  # SUBMITTED: no longer editable
    client.post(url, {"file": SimpleUploadedFile("a.pdf", PDF_BYTES)})
    assert not Attachment.objects.exists()


@pytest.mark.parametrize("who", ["other_citizen", "operator_elsewhere", "operator", "petugas"])
@pytest.mark.parametrize("action", ["ajukan", "batal", "ubah"])
def test_only_the_applicant_may_change_an_application(client, actors, who, action):
    wife = actors["home"]["wife"]
    application = make_application(
        applicant=actors["citizen"], subject=wife, state=ApplicationState.DRAFT, event_data={"deceased_id": wife.pk}
    )
    client.force_login(actors[who])
    response = client.post(f"/permohonan/{application.tracking_number}/{action}/", {"reason": "x"})
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.state == ApplicationState.DRAFT


def test_anonymous_posts_change_nothing(client, actors, death_application):
    for action in ("ajukan", "batal", "unggah/0"):
        response = client.post(f"/permohonan/{death_application.tracking_number}/{action}/")
        assert response.status_code == 302 and response["Location"].startswith("/akun/masuk/")
    death_application.refresh_from_db()
    assert death_application.state == ApplicationState.SUBMITTED


def test_my_applications_lists_own_and_assisted_for_the_family_only(client, actors):
    own = make_application(applicant=actors["citizen"], subject=actors["home"]["wife"])
    assisted = make_application(
        applicant=actors["operator"], subject=actors["home"]["child0"], channel=Channel.ASSISTED
    )
    elsewhere = make_application(applicant=actors["other_citizen"], subject=actors["away"]["wife"])
    client.force_login(actors["citizen"])
    assert set(client.get("/permohonan/").context["applications"]) == {own, assisted}
    client.force_login(actors["operator"])
    assert set(client.get("/permohonan/").context["applications"]) == {assisted}
    client.force_login(actors["other_citizen"])
    assert set(client.get("/permohonan/").context["applications"]) == {elsewhere}


def test_user_admin_binds_person_and_area(client, actors):
    from accounts.models import User

    admin = User.objects.create_superuser(username="root", password="x", email="root@uji.local")
    client.force_login(admin)
    response = client.get(f"/admin/accounts/user/{actors['operator'].pk}/change/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="operator_area"' in body and 'name="person"' in body
    assert client.get("/admin/accounts/user/?q=" + actors["citizen"].person.nik).status_code == 200
