"""On a phone: staff return an application with a reason for one requirement; the citizen
reads the reason beside that requirement, uploads a better file and resubmits."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts import roles
from accounts.models import User
from requests_app import services
from requests_app.models import Application, ApplicationState, Service
from tests.factories import household

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "Gorontalo-Aman-2026"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_citizen_fixes_a_returned_application(live_server, phone, shots, tmp_path):
    family = household(children=1)
    head, wife = family["head"], family["wife"]
    citizen = User.objects.create_user(
        username=head.nik, password=PASSWORD, email="warga@contoh.id", person=head, email_verified=True
    )
    petugas = User.objects.create_user(username="petugas-uji", password=PASSWORD, is_staff=True)
    petugas.groups.add(Group.objects.get(name=roles.PETUGAS_PELAYANAN))
    draft = services.application_draft_save(
        applicant=citizen,
        service=Service.objects.get(code="AKTA_KEMATIAN"),
        subject=wife,
        family=head.family,
        event_data={
            "deceased_id": wife.pk,
            "death_date": (timezone.localdate() - timezone.timedelta(days=2)).isoformat(),
            "death_place": "RUMAH",
            "cause": "SAKIT",
        },
        channel="ONLINE",
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    from requests_app.uploads import attachment_store, upload_validate

    content, content_type = upload_validate(SimpleUploadedFile("buram.pdf", PDF))
    attachment_store(
        application=draft, requirement_index=0, content=content, content_type=content_type,
        original_name="buram.pdf", uploaded_by=citizen,
    )  # fmt: skip
    services.application_submit(application=draft, actor=citizen)
    services.application_return_(
        application=draft,
        actor=petugas,
        reason="Surat kurang jelas",
        items=[{"requirement_index": 0, "reason": "Cap rumah sakit tidak terbaca"}],
    )

    page = phone
    page.goto(f"{live_server.url}/akun/masuk/?next=/permohonan/{draft.tracking_number}/")
    page.locator("#id_username").fill("warga@contoh.id")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"**/permohonan/{draft.tracking_number}/")
    assert page.locator("#state").inner_text() == "Dikembalikan untuk perbaikan"
    assert page.get_by_role("alert").get_by_text("Surat kurang jelas").is_visible()
    assert page.locator("#req-0").get_by_text("Cap rumah sakit tidak terbaca").is_visible()
    shots(page, "01-returned-with-reason")

    better = tmp_path / "surat-jelas.pdf"
    better.write_bytes(PDF + b"% jelas\n")
    page.locator("#id_req0_file").set_input_files(str(better))
    page.locator("#req-0").get_by_role("button", name="Ganti berkas").click()
    page.wait_for_load_state()
    shots(page, "02-new-file")
    page.get_by_role("button", name="Ajukan kembali").click()
    page.wait_for_url("**/tanda-terima/")
    shots(page, "03-resubmitted")

    application = Application.objects.get(pk=draft.pk)
    assert application.state == ApplicationState.SUBMITTED
    assert application.attachments.count() == 2
