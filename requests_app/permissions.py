"""Who may do what: one table of actions, read by the services, the admin and other apps.

Roles are groups (``accounts.roles``) holding model permissions granted by
``accounts/migrations/0005_role_permissions.py``; checks go through ``can(user, action)``
so the admin, the services and the tests agree. Other apps import the helpers here, e.g.
``can_manage_keys(user)`` in the verification admin and commands.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from accounts.roles import is_operator

# action -> the permission that grants it
ACTION_PERMISSIONS: dict[str, str] = {
    "view_queue": "requests_app.view_application",
    "take": "requests_app.review_application",
    "return": "requests_app.review_application",
    "reject": "requests_app.review_application",
    "approve": "requests_app.approve_application",
    "bulk_approve": "requests_app.bulk_approve_application",
    "view_attachment": "requests_app.view_attachment",
    "correct_register": "requests_app.correct_register",
    "manage_keys": "requests_app.manage_signing_keys",
    "view_statistics": "requests_app.view_statistics",
    "view_register": "registry.view_person",
}
ACTIONS = (*ACTION_PERMISSIONS, "file_assisted", "admin")

ACTION_LABELS = {
    "view_queue": _("melihat antrean permohonan"),
    "take": _("mengambil permohonan untuk diperiksa"),
    "return": _("mengembalikan permohonan"),
    "reject": _("menolak permohonan"),
    "approve": _("menyetujui permohonan"),
    "bulk_approve": _("menyetujui permohonan secara massal"),
    "view_attachment": _("melihat berkas persyaratan"),
    "correct_register": _("mengoreksi data kependudukan"),
    "manage_keys": _("mengelola kunci tanda tangan"),
    "view_statistics": _("melihat statistik"),
    "view_register": _("melihat data kependudukan"),
    "file_assisted": _("mengajukan permohonan atas nama warga"),
    "admin": _("masuk ke halaman admin"),
}


def can(user: object, action: str) -> bool:
    """True when ``user`` may perform ``action`` (see ``ACTIONS``)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if action == "file_assisted":
        return is_operator(user)
    if action == "admin":
        return bool(user.is_staff)
    return user.has_perm(ACTION_PERMISSIONS[action])


def require(user: object, action: str) -> None:
    """Raise ``PermissionDenied`` (message in Indonesian) unless ``can(user, action)``."""
    if not can(user, action):
        raise PermissionDenied(_("Anda tidak berwenang %(action)s.") % {"action": ACTION_LABELS[action]})


def can_manage_keys(user: object) -> bool:
    """For the verification app: rotate or revoke signing keys (PIAK)."""
    return can(user, "manage_keys")


def can_view_statistics(user: object) -> bool:
    return can(user, "view_statistics")


def can_correct_register(user: object) -> bool:
    return can(user, "correct_register")
