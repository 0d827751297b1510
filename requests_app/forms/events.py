"""Forms for civil-registration events: death, stillbirth, birth, marriage, divorce and court decisions."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registry.choices import Citizenship, Relationship, Religion, Sex
from registry.identifiers import validate_nik
from registry.models import Family, Person
from requests_app.forms.base import EventForm
from requests_app.forms.fields import NIK_WIDGET, MemberChoiceField, MembersChoiceField, past_date
from requests_app.rules.base import are_spouses


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


# Besides letters (of any script), what names carry: spaces, dots, commas, apostrophes, hyphens.
NAME_MARKS = frozenset(" .,'’-")


def person_name(value: str) -> str:
    """A parent's name as the register writes it (capitals, single spaces); ``ValidationError`` in Indonesian."""
    name = " ".join(value.split()).upper()
    if name and not (any(c.isalpha() for c in name) and all(c.isalpha() or c in NAME_MARKS for c in name)):
        raise ValidationError(
            _("Nama hanya boleh berisi huruf, spasi, titik, koma, tanda petik dan tanda hubung."), code="name"
        )
    return name


class LateBirthForm(EventForm):
    """Pencatatan kelahiran terlambat: a member already in the KK who has no akta kelahiran.

    The akta names the mother (always) and the father (only when the parents' marriage is
    recorded), so both are asked, pre-filled with what the register holds; approval writes
    them to the register, from which the akta is printed.
    """

    subject_field = "person"
    person = MemberChoiceField(label=gettext_lazy("Anggota keluarga yang belum memiliki akta kelahiran"))
    mother_name = forms.CharField(
        label=gettext_lazy("Nama ibu kandung"),
        max_length=120,
        help_text=gettext_lazy("Seperti tertulis pada surat keterangan lahir."),
        error_messages={"required": gettext_lazy("Isi nama ibu kandung: akta kelahiran selalu menyebut ibu.")},
    )
    father_name = forms.CharField(
        label=gettext_lazy("Nama ayah kandung"),
        max_length=120,
        required=False,
        help_text=gettext_lazy(
            "Isi bila perkawinan orang tua tercatat (buku nikah atau kutipan akta perkawinan). "
            "Bila dikosongkan, akta menyebut anak dari seorang ibu."
        ),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial = self._parents_from_register(self.initial)

    def _parents_from_register(self, initial: dict) -> dict:
        """``initial`` with the parents' names the register holds for its person, where it names none."""
        missing = [name for name in ("mother_name", "father_name") if name not in initial]
        try:
            person_id = int(initial.get("person") or 0)
        except (TypeError, ValueError):
            return initial
        person = self.fields["person"].queryset.filter(pk=person_id).first() if missing and person_id else None
        if person is None:
            return initial
        return {**initial, **{name: getattr(person, name) for name in missing}}

    def clean_mother_name(self) -> str:
        return person_name(self.cleaned_data["mother_name"])

    def clean_father_name(self) -> str:
        return person_name(self.cleaned_data["father_name"])

    def clean(self) -> dict:
        data = super().clean()
        person = data.get("person")
        if person and person.akta_kelahiran_number:
            self.add_error("person", _("%(name)s sudah memiliki akta kelahiran.") % {"name": person.full_name})
        return data

    def event_data(self) -> dict:
        d = self.cleaned_data
        return {"person_id": d["person"].pk, "mother_name": d["mother_name"], "father_name": d["father_name"]}


class BirthForm(EventForm):
    """One child, or two for twins; mother and father from the family or by name."""

    subject_field = "mother"

    @classmethod
    def prefill_name(cls) -> str | None:
        return None  # a newborn is not in the register yet

    full_name = forms.CharField(label=gettext_lazy("Nama lengkap anak"), max_length=120)
    # No default: a sex picked for the applicant would be recorded unnoticed.
    sex = forms.ChoiceField(label=gettext_lazy("Jenis kelamin anak"), choices=[("", "---"), *Sex.choices])
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
    partner_nik = forms.CharField(
        label=gettext_lazy("NIK pasangan dari luar keluarga"), max_length=16, required=False, widget=NIK_WIDGET
    )
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
        elif leaving and remaining and not are_spouses(leaving, remaining):
            self.add_error(
                "remaining",
                _("Pihak yang tetap harus suami atau istri dari pihak yang keluar menurut Kartu Keluarga ini."),
            )
        children = data.get("children_with_leaving_ids")
        if children and any(c.relationship != Relationship.CHILD for c in children):
            self.add_error("children_with_leaving_ids", _("Hanya anak yang dapat dipilih."))
        return data


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
