"""Staff and operator roles, as Django groups (created by a migration).

The permissions each role holds are granted in ``accounts/migrations``; the checks the
portal and admin make go through the helpers here, so there is one place to read them.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

OPERATOR_KELURAHAN = "Operator Kelurahan"
OPERATOR_KECAMATAN = "Operator Kecamatan"
PETUGAS_PELAYANAN = "Petugas Pelayanan"
KEPALA_BIDANG = "Kepala Bidang"
PIAK = "PIAK"
KEPALA_DINAS = "Kepala Dinas"

ALL_ROLES = (OPERATOR_KELURAHAN, OPERATOR_KECAMATAN, PETUGAS_PELAYANAN, KEPALA_BIDANG, PIAK, KEPALA_DINAS)
OPERATOR_ROLES = (OPERATOR_KELURAHAN, OPERATOR_KECAMATAN)


def has_role(user: AbstractBaseUser | AnonymousUser, *roles: str) -> bool:
    """True when ``user`` is active and belongs to one of ``roles`` (superusers always)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(name in roles for name in _group_names(user))


def _group_names(user: AbstractBaseUser) -> set[str]:
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._role_names = cached
    return cached


def is_operator(user: AbstractBaseUser | AnonymousUser) -> bool:
    return has_role(user, *OPERATOR_ROLES) and getattr(user, "operator_area_id", None) is not None
