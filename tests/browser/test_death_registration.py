"""A seeded resident signs up on a phone, registers a death with an upload, sees the documents
the event will yield, submits and reads the status. A screenshot per step is kept."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone

from requests_app.models import Application, ApplicationState
from tests.factories import household

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "Gorontalo-Aman-2026"


def test_resident_registers_a_death_on_a_phone(live_server, phone, shots, tmp_path):
    family = household(children=1)
    head, wife = family["head"], family["wife"]
    page = phone
    base = live_server.url

    # 1. Sign up with NIK, nomor KK and birth date as on the KK.
    page.goto(f"{base}/akun/daftar/")
    page.locator("#id_nik").fill(head.nik)
    page.locator("#id_nomor_kk").fill(head.family.nomor_kk)
    page.locator("#id_birth_date").fill(head.birth_date.isoformat())
    page.locator("#id_email").fill("hasan@contoh.id")
    page.locator("#id_phone").fill("081234567890")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    shots(page, "01-signup-form")
    page.get_by_role("button", name="Daftar").click()
    page.wait_for_url("**/akun/daftar/selesai/")
    shots(page, "02-signup-done")

    # 2. Verify the email through the link that was sent.
    link = re.search(r"https?://\S+?(/akun/verifikasi/\S+/)", mail.outbox[-1].body).group(1)
    page.goto(base + link)
    page.wait_for_url("**/akun/masuk/")
    shots(page, "03-verified-login")

    # 3. Log in with the NIK.
    page.locator("#id_username").fill(head.nik)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto(f"{base}/keluarga-saya/")
    assert page.get_by_text(wife.full_name).first.is_visible()
    shots(page, "04-my-family")

    # 4. Find the service by the life event and open the death registration form.
    page.goto(f"{base}/layanan/?q=ada+anggota+keluarga+meninggal")
    page.get_by_role("link", name=re.compile("Akta Kematian")).first.click()
    shots(page, "05-service-page")
    page.get_by_role("link", name="Ajukan permohonan").click()
    page.locator("#id_deceased").select_option(str(wife.pk))
    page.locator("#id_death_date").fill((timezone.localdate() - dt.timedelta(days=3)).isoformat())
    page.locator("#id_death_place").fill("RSUD Prof. Dr. H. Aloei Saboe")
    page.locator("#id_cause").fill("Sakit")
    shots(page, "06-death-form")
    page.get_by_role("button", name="Simpan draf dan lanjut").click()
    page.wait_for_url("**/permohonan/DKP-*/")

    # 5. Upload the hospital's death letter (a PDF) for the first requirement.
    letter = tmp_path / "surat-kematian.pdf"
    letter.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    page.locator("#id_req0_file").set_input_files(str(letter))
    page.locator("#req-0").get_by_role("button", name="Unggah").click()
    page.wait_for_load_state()
    assert page.locator("#req-0").get_by_text("Berkas terunggah").is_visible()
    shots(page, "07-uploaded")

    # 6. The documents the death will yield are listed before submitting.
    yields = page.locator("#yields")
    assert yields.get_by_text(re.compile("Akta Kematian")).first.is_visible()
    assert yields.get_by_text(re.compile("Kartu Keluarga|KK")).first.is_visible()
    yields.scroll_into_view_if_needed()
    shots(page, "08-yields-before-submit")
    yields.get_by_role("button", name="Ajukan permohonan").click()

    # 7. Receipt with the tracking number and a QR code to the tracking page.
    page.wait_for_url("**/tanda-terima/")
    application = Application.objects.get()
    assert page.locator("#tracking-number").inner_text() == application.tracking_number
    assert page.locator(".qr-receipt svg").count() == 1
    shots(page, "09-receipt")

    # 8. The status page shows the timeline.
    page.get_by_role("link", name="Lihat status").click()
    assert page.locator("#state").inner_text() == "Diajukan"
    assert page.locator("#timeline").get_by_text("Diajukan").first.is_visible()
    shots(page, "10-status")
    assert application.state == ApplicationState.SUBMITTED
    assert application.attachments.count() == 1
