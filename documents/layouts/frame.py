"""The page frame every HVS document shares: fonts, header, body helpers, signed footer.

A layout module draws only its body between ``Frame.header`` and ``Frame.footer``; the
frame owns the page size, the margins an office laser printer keeps (15 mm, never < 10 mm),
the embedded DejaVu fonts (they carry every Indonesian letter) and the footer with the
official's title and name, the QR at the bottom right and the electronic-signature line.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from documents.indonesian import date_id

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
# Two faces only: every embedded font is subset and compressed per document, so a third
# face costs ~4 ms and ~15 KB per PDF. The condensed cut fits the KK's 17 columns.
FONTS = {
    "Sans": "DejaVuSansCondensed.ttf",
    "Sans-Bold": "DejaVuSansCondensed-Bold.ttf",
}
REGULAR, BOLD = "Sans", "Sans-Bold"
COND, COND_BOLD = REGULAR, BOLD  # table cells

A4_PORTRAIT = A4
A4_LANDSCAPE = landscape(A4)
CR80 = (85.6 * mm, 53.98 * mm)
MARGIN = 15 * mm
# The symbol alone (the quiet zone is painted around it): a version-14 code (73 modules)
# prints 0.55 mm modules, a version-13 one 0.58 mm; 0.5 mm is the floor for phone cameras.
QR_SIZE = 40 * mm
QR_QUIET = 3 * mm
FOOTER_HEIGHT = QR_SIZE + 2 * QR_QUIET
E_SIGNATURE_LINE = "Dokumen ini telah ditandatangani secara elektronik"


def fonts_register() -> None:
    """Register the embedded TrueType fonts once per process (reportlab subsets them)."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, filename in FONTS.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))


@dataclass(frozen=True)
class Issue:
    """What a page prints besides the register data: number, version, date, QR, official."""

    doc_type: str
    number: str
    version: int
    issued_at: dt.datetime
    qr_url: str
    official_title: str
    official_name: str
    place: str = "Gorontalo"


QrDrawer = Callable[..., None]  # draw_qr(canvas, url, *, x, y, size)


class Frame:
    """A page being drawn: a cursor moving down from the header, helpers for the body."""

    def __init__(self, canvas: Canvas, issue: Issue, *, draw_qr: QrDrawer, pagesize: tuple[float, float]) -> None:
        self.c = canvas
        self.issue = issue
        self.draw_qr = draw_qr
        self.width, self.height = pagesize
        self.left = MARGIN
        self.right = self.width - MARGIN
        self.y = self.height - MARGIN
        self.body_bottom = MARGIN + FOOTER_HEIGHT + 4 * mm

    @property
    def text_width(self) -> float:
        return self.right - self.left

    # -- header --------------------------------------------------------------------------
    def header(self, title: str, subtitle: str = "", *, number_label: str = "Nomor") -> None:
        """Letterhead, then the document title (with its English gloss) and number."""
        self.header_letterhead()
        c = self.c
        centre = self.width / 2
        self.y -= 5 * mm
        c.setFont(BOLD, 14)
        c.drawCentredString(centre, self.y, title)
        if subtitle:
            self.y -= 5 * mm
            c.setFont(REGULAR, 9)
            c.drawCentredString(centre, self.y, subtitle)
        self.y -= 6 * mm
        c.setFont(BOLD, 10.5)
        c.drawCentredString(centre, self.y, f"{number_label}: {self.issue.number}")
        self.y -= 8 * mm

    def header_letterhead(self) -> None:
        """The Garuda-style letterhead text of the office and a double rule."""
        c = self.c
        centre = self.width / 2
        c.setFont(REGULAR, 6.5)
        c.drawRightString(self.right, self.y + 2 * mm, f"Versi {self.issue.version}")
        for text, font, size in (
            ("REPUBLIK INDONESIA", BOLD, 12),
            ("PEMERINTAH KOTA GORONTALO", BOLD, 10.5),
            ("DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", BOLD, 10.5),
        ):
            self.y -= size * 1.25
            c.setFont(font, size)
            c.drawCentredString(centre, self.y, text)
        self.y -= 3 * mm
        c.setLineWidth(1.2)
        c.line(self.left, self.y, self.right, self.y)
        c.setLineWidth(0.4)
        c.line(self.left, self.y - 1.2, self.right, self.y - 1.2)
        self.y -= 3 * mm

    # -- body helpers --------------------------------------------------------------------
    def gap(self, height: float = 3 * mm) -> None:
        self.y -= height

    def paragraph(
        self, text: str, *, size: float = 10, font: str = REGULAR, indent: float = 0, leading: float = 1.35
    ) -> None:
        width = self.text_width - indent
        for line in simpleSplit(text, font, size, width) or [""]:
            self.y -= size * leading
            self.c.setFont(font, size)
            self.c.drawString(self.left + indent, self.y, line)

    def heading(self, text: str, *, size: float = 10.5) -> None:
        self.gap(1.5 * mm)
        self.paragraph(text, size=size, font=BOLD)
        self.gap(1 * mm)

    def field(self, label: str, value: object, *, label_width: float = 62 * mm, size: float = 10) -> None:
        """``Label : value``, the value wrapped under itself."""
        text = "-" if value in (None, "") else str(value)
        x_value = self.left + label_width + 4 * mm
        lines = simpleSplit(text, BOLD, size, self.right - x_value) or ["-"]
        self.y -= size * 1.45
        self.c.setFont(REGULAR, size)
        self.c.drawString(self.left, self.y, label)
        self.c.drawString(self.left + label_width, self.y, ":")
        self.c.setFont(BOLD, size)
        for index, line in enumerate(lines):
            if index:
                self.y -= size * 1.3
            self.c.drawString(x_value, self.y, line)

    def fields(self, rows: Sequence[tuple[str, object]], **kwargs: object) -> None:
        for label, value in rows:
            self.field(label, value, **kwargs)

    def table(
        self,
        columns: Sequence[tuple[str, float]],
        rows: Sequence[Sequence[object]],
        *,
        size: float = 7,
        row_height: float = 5 * mm,
        header_height: float = 8 * mm,
    ) -> None:
        """A ruled table; column widths are fractions of the text width; cells shrink to fit."""
        c = self.c
        widths = [fraction * self.text_width for _, fraction in columns]
        top = self.y
        c.setLineWidth(0.5)
        c.setFillGray(0.9)
        c.rect(self.left, top - header_height, self.text_width, header_height, stroke=0, fill=1)
        c.setFillGray(0)
        x = self.left
        for (heading, _), width in zip(columns, widths, strict=True):
            lines = simpleSplit(heading, COND_BOLD, size, width - 1.5 * mm)[:2]
            first = top - header_height / 2 + (len(lines) - 1) * size * 0.55 - size * 0.35
            for index, line in enumerate(lines):
                c.setFont(COND_BOLD, size)
                c.drawCentredString(x + width / 2, first - index * size * 1.1, line)
            x += width
        y = top - header_height
        for row in rows:
            x = self.left
            for value, width in zip(row, widths, strict=True):
                self.cell(str(value if value not in (None, "") else "-"), x, y - row_height, width, row_height, size)
                x += width
            y -= row_height
        # Grid lines drawn once over the whole table.
        c.rect(self.left, y, self.text_width, top - y, stroke=1, fill=0)
        c.line(self.left, top - header_height, self.right, top - header_height)
        x = self.left
        for width in widths[:-1]:
            x += width
            c.line(x, top, x, y)
        row_y = top - header_height
        c.setLineWidth(0.25)
        for _ in rows[:-1]:
            row_y -= row_height
            c.line(self.left, row_y, self.right, row_y)
        self.y = y

    def cell(self, text: str, x: float, y: float, width: float, height: float, size: float) -> None:
        """``text`` in a table cell, shrunk in quarter points (not below 4 pt) until it fits."""
        c = self.c
        available = width - 1.6 * mm
        font_size = size
        wide = c.stringWidth(text, COND, size)
        if wide > available:  # a string's width is proportional to the font size
            font_size = max(4.0, size - math.ceil((size - size * available / wide) / 0.25) * 0.25)
        if (c._fontname, c._fontsize) != (COND, font_size):  # most cells share the font: no operator
            c.setFont(COND, font_size)
        c.drawString(x + 0.8 * mm, y + (height - font_size) / 2 + font_size * 0.2, text)

    # -- footer --------------------------------------------------------------------------
    def footer(self, *, issued_label: str = "Dikeluarkan di") -> None:
        """Issue place/date, the official's title and name beside the QR at the bottom right."""
        c = self.c
        qr_x = self.right - QR_QUIET - QR_SIZE
        self.draw_qr(c, self.issue.qr_url, x=qr_x, y=MARGIN + QR_QUIET, size=QR_SIZE)
        text_right = qr_x - QR_QUIET - 1 * mm
        block_width = min(95 * mm, text_right - self.left)
        y = MARGIN + FOOTER_HEIGHT - 3 * mm
        c.setFont(REGULAR, 9)
        c.drawRightString(text_right, y, f"{issued_label} {self.issue.place}")
        y -= 4.2 * mm
        c.drawRightString(text_right, y, f"pada tanggal {date_id(self.issue.issued_at.date())}")
        y -= 5 * mm
        c.setFont(BOLD, 9)
        for line in simpleSplit(self.issue.official_title, BOLD, 9, block_width):
            c.drawRightString(text_right, y, line)
            y -= 4 * mm
        y -= 6 * mm
        c.setFont(BOLD, 10)
        c.drawRightString(text_right, y, self.issue.official_name)
        y -= 5 * mm
        c.setFont(REGULAR, 7.5)
        c.drawRightString(text_right, y, E_SIGNATURE_LINE)
        c.setFont(REGULAR, 6.5)
        c.drawRightString(text_right, MARGIN + 1 * mm, "Keaslian dokumen dapat diperiksa dengan memindai kode QR.")


def bilingual(frame: Frame, indonesian: str, english: str, value: str = "", *, size: float = 10) -> None:
    """An akta line: the Indonesian wording, its English gloss beneath, then the value centred."""
    c = frame.c
    frame.y -= size * 1.4
    c.setFont(REGULAR, size)
    c.drawString(frame.left, frame.y, indonesian)
    frame.y -= size * 0.95
    c.setFillGray(0.35)
    c.setFont(REGULAR, size * 0.7)
    c.drawString(frame.left, frame.y, english)
    c.setFillGray(0)
    if value:
        lines = simpleSplit(value, BOLD, size + 1, frame.text_width - 20 * mm) or [value]
        for line in lines:
            frame.y -= (size + 1) * 1.3
            c.setFont(BOLD, size + 1)
            c.drawCentredString(frame.width / 2, frame.y, line)
