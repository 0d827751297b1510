"""Surat Keterangan Pindah WNI (portrait A4)."""

from __future__ import annotations

from documents.indonesian import date_id
from documents.layouts.frame import A4_PORTRAIT, Frame
from documents.layouts.letters import address_rows, persons_table

PAGESIZE = A4_PORTRAIT
TITLE = "SURAT KETERANGAN PINDAH WNI"
SUBTITLE = "Antar Kabupaten/Kota atau Antar Provinsi"


def draw(frame: Frame, data: dict) -> None:
    applicant = data["applicant"]
    move = data["move"]
    frame.heading("DATA DAERAH ASAL")
    frame.fields(
        [
            ("Nomor Kartu Keluarga", data["origin"].get("nomor_kk") or "-"),
            ("Nama Kepala Keluarga", data["origin"].get("head_name") or "-"),
            *address_rows(data["origin"]),
        ],
        size=9,
    )
    frame.heading("DATA KEPINDAHAN")
    frame.fields(
        [
            ("NIK Pemohon", applicant["nik"]),
            ("Nama Lengkap Pemohon", applicant["full_name"]),
            ("Alasan Pindah", move.get("reason") or "-"),
            ("Alamat Tujuan Pindah", move.get("destination") or "-"),
            ("Tanggal Pindah", date_id(move.get("date"))),
            ("Jumlah Keluarga yang Pindah", f"{len(data['movers'])} orang"),
        ],
        size=9,
    )
    frame.gap()
    persons_table(frame, data["movers"])
