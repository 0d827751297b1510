"""A KK issued through the real pipeline: its QR read back by zxing-cpp from 300 and 150 dpi
renderings (pymupdf) is a token that verifies; its PAdES signature, filled into the field
the page reserved (the fast path of ``verification.pades``), validates with pyHanko and
breaks when one byte changes.
"""

from __future__ import annotations

import io
import shutil
import subprocess

import numpy as np
import pymupdf
import pytest
import zxingcpp
from asn1crypto import cms
from django.core.files.storage import default_storage
from pypdf import PdfReader

from documents.issuing import document_produce
from documents.models import DocumentJob
from tests.factories import household
from verification.pades import BYTE_RANGE_PLACEHOLDER, pdf_signature_check
from verification.tokens import record_digest, token_verify, verify_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued_kk():
    members = household(children=3)
    family = members["head"].family
    document = document_produce(job_id=DocumentJob.objects.create(doc_type="KK", family=family).pk)
    with default_storage.open(document.file.name, "rb") as handle:
        data = handle.read()
    return members, document, data


def qr_texts(data: bytes, dpi: int) -> list[str]:
    page = pymupdf.open(stream=data, filetype="pdf")[0]
    pixmap = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY, alpha=False)
    image = np.frombuffer(pixmap.samples, dtype=np.uint8).reshape(pixmap.height, pixmap.stride)[:, : pixmap.width]
    return [result.text for result in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


@pytest.mark.parametrize("dpi", [300, 150])
def test_the_qr_of_an_issued_kk_decodes_with_zxing_into_a_token_that_verifies(issued_kk, dpi):
    members, document, data = issued_kk
    (url,) = qr_texts(data, dpi)
    assert url.startswith(verify_url(""))
    verified = token_verify(url.rsplit("/V/", 1)[1])
    assert verified.doc_type == "KK"
    assert verified.number == members["head"].family.nomor_kk == document.number
    assert verified.version == document.version
    assert verified.key_id == document.key_id
    full = record_digest(document.snapshot)  # the token carries its first 16 bytes
    assert verified.record_digest == full[: len(verified.record_digest)] and len(verified.record_digest) >= 16
    assert bytes(document.record_digest) == full  # stored at issue, what a scan compares with


def test_the_reserved_signature_is_filled_and_validates_over_the_whole_file(issued_kk):
    _, document, data = issued_kk
    assert BYTE_RANGE_PLACEHOLDER not in data  # filled in, not left as a placeholder
    check = pdf_signature_check(data)
    assert check.signed and check.valid, check.detail
    assert check.key_id == document.key_id
    reader = PdfReader(io.BytesIO(data))
    fields = reader.get_fields()
    assert fields["TandaTanganDukcapil"]["/FT"] == "/Sig"
    signature = fields["TandaTanganDukcapil"]["/V"]
    assert signature["/SubFilter"] == "/ETSI.CAdES.detached"
    start, first, second, rest = (int(v) for v in signature["/ByteRange"])
    assert start == 0 and second + rest == len(data)  # everything but /Contents is covered
    # A CAdES-style SignedData: content type, message digest and signing-certificate-v2.
    content = cms.ContentInfo.load(bytes(signature["/Contents"]))
    signer = content["content"]["signer_infos"][0]
    types = [attribute["type"].native for attribute in signer["signed_attrs"]]
    assert types == ["content_type", "message_digest", "signing_certificate_v2"]
    assert signer["signature_algorithm"]["algorithm"].native == "sha256_ecdsa"


@pytest.mark.parametrize("where", [0.05, 0.5, 0.95])
def test_one_changed_byte_breaks_the_filled_signature(issued_kk, where):
    _, _, data = issued_kk
    changed = bytearray(data)
    index = int(len(changed) * where)
    changed[index] = (changed[index] + 1) % 256
    assert not pdf_signature_check(bytes(changed)).valid


def test_the_signed_kk_passes_qpdf_check(issued_kk, tmp_path):
    if not shutil.which("qpdf"):
        pytest.skip("qpdf is not installed (apt-get install qpdf)")
    _, _, data = issued_kk
    path = tmp_path / "kk.pdf"
    path.write_bytes(data)
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)  # noqa: S603, S607
    assert result.returncode == 0, result.stdout[-2000:]
