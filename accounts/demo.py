"""Demo accounts for a laptop run: one per role, with passwords the README lists."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from accounts import roles
from accounts.models import User
from registry.choices import LifeStatus, Relationship
from registry.models import Person, Region

DEMO_PASSWORD = "demo-dukcapil-2026"  # noqa: S105 - demo only; refused in production


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    description: str


@transaction.atomic
def demo_accounts_create() -> list[DemoAccount]:
    """Create (or reset) the demo accounts; a citizen is bound to a seeded family head."""
    if settings.PRODUCTION:
        raise ImproperlyConfigured("Akun demo tidak boleh dibuat di lingkungan produksi.")
    head = (
        Person.objects.filter(
            status=LifeStatus.ALIVE,
            relationship=Relationship.HEAD,
            account__isnull=True,
            family__members__relationship=Relationship.WIFE,
        )
        .select_related("family__kelurahan")
        .order_by("pk")
        .first()
    )
    if head is None:
        head = Person.objects.get(account__username="warga")
    kelurahan = head.family.kelurahan
    accounts = [
        DemoAccount("admin", "superuser", "administrator sistem"),
        DemoAccount("warga", "citizen", f"warga: {head.full_name}, NIK {head.nik}"),
        DemoAccount("operator.kelurahan", roles.OPERATOR_KELURAHAN, f"operator Kelurahan {kelurahan.name}"),
        DemoAccount("operator.kecamatan", roles.OPERATOR_KECAMATAN, f"operator Kecamatan {kelurahan.parent.name}"),
        DemoAccount("petugas", roles.PETUGAS_PELAYANAN, "petugas pelayanan (front office)"),
        DemoAccount("kabid", roles.KEPALA_BIDANG, "kepala bidang"),
        DemoAccount("piak", roles.PIAK, "pengelola informasi administrasi kependudukan"),
        DemoAccount("kadis", roles.KEPALA_DINAS, "kepala dinas (hanya baca)"),
    ]
    areas = {roles.OPERATOR_KELURAHAN: kelurahan, roles.OPERATOR_KECAMATAN: kelurahan.parent}
    for account in accounts:
        user, _ = User.objects.get_or_create(username=account.username)
        user.set_password(DEMO_PASSWORD)
        user.email = f"{account.username}@demo.dukcapil.local"
        user.email_verified = True
        user.is_superuser = account.role == "superuser"
        user.is_staff = account.role not in ("citizen", *roles.OPERATOR_ROLES)
        user.person = head if account.role == "citizen" else None
        user.operator_area = areas.get(account.role)
        user.save()
        if account.role in roles.ALL_ROLES:
            user.groups.set([Group.objects.get(name=account.role)])
    return accounts


def demo_kelurahan() -> Region:
    return User.objects.get(username="operator.kelurahan").operator_area
