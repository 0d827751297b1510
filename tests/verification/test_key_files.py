"""Private key files are encrypted with SIGNING_KEY_PASSPHRASE when it is set."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from reportlab.pdfgen import canvas as pdfcanvas

from verification import keys
from verification.keys import (
    SigningKeyError,
    private_key_load,
    private_key_path,
    public_key_of,
    signing_key_current,
)
from verification.pades import _certified, _pyhanko_sign, _validation_context
from verification.tokens import token_sign, token_verify

pytestmark = pytest.mark.django_db
PASSPHRASE = "frasa-sandi-kantor-2026"


def _sign() -> str:
    return token_sign(
        doc_type="KK",
        number="7571010103150001",
        version=1,
        subject_name="BUDI",
        nik="7571010101800003",
        record_digest=b"\x01" * 32,
        issued_at=timezone.now(),
    ).token


def test_with_a_passphrase_the_key_file_is_encrypted_and_signs(settings):
    settings.SIGNING_KEY_PASSPHRASE = PASSPHRASE
    key, _ = signing_key_current()
    data = private_key_path(key.kid).read_bytes()
    assert data.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    keys._private_cache.clear()
    assert token_verify(_sign()).key_id == key.kid
    # pyHanko's signer gets the key from memory, not from the (encrypted) file.
    buffer = io.BytesIO()
    page = pdfcanvas.Canvas(buffer)
    page.drawString(72, 720, "KARTU KELUARGA")
    page.save()
    signed = _pyhanko_sign(buffer.getvalue(), _certified(key))
    status = validate_pdf_signature(PdfFileReader(io.BytesIO(signed)).embedded_signatures[0], _validation_context())
    assert status.intact and status.valid


def test_a_wrong_or_missing_passphrase_is_a_clear_error(settings):
    settings.SIGNING_KEY_PASSPHRASE = PASSPHRASE
    key, _ = signing_key_current()
    keys._private_cache.clear()
    settings.SIGNING_KEY_PASSPHRASE = "bukan-frasa-yang-benar"
    with pytest.raises(SigningKeyError, match="frasa sandi salah"):
        private_key_load(key.kid)
    settings.SIGNING_KEY_PASSPHRASE = ""
    with pytest.raises(SigningKeyError, match="SIGNING_KEY_PASSPHRASE"):
        private_key_load(key.kid)


def test_a_plain_key_file_from_before_the_passphrase_still_loads(settings):
    settings.SIGNING_KEY_PASSPHRASE = ""
    key, _ = signing_key_current()
    assert private_key_path(key.kid).read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    keys._private_cache.clear()
    settings.SIGNING_KEY_PASSPHRASE = PASSPHRASE
    assert private_key_load(key.kid).public_key().public_numbers() == public_key_of(key).public_numbers()
    assert token_verify(_sign()).key_id == key.kid
