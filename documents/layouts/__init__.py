"""One layout module per document type, all drawn on the shared frame (``frame.py``).

Each module has ``PAGESIZE``, ``TITLE`` (and ``SUBTITLE``), ``draw(frame, data)``; card
modules set ``CARD = True`` and draw the whole card themselves.
"""

from __future__ import annotations

from types import ModuleType

from documents.layouts import (
    akta_kelahiran,
    akta_kematian,
    akta_perceraian,
    akta_perkawinan,
    catatan_pinggir,
    kia,
    kk,
    ktp_el,
    sk_lahir_mati,
    skdln,
    skpln,
    skpwni,
    sktt,
)

LAYOUTS: dict[str, ModuleType] = {
    "KK": kk,
    "KTP_EL": ktp_el,
    "KIA": kia,
    "AKTA_KELAHIRAN": akta_kelahiran,
    "AKTA_KEMATIAN": akta_kematian,
    "AKTA_PERKAWINAN": akta_perkawinan,
    "AKTA_PERCERAIAN": akta_perceraian,
    "CATATAN_PINGGIR": catatan_pinggir,
    "SKPWNI": skpwni,
    "SKPLN": skpln,
    "SKDLN": skdln,
    "SKTT": sktt,
    "SK_LAHIR_MATI": sk_lahir_mati,
}
