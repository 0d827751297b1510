"""Admin base classes shared by the apps: records shown in the admin change only through services."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from accounts import roles


class NoWritesAdmin(admin.ModelAdmin):
    """No add, change or delete from the admin forms: writes go through the services."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class RoleReadOnlyAdmin(NoWritesAdmin):
    """Visible (read-only) to users holding one of ``view_roles``."""

    view_roles: tuple[str, ...] = ()

    def has_module_permission(self, request: HttpRequest) -> bool:
        return roles.has_role(request.user, *self.view_roles)

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return roles.has_role(request.user, *self.view_roles)
