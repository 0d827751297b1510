"""Email outreach reminders to residents with a linked account (registry.reminders)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from registry.reminders import REMINDER_INTERVAL, reminders_send


class Command(BaseCommand):
    help = (
        "Kirim email pengingat (KK belum diperbarui, belum memiliki KTP-el, akta kelahiran atau KIA) "
        "ke akun yang tertaut; pengingat yang sama tidak dikirim lagi dalam 30 hari."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="hitung saja, tanpa mengirim")

    def handle(self, *args: object, **options: object) -> None:
        report = reminders_send(dry_run=options["dry_run"])
        verb = "akan dikirim" if options["dry_run"] else "terkirim"
        self.stdout.write(
            f"{report.emails_sent} email {verb} ({report.items_sent} pengingat); "
            f"{report.items_skipped_recent} pengingat dilewati karena sudah dikirim dalam "
            f"{REMINDER_INTERVAL.days} hari terakhir."
        )
        for failure in report.failures:
            self.stderr.write(f"gagal: {failure}")
        if report.failures:
            raise SystemExit(1)
