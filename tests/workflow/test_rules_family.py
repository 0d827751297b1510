"""MARRIAGE, DIVORCE, FAMILY_SPLIT, moves, data changes, notes on deeds, services without event."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from registry.choices import LifeStatus, MaritalStatus, Relationship, Religion, Sex
from registry.models import Family, Person
from tests.factories import PersonFactory
from tests.workflow.conftest import doc_types

OUTSIDER_NIK = "3171011505950001"  # Jakarta Pusat, man born 15-05-1995


@pytest.fixture
def bride(actors):
    """The citizen's adult unmarried daughter."""
    daughter = actors["home"]["child0"]
    daughter.sex, daughter.birth_date = Sex.FEMALE, dt.date(1998, 4, 4)
    daughter.save()
    return daughter


def test_marriage_with_spouse_from_outside_the_city(actors, make_application, approve, bride):
    origin = bride.family
    data = {
        "husband_id": None,
        "husband_external": {
            "nik": OUTSIDER_NIK,
            "full_name": "Yohanes Lumban",
            "sex": Sex.MALE,
            "birth_date": "1995-05-15",
            "birth_place": "JAKARTA",
            "religion": Religion.KRISTEN,
        },
        "wife_id": bride.pk,
        "marriage_date": "2026-11-10",
        "place": "GMIM GORONTALO",
        "religion": Religion.KRISTEN,
    }
    application = approve(make_application("AKTA_PERKAWINAN", actors["citizen"], data))
    husband = Person.objects.get(nik=OUTSIDER_NIK)
    bride.refresh_from_db()
    assert husband.status == LifeStatus.ALIVE and husband.marital_status == MaritalStatus.MARRIED
    assert bride.marital_status == MaritalStatus.MARRIED and bride.marriage_date == dt.date(2026, 11, 10)
    new_family = Family.objects.get(pk=husband.family_id)
    assert new_family.head_id == husband.pk and bride.family_id == new_family.pk
    assert bride.relationship == Relationship.WIFE and husband.relationship == Relationship.HEAD
    assert new_family.nomor_kk.startswith("757101") and new_family.nomor_kk != origin.nomor_kk
    assert (new_family.address, new_family.kelurahan_id) == (origin.address, origin.kelurahan_id)
    assert doc_types(application) == ["AKTA_PERKAWINAN", "KK", "KK", "KTP_EL", "KTP_EL"]
    kk_families = set(application.jobs.filter(doc_type="KK").values_list("family_id", flat=True))
    assert kk_families == {new_family.pk, origin.pk}  # new family + the family of origin that stays


def test_muslim_marriage_between_two_residents_has_no_akta(actors, make_application, approve, bride):
    groom = PersonFactory(marital_status=MaritalStatus.SINGLE, sex=Sex.MALE)  # lives alone
    groom_family = groom.family
    data = {"husband_id": groom.pk, "wife_id": bride.pk, "marriage_date": "2026-11-10", "religion": Religion.ISLAM}
    application = approve(make_application("AKTA_PERKAWINAN", actors["citizen"], data))
    groom_family.refresh_from_db()
    assert not groom_family.is_active  # nobody left in the groom's old family
    assert doc_types(application) == ["KK", "KK", "KTP_EL", "KTP_EL"]


def test_married_person_cannot_marry_again(actors, make_application, bride):
    data = {"husband_id": actors["home"]["head"].pk, "wife_id": bride.pk, "marriage_date": "2026-11-10"}
    with pytest.raises(ValidationError, match="masih tercatat berstatus KAWIN"):
        make_application("AKTA_PERKAWINAN", actors["citizen"], data)


def test_divorce_leaving_head_takes_child_new_family(actors, make_application, approve):
    home = actors["home"]
    family = home["head"].family
    number = family.nomor_kk
    data = {
        "leaving_id": home["head"].pk,
        "remaining_id": home["wife"].pk,
        "divorce_date": "2026-10-01",
        "decision_number": "12/Pdt.G/2026/PN Gto",
        "children_with_leaving_ids": [home["child0"].pk],
    }
    application = approve(make_application("AKTA_PERCERAIAN", actors["citizen"], data))
    head = Person.objects.get(pk=home["head"].pk)
    wife = Person.objects.get(pk=home["wife"].pk)
    family.refresh_from_db()
    assert head.marital_status == wife.marital_status == MaritalStatus.DIVORCED
    assert head.family_id != family.pk and Person.objects.get(pk=home["child0"].pk).family_id == head.family_id
    assert family.head_id == wife.pk and family.nomor_kk != number
    assert doc_types(application) == ["KK", "KK", "KTP_EL", "KTP_EL"]  # Muslim: no akta perceraian


def test_family_split(actors, make_application, approve, bride):
    family = bride.family
    data = {"member_ids": [bride.pk], "new_head_id": bride.pk}
    application = approve(make_application("KK_PISAH", actors["citizen"], data))
    bride.refresh_from_db()
    assert bride.family_id != family.pk and bride.relationship == Relationship.HEAD
    assert doc_types(application) == ["KK", "KK"]


def test_family_split_minor_cannot_head(actors, make_application):
    child = actors["home"]["child0"]
    with pytest.raises(ValidationError, match="belum berusia 17"):
        make_application("KK_PISAH", actors["citizen"], {"member_ids": [child.pk], "new_head_id": child.pk})


def test_moving_out_the_whole_family(actors, make_application, approve):
    home = actors["home"]
    family = home["head"].family
    members = [home["head"].pk, home["wife"].pk, home["child0"].pk]
    data = {"member_ids": members, "move_date": "2026-11-15", "destination": "KOTA MANADO", "reason": "PEKERJAAN"}
    application = approve(make_application("PINDAH_KELUAR", actors["citizen"], data))
    assert set(Person.objects.filter(pk__in=members).values_list("status", flat=True)) == {LifeStatus.MOVED_OUT}
    family.refresh_from_db()
    assert not family.is_active
    assert doc_types(application) == ["SKPWNI"]


def test_moving_out_the_head_only(actors, make_application, approve):
    home = actors["home"]
    family = home["head"].family
    data = {"member_ids": [home["head"].pk], "move_date": "2026-11-15", "destination": "PALU"}
    application = approve(make_application("PINDAH_KELUAR", actors["citizen"], data))
    family.refresh_from_db()
    assert family.head_id == home["wife"].pk
    assert doc_types(application) == ["KK", "SKPWNI"]


def test_moving_in_joining_a_family(actors, make_application, approve):
    home = actors["home"]
    data = {
        "persons": [
            {
                "nik": OUTSIDER_NIK,
                "full_name": "Paman Datang",
                "sex": Sex.MALE,
                "birth_date": "1995-05-15",
                "birth_place": "JAKARTA",
                "religion": Religion.ISLAM,
                "relationship": Relationship.OTHER_RELATIVE,
            }
        ],
        "join_family_id": home["head"].family_id,
        "origin": "JAKARTA PUSAT",
    }
    application = approve(make_application("PINDAH_DATANG", actors["citizen"], data))
    newcomer = Person.objects.get(nik=OUTSIDER_NIK)
    assert newcomer.family_id == home["head"].family_id
    assert doc_types(application) == ["KK", "KTP_EL"]


def test_moving_in_a_new_family_through_the_operator(actors, make_application, approve):
    data = {
        "persons": [
            {
                "nik": OUTSIDER_NIK,
                "full_name": "Kepala Baru",
                "sex": Sex.MALE,
                "birth_date": "1995-05-15",
                "birth_place": "JAKARTA",
                "religion": Religion.ISLAM,
                "relationship": Relationship.HEAD,
            }
        ],
        "join_family_id": None,
        "address": "JL. BARU 1",
        "rt": "001",
        "rw": "001",
        "kelurahan_code": "75.71.01.1001",
        "origin": "JAKARTA",
    }
    with pytest.raises(ValidationError, match="operator"):
        make_application("PINDAH_DATANG", actors["citizen"], data)
    application = approve(make_application("PINDAH_DATANG", actors["operator"], data))
    newcomer = Person.objects.get(nik=OUTSIDER_NIK)
    assert newcomer.family.head_id == newcomer.pk and newcomer.family.kelurahan_id == "75.71.01.1001"
    assert doc_types(application) == ["KK", "KTP_EL"]


def test_occupation_change_needs_kk_and_ktp_education_only_kk(actors, make_application, approve):
    head = actors["home"]["head"]
    data = {"person_id": head.pk, "changes": {"occupation": "PEGAWAI NEGERI SIPIL"}, "reason": "SK PNS"}
    application = approve(make_application("KK_PERUBAHAN", actors["citizen"], data))
    assert Person.objects.get(pk=head.pk).occupation == "PEGAWAI NEGERI SIPIL"
    assert doc_types(application) == ["KK", "KTP_EL"]
    data = {"person_id": head.pk, "changes": {"education": "STRATA II"}, "reason": "IJAZAH"}
    assert doc_types(approve(make_application("KK_PERUBAHAN", actors["citizen"], data))) == ["KK"]


def _with_card(person):
    from django.utils import timezone

    person.ktp_el_issued_at = timezone.now()
    person.save(update_fields=["ktp_el_issued_at"])
    return person


def test_lost_ktp_replacement(actors, make_application, approve):
    head = actors["home"]["head"]
    data = {"person_id": head.pk, "changes": {}, "reason": "HILANG"}
    with pytest.raises(ValidationError, match="belum pernah memiliki KTP-el"):  # nothing to replace
        make_application("KTP_PENGGANTIAN", actors["citizen"], data)
    _with_card(head)
    assert doc_types(approve(make_application("KTP_PENGGANTIAN", actors["citizen"], data))) == ["KTP_EL"]
    with pytest.raises(ValidationError, match="belum wajib KTP-el"):
        make_application("KTP_PENGGANTIAN", actors["citizen"], {"person_id": actors["home"]["child0"].pk})


def test_name_change_adds_marginal_note_kk_ktp(actors, make_application, approve):
    head = actors["home"]["head"]
    data = {"person_id": head.pk, "new_name": "Abdul Hasan Baru", "decision_number": "5/Pdt.P/2026"}
    application = approve(make_application("PERUBAHAN_NAMA", actors["citizen"], data))
    assert Person.objects.get(pk=head.pk).full_name == "ABDUL HASAN BARU"
    assert doc_types(application) == ["CATATAN_PINGGIR", "KK", "KTP_EL"]


def test_child_acknowledged(actors, make_application, approve):
    child = actors["home"]["child0"]
    data = {"child_id": child.pk, "father_name": "Bapak Pengaku", "mother_name": "", "decision_number": "1/2026"}
    application = approve(make_application("PENGAKUAN_ANAK", actors["citizen"], data))
    assert Person.objects.get(pk=child.pk).father_name == "BAPAK PENGAKU"
    assert doc_types(application) == ["CATATAN_PINGGIR", "KK"]


def test_services_without_event(actors, make_application, approve):
    home = actors["home"]
    assert doc_types(approve(make_application("KIA", actors["citizen"], {"person_id": home["child0"].pk}))) == ["KIA"]
    with pytest.raises(ValidationError, match="KIA hanya untuk anak"):
        make_application("KIA", actors["citizen"], {"person_id": home["wife"].pk})
    kk = approve(make_application("KK_HILANG_RUSAK", actors["citizen"], {"family_id": home["head"].family_id}))
    assert doc_types(kk) == ["KK"]


def test_new_ktp_refused_to_a_current_holder(actors, make_application, approve):
    from django.utils import timezone

    home = actors["home"]
    head, wife = home["head"], home["wife"]
    head.ktp_el_issued_at = timezone.now()  # after data_changed_at: "KTP-el: dimiliki" on the family page
    head.save(update_fields=["ktp_el_issued_at"])
    with pytest.raises(ValidationError, match="Penggantian KTP-el"):
        make_application("KTP_BARU", actors["citizen"], {"person_id": head.pk})
    # Filed while she had none, her card issued elsewhere before approval: not approved twice.
    application = make_application("KTP_BARU", actors["citizen"], {"person_id": wife.pk})
    wife.ktp_el_issued_at = timezone.now()
    wife.save(update_fields=["ktp_el_issued_at"])
    with pytest.raises(ValidationError, match="sudah memiliki KTP-el"):
        approve(application)
    application.refresh_from_db()
    assert application.state == "SUBMITTED" and not application.jobs.exists()
    # A card printed before the last data change is reprinted through KTP-el Baru (the family page's link).
    wife.data_changed_at = timezone.now()
    wife.save(update_fields=["data_changed_at"])
    assert doc_types(approve(application)) == ["KTP_EL"]


def test_ktp_replacement_changes_data_only_for_a_data_change(actors, make_application, approve):
    head = _with_card(actors["home"]["head"])
    with pytest.raises(ValidationError, match="hanya diisi bila"):
        make_application(
            "KTP_PENGGANTIAN",
            actors["citizen"],
            {"person_id": head.pk, "cause": "HILANG", "changes": {"religion": "KRISTEN"}},
        )
    with pytest.raises(ValidationError, match="data yang berubah"):
        make_application("KTP_PENGGANTIAN", actors["citizen"], {"person_id": head.pk, "cause": "PERUBAHAN_DATA"})
    with pytest.raises(ValidationError, match="tidak dikenal"):
        make_application("KTP_PENGGANTIAN", actors["citizen"], {"person_id": head.pk, "cause": "DICURI"})
    lost = approve(make_application("KTP_PENGGANTIAN", actors["citizen"], {"person_id": head.pk, "cause": "RUSAK"}))
    assert doc_types(lost) == ["KTP_EL"]
    data = {"person_id": head.pk, "cause": "PERUBAHAN_DATA", "changes": {"occupation": "GURU"}}
    assert doc_types(approve(make_application("KTP_PENGGANTIAN", actors["citizen"], data))) == ["KK", "KTP_EL"]
    assert Person.objects.get(pk=head.pk).occupation == "GURU"
