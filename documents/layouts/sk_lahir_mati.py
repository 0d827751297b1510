"""Surat Keterangan Lahir Mati (portrait A4)."""

from __future__ import annotations

from documents.indonesian import date_id, date_words
from documents.layouts.frame import A4_PORTRAIT, Frame
from documents.layouts.letters import address_rows

PAGESIZE = A4_PORTRAIT
TITLE = "SURAT KETERANGAN LAHIR MATI"
SUBTITLE = "Certificate of Stillbirth"


def draw(frame: Frame, data: dict) -> None:
    mother = data["mother"]
    event = data["stillbirth"]
    frame.paragraph("Yang bertanda tangan di bawah ini menerangkan bahwa telah terjadi peristiwa lahir mati:", size=10)
    frame.gap()
    frame.fields(
        [
            ("Hari/Tanggal", f"{date_id(event.get('date'))} ({date_words(event.get('date'))})"),
            ("Tempat", event.get("place") or "-"),
        ]
    )
    frame.heading("DARI SEORANG IBU")
    frame.fields(
        [
            ("NIK", mother["nik"]),
            ("Nama Lengkap", mother["full_name"]),
            ("Tempat/Tanggal Lahir", f"{mother['birth_place']}, {date_id(mother['birth_date'])}"),
            ("Nama Ayah (suami)", data.get("father_name") or "-"),
            *address_rows(data["address"]),
        ]
    )
    frame.gap()
    frame.paragraph("Surat keterangan ini dibuat untuk dipergunakan sebagaimana mestinya.", size=10)
