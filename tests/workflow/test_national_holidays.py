"""The office calendar starts with the national holidays and cuti bersama (holidays_load)."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from requests_app.models import Holiday
from requests_app.working_days import working_days_after

pytestmark = pytest.mark.django_db
WITA = dt.timezone(dt.timedelta(hours=8))


def load(*years: str) -> str:
    out = StringIO()
    call_command("holidays_load", *years, stdout=out)
    return out.getvalue()


def test_loading_a_year_adds_its_holidays_and_cuti_bersama_in_indonesian():
    output = load("2026")
    names = dict(Holiday.objects.values_list("date", "name"))
    assert names[dt.date(2026, 3, 21)] == "Hari Raya Idul Fitri"
    assert names[dt.date(2026, 3, 23)] == "Cuti Bersama Hari Raya Idul Fitri"
    assert names[dt.date(2026, 8, 17)] == "Hari Kemerdekaan Republik Indonesia"
    assert names[dt.date(2026, 12, 24)] == "Cuti Bersama Hari Raya Natal"
    assert f"{len(names)} hari libur ditambahkan, 0 sudah ada" in output


def test_a_deadline_over_lebaran_lands_after_the_break():
    nyepi = dt.datetime(2026, 3, 19, 9, tzinfo=WITA)  # Thursday
    assert working_days_after(nyepi, 1).date() == dt.date(2026, 3, 20)
    load("2026")
    # Fri 20 cuti bersama, Sat 21 Idul Fitri, Sun 22, Mon 23 and Tue 24 cuti bersama.
    assert working_days_after(nyepi, 1).date() == dt.date(2026, 3, 25)


def test_loading_again_changes_nothing_and_keeps_what_staff_entered():
    Holiday.objects.create(date=dt.date(2026, 3, 21), name="Idul Fitri 1447 H (SKB)")
    first = load("2026")
    count = Holiday.objects.count()
    assert "1 sudah ada" in first
    second = load("2026")
    assert Holiday.objects.count() == count
    assert f"0 hari libur ditambahkan, {count} sudah ada" in second
    assert Holiday.objects.get(date=dt.date(2026, 3, 21)).name == "Idul Fitri 1447 H (SKB)"


def test_estimated_days_are_marked_for_staff_to_check():
    output = load("2027")
    estimated = Holiday.objects.filter(name__contains="(perkiraan)")
    assert estimated.exists()
    for holiday in estimated:
        assert f"{holiday.date:%d-%m-%Y} {holiday.name}" in output


def test_without_years_it_loads_this_year_and_the_next():
    output = load()
    this_year = timezone.localdate().year
    assert Holiday.objects.filter(date__year=this_year).exists()
    assert Holiday.objects.filter(date__year=this_year + 1).exists()
    assert f"Tahun {this_year}, {this_year + 1}:" in output


@pytest.mark.parametrize("year", ["27", "tahun", "1890"])
def test_a_bad_year_is_refused_in_indonesian_and_loads_nothing(year):
    with pytest.raises(CommandError, match="Tahun tidak valid"):
        load("2026", year)
    assert not Holiday.objects.exists()
