"""Pieces the surat keterangan (SKPWNI, SKPLN, SKDLN, SKTT, SK lahir mati) share."""

from __future__ import annotations

from reportlab.lib.units import mm

from documents.indonesian import date_numeric
from documents.layouts.frame import Frame


def address_rows(address: dict) -> list[tuple[str, str]]:
    return [
        ("Alamat", address.get("address") or "-"),
        ("RT/RW", f"{address.get('rt') or '-'}/{address.get('rw') or '-'}"),
        ("Desa/Kelurahan", address.get("kelurahan") or "-"),
        ("Kecamatan", address.get("kecamatan") or "-"),
        ("Kabupaten/Kota", address.get("city") or "-"),
        ("Provinsi", address.get("province") or "-"),
    ]


def persons_table(frame: Frame, persons: list[dict], *, relationship: bool = True) -> None:
    columns = [("No", 0.06), ("NIK", 0.22), ("Nama Lengkap", 0.34), ("Tanggal Lahir", 0.16)]
    columns.append(("SHDK", 0.22) if relationship else ("Jenis Kelamin", 0.22))
    # A whole family moving still fits above the signed footer: rows shrink as they must.
    row_height = min(6 * mm, max(3 * mm, (frame.y - frame.body_bottom - 7 * mm) / max(len(persons), 1)))
    frame.table(
        columns,
        [
            (
                index,
                p["nik"],
                p["full_name"],
                date_numeric(p["birth_date"]),
                (p.get("relationship") if relationship else p.get("sex")) or "-",
            )
            for index, p in enumerate(persons, start=1)
        ],
        size=min(8.5, row_height / mm * 1.45),
        row_height=row_height,
        header_height=7 * mm,
    )
