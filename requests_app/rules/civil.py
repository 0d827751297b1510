"""Civil-registry events: birth, stillbirth, death, marriage, divorce, notes on deeds."""

from __future__ import annotations

from django.utils.translation import gettext as _

from documents.models import DocumentType as D
from registry.choices import LifeStatus, MaritalStatus, Relationship, Religion, Sex
from registry.identifiers import decode_nik
from registry.models import Family, Person
from requests_app.rules.base import (
    Plan,
    are_spouses,
    date_text,
    get_date,
    get_family,
    get_person,
    get_text,
    invalid,
    living_members,
    of_ktp_age,
    ref,
    spouse_in_family,
)
from requests_app.rules.departure import plan_departure


def plan_death(plan: Plan, data: dict, application: object) -> None:
    deceased = get_person(data, "deceased_id", _("Almarhum/almarhumah"))
    death_date = get_date(data, "death_date", _("Tanggal meninggal"))
    if death_date < deceased.birth_date:
        raise invalid(_("Tanggal meninggal tidak boleh sebelum tanggal lahir."), "date_order")
    get_text(data, "death_place", _("Tempat meninggal"))
    family = deceased.family
    plan.touch(deceased, family)
    reason = _("Kematian %(name)s") % {"name": deceased.full_name}
    plan.change(
        "person_mark_deceased",
        _("%(name)s dicatat meninggal pada %(date)s dan keluar dari KK")
        % {"name": deceased.full_name, "date": date_text(death_date)},
        person=deceased.pk,
        death_date=death_date.isoformat(),
    )
    members = living_members(family, excluding={deceased.pk})
    spouse = spouse_in_family(deceased, members)
    if spouse is not None and spouse.marital_status == MaritalStatus.MARRIED:
        plan.touch(spouse)
        plan.change(
            "person_set_marital_status",
            _("Status perkawinan %(name)s menjadi CERAI MATI") % {"name": spouse.full_name},
            person=spouse.pk,
            status=MaritalStatus.WIDOWED,
        )
    plan.job(
        D.AKTA_KEMATIAN,
        name=deceased.full_name,
        subject=deceased,
        family=family,
        payload={
            "death_date": death_date.isoformat(),
            "death_place": data.get("death_place", ""),
            "cause": data.get("cause", ""),
            "reason": reason,
        },
    )
    remaining = plan_departure(plan, family, {deceased.pk})
    if remaining is not None:
        plan.job(D.KK, name=_("keluarga %(kk)s") % {"kk": remaining.nomor_kk}, family=remaining)
    if spouse is not None and of_ktp_age(spouse):
        plan.job(D.KTP_EL, name=spouse.full_name, subject=spouse, family=family)


def plan_late_birth_registration(plan: Plan, data: dict) -> None:
    """A resident already in the KK (NIK issued) whose birth was never registered: the akta.

    The akta is printed from the register, so the parents the application names are written
    to the person first (the KK prints them too: a new KK version when they change). The
    person, NIK and KK number stay as they are; the akta number is recorded on the person
    when the document is issued.
    """
    person = get_person(data, "person_id", _("Anak"))
    if person.akta_kelahiran_number:
        raise invalid(
            _("%(name)s sudah memiliki akta kelahiran nomor %(number)s.")
            % {"name": person.full_name, "number": person.akta_kelahiran_number},
            "already_registered",
        )
    changes = {key: name for key, name in _parents_named(person, data).items() if getattr(person, key) != name}
    plan.touch(person)
    if changes:
        plan.touch(person.family)
        plan.change_person_data(person, changes)
    plan.job(
        D.AKTA_KELAHIRAN,
        name=person.full_name,
        subject=person,
        family=person.family,
        payload={"late_registration": True},
    )
    if changes and person.family is not None:
        plan.job(D.KK, name=_("keluarga %(kk)s") % {"kk": person.family.nomor_kk}, family=person.family)


def _parents_named(person: Person, data: dict) -> dict[str, str]:
    """The parents' names the akta prints: as the application names them, else as the register
    holds them (an application filed before the form asked for them). The mother is required."""
    names = {
        key: " ".join(str(data.get(key) or "").split()).upper() if key in data else getattr(person, key)
        for key in ("mother_name", "father_name")
    }
    if not names["mother_name"]:
        raise invalid(_("Nama ibu kandung wajib diisi: akta kelahiran selalu menyebut ibu."), "required")
    return names


def plan_birth(plan: Plan, data: dict, application: object) -> None:
    if data.get("person_id"):
        plan_late_birth_registration(plan, data)
        return
    children = data.get("children") or []
    if not isinstance(children, list) or not children:
        raise invalid(_("Data anak yang lahir wajib diisi."), "required")
    mother = get_person(data, "mother_id", _("Ibu"), required=False, alive=False)
    father = get_person(data, "father_id", _("Ayah"), required=False, alive=False)
    mother_name = mother.full_name if mother else get_text(data, "mother_name", _("Nama ibu"))
    father_name = father.full_name if father else str(data.get("father_name") or "").strip().upper()
    if mother is not None and mother.sex != Sex.FEMALE:
        raise invalid(_("Ibu yang dipilih tidak berjenis kelamin perempuan."), "sex")
    if father is not None and father.sex != Sex.MALE:
        raise invalid(_("Ayah yang dipilih tidak berjenis kelamin laki-laki."), "sex")
    family = _living_family(mother) or _living_family(father) or getattr(application, "family", None)
    if family is None or not family.is_active:
        raise invalid(_("Keluarga tempat anak didaftarkan tidak ditemukan."), "no_family")
    parent = next((p for p in (mother, father) if p is not None and p.family_id == family.pk), None)
    relationship = Relationship.CHILD
    if parent is not None and parent.relationship == Relationship.CHILD:
        relationship = Relationship.GRANDCHILD
    religion = (mother or father or family.head or Person(religion=Religion.ISLAM)).religion
    plan.touch(family, mother, father)
    for index, child in enumerate(children):
        label = _("Anak ke-%(n)s") % {"n": index + 1}
        name = get_text(child, "full_name", _("Nama %(label)s") % {"label": label}).upper()
        sex = get_text(child, "sex", _("Jenis kelamin %(label)s") % {"label": label})
        if sex not in Sex.values:
            raise invalid(_("Jenis kelamin %(label)s tidak sah.") % {"label": label}, "sex")
        born = get_date(child, "birth_date", _("Tanggal lahir %(label)s") % {"label": label})
        place = get_text(child, "birth_place", _("Tempat lahir %(label)s") % {"label": label})
        if Person.objects.filter(family=family, full_name=name, birth_date=born, status=LifeStatus.ALIVE).exists():
            raise invalid(
                _("%(name)s yang lahir %(date)s sudah tercatat dalam KK ini.")
                % {"name": name, "date": date_text(born)},
                "already_registered",
            )
        key = f"child{index}"
        plan.change(
            "person_create",
            _("%(name)s dicatat lahir %(date)s, mendapat NIK baru dan masuk KK %(kk)s sebagai %(rel)s")
            % {"name": name, "date": date_text(born), "kk": family.nomor_kk, "rel": relationship},
            creates=key,
            full_name=name,
            sex=sex,
            birth_date=born.isoformat(),
            birth_place=place,
            family=family.pk,
            relationship=relationship,
            religion=religion,
            father_name=father_name,
            mother_name=mother_name,
        )
        plan.job(D.AKTA_KELAHIRAN, name=name, subject_ref=key, family=family, payload={"child_index": index})
        plan.job(D.KIA, name=name, subject_ref=key, family=family)
    plan.job(D.KK, name=_("keluarga %(kk)s") % {"kk": family.nomor_kk}, family=family)


def _living_family(person: Person | None) -> Family | None:
    if person is None or person.status != LifeStatus.ALIVE or person.family is None:
        return None
    return person.family if person.family.is_active else None


def plan_stillbirth(plan: Plan, data: dict, application: object) -> None:
    mother = get_person(data, "mother_id", _("Ibu"))
    date = get_date(data, "date", _("Tanggal kejadian"))
    place = get_text(data, "place", _("Tempat kejadian"))
    plan.touch(mother)
    plan.job(
        D.SK_LAHIR_MATI,
        name=_("dari ibu %(name)s") % {"name": mother.full_name},
        subject=mother,
        family=mother.family,
        payload={"date": date.isoformat(), "place": place},
    )


def _spouse(plan: Plan, data: dict, role: str, sex: str, label: str) -> tuple[Person | None, dict | None]:
    """(resident, None) or (None, external data) for the husband or wife of a marriage."""
    person = get_person(data, f"{role}_id", label, required=False)
    if person is not None:
        if person.sex != sex:
            raise invalid(_("Jenis kelamin %(label)s tidak sesuai.") % {"label": label}, "sex")
        return person, None
    external = data.get(f"{role}_external")
    if not isinstance(external, dict) or not external:
        raise invalid(_("%(label)s wajib dipilih atau diisi.") % {"label": label}, "required")
    nik = get_text(external, "nik", _("NIK %(label)s") % {"label": label})
    decode_nik(nik)
    if Person.objects.filter(nik=nik).exclude(status=LifeStatus.MOVED_OUT).exists():
        raise invalid(
            _("%(label)s dengan NIK %(nik)s sudah terdaftar di Kota Gorontalo; pilih dari data penduduk.")
            % {"label": label, "nik": nik},
            "resident",
        )
    get_text(external, "full_name", _("Nama %(label)s") % {"label": label})
    get_date(external, "birth_date", _("Tanggal lahir %(label)s") % {"label": label})
    if external.get("sex", sex) != sex:
        raise invalid(_("Jenis kelamin %(label)s tidak sesuai.") % {"label": label}, "sex")
    return None, external


def plan_marriage(plan: Plan, data: dict, application: object, *, with_deed: bool = True) -> None:
    husband, husband_ext = _spouse(plan, data, "husband", Sex.MALE, _("Suami"))
    wife, wife_ext = _spouse(plan, data, "wife", Sex.FEMALE, _("Istri"))
    if husband is None and wife is None:
        raise invalid(_("Sekurang-kurangnya satu mempelai harus penduduk Kota Gorontalo."), "no_resident")
    married_on = get_date(data, "marriage_date", _("Tanggal perkawinan"))
    religion = str(data.get("religion") or (husband or wife).religion)
    if religion not in Religion.values:
        raise invalid(_("Agama perkawinan tidak sah."), "religion")
    for person in (husband, wife):
        if person is not None and with_deed and person.marital_status == MaritalStatus.MARRIED:
            raise invalid(_("%(name)s masih tercatat berstatus KAWIN.") % {"name": person.full_name}, "already_married")
    plan.touch(husband, wife)
    refs: dict[str, object] = {}
    for role, person, external in (("husband", husband, husband_ext), ("wife", wife, wife_ext)):
        if person is not None:
            refs[role] = person.pk
            if person.marital_status != MaritalStatus.MARRIED or person.marriage_date != married_on:
                plan.change(
                    "person_set_marital_status",
                    _("Status perkawinan %(name)s menjadi KAWIN sejak %(date)s")
                    % {"name": person.full_name, "date": date_text(married_on)},
                    person=person.pk,
                    status=MaritalStatus.MARRIED,
                    date=married_on.isoformat(),
                )
            continue
        refs[role] = ref(role)
        plan.change(
            "person_register",
            _("%(name)s (NIK %(nik)s, dari luar Kota Gorontalo) didaftarkan sebagai penduduk")
            % {"name": external["full_name"].upper(), "nik": external["nik"]},
            creates=role,
            nik=external["nik"],
            full_name=external["full_name"],
            sex=Sex.MALE if role == "husband" else Sex.FEMALE,
            birth_date=str(external["birth_date"]),
            birth_place=str(external.get("birth_place") or ""),
            religion=str(external.get("religion") or religion),
            marital_status=MaritalStatus.MARRIED,
            marriage_date=married_on.isoformat(),
        )
    resident = husband or wife
    origins = [p.family for p in (husband, wife) if p is not None and p.family is not None]
    head_name = husband.full_name if husband else husband_ext["full_name"].upper()
    plan.change(
        "family_form",
        _("Keluarga baru dengan kepala keluarga %(name)s dan nomor KK baru") % {"name": head_name},
        creates="family",
        head=refs["husband"],
        members=[[refs["wife"], Relationship.WIFE]],
        kelurahan=resident.family.kelurahan_id if resident.family else None,
    )
    if with_deed and religion != Religion.ISLAM:
        plan.job(
            D.AKTA_PERKAWINAN,
            name=_("%(h)s dan %(w)s")
            % {"h": head_name, "w": wife.full_name if wife else wife_ext["full_name"].upper()},
            subject=husband,
            subject_ref="" if husband else "husband",
            family_ref="family",
            payload={"marriage_date": married_on.isoformat(), "place": data.get("place", ""), "religion": religion},
        )
    plan.job(D.KK, name=_("keluarga baru %(name)s") % {"name": head_name}, family_ref="family")
    leaving = {p.pk for p in (husband, wife) if p is not None}
    seen: set[int] = set()
    for origin in origins:
        if origin.pk in seen:
            continue
        seen.add(origin.pk)
        stays = plan_departure(plan, origin, leaving)
        if stays is not None:
            plan.job(D.KK, name=_("keluarga asal %(kk)s") % {"kk": stays.nomor_kk}, family=stays)
    for role, person, external in (("husband", husband, husband_ext), ("wife", wife, wife_ext)):
        name = person.full_name if person else external["full_name"].upper()
        plan.job(D.KTP_EL, name=name, subject=person, subject_ref="" if person else role, family_ref="family")


def plan_divorce(plan: Plan, data: dict, application: object) -> None:
    leaving = get_person(data, "leaving_id", _("Pihak yang keluar dari KK"))
    remaining = get_person(data, "remaining_id", _("Pihak yang tetap"))
    divorced_on = get_date(data, "divorce_date", _("Tanggal perceraian"))
    decision = get_text(data, "decision_number", _("Nomor putusan pengadilan"))
    if leaving.pk == remaining.pk:
        raise invalid(_("Kedua pihak perceraian harus orang yang berbeda."), "same_person")
    for person in (leaving, remaining):
        if person.marital_status != MaritalStatus.MARRIED:
            raise invalid(_("%(name)s tidak tercatat berstatus KAWIN.") % {"name": person.full_name}, "not_married")
    if not are_spouses(leaving, remaining):
        raise invalid(
            _("%(a)s dan %(b)s tidak tercatat sebagai suami dan istri dalam satu Kartu Keluarga.")
            % {"a": leaving.full_name, "b": remaining.full_name},
            "not_spouses",
        )
    family = remaining.family if remaining.family_id == leaving.family_id else leaving.family
    child_ids = [int(x) for x in data.get("children_with_leaving_ids") or []]
    children = list(Person.objects.filter(pk__in=child_ids, status=LifeStatus.ALIVE))
    if len(children) != len(set(child_ids)) or any(c.family_id != leaving.family_id for c in children):
        raise invalid(_("Anak yang ikut harus anggota keluarga yang sama."), "children")
    plan.touch(leaving, remaining, family, *children)
    for person in (leaving, remaining):
        plan.change(
            "person_set_marital_status",
            _("Status perkawinan %(name)s menjadi CERAI HIDUP") % {"name": person.full_name},
            person=person.pk,
            status=MaritalStatus.DIVORCED,
        )
    plan.change(
        "family_form",
        _("%(name)s membentuk keluarga baru dengan nomor KK baru%(kids)s")
        % {
            "name": leaving.full_name,
            "kids": (_(" bersama %(n)s anak") % {"n": len(children)}) if children else "",
        },
        creates="family",
        head=leaving.pk,
        members=[[c.pk, Relationship.CHILD] for c in children],
    )
    religion = remaining.religion
    if religion != Religion.ISLAM:
        plan.job(
            D.AKTA_PERCERAIAN,
            name=_("%(a)s dan %(b)s") % {"a": leaving.full_name, "b": remaining.full_name},
            subject=remaining,
            family=family,
            payload={"divorce_date": divorced_on.isoformat(), "decision_number": decision},
        )
    stays = plan_departure(plan, family, {leaving.pk, *(c.pk for c in children)})
    if stays is not None:
        plan.job(D.KK, name=_("keluarga %(kk)s") % {"kk": stays.nomor_kk}, family=stays)
    plan.job(D.KK, name=_("keluarga baru %(name)s") % {"name": leaving.full_name}, family_ref="family")
    plan.job(D.KTP_EL, name=leaving.full_name, subject=leaving, family_ref="family")
    plan.job(D.KTP_EL, name=remaining.full_name, subject=remaining, family=family)


NOTE_LABELS = {
    "CHILD_ACKNOWLEDGED": "pengakuan anak",
    "CHILD_LEGITIMATED": "pengesahan anak",
    "ADOPTION": "pengangkatan anak",
    "NAME_CHANGED": "perubahan nama",
    "CITIZENSHIP_CHANGED": "perubahan kewarganegaraan",
    "DEED_ANNULLED": "pembatalan akta",
    "OTHER_EVENT": "peristiwa penting lainnya",
}


def plan_marginal_note(plan: Plan, data: dict, application: object) -> None:
    """Events recorded as a catatan pinggir on an existing deed, plus the KK (and KTP-el)."""
    event = plan.event
    key = "child_id" if event in ("CHILD_ACKNOWLEDGED", "CHILD_LEGITIMATED", "ADOPTION") else "person_id"
    person = get_person(data, key, _("Anak") if key == "child_id" else _("Penduduk"))
    decision = get_text(data, "decision_number", _("Nomor putusan/penetapan"), required=event != "CHILD_LEGITIMATED")
    plan.touch(person, person.family)
    changes: dict = {}
    if key == "child_id":
        father = get_text(data, "father_name", _("Nama ayah")).upper()
        mother = str(data.get("mother_name") or "").strip().upper()
        changes["father_name"] = father
        if mother:
            changes["mother_name"] = mother
    elif event == "NAME_CHANGED":
        changes["full_name"] = get_text(data, "new_name", _("Nama baru")).upper()
        if changes["full_name"] == person.full_name:
            raise invalid(_("Nama baru sama dengan nama yang tercatat."), "same_name")
    elif event == "CITIZENSHIP_CHANGED":
        changes["citizenship"] = get_text(data, "citizenship", _("Kewarganegaraan"))
        if changes["citizenship"] not in ("WNI", "WNA"):
            raise invalid(_("Kewarganegaraan harus WNI atau WNA."), "citizenship")
    if changes:
        plan.change_person_data(person, changes)
    plan.job(
        D.CATATAN_PINGGIR,
        name=_("%(what)s pada akta %(name)s") % {"what": NOTE_LABELS[event], "name": person.full_name},
        subject=person,
        family=person.family,
        payload={"event": event, "decision_number": decision, "note": data.get("note", ""), "changes": changes},
    )
    if person.family is not None:
        plan.job(D.KK, name=_("keluarga %(kk)s") % {"kk": person.family.nomor_kk}, family=person.family)
    if event in ("NAME_CHANGED", "CITIZENSHIP_CHANGED") and of_ktp_age(person):
        plan.job(D.KTP_EL, name=changes.get("full_name", person.full_name), subject=person, family=person.family)


def plan_family_of(data: dict) -> Family | None:
    return get_family(data, "family_id", _("Keluarga"), required=False)
