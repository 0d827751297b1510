"""Outreach lists: who in a kelurahan lacks a current KK, a KTP-el, an akta kelahiran or a KIA.

The conditions are those of the coverage dashboard (``registry.selectors``), so a list's
length is exactly "wajib minus memiliki" for its kelurahan.
"""

from __future__ import annotations

import datetime as dt
import operator
from dataclasses import dataclass
from functools import reduce

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q, QuerySet
from django.utils import timezone

from accounts import roles
from registry.choices import LifeStatus, RegionLevel
from registry.models import Family, Person, Region
from registry.selectors import coverage_conditions

MISSING_DOCUMENTS = ("KTP_EL", "AKTA_KELAHIRAN", "KIA")
# Staff who see every kelurahan's list (operators see their own area only).
OUTREACH_STAFF_ROLES = (roles.PETUGAS_PELAYANAN, roles.KEPALA_BIDANG, roles.PIAK, roles.KEPALA_DINAS)


def stale_kk_condition(prefix: str = "") -> Q:
    """Active families whose KK was never printed or predates a change of the family's data."""
    never_printed = Q(**{f"{prefix}kk_printed_at__isnull": True})
    changed_since = Q(**{f"{prefix}data_changed_at__gt": F(f"{prefix}kk_printed_at")})
    return Q(**{f"{prefix}is_active": True}) & (never_printed | changed_since)


def missing_conditions(as_of: dt.date) -> dict[str, Q]:
    """{document: Q on Person for "must hold it and does not"}."""
    return {code: target & ~owner for code, (target, owner) in coverage_conditions(as_of).items()}


def missing_flags(as_of: dt.date) -> dict[str, ExpressionWrapper]:
    return {
        f"missing_{code.lower()}": ExpressionWrapper(condition, output_field=BooleanField())
        for code, condition in missing_conditions(as_of).items()
    }


def any_missing(as_of: dt.date) -> Q:
    return reduce(operator.or_, missing_conditions(as_of).values())


def outreach_areas_for(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Region]:
    """The kelurahan whose lists ``user`` may read: all for staff, its own area for an operator."""
    kelurahan = Region.objects.filter(level=RegionLevel.KELURAHAN).select_related("parent").order_by("code")
    if not user.is_authenticated or not user.is_active:
        return kelurahan.none()
    if user.is_superuser or (user.is_staff and roles.has_role(user, *OUTREACH_STAFF_ROLES)):
        return kelurahan
    if roles.is_operator(user):
        return kelurahan.filter(Q(pk=user.operator_area_id) | Q(parent_id=user.operator_area_id))
    return kelurahan.none()


@dataclass(frozen=True)
class OutreachList:
    kelurahan: Region
    as_of: dt.date
    families: list[Family]  # each with .member_count
    residents: list[Person]  # each with .missing_ktp_el, .missing_akta_kelahiran, .missing_kia

    def missing_count(self, code: str) -> int:
        attribute = f"missing_{code.lower()}"
        return sum(1 for person in self.residents if getattr(person, attribute))


def outreach_list(*, kelurahan: Region, as_of: dt.date | None = None) -> OutreachList:
    """Both lists for one kelurahan, in two queries, ordered by RT/RW and address."""
    as_of = as_of or timezone.localdate()
    families = list(
        Family.objects.filter(stale_kk_condition(), kelurahan=kelurahan)
        .select_related("head")
        .annotate(member_count=Count("members", filter=Q(members__status=LifeStatus.ALIVE)))
        .order_by("rw", "rt", "address", "nomor_kk")
    )
    residents = list(
        Person.objects.filter(any_missing(as_of), family__kelurahan=kelurahan)
        .annotate(**missing_flags(as_of))
        .select_related("family", "family__head")
        .order_by("family__rw", "family__rt", "family__address", "family_id", "birth_date", "pk")
    )
    return OutreachList(kelurahan=kelurahan, as_of=as_of, families=families, residents=residents)


def mask_nik(nik: str) -> str:
    """A NIK as printed on outreach lists: region and serial kept, birth date hidden."""
    return f"{nik[:6]}******{nik[12:]}" if len(nik) == 16 else nik
