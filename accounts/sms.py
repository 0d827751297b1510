"""SMS sending behind one small interface, so a gateway can be plugged in by setting.

``settings.SMS_BACKEND`` names a class with ``send(phone, text)``. The default writes each
message to a file under ``var/sms``; ``ConsoleSmsBackend`` prints it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string


class ConsoleSmsBackend:
    def send(self, phone: str, text: str) -> None:
        sys.stdout.write(f"SMS to {phone}: {text}\n")


class FileSmsBackend:
    def send(self, phone: str, text: str) -> None:
        folder = Path(settings.SMS_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S-%f")
        (folder / f"{stamp}.txt").write_text(f"To: {phone}\n\n{text}\n", encoding="utf-8")


def send_sms(*, phone: str, text: str) -> None:
    """Send ``text`` to ``phone`` through the configured backend; no-op without a number."""
    if phone:
        import_string(settings.SMS_BACKEND)().send(phone, text)
