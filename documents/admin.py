"""Staff view of document jobs (state, attempts, error; retry) and of issued documents."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import roles
from documents.models import DocumentJob, IssuedDocument
from documents.permissions import RETRY_ROLES, STAFF_ROLES
from documents.services import jobs_retry
from dukcapil.admin_utils import RoleReadOnlyAdmin


class StaffReadOnly(RoleReadOnlyAdmin):
    view_roles = STAFF_ROLES


@admin.register(DocumentJob)
class DocumentJobAdmin(StaffReadOnly):
    list_display = (
        "job_number",
        "doc_type",
        "application",
        "subject",
        "state",
        "attempts",
        "number",
        "version",
        "updated_at",
    )
    list_filter = ("state", "doc_type")
    search_fields = ("application__tracking_number", "number", "subject__nik", "subject__full_name")
    list_select_related = ("application", "subject")
    readonly_fields = (
        "application",
        "doc_type",
        "subject",
        "family",
        "payload",
        "state",
        "attempts",
        "error",
        "number",
        "version",
        "lineage",
        "snapshot",
        "created_at",
        "updated_at",
        "sent_at",
        "prepared_at",
    )
    actions = ["retry"]
    raw_id_fields = ()

    @admin.display(description=_("No. pekerjaan"), ordering="pk")
    def job_number(self, obj: DocumentJob) -> int:
        return obj.pk

    def has_retry_permission(self, request: HttpRequest) -> bool:
        return roles.has_role(request.user, *RETRY_ROLES)

    @admin.action(description=_("Ulangi pembuatan dokumen yang gagal"), permissions=["retry"])
    def retry(self, request: HttpRequest, queryset: QuerySet[DocumentJob]) -> None:
        ids = jobs_retry(job_ids=queryset.values_list("pk", flat=True))
        skipped = queryset.count() - len(ids)
        self.message_user(
            request,
            ngettext("%(n)d pekerjaan dikirim ulang.", "%(n)d pekerjaan dikirim ulang.", len(ids)) % {"n": len(ids)},
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request, _("%(n)d pekerjaan dilewati karena tidak berstatus Gagal.") % {"n": skipped}, messages.WARNING
            )


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(StaffReadOnly):
    list_display = ("number", "version", "doc_type", "state", "subject", "issued_at", "key_id", "download")
    list_filter = ("state", "doc_type")
    search_fields = ("number", "lineage", "subject__nik", "subject__full_name")
    list_select_related = ("subject",)
    exclude = ("file",)
    readonly_fields = (
        "job",
        "doc_type",
        "number",
        "version",
        "lineage",
        "subject",
        "family",
        "state",
        "superseded_by",
        "revoked_at",
        "revoked_reason",
        "issued_at",
        "sha256",
        "key_id",
        "scan_total",
        "snapshot",
        "download",
    )

    @admin.display(description=_("jumlah pemindaian"))
    def scan_total(self, obj: IssuedDocument) -> int:
        return obj.scan_count

    @admin.display(description=_("PDF"))
    def download(self, obj: IssuedDocument) -> str:
        return format_html('<a href="{}">{}</a>', reverse("documents:download", args=[obj.pk]), _("Unduh"))
