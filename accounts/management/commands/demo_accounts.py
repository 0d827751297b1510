from django.core.management.base import BaseCommand

from accounts.demo import DEMO_PASSWORD, demo_accounts_create


class Command(BaseCommand):
    help = "Buat akun demo untuk setiap peran (hanya untuk pengembangan)."

    def handle(self, *args: object, **options: object) -> None:
        accounts = demo_accounts_create()
        self.stdout.write(f"Akun demo (kata sandi semua: {DEMO_PASSWORD}):")
        for account in accounts:
            self.stdout.write(f"  {account.username:<20} {account.description}")
