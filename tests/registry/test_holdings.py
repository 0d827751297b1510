"""Holding services: an issued document marks what a family or person holds, and nothing else."""

import datetime as dt

import pytest
from django.utils import timezone

from registry.services import holding_record_kks, holding_record_person
from tests.factories import household

pytestmark = pytest.mark.django_db


def test_kk_holding_sets_version_and_print_time_without_history_or_data_change():
    family = household()["head"].family
    changed_before, history_before = family.data_changed_at, family.history.count()
    printed = timezone.now() + dt.timedelta(minutes=1)
    other = household()["head"].family
    holding_record_kks(printed={family.pk: (printed, 3), other.pk: (printed, 2)})
    family.refresh_from_db()
    other.refresh_from_db()
    assert family.kk_version == 3 and family.kk_printed_at == printed
    assert other.kk_version == 2
    assert family.data_changed_at == changed_before and family.history.count() == history_before
    assert family.kk_is_current


def test_person_holding_sets_only_the_given_documents():
    person = household()["head"]
    ktp_at = timezone.now()
    holding_record_person(person_id=person.pk, ktp_el_issued_at=ktp_at)
    holding_record_person(person_id=person.pk, akta_kelahiran_number="7571-LT-01", akta_kelahiran_issued_at=ktp_at)
    person.refresh_from_db()
    assert person.ktp_el_issued_at == ktp_at
    assert person.akta_kelahiran_number == "7571-LT-01" and person.akta_kelahiran_issued_at == ktp_at
    assert person.kia_issued_at is None
