"""Add the national holidays and cuti bersama of one or more years to the office calendar.

    python manage.py holidays_load            # this year and the next
    python manage.py holidays_load 2027 2028

Run it once a year, after the SKB 3 Menteri on holidays and cuti bersama is published, then
check the days marked "(perkiraan)" in the admin (Hari libur). Days already in the calendar
are left as they are.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from requests_app.national_holidays import national_holidays_load

FIRST_YEAR, LAST_YEAR = 2000, 2100


class Command(BaseCommand):
    help = "Tambahkan hari libur nasional dan cuti bersama ke kalender kantor (default: tahun ini dan tahun depan)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("years", nargs="*", help="tahun, mis. 2027")

    def handle(self, *args: object, **options: object) -> None:
        years = self._years(options["years"])
        load = national_holidays_load(years)
        self.stdout.write(
            f"Tahun {', '.join(map(str, years))}: {len(load.added)} hari libur ditambahkan, "
            f"{load.kept} sudah ada di kalender (tidak diubah)."
        )
        for holiday in load.estimated:
            self.stdout.write(f"  periksa setelah SKB terbit: {holiday.date:%d-%m-%Y} {holiday.name}")

    def _years(self, given: list[str]) -> list[int]:
        if not given:
            this_year = timezone.localdate().year
            return [this_year, this_year + 1]
        years = []
        for text in given:
            if not text.isdigit() or not FIRST_YEAR <= int(text) <= LAST_YEAR:
                raise CommandError(f"Tahun tidak valid: {text!r} (tulis empat angka, {FIRST_YEAR}–{LAST_YEAR}).")
            years.append(int(text))
        return sorted(set(years))
