"""Accounts in the admin: bind a citizen to a register entry, an operator to an area, roles as groups."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "email", "person", "operator_area", "is_staff", "is_active", "email_verified")
    list_filter = ("is_staff", "is_active", "email_verified", "groups")
    search_fields = ("username", "email", "person__nik", "person__full_name")
    raw_id_fields = ("person", "operator_area")
    list_select_related = ("person", "operator_area")
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Dukcapil"), {"fields": ("phone", "email_verified", "person", "operator_area")}),
    )
