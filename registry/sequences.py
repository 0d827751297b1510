"""Concurrency-safe counters: NIK and KK serials, document numbers and versions.

A counter is a ``Sequence`` row advanced by one ``UPDATE ... RETURNING`` statement: the
row lock it takes holds until the surrounding transaction ends, so two transactions asking
at the same moment queue on it and get different values, and a rolled-back transaction
gives its value back. The first use of a counter inserts the row with
``INSERT ... ON CONFLICT DO UPDATE``, so two first users cannot both start it. On SQLite
(3.35+ has both clauses) the database-wide write lock (``transaction_mode=IMMEDIATE``)
gives the same guarantee.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection

from registry.models import Sequence

_TABLE = Sequence._meta.db_table


def sequence_next(*, key: str, initial: Callable[[], int] | None = None) -> int:
    """Return the next value of counter ``key`` (1, 2, ...), never the same twice.

    One statement when the counter exists (two on its first use). ``initial`` is called only
    when the counter does not exist yet and gives the value to continue from (the highest
    serial already used in the register, for instance).
    """
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {_TABLE} SET last_value = last_value + 1 WHERE key = %s RETURNING last_value",  # noqa: S608
            [key],
        )
        row = cursor.fetchone()
        if row is not None:
            return row[0]
        start = initial() if initial else 0
        cursor.execute(
            f"INSERT INTO {_TABLE} (key, last_value) VALUES (%s, %s) "  # noqa: S608
            f"ON CONFLICT (key) DO UPDATE SET last_value = {_TABLE}.last_value + 1 RETURNING last_value",
            [key, start + 1],
        )
        return cursor.fetchone()[0]


def sequences_next_many(*, initial: dict[str, int]) -> dict[str, int]:
    """Advance each counter named in ``initial`` by one, in a few statements; returns key -> value.

    For a batch of documents (a mass re-issue): the same guarantee as ``sequence_next`` per
    counter. ``initial[key]`` is the value a counter that does not exist yet continues from.
    Rows are locked in key order, so two batches sharing counters queue instead of deadlocking.
    """
    keys = sorted(initial)
    if not keys:
        return {}
    values: dict[str, int] = {}
    marks = ", ".join(["%s"] * len(keys))
    with connection.cursor() as cursor:
        if connection.features.has_select_for_update:
            cursor.execute(f"SELECT key FROM {_TABLE} WHERE key IN ({marks}) ORDER BY key FOR UPDATE", keys)  # noqa: S608
        cursor.execute(
            f"UPDATE {_TABLE} SET last_value = last_value + 1 WHERE key IN ({marks}) RETURNING key, last_value",  # noqa: S608
            keys,
        )
        values.update(cursor.fetchall())
        missing = [key for key in keys if key not in values]
        if missing:
            rows = ", ".join(["(%s, %s)"] * len(missing))
            cursor.execute(
                f"INSERT INTO {_TABLE} (key, last_value) VALUES {rows} "  # noqa: S608
                f"ON CONFLICT (key) DO UPDATE SET last_value = {_TABLE}.last_value + 1 RETURNING key, last_value",
                [part for key in missing for part in (key, initial[key] + 1)],
            )
            values.update(cursor.fetchall())
    return values
