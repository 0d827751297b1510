"""Kutipan Akta Perceraian (portrait A4, bilingual, dates also in words)."""

from __future__ import annotations

from documents.indonesian import date_id, date_words
from documents.layouts.akta_perkawinan import spouse_lines
from documents.layouts.frame import A4_PORTRAIT, Frame, bilingual

PAGESIZE = A4_PORTRAIT
TITLE = "KUTIPAN AKTA PERCERAIAN"
SUBTITLE = "EXCERPT OF DIVORCE CERTIFICATE"


def draw(frame: Frame, data: dict) -> None:
    divorce = data["divorce"]
    bilingual(
        frame,
        f"Berdasarkan Akta Perceraian Nomor {frame.issue.number}",
        f"By virtue of Divorce Certificate Number {frame.issue.number}",
    )
    bilingual(
        frame,
        f"dan putusan pengadilan Nomor {divorce['decision_number'] or '-'}",
        "and the court decision number",
    )
    bilingual(frame, f"pada tanggal {date_id(divorce['date'])}", "on date", date_words(divorce["date"]))
    frame.paragraph("telah terjadi perceraian antara / a divorce took place between", size=9.5)
    spouse_lines(frame, "suami", "husband", data["husband"])
    spouse_lines(frame, "dan isteri", "and wife", data["wife"])
    frame.gap()
    frame.paragraph(
        f"Kutipan ini dikeluarkan di {frame.issue.place} pada tanggal {date_id(frame.issue.issued_at.date())}.",
        size=9.5,
    )
