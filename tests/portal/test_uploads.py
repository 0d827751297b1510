"""Uploads are recognised by content, bounded in size, and refused ones leave nothing behind."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from requests_app.models import ApplicationState, Attachment
from requests_app.uploads import sniff_content_type
from tests.portal.conftest import EXE_BYTES, JPEG_BYTES, PDF_BYTES, PNG_BYTES, make_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(actors):
    wife = actors["home"]["wife"]
    return make_application(
        applicant=actors["citizen"], subject=wife, state=ApplicationState.DRAFT, event_data={"deceased_id": wife.pk}
    )


def upload(client, application, name, content):
    url = reverse("requests_app:attachment_upload", args=[application.tracking_number, 0])
    return client.post(url, {"file": SimpleUploadedFile(name, content)}, follow=True)


def media_files(settings):
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("surat.pdf", EXE_BYTES, "Jenis berkas tidak diterima"),
        ("kosong.pdf", b"", "kosong"),
        ("besar.pdf", b"%PDF-1.7\n" + b"0" * (6 * 1024 * 1024), "terlalu besar"),
        ("gambar.png", b"GIF89a" + b"\x00" * 100, "Jenis berkas tidak diterima"),
    ],
)
def test_refused_with_clear_message_and_nothing_stored(client, actors, draft, settings, name, content, message):
    client.force_login(actors["citizen"])
    response = upload(client, draft, name, content)
    body = response.content.decode()
    assert message in body
    # Next to the requirement it concerns (the page opens there), not in the banner at the top.
    requirement = body[body.index('id="req-0"') : body.index('id="req-1"')]
    assert message in requirement and 'role="alert" id="req0-error"' in requirement
    assert 'aria-describedby="req0-error"' in requirement
    assert message not in body[: body.index('id="req-0"')]
    assert not Attachment.objects.exists()
    assert media_files(settings) == []


@pytest.mark.parametrize(
    ("name", "content", "content_type", "extension"),
    [
        ("scan.exe", PDF_BYTES, "application/pdf", ".pdf"),
        ("foto.pdf", JPEG_BYTES, "image/jpeg", ".jpg"),
        ("foto", PNG_BYTES, "image/png", ".png"),
    ],
)
def test_accepted_by_content_not_name(client, actors, draft, settings, name, content, content_type, extension):
    client.force_login(actors["citizen"])
    upload(client, draft, name, content)
    attachment = Attachment.objects.get()
    assert attachment.content_type == content_type
    assert attachment.file.name.endswith(extension)
    assert name not in attachment.file.name
    stored = media_files(settings)
    assert len(stored) == 1 and stored[0].read_bytes() == content
    assert str(settings.MEDIA_ROOT) in str(stored[0])


def test_exactly_the_limit_is_accepted(client, actors, draft, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    client.force_login(actors["citizen"])
    upload(client, draft, "a.pdf", b"%PDF-" + b"0" * 1019)
    assert Attachment.objects.count() == 1
    upload(client, draft, "a.pdf", b"%PDF-" + b"0" * 1020)
    assert Attachment.objects.count() == 1


def test_unknown_requirement_index_is_404(client, actors, draft):
    client.force_login(actors["citizen"])
    url = reverse("requests_app:attachment_upload", args=[draft.tracking_number, 99])
    assert client.post(url, {"file": SimpleUploadedFile("a.pdf", PDF_BYTES)}).status_code == 404


def test_sniffing():
    assert sniff_content_type(PDF_BYTES) == "application/pdf"
    assert sniff_content_type(JPEG_BYTES) == "image/jpeg"
    assert sniff_content_type(PNG_BYTES) == "image/png"
    assert sniff_content_type(EXE_BYTES) is None
    assert sniff_content_type(b"") is None
