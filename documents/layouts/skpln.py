"""Surat Keterangan Pindah Luar Negeri (portrait A4)."""

from __future__ import annotations

from documents.indonesian import date_id
from documents.layouts.frame import A4_PORTRAIT, Frame
from documents.layouts.letters import address_rows, persons_table

PAGESIZE = A4_PORTRAIT
TITLE = "SURAT KETERANGAN PINDAH LUAR NEGERI"
SUBTITLE = "Certificate of Moving Abroad"


def draw(frame: Frame, data: dict) -> None:
    applicant = data["applicant"]
    move = data["move"]
    frame.heading("DATA DAERAH ASAL")
    frame.fields(
        [("Nomor Kartu Keluarga", data["origin"].get("nomor_kk") or "-"), *address_rows(data["origin"])], size=9
    )
    frame.heading("DATA KEPINDAHAN KE LUAR NEGERI")
    frame.fields(
        [
            ("NIK Pemohon", applicant["nik"]),
            ("Nama Lengkap Pemohon", applicant["full_name"]),
            ("Negara/Alamat Tujuan", move.get("destination") or "-"),
            ("Alasan Pindah", move.get("reason") or "-"),
            ("Tanggal Pindah", date_id(move.get("date"))),
        ],
        size=9,
    )
    frame.gap()
    persons_table(frame, data["movers"])
