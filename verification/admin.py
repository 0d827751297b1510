"""Admin: signing keys (PIAK rotates and revokes), issued documents with scan counts and revocation."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from accounts import roles
from documents.revocation import document_revoke
from dukcapil.admin_utils import RoleReadOnlyAdmin
from verification.keys import signing_key_revoke, signing_key_rotate
from verification.models import DocumentRevocation, SigningKey, VerifiableDocument

STAFF_ROLES = (roles.PETUGAS_PELAYANAN, roles.KEPALA_BIDANG, roles.PIAK, roles.KEPALA_DINAS)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        min_length=5,
        help_text=_(
            "Tampil di halaman verifikasi publik bagi siapa pun yang memindai kode QR: jangan tulis data pribadi."
        ),
    )


class ReadOnlyForRoles(RoleReadOnlyAdmin):
    view_roles: tuple[str, ...] = STAFF_ROLES

    def has_piak_permission(self, request: HttpRequest) -> bool:
        return roles.has_role(request.user, roles.PIAK)

    def _with_reason(
        self, request: HttpRequest, queryset: QuerySet, action: str, title: str, apply: Callable[[object, str], object]
    ) -> HttpResponse | None:
        """Ask for a reason on an intermediate page, then ``apply(obj, reason)`` to each row."""
        form = ReasonForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            done = 0
            for obj in queryset:
                try:
                    apply(obj, form.cleaned_data["reason"])
                    done += 1
                except ValidationError as exc:
                    self.message_user(request, f"{obj}: {' '.join(exc.messages)}", messages.ERROR)
            if done:
                self.message_user(request, _("%(n)d data diproses.") % {"n": done}, messages.SUCCESS)
            return None
        return TemplateResponse(
            request,
            "verification/admin_reason.html",
            {
                **self.admin_site.each_context(request),
                "title": title,
                "objects": queryset,
                "form": form,
                "action": action,
                "opts": self.model._meta,
                "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            },
        )


@admin.register(VerifiableDocument)
class VerifiableDocumentAdmin(ReadOnlyForRoles):
    list_display = ("number", "version", "doc_type", "state", "issued_at", "key_id", "scan_total", "revoked_reason")
    list_filter = ("state", "doc_type", "key_id")
    search_fields = ("number", "lineage")
    ordering = ("-issued_at",)
    fields = (
        "doc_type",
        "number",
        "version",
        "state",
        "issued_at",
        "key_id",
        "sha256",
        "scan_total",
        "superseded_by",
        "revoked_at",
        "revoked_reason",
    )
    readonly_fields = fields
    actions = ["revoke"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(scans_total=Coalesce("scans__total", 0))

    @admin.display(description=_("jumlah pemindaian"), ordering="scans_total")
    def scan_total(self, obj: VerifiableDocument) -> int:
        return obj.scans_total

    @admin.action(description=_("Cabut dokumen terpilih (dengan alasan)"), permissions=["piak"])
    def revoke(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        return self._with_reason(
            request,
            queryset,
            "revoke",
            _("Cabut dokumen"),
            lambda obj, reason: document_revoke(document=obj, reason=reason, actor=request.user),
        )


@admin.register(SigningKey)
class SigningKeyAdmin(ReadOnlyForRoles):
    view_roles = (roles.PIAK, roles.KEPALA_DINAS)
    list_display = ("kid", "status", "created_at", "retired_at", "revoked_at", "revoked_reason")
    fields = ("kid", "public_key_pem", "certificate_pem", "created_at", "retired_at", "revoked_at", "revoked_reason")
    readonly_fields = fields
    actions = ["rotate", "revoke"]

    @admin.action(description=_("Ganti kunci (kunci baru menandatangani)"), permissions=["piak"])
    def rotate(self, request: HttpRequest, queryset: QuerySet) -> None:
        key = signing_key_rotate()
        self.message_user(request, _("Kunci %(kid)s kini menandatangani.") % {"kid": key.kid}, messages.SUCCESS)

    @admin.action(description=_("Cabut kunci terpilih (dengan alasan)"), permissions=["piak"])
    def revoke(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        return self._with_reason(
            request,
            queryset,
            "revoke",
            _("Cabut kunci"),
            lambda obj, reason: signing_key_revoke(kid=obj.kid, reason=reason),
        )


@admin.register(DocumentRevocation)
class DocumentRevocationAdmin(ReadOnlyForRoles):
    list_display = ("document", "revoked_by", "revoked_at", "reason")
    list_select_related = ("document", "revoked_by")
    readonly_fields = ("document", "revoked_by", "revoked_at", "reason")
