"""A real KK through the documents pipeline, its QR decoded by OpenCV, the page, the offline verifier."""

import json

import pytest

from documents.issuing import document_produce
from documents.models import DocumentJob
from tests.factories import household
from verification import offline
from verification.filecheck import Outcome, file_check, qr_texts_in_pdf
from verification.tokens import verify_url

pytestmark = pytest.mark.django_db


def produce_kk(family):
    return document_produce(job_id=DocumentJob.objects.create(doc_type="KK", family=family).pk)


def read(document) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


def path_of(url: str) -> str:
    assert url.startswith(verify_url(""))  # the configured address, in capitals
    return "/" + url.split("/", 3)[3]


def offline_verdict(client, tmp_path, url, kid):
    jwks = tmp_path / "jwks.json"
    jwks.write_text(json.dumps(client.get("/.well-known/jwks.json").json()))
    status = tmp_path / "status.json"
    status.write_text(json.dumps(client.get(f"/.well-known/crl/{kid}.json").json()))
    return offline.main([url, "--jwks", str(jwks), "--status", str(status)])


def scan_of_printout(pdf: bytes) -> bytes:
    """What a scanner makes of the printed page: an image-only PDF at 200 dpi."""
    import pymupdf

    source = pymupdf.open(stream=pdf, filetype="pdf")
    page = source[0]
    pixmap = page.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
    scan = pymupdf.open()
    target = scan.new_page(width=page.rect.width, height=page.rect.height)
    target.insert_image(target.rect, stream=pixmap.tobytes("png"))
    return scan.tobytes()


def test_qr_from_rendered_kk_through_reissue_and_forgery(client, tmp_path):
    family = household(children=1)["head"].family
    first = produce_kk(family)
    pdf = read(first)
    texts, image_only = qr_texts_in_pdf(pdf)  # rasterized by pymupdf, decoded by OpenCV
    assert len(texts) == 1 and not image_only
    url = texts[0]

    assert "ASLI DAN BERLAKU" in client.get(path_of(url)).content.decode()
    assert offline_verdict(client, tmp_path, url, first.key_id) == offline.EXIT_VALID

    # The file itself: as issued, as a scan of the printout, with one byte changed.
    assert file_check(pdf).outcome == Outcome.ISSUED_FILE
    assert file_check(scan_of_printout(pdf)).outcome == Outcome.PRINTOUT
    tampered = bytearray(pdf)
    position = pdf.find(b"/Author")
    tampered[position + 10] ^= 0x01
    assert file_check(bytes(tampered)).outcome == Outcome.ALTERED

    # One changed character in the token.
    token = url.rsplit("/", 1)[1]
    index = len(token) // 2
    forged_url = url[: -len(token)] + token[:index] + ("A" if token[index] != "A" else "B") + token[index + 1 :]
    assert "TIDAK DIKENAL" in client.get(path_of(forged_url)).content.decode()
    assert offline_verdict(client, tmp_path, forged_url, first.key_id) == offline.EXIT_UNKNOWN

    # The family's KK is reissued: the old QR is no longer valid.
    second = produce_kk(family)
    assert second.version == first.version + 1
    body = client.get(path_of(url)).content.decode()
    assert "TIDAK BERLAKU LAGI" in body
    assert offline_verdict(client, tmp_path, url, first.key_id) == offline.EXIT_NOT_CURRENT
    new_url = qr_texts_in_pdf(read(second))[0][0]
    assert "ASLI DAN BERLAKU" in client.get(path_of(new_url)).content.decode()

    first.refresh_from_db()
    assert first.scan_count == 2  # the two page views of its QR; file checks here did not count


def test_verify_page_upload_says_issued_file(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    family = household(children=0)["head"].family
    document = produce_kk(family)
    upload = SimpleUploadedFile("kk.pdf", read(document), content_type="application/pdf")
    response = client.post("/verifikasi/", {"berkas": upload})
    body = response.content.decode()
    assert "BERKAS ASLI DARI DINAS" in body and "ASLI DAN BERLAKU" in body
    assert response["Referrer-Policy"] == "no-referrer"


def test_rendered_pdf_carries_a_pades_signature_that_pyhanko_validates(db):
    """Whatever path the renderer signs by (reserved field filled, or pyHanko), the result validates."""
    from verification.pades import pdf_signature_check

    family = household(children=1)["head"].family
    document = produce_kk(family)
    pdf = read(document)
    check = pdf_signature_check(pdf)
    assert check.signed and check.valid, check.detail
    assert check.key_id == document.key_id
    for where in (0.2, 0.5, 0.8):
        tampered = bytearray(pdf)
        index = int(len(pdf) * where)
        tampered[index] = (tampered[index] + 1) % 256
        assert not pdf_signature_check(bytes(tampered)).valid


def test_the_page_shows_the_official_printed_on_the_paper_after_the_office_head_changes(client, settings):
    settings.SIGNING_OFFICIAL_NAME = "Drs. Kepala Lama, M.Si"
    document = produce_kk(household(children=0)["head"].family)
    url = qr_texts_in_pdf(read(document))[0][0]
    settings.SIGNING_OFFICIAL_NAME = "Dr. Kepala Baru, M.Si"  # a new head signs from now on
    body = client.get(path_of(url)).content.decode()
    assert "ASLI DAN BERLAKU" in body
    assert "Drs. Kepala Lama, M.Si" in body and "Kepala Baru" not in body
