"""One form per service: each writes the ``event_data`` keys the integrated-service rules read.

Forms are built for one family (the citizen's own, or the resident's the operator files
for): every person field offers only living members of that family, dates may not lie in
the future. The register-level checks (a second open application for the same event, the
rules of bundles.md) are made by ``requests_app.services.application_submit``.
"""

from __future__ import annotations

import datetime as dt

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registry.choices import KTP_AGE, Citizenship, LifeStatus, MaritalStatus, Relationship, Religion, Sex
from registry.identifiers import validate_nik
from registry.models import Family, Person, Region
from registry.selectors import years_before

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def member_label(obj: Person) -> str:
    relationship = Relationship(obj.relationship).label if obj.relationship else ""
    return f"{obj.full_name} ({relationship})" if relationship else obj.full_name


class MemberChoiceField(forms.ModelChoiceField):
    """One living member of the form's family (``EventForm`` sets the queryset), of ``sex`` if given."""

    def __init__(self, *, sex: str | None = None, **kwargs) -> None:
        self.sex = sex
        super().__init__(queryset=Person.objects.none(), **kwargs)

    def label_from_instance(self, obj: Person) -> str:
        return member_label(obj)


class MembersChoiceField(forms.ModelMultipleChoiceField):
    """Several living members of the form's family."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs) -> None:
        self.sex = None
        super().__init__(queryset=Person.objects.none(), **kwargs)

    def label_from_instance(self, obj: Person) -> str:
        return member_label(obj)


def form_helper() -> FormHelper:
    """Crispy layout without its own <form> tag and CSRF field (the template has both)."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


def past_date(label: str, *, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE_WIDGET, validators=[not_in_future])


def not_in_future(value: dt.date) -> None:
    if value and value > timezone.localdate():
        raise ValidationError(_("Tanggal tidak boleh di masa depan."), code="future")


class EventForm(forms.Form):
    """Base: a family's living members for every person field, crispy layout without tag.

    ``keys`` maps a field name to its ``event_data`` key when the two differ; a person field
    ``x`` writes ``x_id`` and a members field writes its own name (``member_ids``).
    """

    keys: dict[str, str] = {}
    subject_field: str | None = None
    # The field a "?orang=<id>" link pre-fills (the family page's buttons).
    prefill_field: str | None = None

    def __init__(self, *args, family: Family, service=None, **kwargs) -> None:  # noqa: ANN001
        self.family = family
        self.service = service
        super().__init__(*args, **kwargs)
        members = self.members_queryset()
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                field.queryset = members.filter(sex=field.sex) if field.sex else members
        self.helper = form_helper()

    @classmethod
    def prefill_name(cls) -> str | None:
        return cls.prefill_field or cls.subject_field

    def members_queryset(self):  # noqa: ANN201 - a QuerySet of Person
        return Person.objects.filter(family=self.family, status=LifeStatus.ALIVE).order_by("birth_date", "pk")

    def key_for(self, name: str) -> str:
        if name in self.keys:
            return self.keys[name]
        field = self.fields[name]
        if isinstance(field, forms.ModelChoiceField) and not isinstance(field, forms.ModelMultipleChoiceField):
            return f"{name}_id"
        return name

    def event_data(self) -> dict:
        data: dict = {}
        for name, value in self.cleaned_data.items():
            data[self.key_for(name)] = to_json(value)
        return data

    @classmethod
    def initial_from(cls, event_data: dict, *, family: Family) -> dict:
        form = cls(family=family)
        initial = {}
        for name in form.fields:
            key = form.key_for(name)
            if key in event_data:
                initial[name] = event_data[key]
        return initial

    def subject(self) -> Person | None:
        if self.subject_field:
            value = self.cleaned_data.get(self.subject_field)
            if isinstance(value, Person):
                return value
        return None


def to_json(value):  # noqa: ANN001, ANN201 - a cleaned value to its JSON form
    if isinstance(value, Person | Family):
        return value.pk
    if isinstance(value, Region):
        return value.code
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "values_list"):
        return sorted(value.values_list("pk", flat=True))
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    return value


class DeathForm(EventForm):
    subject_field = "deceased"
    deceased = MemberChoiceField(label=gettext_lazy("Anggota keluarga yang meninggal"))
    death_date = past_date(gettext_lazy("Tanggal meninggal"))
    death_place = forms.CharField(label=gettext_lazy("Tempat meninggal"), max_length=100)
    cause = forms.CharField(label=gettext_lazy("Sebab kematian"), max_length=200)

    def clean(self) -> dict:
        data = super().clean()
        deceased, day = data.get("deceased"), data.get("death_date")
        if deceased and day and day < deceased.birth_date:
            self.add_error("death_date", _("Tanggal meninggal tidak boleh sebelum tanggal lahir."))
        return data


class StillbirthForm(EventForm):
    subject_field = "mother"
    mother = MemberChoiceField(label=gettext_lazy("Ibu"), sex=Sex.FEMALE)
    date = past_date(gettext_lazy("Tanggal"))
    place = forms.CharField(label=gettext_lazy("Tempat"), max_length=100)


class BirthForm(EventForm):
    """One child, or two for twins; mother and father from the family or by name."""

    subject_field = "mother"

    @classmethod
    def prefill_name(cls) -> str | None:
        return None  # a newborn is not in the register yet

    full_name = forms.CharField(label=gettext_lazy("Nama lengkap anak"), max_length=120)
    sex = forms.ChoiceField(label=gettext_lazy("Jenis kelamin anak"), choices=Sex.choices)
    birth_date = past_date(gettext_lazy("Tanggal lahir"))
    birth_place = forms.CharField(label=gettext_lazy("Tempat lahir"), max_length=60)
    twin = forms.BooleanField(label=gettext_lazy("Kembar (dua anak dalam satu permohonan)"), required=False)
    twin_full_name = forms.CharField(label=gettext_lazy("Nama lengkap anak kedua"), max_length=120, required=False)
    twin_sex = forms.ChoiceField(
        label=gettext_lazy("Jenis kelamin anak kedua"), choices=[("", "---"), *Sex.choices], required=False
    )
    mother = MemberChoiceField(label=gettext_lazy("Ibu (anggota keluarga)"), required=False, sex=Sex.FEMALE)
    mother_name = forms.CharField(
        label=gettext_lazy("Nama ibu, bila tidak terdaftar di keluarga ini"), max_length=120, required=False
    )
    father = MemberChoiceField(label=gettext_lazy("Ayah (anggota keluarga)"), required=False, sex=Sex.MALE)
    father_name = forms.CharField(
        label=gettext_lazy("Nama ayah, bila tidak terdaftar di keluarga ini"), max_length=120, required=False
    )

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("mother") and not data.get("mother_name"):
            self.add_error("mother_name", _("Pilih ibu dari anggota keluarga atau tuliskan namanya."))
        if data.get("twin"):
            if not data.get("twin_full_name"):
                self.add_error("twin_full_name", _("Isi nama anak kedua."))
            if not data.get("twin_sex"):
                self.add_error("twin_sex", _("Pilih jenis kelamin anak kedua."))
        mother, day = data.get("mother"), data.get("birth_date")
        if mother and day and day <= mother.birth_date:
            self.add_error("birth_date", _("Tanggal lahir anak harus setelah tanggal lahir ibu."))
        return data

    def event_data(self) -> dict:
        d = self.cleaned_data
        child = {
            "full_name": d["full_name"].upper(),
            "sex": d["sex"],
            "birth_date": d["birth_date"].isoformat(),
            "birth_place": d["birth_place"].upper(),
        }
        children = [child]
        if d.get("twin"):
            children.append({**child, "full_name": d["twin_full_name"].upper(), "sex": d["twin_sex"]})
        mother, father = d.get("mother"), d.get("father")
        return {
            "children": children,
            "mother_id": mother.pk if mother else None,
            "mother_name": mother.full_name if mother else d.get("mother_name", "").upper(),
            "father_id": father.pk if father else None,
            "father_name": father.full_name if father else d.get("father_name", "").upper(),
        }

    @classmethod
    def initial_from(cls, event_data: dict, *, family: Family) -> dict:
        children = event_data.get("children") or [{}]
        first = children[0]
        initial = {
            "full_name": first.get("full_name", ""),
            "sex": first.get("sex", ""),
            "birth_date": first.get("birth_date"),
            "birth_place": first.get("birth_place", ""),
            "mother": event_data.get("mother_id"),
            "father": event_data.get("father_id"),
            "mother_name": "" if event_data.get("mother_id") else event_data.get("mother_name", ""),
            "father_name": "" if event_data.get("father_id") else event_data.get("father_name", ""),
        }
        if len(children) > 1:
            initial.update(twin=True, twin_full_name=children[1].get("full_name"), twin_sex=children[1].get("sex"))
        return initial


class MarriageForm(EventForm):
    """Husband and wife: each a member of this family, or someone from elsewhere."""

    husband = MemberChoiceField(label=gettext_lazy("Suami (anggota keluarga)"), required=False, sex=Sex.MALE)
    wife = MemberChoiceField(label=gettext_lazy("Istri (anggota keluarga)"), required=False, sex=Sex.FEMALE)
    partner_nik = forms.CharField(label=gettext_lazy("NIK pasangan dari luar keluarga"), max_length=16, required=False)
    partner_full_name = forms.CharField(label=gettext_lazy("Nama lengkap pasangan"), max_length=120, required=False)
    partner_birth_date = past_date(gettext_lazy("Tanggal lahir pasangan"), required=False)
    partner_birth_place = forms.CharField(label=gettext_lazy("Tempat lahir pasangan"), max_length=60, required=False)
    partner_religion = forms.ChoiceField(
        label=gettext_lazy("Agama pasangan"), choices=[("", "---"), *Religion.choices], required=False
    )
    marriage_date = past_date(gettext_lazy("Tanggal perkawinan"))
    place = forms.CharField(label=gettext_lazy("Tempat perkawinan"), max_length=100)
    religion = forms.ChoiceField(label=gettext_lazy("Agama/kepercayaan perkawinan"), choices=Religion.choices)

    def clean(self) -> dict:
        data = super().clean()
        husband, wife = data.get("husband"), data.get("wife")
        if not husband and not wife:
            raise ValidationError(_("Pilih sedikitnya satu mempelai dari anggota keluarga."))
        if not (husband and wife):
            for name in ("partner_nik", "partner_full_name", "partner_birth_date", "partner_birth_place"):
                if not data.get(name):
                    self.add_error(name, _("Isi data pasangan dari luar keluarga."))
            nik = data.get("partner_nik")
            if nik:
                try:
                    validate_nik(nik.strip())
                except ValidationError as exc:
                    self.add_error("partner_nik", exc)
        return data

    def event_data(self) -> dict:
        d = self.cleaned_data
        husband, wife = d.get("husband"), d.get("wife")
        result = {
            "husband_id": husband.pk if husband else None,
            "wife_id": wife.pk if wife else None,
            "marriage_date": d["marriage_date"].isoformat(),
            "place": d["place"].upper(),
            "religion": d["religion"],
        }
        if not (husband and wife):
            external = {
                "nik": d["partner_nik"],
                "full_name": d["partner_full_name"].upper(),
                "sex": Sex.FEMALE if husband else Sex.MALE,
                "birth_date": d["partner_birth_date"].isoformat(),
                "birth_place": d["partner_birth_place"].upper(),
                "religion": d.get("partner_religion") or d["religion"],
            }
            result["wife_external" if husband else "husband_external"] = external
        return result

    @classmethod
    def initial_from(cls, event_data: dict, *, family: Family) -> dict:
        external = event_data.get("wife_external") or event_data.get("husband_external") or {}
        return {
            "husband": event_data.get("husband_id"),
            "wife": event_data.get("wife_id"),
            "marriage_date": event_data.get("marriage_date"),
            "place": event_data.get("place"),
            "religion": event_data.get("religion"),
            "partner_nik": external.get("nik"),
            "partner_full_name": external.get("full_name"),
            "partner_birth_date": external.get("birth_date"),
            "partner_birth_place": external.get("birth_place"),
            "partner_religion": external.get("religion"),
        }

    def subject(self) -> Person | None:
        return self.cleaned_data.get("husband") or self.cleaned_data.get("wife")


class DivorceForm(EventForm):
    subject_field = "leaving"
    leaving = MemberChoiceField(label=gettext_lazy("Pihak yang keluar dari KK"))
    remaining = MemberChoiceField(label=gettext_lazy("Pihak yang tetap di KK"))
    divorce_date = past_date(gettext_lazy("Tanggal putusan cerai"))
    decision_number = forms.CharField(label=gettext_lazy("Nomor putusan pengadilan"), max_length=100)
    children_with_leaving_ids = MembersChoiceField(
        label=gettext_lazy("Anak yang ikut pihak yang keluar"), required=False
    )

    def clean(self) -> dict:
        data = super().clean()
        leaving, remaining = data.get("leaving"), data.get("remaining")
        if leaving and remaining and leaving == remaining:
            self.add_error("remaining", _("Pihak yang keluar dan yang tetap harus berbeda."))
        children = data.get("children_with_leaving_ids")
        if children and any(c.relationship != Relationship.CHILD for c in children):
            self.add_error("children_with_leaving_ids", _("Hanya anak yang dapat dipilih."))
        return data


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
        if data.get("field") == "birth_date" and data.get("value"):
            try:
                not_in_future(dt.date.fromisoformat(data["value"]))
            except ValueError:
                self.add_error("value", _("Tulis tanggal sebagai TTTT-BB-HH, misalnya 1990-05-17."))
            except ValidationError as exc:
                self.add_error("value", exc)
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


class MoveOutForm(EventForm):
    member_ids = MembersChoiceField(label=gettext_lazy("Anggota yang pindah"))
    move_date = forms.DateField(label=gettext_lazy("Tanggal pindah"), widget=DATE_WIDGET)
    destination = forms.CharField(label=gettext_lazy("Alamat tujuan"), max_length=200)
    reason = forms.CharField(label=gettext_lazy("Alasan pindah"), max_length=200)

    def subject(self) -> Person | None:
        members = self.cleaned_data.get("member_ids")
        return members.order_by("birth_date", "pk").first() if members is not None else None


class MoveInForm(EventForm):
    """One person arriving; joins this family or forms a new one at the given address."""

    nik = forms.CharField(label="NIK", max_length=16)
    full_name = forms.CharField(label=gettext_lazy("Nama lengkap"), max_length=120)
    sex = forms.ChoiceField(label=gettext_lazy("Jenis kelamin"), choices=Sex.choices)
    birth_date = past_date(gettext_lazy("Tanggal lahir"))
    birth_place = forms.CharField(label=gettext_lazy("Tempat lahir"), max_length=60)
    religion = forms.ChoiceField(label=gettext_lazy("Agama"), choices=Religion.choices)
    relationship = forms.ChoiceField(label=gettext_lazy("Hubungan dalam keluarga"), choices=Relationship.choices)
    join_family = forms.BooleanField(label=gettext_lazy("Bergabung ke KK keluarga ini"), required=False, initial=True)
    address = forms.CharField(label=gettext_lazy("Alamat"), max_length=200)
    rt = forms.CharField(label="RT", max_length=3)
    rw = forms.CharField(label="RW", max_length=3)
    kelurahan_code = forms.ChoiceField(label=gettext_lazy("Kelurahan"))
    origin = forms.CharField(label=gettext_lazy("Daerah/negara asal"), max_length=200)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        kelurahan = Region.objects.filter(level="kelurahan").order_by("name")
        self.fields["kelurahan_code"].choices = [(r.code, r.name) for r in kelurahan]
        if not self.is_bound and not self.initial.get("address"):
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
        }

    @classmethod
    def initial_from(cls, event_data: dict, *, family: Family) -> dict:
        person = (event_data.get("persons") or [{}])[0]
        keys = ("address", "rt", "rw", "kelurahan_code", "origin")
        return {**person, **{k: event_data.get(k) for k in keys}, "join_family": bool(event_data.get("join_family_id"))}


class ChildStatusForm(EventForm):
    subject_field = "child"
    child = MemberChoiceField(label=gettext_lazy("Anak"))
    father_name = forms.CharField(label=gettext_lazy("Nama ayah"), max_length=120)
    mother_name = forms.CharField(label=gettext_lazy("Nama ibu"), max_length=120)
    decision_number = forms.CharField(label=gettext_lazy("Nomor penetapan/putusan pengadilan"), max_length=100)


class NameChangeForm(EventForm):
    subject_field = "person"
    person = MemberChoiceField(label=gettext_lazy("Anggota yang berganti nama"))
    new_name = forms.CharField(label=gettext_lazy("Nama baru"), max_length=120)
    decision_number = forms.CharField(label=gettext_lazy("Nomor penetapan pengadilan"), max_length=100)


class CitizenshipForm(EventForm):
    subject_field = "person"
    person = MemberChoiceField(label=gettext_lazy("Anggota keluarga"))
    citizenship = forms.ChoiceField(label=gettext_lazy("Kewarganegaraan baru"), choices=Citizenship.choices)
    decision_number = forms.CharField(label=gettext_lazy("Nomor keputusan"), max_length=100)


class CourtDecisionForm(EventForm):
    subject_field = "person"
    person = MemberChoiceField(label=gettext_lazy("Anggota keluarga"))
    decision_number = forms.CharField(label=gettext_lazy("Nomor putusan pengadilan"), max_length=100)
    note = forms.CharField(label=gettext_lazy("Keterangan"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class PersonDocumentForm(EventForm):
    """A card or letter for one member (KTP-el baru, KIA, SKTT)."""

    subject_field = "person"
    person = MemberChoiceField(label=gettext_lazy("Untuk anggota keluarga"))

    def members_queryset(self):  # noqa: ANN201
        members = super().members_queryset()
        adult_born_by = years_before(timezone.localdate(), KTP_AGE)
        code = getattr(self.service, "code", "")
        if code == "KIA":
            return members.filter(birth_date__gt=adult_born_by, marital_status=MaritalStatus.SINGLE)
        if code == "KTP_BARU":
            return members.filter(citizenship=Citizenship.WNI).exclude(
                birth_date__gt=adult_born_by, marital_status=MaritalStatus.SINGLE
            )
        return members


class FamilyDocumentForm(EventForm):
    """A replacement KK for the whole family."""

    cause = forms.ChoiceField(
        label=gettext_lazy("Keadaan KK"),
        choices=[("HILANG", gettext_lazy("Hilang")), ("RUSAK", gettext_lazy("Rusak"))],
    )

    def event_data(self) -> dict:
        return {"family_id": self.family.pk, "cause": self.cleaned_data["cause"]}


EVENT_FORMS: dict[str, type[EventForm]] = {
    "DEATH": DeathForm,
    "BIRTH": BirthForm,
    "STILLBIRTH": StillbirthForm,
    "MARRIAGE": MarriageForm,
    "FAMILY_FORMED": MarriageForm,
    "DIVORCE": DivorceForm,
    "FAMILY_SPLIT": FamilySplitForm,
    "FAMILY_CHANGED": DataChangeForm,
    "IDENTITY_CHANGED": DataChangeForm,
    "MOVED_OUT": MoveOutForm,
    "MOVED_ABROAD": MoveOutForm,
    "MOVED_IN": MoveInForm,
    "ARRIVED_FROM_ABROAD": MoveInForm,
    "CHILD_ACKNOWLEDGED": ChildStatusForm,
    "CHILD_LEGITIMATED": ChildStatusForm,
    "ADOPTION": ChildStatusForm,
    "NAME_CHANGED": NameChangeForm,
    "CITIZENSHIP_CHANGED": CitizenshipForm,
    "DEED_ANNULLED": CourtDecisionForm,
    "OTHER_EVENT": CourtDecisionForm,
}
SERVICE_FORMS: dict[str, type[EventForm]] = {
    "KK_HILANG_RUSAK": FamilyDocumentForm,
    "KTP_BARU": PersonDocumentForm,
    "KIA": PersonDocumentForm,
    "SKTT_WNA": PersonDocumentForm,
}


def form_class_for(service) -> type[EventForm]:  # noqa: ANN001 - requests_app.Service
    return SERVICE_FORMS.get(service.code) or EVENT_FORMS.get(service.event) or PersonDocumentForm


class ResidentLookupForm(forms.Form):
    """Operator: find a resident of the own area by NIK."""

    nik = forms.CharField(label=gettext_lazy("NIK penduduk"), max_length=16, min_length=16)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper()
