"""Staff statistics page, in the admin's look (``/staf/statistik/``), and its CSV export.

Open to staff accounts holding PIAK, Kepala Bidang or Kepala Dinas (superusers always).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from functools import wraps

from django import forms
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from accounts import roles
from documents.models import DocumentType, IssuedState
from requests_app.models import ApplicationState, Channel
from requests_app.statistics import STATE_ORDER, Period, staff_statistics, statistics_csv_rows

STATISTICS_ROLES = (roles.PIAK, roles.KEPALA_BIDANG, roles.KEPALA_DINAS)
DEFAULT_DAYS = 30
MAX_DAYS = 366


def statistics_role_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def guarded(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not roles.has_role(request.user, *STATISTICS_ROLES):
            raise PermissionDenied(_("Statistik layanan hanya untuk PIAK, Kepala Bidang dan Kepala Dinas."))
        return view(request, *args, **kwargs)

    return staff_member_required(guarded)


class PeriodForm(forms.Form):
    dari = forms.DateField(label=gettext_lazy("Dari"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    sampai = forms.DateField(
        label=gettext_lazy("Sampai"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict:
        data = super().clean()
        today = timezone.localdate()
        end = data.get("sampai") or today
        start = data.get("dari") or end - dt.timedelta(days=DEFAULT_DAYS - 1)
        if start > end:
            raise forms.ValidationError(_("Tanggal awal harus sebelum tanggal akhir."))
        if (end - start).days + 1 > MAX_DAYS:
            raise forms.ValidationError(_("Rentang paling panjang %(days)s hari.") % {"days": MAX_DAYS})
        data["period"] = Period(start, end)
        return data


def _document_label(doc_type: str) -> str:
    try:
        return str(DocumentType(doc_type).label)
    except ValueError:
        return doc_type


def _period(request: HttpRequest) -> tuple[PeriodForm, Period | None]:
    form = PeriodForm(request.GET)  # bound even when empty: both fields have defaults
    return form, (form.cleaned_data["period"] if form.is_valid() else None)


@require_GET
@statistics_role_required
def statistics_page(request: HttpRequest) -> HttpResponse:
    form, period = _period(request)
    stats = staff_statistics(period=period or Period.last_days(DEFAULT_DAYS))
    peak = max((total for _day, _types, total in stats.issued_per_day), default=0) or 1
    context = {
        **admin.site.each_context(request),
        "title": _("Statistik layanan"),
        "form": form,
        "stats": stats,
        "state_labels": [ApplicationState(state).label for state in STATE_ORDER],
        "state_rows": [
            (row, [row.by_state.get(state, 0) for state in STATE_ORDER]) for row in stats.services if row.total
        ],
        "state_totals": [stats.state_totals.get(state, 0) for state in STATE_ORDER],
        "channels": [
            (channel.label, stats.channels.get(channel.value, 0), stats.channel_share(channel.value))
            for channel in Channel
        ],
        "issued_labels": [_document_label(doc_type) for doc_type in stats.issued_types],
        "scanned_rows": [
            (
                _document_label(doc["doc_type"]),
                doc["number"],
                doc["version"],
                IssuedState(doc["state"]).label,
                doc["scan_count"],
            )
            for doc in stats.scanned_documents
        ],
        "issued_rows": [
            (day, [by_type.get(doc_type, 0) for doc_type in stats.issued_types], total, round(200 * total / peak))
            for day, by_type, total in stats.issued_per_day
        ],
    }
    return render(request, "registry/staff_statistics.html", context)


@require_GET
@statistics_role_required
def statistics_csv(request: HttpRequest) -> HttpResponse:
    form, period = _period(request)
    if period is None:
        return HttpResponseBadRequest(" ".join(form.non_field_errors()), content_type="text/plain; charset=utf-8")
    stats = staff_statistics(period=period)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="statistik-{period.start}-{period.end}.csv"'
    writer = csv.writer(response)
    writer.writerow(("bagian", "kunci", "sub_kunci", "nilai"))
    writer.writerows(statistics_csv_rows(stats))
    return response
