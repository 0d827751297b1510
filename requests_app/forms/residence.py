"""Forms for family and residence events: splitting a KK, data changes, moving out and in."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registry.choices import KTP_AGE, MaritalStatus, Relationship, Religion, Sex
from registry.identifiers import validate_nik
from registry.models import Family, Person, Region
from registry.selectors import years_before
from registry.services import PERSON_FIELDS
from requests_app.forms.base import EventForm
from requests_app.forms.fields import NIK_WIDGET, MemberChoiceField, MembersChoiceField, not_in_future, past_date
from requests_app.rules.residence import DAMAGED, DATA_CHANGE, KTP_FIELDS, LOST

if TYPE_CHECKING:
    from django.db.models import QuerySet


class FamilySplitForm(EventForm):
    subject_field = "new_head"
    member_ids = MembersChoiceField(label=gettext_lazy("Anggota yang pisah KK"))
    new_head = MemberChoiceField(label=gettext_lazy("Kepala keluarga baru"))

    def clean(self) -> dict:
        data = super().clean()
        members, head = data.get("member_ids"), data.get("new_head")
        if members is not None and head is not None:
            if head not in members:
                self.add_error("new_head", _("Kepala keluarga baru harus termasuk anggota yang pisah."))
            today = timezone.localdate()
            if head.age_on(today) < KTP_AGE and head.marital_status == MaritalStatus.SINGLE:
                self.add_error("new_head", _("Kepala keluarga baru harus berusia 17 tahun atau sudah/pernah kawin."))
            if self.family.head_id in {m.pk for m in members}:
                self.add_error("member_ids", _("Kepala keluarga lama tidak dapat memisahkan diri dari KK-nya."))
        return data


CHANGEABLE_FIELDS = [
    ("education", gettext_lazy("Pendidikan")),
    ("occupation", gettext_lazy("Jenis pekerjaan")),
    ("blood_type", gettext_lazy("Golongan darah")),
    ("religion", gettext_lazy("Agama")),
    ("birth_place", gettext_lazy("Tempat lahir")),
    ("birth_date", gettext_lazy("Tanggal lahir")),
    ("father_name", gettext_lazy("Nama ayah")),
    ("mother_name", gettext_lazy("Nama ibu")),
    ("address", gettext_lazy("Alamat")),
]


class DataChangeForm(EventForm):
    subject_field = "person"
    person = MemberChoiceField(label=gettext_lazy("Anggota yang datanya berubah"))
    field = forms.ChoiceField(label=gettext_lazy("Data yang berubah"), choices=CHANGEABLE_FIELDS)
    value = forms.CharField(label=gettext_lazy("Data baru"), max_length=200)
    reason = forms.CharField(
        label=gettext_lazy("Alasan perubahan"), max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self) -> dict:
        data = super().clean()
        _check_new_value(self, data)
        return data

    def event_data(self) -> dict:
        d = self.cleaned_data
        return {"person_id": d["person"].pk, "changes": {d["field"]: d["value"].strip()}, "reason": d["reason"]}

    @classmethod
    def initial_from(cls, event_data: dict, *, family: Family) -> dict:
        changes = event_data.get("changes") or {}
        field, value = next(iter(changes.items()), ("", ""))
        return {
            "person": event_data.get("person_id"),
            "field": field,
            "value": value,
            "reason": event_data.get("reason"),
        }


def _check_new_value(form: forms.Form, data: dict) -> None:
    """A new birth date must be a date, not in the future; a coded field (agama, pendidikan,
    golongan darah, ...) one of the register's values, written in any case ("Kristen" is KRISTEN)."""
    field, value = data.get("field"), str(data.get("value") or "").strip()
    if not field or not value:
        return
    if field == "birth_date":
        try:
            not_in_future(dt.date.fromisoformat(value))
        except ValueError:
            form.add_error("value", _("Tulis tanggal sebagai TTTT-BB-HH, misalnya 1990-05-17."))
        except ValidationError as exc:
            form.add_error("value", exc)
        return
    codes = PERSON_FIELDS.get(field)
    if codes is None or codes is dt.date:
        return
    by_name = {str(name).casefold(): code for code, name in codes.choices}
    by_name.update({code.casefold(): code for code in codes.values})
    if value.casefold() in by_name:
        data["value"] = by_name[value.casefold()]
        return
    form.add_error(
        "value",
        _("%(value)s bukan %(field)s yang dikenal register. Tulis salah satu: %(choices)s.")
        % {
            "value": value,
            "field": str(dict(CHANGEABLE_FIELDS).get(field, field)).lower(),
            "choices": ", ".join(str(name) for name in codes.labels),
        },
    )


REPLACEMENT_CAUSES = [
    (LOST, gettext_lazy("Hilang")),
    (DAMAGED, gettext_lazy("Rusak")),
    (DATA_CHANGE, gettext_lazy("Perubahan data")),
]
# What the card prints; the address, education and parents' names are changed on the KK (KK_PERUBAHAN).
KTP_CHANGEABLE_FIELDS = [(name, label) for name, label in CHANGEABLE_FIELDS if name in KTP_FIELDS]


class KtpReplacementForm(EventForm):
    """KTP_PENGGANTIAN: a card lost, damaged, or whose printed data changed.

    The police report for a lost card, the old card and the proof of a change are uploads (the
    service's requirements), not fields; the changed data is asked for only for a data change.
    """

    subject_field = "person"
    person = MemberChoiceField(label=gettext_lazy("Pemilik KTP-el"))
    cause = forms.ChoiceField(
        label=gettext_lazy("Alasan penggantian"), choices=REPLACEMENT_CAUSES, widget=forms.RadioSelect
    )
    field = forms.ChoiceField(
        label=gettext_lazy("Data yang berubah"),
        choices=[("", "---------"), *KTP_CHANGEABLE_FIELDS],
        required=False,
        help_text=gettext_lazy("Diisi hanya bila KTP-el diganti karena perubahan data."),
    )
    value = forms.CharField(label=gettext_lazy("Data baru"), max_length=200, required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].help_text = gettext_lazy(
            "Hanya anggota yang pernah memiliki KTP-el yang tercantum; yang belum pernah memilikinya mengajukan "
            "KTP-el Baru."
        )

    def members_queryset(self) -> QuerySet[Person]:
        adult_born_by = years_before(timezone.localdate(), KTP_AGE)
        members = super().members_queryset().exclude(birth_date__gt=adult_born_by, marital_status=MaritalStatus.SINGLE)
        return members.filter(ktp_el_issued_at__isnull=False)  # a card to replace

    def clean(self) -> dict:
        data = super().clean()
        if data.get("cause") == DATA_CHANGE:
            for name in ("field", "value"):
                if not str(data.get(name) or "").strip():
                    self.add_error(name, _("Wajib diisi bila KTP-el diganti karena perubahan data."))
            _check_new_value(self, data)
        elif data.get("field") or str(data.get("value") or "").strip():
            self.add_error("field", _("Data yang berubah hanya diisi bila KTP-el diganti karena perubahan data."))
        return data

    def event_data(self) -> dict:
        d = self.cleaned_data
        changes = {d["field"]: d["value"].strip()} if d["cause"] == DATA_CHANGE else {}
        return {"person_id": d["person"].pk, "cause": d["cause"], "changes": changes}

    @classmethod
    def initial_from(cls, event_data: dict, *, family: Family) -> dict:
        changes = event_data.get("changes") or {}
        field, value = next(iter(changes.items()), ("", ""))
        # Drafts of the old form (a data change, or "HILANG"/"RUSAK" written as the reason) name no cause.
        cause = event_data.get("cause") or (DATA_CHANGE if changes else str(event_data.get("reason") or ""))
        cause = cause.strip().upper()
        return {
            "person": event_data.get("person_id"),
            "cause": cause if cause in dict(REPLACEMENT_CAUSES) else "",
            "field": field,
            "value": value,
        }


class MoveOutForm(EventForm):
    member_ids = MembersChoiceField(label=gettext_lazy("Anggota yang pindah"))
    # The movers leave the register on this date when the application is approved (rules.residence).
    move_date = past_date(gettext_lazy("Tanggal pindah"))
    destination = forms.CharField(label=gettext_lazy("Alamat tujuan"), max_length=200)
    reason = forms.CharField(label=gettext_lazy("Alasan pindah"), max_length=200)

    def subject(self) -> Person | None:
        members = self.cleaned_data.get("member_ids")
        return members.order_by("birth_date", "pk").first() if members is not None else None


class MoveInForm(EventForm):
    """One person arriving; joins this family or forms a new one at the given address."""

    nik = forms.CharField(label="NIK", max_length=16, widget=NIK_WIDGET)
    full_name = forms.CharField(label=gettext_lazy("Nama lengkap"), max_length=120)
    sex = forms.ChoiceField(label=gettext_lazy("Jenis kelamin"), choices=Sex.choices)
    birth_date = past_date(gettext_lazy("Tanggal lahir"))
    birth_place = forms.CharField(label=gettext_lazy("Tempat lahir"), max_length=60)
    religion = forms.ChoiceField(label=gettext_lazy("Agama"), choices=Religion.choices)
    # No default: the first choice (Kepala keluarga) is wrong for anyone joining a family that has one.
    relationship = forms.ChoiceField(
        label=gettext_lazy("Hubungan dalam keluarga"), choices=[("", "---"), *Relationship.choices]
    )
    join_family = forms.BooleanField(label=gettext_lazy("Bergabung ke KK keluarga ini"), required=False, initial=True)
    address = forms.CharField(label=gettext_lazy("Alamat"), max_length=200)
    rt = forms.CharField(label="RT", max_length=3)
    rw = forms.CharField(label="RW", max_length=3)
    kelurahan_code = forms.ChoiceField(label=gettext_lazy("Kelurahan"))
    origin = forms.CharField(label=gettext_lazy("Daerah/negara asal"), max_length=200)
    arrival_date = past_date(gettext_lazy("Tanggal kedatangan"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        kelurahan = Region.objects.filter(level="kelurahan").order_by("name")
        if self.area is not None:  # as rules.validation checks it: the area, or a kelurahan under it
            kelurahan = kelurahan.filter(Q(pk=self.area.pk) | Q(pk__startswith=f"{self.area.pk}."))
        self.fields["kelurahan_code"].choices = [(r.code, r.name) for r in kelurahan]
        if self.service is None or self.service.event != "ARRIVED_FROM_ABROAD":
            del self.fields["arrival_date"]  # printed on the SKDLN only
        if self.family is None:
            # A draft for a new family is linked to no family (services._family_of): there is
            # no "this family" to join; joining one is a new application from its page.
            del self.fields["join_family"]
        elif not self.is_bound and not self.initial.get("address"):
            self.initial.update(
                address=self.family.address,
                rt=self.family.rt,
                rw=self.family.rw,
                kelurahan_code=self.family.kelurahan_id,
            )

    def clean_nik(self) -> str:
        nik = self.cleaned_data["nik"].strip()
        validate_nik(nik)
        return nik

    def event_data(self) -> dict:
        d = self.cleaned_data
        person = {
            "nik": d["nik"],
            "full_name": d["full_name"].upper(),
            "sex": d["sex"],
            "birth_date": d["birth_date"].isoformat(),
            "birth_place": d["birth_place"].upper(),
            "religion": d["religion"],
            "relationship": d["relationship"],
        }
        return {
            "persons": [person],
            "join_family_id": self.family.pk if d.get("join_family") else None,
            "address": d["address"],
            "rt": d["rt"],
            "rw": d["rw"],
            "kelurahan_code": d["kelurahan_code"],
            "origin": d["origin"],
        } | ({"arrival_date": d["arrival_date"].isoformat()} if d.get("arrival_date") else {})

    @classmethod
    def initial_from(cls, event_data: dict, *, family: Family) -> dict:
        person = (event_data.get("persons") or [{}])[0]
        keys = ("address", "rt", "rw", "kelurahan_code", "origin", "arrival_date")
        return {**person, **{k: event_data.get(k) for k in keys}, "join_family": bool(event_data.get("join_family_id"))}
