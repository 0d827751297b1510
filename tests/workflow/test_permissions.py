"""Every role x every action, as granted by accounts/migrations/0004_role_permissions.py."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from accounts import roles
from accounts.models import User
from registry.models import Region
from requests_app.permissions import ACTIONS, can, can_manage_keys

Y, N = True, False
#              view_queue take return reject approve bulk view_att correct keys stats view_reg assisted admin
MATRIX = {
    "operator": (N, N, N, N, N, N, N, N, N, N, N, Y, N),
    "operator_kecamatan": (N, N, N, N, N, N, N, N, N, N, N, Y, N),
    "petugas": (Y, Y, Y, Y, Y, N, Y, N, N, N, Y, N, Y),
    "kabid": (Y, Y, Y, Y, Y, Y, Y, N, N, Y, Y, N, Y),
    "piak": (Y, N, N, N, N, N, Y, Y, Y, Y, Y, N, Y),
    "kadis": (Y, N, N, N, N, N, Y, N, N, Y, Y, N, Y),
    "citizen": (N, N, N, N, N, N, N, N, N, N, N, N, N),
}
ORDER = (
    "view_queue",
    "take",
    "return",
    "reject",
    "approve",
    "bulk_approve",
    "view_attachment",
    "correct_register",
    "manage_keys",
    "view_statistics",
    "view_register",
    "file_assisted",
    "admin",
)


@pytest.fixture
def everyone(actors):
    kecamatan_operator = User.objects.create_user(
        username="opkec", password="x-uji-12345", operator_area=Region.objects.get(code="75.71.01")
    )
    kecamatan_operator.groups.add(Group.objects.get(name=roles.OPERATOR_KECAMATAN))
    return {**actors, "operator_kecamatan": kecamatan_operator}


def test_matrix_covers_every_action():
    assert set(ORDER) == set(ACTIONS)


@pytest.mark.parametrize("who", list(MATRIX))
def test_role_permissions(everyone, who):
    user = everyone[who]
    expected = dict(zip(ORDER, MATRIX[who], strict=True))
    actual = {action: can(User.objects.get(pk=user.pk), action) for action in ORDER}
    assert actual == expected


def test_keys_helper_for_the_verification_app(actors):
    assert can_manage_keys(actors["piak"])
    assert not can_manage_keys(actors["petugas"]) and not can_manage_keys(actors["kadis"])


def test_inactive_user_can_do_nothing(actors):
    piak = actors["piak"]
    piak.is_active = False
    piak.save()
    assert not any(can(piak, action) for action in ORDER)


def test_kadis_has_only_view_permissions(db):
    codenames = Group.objects.get(name=roles.KEPALA_DINAS).permissions.values_list("codename", flat=True)
    assert codenames and all(code.startswith("view_") for code in codenames)
