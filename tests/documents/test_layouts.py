"""Every document type, rendered through the workers' code path: size, fonts, text, QR."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from documents.models import IssuedDocument
from documents.samples import samples_render
from tests.documents.conftest import pdf_fonts, pdf_text
from tests.factories import household

MM = 72 / 25.4
SIZES = {
    "KK": (297, 210),
    "KTP_EL": (85.6, 53.98),
    "KIA": (85.6, 53.98),
}


@pytest.fixture
def samples(db, tmp_path):
    members = household(children=1)
    return members, {sample.doc_type: sample for sample in samples_render(out_dir=tmp_path / "out")}


def test_every_type_is_rendered_and_the_database_is_left_unchanged(samples):
    _, rendered = samples
    assert set(rendered) == {
        "KK",
        "KTP_EL",
        "KIA",
        "AKTA_KELAHIRAN",
        "AKTA_KEMATIAN",
        "AKTA_PERKAWINAN",
        "AKTA_PERCERAIAN",
        "CATATAN_PINGGIR",
        "SKPWNI",
        "SKPLN",
        "SKDLN",
        "SKTT",
        "SK_LAHIR_MATI",
    }
    assert IssuedDocument.objects.count() == 0


def test_page_sizes_are_exact(samples):
    _, rendered = samples
    for doc_type, sample in rendered.items():
        page = PdfReader(sample.path).pages[0]
        width, height = float(page.mediabox.width) / MM, float(page.mediabox.height) / MM
        expected = SIZES.get(doc_type, (210, 297))
        assert (round(width, 1), round(height, 1)) == (round(expected[0], 1), round(expected[1], 1)), doc_type


def test_fonts_are_embedded_truetype(samples):
    _, rendered = samples
    for doc_type, sample in rendered.items():
        fonts = pdf_fonts(sample.path.read_bytes())
        assert fonts, doc_type
        assert all(fonts.values()), (doc_type, fonts)
        assert all("DejaVu" in name for name in fonts), (doc_type, fonts)


def test_text_holds_names_nik_number_and_signature_line(samples):
    members, rendered = samples
    head, wife, child = members["head"], members["wife"], members["child0"]
    kk = pdf_text(rendered["KK"].path.read_bytes())
    for person in (head, wife, child):
        assert person.full_name in kk
        assert person.nik in kk
    assert f"No. {head.family.nomor_kk}" in kk
    assert "Dokumen ini telah ditandatangani secara elektronik" in kk
    assert "Dra. Hj. Nurlela Yusuf, M.Si" in kk
    akta = pdf_text(rendered["AKTA_KELAHIRAN"].path.read_bytes())
    assert "KUTIPAN AKTA KELAHIRAN" in akta
    assert child.full_name in akta
    # household() children are born 9 August 2012: the akta writes the date in words.
    assert "sembilan Agustus dua ribu dua belas" in akta
    pinggir = pdf_text(rendered["CATATAN_PINGGIR"].path.read_bytes())
    assert "CATATAN PINGGIR" in pinggir
    assert f"diakui oleh ayahnya, {head.full_name}" in pinggir
    for doc_type in ("AKTA_PERKAWINAN", "AKTA_PERCERAIAN"):
        text = pdf_text(rendered[doc_type].path.read_bytes())
        assert head.full_name in text and wife.full_name in text, doc_type
    assert "MALAYSIA" in pdf_text(rendered["SKPLN"].path.read_bytes())
    assert "SITI NURHALIZA PAKAYA" in pdf_text(rendered["SKDLN"].path.read_bytes())
    card = pdf_text(rendered["KIA"].path.read_bytes())
    assert child.nik in card and "PESANAN CETAK KIA" in card


def qr_modules(data: bytes) -> list[tuple[float, float, float, float]]:
    """The dark-module rectangles of the QR: the one path filled at the bottom right."""
    reader = PdfReader(io.BytesIO(data))
    page = reader.pages[0]
    width = float(page.mediabox.width)
    rects = []
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator == b"re":
            x, y, w, h = (float(v) for v in operands)
            if x > width * 0.6 and y < 75 * MM and h < 2 * MM:
                rects.append((x, y, w, h))
    return rects


def test_qr_is_vector_bottom_right_with_modules_of_half_a_millimetre(samples):
    _, rendered = samples
    for doc_type, sample in rendered.items():
        if doc_type in ("KTP_EL", "KIA"):
            continue
        rects = qr_modules(sample.path.read_bytes())
        assert len(rects) > 200, doc_type
        module = min(h for *_, h in rects)
        assert module >= 0.5 * MM, (doc_type, module / MM)
        page = PdfReader(sample.path).pages[0]
        right = max(x + w for x, _, w, _ in rects)
        assert float(page.mediabox.width) - right >= 10 * MM  # inside the printer's margin
        assert min(y for _, y, _, _ in rects) >= 10 * MM


def test_qr_decodes_to_a_token_that_verifies(samples):
    pymupdf = pytest.importorskip("pymupdf")
    zxingcpp = pytest.importorskip("zxingcpp")
    import numpy as np

    from verification.tokens import token_verify, verify_url

    members, rendered = samples
    for dpi in (300, 150):
        page = pymupdf.open(rendered["KK"].path)[0]
        pixmap = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
        image = np.frombuffer(pixmap.samples, dtype=np.uint8).reshape(pixmap.height, pixmap.width)
        results = zxingcpp.read_barcodes(image)
        assert len(results) == 1, dpi
        url = results[0].text
        assert url.startswith(verify_url(""))
        verified = token_verify(url.rsplit("/V/", 1)[1])
        assert verified.doc_type == "KK"
        assert verified.number == members["head"].family.nomor_kk


def test_everything_printed_keeps_the_printer_margins(samples):
    pymupdf = pytest.importorskip("pymupdf")
    _, rendered = samples
    for doc_type, sample in rendered.items():
        page = pymupdf.open(sample.path)[0]
        # A4: what an office laser printer keeps; cards: the card printer prints edge to edge.
        margin = (1.5 if doc_type in ("KTP_EL", "KIA") else 10) * MM
        for x0, y0, x1, y1, *_ in page.get_text("words"):
            assert x0 >= margin and y0 >= margin, (doc_type, x0 / MM, y0 / MM)
            assert page.rect.width - x1 >= margin and page.rect.height - y1 >= margin, (doc_type, x1 / MM, y1 / MM)


def test_every_pdf_passes_qpdf_check(samples):
    import shutil
    import subprocess

    if not shutil.which("qpdf"):
        pytest.skip("qpdf is not installed (apt-get install qpdf)")
    _, rendered = samples
    for doc_type, sample in rendered.items():
        result = subprocess.run(["qpdf", "--check", str(sample.path)], capture_output=True, text=True)
        assert result.returncode == 0, (doc_type, result.stdout[-2000:], result.stderr[-2000:])


def test_a_big_family_moving_out_stays_above_the_signed_footer(db, tmp_path):
    import datetime as dt

    from documents.issuing import document_produce
    from documents.models import DocumentJob
    from tests.factories import PersonFactory

    members = household(children=2)
    family = members["head"].family
    extra = [PersonFactory(family=family, relationship="FAMILI LAIN", marital_status="BELUM KAWIN") for _ in range(14)]
    movers = [m.pk for m in (*members.values(), *extra)]
    job = DocumentJob.objects.create(
        doc_type="SKPWNI",
        subject=members["head"],
        family=family,
        payload={"member_ids": movers, "move_date": dt.date(2026, 12, 1).isoformat(), "destination": "MANADO"},
    )
    document = document_produce(job_id=job.pk)
    from django.core.files.storage import default_storage

    with default_storage.open(document.file.name, "rb") as handle:
        data = handle.read()
    text = pdf_text(data)
    assert all(p.nik in text for p in extra)
    rects = qr_modules(data)
    qr_top = max(y + h for _, y, _, h in rects)
    pymupdf = pytest.importorskip("pymupdf")
    page = pymupdf.open(stream=data, filetype="pdf")[0]
    nik_words = [w for w in page.get_text("words") if w[4] in {p.nik for p in extra}]
    lowest = max(w[3] for w in nik_words)  # pymupdf measures from the top
    assert page.rect.height - lowest > qr_top  # the table ends above the QR and signature block


@pytest.mark.parametrize("text", ["BUDI", "MUHAMMAD RIZKY PRATAMA HASAN", "7571010101800003", "W" * 40])
def test_a_cell_shrinks_in_quarter_points_to_the_largest_size_that_fits(text):
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from documents.layouts.frame import A4_LANDSCAPE, COND, Frame, fonts_register

    fonts_register()
    canvas = Canvas(io.BytesIO(), pagesize=A4_LANDSCAPE)
    frame = Frame(canvas, issue=None, draw_qr=None, pagesize=A4_LANDSCAPE)
    for width in [w * mm for w in range(6, 60, 3)]:
        expected = 7.0  # the rule: down by 0.25 pt while too wide, never below 4 pt
        while expected > 4 and canvas.stringWidth(text, COND, expected) > width - 1.6 * mm:
            expected -= 0.25
        frame.cell(text, 0, 0, width, 5 * mm, 7)
        assert canvas._fontsize == pytest.approx(expected), (text, width)
