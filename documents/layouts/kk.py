"""Kartu Keluarga: landscape A4, the header block and both member tables of register.md."""

from __future__ import annotations

from reportlab.lib.units import mm

from documents.indonesian import date_id, date_numeric
from documents.layouts.frame import A4_LANDSCAPE, BOLD, REGULAR, Frame

PAGESIZE = A4_LANDSCAPE
TITLE = "KARTU KELUARGA"

PART_ONE = (
    ("No", 0.03),
    ("Nama Lengkap", 0.19),
    ("NIK", 0.12),
    ("Jenis Kelamin", 0.08),
    ("Tempat Lahir", 0.10),
    ("Tanggal Lahir", 0.08),
    ("Agama", 0.08),
    ("Pendidikan", 0.12),
    ("Jenis Pekerjaan", 0.13),
    ("Golongan Darah", 0.07),
)
PART_TWO = (
    ("No", 0.03),
    ("Status Perkawinan", 0.09),
    ("Tanggal Perkawinan", 0.08),
    ("Status Hubungan dalam Keluarga", 0.11),
    ("Kewarga- negaraan", 0.07),
    ("No. Paspor", 0.08),
    ("No. KITAP", 0.08),
    ("Nama Ayah", 0.23),
    ("Nama Ibu", 0.23),
)


def draw(frame: Frame, data: dict) -> None:
    family = data["family"]
    members = family["members"]
    c = frame.c
    frame.y -= 6 * mm
    c.setFont(BOLD, 15)
    c.drawCentredString(frame.width / 2, frame.y, TITLE)
    frame.y -= 5.5 * mm
    c.setFont(BOLD, 11)
    c.drawCentredString(frame.width / 2, frame.y, f"No. {family['nomor_kk']}")
    frame.y -= 3 * mm
    left = (
        ("Nama Kepala Keluarga", family["head_name"]),
        ("Alamat", family["address"]),
        ("RT/RW", f"{family['rt']}/{family['rw']}"),
        ("Kode Pos", family["postal_code"]),
    )
    right = (
        ("Desa/Kelurahan", family["kelurahan"]),
        ("Kecamatan", family["kecamatan"]),
        ("Kabupaten/Kota", family["city"]),
        ("Provinsi", family["province"]),
    )
    top = frame.y
    for column, rows in ((frame.left, left), (frame.left + frame.text_width * 0.58, right)):
        y = top
        for label, value in rows:
            y -= 4.2 * mm
            c.setFont(REGULAR, 8.5)
            c.drawString(column, y, label)
            c.drawString(column + 38 * mm, y, ":")
            c.setFont(BOLD, 8.5)
            c.drawString(column + 41 * mm, y, str(value or "-"))
    frame.y = top - 4 * 4.2 * mm - 3 * mm
    # Two tables share what is left above the footer; big families get shorter rows.
    available = frame.y - frame.body_bottom - 6 * mm
    row_height = min(5 * mm, max(3 * mm, (available - 2 * 7 * mm) / (2 * max(len(members), 1))))
    size = min(7.5, row_height / mm * 1.5)
    frame.table(
        PART_ONE,
        [
            (
                index,
                m["full_name"],
                m["nik"],
                m["sex"],
                m["birth_place"],
                date_numeric(m["birth_date"]),
                m["religion"],
                m["education"],
                m["occupation"],
                m["blood_type"],
            )
            for index, m in enumerate(members, start=1)
        ],
        size=size,
        row_height=row_height,
        header_height=7 * mm,
    )
    frame.gap(3 * mm)
    frame.table(
        PART_TWO,
        [
            (
                index,
                m["marital_status"],
                date_numeric(m["marriage_date"]) if m["marriage_date"] else "-",
                m["relationship"],
                m["citizenship"],
                m["passport_number"],
                m["kitap_number"],
                m["father_name"],
                m["mother_name"],
            )
            for index, m in enumerate(members, start=1)
        ],
        size=size,
        row_height=row_height,
        header_height=7 * mm,
    )
    c.setFont(REGULAR, 8.5)
    c.drawString(
        frame.left, frame.body_bottom - 8 * mm, f"Dikeluarkan Tanggal: {date_id(frame.issue.issued_at.date())}"
    )
