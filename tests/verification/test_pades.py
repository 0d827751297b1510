import io

import pytest
from django.core.management import call_command
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from reportlab.pdfgen import canvas as pdfcanvas

from verification.models import OfficeCertificateAuthority, SigningKey
from verification.pades import _validation_context, pdf_sign, pdf_signature_check

pytestmark = pytest.mark.django_db


def plain_pdf() -> bytes:
    buffer = io.BytesIO()
    page = pdfcanvas.Canvas(buffer)
    page.drawString(72, 720, "KARTU KELUARGA No. 7571010103150001")
    page.save()
    return buffer.getvalue()


def test_signed_pdf_validates_with_pyhanko_under_the_office_ca():
    signed = pdf_sign(plain_pdf())
    status = validate_pdf_signature(PdfFileReader(io.BytesIO(signed)).embedded_signatures[0], _validation_context())
    assert status.bottom_line and status.intact and status.valid and status.trusted
    key = SigningKey.objects.get(is_active=True)
    check = pdf_signature_check(signed)
    assert check.valid and check.key_id == key.kid
    assert status.signing_cert.public_key.algorithm == "ec"


@pytest.mark.parametrize("where", [0.1, 0.5, 0.9])
def test_one_changed_byte_breaks_the_signature(where):
    signed = bytearray(pdf_sign(plain_pdf()))
    index = int(len(signed) * where)
    signed[index] = (signed[index] + 1) % 256
    assert not pdf_signature_check(bytes(signed)).valid


def test_unsigned_and_foreign_ca_pdfs_are_not_valid():
    assert not pdf_signature_check(plain_pdf()).signed
    signed = pdf_sign(plain_pdf())
    OfficeCertificateAuthority.objects.all().delete()  # a verifier that does not trust this CA
    check = pdf_signature_check(signed)
    assert check.signed and not check.valid


def test_signing_ca_command_certifies_existing_keys(capsys):
    call_command("signing_key", "create")
    call_command("signing_ca", "create")
    key = SigningKey.objects.get()
    assert "BEGIN CERTIFICATE" in key.certificate_pem
    assert "created CA" in capsys.readouterr().out
