"""The population register: regions, families (KK) and persons (NIK)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry.choices import (
    BloodType,
    Citizenship,
    Education,
    LifeStatus,
    MaritalStatus,
    RegionLevel,
    Relationship,
    Religion,
    Sex,
)


class Region(models.Model):
    """A Kemendagri region: province, city, kecamatan or kelurahan, keyed by its code."""

    code = models.CharField(_("kode"), max_length=13, primary_key=True)
    level = models.CharField(_("tingkat"), max_length=10, choices=RegionLevel.choices, db_index=True)
    name = models.CharField(_("nama"), max_length=100)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    postal_code = models.CharField(_("kode pos"), max_length=5, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def nik_code(self) -> str:
        """The six digits a NIK or nomor KK carries for this kecamatan (``757101``)."""
        return self.code.replace(".", "")[:6]


class Family(models.Model):
    """A household with its Kartu Keluarga."""

    nomor_kk = models.CharField(_("nomor KK"), max_length=16, unique=True)
    address = models.CharField(_("alamat"), max_length=200)
    rt = models.CharField("RT", max_length=3)
    rw = models.CharField("RW", max_length=3)
    postal_code = models.CharField(_("kode pos"), max_length=5)
    kelurahan = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="families",
        limit_choices_to={"level": RegionLevel.KELURAHAN},
    )
    head = models.ForeignKey(
        "Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="headed_families",
        verbose_name=_("kepala keluarga"),
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(_("dibentuk"), default=timezone.now)
    # The KK is current when it was printed after the last change to the family's data.
    data_changed_at = models.DateTimeField(_("data berubah"), default=timezone.now)
    kk_printed_at = models.DateTimeField(_("KK dicetak"), null=True, blank=True)
    kk_version = models.PositiveIntegerField(_("versi KK"), default=0)

    history = HistoricalRecords(verbose_name=_("riwayat data keluarga"), verbose_name_plural=_("riwayat data keluarga"))

    class Meta:
        verbose_name = _("keluarga")
        verbose_name_plural = _("keluarga")
        indexes = [
            models.Index(fields=["kelurahan", "is_active"]),
            # MAX(data_changed_at) is part of the coverage dashboard's cache key.
            models.Index(fields=["data_changed_at"], name="family_data_changed_idx"),
        ]

    def __str__(self) -> str:
        return self.nomor_kk

    @property
    def kk_is_current(self) -> bool:
        return self.kk_printed_at is not None and self.kk_printed_at >= self.data_changed_at


class Person(models.Model):
    """A resident, with every field the printed KK shows plus life status and holdings."""

    nik = models.CharField("NIK", max_length=16, unique=True)
    full_name = models.CharField(_("nama lengkap"), max_length=120, db_index=True)
    sex = models.CharField(_("jenis kelamin"), max_length=9, choices=Sex.choices)
    birth_place = models.CharField(_("tempat lahir"), max_length=60)
    birth_date = models.DateField(_("tanggal lahir"))
    religion = models.CharField(_("agama"), max_length=30, choices=Religion.choices)
    education = models.CharField(_("pendidikan"), max_length=30, choices=Education.choices)
    occupation = models.CharField(_("jenis pekerjaan"), max_length=60)
    blood_type = models.CharField(_("golongan darah"), max_length=10, choices=BloodType.choices)
    marital_status = models.CharField(_("status perkawinan"), max_length=11, choices=MaritalStatus.choices)
    marriage_date = models.DateField(_("tanggal perkawinan"), null=True, blank=True)
    citizenship = models.CharField(_("kewarganegaraan"), max_length=3, choices=Citizenship.choices, default="WNI")
    passport_number = models.CharField(_("no. paspor"), max_length=20, blank=True)
    kitap_number = models.CharField(_("no. KITAP"), max_length=20, blank=True)
    father_name = models.CharField(_("nama ayah"), max_length=120, blank=True)
    mother_name = models.CharField(_("nama ibu"), max_length=120, blank=True)

    family = models.ForeignKey(
        Family,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        verbose_name=_("keluarga"),
    )
    relationship = models.CharField(
        _("status hubungan dalam keluarga"), max_length=15, choices=Relationship.choices, blank=True
    )

    status = models.CharField(_("status"), max_length=9, choices=LifeStatus.choices, default=LifeStatus.ALIVE)
    death_date = models.DateField(_("tanggal meninggal"), null=True, blank=True)
    moved_out_date = models.DateField(_("tanggal pindah"), null=True, blank=True)

    # Holdings. A KTP-el is current when issued after the last change of printed data.
    data_changed_at = models.DateTimeField(_("data berubah"), default=timezone.now)
    ktp_el_issued_at = models.DateTimeField(_("KTP-el diterbitkan"), null=True, blank=True)
    kia_issued_at = models.DateTimeField(_("KIA diterbitkan"), null=True, blank=True)
    akta_kelahiran_number = models.CharField(_("nomor akta kelahiran"), max_length=40, blank=True)
    akta_kelahiran_issued_at = models.DateTimeField(_("akta kelahiran diterbitkan"), null=True, blank=True)

    history = HistoricalRecords(verbose_name=_("riwayat data penduduk"), verbose_name_plural=_("riwayat data penduduk"))

    class Meta:
        verbose_name = _("penduduk")
        verbose_name_plural = _("penduduk")
        indexes = [
            models.Index(fields=["status", "birth_date"]),
            models.Index(fields=["family", "relationship"]),
            # MAX(data_changed_at) is part of the coverage dashboard's cache key.
            models.Index(fields=["data_changed_at"], name="person_data_changed_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=LifeStatus.ALIVE) | Q(death_date__isnull=False) | Q(moved_out_date__isnull=False),
                name="person_departure_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.nik})"

    @property
    def is_alive(self) -> bool:
        return self.status == LifeStatus.ALIVE

    def age_on(self, day: dt.date) -> int:
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years

    @property
    def ktp_el_is_current(self) -> bool:
        return self.ktp_el_issued_at is not None and self.ktp_el_issued_at >= self.data_changed_at


class ReminderKind(models.TextChoices):
    KK_STALE = "KK_STALE", _("KK belum diperbarui")
    KTP_EL_MISSING = "KTP_EL_MISSING", _("Belum memiliki KTP-el")
    AKTA_KELAHIRAN_MISSING = "AKTA_KELAHIRAN_MISSING", _("Belum memiliki akta kelahiran")
    KIA_MISSING = "KIA_MISSING", _("Belum memiliki KIA")


class ReminderSent(models.Model):
    """One outreach reminder emailed to one account, about one person or one family.

    ``send_reminders`` reads this log so that an account never gets the same reminder
    (kind and subject) twice within the waiting period.
    """

    kind = models.CharField(_("jenis"), max_length=25, choices=ReminderKind.choices)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders_received")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    family = models.ForeignKey(Family, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(_("dikirim ke"))
    sent_at = models.DateTimeField(_("dikirim"), default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("pengingat terkirim")
        verbose_name_plural = _("pengingat terkirim")
        indexes = [models.Index(fields=["recipient", "kind", "sent_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, family__isnull=True) | Q(person__isnull=True, family__isnull=False),
                name="reminder_about_person_or_family",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.email} ({self.sent_at:%Y-%m-%d})"


class Sequence(models.Model):
    """A named counter handed out under a row lock: NIK and KK serials, document numbers."""

    key = models.CharField(max_length=64, primary_key=True)
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("penomoran")
        verbose_name_plural = _("penomoran")

    def __str__(self) -> str:
        return f"{self.key}={self.last_value}"
