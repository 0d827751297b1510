"""Write a synthetic city into the register in bulk."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.core.management import CommandError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max

from registry.choices import RegionLevel
from registry.models import Family, Person, Region, ReminderSent, Sequence
from registry.synthetic import City, Profile, build_city

BATCH = 5000


def _reset_sequences() -> None:
    # Rows were inserted with explicit ids: move PostgreSQL's id sequences past them.
    for statement in connection.ops.sequence_reset_sql(no_style(), [Family, Person]):
        with connection.cursor() as cursor:
            cursor.execute(statement)


def _register_clear() -> None:
    """Empty the register for a new demo city, history included (a bulk delete, no signals).

    Fails with the database's protection error when applications still point at persons.
    """
    ReminderSent.objects.all().delete()
    Family.objects.update(head=None)
    for model in (Person.history.model, Family.history.model, Person, Family):
        model.objects.all()._raw_delete(model.objects.db)
    Sequence.objects.filter(key__regex=r"^(NIK|KK):").delete()


@transaction.atomic
def city_seed(
    *,
    profile: Profile,
    seed: int,
    as_of: dt.date,
    replace: bool = False,
    on_generated: Callable[[int], object] | None = None,
    on_inserted: Callable[[int], object] | None = None,
) -> City:
    """Generate the city and insert it; all or nothing.

    Refuses a register that already holds persons unless ``replace`` is given, in which
    case the register (persons, families, counters) is emptied first.
    """
    if Person.objects.exists():
        if not replace:
            raise CommandError("Register sudah berisi penduduk; pakai --replace untuk menggantinya.")
        _register_clear()
    kelurahan = list(Region.objects.filter(level=RegionLevel.KELURAHAN).order_by("code"))
    if not kelurahan:
        raise CommandError("Data wilayah belum dimuat; jalankan migrate dulu.")
    first_person = (Person.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    first_family = (Family.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    city = build_city(
        profile=profile,
        seed=seed,
        as_of=as_of,
        kelurahan=kelurahan,
        first_person_id=first_person,
        first_family_id=first_family,
        progress=on_generated,
    )
    # Family.head and Person.family point at each other; the foreign keys are checked at
    # commit (DEFERRABLE INITIALLY DEFERRED), so families can go first with their head ids.
    for model, rows in ((Family, city.families), (Person, city.persons)):
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            model.objects.bulk_create(batch)
            if on_inserted:
                on_inserted(len(batch))
    _reset_sequences()
    return city
