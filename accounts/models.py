"""Accounts: citizens bound to their register entry, operators bound to their area, staff."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A portal or admin user.

    A citizen account is bound to one ``registry.Person`` and sees that person's family
    only. A kelurahan/kecamatan operator account has an ``operator_area`` and files for
    residents of that area. Roles are groups (see ``accounts.roles``).
    """

    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("nomor HP"), max_length=20, blank=True)
    email_verified = models.BooleanField(_("email terverifikasi"), default=False)
    person = models.OneToOneField(
        "registry.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="account"
    )
    operator_area = models.ForeignKey(
        "registry.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="operators",
        help_text=_("Kelurahan atau kecamatan yang dilayani operator."),
    )

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        constraints = [
            models.UniqueConstraint(fields=["email"], condition=~Q(email=""), name="user_email_unique"),
        ]
