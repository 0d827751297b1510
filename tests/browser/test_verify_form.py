"""On a phone, with no account: check a document on /verifikasi/ by its file and by its code.

The forms post back to the page, through Django's CSRF check, which reads the Origin header
the browser sends; a ``no-referrer`` policy on the page makes Chromium send "null" (403).
The Django test client sends no Origin at all, so only a browser shows this.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache

from documents.issuing import document_produce
from documents.models import DocumentJob
from tests.factories import household
from verification.filecheck import qr_texts_in_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def issued_kk(reference_data, settings, tmp_path):
    """A KK through the real pipeline, before the browser starts (pyHanko signs the PDF with
    asyncio.run, which cannot run inside Playwright's event loop)."""
    settings.VERIFY_SCAN_FLUSH_SECONDS = 0
    cache.clear()  # no rate-limit budget spent by earlier tests
    family = household(children=1)["head"].family
    document = document_produce(job_id=DocumentJob.objects.create(doc_type="KK", family=family).pk)
    saved = tmp_path / "kk.pdf"
    with document.file.open("rb") as handle:
        saved.write_bytes(handle.read())
    return document, saved


def test_anyone_checks_a_file_and_a_pasted_code(live_server, issued_kk, phone, shots):
    document, saved = issued_kk
    url = qr_texts_in_pdf(saved.read_bytes())[0][0]

    page = phone
    page.goto(f"{live_server.url}/verifikasi/")
    page.locator("#berkas").set_input_files(str(saved))
    page.get_by_role("button", name="Periksa berkas").click()
    page.wait_for_load_state()
    shots(page, "01-file-checked")
    assert page.get_by_role("status").first.get_by_text("BERKAS ASLI DARI DINAS").is_visible()
    assert page.get_by_text("ASLI DAN BERLAKU").is_visible()

    page.goto(f"{live_server.url}/verifikasi/")
    page.locator("#kode").fill(url)
    page.get_by_role("button", name="Periksa kode").click()
    page.wait_for_load_state()
    shots(page, "02-code-checked")
    assert page.get_by_text("ASLI DAN BERLAKU").is_visible()
    assert document.number in page.content()
