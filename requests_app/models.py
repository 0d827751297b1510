"""Service catalogue and applications."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _


class Bidang(models.TextChoices):
    DAFDUK = "DAFDUK", _("Pendaftaran Penduduk")
    CAPIL = "CAPIL", _("Pencatatan Sipil")


class Service(models.Model):
    """One of the office's 24 services; texts, requirements and times editable in the admin."""

    code = models.CharField(_("kode"), max_length=40, unique=True)
    bidang = models.CharField(_("bidang"), max_length=6, choices=Bidang.choices)
    name_id = models.CharField(_("nama"), max_length=200)
    name_en = models.CharField(_("nama (Inggris)"), max_length=200)
    event = models.CharField(_("peristiwa"), max_length=40, blank=True)
    who = models.TextField(_("yang dapat mengajukan"))
    requirements = models.JSONField(_("persyaratan"), default=list)
    steps = models.JSONField(_("langkah"), default=list, blank=True)
    keywords = models.CharField(_("kata kunci peristiwa"), max_length=300, blank=True)
    report_within_days = models.PositiveIntegerField(_("batas pelaporan (hari)"), null=True, blank=True)
    sla_days = models.PositiveIntegerField(_("waktu layanan (hari kerja)"), default=1)
    fee = models.PositiveIntegerField(_("biaya (Rp)"), default=0)
    yields = models.JSONField(_("dokumen yang dihasilkan"), default=list)
    is_active = models.BooleanField(_("aktif"), default=True)
    ordering = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        ordering = ["ordering", "code"]
        verbose_name = _("layanan")
        verbose_name_plural = _("layanan")

    def __str__(self) -> str:
        return self.name_id

    @property
    def slug(self) -> str:
        return self.code.lower()


class ApplicationState(models.TextChoices):
    DRAFT = "DRAFT", _("Draf")
    SUBMITTED = "SUBMITTED", _("Diajukan")
    IN_REVIEW = "IN_REVIEW", _("Diperiksa")
    RETURNED = "RETURNED", _("Dikembalikan untuk perbaikan")
    APPROVED = "APPROVED", _("Disetujui")
    PROCESSING = "PROCESSING", _("Dokumen sedang dibuat")
    COMPLETED = "COMPLETED", _("Selesai")
    REJECTED = "REJECTED", _("Ditolak")
    CANCELLED = "CANCELLED", _("Dibatalkan")


class Channel(models.TextChoices):
    ONLINE = "ONLINE", _("Daring")
    ASSISTED = "ASSISTED", _("Melalui kelurahan/kecamatan")


class Application(models.Model):
    """One request for one service, recording one event for one subject."""

    tracking_number = models.CharField(_("nomor pelacakan"), max_length=20, unique=True)
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="applications", verbose_name=_("layanan")
    )
    state = models.CharField(
        _("status"), max_length=10, choices=ApplicationState.choices, default=ApplicationState.DRAFT
    )
    channel = models.CharField(_("kanal"), max_length=8, choices=Channel.choices, default=Channel.ONLINE)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="applications", verbose_name=_("pemohon")
    )
    # Who the event is about, and the family whose data it touches.
    subject = models.ForeignKey(
        "registry.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("subjek"),
    )
    family = models.ForeignKey(
        "registry.Family",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("keluarga"),
    )
    kelurahan = models.ForeignKey(
        "registry.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("kelurahan"),
    )
    event_data = models.JSONField(_("data peristiwa"), default=dict, blank=True)
    # What the application is about, e.g. "DEATH:person:42" (see requests_app.rules.event_key):
    # two open applications may not share it (constraint below), so a death or a birth is
    # never filed twice while the first is still being handled.
    event_key = models.CharField(_("kunci peristiwa"), max_length=120, blank=True, db_index=True)
    due_at = models.DateTimeField(_("batas waktu layanan"), null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_applications",
        verbose_name=_("pemeriksa"),
    )
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    submitted_at = models.DateTimeField(_("diajukan"), null=True, blank=True)
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    completed_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("permohonan")
        verbose_name_plural = _("permohonan")
        # Custom permissions the role groups receive (accounts/migrations/*_role_permissions.py);
        # checked through requests_app.permissions.
        permissions = [
            ("review_application", _("Memeriksa, mengembalikan dan menolak permohonan")),
            ("approve_application", _("Menyetujui permohonan")),
            ("bulk_approve_application", _("Menyetujui permohonan secara massal")),
            ("manage_signing_keys", _("Mengelola kunci tanda tangan (rotasi, pencabutan)")),
            ("view_statistics", _("Melihat statistik cakupan")),
            ("correct_register", _("Mengoreksi data kependudukan")),
        ]
        indexes = [
            models.Index(fields=["state", "submitted_at"]),
            models.Index(fields=["service", "state"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["event_key"],
                condition=~models.Q(event_key="")
                & models.Q(
                    state__in=["SUBMITTED", "IN_REVIEW", "RETURNED", "APPROVED", "PROCESSING"],
                ),
                name="application_one_open_per_event",
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_number


class ApplicationTransition(models.Model):
    """One recorded move of an application: who, when, from, to, why."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("permohonan")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("pelaku"),
    )
    from_state = models.CharField(_("dari status"), max_length=10, choices=ApplicationState.choices)
    to_state = models.CharField(_("ke status"), max_length=10, choices=ApplicationState.choices)
    reason = models.TextField(_("alasan"), blank=True)
    details = models.JSONField(_("rincian"), default=dict, blank=True)
    at = models.DateTimeField(_("waktu"), default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("riwayat status")
        verbose_name_plural = _("riwayat status")

    def __str__(self) -> str:
        return f"{self.application.tracking_number}: {self.get_from_state_display()} → {self.get_to_state_display()}"

    @property
    def reason_text(self) -> str:
        """The reason as the timeline shows it: a line the system wrote (``SYSTEM_REASONS``) in
        the reader's language, a person's as they typed it."""
        if self.actor_id is None and self.reason in SYSTEM_REASONS.values():
            return gettext(self.reason)
        return self.reason


# Timeline lines the system writes (no actor): stored in Indonesian, shown translated.
SYSTEM_REASONS = {
    ApplicationState.PROCESSING: gettext_noop("Dokumen mulai dibuat."),
    ApplicationState.COMPLETED: gettext_noop("Semua dokumen telah terbit."),
}


def attachment_path(instance: Attachment, filename: str) -> str:
    # The stored name never comes from the uploader; the extension follows the content.
    name = f"{instance.requirement_index}-{instance.sha256[:16]}{instance.extension}"
    return f"attachments/{instance.application.tracking_number}/{name}"


class Attachment(models.Model):
    """An uploaded requirement; stored privately, served only to the applicant and staff."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("permohonan")
    )
    requirement_index = models.PositiveSmallIntegerField(_("nomor persyaratan"))
    requirement_label = models.CharField(_("persyaratan"), max_length=300)
    file = models.FileField(_("berkas"), upload_to=attachment_path, max_length=200)
    content_type = models.CharField(_("jenis berkas"), max_length=40)
    size = models.PositiveIntegerField(_("ukuran (bita)"))
    sha256 = models.CharField("SHA-256", max_length=64)
    original_name = models.CharField(_("nama berkas asli"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("diunggah oleh")
    )
    uploaded_at = models.DateTimeField(_("diunggah"), default=timezone.now)

    class Meta:
        ordering = ["requirement_index", "-uploaded_at"]
        verbose_name = _("berkas persyaratan")
        verbose_name_plural = _("berkas persyaratan")

    def __str__(self) -> str:
        return gettext("Persyaratan %(n)s: %(label)s") % {"n": self.requirement_number, "label": self.requirement_label}

    @property
    def requirement_number(self) -> int:
        """The requirement's number as people read it (from 1); ``requirement_index`` counts from 0."""
        return self.requirement_index + 1

    @property
    def extension(self) -> str:
        return {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}.get(self.content_type, "")


class Holiday(models.Model):
    """A day the office is closed besides Saturday and Sunday (national holiday, cuti bersama).

    Kept by staff in the admin, starting from the national calendar (``manage.py holidays_load``);
    service deadlines and the overdue figures skip these days.
    """

    date = models.DateField(_("tanggal"), unique=True)
    name = models.CharField(_("keterangan"), max_length=120)

    class Meta:
        ordering = ["date"]
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur")

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.name}"
