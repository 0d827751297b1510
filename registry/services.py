"""Writes on the register: every change an approved event or a PIAK correction makes.

Each function is transactional, locks the rows it changes, records who and why in the
history (``simple_history``: ``history_user`` and ``history_change_reason``) and bumps
``data_changed_at`` on the person and on the family whose printed data changed, so the KK
and KTP-el held until now stop counting as current.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dukcapil.bulk import rows_update
from registry.choices import (
    BloodType,
    Citizenship,
    Education,
    LifeStatus,
    MaritalStatus,
    Relationship,
    Religion,
    Sex,
)
from registry.identifiers import decode_nik, generate_nik, generate_nomor_kk, nik_differences
from registry.models import Family, Person, Region

logger = logging.getLogger(__name__)

# Person fields a correction or a data-change event may set, with their value lists.
PERSON_FIELDS: dict[str, type | None] = {
    "full_name": None,
    "sex": Sex,
    "birth_place": None,
    "birth_date": dt.date,
    "religion": Religion,
    "education": Education,
    "occupation": None,
    "blood_type": BloodType,
    "marital_status": MaritalStatus,
    "marriage_date": dt.date,
    "citizenship": Citizenship,
    "passport_number": None,
    "kitap_number": None,
    "father_name": None,
    "mother_name": None,
    "relationship": Relationship,
}
FAMILY_FIELDS = ("address", "rt", "rw", "postal_code")


def _audit(record: Person | Family, actor: object | None, reason: str) -> None:
    record._history_user = actor if getattr(actor, "is_authenticated", False) else None
    record._change_reason = reason[:100] if reason else ""


def _locked_person(person: Person | int) -> Person:
    return Person.objects.select_for_update().get(pk=getattr(person, "pk", person))


def _locked_family(family: Family | int) -> Family:
    return Family.objects.select_for_update().get(pk=getattr(family, "pk", family))


def _family_changed(family_id: int | None, *, actor: object | None, reason: str, now: dt.datetime) -> None:
    if family_id is None:
        return
    family = _locked_family(family_id)
    family.data_changed_at = now
    _audit(family, actor, reason)
    family.save(update_fields=["data_changed_at"])


def person_nik_warnings(person: Person) -> list[str]:
    """Warnings for staff when ``person``'s NIK encodes another birth date or sex than recorded.

    Never a reason to refuse a change: a NIK is permanent (register.md). ``person_update``
    and ``person_register`` log them; callers that can show a message show these.
    """
    return nik_differences(person.nik, birth_date=person.birth_date, sex=person.sex)


def _log_nik_warnings(person: Person) -> None:
    for warning in person_nik_warnings(person):
        logger.warning("register: person %s: %s", person.pk, warning)


def clean_person_value(field: str, value: object) -> object:
    """``value`` converted and checked for ``Person.<field>``; ``ValidationError`` in Indonesian."""
    if field not in PERSON_FIELDS:
        raise ValidationError(_("Data %(field)s tidak dapat diubah melalui layanan ini.") % {"field": field})
    kind = PERSON_FIELDS[field]
    if kind is dt.date:
        if value in (None, ""):
            return None
        try:
            return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        except ValueError:
            raise ValidationError(_("Tanggal untuk %(field)s tidak sah.") % {"field": field}) from None
    text = str(value or "").strip()
    if kind is not None and text not in kind.values:
        raise ValidationError(
            _("Nilai %(value)s tidak sah untuk %(field)s.")
            % {"value": text, "field": Person._meta.get_field(field).verbose_name}
        )
    if field == "full_name":
        if not text:
            raise ValidationError(_("Nama lengkap tidak boleh kosong."))
        text = text.upper()
    return text


@transaction.atomic
def person_update(*, person: Person | int, changes: dict, actor: object | None = None, reason: str = "") -> Person:
    """Set printed fields of a person (a data change, name or citizenship change, correction).

    A birth date or sex that no longer matches the NIK is saved all the same (the NIK is
    permanent) and logged; ``person_nik_warnings`` gives the warning to show.
    """
    locked = _locked_person(person)
    now = timezone.now()
    fields = []
    for name, value in changes.items():
        setattr(locked, name, clean_person_value(name, value))
        fields.append(name)
    if not fields:
        return locked
    locked.data_changed_at = now
    _audit(locked, actor, reason)
    locked.save(update_fields=[*fields, "data_changed_at"])
    _family_changed(locked.family_id, actor=actor, reason=reason, now=now)
    if {"birth_date", "sex"} & set(fields):
        _log_nik_warnings(locked)
    return locked


@transaction.atomic
def person_set_marital_status(
    *,
    person: Person | int,
    status: str,
    date: dt.date | str | None = None,
    actor: object | None = None,
    reason: str = "",
) -> Person:
    """Marital status (KAWIN with the marriage date; CERAI HIDUP / CERAI MATI keep it)."""
    changes: dict = {"marital_status": status}
    if status == MaritalStatus.MARRIED:
        changes["marriage_date"] = date
    return person_update(person=person, changes=changes, actor=actor, reason=reason)


def _person_leave(
    *,
    person: Person | int,
    status: str,
    date_field: str,
    date: dt.date | str,
    not_alive_message: str,
    actor: object | None,
    reason: str,
) -> Person:
    """Take a living person out of the register's active families with ``status`` from ``date``."""
    locked = _locked_person(person)
    if locked.status != LifeStatus.ALIVE:
        raise ValidationError(not_alive_message % {"name": locked.full_name})
    now = timezone.now()
    family_id = locked.family_id
    locked.status = status
    setattr(locked, date_field, _date(date))
    locked.family = None
    locked.relationship = ""
    locked.data_changed_at = now
    _audit(locked, actor, reason)
    locked.save(update_fields=["status", date_field, "family", "relationship", "data_changed_at"])
    _family_changed(family_id, actor=actor, reason=reason, now=now)
    return locked


@transaction.atomic
def person_mark_deceased(
    *, person: Person | int, death_date: dt.date | str, actor: object | None = None, reason: str = ""
) -> Person:
    """The person died on ``death_date`` and leaves the active family."""
    return _person_leave(
        person=person,
        status=LifeStatus.DECEASED,
        date_field="death_date",
        date=death_date,
        not_alive_message=_("%(name)s sudah tidak tercatat hidup."),
        actor=actor,
        reason=reason,
    )


@transaction.atomic
def person_move_out(
    *, person: Person | int, move_date: dt.date | str, actor: object | None = None, reason: str = ""
) -> Person:
    """The person leaves the register (status PINDAH) on ``move_date``."""
    return _person_leave(
        person=person,
        status=LifeStatus.MOVED_OUT,
        date_field="moved_out_date",
        date=move_date,
        not_alive_message=_("%(name)s sudah tidak tercatat sebagai penduduk."),
        actor=actor,
        reason=reason,
    )


@transaction.atomic
def person_join_family(
    *,
    person: Person | int,
    family: Family | int,
    relationship: str,
    actor: object | None = None,
    reason: str = "",
) -> Person:
    """Move a person into ``family`` (leaving any other: a person has one active family)."""
    locked = _locked_person(person)
    target = _locked_family(family)
    now = timezone.now()
    old_family_id = locked.family_id
    locked.family = target
    locked.relationship = clean_person_value("relationship", relationship)
    locked.data_changed_at = now
    _audit(locked, actor, reason)
    locked.save(update_fields=["family", "relationship", "data_changed_at"])
    if old_family_id and old_family_id != target.pk:
        _family_changed(old_family_id, actor=actor, reason=reason, now=now)
    _family_changed(target.pk, actor=actor, reason=reason, now=now)
    return locked


@transaction.atomic
def person_create(
    *,
    full_name: str,
    sex: str,
    birth_date: dt.date | str,
    birth_place: str,
    family: Family | int,
    relationship: str,
    religion: str,
    father_name: str = "",
    mother_name: str = "",
    actor: object | None = None,
    reason: str = "",
) -> Person:
    """A newborn: a new person with a new NIK (kecamatan of the family), added to ``family``."""
    target = _locked_family(family)
    region = Region.objects.get(pk=target.kelurahan_id)
    born = _date(birth_date)
    sex = str(clean_person_value("sex", sex))
    person = Person(
        nik=generate_nik(region_code=region.nik_code, birth_date=born, sex=sex),
        full_name=str(clean_person_value("full_name", full_name)),
        sex=sex,
        birth_date=born,
        birth_place=birth_place.strip().upper(),
        religion=str(clean_person_value("religion", religion)),
        education=Education.NONE,
        occupation="BELUM/TIDAK BEKERJA",
        blood_type=BloodType.UNKNOWN,
        marital_status=MaritalStatus.SINGLE,
        father_name=father_name.strip().upper(),
        mother_name=mother_name.strip().upper(),
        family=target,
        relationship=str(clean_person_value("relationship", relationship)),
    )
    _audit(person, actor, reason)
    person.save()
    _family_changed(target.pk, actor=actor, reason=reason, now=person.data_changed_at)
    return person


@transaction.atomic
def person_register(
    *,
    nik: str,
    full_name: str,
    sex: str,
    birth_date: dt.date | str,
    birth_place: str,
    religion: str,
    relationship: str = "",
    family: Family | int | None = None,
    marital_status: str = MaritalStatus.SINGLE,
    marriage_date: dt.date | str | None = None,
    actor: object | None = None,
    reason: str = "",
) -> Person:
    """A person arriving with an existing NIK (moving in, a spouse from outside the city).

    A former resident who moved away comes back under the same record; a NIK of someone
    living in the register is refused (a NIK is never issued twice). A birth date or sex
    other than the NIK's is registered all the same and logged (``person_nik_warnings``).
    """
    decode_nik(nik)
    existing = Person.objects.select_for_update().filter(nik=nik).first()
    if existing is not None and existing.status != LifeStatus.MOVED_OUT:
        raise ValidationError(_("NIK %(nik)s sudah terdaftar sebagai penduduk Kota Gorontalo.") % {"nik": nik})
    person = existing or Person(nik=nik)
    person.full_name = str(clean_person_value("full_name", full_name))
    person.sex = str(clean_person_value("sex", sex))
    person.birth_date = _date(birth_date)
    person.birth_place = birth_place.strip().upper()
    person.religion = str(clean_person_value("religion", religion))
    person.marital_status = str(clean_person_value("marital_status", marital_status))
    person.marriage_date = _date(marriage_date) if marriage_date else None
    if existing is None:
        person.education = Education.NONE
        person.occupation = "BELUM/TIDAK BEKERJA"
        person.blood_type = BloodType.UNKNOWN
    person.status = LifeStatus.ALIVE
    person.moved_out_date = None
    person.family = _locked_family(family) if family else None
    person.relationship = str(clean_person_value("relationship", relationship)) if relationship else ""
    person.data_changed_at = timezone.now()
    _audit(person, actor, reason)
    person.save()
    _family_changed(person.family_id, actor=actor, reason=reason, now=person.data_changed_at)
    _log_nik_warnings(person)
    return person


@transaction.atomic
def family_form(
    *,
    head: Person | int,
    members: Iterable[tuple[Person | int, str]] = (),
    address: str = "",
    rt: str = "",
    rw: str = "",
    postal_code: str = "",
    kelurahan: Region | str | None = None,
    actor: object | None = None,
    reason: str = "",
) -> Family:
    """A new family (new nomor KK, issued today in the kelurahan's kecamatan) with ``head``
    and ``members`` (person, relationship); each leaves the family it belonged to.

    Address fields left empty are taken from the head's current family (or a member's).
    """
    head_person = _locked_person(head)
    members = list(members)
    # The address defaults to the head's family, else (a head from outside) a member's.
    origin_ids = [head_person.family_id] + [getattr(m, "family_id", None) for m, _rel in members]
    origin = Family.objects.filter(pk=next((pk for pk in origin_ids if pk), None)).first()
    if kelurahan is None:
        if origin is None:
            raise ValidationError(_("Kelurahan keluarga baru wajib diisi."))
        kelurahan = origin.kelurahan_id
    region = Region.objects.get(pk=getattr(kelurahan, "pk", kelurahan))
    now = timezone.now()
    family = Family(
        nomor_kk=generate_nomor_kk(region_code=region.nik_code, issue_date=timezone.localdate()),
        address=address or (origin.address if origin else ""),
        rt=rt or (origin.rt if origin else ""),
        rw=rw or (origin.rw if origin else ""),
        postal_code=postal_code or (origin.postal_code if origin else region.postal_code),
        kelurahan=region,
        created_at=now,
        data_changed_at=now,
    )
    _audit(family, actor, reason)
    family.save()
    person_join_family(person=head_person, family=family, relationship=Relationship.HEAD, actor=actor, reason=reason)
    family.head = head_person
    _audit(family, actor, reason)
    family.save(update_fields=["head"])
    for member, relationship in members:
        person_join_family(person=member, family=family, relationship=relationship, actor=actor, reason=reason)
    return family


@transaction.atomic
def family_change_head(
    *, family: Family | int, head: Person | int, actor: object | None = None, reason: str = ""
) -> Family:
    """``head`` now heads ``family``, which gets a new nomor KK (register.md).

    When a child takes over, the surviving parent becomes ORANG TUA and siblings FAMILI LAIN.
    """
    locked = _locked_family(family)
    new_head = _locked_person(head)
    if new_head.family_id != locked.pk:
        raise ValidationError(_("%(name)s bukan anggota keluarga ini.") % {"name": new_head.full_name})
    was = new_head.relationship
    now = timezone.now()
    if was == Relationship.CHILD:
        others = Person.objects.select_for_update().filter(family=locked).exclude(pk=new_head.pk)
        for other in others:
            if other.relationship in (Relationship.HEAD, Relationship.HUSBAND, Relationship.WIFE):
                other.relationship = Relationship.PARENT
            elif other.relationship == Relationship.CHILD:
                other.relationship = Relationship.OTHER_RELATIVE
            else:
                continue
            other.data_changed_at = now
            _audit(other, actor, reason)
            other.save(update_fields=["relationship", "data_changed_at"])
    new_head.relationship = Relationship.HEAD
    new_head.data_changed_at = now
    _audit(new_head, actor, reason)
    new_head.save(update_fields=["relationship", "data_changed_at"])
    region = Region.objects.get(pk=locked.kelurahan_id)
    locked.head = new_head
    locked.nomor_kk = generate_nomor_kk(region_code=region.nik_code, issue_date=timezone.localdate())
    locked.data_changed_at = now
    _audit(locked, actor, reason)
    locked.save(update_fields=["head", "nomor_kk", "data_changed_at"])
    return locked


@transaction.atomic
def family_update(*, family: Family | int, changes: dict, actor: object | None = None, reason: str = "") -> Family:
    """Change the family's address fields (printed on the KK and on every member's KTP-el)."""
    locked = _locked_family(family)
    fields = []
    for name, value in changes.items():
        if name not in FAMILY_FIELDS:
            raise ValidationError(_("Data %(field)s tidak dapat diubah melalui layanan ini.") % {"field": name})
        setattr(locked, name, str(value).strip().upper() if name == "address" else str(value).strip())
        fields.append(name)
    if not fields:
        return locked
    now = timezone.now()
    locked.data_changed_at = now
    _audit(locked, actor, reason)
    locked.save(update_fields=[*fields, "data_changed_at"])
    members = Person.objects.select_for_update().filter(family=locked, status=LifeStatus.ALIVE)
    for member in members:
        member.data_changed_at = now
        _audit(member, actor, reason)
        member.save(update_fields=["data_changed_at"])
    return locked


@transaction.atomic
def family_dissolve(*, family: Family | int, actor: object | None = None, reason: str = "") -> Family:
    """The family has no members left: inactive, no head."""
    locked = _locked_family(family)
    if Person.objects.filter(family=locked, status=LifeStatus.ALIVE).exists():
        raise ValidationError(_("Keluarga %(kk)s masih memiliki anggota.") % {"kk": locked.nomor_kk})
    locked.is_active = False
    locked.head = None
    locked.data_changed_at = timezone.now()
    _audit(locked, actor, reason)
    locked.save(update_fields=["is_active", "head", "data_changed_at"])
    return locked


def _date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


# --- holdings: which documents a family or person holds ---------------------------------
# Written when a document is issued (inside the issuing transaction). Holdings are not
# printed data: a single-row ``.update()`` of the holding fields only, with no history row
# and no ``data_changed_at`` bump (a KK printed after the last change is what makes it
# current). No ``@transaction.atomic`` of its own: one UPDATE is atomic, and a savepoint
# would add two queries to every document issued.


def holding_record_kks(*, printed: dict[int, tuple[dt.datetime, int]]) -> None:
    """Each family ``id`` in ``printed`` now holds KK ``version``, printed at ``printed_at``.

    ``printed`` maps family id -> ``(printed_at, version)``; one UPDATE however many families.
    """
    families = [Family(pk=pk, kk_printed_at=at, kk_version=version) for pk, (at, version) in printed.items()]
    rows_update(families, ["kk_printed_at", "kk_version"])


def holding_record_person(
    *,
    person_id: int,
    ktp_el_issued_at: dt.datetime | None = None,
    kia_issued_at: dt.datetime | None = None,
    akta_kelahiran_issued_at: dt.datetime | None = None,
    akta_kelahiran_number: str | None = None,
) -> None:
    """The person now holds the documents whose issue time (and deed number) is given; others keep theirs."""
    holdings = {
        "ktp_el_issued_at": ktp_el_issued_at,
        "kia_issued_at": kia_issued_at,
        "akta_kelahiran_issued_at": akta_kelahiran_issued_at,
        "akta_kelahiran_number": akta_kelahiran_number,
    }
    changes = {name: value for name, value in holdings.items() if value is not None}
    if changes:
        Person.objects.filter(pk=person_id).update(**changes)
