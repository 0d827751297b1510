"""The staff queue: applications by state with filters, the review page and its actions.

Staff never edit an application directly: take, approve, return, reject and bulk approve
call ``requests_app.services`` (which check the role and go through the one transition
function). The review page shows the applicant, the event, the register records it
touches, the attachments (streamed by a staff-only view), the planned or created jobs and
the timeline.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dukcapil.admin_utils import NoWritesAdmin
from registry.choices import RegionLevel
from registry.models import Region
from requests_app import services
from requests_app.models import Application, ApplicationState, ApplicationTransition, Attachment, Holiday, Service
from requests_app.permissions import can
from requests_app.staff_queue import (
    application_review,
    applications_for_staff_queue,
    is_overdue,
    overdue_q,
)
from requests_app.workflow import IllegalTransition

if TYPE_CHECKING:
    from django.contrib.admin.views.main import ChangeList

S = ApplicationState
STATE_COLOURS = {
    S.SUBMITTED: "#0b5ed7",
    S.IN_REVIEW: "#6f42c1",
    S.RETURNED: "#b35c00",
    S.APPROVED: "#198754",
    S.PROCESSING: "#198754",
    S.COMPLETED: "#146c43",
    S.REJECTED: "#b02a37",
    S.CANCELLED: "#6c757d",
    S.DRAFT: "#6c757d",
}


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    """The office calendar: service deadlines skip these days besides Saturday and Sunday."""

    list_display = ("date", "name")
    date_hierarchy = "date"
    search_fields = ("name",)


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    """The catalogue: texts, requirements and service-level times, editable without a deploy."""

    list_display = ("code", "name_id", "bidang", "event", "sla_days", "is_active")
    list_filter = ("bidang", "is_active")
    search_fields = ("code", "name_id", "keywords")
    readonly_fields = ("code", "event", "yields")


class QueueStateFilter(admin.ChoicesFieldListFilter):
    """The state filter without "Draf": drafts are the citizen's and never in the queue."""

    def choices(self, changelist: ChangeList) -> Iterator[dict]:
        draft = changelist.get_query_string({self.lookup_kwarg: S.DRAFT}, [self.lookup_kwarg_isnull])
        for choice in super().choices(changelist):
            if choice["query_string"] != draft:
                yield choice


class OverdueFilter(admin.SimpleListFilter):
    title = gettext_lazy("batas waktu layanan")
    parameter_name = "tenggat"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [("lewat", _("Melewati batas waktu")), ("dalam", _("Masih dalam batas waktu"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "lewat":
            return queryset.filter(overdue_q())
        if self.value() == "dalam":
            return queryset.filter(state__in=(S.SUBMITTED, S.IN_REVIEW)).exclude(overdue_q())
        return queryset


class AssignedFilter(admin.SimpleListFilter):
    title = gettext_lazy("pemeriksa")
    parameter_name = "pemeriksa"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [("saya", _("Diambil oleh saya")), ("belum", _("Belum diambil"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "saya":
            return queryset.filter(assigned_to=request.user)
        if self.value() == "belum":
            return queryset.filter(assigned_to__isnull=True, state=S.SUBMITTED)
        return queryset


class KecamatanFilter(admin.SimpleListFilter):
    title = gettext_lazy("kecamatan")
    parameter_name = "kecamatan"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return list(Region.objects.filter(level=RegionLevel.KECAMATAN).values_list("code", "name"))

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        return queryset.filter(kelurahan__parent_id=self.value()) if self.value() else queryset


class KelurahanFilter(admin.SimpleListFilter):
    title = gettext_lazy("kelurahan")
    parameter_name = "kelurahan"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        regions = Region.objects.filter(level=RegionLevel.KELURAHAN)
        kecamatan = request.GET.get("kecamatan")
        if kecamatan:
            regions = regions.filter(parent_id=kecamatan)
        return list(regions.values_list("code", "name"))

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        return queryset.filter(kelurahan_id=self.value()) if self.value() else queryset


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    can_delete = False
    fields = ("requirement_number", "requirement_label", "view_link", "content_type", "size", "uploaded_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.display(description=gettext_lazy("nomor persyaratan"))
    def requirement_number(self, attachment: Attachment) -> int:
        return attachment.requirement_number

    @admin.display(description=gettext_lazy("berkas"))
    def view_link(self, attachment: Attachment) -> str:
        url = reverse("admin:requests_app_application_attachment", args=[attachment.application_id, attachment.pk])
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, _("Lihat"))


@admin.register(Application)
class ApplicationAdmin(NoWritesAdmin):
    list_display = (
        "tracking_number",
        "service_name",
        "state_badge",
        "subject_display",
        "kelurahan_name",
        "channel",
        "submitted_at",
        "due_display",
        "assigned_to",
    )
    list_filter = (
        ("state", QueueStateFilter),
        OverdueFilter,
        AssignedFilter,
        "service__bidang",
        "service",
        KecamatanFilter,
        KelurahanFilter,
        "channel",
    )
    search_fields = ("=tracking_number", "=subject__nik", "subject__full_name", "=applicant__person__nik")
    search_help_text = gettext_lazy("Cari nomor pelacakan, NIK, atau nama.")
    date_hierarchy = "submitted_at"
    list_per_page = 50
    # Explicit: SQLite puts a missing deadline first, PostgreSQL last.
    ordering = (F("due_at").asc(nulls_last=True), "submitted_at")
    actions = ("take_selected", "bulk_approve_selected")
    inlines = (AttachmentInline,)
    fields = (
        "tracking_number",
        "service",
        "state",
        "channel",
        "applicant_account",
        "subject",
        "family",
        "kelurahan",
        "assigned_account",
        "created_at",
        "submitted_at",
        "due_at",
        "decided_at",
        "completed_at",
    )
    readonly_fields = fields
    change_form_template = "admin/requests_app/application/change_form.html"

    # --- permissions: reading through the admin, writing only through the services ---
    def get_queryset(self, request: HttpRequest) -> QuerySet[Application]:
        return applications_for_staff_queue()

    def has_take_permission(self, request: HttpRequest) -> bool:
        return can(request.user, "take")

    def has_bulk_approve_permission(self, request: HttpRequest) -> bool:
        return can(request.user, "bulk_approve")

    # --- accounts, unlinked: Django links a read-only foreign key to its change page, and
    # the user admin is for superusers (petugas and kadis would meet a 403) ---
    @admin.display(description=gettext_lazy("pemohon"))
    def applicant_account(self, obj: Application) -> str:
        return str(obj.applicant)

    @admin.display(description=gettext_lazy("pemeriksa"))
    def assigned_account(self, obj: Application) -> str:
        return str(obj.assigned_to) if obj.assigned_to_id else "-"

    # --- columns ---
    @admin.display(description=gettext_lazy("layanan"), ordering="service__name_id")
    def service_name(self, obj: Application) -> str:
        return obj.service.name_id

    @admin.display(description=gettext_lazy("status"), ordering="state")
    def state_badge(self, obj: Application) -> str:
        colour = STATE_COLOURS.get(obj.state, "#333")
        return format_html('<strong style="color:{}">{}</strong>', colour, obj.get_state_display())

    @admin.display(description=gettext_lazy("subjek"), ordering="subject__full_name")
    def subject_display(self, obj: Application) -> str:
        if obj.subject is None:
            return "-"
        return format_html("{}<br><small>{}</small>", obj.subject.full_name, obj.subject.nik)

    @admin.display(description=gettext_lazy("kelurahan"), ordering="kelurahan__name")
    def kelurahan_name(self, obj: Application) -> str:
        if obj.kelurahan is None:
            return "-"
        parent = obj.kelurahan.parent.name if obj.kelurahan.parent else ""
        return format_html("{}<br><small>{}</small>", obj.kelurahan.name, parent)

    @admin.display(description=gettext_lazy("batas waktu"), ordering="due_at")
    def due_display(self, obj: Application) -> str:
        if obj.due_at is None:
            return "-"
        when = timezone.localtime(obj.due_at).strftime("%d-%m-%Y")
        if is_overdue(obj):
            return format_html(
                '<strong class="overdue" style="color:#fff;background:#b02a37;padding:2px 6px">{} ({})</strong>',
                when,
                _("terlambat"),
            )
        return when

    # --- list actions ---
    @admin.action(description=gettext_lazy("Ambil untuk diperiksa"), permissions=["take"])
    def take_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        taken = 0
        for application in queryset:
            try:
                services.application_take(application=application, actor=request.user)
                taken += 1
            except (IllegalTransition, PermissionDenied) as exc:
                self.message_user(request, str(exc), messages.WARNING)
        self.message_user(request, _("%(n)s permohonan diambil untuk diperiksa.") % {"n": taken})

    @admin.action(description=gettext_lazy("Setujui permohonan terpilih (massal)"), permissions=["bulk_approve"])
    def bulk_approve_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        result = services.applications_bulk_approve(applications=list(queryset), actor=request.user)
        if result.approved:
            self.message_user(request, _("%(n)s permohonan disetujui.") % {"n": len(result.approved)})
        for number, why in result.failed.items():
            self.message_user(request, f"{number}: {why}", messages.ERROR)

    # --- the review page and its actions ---
    def get_urls(self) -> list:
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/ambil/", wrap(self.take_view), name="requests_app_application_take"),
            path("<int:pk>/setujui/", wrap(self.approve_view), name="requests_app_application_approve"),
            path("<int:pk>/kembalikan/", wrap(self.return_view), name="requests_app_application_return"),
            path("<int:pk>/tolak/", wrap(self.reject_view), name="requests_app_application_reject"),
            path(
                "<int:pk>/berkas/<int:attachment_pk>/",
                wrap(self.attachment_view),
                name="requests_app_application_attachment",
            ),
            *super().get_urls(),
        ]

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict | None = None
    ) -> HttpResponse:
        application = self.get_object(request, object_id)
        extra = dict(extra_context or {})
        if application is not None and self.has_view_permission(request, application):
            extra["review"] = application_review(application)
            extra["overdue"] = is_overdue(application)
            extra["allowed"] = {action: can(request.user, action) for action in ("take", "approve", "return", "reject")}
        return super().change_view(request, object_id, form_url, extra)

    def history_view(self, request: HttpRequest, object_id: str, extra_context: dict | None = None) -> HttpResponse:
        """Writes go through the services (no admin log): the history is the status timeline."""
        application = self.get_object(request, object_id)
        if application is None:
            return super().history_view(request, object_id, extra_context)
        if not self.has_view_permission(request, application):
            raise PermissionDenied
        if not self.admin_site.get_model_admin(ApplicationTransition).has_view_permission(request):
            return self._back(application)
        url = reverse("admin:requests_app_applicationtransition_changelist")
        return HttpResponseRedirect(f"{url}?{urlencode({'q': application.tracking_number})}")

    def _application(self, request: HttpRequest, pk: int) -> Application:
        application = get_object_or_404(applications_for_staff_queue(), pk=pk)
        if not self.has_view_permission(request, application):
            raise PermissionDenied
        return application

    def _back(self, application: Application) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:requests_app_application_change", args=[application.pk]))

    def _run(
        self, request: HttpRequest, application: Application, call: Callable[[], object], done: str
    ) -> HttpResponseRedirect:
        try:
            call()
        except (ValidationError, IllegalTransition, PermissionDenied) as exc:
            self.message_user(request, " ".join(getattr(exc, "messages", [str(exc)])), messages.ERROR)
        else:
            self.message_user(request, done, messages.SUCCESS)
        return self._back(application)

    def _post_action(
        self, request: HttpRequest, pk: int, service: Callable[..., Application], done: str
    ) -> HttpResponse:
        """POST only: ``service(application=..., actor=...)``, then ``done`` (with ``%(n)s``) as the message."""
        if request.method != "POST":
            return HttpResponse(status=405)
        application = self._application(request, pk)
        return self._run(
            request,
            application,
            lambda: service(application=application, actor=request.user),
            done % {"n": application.tracking_number},
        )

    def take_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._post_action(
            request, pk, services.application_take, _("Permohonan %(n)s Anda ambil untuk diperiksa.")
        )

    def approve_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._post_action(
            request, pk, services.application_approve, _("Permohonan %(n)s disetujui; dokumen sedang dibuat.")
        )

    def return_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        application = self._application(request, pk)
        requirements = list(enumerate(application.service.requirements or []))
        if request.method == "POST":
            items = [
                {"requirement_index": index, "reason": request.POST.get(f"reason_{index}", "")}
                for index, _label in requirements
            ]
            return self._run(
                request,
                application,
                lambda: services.application_return_(
                    application=application, actor=request.user, reason=request.POST.get("reason", ""), items=items
                ),
                _("Permohonan %(n)s dikembalikan kepada pemohon.") % {"n": application.tracking_number},
            )
        if not can(request.user, "return"):  # the form is for those who may send it
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "application": application,
            "requirements": requirements,
            "title": _("Kembalikan permohonan %(n)s") % {"n": application.tracking_number},
        }
        return TemplateResponse(request, "admin/requests_app/application/return_form.html", context)

    def reject_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        application = self._application(request, pk)
        if request.method == "POST":
            return self._run(
                request,
                application,
                lambda: services.application_reject(
                    application=application, actor=request.user, reason=request.POST.get("reason", "")
                ),
                _("Permohonan %(n)s ditolak.") % {"n": application.tracking_number},
            )
        if not can(request.user, "reject"):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "application": application,
            "title": _("Tolak permohonan %(n)s") % {"n": application.tracking_number},
        }
        return TemplateResponse(request, "admin/requests_app/application/reject_form.html", context)

    def attachment_view(self, request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
        """Staff-only: stream an uploaded requirement (inline for images and PDFs)."""
        if not can(request.user, "view_attachment"):
            raise PermissionDenied
        # Through the queue: an upload of a draft the citizen has not submitted is not the office's.
        application = get_object_or_404(self.get_queryset(request), pk=pk)
        attachment = get_object_or_404(Attachment, pk=attachment_pk, application=application)
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError as exc:
            raise Http404 from exc
        response = FileResponse(handle, content_type=attachment.content_type)
        response["Cache-Control"] = "private, no-store"
        # Shown inline to staff (the browser's own PDF viewer, or the image): no scripts, no
        # framing by other sites; the content type comes from the upload check, not the name.
        response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; frame-ancestors 'self'"
        response["X-Content-Type-Options"] = "nosniff"
        return response


@admin.register(ApplicationTransition)
class ApplicationTransitionAdmin(NoWritesAdmin):
    """The audit trail: every move of every application, filterable by who made it."""

    list_display = ("at", "application", "from_state", "to_state", "actor", "reason")
    list_filter = ("to_state", ("actor", admin.RelatedOnlyFieldListFilter))
    search_fields = ("=application__tracking_number", "actor__username", "reason")
    list_select_related = ("application", "actor")
    date_hierarchy = "at"
    fields = ("application", "actor", "from_state", "to_state", "reason", "details_display", "at")
    readonly_fields = fields

    @admin.display(description=gettext_lazy("rincian"))
    def details_display(self, step: ApplicationTransition) -> str:
        """A return's items numbered from 1, as the return form showed them; other details as stored."""
        items = step.details.get("items") if step.to_state == S.RETURNED else None
        if not items:
            return json.dumps(step.details, ensure_ascii=False) if step.details else "-"
        return format_html_join(
            mark_safe("<br>"),
            "{} — {}",
            (
                (
                    _("Persyaratan %(n)s: %(label)s")
                    % {"n": item["requirement_index"] + 1, "label": item["requirement"]},
                    item["reason"],
                )
                for item in items
            ),
        )
