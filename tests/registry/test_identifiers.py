import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from registry.choices import Sex
from registry.identifiers import (
    decode_nik,
    decode_nomor_kk,
    generate_nik,
    generate_nomor_kk,
    mask_nik,
    validate_nik,
)
from tests.factories import PersonFactory

TODAY = dt.date(2026, 11, 28)


def reason(number: str, decoder=decode_nik) -> tuple[str, str]:
    with pytest.raises(ValidationError) as caught:
        decoder(number, today=TODAY)
    return caught.value.code, caught.value.messages[0]


def test_valid_male_nik_decodes_region_birth_date_and_sex():
    info = decode_nik("7571011506850003", today=TODAY)
    assert info.region_code == "757101"
    assert info.birth_date == dt.date(1985, 6, 15)
    assert info.sex == Sex.MALE
    assert info.serial == 3


def test_female_nik_adds_forty_to_the_day():
    info = decode_nik("7571055506010001", today=TODAY)
    assert info.sex == Sex.FEMALE
    assert info.birth_date == dt.date(2001, 6, 15)


def test_two_digit_year_takes_the_latest_year_not_after_today():
    assert decode_nik("7571010101300001", today=TODAY).birth_date.year == 1930
    assert decode_nik("7571010101260001", today=TODAY).birth_date.year == 2026


@pytest.mark.parametrize(
    ("nik", "code", "words"),
    [
        ("757101150685000", "length", "16 angka"),
        ("75710115068500031", "length", "16 angka"),
        ("75710115O6850003", "non_digit", "hanya boleh berisi angka"),
        ("７５７１０１１５０６８５０００３", "non_digit", "hanya boleh berisi angka"),
        ("7571011513850003", "month", "Bulan"),
        ("7571011500850003", "month", "Bulan"),
        ("7571010006850003", "day", "41-71 untuk perempuan"),
        ("7571013506850003", "day", "41-71 untuk perempuan"),
        ("7571017206850003", "day", "41-71 untuk perempuan"),
        ("7571013102850003", "impossible_date", "31 Februari"),
        ("7571017102850003", "impossible_date", "31 Februari"),
        ("7571012902230003", "impossible_date", "31 Februari"),
        ("7571011506850000", "serial", "0000"),
    ],
)
def test_invalid_nik_says_why_in_bahasa_indonesia(nik, code, words):
    got_code, message = reason(nik)
    assert got_code == code
    assert words in message


def test_leap_day_is_valid_in_a_leap_year():
    assert decode_nik("7571012902240001", today=TODAY).birth_date == dt.date(2024, 2, 29)


def test_validate_nik_is_a_django_validator():
    validate_nik("7571011506850003")
    with pytest.raises(ValidationError):
        validate_nik("1234")


def test_nomor_kk_rules():
    info = decode_nomor_kk("7571011003150002", today=TODAY)
    assert (info.region_code, info.issue_date, info.serial) == ("757101", dt.date(2015, 3, 10), 2)
    assert reason("7571013102150002", decode_nomor_kk)[0] == "impossible_date"
    assert reason("7571011003150000", decode_nomor_kk)[0] == "serial"
    assert reason("75710110031500", decode_nomor_kk)[0] == "length"
    # No +40 rule for a KK: day 41 is simply wrong.
    assert reason("7571014103150001", decode_nomor_kk)[0] == "day"


def test_mask_nik_keeps_region_and_serial_only():
    assert mask_nik("7571014506900003") == "7571••••••••0003"


@pytest.mark.django_db
def test_generated_nik_is_valid_consistent_and_continues_after_the_register():
    existing = PersonFactory(birth_date=dt.date(1990, 4, 5), sex=Sex.FEMALE)
    prefix = existing.nik[:12]
    number = generate_nik(region_code=existing.nik[:6], birth_date=dt.date(1990, 4, 5), sex=Sex.FEMALE)
    info = decode_nik(number)
    assert number.startswith(prefix)
    assert info.birth_date == dt.date(1990, 4, 5)
    assert info.sex == Sex.FEMALE
    assert info.serial == int(existing.nik[12:]) + 1


@pytest.mark.django_db
def test_generated_nomor_kk_encodes_kecamatan_and_issue_date():
    number = generate_nomor_kk(region_code="757105", issue_date=dt.date(2026, 11, 28))
    assert number == "7571052811260001"
    assert generate_nomor_kk(region_code="757105", issue_date=dt.date(2026, 11, 28)) == "7571052811260002"


def _hammer(generate, count: int, threads: int) -> list[str]:
    results: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    barrier = threading.Barrier(threads)

    def work():
        try:
            barrier.wait()
            for _ in range(count):
                number = generate()
                with lock:
                    results.append(number)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert not errors, errors
    return results


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_nik_generation_on_postgresql_never_repeats():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are proven on PostgreSQL")
    born = dt.date(2026, 11, 20)
    numbers = _hammer(lambda: generate_nik(region_code="757103", birth_date=born, sex=Sex.MALE), 15, 6)
    assert len(numbers) == 90
    assert len(set(numbers)) == 90
    assert sorted(int(n[12:]) for n in numbers) == list(range(1, 91))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_nomor_kk_generation_on_postgresql_never_repeats():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are proven on PostgreSQL")
    numbers = _hammer(lambda: generate_nomor_kk(region_code="757104", issue_date=dt.date(2026, 11, 28)), 15, 6)
    assert len(set(numbers)) == len(numbers) == 90
