"""The file check on /verifikasi/ takes files from anyone: bounded work, no crash, its own budget."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from reportlab.pdfgen import canvas as pdfcanvas

from verification.filecheck import MAX_PAGE_PIXELS, Outcome, file_check, qr_texts_in_pdf
from verification.qr import draw_qr

URL = "HTTPS://DUKCAPIL.GORONTALOKOTA.GO.ID/V/ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def pdf_with_page(width: float, height: float, *, qr_size: float = 0) -> bytes:
    buffer = io.BytesIO()
    page = pdfcanvas.Canvas(buffer, pagesize=(width, height))
    if qr_size:
        draw_qr(page, URL, x=width / 4, y=height / 4, size=qr_size)
    page.showPage()
    page.save()
    return buffer.getvalue()


@pytest.fixture
def renders(monkeypatch):
    """The size, in pixels, of every page render."""
    import pymupdf

    sizes: list[int] = []
    original = pymupdf.Page.get_pixmap

    def get_pixmap(page, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        pixmap = original(page, *args, **kwargs)
        sizes.append(pixmap.width * pixmap.height)
        return pixmap

    monkeypatch.setattr(pymupdf.Page, "get_pixmap", get_pixmap)
    return sizes


def test_a_huge_page_is_rendered_within_the_pixel_budget_and_its_qr_still_read(renders):
    """A file of about a kilobyte declaring a 6000-point page: 278 million pixels at 200 dpi
    (over 600 million at 300) before the budget; one render of at most MAX_PAGE_PIXELS now."""
    data = pdf_with_page(6000, 6000, qr_size=1500)
    assert len(data) < 5000
    texts, _image_only = qr_texts_in_pdf(data)
    assert texts == [URL]
    assert renders and max(renders) <= MAX_PAGE_PIXELS * 1.001


def test_an_a4_page_keeps_both_resolutions(renders):
    texts, _image_only = qr_texts_in_pdf(pdf_with_page(595, 842))  # no QR: both renders run
    assert texts == []
    assert len(renders) == 2 and max(renders) <= MAX_PAGE_PIXELS  # 300 dpi A4: 8.7 million


def test_a_page_that_cannot_be_rendered_reads_as_no_qr(monkeypatch):
    import pymupdf

    def refuse(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise RuntimeError("code=2: pixmap size exceeds limit")  # what mupdf raises on a hostile page

    monkeypatch.setattr(pymupdf.Page, "get_pixmap", refuse)
    assert qr_texts_in_pdf(pdf_with_page(595, 842, qr_size=200)) == ([], True)
    assert file_check(pdf_with_page(595, 842, qr_size=200)).outcome == Outcome.NO_QR


@pytest.mark.django_db
def test_file_checks_have_a_budget_of_their_own(client, settings):
    settings.VERIFY_FILE_RATE_LIMIT_PER_MINUTE = 2
    settings.VERIFY_RATE_LIMIT_PER_MINUTE = 60

    def upload():  # noqa: ANN202
        return client.post("/verifikasi/", {"berkas": SimpleUploadedFile("x.pdf", b"bukan pdf")})

    assert upload().status_code == 200
    assert upload().status_code == 200
    refused = upload()
    assert refused.status_code == 429 and "Terlalu banyak pemeriksaan" in refused.content.decode()
    pasted = client.post(  # the paste form, as a browser sends it: a pasted code is a scan
        "/verifikasi/", "kode=HTTPS%3A%2F%2FEXAMPLE.ORG%2FV%2FABC", content_type="application/x-www-form-urlencoded"
    )
    assert pasted.status_code == 200 and "TIDAK DIKENAL" in pasted.content.decode()


@pytest.mark.django_db
def test_an_upload_declared_too_large_is_refused_unread(client, settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    response = client.post(
        "/verifikasi/", {"berkas": SimpleUploadedFile("x.pdf", b"%PDF-1.4")}, CONTENT_LENGTH=str(50 * 1024 * 1024)
    )
    assert response.status_code == 400 and "terlalu besar" in response.content.decode()


@pytest.mark.django_db
def test_the_form_page_lets_the_browser_send_its_origin(client):
    """With no-referrer the browser posts "Origin: null" and the CSRF check refuses the form."""
    response = client.get("/verifikasi/")
    assert response["Referrer-Policy"] == "same-origin"
    assert '<meta name="referrer" content="same-origin">' in response.content.decode()
