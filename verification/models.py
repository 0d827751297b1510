"""Signing keys (public halves only), document revocations, and the admin's view of issued documents."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.models import IssuedDocument


class KeyStatus(models.TextChoices):
    ACTIVE = "ACTIVE", _("Aktif (menandatangani)")
    RETIRED = "RETIRED", _("Purna (hanya memverifikasi)")
    REVOKED = "REVOKED", _("Dicabut")


class SigningKey(models.Model):
    """An ES256 key of the office. The private half lives in a file under SIGNING_KEY_DIR.

    Exactly one key is active (signs new documents); retired keys still verify what they
    signed; a revoked key makes everything it signed at or after ``revoked_at`` read
    "TIDAK BERLAKU LAGI".
    """

    kid = models.CharField(_("id kunci"), max_length=16, primary_key=True)
    public_key_pem = models.TextField(_("kunci publik (PEM)"))
    certificate_pem = models.TextField(_("sertifikat X.509 (PEM)"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    # True for the one key that signs new documents (a partial unique index enforces "one").
    is_active = models.BooleanField(_("aktif"), default=False)
    retired_at = models.DateTimeField(_("purna sejak"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("dicabut sejak"), null=True, blank=True)
    revoked_reason = models.TextField(_("alasan pencabutan"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("kunci tanda tangan")
        verbose_name_plural = _("kunci tanda tangan")
        constraints = [
            models.UniqueConstraint(fields=["is_active"], condition=Q(is_active=True), name="signing_key_one_active"),
        ]

    def __str__(self) -> str:
        return f"{self.kid} ({self.get_status_display()})"

    @property
    def status(self) -> str:
        if self.revoked_at is not None:
            return KeyStatus.REVOKED
        if self.retired_at is not None:
            return KeyStatus.RETIRED
        return KeyStatus.ACTIVE

    def get_status_display(self) -> str:
        return str(KeyStatus(self.status).label)


class OfficeCertificateAuthority(models.Model):
    """The office's own CA certificate (its private key is a file beside the signing keys)."""

    name = models.CharField(_("nama"), max_length=200)
    certificate_pem = models.TextField(_("sertifikat X.509 (PEM)"))
    key_file = models.CharField(_("berkas kunci"), max_length=100)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("CA kantor")
        verbose_name_plural = _("CA kantor")

    def __str__(self) -> str:
        return self.name


class DocumentRevocation(models.Model):
    """Audit row: who revoked which issued document, when and why."""

    document = models.OneToOneField(
        IssuedDocument, on_delete=models.PROTECT, related_name="revocation", verbose_name=_("dokumen")
    )
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="document_revocations",
        verbose_name=_("dicabut oleh"),
    )
    reason = models.TextField(_("alasan"))
    revoked_at = models.DateTimeField(_("waktu"), default=timezone.now)

    class Meta:
        ordering = ["-revoked_at"]
        verbose_name = _("pencabutan dokumen")
        verbose_name_plural = _("pencabutan dokumen")

    def __str__(self) -> str:
        return f"{self.document} ({self.revoked_at:%Y-%m-%d})"


class VerifiableDocument(IssuedDocument):
    """Issued documents as the PIAK sees them in the admin: scan counts and revocation."""

    class Meta:
        proxy = True
        verbose_name = _("dokumen terbit (verifikasi)")
        verbose_name_plural = _("dokumen terbit (verifikasi)")
