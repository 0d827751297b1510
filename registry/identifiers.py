"""NIK and nomor KK: validation, decoding and concurrency-safe generation (register.md).

NIK:      PP KK CC DDMMYY SSSS  (region of first issue, birth date with +40 for women, serial)
Nomor KK: PP KK CC DDMMYY SSSS  (kecamatan of issue, date of issue, serial)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from registry.choices import Sex

NUMBER_LENGTH = 16
FEMALE_DAY_OFFSET = 40
MAX_SERIAL = 9999


@dataclass(frozen=True)
class NikInfo:
    region_code: str  # six digits: province, regency/city, kecamatan
    birth_date: dt.date
    sex: str
    serial: int


@dataclass(frozen=True)
class KkInfo:
    region_code: str
    issue_date: dt.date
    serial: int


def _expand_year(two_digits: int, today: dt.date) -> int:
    """The century is ambiguous: pick the latest year not after today."""
    year = 2000 + two_digits
    return year if year <= today.year else year - 100


def _check_form(number: str, label: str) -> None:
    if not isinstance(number, str) or len(number) != NUMBER_LENGTH:
        raise ValidationError(_("%(label)s harus terdiri dari 16 angka."), code="length", params={"label": label})
    if not number.isascii() or not number.isdigit():
        raise ValidationError(_("%(label)s hanya boleh berisi angka 0-9."), code="non_digit", params={"label": label})


def _check_serial(number: str, label: str) -> int:
    serial = int(number[12:])
    if serial == 0:
        raise ValidationError(
            _("Nomor urut %(label)s (4 angka terakhir) tidak boleh 0000."),
            code="serial",
            params={"label": label},
        )
    return serial


def _parse_date(day: int, month: int, yy: int, label: str, today: dt.date) -> dt.date:
    if not 1 <= month <= 12:
        raise ValidationError(
            _("Bulan pada %(label)s (angka ke-9 dan ke-10) harus 01 sampai 12."),
            code="month",
            params={"label": label},
        )
    if not 1 <= day <= 31:
        raise ValidationError(
            _("Tanggal pada %(label)s (angka ke-7 dan ke-8) tidak sah."), code="day", params={"label": label}
        )
    try:
        return dt.date(_expand_year(yy, today), month, day)
    except ValueError:
        raise ValidationError(
            _("Tanggal pada %(label)s tidak ada di kalender (misalnya 31 Februari)."),
            code="impossible_date",
            params={"label": label},
        ) from None


def decode_nik(nik: str, *, today: dt.date | None = None) -> NikInfo:
    """Validate ``nik`` and return what it encodes; raise ``ValidationError`` saying why not."""
    today = today or dt.date.today()  # noqa: DTZ011 - a calendar date, not an instant
    _check_form(nik, "NIK")
    day = int(nik[6:8])
    sex = Sex.MALE
    if day > FEMALE_DAY_OFFSET:
        day -= FEMALE_DAY_OFFSET
        sex = Sex.FEMALE
        if day > 31:
            raise ValidationError(
                _("Tanggal lahir pada NIK (angka ke-7 dan ke-8) harus 01-31, atau 41-71 untuk perempuan."),
                code="day",
            )
    elif not 1 <= day <= 31:
        raise ValidationError(
            _("Tanggal lahir pada NIK (angka ke-7 dan ke-8) harus 01-31, atau 41-71 untuk perempuan."),
            code="day",
        )
    birth_date = _parse_date(day, int(nik[8:10]), int(nik[10:12]), "NIK", today)
    serial = _check_serial(nik, "NIK")
    return NikInfo(region_code=nik[:6], birth_date=birth_date, sex=sex, serial=serial)


def validate_nik(nik: str) -> None:
    """Django validator: raise ``ValidationError`` with the reason in Bahasa Indonesia."""
    decode_nik(nik)


def decode_nomor_kk(number: str, *, today: dt.date | None = None) -> KkInfo:
    today = today or dt.date.today()  # noqa: DTZ011
    _check_form(number, _("Nomor KK"))
    issue_date = _parse_date(int(number[6:8]), int(number[8:10]), int(number[10:12]), _("Nomor KK"), today)
    serial = _check_serial(number, _("Nomor KK"))
    return KkInfo(region_code=number[:6], issue_date=issue_date, serial=serial)


def validate_nomor_kk(number: str) -> None:
    decode_nomor_kk(number)


def nik_prefix(region_code: str, birth_date: dt.date, sex: str) -> str:
    day = birth_date.day + (FEMALE_DAY_OFFSET if sex == Sex.FEMALE else 0)
    return f"{region_code}{day:02d}{birth_date:%m%y}"


def kk_prefix(region_code: str, issue_date: dt.date) -> str:
    return f"{region_code}{issue_date:%d%m%y}"


def compose(prefix: str, serial: int) -> str:
    if not 1 <= serial <= MAX_SERIAL:
        raise ValidationError(_("Nomor urut untuk %(prefix)s sudah habis."), params={"prefix": prefix})
    return f"{prefix}{serial:04d}"


def _next_free(*, model_label: str, field: str, prefix: str, key: str) -> str:
    from django.apps import apps
    from django.db.models import Max

    from registry.sequences import sequence_next

    manager = apps.get_model(model_label).objects

    def highest_used() -> int:
        highest = manager.filter(**{f"{field}__startswith": prefix}).aggregate(m=Max(field))["m"]
        return int(highest[12:]) if highest else 0

    while True:
        number = compose(prefix, sequence_next(key=key, initial=highest_used))
        if not manager.filter(**{field: number}).exists():
            return number


def generate_nik(*, region_code: str, birth_date: dt.date, sex: str) -> str:
    """A new NIK for a person born on ``birth_date`` in kecamatan ``region_code`` (6 digits).

    Safe under concurrency: the serial comes from a locked counter, continuing after the
    highest serial already in the register, and a number already used is skipped.
    """
    prefix = nik_prefix(region_code, birth_date, sex)
    return _next_free(model_label="registry.Person", field="nik", prefix=prefix, key=f"NIK:{prefix}")


def generate_nomor_kk(*, region_code: str, issue_date: dt.date) -> str:
    """A new nomor KK issued in kecamatan ``region_code`` on ``issue_date``; concurrency-safe."""
    prefix = kk_prefix(region_code, issue_date)
    return _next_free(model_label="registry.Family", field="nomor_kk", prefix=prefix, key=f"KK:{prefix}")


def nik_differences(nik: str, *, birth_date: dt.date, sex: str, proposed: Collection[str] = ()) -> list[str]:
    """Warnings, in Indonesian, where ``nik`` encodes another birth date or sex than the recorded ones.

    A NIK is permanent, so a corrected birth date does not change it: this is a reason to
    warn, never to refuse (register.md). Dates are compared as DDMMYY, the NIK's century
    being ambiguous. Empty when they agree or when ``nik`` cannot be read. ``proposed``
    names the fields (``birth_date``, ``sex``) whose value is a change not made yet: their
    warning speaks of the new value.
    """
    try:
        info = decode_nik(nik)
    except ValidationError:
        return []
    found = []
    encoded = (info.birth_date.day, info.birth_date.month, info.birth_date.year % 100)
    if encoded != (birth_date.day, birth_date.month, birth_date.year % 100):
        text = (
            _(
                "Tanggal lahir baru (%(birth_date)s) berbeda dengan tanggal lahir pada NIK %(nik)s "
                "(%(nik_date)s). NIK tidak berubah; pastikan tanggal lahir baru sudah benar."
            )
            if "birth_date" in proposed
            else _(
                "Tanggal lahir pada NIK %(nik)s (%(nik_date)s) berbeda dengan tanggal lahir tercatat "
                "(%(birth_date)s). NIK tidak berubah; pastikan tanggal lahir sudah benar."
            )
        )
        found.append(
            text % {"nik": nik, "nik_date": f"{info.birth_date:%d-%m-%y}", "birth_date": f"{birth_date:%d-%m-%Y}"}
        )
    if sex in Sex.values and info.sex != sex:
        text = (
            _(
                "Jenis kelamin baru (%(sex)s) berbeda dengan jenis kelamin pada NIK %(nik)s (%(nik_sex)s). "
                "NIK tidak berubah."
            )
            if "sex" in proposed
            else _("Jenis kelamin pada NIK %(nik)s (%(nik_sex)s) berbeda dengan jenis kelamin tercatat (%(sex)s).")
        )
        found.append(text % {"nik": nik, "nik_sex": Sex(info.sex).label, "sex": Sex(sex).label})
    return found


def mask_nik(nik: str) -> str:
    """``7571014506900003`` -> ``7571••••••••0003``: what a public page may show."""
    return f"{nik[:4]}{'•' * 8}{nik[12:]}"
