"""The register in the admin: staff read it; PIAK corrects it, with a reason, through services.

A correction never saves the form directly: ``requests_app.services.person_correct`` /
``family_correct`` write the change with the actor and reason in the history and issue new
versions of the documents that print the corrected data. The history of every person and
family (who changed what, when, why) is on the record's "Riwayat" page and, per user, in
the "Riwayat data penduduk/keluarga" lists.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from dukcapil.admin_utils import NoWritesAdmin
from registry.models import Family, Person
from registry.services import FAMILY_FIELDS, PERSON_FIELDS, person_nik_warnings
from requests_app.permissions import can

PERSON_EDITABLE = tuple(name for name in PERSON_FIELDS if name != "relationship")


class CorrectionForm(forms.ModelForm):
    """The correction service's checks run here, so that a refused correction re-displays the
    form with the officer's input and its errors, and the admin neither logs it nor says it
    saved. The model form's fields already check what ``clean_person_value`` checks (value
    lists, dates, a name); the reason is a required field; only "nothing changed" is added.
    """

    correction_reason = forms.CharField(
        label=gettext_lazy("Alasan koreksi"),
        max_length=90,
        help_text=gettext_lazy("Wajib: dasar koreksi (mis. nomor akta atau putusan). Tercatat dalam riwayat."),
    )

    def corrections(self) -> dict:
        """The changed fields with their cleaned values: what the correction service is given."""
        return {
            name: self.cleaned_data[name]
            for name in self.changed_data
            if name != "correction_reason" and name in self.cleaned_data
        }

    def clean(self) -> dict:
        cleaned = super().clean()
        if not [name for name in self.changed_data if name != "correction_reason"]:
            raise ValidationError(_("Tidak ada data yang diubah."), code="no_changes")
        return cleaned


class PersonCorrectionForm(CorrectionForm):
    class Meta:
        model = Person
        fields = PERSON_EDITABLE


class FamilyCorrectionForm(CorrectionForm):
    class Meta:
        model = Family
        fields = FAMILY_FIELDS


class RegisterAdmin(SimpleHistoryAdmin):
    """Read for staff roles; change (= correction) only with ``correct_register``."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return can(request.user, "correct_register")

    def revert_disabled(self, request: HttpRequest, obj: object = None) -> bool:
        # Reverting from the history would bypass the services (no reason, no new documents).
        return True

    def _correct(
        self, request: HttpRequest, form: CorrectionForm, call: Callable[..., tuple[Person | Family, list]]
    ) -> Person | Family:
        # The form has checked what the service checks. Should the service still refuse (a
        # race), its error propagates: the admin's transaction rolls back and nothing is
        # logged, rather than the admin reporting a change that was not saved.
        record, jobs = call(changes=form.corrections(), reason=form.cleaned_data["correction_reason"])
        if jobs:
            self.message_user(
                request,
                _("Koreksi tersimpan; %(n)s dokumen diterbitkan ulang sebagai versi baru.") % {"n": len(jobs)},
                messages.SUCCESS,
            )
        return record


@admin.register(Person)
class PersonAdmin(RegisterAdmin):
    form = PersonCorrectionForm
    list_display = ("nik", "full_name", "sex", "birth_date", "status", "relationship", "family")
    list_filter = ("status", "sex", "marital_status", "citizenship", "religion")
    search_fields = ("=nik", "full_name", "=family__nomor_kk")
    list_select_related = ("family",)
    readonly_fields = ("nik", "status", "family", "relationship", "death_date", "moved_out_date", "data_changed_at")
    fieldsets = (
        (None, {"fields": ("nik", "status", "family", "relationship", "death_date", "moved_out_date")}),
        (gettext_lazy("Data yang dapat dikoreksi"), {"fields": (*PERSON_EDITABLE, "correction_reason")}),
        (gettext_lazy("Kepemilikan dokumen"), {"fields": ("data_changed_at",)}),
    )

    def save_model(self, request: HttpRequest, obj: Person, form: forms.ModelForm, change: bool) -> None:
        from requests_app.services import person_correct

        person = self._correct(request, form, lambda **kw: person_correct(person=obj.pk, actor=request.user, **kw))
        self._warn_nik(request, person)

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict,
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Person | None = None,
    ) -> HttpResponse:
        # Also on opening the record, so that a difference a registration brought in is seen.
        if obj is not None and request.method == "GET":
            self._warn_nik(request, obj)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    def _warn_nik(self, request: HttpRequest, person: Person) -> None:
        for warning in person_nik_warnings(person):
            self.message_user(request, warning, messages.WARNING)


@admin.register(Family)
class FamilyAdmin(RegisterAdmin):
    form = FamilyCorrectionForm
    list_display = ("nomor_kk", "head", "address", "rt", "rw", "kelurahan", "is_active", "kk_version")
    list_filter = ("is_active",)
    search_fields = ("=nomor_kk", "head__full_name", "=head__nik", "address")
    list_select_related = ("head", "kelurahan")
    readonly_fields = ("nomor_kk", "head", "kelurahan", "is_active", "data_changed_at", "kk_printed_at")
    fieldsets = (
        (None, {"fields": ("nomor_kk", "head", "kelurahan", "is_active")}),
        (gettext_lazy("Alamat (dapat dikoreksi)"), {"fields": (*FAMILY_FIELDS, "correction_reason")}),
        (gettext_lazy("Kepemilikan KK"), {"fields": ("data_changed_at", "kk_printed_at")}),
    )

    def save_model(self, request: HttpRequest, obj: Family, form: forms.ModelForm, change: bool) -> None:
        from requests_app.services import family_correct

        self._correct(request, form, lambda **kw: family_correct(family=obj.pk, actor=request.user, **kw))


class HistoryAuditAdmin(NoWritesAdmin):
    """Register history across all records: the audit per user ("who changed what")."""

    list_filter = ("history_type", ("history_user", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("history_user",)
    date_hierarchy = "history_date"


@admin.register(Person.history.model)
class PersonHistoryAdmin(HistoryAuditAdmin):
    list_display = (
        "history_date",
        "history_user",
        "history_type",
        "nik",
        "full_name",
        "status",
        "history_change_reason",
    )
    search_fields = ("=nik", "full_name", "history_change_reason", "history_user__username")


@admin.register(Family.history.model)
class FamilyHistoryAdmin(HistoryAuditAdmin):
    list_display = ("history_date", "history_user", "history_type", "nomor_kk", "address", "history_change_reason")
    search_fields = ("=nomor_kk", "history_change_reason", "history_user__username")
