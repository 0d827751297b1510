"""Kutipan Akta Perkawinan (portrait A4, bilingual, dates also in words)."""

from __future__ import annotations

from documents.indonesian import date_id, date_words
from documents.layouts.frame import A4_PORTRAIT, Frame, bilingual

PAGESIZE = A4_PORTRAIT
TITLE = "KUTIPAN AKTA PERKAWINAN"
SUBTITLE = "EXCERPT OF MARRIAGE CERTIFICATE"


def spouse_lines(frame: Frame, who: str, english: str, person: dict) -> None:
    bilingual(frame, who, english, person["full_name"])
    frame.fields(
        (
            ("NIK", person["nik"]),
            ("Tempat/Tanggal Lahir", f"{person['birth_place']}, {date_id(person['birth_date'])}"),
            ("Agama", person["religion"]),
        ),
        size=9,
    )


def draw(frame: Frame, data: dict) -> None:
    marriage = data["marriage"]
    bilingual(
        frame,
        f"Berdasarkan Akta Perkawinan Nomor {frame.issue.number}",
        f"By virtue of Marriage Certificate Number {frame.issue.number}",
    )
    bilingual(frame, "bahwa di", "that in", marriage["place"] or "-")
    bilingual(frame, f"pada tanggal {date_id(marriage['date'])}", "on date", date_words(marriage["date"]))
    frame.paragraph("telah dilangsungkan perkawinan antara / a marriage was solemnized between", size=9.5)
    spouse_lines(frame, "suami", "husband", data["husband"])
    spouse_lines(frame, "dan isteri", "and wife", data["wife"])
    frame.field("menurut agama / according to", marriage["religion"] or "-", size=9)
    frame.gap()
    frame.paragraph(
        f"Kutipan ini dikeluarkan di {frame.issue.place} pada tanggal {date_id(frame.issue.issued_at.date())}.",
        size=9.5,
    )
