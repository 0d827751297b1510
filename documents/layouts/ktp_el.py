"""KTP-el card-print order (CR80)."""

from __future__ import annotations

from documents.indonesian import date_numeric
from documents.layouts.card import card_draw
from documents.layouts.frame import CR80, Frame

PAGESIZE = CR80
TITLE = "KTP-el"
CARD = True


def draw(frame: Frame, data: dict) -> None:
    person, address = data["person"], data["address"]
    card_draw(
        frame,
        heading=(f"PROVINSI {address['province']}", address["city"]),
        nik=person["nik"],
        rows=[
            ("Nama", person["full_name"]),
            ("Tempat/Tgl Lahir", f"{person['birth_place']}, {date_numeric(person['birth_date'])}"),
            ("Jenis Kelamin", f"{person['sex']}   Gol. Darah: {person['blood_type']}"),
            ("Alamat", address["address"]),
            ("RT/RW", f"{address['rt']}/{address['rw']}"),
            ("Kel/Desa", address["kelurahan"]),
            ("Kecamatan", address["kecamatan"]),
            ("Agama", person["religion"]),
            ("Status Perkawinan", person["marital_status"]),
            ("Pekerjaan", person["occupation"]),
            ("Kewarganegaraan", person["citizenship"]),
            ("Berlaku Hingga", "SEUMUR HIDUP"),
        ],
        footer=f"PESANAN CETAK KTP-el {frame.issue.number} v{frame.issue.version}",
    )
