"""The data a document prints, frozen as JSON when its job is prepared.

A snapshot is built from the register (subject, family, persons named in the event) and
the event itself (the application's ``event_data`` overlaid with the job's ``payload``).
It holds only JSON values (dates as ISO strings), is stored on the job and then on the
``IssuedDocument``, and is what the layout draws and the QR token's record digest covers.
Every snapshot carries ``subject: {"name", "nik"}`` for the token.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Prefetch

from registry.choices import LifeStatus, Relationship
from registry.models import Family, Person

# The order the KK lists members in: head first, then spouse, children, others.
RELATIONSHIP_ORDER = {value: index for index, value in enumerate(Relationship.values)}
KTP_AGE = 17


class SnapshotError(ValueError):
    """The job does not name what its document needs (a permanent error: no retry)."""


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def person_data(person: Person) -> dict:
    birthday_17 = _add_years(person.birth_date, KTP_AGE)
    return {
        "nik": person.nik,
        "full_name": person.full_name,
        "sex": person.sex,
        "birth_place": person.birth_place,
        "birth_date": _iso(person.birth_date),
        "religion": person.religion,
        "education": person.education,
        "occupation": person.occupation,
        "blood_type": person.blood_type,
        "marital_status": person.marital_status,
        "marriage_date": _iso(person.marriage_date),
        "relationship": person.relationship,
        "citizenship": person.citizenship,
        "passport_number": person.passport_number,
        "kitap_number": person.kitap_number,
        "father_name": person.father_name,
        "mother_name": person.mother_name,
        "death_date": _iso(person.death_date),
        "akta_kelahiran_number": person.akta_kelahiran_number,
        "kia_valid_until": _iso(birthday_17 - dt.timedelta(days=1)),
    }


def external_person_data(data: dict) -> dict:
    """A person named in the event but not in the register (spouse from outside the city)."""
    return {
        "nik": data.get("nik", ""),
        "full_name": data.get("full_name", ""),
        "sex": data.get("sex", ""),
        "birth_place": data.get("birth_place", ""),
        "birth_date": data.get("birth_date"),
        "religion": data.get("religion", ""),
        "education": data.get("education", ""),
        "occupation": data.get("occupation", ""),
        "blood_type": data.get("blood_type", ""),
        "marital_status": data.get("marital_status", ""),
        "marriage_date": data.get("marriage_date"),
        "relationship": data.get("relationship", ""),
        "citizenship": data.get("citizenship", "WNI"),
        "passport_number": data.get("passport_number", ""),
        "kitap_number": data.get("kitap_number", ""),
        "father_name": data.get("father_name", ""),
        "mother_name": data.get("mother_name", ""),
        "death_date": None,
        "akta_kelahiran_number": "",
        "kia_valid_until": None,
    }


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def address_data(family: Family | None) -> dict:
    if family is None:
        return {"nomor_kk": "", "head_name": "", "address": "", "rt": "", "rw": "", "postal_code": ""} | dict.fromkeys(
            ("kelurahan", "kecamatan", "city", "province"), ""
        )
    kelurahan = family.kelurahan
    kecamatan = kelurahan.parent
    city = kecamatan.parent if kecamatan else None
    province = city.parent if city else None
    return {
        "nomor_kk": family.nomor_kk,
        "head_name": family.head.full_name if family.head else "",
        "address": family.address,
        "rt": family.rt,
        "rw": family.rw,
        "postal_code": family.postal_code,
        "kelurahan": kelurahan.name.upper(),
        "kecamatan": kecamatan.name.upper() if kecamatan else "",
        "city": city.name.upper() if city else "",
        "province": province.name.upper() if province else "",
    }


def family_data(family: Family) -> dict:
    """The family as the KK prints it (living members); one query unless ``families_load`` loaded it."""
    living = getattr(family, "living_members", None)
    if living is None:
        living = Person.objects.filter(family=family, status=LifeStatus.ALIVE)
    members = sorted(living, key=lambda p: (RELATIONSHIP_ORDER.get(p.relationship, 99), p.birth_date, p.pk))
    return address_data(family) | {"members": [person_data(m) for m in members]}


def families_load(family_ids: Iterable[int]) -> dict[int, Family]:
    """Families with their region chain, head and living members, in two queries however many."""
    return (
        Family.objects.select_related("kelurahan__parent__parent__parent", "head")
        .prefetch_related(
            Prefetch("members", queryset=Person.objects.filter(status=LifeStatus.ALIVE), to_attr="living_members")
        )
        .in_bulk({int(pk) for pk in family_ids})
    )


def _family(family_id: int | None) -> Family | None:
    if family_id is None:
        return None
    return families_load([family_id])[family_id]


def _persons(ids: Iterable[int]) -> dict[int, Person]:
    return Person.objects.in_bulk([int(i) for i in ids if i])


class SnapshotSource:
    """What a job offers to build from: its subject, family and event data."""

    def __init__(self, *, subject: Person | None, family: Family | None, event: dict) -> None:
        self.subject = subject
        self.family = family
        self.event = event

    def require_subject(self) -> Person:
        if self.subject is None:
            raise SnapshotError("Pekerjaan dokumen ini tidak menyebut penduduk yang bersangkutan.")
        return self.subject

    def person(self, key: str, external_key: str | None = None) -> dict | None:
        person_id = self.event.get(key)
        if person_id:
            person = Person.objects.filter(pk=person_id).first()
            if person is not None:
                return person_data(person)
        if external_key and self.event.get(external_key):
            return external_person_data(self.event[external_key])
        return None


def snapshot_build(
    *, doc_type: str, subject: Person | None, family: Family | None, event: dict, families: dict | None = None
) -> dict:
    """The snapshot for one document; raises ``SnapshotError`` when the job lacks data.

    ``families`` (from ``families_load``) spares a batch the family queries of each job.
    """
    family_id = family.pk if family is not None else subject.family_id if subject is not None else None
    if family_id is not None:
        family = (families or {}).get(family_id) or _family(family_id)
    source = SnapshotSource(subject=subject, family=family, event=event)
    builder = BUILDERS[doc_type]
    return builder(source)


def _kk(source: SnapshotSource) -> dict:
    if source.family is None:
        raise SnapshotError("Pekerjaan KK tidak menyebut keluarga.")
    data = family_data(source.family)
    head = next((m for m in data["members"] if m["relationship"] == Relationship.HEAD), None)
    return {
        "family": data,
        "subject": {"name": data["head_name"], "nik": head["nik"] if head else ""},
    }


def _person_card(source: SnapshotSource) -> dict:
    person = person_data(source.require_subject())
    return {
        "person": person,
        "address": address_data(source.family),
        "subject": {"name": person["full_name"], "nik": person["nik"]},
    }


def _akta_kelahiran(source: SnapshotSource) -> dict:
    person = person_data(source.require_subject())
    return {"person": person, "subject": {"name": person["full_name"], "nik": person["nik"]}}


NOTE_TEXTS = {
    "CHILD_ACKNOWLEDGED": "Anak tersebut telah diakui oleh ayahnya, {father_name}.",
    "CHILD_LEGITIMATED": "Anak tersebut telah disahkan sebagai anak dari {father_name} dan {mother_name}.",
    "ADOPTION": "Anak tersebut telah diangkat sebagai anak oleh {father_name} dan {mother_name}.",
    "NAME_CHANGED": "Nama yang bersangkutan diubah menjadi {new_name}.",
    "CITIZENSHIP_CHANGED": "Kewarganegaraan yang bersangkutan berubah menjadi {citizenship}.",
    "DEED_ANNULLED": "Akta ini dibatalkan sesuai putusan pengadilan. {note}",
    "OTHER_EVENT": "{note}",
}


def _catatan_pinggir(source: SnapshotSource) -> dict:
    data = _akta_kelahiran(source)
    event = source.event
    kind = event.get("event") or event.get("note_kind") or ("NAME_CHANGED" if event.get("new_name") else "OTHER_EVENT")
    values = {k: event.get(k, "") for k in ("father_name", "mother_name", "new_name", "citizenship", "note")}
    text = event.get("note_text") or NOTE_TEXTS.get(kind, "{note}").format(**values).strip() or "-"
    data["note"] = {"kind": kind, "text": text, "decision_number": event.get("decision_number", "")}
    return data


def _akta_kematian(source: SnapshotSource) -> dict:
    person = person_data(source.require_subject())
    event = source.event
    death = {
        "date": event.get("death_date") or person["death_date"],
        "place": event.get("death_place", ""),
        "cause": event.get("cause", ""),
    }
    return {"person": person, "death": death, "subject": {"name": person["full_name"], "nik": person["nik"]}}


def _couple(source: SnapshotSource, first: tuple[str, str | None], second: tuple[str, str | None]) -> dict:
    one = source.person(*first)
    two = source.person(*second)
    if one is None and source.subject is not None:
        one = person_data(source.subject)
    if one is None or two is None:
        raise SnapshotError("Data kedua pihak tidak lengkap.")
    husband, wife = (one, two) if one["sex"] != "PEREMPUAN" else (two, one)
    return {"husband": husband, "wife": wife}


def _akta_perkawinan(source: SnapshotSource) -> dict:
    data = _couple(source, ("husband_id", "husband_external"), ("wife_id", "wife_external"))
    event = source.event
    data["marriage"] = {
        "date": event.get("marriage_date"),
        "place": event.get("place", ""),
        "religion": event.get("religion", ""),
    }
    data["subject"] = {"name": f"{data['husband']['full_name']} & {data['wife']['full_name']}", "nik": ""}
    return data


def _akta_perceraian(source: SnapshotSource) -> dict:
    data = _couple(source, ("leaving_id", None), ("remaining_id", None))
    event = source.event
    data["divorce"] = {"date": event.get("divorce_date"), "decision_number": event.get("decision_number", "")}
    data["subject"] = {"name": f"{data['husband']['full_name']} & {data['wife']['full_name']}", "nik": ""}
    return data


def _moving(source: SnapshotSource) -> dict:
    event = source.event
    member_ids = [int(i) for i in event.get("member_ids") or []]
    movers = _persons(member_ids)
    # The approval took the movers out of their family (relationship blank; the family may
    # have a new head and nomor KK, or be closed) before this runs: the plan kept the family
    # as they left it in the payload. Jobs planned before it did so print the register.
    relationships = event.get("relationships") or {}

    def as_they_left(person: Person) -> dict:
        data = person_data(person)
        data["relationship"] = relationships.get(str(person.pk), data["relationship"])
        return data

    ordered = [as_they_left(movers[i]) for i in member_ids if i in movers]
    subject = source.subject or next((movers[i] for i in member_ids if i in movers), None)
    if subject is None:
        raise SnapshotError("Tidak ada penduduk yang pindah.")
    applicant = as_they_left(subject)
    family = source.family or (_family(subject.family_id) if subject.family_id else None)
    origin = address_data(family) | (event.get("origin_family") or {})
    return {
        "applicant": applicant,
        "origin": origin,
        "movers": ordered or [applicant],
        "move": {
            "date": event.get("move_date"),
            "destination": event.get("destination", ""),
            "reason": event.get("reason", ""),
        },
        "subject": {"name": applicant["full_name"], "nik": applicant["nik"]},
    }


def _skdln(source: SnapshotSource) -> dict:
    event = source.event
    persons = [external_person_data(p) for p in event.get("persons") or []]
    if not persons and source.subject is not None:
        persons = [person_data(source.subject)]
    if not persons:
        raise SnapshotError("Tidak ada penduduk yang datang.")
    address = address_data(source.family)
    for key in ("address", "rt", "rw"):
        address[key] = event.get(key) or address[key]
    return {
        "persons": persons,
        "address": address,
        "arrival": {
            "origin": event.get("origin", ""),
            "date": event.get("arrival_date") or event.get("move_date"),
            "nomor_kk": address["nomor_kk"],
        },
        "subject": {"name": persons[0]["full_name"], "nik": persons[0]["nik"]},
    }


def _sktt(source: SnapshotSource) -> dict:
    return _person_card(source)


def _sk_lahir_mati(source: SnapshotSource) -> dict:
    event = source.event
    mother = source.person("mother_id") or (person_data(source.subject) if source.subject else None)
    if mother is None:
        raise SnapshotError("Data ibu tidak ada.")
    family = source.family
    if family is None and event.get("mother_id"):
        person = Person.objects.filter(pk=event["mother_id"]).first()
        family = _family(person.family_id) if person and person.family_id else None
    husband = ""
    if family is not None:
        husband = (
            Person.objects.filter(family=family, relationship=Relationship.HEAD, sex="LAKI-LAKI")
            .values_list("full_name", flat=True)
            .first()
            or ""
        )
    return {
        "mother": mother,
        "father_name": event.get("father_name") or husband,
        "address": address_data(family),
        "stillbirth": {"date": event.get("date"), "place": event.get("place", "")},
        "subject": {"name": mother["full_name"], "nik": mother["nik"]},
    }


BUILDERS = {
    "KK": _kk,
    "KTP_EL": _person_card,
    "KIA": _person_card,
    "AKTA_KELAHIRAN": _akta_kelahiran,
    "AKTA_KEMATIAN": _akta_kematian,
    "AKTA_PERKAWINAN": _akta_perkawinan,
    "AKTA_PERCERAIAN": _akta_perceraian,
    "CATATAN_PINGGIR": _catatan_pinggir,
    "SKPWNI": _moving,
    "SKPLN": _moving,
    "SKDLN": _skdln,
    "SKTT": _sktt,
    "SK_LAHIR_MATI": _sk_lahir_mati,
}
