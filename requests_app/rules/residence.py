"""Residence events (split, data change, moves) and the services without an event."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from documents.models import DocumentType as D
from registry.choices import Citizenship, LifeStatus, MaritalStatus, Relationship
from registry.identifiers import decode_nik
from registry.models import Family, Person, Region
from registry.services import FAMILY_FIELDS, PERSON_FIELDS, clean_person_value
from requests_app.rules.base import (
    Plan,
    changes_text,
    date_text,
    get_date,
    get_family,
    get_person,
    get_persons,
    get_text,
    invalid,
    living_members,
    of_ktp_age,
    ref,
    today,
)
from requests_app.rules.departure import plan_departure
from requests_app.rules.kinship import relationships_to_new_head

# Fields printed on the KTP-el (a change there needs a new card); the KK prints them all.
KTP_FIELDS = frozenset(
    {
        "full_name",
        "sex",
        "birth_place",
        "birth_date",
        "blood_type",
        "religion",
        "marital_status",
        "occupation",
        "citizenship",
    }
)

# Why a KTP-el is replaced (KTP_PENGGANTIAN's ``cause``); only a data change changes the register.
LOST, DAMAGED, DATA_CHANGE = "HILANG", "RUSAK", "PERUBAHAN_DATA"
REPLACEMENT_CAUSES = (LOST, DAMAGED, DATA_CHANGE)


def _kk(plan: Plan, family: Family, label: str = "") -> None:
    plan.job(D.KK, name=label or _("keluarga %(kk)s") % {"kk": family.nomor_kk}, family=family)


def plan_split(plan: Plan, data: dict, application: object) -> None:
    members = get_persons(data, "member_ids", _("Anggota yang memisahkan diri"))
    head = get_person(data, "new_head_id", _("Kepala keluarga baru"))
    if head.pk not in {m.pk for m in members}:
        members.insert(0, head)
    origin = members[0].family
    if origin is None or any(m.family_id != origin.pk for m in members):
        raise invalid(_("Semua anggota yang memisahkan diri harus berasal dari KK yang sama."), "same_family")
    if not of_ktp_age(head):
        raise invalid(
            _("%(name)s belum berusia 17 tahun dan belum pernah kawin, sehingga belum dapat menjadi kepala keluarga.")
            % {"name": head.full_name},
            "head_age",
        )
    if len(members) == len(living_members(origin)):
        raise invalid(_("Pisah KK tidak dapat memindahkan seluruh anggota keluarga."), "whole_family")
    plan.touch(origin, *members)
    others = [m for m in members if m.pk != head.pk]
    plan.change(
        "family_form",
        _("%(name)s membentuk keluarga baru dengan nomor KK baru (%(n)s anggota)")
        % {"name": head.full_name, "n": len(members)},
        creates="family",
        head=head.pk,
        members=relationships_to_new_head(head, others),
    )
    plan.job(D.KK, name=_("keluarga baru %(name)s") % {"name": head.full_name}, family_ref="family")
    stays = plan_departure(plan, origin, {m.pk for m in members})
    if stays is not None:
        _kk(plan, stays)


def _clean_changes(data: dict, *, allow_family: bool) -> tuple[dict, dict]:
    raw = data.get("changes") or {}
    if not isinstance(raw, dict):
        raise invalid(_("Perubahan data tidak sah."), "changes")
    person_changes: dict = {}
    family_changes: dict = {}
    for name, value in raw.items():
        if allow_family and name in FAMILY_FIELDS:
            family_changes[name] = str(value).strip()
        elif name in PERSON_FIELDS and name not in ("full_name", "citizenship", "relationship"):
            cleaned = clean_person_value(name, value)
            if hasattr(cleaned, "isoformat"):
                if cleaned > today():
                    raise invalid(_("Tanggal tidak boleh di masa depan."), "future_date")
                cleaned = cleaned.isoformat()
            person_changes[name] = cleaned
        else:
            raise invalid(_("Data %(field)s tidak dapat diubah melalui layanan ini.") % {"field": name}, "field")
    return person_changes, family_changes


def plan_data_change(plan: Plan, data: dict, application: object) -> None:
    """FAMILY_CHANGED (KK_PERUBAHAN) and IDENTITY_CHANGED (KTP_PENGGANTIAN)."""
    identity = plan.event == "IDENTITY_CHANGED"
    person = get_person(data, "person_id", _("Penduduk"))
    get_text(data, "reason", _("Alasan"), required=not identity)
    person_changes, family_changes = _clean_changes(data, allow_family=not identity)
    family = person.family
    plan.touch(person, family)
    # Only what actually differs from the register counts as a change (before asking whether
    # anything changed: a "change" to the value already recorded needs no new KK or KTP-el).
    person_changes = {k: v for k, v in person_changes.items() if _current(person, k) != v}
    if family is not None:
        family_changes = {k: v for k, v in family_changes.items() if getattr(family, k) != v}
    if identity:
        _check_replacement_cause(data, person_changes)
    if not identity and not person_changes and not family_changes:
        raise invalid(_("Pilih sekurang-kurangnya satu data yang berubah."), "no_changes")
    if identity and not of_ktp_age(person):
        raise invalid(
            _("%(name)s belum wajib KTP-el (belum 17 tahun dan belum pernah kawin).") % {"name": person.full_name},
            "ktp_age",
        )
    if identity and person.ktp_el_issued_at is None:
        raise invalid(
            _("%(name)s belum pernah memiliki KTP-el, jadi tidak ada yang diganti: ajukan melalui layanan KTP-el Baru.")
            % {"name": person.full_name},
            "no_ktp",
        )
    if person_changes:
        plan.change_person_data(person, person_changes)
    if family_changes and family is not None:
        plan.change(
            "family_update",
            _("Alamat keluarga %(kk)s diubah: %(what)s")
            % {"kk": family.nomor_kk, "what": changes_text(family_changes)},
            family=family.pk,
            changes=family_changes,
        )
    if identity:
        plan.job(D.KTP_EL, name=person.full_name, subject=person, family=family, payload={"reason": data.get("reason")})
        if person_changes and family is not None:
            _kk(plan, family)
        return
    if family is not None:
        _kk(plan, family)
    ktp_holders = []
    if family_changes:
        ktp_holders = [m for m in living_members(family) if of_ktp_age(m)]
    elif KTP_FIELDS & set(person_changes) and of_ktp_age(person):
        ktp_holders = [person]
    for holder in ktp_holders:
        plan.touch(holder)
        plan.job(D.KTP_EL, name=holder.full_name, subject=holder, family=family)


def _check_replacement_cause(data: dict, changes: dict) -> None:
    """A KTP-el replaced as lost or damaged changes no data; one replaced for a data change names it.

    Applications made before the form asked for the cause have none: they are planned as before.
    """
    cause = data.get("cause")
    if cause in (None, ""):
        return
    if cause not in REPLACEMENT_CAUSES:
        raise invalid(_("Alasan penggantian KTP-el tidak dikenal."), "cause")
    if cause == DATA_CHANGE and not changes:
        raise invalid(_("Pilih sekurang-kurangnya satu data yang berubah."), "no_changes")
    if cause != DATA_CHANGE and changes:
        raise invalid(
            _("Data yang berubah hanya diisi bila KTP-el diganti karena perubahan data."), "changes_without_cause"
        )


def _current(person: Person, field: str) -> object:
    value = getattr(person, field)
    return value.isoformat() if hasattr(value, "isoformat") else value


def plan_move_out(plan: Plan, data: dict, application: object) -> None:
    abroad = plan.event == "MOVED_ABROAD"
    members = get_persons(data, "member_ids", _("Anggota yang pindah"))
    moved_on = get_date(data, "move_date", _("Tanggal pindah"))
    destination = get_text(data, "destination", _("Alamat tujuan"))
    family = members[0].family
    if any(m.family_id != (family.pk if family else None) for m in members):
        raise invalid(_("Anggota yang pindah dalam satu permohonan harus dari KK yang sama."), "same_family")
    plan.touch(family, *members)
    for member in members:
        plan.change(
            "person_move_out",
            _("%(name)s dicatat pindah ke %(to)s pada %(date)s")
            % {"name": member.full_name, "to": destination, "date": date_text(moved_on)},
            person=member.pk,
            move_date=moved_on.isoformat(),
        )
    plan.job(
        D.SKPLN if abroad else D.SKPWNI,
        name=", ".join(m.full_name for m in members),
        subject=members[0],
        family=family,
        payload={
            "member_ids": [m.pk for m in members],
            "move_date": moved_on.isoformat(),
            "destination": destination,
            "reason": data.get("reason", ""),
            # The letter prints the family the movers leave as it was: approval changes the
            # register (movers out, maybe a new head and nomor KK) before the letter is made.
            "origin_family": {
                "nomor_kk": family.nomor_kk if family else "",
                "head_name": family.head.full_name if family and family.head else "",
            },
            "relationships": {str(m.pk): m.relationship for m in members},
        },
    )
    stays = plan_departure(plan, family, {m.pk for m in members})
    if stays is not None:
        _kk(plan, stays)


def plan_move_in(plan: Plan, data: dict, application: object) -> None:
    abroad = plan.event == "ARRIVED_FROM_ABROAD"
    persons = data.get("persons") or []
    if not isinstance(persons, list) or not persons:
        raise invalid(_("Data penduduk yang datang wajib diisi."), "required")
    join = get_family(data, "join_family_id", _("KK tujuan"), required=False)
    origin = get_text(data, "origin", _("Daerah asal"))
    # The form asks it of an arrival from abroad (the SKDLN prints it); applications made
    # before it did have none and are still planned.
    arrived = get_date(data, "arrival_date", _("Tanggal kedatangan"), required=False) if abroad else None
    cleaned = []
    seen = set()
    for index, item in enumerate(persons):
        label = _("Penduduk ke-%(n)s") % {"n": index + 1}
        nik = get_text(item, "nik", _("NIK %(label)s") % {"label": label})
        decode_nik(nik)
        if nik in seen:
            raise invalid(_("NIK %(nik)s tercantum dua kali.") % {"nik": nik}, "duplicate_nik")
        seen.add(nik)
        if Person.objects.filter(nik=nik).exclude(status=LifeStatus.MOVED_OUT).exists():
            raise invalid(_("NIK %(nik)s sudah terdaftar sebagai penduduk Kota Gorontalo.") % {"nik": nik}, "resident")
        born = get_date(item, "birth_date", _("Tanggal lahir %(label)s") % {"label": label})
        for key, field_label in (("full_name", _("Nama")), ("sex", _("Jenis kelamin")), ("religion", _("Agama"))):
            get_text(item, key, f"{field_label} {label}")
        if join is not None and item.get("relationship") == Relationship.HEAD:
            raise invalid(
                _("KK tujuan sudah memiliki kepala keluarga; pilih hubungan lain untuk %(label)s.") % {"label": label},
                "two_heads",
            )
        cleaned.append({**item, "nik": nik, "birth_date": born.isoformat(), "full_name": item["full_name"].upper()})
    kelurahan_code = None
    if join is None:
        kelurahan_code = get_text(data, "kelurahan_code", _("Kelurahan tujuan"))
        if not Region.objects.filter(pk=kelurahan_code, level="kelurahan").exists():
            raise invalid(_("Kelurahan tujuan tidak dikenal."), "kelurahan")
        get_text(data, "address", _("Alamat"))
        heads = [p for p in cleaned if p.get("relationship") == Relationship.HEAD] or cleaned[:1]
        head = heads[0]
    plan.touch(join)
    for index, item in enumerate(cleaned):
        is_head = join is None and item is head
        plan.change(
            "person_register",
            _("%(name)s (NIK %(nik)s) didaftarkan datang dari %(origin)s")
            % {"name": item["full_name"], "nik": item["nik"], "origin": origin},
            creates=f"person{index}",
            nik=item["nik"],
            full_name=item["full_name"],
            sex=item["sex"],
            birth_date=item["birth_date"],
            birth_place=str(item.get("birth_place") or ""),
            religion=item["religion"],
            marital_status=item.get("marital_status") or MaritalStatus.SINGLE,
            relationship="" if is_head else (item.get("relationship") or Relationship.OTHER_RELATIVE),
            family=join.pk if join else None,
        )
    family_ref = ""
    if join is None:
        head_index = cleaned.index(head)
        family_ref = "family"
        plan.change(
            "family_form",
            _("Keluarga baru dengan kepala keluarga %(name)s dan nomor KK baru") % {"name": head["full_name"]},
            creates="family",
            head=ref(f"person{head_index}"),
            members=[
                [ref(f"person{i}"), p.get("relationship") or Relationship.OTHER_RELATIVE]
                for i, p in enumerate(cleaned)
                if i != head_index
            ],
            address=str(data.get("address") or ""),
            rt=str(data.get("rt") or ""),
            rw=str(data.get("rw") or ""),
            kelurahan=kelurahan_code,
        )
    if abroad:
        plan.job(
            D.SKDLN,
            name=", ".join(p["full_name"] for p in cleaned),
            subject_ref="person0",
            family=join,
            family_ref=family_ref,
            payload={"origin": origin, "arrival_date": arrived.isoformat() if arrived else None},
        )
    plan.job(
        D.KK,
        name=_("keluarga %(kk)s") % {"kk": join.nomor_kk} if join else _("keluarga baru"),
        family=join,
        family_ref=family_ref,
    )
    for index, item in enumerate(cleaned):
        newcomer = Person(
            birth_date=dt.date.fromisoformat(item["birth_date"]),
            marital_status=item.get("marital_status") or MaritalStatus.SINGLE,
        )
        adult = of_ktp_age(newcomer)
        plan.job(
            D.KTP_EL if adult else D.KIA,
            name=item["full_name"],
            subject_ref=f"person{index}",
            family=join,
            family_ref=family_ref,
        )


def plan_no_event(plan: Plan, data: dict, application: object) -> None:
    """KK_HILANG_RUSAK, KTP_BARU, KIA, SKTT_WNA: a document for data already in the register."""
    code = plan.event
    if code == "KK_HILANG_RUSAK":
        family = get_family(data, "family_id", _("Keluarga"), required=False)
        if family is None:
            person = get_person(data, "person_id", _("Penduduk"))
            family = person.family
        if family is None or not family.is_active:
            raise invalid(_("Keluarga tidak ditemukan."), "no_family")
        plan.touch(family)
        _kk(plan, family)
        return
    person = get_person(data, "person_id", _("Penduduk"))
    plan.touch(person)
    if code == "KTP_BARU":
        if not of_ktp_age(person):
            raise invalid(
                _("%(name)s belum berusia 17 tahun dan belum pernah kawin.") % {"name": person.full_name}, "ktp_age"
            )
        if person.ktp_el_is_current:
            raise invalid(
                _(
                    "%(name)s sudah memiliki KTP-el yang berlaku. KTP-el yang hilang, rusak, atau datanya "
                    "berubah diganti melalui layanan Penggantian KTP-el."
                )
                % {"name": person.full_name},
                "ktp_held",
            )
        plan.job(D.KTP_EL, name=person.full_name, subject=person, family=person.family)
    elif code == "KIA":
        if of_ktp_age(person):
            raise invalid(
                _("KIA hanya untuk anak di bawah 17 tahun yang belum kawin; %(name)s sudah wajib KTP-el.")
                % {"name": person.full_name},
                "kia_age",
            )
        plan.job(D.KIA, name=person.full_name, subject=person, family=person.family)
    elif code == "SKTT_WNA":
        if person.citizenship != Citizenship.WNA:
            raise invalid(_("SKTT hanya untuk orang asing (WNA)."), "citizenship")
        plan.job(D.SKTT, name=person.full_name, subject=person, family=person.family)
    else:
        raise invalid(_("Layanan %(code)s tidak dikenal.") % {"code": code}, "service")
