"""Kutipan Akta Kelahiran (portrait A4, bilingual, dates also in words)."""

from __future__ import annotations

from documents.indonesian import date_id, date_words
from documents.layouts.frame import A4_PORTRAIT, Frame, bilingual

PAGESIZE = A4_PORTRAIT
TITLE = "KUTIPAN AKTA KELAHIRAN"
SUBTITLE = "EXCERPT OF BIRTH CERTIFICATE"


def birth_body(frame: Frame, data: dict) -> None:
    """The register wording shared by the akta and its catatan-pinggir version."""
    person = data["person"]
    frame.fields(
        (
            ("Kewarganegaraan / Nationality", person["citizenship"]),
            ("NIK", person["nik"]),
        )
    )
    frame.gap()
    bilingual(
        frame,
        f"Berdasarkan Akta Kelahiran Nomor {data['akta_number']}",
        f"By virtue of Birth Certificate Number {data['akta_number']}",
    )
    bilingual(frame, "bahwa di", "that in", person["birth_place"])
    bilingual(
        frame,
        f"pada tanggal {date_id(person['birth_date'])}",
        "on date",
        date_words(person["birth_date"]),
    )
    bilingual(frame, "telah lahir", "was born", person["full_name"])
    bilingual(frame, "jenis kelamin", "sex", person["sex"])
    parents = " dan ".join(name for name in (person["father_name"], person["mother_name"]) if name)
    wording = "dari suami-isteri" if person["father_name"] else "dari seorang ibu"
    bilingual(frame, wording, "of the married couple" if person["father_name"] else "of a mother", parents or "-")


def draw(frame: Frame, data: dict) -> None:
    birth_body(frame, data)
    frame.gap()
    frame.paragraph(
        f"Kutipan ini dikeluarkan di {frame.issue.place} pada tanggal {date_id(frame.issue.issued_at.date())}.",
        size=9.5,
    )
    frame.paragraph(f"This excerpt is issued in {frame.issue.place}.", size=7)
