"""Print the register's document coverage as the office reports it (register.md)."""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandParser

from registry.selectors import COVERAGE_DOCUMENTS, coverage


class Command(BaseCommand):
    help = "Cetak cakupan kepemilikan KTP-el, KK, akta kelahiran dan KIA."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="satu objek JSON")
        parser.add_argument("--as-of", type=dt.date.fromisoformat, help="tanggal acuan (YYYY-MM-DD)")
        parser.add_argument("--year", type=int, help="tahun penerbitan yang dihitung")

    def handle(self, *args: object, **options: object) -> None:
        figures = coverage(as_of=options["as_of"], year=options["year"])
        report = {
            "population": figures["population"],
            "as_of": figures["as_of"],
            "year": figures["year"],
            **{code: figures[code].as_dict() for code in COVERAGE_DOCUMENTS},
        }
        if options["json"]:
            self.stdout.write(json.dumps(report, indent=2))
            return
        self.stdout.write(f"Penduduk: {report['population']:,} (per {report['as_of']})")
        for code in COVERAGE_DOCUMENTS:
            row = report[code]
            self.stdout.write(
                f"{code:<15} wajib {row['target']:>8,}  memiliki {row['owners']:>8,}  "
                f"terbit {report['year']} {row['issued']:>7,}  cakupan {row['percentage']:6.2f} %"
            )
