"""Document jobs (work for the renderers) and the documents they issue."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DocumentType(models.TextChoices):
    KK = "KK", _("Kartu Keluarga")
    KTP_EL = "KTP_EL", _("KTP-el (pesanan cetak kartu)")
    KIA = "KIA", _("Kartu Identitas Anak (pesanan cetak kartu)")
    AKTA_KELAHIRAN = "AKTA_KELAHIRAN", _("Kutipan Akta Kelahiran")
    AKTA_KEMATIAN = "AKTA_KEMATIAN", _("Kutipan Akta Kematian")
    AKTA_PERKAWINAN = "AKTA_PERKAWINAN", _("Kutipan Akta Perkawinan")
    AKTA_PERCERAIAN = "AKTA_PERCERAIAN", _("Kutipan Akta Perceraian")
    CATATAN_PINGGIR = "CATATAN_PINGGIR", _("Akta dengan Catatan Pinggir")
    SKPWNI = "SKPWNI", _("Surat Keterangan Pindah WNI")
    SKPLN = "SKPLN", _("Surat Keterangan Pindah Luar Negeri")
    SKDLN = "SKDLN", _("Surat Keterangan Datang dari Luar Negeri")
    SKTT = "SKTT", _("Surat Keterangan Tempat Tinggal")
    SK_LAHIR_MATI = "SK_LAHIR_MATI", _("Surat Keterangan Lahir Mati")


CARD_TYPES = frozenset({DocumentType.KTP_EL, DocumentType.KIA})


class JobState(models.TextChoices):
    PENDING = "PENDING", _("Menunggu")
    RENDERING = "RENDERING", _("Sedang dibuat")
    ISSUED = "ISSUED", _("Terbit")
    FAILED = "FAILED", _("Gagal")


class DocumentJob(models.Model):
    """One document an approved application yields; rendered by a Celery worker."""

    application = models.ForeignKey(
        "requests_app.Application",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="jobs",
        verbose_name=_("permohonan"),
    )
    doc_type = models.CharField(_("jenis dokumen"), max_length=20, choices=DocumentType.choices)
    subject = models.ForeignKey(
        "registry.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="document_jobs",
        verbose_name=_("subjek"),
    )
    family = models.ForeignKey(
        "registry.Family",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="document_jobs",
        verbose_name=_("keluarga"),
    )
    payload = models.JSONField(_("data pesanan"), default=dict, blank=True)
    state = models.CharField(_("status"), max_length=9, choices=JobState.choices, default=JobState.PENDING)
    attempts = models.PositiveSmallIntegerField(_("jumlah percobaan"), default=0)
    error = models.TextField(_("galat"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    sent_at = models.DateTimeField(_("dikirim ke antrean"), null=True, blank=True)
    # Reserved by the first run (number, version, data, date) so that a rerun after a crash
    # prints the same document instead of using up another number.
    number = models.CharField(_("nomor"), max_length=60, blank=True)
    version = models.PositiveIntegerField(_("versi"), null=True, blank=True)
    lineage = models.CharField(_("rangkaian versi"), max_length=80, blank=True)
    snapshot = models.JSONField(_("salinan data"), default=dict, blank=True)
    prepared_at = models.DateTimeField(_("disiapkan"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("pekerjaan dokumen")
        verbose_name_plural = _("pekerjaan dokumen")
        indexes = [
            models.Index(fields=["state", "created_at"]),
            # numbering._lineage_number: the number a lineage's unissued jobs reserved.
            models.Index(fields=["lineage", "version"], name="documentjob_lineage_version"),
        ]

    def __str__(self) -> str:
        return f"{self.get_doc_type_display()} #{self.pk}"


class IssuedState(models.TextChoices):
    VALID = "VALID", _("Berlaku")
    SUPERSEDED = "SUPERSEDED", _("Digantikan versi baru")
    REVOKED = "REVOKED", _("Dicabut")


class IssuedDocument(models.Model):
    """A document as issued: its number, version, file, digest and signing key."""

    job = models.OneToOneField(
        DocumentJob, on_delete=models.PROTECT, related_name="issued", verbose_name=_("pekerjaan dokumen")
    )
    doc_type = models.CharField(_("jenis dokumen"), max_length=20, choices=DocumentType.choices)
    number = models.CharField(_("nomor"), max_length=60)
    version = models.PositiveIntegerField(_("versi"), default=1)
    # Documents that are versions of one another share a lineage key (e.g. "KK:<nomor KK>").
    lineage = models.CharField(_("rangkaian versi"), max_length=80, db_index=True)
    subject = models.ForeignKey(
        "registry.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issued_documents",
        verbose_name=_("subjek"),
    )
    family = models.ForeignKey(
        "registry.Family",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issued_documents",
        verbose_name=_("keluarga"),
    )
    snapshot = models.JSONField(_("salinan data"), default=dict)
    # verification.tokens.record_digest(snapshot), stored at issue: what a token's digest must
    # match, so a scan need not read and hash the whole snapshot. Empty: matches no token.
    record_digest = models.BinaryField(_("sidik data"), max_length=32, editable=False)
    # The signing official printed on the page, shown again by the verify page for comparison
    # (the paper keeps the name of whoever signed, after the office's head changes).
    official_name = models.CharField(_("nama pejabat penanda tangan"), max_length=200, editable=False)
    official_title = models.CharField(_("jabatan penanda tangan"), max_length=200, editable=False)
    file = models.FileField(_("berkas"), max_length=200)
    sha256 = models.CharField("SHA-256", max_length=64)
    key_id = models.CharField(_("id kunci"), max_length=16)
    state = models.CharField(_("status"), max_length=10, choices=IssuedState.choices, default=IssuedState.VALID)
    superseded_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supersedes",
        verbose_name=_("digantikan oleh"),
    )
    revoked_at = models.DateTimeField(_("dicabut sejak"), null=True, blank=True)
    revoked_reason = models.TextField(_("alasan pencabutan"), blank=True)
    issued_at = models.DateTimeField(_("diterbitkan"), default=timezone.now)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("dokumen terbit")
        verbose_name_plural = _("dokumen terbit")
        constraints = [
            models.UniqueConstraint(fields=["doc_type", "number", "version"], name="issued_number_version_unique"),
            models.UniqueConstraint(fields=["lineage", "version"], name="issued_lineage_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_doc_type_display()} {self.number} v{self.version}"

    @property
    def scan_count(self) -> int:
        """How often its QR was scanned (one query; lists annotate ``scans__total`` instead)."""
        try:
            return self.scans.total
        except DocumentScanCount.DoesNotExist:
            return 0


class DocumentScanCount(models.Model):
    """The scans of one issued document's QR, on a narrow row of its own.

    Written by ``documents.scans`` once a second per worker as an upsert. On the issued row
    itself each count rewrote the whole row with its snapshot (2.4 KB): 37 us per document
    on SQLite against under 1 us here, and a new tuple per flush on PostgreSQL.
    """

    document = models.OneToOneField(
        IssuedDocument, on_delete=models.CASCADE, primary_key=True, related_name="scans", verbose_name=_("dokumen")
    )
    total = models.PositiveBigIntegerField(_("jumlah pemindaian"), default=0)

    class Meta:
        verbose_name = _("pemindaian dokumen")
        verbose_name_plural = _("pemindaian dokumen")

    def __str__(self) -> str:
        return f"{self.document_id}: {self.total}"
