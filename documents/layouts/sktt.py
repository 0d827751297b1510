"""Surat Keterangan Tempat Tinggal for a foreign resident (portrait A4)."""

from __future__ import annotations

from documents.indonesian import date_id
from documents.layouts.frame import A4_PORTRAIT, Frame
from documents.layouts.letters import address_rows

PAGESIZE = A4_PORTRAIT
TITLE = "SURAT KETERANGAN TEMPAT TINGGAL"
SUBTITLE = "Certificate of Residence (Orang Asing)"


def draw(frame: Frame, data: dict) -> None:
    person = data["person"]
    frame.paragraph("Yang bertanda tangan di bawah ini menerangkan bahwa:", size=10)
    frame.gap()
    frame.fields(
        [
            ("NIK", person["nik"]),
            ("Nama Lengkap", person["full_name"]),
            ("Jenis Kelamin", person["sex"]),
            ("Tempat/Tanggal Lahir", f"{person['birth_place']}, {date_id(person['birth_date'])}"),
            ("Kewarganegaraan", person["citizenship"]),
            ("No. Paspor", person["passport_number"] or "-"),
            ("No. KITAP", person["kitap_number"] or "-"),
            *address_rows(data["address"]),
        ]
    )
    frame.gap()
    frame.paragraph(
        "benar bertempat tinggal di alamat tersebut di atas dan terdaftar dalam database kependudukan "
        "Kota Gorontalo. Surat keterangan ini berlaku selama izin tinggalnya berlaku.",
        size=10,
    )
