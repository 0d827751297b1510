"""What happens to a family when members leave it (death, marriage, divorce, split, move)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from registry.models import Family
from requests_app.rules.base import Plan, choose_head, living_members, spouse_in_family


def plan_departure(plan: Plan, family: Family | None, leaving: set[int]) -> Family | None:
    """Add the changes ``family`` needs once ``leaving`` (person ids) left it.

    Returns the family when it keeps members (it then needs a new KK), else ``None``: a
    family without members is dissolved; a family whose head left gets the spouse, else the
    eldest adult child, as head, and a new nomor KK.
    """
    if family is None:
        return None
    plan.touch(family)
    members = living_members(family)
    remaining = [m for m in members if m.pk not in leaving]
    if not remaining:
        plan.change(
            "family_dissolve",
            _("Keluarga dengan KK %(kk)s tidak lagi memiliki anggota dan dinonaktifkan") % {"kk": family.nomor_kk},
            family=family.pk,
        )
        return None
    head = next((m for m in members if m.pk == family.head_id), None)
    if head is None or head.pk in leaving:
        spouse = spouse_in_family(head, remaining) if head is not None else None
        new_head = choose_head(remaining, spouse=spouse)
        plan.touch(new_head)
        plan.change(
            "family_change_head",
            _("%(name)s menjadi kepala keluarga; keluarga mendapat nomor KK baru") % {"name": new_head.full_name},
            family=family.pk,
            head=new_head.pk,
        )
    return family
