import dataclasses
import datetime as dt
import json
from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from registry.choices import LifeStatus, MaritalStatus, Relationship, Sex
from registry.identifiers import decode_nik, decode_nomor_kk
from registry.models import Family, Person
from registry.seeding import city_seed
from registry.selectors import coverage
from registry.synthetic import PROFILES, Profile

AS_OF = dt.date(2026, 11, 28)


def seed(persons=1500, seed_value=7, **kwargs):
    return city_seed(profile=Profile(persons=persons, **kwargs), seed=seed_value, as_of=AS_OF, replace=True)


@pytest.mark.django_db
def test_same_seed_gives_the_same_city_and_another_seed_another():
    seed(seed_value=3)
    first = list(Person.objects.order_by("nik").values_list("nik", "full_name", "birth_date", "family__nomor_kk"))
    seed(seed_value=3)
    again = list(Person.objects.order_by("nik").values_list("nik", "full_name", "birth_date", "family__nomor_kk"))
    assert first == again
    seed(seed_value=4)
    other = list(Person.objects.order_by("nik").values_list("nik", "full_name", "birth_date", "family__nomor_kk"))
    assert other != first


@pytest.mark.django_db
def test_every_nik_is_valid_and_matches_birth_date_sex_and_kecamatan():
    seed()
    persons = list(Person.objects.select_related("family__kelurahan"))
    inside = 0
    for person in persons:
        info = decode_nik(person.nik, today=AS_OF)
        assert info.birth_date == person.birth_date
        assert info.sex == person.sex
        if person.family and info.region_code == person.family.kelurahan.nik_code:
            inside += 1
    assert len({p.nik for p in persons}) == len(persons)
    # Most residents got their NIK in the kecamatan they live in; some came from elsewhere.
    assert inside / len(persons) > 0.8


@pytest.mark.django_db
def test_families_are_realistic():
    seed(persons=3000)
    families = list(Family.objects.prefetch_related("members"))
    assert Person.objects.filter(status=LifeStatus.ALIVE).count() == 3000
    sizes = Counter()
    for family in families:
        decode_nomor_kk(family.nomor_kk, today=AS_OF)
        members = list(family.members.all())
        heads = [m for m in members if m.relationship == Relationship.HEAD]
        assert len(heads) == 1 and family.head_id == heads[0].pk
        sizes[len(members)] += 1
        wives = [m for m in members if m.relationship == Relationship.WIFE]
        for wife in wives:
            assert wife.sex == Sex.FEMALE and wife.marital_status == MaritalStatus.MARRIED
            assert heads[0].marital_status == MaritalStatus.MARRIED
        for child in (m for m in members if m.relationship == Relationship.CHILD):
            assert child.birth_date > heads[0].birth_date
    mean = 3000 / len(families)
    assert 3.0 < mean < 3.6
    assert sizes[1] > 0 and max(sizes) >= 6
    ages = [p.age_on(AS_OF) for p in Person.objects.filter(status=LifeStatus.ALIVE)]
    assert min(ages) == 0 and max(ages) > 80
    assert 0.25 < sum(a <= 18 for a in ages) / len(ages) < 0.45
    assert Person.objects.exclude(status=LifeStatus.ALIVE).filter(family__isnull=False).count() == 0


@pytest.mark.django_db
def test_holdings_are_calibrated_by_exact_counts():
    profile = dataclasses.replace(PROFILES["gorontalo-2020"], persons=4000, families=None)
    city_seed(profile=profile, seed=11, as_of=AS_OF, replace=True)
    figures = coverage(as_of=AS_OF)
    assert figures["population"] == 4000
    assert abs(figures["KTP_EL"].percentage - 95.66) <= 0.1
    assert abs(figures["KK"].percentage - 55.72) <= 0.1
    assert abs(figures["AKTA_KELAHIRAN"].percentage - 99.80) <= 0.1


@pytest.mark.django_db
def test_seed_refuses_a_populated_register_without_replace():
    seed(persons=50)
    with pytest.raises(CommandError, match="--replace"):
        city_seed(profile=Profile(persons=50), seed=1, as_of=AS_OF)


@pytest.mark.django_db
def test_coverage_report_prints_one_json_object():
    call_command("seed_city", persons=800, seed=2, as_of=AS_OF, verbosity=0, stdout=StringIO())
    out = StringIO()
    call_command("coverage_report", json=True, as_of=AS_OF, stdout=out)
    report = json.loads(out.getvalue())
    assert report["population"] == 800
    for code in ("KTP_EL", "KK", "AKTA_KELAHIRAN", "KIA"):
        row = report[code]
        assert set(row) == {"target", "owners", "issued", "percentage"}
        assert 0 < row["owners"] <= row["target"]
        assert row["percentage"] == round(100 * row["owners"] / row["target"], 2)


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.django_db
def test_gorontalo_2020_profile_reproduces_the_office_table():
    if connection.vendor != "postgresql":
        pytest.skip("the full city is seeded on PostgreSQL")
    call_command("seed_city", profile="gorontalo-2020", seed=1, verbosity=0, stdout=StringIO())
    out = StringIO()
    call_command("coverage_report", json=True, stdout=out)
    report = json.loads(out.getvalue())
    assert report["population"] == 201_154
    assert report["KK"]["target"] == 61_549
    assert abs(report["KTP_EL"]["percentage"] - 95.66) <= 0.1
    assert abs(report["KK"]["percentage"] - 55.72) <= 0.1
    assert abs(report["AKTA_KELAHIRAN"]["percentage"] - 99.80) <= 0.1
