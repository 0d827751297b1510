"""From a snapshot to the final PDF bytes: signed token, QR, reportlab page, PAdES signature.

``pdf_render`` draws a page and touches no database; ``document_pdf`` adds what the
verification app provides (token signed with the office key, its QR, the PDF signature).
Workers, ``sample_documents`` and the benchmarks all go through ``document_pdf``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from reportlab.pdfgen.canvas import Canvas

from documents.layouts import LAYOUTS
from documents.layouts.frame import REGULAR, Frame, Issue, QrDrawer, fonts_register

logger = logging.getLogger(__name__)
SignatureField = Callable[[Canvas], None]


def pdf_render(
    *, doc_type: str, data: dict, issue: Issue, draw_qr: QrDrawer, signature_field: SignatureField | None = None
) -> bytes:
    """The unsigned PDF of one document (one page, fonts embedded as subsets).

    ``signature_field(canvas)``, when given, reserves the PAdES signature in the page
    (``verification.pades.signature_field_add``) so that signing only fills it in.
    """
    fonts_register()
    layout = LAYOUTS[doc_type]
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer, pagesize=layout.PAGESIZE, pageCompression=1, invariant=1, initialFontName=REGULAR, initialFontSize=10
    )
    canvas.setTitle(f"{layout.TITLE} {issue.number}")
    canvas.setAuthor("Dinas Kependudukan dan Pencatatan Sipil Kota Gorontalo")
    canvas.setSubject(f"{doc_type} {issue.number} versi {issue.version}")
    frame = Frame(canvas, issue, draw_qr=draw_qr, pagesize=layout.PAGESIZE)
    if getattr(layout, "CARD", False):
        layout.draw(frame, data)
    else:
        if doc_type != "KK":  # the KK carries its own title block under the letterhead
            frame.header(layout.TITLE, getattr(layout, "SUBTITLE", ""))
        else:
            frame.header_letterhead()
        layout.draw(frame, data)
        frame.footer()
    if signature_field is not None:
        signature_field(canvas)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@dataclass(frozen=True)
class RenderedDocument:
    pdf: bytes
    sha256: str
    key_id: str
    token: str
    record_digest: bytes  # of the snapshot, as signed in the token (IssuedDocument.record_digest)
    official_name: str  # the signing official printed on the page
    official_title: str
    signed: bool  # PAdES signature applied


def _pdf_signer() -> tuple[Callable[[bytes], bytes], SignatureField] | tuple[None, None]:
    """The verification app's ``(pdf_sign, signature_field_add)``, or Nones without it."""
    try:
        from verification.pades import pdf_sign, signature_field_add
    except ImportError:
        return None, None
    return pdf_sign, signature_field_add


def document_pdf(
    *, doc_type: str, snapshot: dict, number: str, version: int, issued_at: dt.datetime
) -> RenderedDocument:
    """Sign the token for ``snapshot``, draw the page with its QR, PAdES-sign the PDF.

    The token's record digest covers exactly ``snapshot`` (what ``IssuedDocument.snapshot``
    stores). ``sha256`` is of the final bytes.
    """
    from verification.qr import draw_qr
    from verification.tokens import record_digest, token_sign, verify_url

    subject = snapshot.get("subject", {})
    digest = record_digest(snapshot)
    signed = token_sign(
        doc_type=doc_type,
        number=number,
        version=version,
        subject_name=subject.get("name", ""),
        nik=subject.get("nik", ""),
        record_digest=digest,
        issued_at=issued_at,
    )
    issue = Issue(
        doc_type=doc_type,
        number=number,
        version=version,
        issued_at=timezone.localtime(issued_at),  # the office's date (WITA) is the one printed
        qr_url=verify_url(signed.token),
        official_title=settings.SIGNING_OFFICIAL_TITLE,
        official_name=settings.SIGNING_OFFICIAL_NAME,
    )
    pdf_sign, signature_field = _pdf_signer()
    pdf = pdf_render(doc_type=doc_type, data=snapshot, issue=issue, draw_qr=draw_qr, signature_field=signature_field)
    if pdf_sign is not None:
        pdf = pdf_sign(pdf)
    return RenderedDocument(
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        key_id=signed.key_id,
        token=signed.token,
        record_digest=digest,
        official_name=issue.official_name,
        official_title=issue.official_title,
        signed=pdf_sign is not None,
    )
