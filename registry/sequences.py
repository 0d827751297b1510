"""Concurrency-safe counters: NIK and KK serials, document numbers.

A counter is a ``Sequence`` row incremented under ``SELECT ... FOR UPDATE``; two
transactions asking at the same moment queue on the row lock and get different values.
On SQLite the database-wide write lock (``transaction_mode=IMMEDIATE``) gives the same.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from registry.models import Sequence


@transaction.atomic
def sequence_next(*, key: str, initial: Callable[[], int] | None = None) -> int:
    """Return the next value of counter ``key`` (1, 2, ...), never the same twice.

    ``initial`` is called only when the counter does not exist yet and gives the value to
    continue from (the highest serial already used in the register, for instance).
    """
    sequence = Sequence.objects.select_for_update().filter(key=key).first()
    if sequence is None:
        # First use of this counter: create it (a concurrent creator makes get_or_create
        # fall back to reading the row), then take the lock.
        Sequence.objects.get_or_create(key=key, defaults={"last_value": initial() if initial else 0})
        sequence = Sequence.objects.select_for_update().get(key=key)
    sequence.last_value += 1
    sequence.save(update_fields=["last_value"])
    return sequence.last_value
