"""Surat Keterangan Datang dari Luar Negeri (portrait A4)."""

from __future__ import annotations

from documents.indonesian import date_id
from documents.layouts.frame import A4_PORTRAIT, Frame
from documents.layouts.letters import address_rows, persons_table

PAGESIZE = A4_PORTRAIT
TITLE = "SURAT KETERANGAN DATANG DARI LUAR NEGERI"
SUBTITLE = "Certificate of Arrival from Abroad"


def draw(frame: Frame, data: dict) -> None:
    arrival = data["arrival"]
    frame.heading("DATA KEDATANGAN")
    frame.fields(
        [
            ("Negara Asal", arrival.get("origin") or "-"),
            ("Tanggal Datang", date_id(arrival.get("date"))),
            ("Nomor Kartu Keluarga Tujuan", arrival.get("nomor_kk") or "-"),
            *address_rows(data["address"]),
        ],
        size=9,
    )
    frame.heading("YANG DATANG")
    persons_table(frame, data["persons"])
