"""BIRTH and STILLBIRTH: new NIKs, twins, a mother outside the register."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from registry.choices import Relationship, Sex
from registry.identifiers import decode_nik
from registry.models import Person
from requests_app.rules import plan_application
from tests.workflow.conftest import doc_types


def child(name, sex=Sex.FEMALE, day="2026-11-20"):
    return {"full_name": name, "sex": sex, "birth_date": day, "birth_place": "GORONTALO"}


def test_twins_get_two_niks_two_akta_two_kia_one_kk(actors, make_application, approve):
    home = actors["home"]
    data = {
        "children": [child("AISYAH PUTRI"), child("AHMAD PUTRA", Sex.MALE)],
        "mother_id": home["wife"].pk,
        "father_id": home["head"].pk,
    }
    application = make_application("AKTA_KELAHIRAN", actors["citizen"], data)
    texts = plan_application(application).describe()
    assert "Kutipan Akta Kelahiran untuk AISYAH PUTRI" in texts and "Kartu Identitas Anak untuk AHMAD PUTRA" in texts
    count = Person.objects.count()
    application = approve(application)
    assert Person.objects.count() == count + 2
    girl = Person.objects.get(full_name="AISYAH PUTRI")
    boy = Person.objects.get(full_name="AHMAD PUTRA")
    assert girl.nik != boy.nik
    assert decode_nik(girl.nik).sex == Sex.FEMALE and decode_nik(girl.nik).birth_date == dt.date(2026, 11, 20)
    assert girl.nik.startswith("757101") and girl.nik[6:8] == "60"  # 20 + 40 for a girl
    assert girl.family_id == boy.family_id == home["head"].family_id
    assert girl.relationship == Relationship.CHILD
    assert girl.mother_name == home["wife"].full_name and girl.father_name == home["head"].full_name
    assert doc_types(application) == ["AKTA_KELAHIRAN", "AKTA_KELAHIRAN", "KIA", "KIA", "KK"]
    subjects = set(application.jobs.filter(doc_type="AKTA_KELAHIRAN").values_list("subject_id", flat=True))
    assert subjects == {girl.pk, boy.pk}


def test_birth_to_mother_not_in_register(actors, make_application, approve):
    home = actors["home"]
    data = {
        "children": [child("BAYI UJI", Sex.MALE)],
        "mother_id": None,
        "mother_name": "Siti Aminah",
        "father_id": home["head"].pk,
    }
    application = approve(make_application("AKTA_KELAHIRAN", actors["citizen"], data))
    baby = Person.objects.get(full_name="BAYI UJI")
    assert baby.mother_name == "SITI AMINAH" and baby.family_id == home["head"].family_id
    assert doc_types(application) == ["AKTA_KELAHIRAN", "KIA", "KK"]


def test_birth_without_any_parent_or_family_is_refused(actors, make_application):
    data = {"children": [child("BAYI")], "mother_id": None, "mother_name": "X", "father_id": None}
    with pytest.raises(ValidationError):
        make_application("AKTA_KELAHIRAN", actors["citizen"], data)


def test_second_application_for_the_same_birth_is_refused(actors, make_application):
    data = {"children": [child("BAYI SATU")], "mother_id": actors["home"]["wife"].pk}
    make_application("AKTA_KELAHIRAN", actors["citizen"], data)
    with pytest.raises(ValidationError, match="masih diproses"):
        make_application("AKTA_KELAHIRAN", actors["citizen"], data)


def test_future_birth_date_is_refused(actors, make_application):
    later = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    data = {"children": [child("BAYI", day=later)], "mother_id": actors["home"]["wife"].pk}
    with pytest.raises(ValidationError, match="masa depan"):
        make_application("AKTA_KELAHIRAN", actors["citizen"], data)


def test_stillbirth_records_only(actors, make_application, approve):
    count = Person.objects.count()
    data = {"mother_id": actors["home"]["wife"].pk, "date": "2026-11-02", "place": "RSUD"}
    application = approve(make_application("LAHIR_MATI", actors["citizen"], data))
    assert Person.objects.count() == count
    assert doc_types(application) == ["SK_LAHIR_MATI"]


def test_birth_already_recorded_is_refused_after_approval(actors, make_application, approve):
    data = {"children": [child("BAYI DUA")], "mother_id": actors["home"]["wife"].pk}
    application = approve(make_application("AKTA_KELAHIRAN", actors["citizen"], data))
    application.state = "COMPLETED"  # as the documents app leaves it once issued
    application.save(update_fields=["state"])
    with pytest.raises(ValidationError, match="sudah tercatat dalam KK"):
        make_application("AKTA_KELAHIRAN", actors["citizen"], data)
