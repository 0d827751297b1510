"""What a plan is made of, and the small reads every event rule shares.

A plan never writes: it reads the register and returns register changes (``Change``) and
document jobs (``PlannedJob``). A change names a function of ``registry.services`` and its
arguments; a person or family that does not exist yet (a newborn, a new family) is named by
a *ref* (``{"ref": "child0"}``) that the approval resolves once the change ran.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from documents.models import DocumentType
from documents.services import JobSpec
from registry.choices import KTP_AGE, LifeStatus, MaritalStatus, Relationship
from registry.identifiers import nik_differences
from registry.models import Family, Person
from registry.services import PERSON_FIELDS, clean_person_value

DOC_LABELS = {
    DocumentType.KK: "Kartu Keluarga",
    DocumentType.KTP_EL: "KTP-el",
    DocumentType.KIA: "Kartu Identitas Anak",
    DocumentType.AKTA_KELAHIRAN: "Kutipan Akta Kelahiran",
    DocumentType.AKTA_KEMATIAN: "Kutipan Akta Kematian",
    DocumentType.AKTA_PERKAWINAN: "Kutipan Akta Perkawinan",
    DocumentType.AKTA_PERCERAIAN: "Kutipan Akta Perceraian",
    DocumentType.CATATAN_PINGGIR: "Catatan Pinggir pada Akta",
    DocumentType.SKPWNI: "Surat Keterangan Pindah WNI",
    DocumentType.SKPLN: "Surat Keterangan Pindah Luar Negeri",
    DocumentType.SKDLN: "Surat Keterangan Datang dari Luar Negeri",
    DocumentType.SKTT: "Surat Keterangan Tempat Tinggal",
    DocumentType.SK_LAHIR_MATI: "Surat Keterangan Lahir Mati",
}


def ref(name: str) -> dict:
    """A placeholder for the person or family that change ``name`` creates."""
    return {"ref": name}


def is_ref(value: object) -> bool:
    return isinstance(value, dict) and set(value) == {"ref"}


@dataclass(frozen=True)
class Change:
    """One write to the register: ``registry.services.<action>(**params)``.

    ``creates`` names the ref under which the created person/family is kept for later
    changes and jobs.
    """

    action: str
    params: dict
    text: str
    creates: str = ""

    def describe(self) -> str:
        return self.text

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class PlannedJob(JobSpec):
    """A ``JobSpec`` that can describe itself and may point at a person/family to be created."""

    text: str = ""
    subject_ref: str = ""
    family_ref: str = ""

    def describe(self) -> str:
        return self.text

    def as_spec(self, refs: dict[str, object]) -> JobSpec:
        """The plain ``JobSpec`` for ``documents.services.jobs_create`` with refs resolved."""
        subject_id = refs[self.subject_ref].pk if self.subject_ref else self.subject_id
        family_id = refs[self.family_ref].pk if self.family_ref else self.family_id
        return JobSpec(doc_type=self.doc_type, subject_id=subject_id, family_id=family_id, payload=self.payload)

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Plan:
    """Everything one application changes and yields; ``describe()`` is what people read."""

    event: str
    changes: list[Change] = field(default_factory=list)
    jobs: list[PlannedJob] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    persons: set[int] = field(default_factory=set)  # register records the plan touches
    families: set[int] = field(default_factory=set)

    def change(self, action: str, text: str, *, creates: str = "", **params: object) -> Change:
        item = Change(action=action, params=params, text=text, creates=creates)
        self.changes.append(item)
        return item

    def job(
        self,
        doc_type: str,
        *,
        name: str,
        subject: Person | None = None,
        family: Family | None = None,
        subject_ref: str = "",
        family_ref: str = "",
        payload: dict | None = None,
    ) -> PlannedJob:
        text = _("%(document)s untuk %(name)s") % {"document": DOC_LABELS.get(doc_type, doc_type), "name": name}
        item = PlannedJob(
            doc_type=str(doc_type),
            subject_id=subject.pk if subject else None,
            family_id=family.pk if family else None,
            payload=payload or {},
            text=text,
            subject_ref=subject_ref,
            family_ref=family_ref,
        )
        self.jobs.append(item)
        return item

    def change_person_data(self, person: Person, changes: dict) -> Change:
        """A ``person_update`` of ``changes`` (field -> new value), described field by field.

        A new birth date or sex that the NIK does not encode adds a warning: the change is
        made all the same (a NIK is permanent), but the applicant and the reviewer see it first.
        """
        self.warnings.extend(nik_warnings(person, changes))
        return self.change(
            "person_update",
            _("Data %(name)s diubah: %(what)s") % {"name": person.full_name, "what": changes_text(changes)},
            person=person.pk,
            changes=changes,
        )

    def touch(self, *records: Person | Family | None) -> None:
        for record in records:
            if isinstance(record, Person):
                self.persons.add(record.pk)
            elif isinstance(record, Family):
                self.families.add(record.pk)

    def describe(self) -> list[str]:
        return [item.describe() for item in self.changes] + [item.describe() for item in self.jobs]

    def as_dict(self) -> dict:
        return {
            "event": self.event,
            "changes": [item.as_dict() for item in self.changes],
            "jobs": [item.as_dict() for item in self.jobs],
            "warnings": list(self.warnings),
            "describe": self.describe(),
        }


def nik_warnings(person: Person, changes: dict) -> list[str]:
    """``nik_differences`` of ``person`` as it will be after ``changes`` to birth date or sex."""
    if not changes.keys() & {"birth_date", "sex"}:
        return []
    try:
        after = {name: clean_person_value(name, changes[name]) for name in ("birth_date", "sex") if name in changes}
    except ValidationError:
        return []  # the rule that reads the value refuses it with its own message
    birth_date = after.get("birth_date", person.birth_date)
    if birth_date is None:
        return []
    return nik_differences(person.nik, birth_date=birth_date, sex=after.get("sex", person.sex), proposed=after.keys())


def changes_text(changes: dict) -> str:
    """``field = value`` pairs for a change's description, each field by its register name."""
    return ", ".join(f"{field_label(k)} = {change_value_text(k, v)}" for k, v in changes.items())


def change_value_text(name: str, value: object) -> str:
    """A changed value as people read it: a date field's value as ``date_text`` gives it."""
    return date_text(value) if PERSON_FIELDS.get(name) is dt.date and value else str(value)


def date_text(value: object) -> str:
    """A date (or ISO date text) as people read it, "1 Januari 1970" in the active language;
    anything else as given (a rule refuses what is not a date with its own message)."""
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return date_format(day, "j F Y")


def field_label(name: str) -> str:
    """What people call a person or family field ("jenis pekerjaan" for ``occupation``), translated."""
    for model in (Person, Family):
        try:
            return str(model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            continue
    return name


# --- reading event data -------------------------------------------------------------------


def today() -> dt.date:
    return timezone.localdate()


def invalid(message: str, code: str = "invalid") -> ValidationError:
    return ValidationError(message, code=code)


def get_date(data: dict, key: str, label: str, *, required: bool = True) -> dt.date | None:
    """An ISO date from ``data[key]``, not in the future."""
    raw = data.get(key)
    if raw in (None, ""):
        if required:
            raise invalid(_("%(label)s wajib diisi.") % {"label": label}, "required")
        return None
    try:
        value = dt.date.fromisoformat(str(raw))
    except ValueError:
        raise invalid(_("%(label)s tidak sah (format TTTT-BB-HH).") % {"label": label}, "date") from None
    if value > today():
        raise invalid(_("%(label)s tidak boleh di masa depan.") % {"label": label}, "future_date")
    return value


def get_text(data: dict, key: str, label: str, *, required: bool = True) -> str:
    value = str(data.get(key) or "").strip()
    if required and not value:
        raise invalid(_("%(label)s wajib diisi.") % {"label": label}, "required")
    return value


def get_person(data: dict, key: str, label: str, *, alive: bool = True, required: bool = True) -> Person | None:
    raw = data.get(key)
    if raw in (None, ""):
        if required:
            raise invalid(_("%(label)s wajib dipilih.") % {"label": label}, "required")
        return None
    person = Person.objects.select_related("family__kelurahan").filter(pk=_as_int(raw, label)).first()
    if person is None:
        raise invalid(_("%(label)s tidak ditemukan dalam data kependudukan.") % {"label": label}, "unknown_person")
    if alive and person.status != LifeStatus.ALIVE:
        raise invalid(
            _("%(label)s (%(name)s) tidak tercatat sebagai penduduk yang masih hidup.")
            % {"label": label, "name": person.full_name},
            "not_alive",
        )
    return person


def get_persons(data: dict, key: str, label: str) -> list[Person]:
    raw = data.get(key) or []
    if not isinstance(raw, list) or not raw:
        raise invalid(_("%(label)s wajib dipilih.") % {"label": label}, "required")
    ids = [_as_int(item, label) for item in raw]
    persons = {p.pk: p for p in Person.objects.select_related("family__kelurahan").filter(pk__in=ids)}
    if len(persons) != len(set(ids)):
        raise invalid(_("%(label)s tidak ditemukan dalam data kependudukan.") % {"label": label}, "unknown_person")
    result = [persons[pk] for pk in dict.fromkeys(ids)]
    for person in result:
        if person.status != LifeStatus.ALIVE:
            raise invalid(
                _("%(name)s tidak tercatat sebagai penduduk yang masih hidup.") % {"name": person.full_name},
                "not_alive",
            )
    return result


def get_family(data: dict, key: str, label: str, *, required: bool = True) -> Family | None:
    raw = data.get(key)
    if raw in (None, ""):
        if required:
            raise invalid(_("%(label)s wajib dipilih.") % {"label": label}, "required")
        return None
    family = Family.objects.select_related("kelurahan", "head").filter(pk=_as_int(raw, label), is_active=True).first()
    if family is None:
        raise invalid(_("%(label)s tidak ditemukan atau tidak aktif.") % {"label": label}, "unknown_family")
    return family


def _as_int(raw: object, label: str) -> int:
    try:
        return int(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise invalid(_("%(label)s tidak sah.") % {"label": label}, "invalid") from None


# --- register facts ----------------------------------------------------------------------


def of_ktp_age(person: Person, on: dt.date | None = None) -> bool:
    """KTP-el age: 17 or older, or married / previously married (bundles.md)."""
    return person.marital_status != MaritalStatus.SINGLE or person.age_on(on or today()) >= KTP_AGE


def living_members(family: Family | None, *, excluding: set[int] = frozenset()) -> list[Person]:
    """Members of ``family`` who are alive and not in ``excluding``, eldest first."""
    if family is None:
        return []
    members = Person.objects.filter(family=family, status=LifeStatus.ALIVE).order_by("birth_date", "pk")
    return [p for p in members if p.pk not in excluding]


SPOUSE_ROLES = (Relationship.HUSBAND, Relationship.WIFE)


def spouse_in_family(person: Person, members: list[Person]) -> Person | None:
    """The person's spouse among ``members`` (head <-> SUAMI/ISTRI)."""
    if person.relationship == Relationship.HEAD:
        return next((m for m in members if m.relationship in SPOUSE_ROLES and m.pk != person.pk), None)
    if person.relationship in SPOUSE_ROLES:
        return next((m for m in members if m.relationship == Relationship.HEAD and m.pk != person.pk), None)
    return None


def are_spouses(one: Person, other: Person) -> bool:
    """Whether the two are each other's spouse in the register: the head and a SUAMI/ISTRI of one family."""
    if one.family_id is None or one.family_id != other.family_id:
        return False
    return spouse_in_family(one, [other]) == other


def choose_head(remaining: list[Person], *, spouse: Person | None = None) -> Person:
    """Who heads a family after its head leaves: the spouse, else the eldest adult child,
    else the eldest adult, else the eldest member (``remaining`` is eldest first)."""
    if spouse is not None and spouse in remaining:
        return spouse
    adults = [p for p in remaining if of_ktp_age(p)]
    children = [p for p in adults if p.relationship == Relationship.CHILD]
    return (children or adults or remaining)[0]
