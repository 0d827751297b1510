"""Value lists of the register, as SIAK uses them (register.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    MALE = "LAKI-LAKI", _("Laki-laki")
    FEMALE = "PEREMPUAN", _("Perempuan")


class Religion(models.TextChoices):
    ISLAM = "ISLAM", "Islam"
    KRISTEN = "KRISTEN", "Kristen"
    KATOLIK = "KATOLIK", "Katolik"
    HINDU = "HINDU", "Hindu"
    BUDDHA = "BUDDHA", "Buddha"
    KONGHUCU = "KONGHUCU", "Konghucu"
    KEPERCAYAAN = "KEPERCAYAAN TERHADAP TUHAN YME", "Kepercayaan terhadap Tuhan YME"


class MaritalStatus(models.TextChoices):
    SINGLE = "BELUM KAWIN", _("Belum kawin")
    MARRIED = "KAWIN", _("Kawin")
    DIVORCED = "CERAI HIDUP", _("Cerai hidup")
    WIDOWED = "CERAI MATI", _("Cerai mati")


class Relationship(models.TextChoices):
    HEAD = "KEPALA KELUARGA", _("Kepala keluarga")
    HUSBAND = "SUAMI", _("Suami")
    WIFE = "ISTRI", _("Istri")
    CHILD = "ANAK", _("Anak")
    CHILD_IN_LAW = "MENANTU", _("Menantu")
    GRANDCHILD = "CUCU", _("Cucu")
    PARENT = "ORANG TUA", _("Orang tua")
    PARENT_IN_LAW = "MERTUA", _("Mertua")
    OTHER_RELATIVE = "FAMILI LAIN", _("Famili lain")
    HELPER = "PEMBANTU", _("Pembantu")
    OTHER = "LAINNYA", _("Lainnya")


class Education(models.TextChoices):
    NONE = "TIDAK/BELUM SEKOLAH", "Tidak/belum sekolah"
    SD_NOT_FINISHED = "BELUM TAMAT SD/SEDERAJAT", "Belum tamat SD/sederajat"
    SD = "TAMAT SD/SEDERAJAT", "Tamat SD/sederajat"
    SLTP = "SLTP/SEDERAJAT", "SLTP/sederajat"
    SLTA = "SLTA/SEDERAJAT", "SLTA/sederajat"
    D1_D2 = "DIPLOMA I/II", "Diploma I/II"
    D3 = "AKADEMI/DIPLOMA III/S. MUDA", "Akademi/Diploma III/S. Muda"
    S1 = "DIPLOMA IV/STRATA I", "Diploma IV/Strata I"
    S2 = "STRATA II", "Strata II"
    S3 = "STRATA III", "Strata III"


class BloodType(models.TextChoices):
    A = "A", "A"
    B = "B", "B"
    AB = "AB", "AB"
    O = "O", "O"  # noqa: E741
    A_POS = "A+", "A+"
    A_NEG = "A-", "A-"
    B_POS = "B+", "B+"
    B_NEG = "B-", "B-"
    AB_POS = "AB+", "AB+"
    AB_NEG = "AB-", "AB-"
    O_POS = "O+", "O+"
    O_NEG = "O-", "O-"
    UNKNOWN = "TIDAK TAHU", _("Tidak tahu")


class Citizenship(models.TextChoices):
    WNI = "WNI", "WNI"
    WNA = "WNA", "WNA"


class LifeStatus(models.TextChoices):
    ALIVE = "HIDUP", _("Hidup")
    DECEASED = "MENINGGAL", _("Meninggal")
    MOVED_OUT = "PINDAH", _("Pindah")


class RegionLevel(models.TextChoices):
    PROVINCE = "provinsi", _("Provinsi")
    CITY = "kota", _("Kota")
    KECAMATAN = "kecamatan", _("Kecamatan")
    KELURAHAN = "kelurahan", _("Kelurahan")


# KTP-el is compulsory from this age, or earlier once married (UU 24/2013 pasal 63).
KTP_AGE = 17
# Akta kelahiran coverage counts residents aged 0-18 (register.md).
CHILD_AKTA_MAX_AGE = 18
