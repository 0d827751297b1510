"""Load the service catalogue (requests_app/data/services.yaml) into ``Service`` rows."""

from __future__ import annotations

from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data" / "services.yaml"

# Plain words a citizen would type, per event (searchable on /layanan/).
EVENT_KEYWORDS = {
    "DEATH": "ada anggota keluarga meninggal, kematian, wafat, meninggal dunia",
    "BIRTH": "bayi lahir, kelahiran, anak lahir, melahirkan",
    "STILLBIRTH": "bayi lahir mati, keguguran",
    "MARRIAGE": "menikah, kawin, nikah, perkawinan",
    "DIVORCE": "cerai, perceraian, pisah nikah",
    "MOVED_OUT": "pindah rumah, pindah keluar, pindah kota, pindah alamat",
    "MOVED_IN": "pindah rumah, pindah datang, baru pindah ke gorontalo",
    "MOVED_ABROAD": "pindah ke luar negeri, kerja di luar negeri",
    "ARRIVED_FROM_ABROAD": "pulang dari luar negeri, datang dari luar negeri",
    "FAMILY_FORMED": "keluarga baru, baru menikah, kk baru",
    "FAMILY_CHANGED": "tambah anggota keluarga, kurang anggota, ubah data kk, pendidikan, pekerjaan",
    "FAMILY_SPLIT": "pisah kk, pecah kk, keluar dari kk orang tua",
    "IDENTITY_CHANGED": "ktp hilang, ktp rusak, ganti ktp, perubahan data ktp",
    "CHILD_ACKNOWLEDGED": "pengakuan anak",
    "CHILD_LEGITIMATED": "pengesahan anak",
    "ADOPTION": "adopsi, pengangkatan anak",
    "NAME_CHANGED": "ganti nama, perubahan nama",
    "CITIZENSHIP_CHANGED": "ganti kewarganegaraan, naturalisasi",
    "DEED_ANNULLED": "pembatalan akta, putusan pengadilan",
    "OTHER_EVENT": "peristiwa penting lainnya, putusan pengadilan",
}
SERVICE_KEYWORDS = {
    "KK_HILANG_RUSAK": "kk hilang, kk rusak, kartu keluarga hilang",
    "KTP_BARU": "ktp baru, umur 17, rekam ktp",
    "KIA": "kartu anak, kia, kartu identitas anak",
    "SKTT_WNA": "orang asing, wna, tinggal sementara",
}
DEFAULT_STEPS = [
    "Masuk ke Dukcapil Online dengan NIK Anda, lalu pilih layanan ini.",
    "Isi formulir dan unggah setiap persyaratan (PDF, JPG atau PNG, paling besar 5 MB).",
    "Periksa daftar dokumen yang akan terbit, lalu ajukan. Simpan nomor pelacakan Anda.",
    "Petugas memeriksa permohonan; bila ada kekurangan, permohonan dikembalikan dengan alasannya.",
    "Setelah disetujui, unduh dokumen PDF dan cetak di kertas HVS A4 putih.",
]


def catalogue_entries() -> list[dict]:
    """The catalogue as dicts ready for ``Service(**entry)``."""
    entries = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    result = []
    for position, item in enumerate(entries):
        keywords = ", ".join(
            filter(None, [EVENT_KEYWORDS.get(item.get("event") or ""), SERVICE_KEYWORDS.get(item["code"])])
        )
        result.append(
            {
                "code": item["code"],
                "bidang": item["bidang"],
                "name_id": item["name_id"],
                "name_en": item["name_en"],
                "event": item.get("event") or "",
                "who": item["who"],
                "requirements": item["requirements"],
                "steps": DEFAULT_STEPS,
                "keywords": keywords,
                "report_within_days": item.get("report_within_days"),
                "sla_days": item["sla_days"],
                "yields": item["yields"],
                "ordering": position,
            }
        )
    return result
