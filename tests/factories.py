"""factory_boy factories for the register and accounts."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from registry.choices import (
    BloodType,
    Education,
    MaritalStatus,
    RegionLevel,
    Relationship,
    Religion,
    Sex,
)
from registry.identifiers import generate_nik, generate_nomor_kk
from registry.models import Family, Person, Region


def kelurahan(code: str = "75.71.01.1001") -> Region:
    return Region.objects.get(code=code, level=RegionLevel.KELURAHAN)


class FamilyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Family

    kelurahan = factory.LazyFunction(kelurahan)
    nomor_kk = factory.LazyAttribute(
        lambda o: generate_nomor_kk(region_code=o.kelurahan.nik_code, issue_date=dt.date(2015, 3, 10))
    )
    address = factory.Sequence(lambda n: f"Jl. Nani Wartabone No. {n + 1}")
    rt = "001"
    rw = "002"
    postal_code = "96136"
    kk_printed_at = factory.LazyFunction(timezone.now)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    family = factory.SubFactory(FamilyFactory)
    relationship = Relationship.HEAD
    full_name = factory.Sequence(lambda n: f"WARGA UJI {n}")
    sex = Sex.MALE
    birth_place = "GORONTALO"
    birth_date = dt.date(1985, 6, 15)
    religion = Religion.ISLAM
    education = Education.SLTA
    occupation = "WIRASWASTA"
    blood_type = BloodType.O
    marital_status = MaritalStatus.MARRIED
    father_name = "AYAH UJI"
    mother_name = "IBU UJI"
    data_changed_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=400))
    nik = factory.LazyAttribute(
        lambda o: generate_nik(
            region_code=(o.family.kelurahan.nik_code if o.family else "757101"), birth_date=o.birth_date, sex=o.sex
        )
    )

    @factory.post_generation
    def make_head(obj: Person, create: bool, extracted, **kwargs) -> None:  # noqa: ANN001, N805
        if create and obj.family and obj.relationship == Relationship.HEAD and obj.family.head_id is None:
            obj.family.head = obj
            obj.family.save(update_fields=["head"])


def household(*, children: int = 1, kelurahan_code: str = "75.71.01.1001") -> dict[str, Person]:
    """A married couple with ``children`` children: {"head", "wife", "child0", ...}."""
    family = FamilyFactory(kelurahan=kelurahan(kelurahan_code))
    members = {
        "head": PersonFactory(
            family=family, relationship=Relationship.HEAD, sex=Sex.MALE, birth_date=dt.date(1980, 1, 20)
        ),
        "wife": PersonFactory(
            family=family, relationship=Relationship.WIFE, sex=Sex.FEMALE, birth_date=dt.date(1984, 5, 2)
        ),
    }
    for index in range(children):
        members[f"child{index}"] = PersonFactory(
            family=family,
            relationship=Relationship.CHILD,
            sex=Sex.FEMALE if index % 2 else Sex.MALE,
            birth_date=dt.date(2012 + index, 8, 9),
            marital_status=MaritalStatus.SINGLE,
        )
    return members


def move_in_form_data(family: Family, **overrides: str) -> dict[str, str]:
    """A valid MoveInForm payload: a relative from Makassar joining ``family``."""
    data = {
        "nik": "7371021505900002",
        "full_name": "Paman Datang",
        "sex": "LAKI-LAKI",
        "birth_date": "1990-05-15",
        "birth_place": "Makassar",
        "religion": "ISLAM",
        "relationship": "FAMILI LAIN",
        "join_family": "on",
        "address": family.address,
        "rt": "001",
        "rw": "002",
        "kelurahan_code": family.kelurahan_id,
        "origin": "Kota Makassar",
    }
    data.update(overrides)
    return data


def married_son(head: Person) -> Person:
    """A married son of ``head`` living in the same KK (his wife elsewhere)."""
    return PersonFactory(
        family=head.family,
        relationship=Relationship.CHILD,
        sex=Sex.MALE,
        birth_date=dt.date(2000, 1, 1),
        marital_status=MaritalStatus.MARRIED,
    )
