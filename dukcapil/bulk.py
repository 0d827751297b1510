"""One UPDATE for many rows, each with its own values: what ``QuerySet.bulk_update`` does.

``bulk_update`` builds a ``Case(When(...))`` expression tree per field and row and resolves
it through the ORM; for a batch of document jobs that cost more Python time than the rest
of the batch's database work (about 1 ms per document in ``benchmarks/render.py``).
``rows_update`` writes the same statement directly: ``UPDATE t SET col = CASE pk WHEN ...
THEN ... END, ... WHERE pk IN (...)``, with values prepared by each field as the ORM would
(casts where the backend needs them, as Django's own ``requires_casted_case_in_updates``).
Like ``bulk_update`` it sends no signals and leaves ``auto_now`` fields alone.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connections, models, router


def rows_update(rows: Iterable[models.Model], fields: list[str]) -> int:
    """Write ``fields`` of each of ``rows`` (instances of one model) in one statement; returns the row count."""
    rows = list(rows)
    if not rows or not fields:
        return 0
    model = type(rows[0])
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    meta = model._meta
    pk = meta.pk
    ids = [pk.get_db_prep_value(row.pk, connection) for row in rows]
    assignments: list[str] = []
    params: list = []
    for name in fields:
        field = meta.get_field(name)
        value = "%s"
        if connection.features.requires_casted_case_in_updates:
            value = f"CAST(%s AS {field.cast_db_type(connection)})"
        cases = " ".join([f"WHEN %s THEN {value}"] * len(rows))
        assignments.append(f"{quote(field.column)} = CASE {quote(pk.column)} {cases} END")
        for row_id, row in zip(ids, rows, strict=True):
            params += [row_id, field.get_db_prep_save(getattr(row, field.attname), connection)]
    marks = ", ".join(["%s"] * len(ids))
    sql = f"UPDATE {quote(meta.db_table)} SET {', '.join(assignments)} WHERE {quote(pk.column)} IN ({marks})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *ids])
        return cursor.rowcount
