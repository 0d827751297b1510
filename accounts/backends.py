"""Log in with a NIK or an email address as well as the username."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q
from django.http import HttpRequest


class NikOrEmailBackend(ModelBackend):
    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs
    ):  # noqa: ANN201 - returns a user or None, as Django's backends do
        if not username or not password:
            return None
        identifier = username.strip()
        user_model = get_user_model()
        lookup = Q(username__iexact=identifier) | Q(person__nik=identifier)
        if "@" in identifier:
            lookup |= Q(email__iexact=identifier)
        user = user_model.objects.filter(lookup).order_by("pk").first()
        if user is None:
            user_model().set_password(password)  # same work whether or not the user exists
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
