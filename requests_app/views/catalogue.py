"""The public service catalogue: readable without login, searchable by life event."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from requests_app import selectors

EXAMPLE_SEARCHES = ("ada anggota keluarga meninggal", "bayi lahir", "pindah rumah", "menikah", "ktp hilang")


# What one event does to the register and which documents come with it (bundles.md).
BUNDLE_NOTES = {
    "BIRTH": _(
        "Anak dicatat dengan NIK baru dan masuk KK. Terbit: kutipan akta kelahiran, KK versi baru, dan KIA untuk anak."
    ),
    "STILLBIRTH": _("Tidak ada perubahan data keluarga. Terbit: surat keterangan lahir mati."),
    "DEATH": _(
        "Almarhum dicatat meninggal dan keluar dari KK; status pasangan menjadi cerai mati. Terbit: kutipan akta "
        "kematian, KK versi baru (atau nomor KK baru bila kepala keluarga meninggal), dan KTP-el baru untuk "
        "pasangan yang masih hidup."
    ),
    "MARRIAGE": _(
        "Kedua mempelai berstatus kawin dan membentuk keluarga baru. Terbit: kutipan akta perkawinan (bagi "
        "non-Muslim), KK keluarga baru, KK versi baru keluarga asal, dan KTP-el untuk suami dan istri."
    ),
    "FAMILY_FORMED": _("Terbit KK untuk keluarga baru, KK versi baru keluarga asal, dan KTP-el suami-istri."),
    "DIVORCE": _(
        "Keduanya berstatus cerai hidup; pihak yang keluar membentuk keluarga baru. Terbit: kutipan akta "
        "perceraian (bagi non-Muslim), KK untuk kedua keluarga, dan KTP-el untuk keduanya."
    ),
    "FAMILY_SPLIT": _("Anggota yang pisah membentuk keluarga baru. Terbit: KK baru dan KK versi baru keluarga lama."),
    "FAMILY_CHANGED": _("Terbit KK versi baru, dan KTP-el baru bagi anggota dewasa yang datanya tercetak berubah."),
    "MOVED_OUT": _("Terbit SKPWNI, dan KK versi baru bagi anggota yang tetap tinggal."),
    "MOVED_IN": _("Terbit KK (baru atau versi baru), KTP-el untuk setiap orang dewasa, dan KIA untuk setiap anak."),
    "MOVED_ABROAD": _("Terbit SKPLN, dan KK versi baru bagi anggota yang tetap tinggal."),
    "ARRIVED_FROM_ABROAD": _("Terbit SKDLN dan KK."),
    "IDENTITY_CHANGED": _("Terbit KTP-el baru, dan KK versi baru bila data KK ikut berubah."),
    "CHILD_ACKNOWLEDGED": _("Terbit catatan pinggir pada akta kelahiran anak dan KK versi baru."),
    "CHILD_LEGITIMATED": _("Terbit catatan pinggir pada akta kelahiran anak dan KK versi baru."),
    "ADOPTION": _("Terbit catatan pinggir pada akta kelahiran anak dan KK versi baru."),
    "NAME_CHANGED": _("Terbit catatan pinggir, KK versi baru, dan KTP-el baru bila sudah wajib KTP."),
    "CITIZENSHIP_CHANGED": _("Terbit catatan pinggir, KK versi baru, dan KTP-el baru bila sudah wajib KTP."),
    "DEED_ANNULLED": _("Terbit catatan pinggir dan KK versi baru."),
    "OTHER_EVENT": _("Terbit catatan pinggir dan KK versi baru."),
}


def service_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    services = selectors.services_search(query) if query else list(selectors.services_active())
    return render(
        request,
        "requests_app/service_list.html",
        {"services": services, "query": query, "examples": EXAMPLE_SEARCHES},
    )


def service_detail(request: HttpRequest, code: str) -> HttpResponse:
    service = selectors.service_by_slug(code)
    return render(
        request,
        "requests_app/service_detail.html",
        {"service": service, "bundle_note": BUNDLE_NOTES.get(service.event, "")},
    )
