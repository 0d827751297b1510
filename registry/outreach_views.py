"""Printable outreach lists for kelurahan staff (``/capaian/penjangkauan/``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from registry.dashboard import DOCUMENT_LABELS, coverage_board_cached
from registry.models import Region
from registry.outreach import MISSING_DOCUMENTS, mask_nik, outreach_areas_for, outreach_list


@require_GET
@login_required
def outreach_index(request: HttpRequest) -> HttpResponse:
    areas = list(outreach_areas_for(request.user))
    if not areas:
        raise PermissionDenied(_("Daftar penjangkauan hanya untuk petugas Dukcapil dan operator kelurahan/kecamatan."))
    if len(areas) == 1:
        return redirect("registry:outreach_list", code=areas[0].code)
    board = coverage_board_cached(year=timezone.localdate().year)
    by_code = {row.code: row for row in board.kelurahan}
    rows = []
    for area in areas:
        figures = by_code[area.code].figures if area.code in by_code else {}
        missing = {code: figures[code].target - figures[code].owners for code in figures}
        rows.append((area, [missing.get(code, 0) for code in ("KK", *MISSING_DOCUMENTS)]))
    context = {
        "rows": rows,
        "labels": [DOCUMENT_LABELS[code] for code in ("KK", *MISSING_DOCUMENTS)],
        "as_of": board.as_of,
    }
    return render(request, "registry/outreach_index.html", context)


@require_GET
@login_required
def outreach_list_page(request: HttpRequest, code: str) -> HttpResponse:
    try:
        kelurahan = Region.objects.select_related("parent").get(code=code, level="kelurahan")
    except Region.DoesNotExist:
        raise Http404(_("Kelurahan tidak ditemukan.")) from None
    if not outreach_areas_for(request.user).filter(pk=kelurahan.pk).exists():
        raise PermissionDenied(_("Anda hanya dapat melihat daftar penjangkauan wilayah Anda sendiri."))
    lists = outreach_list(kelurahan=kelurahan)
    residents = [
        (
            person,
            mask_nik(person.nik),
            person.age_on(lists.as_of),
            [str(DOCUMENT_LABELS[doc]) for doc in MISSING_DOCUMENTS if getattr(person, f"missing_{doc.lower()}")],
        )
        for person in lists.residents
    ]
    context = {
        "lists": lists,
        "residents": residents,
        "counts": [(DOCUMENT_LABELS[doc], lists.missing_count(doc)) for doc in MISSING_DOCUMENTS],
    }
    return render(request, "registry/outreach_list.html", context)
