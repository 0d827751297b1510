"""Reads of the register that views and commands share."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from registry.choices import CHILD_AKTA_MAX_AGE, KTP_AGE, Citizenship, LifeStatus, MaritalStatus
from registry.models import Family, Person

COVERAGE_DOCUMENTS = ("KTP_EL", "KK", "AKTA_KELAHIRAN", "KIA")


def register_size() -> tuple[int, int]:
    """(living residents, active families)."""
    return (
        Person.objects.filter(status=LifeStatus.ALIVE).count(),
        Family.objects.filter(is_active=True).count(),
    )


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def living_on(as_of: dt.date) -> Q:
    """Residents living in the register on ``as_of``, as ``Q`` on ``Person``.

    Born on or before ``as_of``, and alive and not yet moved away on that day: still HIDUP,
    or died (``death_date``) or moved out (``moved_out_date``) after it. The register keeps
    no date of moving in, so someone who arrived after ``as_of`` is counted as if living
    here then (and someone who left and came back counts for the years in between).
    """
    still_here = (
        Q(status=LifeStatus.ALIVE)
        | Q(status=LifeStatus.DECEASED, death_date__gt=as_of)
        | Q(status=LifeStatus.MOVED_OUT, moved_out_date__gt=as_of)
    )
    return Q(birth_date__lte=as_of) & still_here


def coverage_conditions(as_of: dt.date) -> dict[str, tuple[Q, Q]]:
    """For each document: (who must hold it, who does), as ``Q`` on ``Person``.

    KK conditions are on ``Family`` (see ``kk_conditions``). Definitions: register.md.
    """
    alive = Q(status=LifeStatus.ALIVE)
    adult_born_by = years_before(as_of, KTP_AGE)
    ever_married = ~Q(marital_status=MaritalStatus.SINGLE)
    ktp_target = alive & Q(citizenship=Citizenship.WNI) & (Q(birth_date__lte=adult_born_by) | ever_married)
    ktp_owner = Q(ktp_el_issued_at__isnull=False, ktp_el_issued_at__gte=F("data_changed_at"))
    akta_target = alive & Q(birth_date__gt=years_before(as_of, CHILD_AKTA_MAX_AGE + 1), birth_date__lte=as_of)
    akta_owner = ~Q(akta_kelahiran_number="")
    kia_target = alive & Q(birth_date__gt=adult_born_by, birth_date__lte=as_of) & Q(marital_status=MaritalStatus.SINGLE)
    kia_owner = Q(kia_issued_at__isnull=False)
    return {
        "KTP_EL": (ktp_target, ktp_owner),
        "AKTA_KELAHIRAN": (akta_target, akta_owner),
        "KIA": (kia_target, kia_owner),
    }


def kk_conditions() -> tuple[Q, Q]:
    target = Q(is_active=True)
    owner = Q(kk_printed_at__isnull=False, kk_printed_at__gte=F("data_changed_at"))
    return target, owner


ISSUED_FIELDS = {
    "KTP_EL": "ktp_el_issued_at",
    "AKTA_KELAHIRAN": "akta_kelahiran_issued_at",
    "KIA": "kia_issued_at",
}


@dataclass(frozen=True)
class Coverage:
    target: int
    owners: int
    issued: int

    @property
    def percentage(self) -> float:
        return round(100 * self.owners / self.target, 2) if self.target else 0.0

    def as_dict(self) -> dict:
        return {**asdict(self), "percentage": self.percentage}


def coverage(
    *,
    as_of: dt.date | None = None,
    year: int | None = None,
    persons: QuerySet | None = None,
    families: QuerySet | None = None,
) -> dict:
    """The register's coverage as the office reports it, in two queries.

    Returns ``{"population": n, "as_of": date, "year": y, "KTP_EL": Coverage, ...}``;
    ``population`` counts residents living on ``as_of`` (``living_on``); ``issued`` counts
    documents issued in ``year`` (default: the year of ``as_of``).
    """
    as_of = as_of or timezone.localdate()
    year = year or as_of.year
    persons = Person.objects.all() if persons is None else persons
    families = Family.objects.all() if families is None else families
    aggregates = {"population": Count("pk", filter=living_on(as_of))}
    for code, (target, owner) in coverage_conditions(as_of).items():
        aggregates[f"{code}_target"] = Count("pk", filter=target)
        aggregates[f"{code}_owners"] = Count("pk", filter=target & owner)
        aggregates[f"{code}_issued"] = Count("pk", filter=Q(**{f"{ISSUED_FIELDS[code]}__year": year}))
    row = persons.aggregate(**aggregates)
    kk_target, kk_owner = kk_conditions()
    kk_row = families.aggregate(
        target=Count("pk", filter=kk_target),
        owners=Count("pk", filter=kk_target & kk_owner),
        issued=Count("pk", filter=Q(kk_printed_at__year=year)),
    )
    result: dict = {"population": row["population"], "as_of": as_of.isoformat(), "year": year}
    result["KTP_EL"] = Coverage(row["KTP_EL_target"], row["KTP_EL_owners"], row["KTP_EL_issued"])
    result["KK"] = Coverage(kk_row["target"], kk_row["owners"], kk_row["issued"])
    for code in ("AKTA_KELAHIRAN", "KIA"):
        result[code] = Coverage(row[f"{code}_target"], row[f"{code}_owners"], row[f"{code}_issued"])
    return result
