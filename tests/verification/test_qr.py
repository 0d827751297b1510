import io

import pytest
import zxingcpp
from django.utils import timezone
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as pdfcanvas

from verification.qr import QrTooLarge, draw_qr, qr_matrix, qr_version
from verification.tokens import record_digest, token_sign, verify_url

pytestmark = pytest.mark.django_db

LONGEST_NAME = "PRATIWI KUSUMAWARDHANI SRI RAHAYUNINGSIH DEWI ANGGRAENI PUTRI"[:60]


def longest_url(settings):
    settings.PUBLIC_BASE_URL = "https://dukcapil.gorontalokota.go.id"
    signed = token_sign(
        doc_type="AKTA_PERKAWINAN",
        number="7571-KW-28112026-0001",
        version=12,
        subject_name=LONGEST_NAME,
        nik="7571017112990003",
        record_digest=record_digest({"x": "y"}),
        issued_at=timezone.now(),
    )
    return verify_url(signed.token)


def test_longest_name_fits_version_14_at_q_in_alphanumeric_mode(settings):
    import qrcode
    from qrcode.util import MODE_ALPHA_NUM, QRData

    url = longest_url(settings)
    assert len(LONGEST_NAME) == 60
    matrix = qr_matrix(url)
    assert qr_version(matrix) <= 14
    # An independent encoder forced into alphanumeric mode needs the same version: the
    # whole URL is alphanumeric and zxing-cpp did not fall back to byte mode.
    reference = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_Q)
    reference.add_data(QRData(url, mode=MODE_ALPHA_NUM))
    reference.make(fit=True)
    assert reference.version == qr_version(matrix)


def test_lowercase_content_is_refused():
    with pytest.raises(ValueError):
        qr_matrix("https://x/v/abc")


def test_drawn_qr_is_vector_decodes_and_keeps_half_millimetre_modules(settings):
    import numpy as np
    import pymupdf as fitz

    url = longest_url(settings)
    buffer = io.BytesIO()
    page = pdfcanvas.Canvas(buffer, pagesize=(210 * mm, 297 * mm))
    size = qr_matrix(url).shape[0] * 0.5 * mm
    draw_qr(page, url, x=150 * mm, y=20 * mm, size=size)
    page.save()
    pdf = fitz.open(stream=buffer.getvalue(), filetype="pdf")
    assert not pdf[0].get_images()  # drawn as vectors, no bitmap
    pixmap = pdf[0].get_pixmap(dpi=300, colorspace=fitz.csGRAY)
    image = np.frombuffer(pixmap.samples, dtype=np.uint8).reshape(pixmap.height, pixmap.width)
    decoded = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert [d.text for d in decoded] == [url]


def test_modules_below_half_a_millimetre_are_refused(settings):
    url = longest_url(settings)
    buffer = io.BytesIO()
    page = pdfcanvas.Canvas(buffer)
    with pytest.raises(QrTooLarge):
        draw_qr(page, url, x=0, y=0, size=qr_matrix(url).shape[0] * 0.49 * mm)


def test_opencv_reads_every_drawn_qr_at_200_dpi():
    """Random tokens of the real length, drawn at 0.5 mm modules, read back by OpenCV."""
    import base64
    import random

    from verification.filecheck import qr_texts_in_pdf

    rng = random.Random(20261128)
    for _ in range(25):
        token = base64.b32encode(rng.randbytes(165)).decode().rstrip("=")
        url = f"HTTPS://DUKCAPIL.GORONTALOKOTA.GO.ID/V/{token}"
        buffer = io.BytesIO()
        page = pdfcanvas.Canvas(buffer, pagesize=(210 * mm, 297 * mm))
        draw_qr(page, url, x=150 * mm, y=20 * mm, size=qr_matrix(url).shape[0] * 0.5 * mm)
        page.save()
        texts, _image_only = qr_texts_in_pdf(buffer.getvalue())
        assert texts == [url]
