"""Akta kelahiran carrying a catatan pinggir: a new version of the child's akta with the margin note."""

from __future__ import annotations

from reportlab.lib.units import mm

from documents.indonesian import date_id, date_words
from documents.layouts.akta_kelahiran import birth_body
from documents.layouts.frame import A4_PORTRAIT, Frame

PAGESIZE = A4_PORTRAIT
TITLE = "KUTIPAN AKTA KELAHIRAN"
SUBTITLE = "EXCERPT OF BIRTH CERTIFICATE — DENGAN CATATAN PINGGIR"


def draw(frame: Frame, data: dict) -> None:
    birth_body(frame, data)
    frame.gap(4 * mm)
    note = data["note"]
    top = frame.y
    frame.heading("CATATAN PINGGIR / MARGINAL NOTE")
    frame.paragraph(note["text"], size=9.5, indent=3 * mm)
    if note.get("decision_number"):
        frame.paragraph(f"Berdasarkan: {note['decision_number']}", size=9.5, indent=3 * mm)
    frame.paragraph(
        f"Dicatat pada tanggal {date_id(frame.issue.issued_at.date())} ({date_words(frame.issue.issued_at.date())}).",
        size=9.5,
        indent=3 * mm,
    )
    frame.gap(2 * mm)
    frame.c.setLineWidth(0.6)
    frame.c.rect(frame.left - 1 * mm, frame.y, frame.text_width + 2 * mm, top - frame.y)
