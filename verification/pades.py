"""PAdES signatures on the issued PDFs, with the office's P-256 key and its CA certificate.

``pdf_sign(data)`` signs with the active key (shared contract; the renderer calls it).
``pdf_signature_check(data)`` validates with pyHanko's validator against the office CA.
On a laptop the first signature creates the office CA; in production run
``manage.py signing_ca create`` once (``SIGNING_KEY_AUTO_CREATE`` off refuses to guess).
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from django.conf import settings
from pyhanko.keys import load_private_key_from_pemder_data
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from verification.certificates import ca_current, certificate_issue, signing_ca_create
from verification.codec import key_id
from verification.keys import SigningKeyError, private_key_path, signing_key_current
from verification.models import OfficeCertificateAuthority, SigningKey

logger = logging.getLogger(__name__)
FIELD_NAME = "TandaTanganDukcapil"
_signers: dict[tuple[str, str], signers.SimpleSigner] = {}


def _asn1_cert(pem: str) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(x509.load_pem_x509_certificate(pem.encode("ascii")).public_bytes(Encoding.DER))


def _certified(key: SigningKey) -> SigningKey:
    if key.certificate_pem:
        return key
    ca = ca_current()
    if ca is None:
        if not settings.SIGNING_KEY_AUTO_CREATE:
            raise SigningKeyError("Belum ada CA kantor: jalankan 'manage.py signing_ca create'.")
        ca = signing_ca_create()
        key.refresh_from_db(fields=["certificate_pem"])
    if not key.certificate_pem:
        certificate_issue(signing_key=key, ca=ca)
    return key


def _signer(key: SigningKey) -> signers.SimpleSigner:
    cache_key = (key.kid, key.certificate_pem)
    signer = _signers.get(cache_key)
    if signer is None:
        ca = ca_current()
        roots = [_asn1_cert(ca.certificate_pem)] if ca else []
        signer = signers.SimpleSigner(
            signing_cert=_asn1_cert(key.certificate_pem),
            signing_key=load_private_key_from_pemder_data(private_key_path(key.kid).read_bytes(), passphrase=None),
            cert_registry=SimpleCertificateStore.from_certs(roots),
        )
        _signers[cache_key] = signer
    return signer


def pdf_sign(data: bytes) -> bytes:
    """``data`` with a PAdES (ETSI.CAdES.detached) signature by the office's active key."""
    key, _private = signing_key_current()
    key = _certified(key)
    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        reason="Dokumen ini telah ditandatangani secara elektronik",
        location="Kota Gorontalo",
        name=settings.SIGNING_OFFICIAL_NAME,
    )
    output = signers.sign_pdf(writer, meta, signer=_signer(key))
    return output.getvalue()


@dataclass(frozen=True)
class PadesCheck:
    signed: bool  # the file carries a signature at all
    valid: bool  # intact, cryptographically valid, chains to the office CA, covers the whole file
    key_id: str = ""
    detail: str = ""


def _validation_context() -> ValidationContext:
    roots = [_asn1_cert(ca.certificate_pem) for ca in OfficeCertificateAuthority.objects.all()]
    return ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")


def pdf_signature_check(data: bytes) -> PadesCheck:
    """Validate the file's PAdES signature with pyHanko against the office CA(s)."""
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = reader.embedded_signatures
    except Exception as exc:  # a damaged file is "not valid", whatever the parser says
        return PadesCheck(signed=False, valid=False, detail=f"tidak terbaca: {exc.__class__.__name__}")
    if not embedded:
        return PadesCheck(signed=False, valid=False, detail="tanpa tanda tangan")
    signature = embedded[-1]
    try:
        status = validate_pdf_signature(signature, _validation_context())
    except Exception as exc:
        return PadesCheck(signed=True, valid=False, detail=f"gagal divalidasi: {exc.__class__.__name__}")
    cert = x509.load_der_x509_certificate(status.signing_cert.dump())
    try:
        kid = key_id(cert.public_key())
    except (TypeError, ValueError, AttributeError):  # not an EC key: not one of ours
        kid = ""
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    valid = bool(status.bottom_line and status.intact and status.valid and status.trusted and whole)
    return PadesCheck(signed=True, valid=valid, key_id=kid, detail=status.summary())
