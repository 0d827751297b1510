"""``manage.py signing_key create|rotate|revoke KID|list``: the office's ES256 keys."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from verification.keys import (
    SigningKeyError,
    private_key_path,
    signing_key_create,
    signing_key_revoke,
    signing_key_rotate,
)
from verification.models import SigningKey


class Command(BaseCommand):
    help = "Kelola kunci tanda tangan ES256 kantor: create, rotate, revoke KID, list."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("create", help="Buat kunci pertama (gagal bila sudah ada kunci aktif).")
        sub.add_parser("rotate", help="Kunci baru menandatangani; kunci lama tetap memverifikasi.")
        revoke = sub.add_parser("revoke", help="Cabut kunci: dokumen yang ditandatangani sesudahnya tidak berlaku.")
        revoke.add_argument("kid")
        revoke.add_argument("--reason", default="")
        sub.add_parser("list", help="Daftar kunci dan statusnya.")

    def handle(self, *args: object, action: str, **options: object) -> None:
        try:
            if action == "create":
                key = signing_key_create()
                self.stdout.write(f"created {key.kid} ({private_key_path(key.kid)})")
            elif action == "rotate":
                key = signing_key_rotate()
                self.stdout.write(f"rotated: {key.kid} now signs")
            elif action == "revoke":
                try:
                    key = signing_key_revoke(kid=options["kid"], reason=options["reason"])
                except SigningKey.DoesNotExist:
                    raise CommandError(f"Kunci {options['kid']} tidak dikenal.") from None
                self.stdout.write(f"revoked {key.kid} at {key.revoked_at.isoformat()}")
            else:
                for key in SigningKey.objects.order_by("created_at"):
                    self.stdout.write(
                        f"{key.kid}  {key.status:<8}  created={key.created_at.isoformat()}"
                        f"  retired={key.retired_at.isoformat() if key.retired_at else '-'}"
                        f"  revoked={key.revoked_at.isoformat() if key.revoked_at else '-'}"
                        f"  cert={'yes' if key.certificate_pem else 'no'}"
                    )
        except SigningKeyError as exc:
            raise CommandError(str(exc)) from exc
