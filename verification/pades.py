"""PAdES signatures on the issued PDFs, with the office's P-256 key and its CA certificate.

``pdf_sign(data)`` signs with the active key (shared contract; the renderer calls it).
``pdf_signature_check(data)`` validates with pyHanko's validator against the office CA.

Two ways to sign, one result (a PAdES B-B signature, ETSI.CAdES.detached, whose CMS is
byte for byte what pyHanko builds for the key):

- any PDF: pyHanko appends the signature field and signature as an incremental update
  (~45 ms, mostly asn1crypto building the CMS twice);
- a PDF drawn with ``signature_field_add(canvas)`` (the documents renderer): the field,
  its widget, the AcroForm and a signature dictionary with a zero-filled /Contents are
  already in the file, so ``pdf_sign`` only writes the /ByteRange, hashes the file and
  fills /Contents with a CMS assembled from DER pieces of a pyHanko-made reference
  signature of the same key (the message digest and the ECDSA signature change): ~1 ms.
On a laptop the first signature creates the office CA; in production run
``manage.py signing_ca create`` once (``SIGNING_KEY_AUTO_CREATE`` off refuses to guess).
"""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding
from django.conf import settings
from django.utils import timezone
from pyhanko.keys import load_private_key_from_pemder_data
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore
from reportlab.pdfbase.pdfdoc import PDFObject

from verification.certificates import ca_current, certificate_issue, signing_ca_create
from verification.codec import key_id
from verification.keys import SigningKeyError, private_key_der, signing_key_current
from verification.models import OfficeCertificateAuthority, SigningKey

if TYPE_CHECKING:
    from reportlab.pdfbase.pdfdoc import PDFDocument
    from reportlab.pdfgen.canvas import Canvas

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
            signing_key=load_private_key_from_pemder_data(private_key_der(key.kid), passphrase=None),
            cert_registry=SimpleCertificateStore.from_certs(roots),
        )
        _signers[cache_key] = signer
    return signer


SIGNATURE_REASON = "Dokumen ini telah ditandatangani secara elektronik"
SIGNATURE_LOCATION = "Kota Gorontalo"


def _metadata() -> signers.PdfSignatureMetadata:
    return signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        reason=SIGNATURE_REASON,
        location=SIGNATURE_LOCATION,
        name=settings.SIGNING_OFFICIAL_NAME,
    )


def _pyhanko_sign(data: bytes, key: SigningKey) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    return signers.sign_pdf(writer, _metadata(), signer=_signer(key)).getvalue()


def pdf_sign(data: bytes) -> bytes:
    """``data`` with a PAdES (ETSI.CAdES.detached) signature by the office's active key."""
    key, private_key = signing_key_current()
    key = _certified(key)
    if data.find(BYTE_RANGE_PLACEHOLDER) != -1:
        return _placeholder_fill(data, _template(key, private_key))
    return _pyhanko_sign(data, key)


# -- the reserved-signature fast path -----------------------------------------------------
BYTE_RANGE_PLACEHOLDER = b"/ByteRange [0 ********** ********** **********]"
# Bytes reserved over the reference CMS: ECDSA signatures vary by a few bytes, and a key
# rotated in a running worker may come with a slightly longer certificate.
CONTENTS_MARGIN = 512
OID_MESSAGE_DIGEST = bytes.fromhex("06092a864886f70d010904")


def _der(tag: int, content: bytes) -> bytes:
    """One DER TLV (definite length)."""
    size = len(content)
    if size < 0x80:
        return bytes((tag, size)) + content
    length = size.to_bytes((size.bit_length() + 7) // 8, "big")
    return bytes((tag, 0x80 | len(length))) + length + content


@dataclass(frozen=True)
class _CmsTemplate:
    """The parts of the key's CMS SignedData that do not depend on the document."""

    private_key: ec.EllipticCurvePrivateKey
    content_type_oid: bytes  # ContentInfo.contentType (signedData), DER
    signed_data_head: bytes  # version, digestAlgorithms, encapContentInfo, certificates[, crls]
    signer_info_head: bytes  # version, sid, digestAlgorithm
    attrs_before: bytes  # signed attributes before the message digest, DER
    attrs_after: bytes  # and after it
    signature_algorithm: bytes
    reserved: int  # bytes of /Contents to reserve

    def content_info(self, digest: bytes) -> bytes:
        message_digest = _der(0x30, OID_MESSAGE_DIGEST + _der(0x31, _der(0x04, digest)))
        attrs = self.attrs_before + message_digest + self.attrs_after
        signature = self.private_key.sign(_der(0x31, attrs), ec.ECDSA(hashes.SHA256()))
        signer_info = _der(
            0x30,
            self.signer_info_head + _der(0xA0, attrs) + self.signature_algorithm + _der(0x04, signature),
        )
        signed_data = _der(0x30, self.signed_data_head + _der(0x31, signer_info))
        return _der(0x30, self.content_type_oid + _der(0xA0, signed_data))


_templates: dict[tuple[str, str], _CmsTemplate] = {}


def _template(key: SigningKey, private_key: ec.EllipticCurvePrivateKey) -> _CmsTemplate:
    """Cut a pyHanko signature of a blank page by ``key`` into reusable DER pieces (once per key)."""
    cache_key = (key.kid, key.certificate_pem)
    template = _templates.get(cache_key)
    if template is not None:
        return template
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    blank = Canvas(buffer, invariant=1)
    blank.showPage()
    blank.save()
    signed = _pyhanko_sign(buffer.getvalue(), key)
    reference = PdfFileReader(io.BytesIO(signed), strict=False).embedded_signatures[0].signed_data
    signer_info = reference["signer_infos"][0]
    names = [name for name, *_ in signer_info._fields]
    assert names == [
        "version",
        "sid",
        "digest_algorithm",
        "signed_attrs",
        "signature_algorithm",
        "signature",
        "unsigned_attrs",
    ], names
    assert signer_info["unsigned_attrs"].dump() == b"", "unexpected unsigned attributes"
    attrs = [attribute.dump() for attribute in signer_info["signed_attrs"]]
    types = [attribute["type"].native for attribute in signer_info["signed_attrs"]]
    at = types.index("message_digest")
    head = b"".join(reference[name].dump() for name, *_ in reference._fields if name != "signer_infos")
    probe = _CmsTemplate(
        private_key=private_key,
        content_type_oid=cms.ContentType("signed_data").dump(),
        signed_data_head=head,
        signer_info_head=b"".join(signer_info[name].dump() for name in names[:3]),
        attrs_before=b"".join(attrs[:at]),
        attrs_after=b"".join(attrs[at + 1 :]),
        signature_algorithm=signer_info["signature_algorithm"].dump(),
        reserved=0,
    )
    # The assembled CMS must parse back to the same structure pyHanko wrote.
    rebuilt = cms.ContentInfo.load(probe.content_info(bytes(32)))
    assert rebuilt["content"]["certificates"].dump() == reference["certificates"].dump()
    size = len(probe.content_info(bytes(32))) + CONTENTS_MARGIN
    template = _CmsTemplate(**{**probe.__dict__, "reserved": size})
    _templates[cache_key] = template
    return template


def _placeholder_fill(data: bytes, template: _CmsTemplate) -> bytes:
    """Write /ByteRange, hash everything but /Contents, put the CMS into /Contents."""
    at = data.find(BYTE_RANGE_PLACEHOLDER)
    if data.find(BYTE_RANGE_PLACEHOLDER, at + 1) != -1:
        raise ValueError("more than one reserved signature in the PDF")
    start = data.index(b"/Contents <", at) + len(b"/Contents ")
    end = data.index(b">", start) + 1
    byte_range = f"/ByteRange [0 {start} {end} {len(data) - end}]".encode("ascii")
    if len(byte_range) > len(BYTE_RANGE_PLACEHOLDER):
        raise ValueError("PDF too large for the reserved /ByteRange")
    out = bytearray(data)
    out[at : at + len(BYTE_RANGE_PLACEHOLDER)] = byte_range.ljust(len(BYTE_RANGE_PLACEHOLDER))
    digest = hashlib.sha256()
    digest.update(memoryview(out)[:start])
    digest.update(memoryview(out)[end:])
    content = template.content_info(digest.digest()).hex().encode("ascii")
    room = end - start - 2
    if len(content) > room:
        raise ValueError(f"signature of {len(content) // 2} bytes does not fit the {room // 2} reserved")
    out[start + 1 : start + 1 + len(content)] = content
    return bytes(out)


def _pdf_text(value: str) -> bytes:
    """A PDF text string: literal when ASCII, else UTF-16BE with a byte order mark."""
    if value.isascii():
        escaped = value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return b"(" + escaped.encode("ascii") + b")"
    return b"<FEFF" + value.encode("utf-16-be").hex().upper().encode("ascii") + b">"


class _Raw(PDFObject):
    """A reportlab object whose body is given bytes; references resolved at format time."""

    def __init__(self, *parts: object) -> None:
        self.parts = parts

    def format(self, document: PDFDocument) -> bytes:
        return b"".join(part if isinstance(part, bytes) else part.format(document) for part in self.parts)


def _reserved_size() -> int:
    """Room for the CMS of the keys this process has signed with (no query once known)."""
    if not _templates:
        key, private_key = signing_key_current()
        _template(_certified(key), private_key)
    return max(template.reserved for template in _templates.values())


def signature_field_add(canvas: Canvas) -> None:
    """Reserve the office's signature in the PDF being drawn; ``pdf_sign`` then fills it.

    Adds an invisible signature field (its widget on the current page, listed in the
    catalog's AcroForm) whose value is a signature dictionary with a placeholder
    /ByteRange and a zero-filled /Contents large enough for the active key's CMS.
    """
    document = canvas._doc
    now = timezone.localtime()
    offset = now.strftime("%z")
    signing_time = now.strftime("D:%Y%m%d%H%M%S") + f"{offset[:3]}'{offset[3:]}'"
    signature = document.Reference(
        _Raw(
            b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached "
            + BYTE_RANGE_PLACEHOLDER
            + b" /Contents <"
            + b"0" * (2 * _reserved_size())
            + b"> /M "
            + _pdf_text(signing_time)
            + b" /Name "
            + _pdf_text(settings.SIGNING_OFFICIAL_NAME)
            + b" /Reason "
            + _pdf_text(SIGNATURE_REASON)
            + b" /Location "
            + _pdf_text(SIGNATURE_LOCATION)
            + b" >>"
        )
    )
    field = _Raw(
        b"<< /Type /Annot /Subtype /Widget /FT /Sig /F 132 /Rect [ 0 0 0 0 ] /T ",
        _pdf_text(FIELD_NAME),
        b" /V ",
        signature,
        b" >>",
    )
    canvas._addAnnotation(field, name=FIELD_NAME)
    field_ref = document.refAnnotation(FIELD_NAME)
    document.Catalog.AcroForm = _Raw(b"<< /Fields [ ", field_ref, b" ] /SigFlags 3 >>")


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
