"""CR80 (85.6 x 53.98 mm) card-print orders for the office card printer, not for citizens.

The card face is laid out at full bleed with a 3 mm safe area; the order number and
version run along the bottom edge so the printer operator can match card and order.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit

from documents.indonesian import date_numeric
from documents.layouts.frame import BOLD, COND, COND_BOLD, Frame

SAFE = 3 * mm


def card_draw(frame: Frame, *, heading: tuple[str, str], rows: list[tuple[str, str]], nik: str, footer: str) -> None:
    c = frame.c
    width, height = frame.width, frame.height
    c.setLineWidth(0.3)
    c.roundRect(0.5 * mm, 0.5 * mm, width - 1 * mm, height - 1 * mm, 3 * mm)
    y = height - SAFE - 2.2 * mm
    for text in heading:
        c.setFont(BOLD, 6)
        c.drawCentredString(width / 2, y, text)
        y -= 2.6 * mm
    y -= 0.8 * mm
    c.setFont(BOLD, 7.5)
    c.drawString(SAFE, y, "NIK")
    c.drawString(SAFE + 20 * mm, y, f": {nik}")
    photo_w, photo_h = 20 * mm, 25 * mm
    photo_x = width - SAFE - photo_w
    c.rect(photo_x, SAFE + 5 * mm, photo_w, photo_h)
    c.setFont(COND, 4.5)
    c.drawCentredString(photo_x + photo_w / 2, SAFE + 5 * mm + photo_h / 2, "PAS FOTO")
    value_width = photo_x - SAFE - 23 * mm
    y -= 0.6 * mm
    for label, value in rows:
        lines = simpleSplit(str(value or "-"), COND_BOLD, 5, value_width) or ["-"]
        for index, line in enumerate(lines[:2]):
            y -= 2.35 * mm
            c.setFont(COND, 5)
            if index == 0:
                c.drawString(SAFE, y, label)
                c.drawString(SAFE + 20 * mm, y, ":")
            c.setFont(COND_BOLD, 5)
            c.drawString(SAFE + 21.5 * mm, y, line)
    c.setFont(COND, 4.5)
    c.drawCentredString(photo_x + photo_w / 2, SAFE + 2.6 * mm, "KOTA GORONTALO")
    c.drawCentredString(photo_x + photo_w / 2, SAFE + 0.8 * mm, date_numeric(frame.issue.issued_at.date()))
    c.setFont(COND, 4)
    c.drawString(SAFE, 2.3 * mm, footer)
