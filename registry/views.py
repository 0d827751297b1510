"""Public coverage dashboard (``/capaian/``) and its CSV export."""

from __future__ import annotations

import csv

from django import forms
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from registry.charts import Bar, bar_chart_svg
from registry.dashboard import (
    CSV_HEADER,
    DOCUMENT_LABELS,
    CoverageBoard,
    board_csv_rows,
    coverage_board_cached,
    kecamatan_groups,
    year_choices,
)
from registry.selectors import COVERAGE_DOCUMENTS


class YearForm(forms.Form):
    tahun = forms.TypedChoiceField(
        label=gettext_lazy("Tahun"), coerce=int, choices=(), widget=forms.Select(attrs={"class": "form-select"})
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tahun"].choices = [(year, str(year)) for year in year_choices()]
        self.fields["tahun"].error_messages["invalid_choice"] = gettext_lazy(
            "Tahun %(value)s tidak tersedia; pilih tahun dari daftar."
        )


def _selected_year(request: HttpRequest) -> tuple[YearForm, int | None]:
    """The year asked for; a missing or empty ``tahun`` is the current year, whatever else
    the query string carries (links shared with ``?utm_source=...``)."""
    data = request.GET.copy()
    if not data.get("tahun"):
        data["tahun"] = str(timezone.localdate().year)
    form = YearForm(data)
    return form, (form.cleaned_data["tahun"] if form.is_valid() else None)


def _detail(owners: int, target: int) -> str:
    return _("%(owners)s dari %(target)s wajib") % {
        "owners": number_format(owners, force_grouping=True),
        "target": number_format(target, force_grouping=True),
    }


def _charts(board: CoverageBoard) -> dict:
    city = bar_chart_svg(
        title=_("Cakupan kepemilikan dokumen, Kota Gorontalo, %(year)s") % {"year": board.year},
        bars=[
            Bar(str(label), figures.percentage, _detail(figures.owners, figures.target))
            for _code, label, figures in board.city.rows()
        ],
    )
    per_document = []
    for code in COVERAGE_DOCUMENTS:
        label = DOCUMENT_LABELS[code]
        bars = [
            Bar(row.name, row.figures[code].percentage, _detail(row.figures[code].owners, row.figures[code].target))
            for row in board.kecamatan
        ]
        title = _("Cakupan %(document)s per kecamatan, %(year)s") % {"document": label, "year": board.year}
        per_document.append((label, bar_chart_svg(title=title, bars=bars)))
    return {"city_chart": city, "kecamatan_charts": per_document}


@require_GET
def coverage_dashboard(request: HttpRequest) -> HttpResponse:
    form, year = _selected_year(request)
    if year is None:
        year = timezone.localdate().year
    board = coverage_board_cached(year=year)
    context = {
        "form": form,
        "board": board,
        "groups": kecamatan_groups(board),
        "documents": [(code, DOCUMENT_LABELS[code]) for code in COVERAGE_DOCUMENTS],
        **_charts(board),
    }
    return render(request, "registry/capaian.html", context)


def _csv_cell(value: object) -> object:
    # Spreadsheet formula injection: a text cell must never start with = + - @.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") and value != "-":
        return "'" + value
    return value


@require_GET
def coverage_export_csv(request: HttpRequest) -> HttpResponse:
    form, year = _selected_year(request)
    if year is None:
        return HttpResponseBadRequest(" ".join(form.errors.get("tahun", [])), content_type="text/plain; charset=utf-8")
    board = coverage_board_cached(year=year)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="capaian-{year}.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    for row in board_csv_rows(board):
        writer.writerow([_csv_cell(value) for value in row])
    return response
