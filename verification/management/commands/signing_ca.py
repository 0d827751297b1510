"""``manage.py signing_ca create``: the office's own CA, which certifies the signing keys."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from verification.certificates import ca_current, signing_ca_create


class Command(BaseCommand):
    help = "Buat CA kantor (untuk tanda tangan PAdES pada PDF) dan sertifikasi kunci yang ada."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["create", "show"])
        parser.add_argument("--name", default="Dukcapil Kota Gorontalo Root CA")
        parser.add_argument("--force", action="store_true", help="Buat CA baru walau sudah ada.")

    def handle(self, *args: object, action: str, name: str, force: bool, **options: object) -> None:
        existing = ca_current()
        if action == "show":
            if existing is None:
                raise CommandError("Belum ada CA kantor.")
            self.stdout.write(existing.certificate_pem)
            return
        if existing is not None and not force:
            raise CommandError("CA kantor sudah ada (gunakan --force untuk membuat yang baru).")
        ca = signing_ca_create(name=name)
        self.stdout.write(f"created CA '{ca.name}' (key file {ca.key_file}.pem)")
