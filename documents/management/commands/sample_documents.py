"""Render one document of every type from the demo register into a folder, for review."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from documents.samples import samples_render


class Command(BaseCommand):
    help = "Buat satu contoh PDF untuk setiap jenis dokumen dari data demo (tanpa mengubah database)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, type=Path, help="folder tujuan PDF contoh")

    def handle(self, *args: object, **options: object) -> None:
        try:
            samples = samples_render(out_dir=options["out"])
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        for sample in samples:
            self.stdout.write(f"{sample.doc_type:16} {sample.seconds * 1000:7.1f} ms  {sample.path}")
        self.stdout.write(self.style.SUCCESS(f"{len(samples)} dokumen contoh ditulis ke {options['out']}."))
