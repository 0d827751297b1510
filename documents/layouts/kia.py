"""KIA (Kartu Identitas Anak) card-print order (CR80)."""

from __future__ import annotations

from documents.indonesian import date_numeric
from documents.layouts.card import card_draw
from documents.layouts.frame import CR80, Frame

PAGESIZE = CR80
TITLE = "KIA"
CARD = True


def draw(frame: Frame, data: dict) -> None:
    person, address = data["person"], data["address"]
    card_draw(
        frame,
        heading=("KARTU IDENTITAS ANAK", f"{address['city']}"),
        nik=person["nik"],
        rows=[
            ("Nama", person["full_name"]),
            ("Tempat/Tgl Lahir", f"{person['birth_place']}, {date_numeric(person['birth_date'])}"),
            ("Jenis Kelamin", person["sex"]),
            ("No. Kartu Keluarga", address.get("nomor_kk") or "-"),
            ("Nama Kepala Keluarga", address.get("head_name") or "-"),
            ("No. Akta Kelahiran", person.get("akta_kelahiran_number") or "-"),
            ("Agama", person["religion"]),
            ("Kewarganegaraan", person["citizenship"]),
            ("Alamat", f"{address['address']} RT {address['rt']}/RW {address['rw']}, {address['kelurahan']}"),
            ("Berlaku Hingga", date_numeric(person.get("kia_valid_until"))),
        ],
        footer=f"PESANAN CETAK KIA {frame.issue.number} v{frame.issue.version}",
    )
