"""Log in with a NIK or an email address as well as the username."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q
from django.http import HttpRequest


def account_for_identifier(identifier: str) -> AbstractBaseUser | None:
    """The account a username, NIK or email names (letter case ignored), or None."""
    identifier = identifier.strip()
    lookup = Q(username__iexact=identifier) | Q(person__nik=identifier)
    if "@" in identifier:
        lookup |= Q(email__iexact=identifier)
    return get_user_model().objects.filter(lookup).order_by("pk").first()


def lockout_username(request: HttpRequest | None, credentials: dict | None) -> str | None:
    """What django-axes counts failed logins under (AXES_USERNAME_CALLABLE): the account.

    Axes would count the text as typed, so "Petugas", "PETUGAS", the NIK and the email of one
    account would each get their own five tries. An identifier that names no account is
    counted as itself, in one letter case and spacing.
    """
    identifier = (credentials or {}).get("username")
    if identifier is None and request is not None:
        identifier = request.POST.get("username")
    if not identifier:
        return identifier
    user = account_for_identifier(identifier)
    return f"akun:{user.pk}" if user is not None else " ".join(identifier.split()).casefold()


class NikOrEmailBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: object,
    ) -> AbstractBaseUser | None:
        if not username or not password:
            return None
        user = account_for_identifier(username)
        if user is None:
            get_user_model()().set_password(password)  # same work whether or not the user exists
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
