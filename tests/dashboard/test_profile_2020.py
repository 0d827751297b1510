"""The demo city seeded with ``--profile gorontalo-2020`` reproduces the office's 2020 table."""

import csv
import dataclasses
import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from registry.synthetic import PROFILES

# register.md: the office's own figures for 2020 (SIAK).
TABLE_2020 = {"KTP_EL": 95.66, "KK": 55.72, "AKTA_KELAHIRAN": 99.80}
AS_OF = dt.date(2020, 12, 31)


def assert_reproduces_the_table(board):
    assert board.year == 2020 and board.as_of == AS_OF
    for code, expected in TABLE_2020.items():
        assert abs(board.city.figures[code].percentage - expected) <= 0.1, (code, board.city.figures[code])


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.django_db
def test_full_2020_profile_reproduces_the_table_on_the_page(client):
    if connection.vendor != "postgresql":
        pytest.skip("the 201,154-resident city is seeded on PostgreSQL only (about a minute)")
    call_command("seed_city", profile="gorontalo-2020", as_of=AS_OF, verbosity=0)
    response = client.get(reverse("registry:coverage"), {"tahun": 2020})
    board = response.context["board"]
    assert board.city.population == 201_154
    assert board.city.figures["KK"].target == 61_549
    assert_reproduces_the_table(board)
    csv_text = client.get(reverse("registry:coverage_csv"), {"tahun": 2020}).content.decode()
    city_rows = {row["dokumen"]: row for row in csv.DictReader(io.StringIO(csv_text)) if row["tingkat"] == "kota"}
    for code, expected in TABLE_2020.items():
        assert abs(float(city_rows[code]["cakupan_persen"]) - expected) <= 0.1


@pytest.mark.slow
@pytest.mark.django_db
def test_a_smaller_city_of_the_same_proportions_reproduces_the_table(client):
    full = PROFILES["gorontalo-2020"]
    persons = 30_000
    profile = dataclasses.replace(full, persons=persons, families=round(full.families * persons / full.persons))
    from registry.seeding import city_seed

    city_seed(profile=profile, seed=5, as_of=AS_OF)
    board = client.get(reverse("registry:coverage"), {"tahun": 2020}).context["board"]
    assert board.city.population == persons
    assert_reproduces_the_table(board)
