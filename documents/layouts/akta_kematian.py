"""Kutipan Akta Kematian (portrait A4, bilingual, dates also in words)."""

from __future__ import annotations

from documents.indonesian import date_id, date_words
from documents.layouts.frame import A4_PORTRAIT, Frame, bilingual

PAGESIZE = A4_PORTRAIT
TITLE = "KUTIPAN AKTA KEMATIAN"
SUBTITLE = "EXCERPT OF DEATH CERTIFICATE"


def draw(frame: Frame, data: dict) -> None:
    person = data["person"]
    death = data["death"]
    frame.fields((("Kewarganegaraan / Nationality", person["citizenship"]), ("NIK", person["nik"])))
    frame.gap()
    bilingual(
        frame,
        f"Berdasarkan Akta Kematian Nomor {frame.issue.number}",
        f"By virtue of Death Certificate Number {frame.issue.number}",
    )
    bilingual(frame, "bahwa di", "that in", death["place"] or "-")
    bilingual(frame, f"pada tanggal {date_id(death['date'])}", "on date", date_words(death["date"]))
    bilingual(frame, "telah meninggal dunia", "passed away", person["full_name"])
    bilingual(
        frame,
        "lahir di / pada tanggal",
        "born in / on date",
        f"{person['birth_place']}, {date_id(person['birth_date'])}",
    )
    bilingual(frame, "jenis kelamin", "sex", person["sex"])
    frame.gap()
    frame.paragraph(
        f"Kutipan ini dikeluarkan di {frame.issue.place} pada tanggal {date_id(frame.issue.issued_at.date())}.",
        size=9.5,
    )
